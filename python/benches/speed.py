"""Speed of the binding, measured in one process on the development HTML pages.

    python python/benches/speed.py [--shared ../shared] [--rounds 3]

Prints, each as the best of --rounds runs:
- strip_many on 2 threads against 1 thread (the speed-up);
- the per-call cost of strip on a one-line text;
- strip_html against trafilatura.extract and Resiliparse's
  extract_plain_text(main_content=True), one thread, same pages (ratios), for
  those of the two that are installed.
"""

import argparse
import os
import pathlib
import time

import dechaff


def best(fn, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    here = pathlib.Path(__file__).resolve().parent.parent
    p = argparse.ArgumentParser()
    p.add_argument("--shared", default=os.environ.get("DECHAFF_SHARED", here.parent.parent / "shared"))
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    folder = pathlib.Path(a.shared) / "eval" / "scrapinghub-aeb" / "html"
    pages = [f.read_bytes() for f in sorted(folder.iterdir())]
    mb = sum(map(len, pages)) / 1e6
    s = dechaff.Stripper()
    s.strip_many(pages[:5])  # warm up

    one = best(lambda: s.strip_many(pages, threads=1), a.rounds)
    two = best(lambda: s.strip_many(pages, threads=2), a.rounds)
    print(f"pages: {len(pages)} ({mb:.1f} MB), {os.cpu_count()} cores")
    print(f"strip_many 1 thread : {mb / one:7.1f} MB/s")
    print(f"strip_many 2 threads: {mb / two:7.1f} MB/s  ({one / two:.2f}x)")

    line = "The council approved the budget."
    n = 200_000
    call = best(lambda: [s.strip(line) for _ in range(n)], a.rounds) / n
    empty = best(lambda: [len(line) for _ in range(n)], a.rounds) / n
    print(f"strip(one line)     : {(call - empty) * 1e6:7.2f} us per call (loop overhead taken out)")

    texts = [pg.decode("utf-8", "replace") for pg in pages]
    ours = best(lambda: [s.strip_html(t) for t in texts], a.rounds)
    print(f"strip_html (str)    : {mb / ours:7.1f} MB/s, one thread")
    try:
        import trafilatura

        theirs = best(lambda: [trafilatura.extract(t) for t in texts], 1)
        print(f"trafilatura.extract : {mb / theirs:7.1f} MB/s  -> dechaff {theirs / ours:.1f}x faster")
    except ImportError:
        print("trafilatura        : not installed")
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        def resiliparse_all():
            for t in texts:
                extract_plain_text(HTMLTree.parse(t), main_content=True)

        theirs = best(resiliparse_all, a.rounds)
        print(f"resiliparse         : {mb / theirs:7.1f} MB/s  -> dechaff {theirs / ours:.2f}x as fast")
    except ImportError:
        print("resiliparse        : not installed")


if __name__ == "__main__":
    main()
