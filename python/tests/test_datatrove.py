"""A datatrove pipeline (JSONL reader -> DechaffExtractor -> JSONL writer) run locally."""

import gzip
import json

import pytest

from conftest import command

pytest.importorskip("datatrove")


def test_a_local_pipeline_writes_what_the_command_writes(pages, bin_path, tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from dechaff.datatrove import DechaffExtractor

    source = tmp_path / "in"
    source.mkdir()
    html = {i: page.decode("utf-8", "replace") for i, _, page in pages}
    with open(source / "pages.jsonl", "w", encoding="utf-8") as f:
        for i, page in html.items():
            f.write(json.dumps({"id": i, "text": page}) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source)),
            DechaffExtractor(),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    got = {}
    for path in (tmp_path / "out").iterdir():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                got[record["id"]] = record["text"]
    # The command, given the same text (UTF-8, marked so by a byte-order mark,
    # as the binding reads a str).
    want = {
        i: command("--format", "html", stdin=b"\xef\xbb\xbf" + page.encode("utf-8")).rstrip("\n")
        for i, page in html.items()
    }
    # datatrove drops documents whose text comes out empty.
    assert got == {i: body for i, body in want.items() if body}
    assert len(got) >= 15
