#!/usr/bin/env python3
"""Look-alike retention on real paragraphs: of a bodies dataset's gold
paragraphs (built by make_bodies.py) that merely look promotional, the share
dechaff keeps. The issue's hidden promo test counts "real article paragraphs
that merely look promotional (an e-mail address, a price, 'download', 'press
release', 'subscribe', an @handle)"; the look-alikes of quality/promo are
written ones, and score higher.

A paragraph counts when it has 8 words or more and a cue below; it is kept
when the body dechaff outputs holds its first 60 characters (whitespace
runs read as one space).

    python3 quality/promo/make_bodies.py ../shared/eval/scrapinghub-aeb target/bodies
    python3 quality/promo/real_lookalikes.py target/bodies --mode html [-- DECHAFF ARGS]

Scored with the built-in scorer, the figure is in-sample for scrapinghub's
pages (the scorer learned their gold as article text): pass
`-- --promo-model MODEL` with a model trained without them (see
quality/heldout-scorer/README.md) for the honest one.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

CUES = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+"  # an address
    r"|[$€£¥]\s?\d|\d\s?(?:€|USD|EUR|dollars?|euros?)"  # a price
    r"|(?<![\w@])@[A-Za-z0-9_]{2,}"  # a handle
    r"|\b(?:download|press release|subscri|coupon|discount|sponsor|newsletter|cookie|copyright|promo)"
    r"|\b(?:free|app)\b",
    re.IGNORECASE,
)
MIN_WORDS = 8
HEAD = 60
BATCH = 60
# As `dechaff eval --baseline`.
TOLERANCE = 0.005


def squeeze(text):
    return re.sub(r"\s+", " ", text).strip()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="Arguments after -- go to dechaff."
    )
    parser.add_argument("bodies", help="a dataset built by make_bodies.py")
    parser.add_argument("--mode", choices=("text", "html"), default="text")
    parser.add_argument("--bin", default="target/release/dechaff")
    parser.add_argument("--lost", type=int, default=0, help="list this many lost paragraphs")
    parser.add_argument(
        "--baseline",
        help="a file whose 'retention X' line the figure must not fall more than 0.005 under (exit 1)",
    )
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    args.dechaff_args = argv[cut + 1 :]
    folder = "text" if args.mode == "text" else "html"
    files = sorted(glob.glob(os.path.join(args.bodies, folder, "*")))
    if not files:
        sys.exit(f"no pages in {args.bodies}/{folder}")
    total = kept = 0
    lost = []
    for i in range(0, len(files), BATCH):
        command = [args.bin, "--format", args.mode, "--json", *args.dechaff_args, *files[i : i + BATCH]]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        for line in filter(str.strip, out.split("\n")):
            result = json.loads(line)
            page = os.path.splitext(os.path.basename(result["file"]))[0]
            with open(os.path.join(args.bodies, "gold", page + ".txt"), encoding="utf-8") as f:
                gold = [p.strip() for p in f.read().split("\n") if p.strip()]
            body = squeeze(" ".join(p["text"] for p in result["paragraphs"] if p["kept"]))
            for paragraph in gold:
                if len(paragraph.split()) < MIN_WORDS or not CUES.search(paragraph):
                    continue
                total += 1
                if squeeze(paragraph)[:HEAD] in body:
                    kept += 1
                else:
                    lost.append((page, paragraph))
    retention = kept / max(total, 1)
    print(f"{args.mode}: real look-alike paragraphs kept {kept} of {total}: {retention:.4f}")
    for page, paragraph in lost[: args.lost]:
        print(f"  lost  {page[:12]}  {paragraph[:100]}")
    if args.baseline:
        with open(args.baseline, encoding="utf-8") as f:
            lines = [l.split() for l in f if l.startswith("retention ")]
        expected = float(lines[0][1])
        if retention < expected - TOLERANCE:
            sys.exit(f"baseline FAILED: retention {retention:.4f} vs {expected:.4f} ({args.baseline})")
        print(f"baseline ok: retention {retention:.4f} vs {expected:.4f} ({args.baseline})")


if __name__ == "__main__":
    main()
