#!/usr/bin/env bash
# How long a page report takes to load in headless Chromium: the report of
# PAGE (default: a generated page of about 1 MB, paragraphs with ordinary
# markup), loaded ROUNDS times; prints the report's size against the page's
# and each load time (performance.now() at the load event, from
# <body data-load-ms>).  bash cli/benches/report-render.sh [PAGE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${DECHAFF_BIN:-target/release/dechaff}
CHROMIUM=${CHROMIUM:-chromium}
ROUNDS=${2:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PAGE=${1:-}
if [ -z "$PAGE" ]; then
  PAGE=$WORK/page.html
  python3 - "$PAGE" <<'PY'
import sys
prose = ("The council approved the new budget on Tuesday after a long debate that went on late "
         "into the night, and the mayor said the roads would be repaired.")
out = ["<html><body><nav><a href=/>Home</a></nav><article>"]
size, n = 0, 0
while size < 1 << 20:
    p = (f'<div class="article-body__paragraph-wrapper"><p class="article-body__paragraph" '
         f'data-component="text-block">{prose} Paragraph {n} goes on with <a href="https://example.com/news/{n}" '
         f'class="inline-link">more words</a> about the vote.</p></div>')
    if n % 10 == 0:
        p += '<div class="share-bar"><a href=x class="share-button">Share</a> <a href=y class="share-button">Tweet</a></div>'
    out.append(p)
    size += len(p)
    n += 1
out.append("</article><footer>&copy; 2024 Gazette</footer></body></html>")
open(sys.argv[1], "w").write("".join(out))
PY
fi
"$BIN" report --out "$WORK/report.html" "$PAGE"
echo "page $(stat -c %s "$PAGE") bytes, report $(stat -c %s "$WORK/report.html") bytes"
for _ in $(seq "$ROUNDS"); do
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --dump-dom "file://$WORK/report.html" 2>/dev/null \
    | grep -o 'data-load-ms="[0-9]*"' | tr -dc '0-9' ; echo " ms"
done
