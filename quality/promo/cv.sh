#!/bin/bash
# The whole engine on promotion it was not trained on: for each kind (or
# language) of the promo set, a promo model trained without it, the promo set
# evaluated with that model, and the held-out group's figures; then pooled.
#   quality/promo/cv.sh kind|lang|fold|set   (from the repository root, after a release build)
# fold: a tenth of the set at a time, every kind and language in each: new
# wording of what the model knows. set: the whole set held out, the model
# trained on train/ only (written apart from it): promotion written by others.
set -euo pipefail
BY=${1:-kind}
BIN=${BIN:-target/release/dechaff}
SHARED=${DECHAFF_SHARED:-../shared}
SET=quality/promo/paragraphs
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ "$BY" = fold ]; then
  groups="0 1 2 3 4 5 6 7 8 9"
elif [ "$BY" = set ]; then
  groups="eval"
else
  groups=$(cat $SET/*.jsonl | python3 -c "import sys, json; print(' '.join(sorted({json.loads(l)['$BY'] for l in sys.stdin})))")
fi
for g in $groups; do
  "$BIN" train-promo --articles "$SHARED/eval/scrapinghub-aeb" --articles "$SHARED/eval/mozilla-readability" \
    --articles "$SHARED/eval/trafilatura-eval" \
    --exclude "$BY=$g" --out "$TMP/$g.model" > /dev/null
  for mode in text html; do
    "$BIN" eval "$SHARED/eval/scrapinghub-aeb" --promo $SET --mode $mode --promo-model "$TMP/$g.model" --json \
      | python3 -c "import sys, json; d = json.load(sys.stdin); r = d if '$BY' == 'set' else d['by']['$BY']['$g']; print('$mode', '$g', r['promo_recall'], r.get('promo', 1), r['lookalike_retention'], r.get('lookalikes', 1))"
  done
done | python3 -c "
import sys, collections
rows = [l.split() for l in sys.stdin]
for mode in ('text', 'html'):
    print(f'{mode}: held out by $BY (promo recall, look-alike retention)')
    tot = collections.Counter()
    for m, g, r, n, k, c in rows:
        if m != mode: continue
        print(f'  {g:<14} {float(r):.3f}  {float(k):.3f}')
        tot['r'] += float(r) * int(n); tot['n'] += int(n); tot['k'] += float(k) * int(c); tot['c'] += int(c)
    print(f'  pooled         {tot[\"r\"] / tot[\"n\"]:.3f}  {tot[\"k\"] / tot[\"c\"]:.3f}')
"
