#!/usr/bin/env python3
"""Builds a dataset whose pages are another dataset's gold bodies, the kind of
page the issue's hidden promo test inserts into (real article bodies, no site
chrome): text/<id>.txt (paragraphs, a blank line between), html/<id>.html (the
paragraphs as <p> in an <article>), gold/<id>.txt and manifest.jsonl.

    python3 quality/promo/make_bodies.py ../shared/eval/scrapinghub-aeb target/bodies
    dechaff eval target/bodies --promo quality/promo/holdout --mode text

With --news, only the pages whose manifest `template` describes a news or blog
article (not a press-release wire, a shop, a company page, a forum or a recipe),
of 150 words or more (450 chars in Chinese and Japanese): the templates' bodies
that read as real articles, for `eval --same-language` ("Own-language bodies"
in quality/promo/README.md).

    python3 quality/promo/make_bodies.py quality/templates target/news-bodies --news
"""
import html
import json
import os
import re
import sys

NEWS = re.compile(
    r"news|newspaper|magazine|article|journal|daily|gazette|feature|report|editorial|column"
    r"|broadcaster|tabloid|portal|blog",
    re.I,
)
NOT_NEWS = re.compile(
    r"press.release|press-release|wire|product|shop|store|company|corporate|brand|recipe|forum"
    r"|Q&A|question|catalog|listing|landing|sign-up|pricing|e-?commerce|retail|coupon|deal",
    re.I,
)


def is_news(page, paragraphs):
    """Whether a page of a templates manifest is a news or blog article of some length."""
    template = page.get("template", "")
    if not NEWS.search(template) or NOT_NEWS.search(template):
        return False
    text = "\n".join(paragraphs)
    if page.get("lang", "")[:2] in ("ja", "zh"):
        return len(text) >= 450
    return len(text.split()) >= 150


def main(src, out, news=False):
    for sub in ("text", "html", "gold"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    with open(os.path.join(src, "manifest.jsonl"), encoding="utf-8") as manifest, open(
        os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8"
    ) as written:
        for line in manifest:
            page = json.loads(line)
            with open(os.path.join(src, "gold", page["id"] + ".txt"), encoding="utf-8") as f:
                paragraphs = [p.strip() for p in f.read().split("\n") if p.strip()]
            if not paragraphs or (news and not is_news(page, paragraphs)):
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
    args = [a for a in sys.argv[1:] if a != "--news"]
    if len(args) != 2:
        sys.exit("usage: make_bodies.py SOURCE_DATASET OUT_DIR [--news]")
    main(args[0], args[1], news="--news" in sys.argv[1:])
