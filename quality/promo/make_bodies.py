#!/usr/bin/env python3
"""Builds a dataset whose pages are another dataset's gold bodies, the kind of
page the issue's hidden promo test inserts into (real article bodies, no site
chrome): text/<id>.txt (paragraphs, a blank line between), html/<id>.html (the
paragraphs as <p> in an <article>), gold/<id>.txt and manifest.jsonl.

    python3 quality/promo/make_bodies.py ../shared/eval/scrapinghub-aeb target/bodies
    dechaff eval target/bodies --promo quality/promo/holdout --mode text
"""
import html
import json
import os
import sys


def main(src, out):
    for sub in ("text", "html", "gold"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    with open(os.path.join(src, "manifest.jsonl"), encoding="utf-8") as manifest, open(
        os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8"
    ) as written:
        for line in manifest:
            page = json.loads(line)
            with open(os.path.join(src, "gold", page["id"] + ".txt"), encoding="utf-8") as f:
                paragraphs = [p.strip() for p in f.read().split("\n") if p.strip()]
            if not paragraphs:
                continue
            path = lambda sub, ext: os.path.join(out, sub, page["id"] + ext)
            with open(path("text", ".txt"), "w", encoding="utf-8") as f:
                f.write("\n\n".join(paragraphs) + "\n")
            with open(path("gold", ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(paragraphs) + "\n")
            body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
            with open(path("html", ".html"), "w", encoding="utf-8") as f:
                f.write(
                    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Article</title>'
                    f"</head><body><article>\n{body}</article></body></html>\n"
                )
            written.write(json.dumps(page, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_bodies.py SOURCE_DATASET OUT_DIR")
    main(sys.argv[1], sys.argv[2])
