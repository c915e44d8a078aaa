"""Where the tests find the development pages and the `dechaff` command they compare with."""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = pathlib.Path(os.environ.get("DECHAFF_SHARED", REPO.parent / "shared"))
BIN = pathlib.Path(os.environ.get("DECHAFF_BIN", REPO / "target" / "release" / "dechaff"))
SCRAPINGHUB = SHARED / "eval" / "scrapinghub-aeb"


def ids(limit):
    """The first `limit` page ids of the scrapinghub development set."""
    with open(SCRAPINGHUB / "manifest.jsonl", encoding="utf-8") as f:
        return [json.loads(line)["id"] for line in f][:limit]


def command(*args, stdin=None):
    """The `dechaff` command's stdout."""
    out = subprocess.run([str(BIN), *args], input=stdin, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@pytest.fixture(scope="session")
def pages():
    """(id, text, html bytes) of 20 development pages."""
    if not SCRAPINGHUB.is_dir():
        pytest.skip(f"no development pages at {SCRAPINGHUB} (set DECHAFF_SHARED)")
    return [
        (
            i,
            (SCRAPINGHUB / "text" / f"{i}.txt").read_text(encoding="utf-8"),
            (SCRAPINGHUB / "html" / f"{i}.html").read_bytes(),
        )
        for i in ids(20)
    ]


@pytest.fixture(scope="session")
def bin_path():
    if not BIN.is_file():
        pytest.skip(f"no dechaff command at {BIN} (cargo build --release, or set DECHAFF_BIN)")
    return BIN
