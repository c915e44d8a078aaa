"""The Spark example job and the README's RDD.pipe recipe, in Spark local mode (local[2])."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, command

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
    pytest.skip("Spark needs a Java runtime (openjdk-17-jre-headless)", allow_module_level=True)

sys.path.insert(0, str(REPO / "examples" / "spark"))
import clean as spark_job  # noqa: E402  (examples/spark/clean.py)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dechaff-test")
        .config("spark.ui.enabled", "false")
        # Small splits, so that the pages spread over several partitions.
        .config("spark.sql.files.maxPartitionBytes", str(512 * 1024))
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    # The job's module, for the workers to unpickle its functions (spark-submit
    # ships the script it runs).
    session.sparkContext.addPyFile(str(REPO / "examples" / "spark" / "clean.py"))
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(pages, bin_path, tmp_path_factory):
    """A JSONL corpus of development pages, and `dechaff corpus`'s records for it."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "pages.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for n, (i, _, html) in enumerate(pages):
            f.write(json.dumps({"id": i, "n": n, "html": html.decode("utf-8", "replace")}) + "\n")
    out = command("corpus", "-j", "1", "--field", "html", "--format", "html", str(path))
    return path, [json.loads(line) for line in out.splitlines()]


def read_json_parts(folder):
    records = []
    for part in sorted(p for p in os.listdir(folder) if p.startswith("part-")):
        with open(os.path.join(folder, part), encoding="utf-8") as f:
            records += [json.loads(line) for line in f]
    return records


def test_the_spark_job_cleans_jsonl_once_in_order_as_corpus_mode(spark, corpus, tmp_path):
    source, want = corpus
    target = tmp_path / "clean"
    spark_job.clean(spark, str(source), str(target), field="html", fmt="html")
    assert spark.read.json(str(source)).rdd.getNumPartitions() >= 2
    got = read_json_parts(target)
    assert [r["id"] for r in got] == [r["id"] for r in want]
    assert [r["html"] for r in got] == [r["html"] for r in want]
    assert [r["n"] for r in got] == list(range(len(want)))


def test_the_spark_job_reads_and_writes_parquet(spark, corpus, tmp_path):
    source, want = corpus
    parquet = tmp_path / "pages.parquet"
    spark.read.json(str(source)).write.parquet(str(parquet))
    target = tmp_path / "clean.parquet"
    spark_job.clean(spark, str(parquet), str(target), field="html", fmt="html", output_format="parquet")
    got = {r["id"]: r["html"] for r in spark.read.parquet(str(target)).collect()}
    assert spark.read.parquet(str(target)).count() == len(want)
    assert got == {r["id"]: r["html"] for r in want}


def test_the_readme_pipe_recipe_keeps_count_and_order(spark, corpus, bin_path):
    source, want = corpus
    sc = spark.sparkContext
    rdd = sc.textFile(str(source), minPartitions=3).map(json.loads)
    assert rdd.getNumPartitions() >= 2
    # As README.md gives it, with the command's path and the page field.
    clean = (
        rdd.map(json.dumps)
        .pipe(f"{bin_path} corpus -j 1 --field html --format html")
        .map(json.loads)
    )
    got = clean.collect()
    assert got == want
