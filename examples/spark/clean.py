"""Clean a JSONL or Parquet corpus of HTML pages with dechaff on Spark.

    spark-submit examples/spark/clean.py pages.jsonl clean/ --field html
    spark-submit examples/spark/clean.py pages.parquet clean/ --field html --output-format parquet

Every record comes out once, with its field replaced by the clean body and
its other fields kept; each partition builds one ``dechaff.Stripper`` and
strips its records in order, with the interpreter released. A record the
stripper refuses (over ``--max-bytes``) keeps the field as null. Needs the
binding on every executor: ``pip install ./python``.
"""

import argparse
from typing import Iterable, Iterator

from pyspark.sql import Row, SparkSession

# Records stripped per call: large enough to amortise the call, small enough
# to keep a partition's memory flat.
BATCH = 256


def clean_partition(
    rows: Iterable[Row], field: str, fmt: str, preset: str, max_bytes: int
) -> Iterator[Row]:
    import dechaff

    stripper = dechaff.Stripper(preset=preset, max_bytes=max_bytes)

    def flush(batch):
        docs = [r[field] or "" for r in batch]
        try:
            bodies = stripper.strip_many(docs, format=fmt, threads=1)
        except dechaff.LimitError:
            # One record over the limit: strip the batch one by one.
            bodies = []
            for d in docs:
                try:
                    bodies.append(stripper.strip_many([d], format=fmt, threads=1)[0])
                except dechaff.LimitError:
                    bodies.append(None)
        for r, body in zip(batch, bodies):
            d = r.asDict()
            d[field] = body
            yield Row(**d)

    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield from flush(batch)
            batch = []
    if batch:
        yield from flush(batch)


def clean(spark: SparkSession, source: str, target: str, field: str = "text", fmt: str = "html",
          preset: str = "balanced", output_format: str = "json", max_bytes: int = 64 << 20) -> None:
    """Reads `source` (Parquet if it ends in .parquet, else JSONL), cleans `field`, writes `target`."""
    reader = spark.read.parquet if source.rstrip("/").endswith(".parquet") else spark.read.json
    df = reader(source)
    columns = df.columns
    cleaned = df.rdd.mapPartitions(
        lambda rows: clean_partition(rows, field, fmt, preset, max_bytes)
    ).toDF(df.schema)
    writer = cleaned.select(*columns).write.mode("overwrite")
    (writer.parquet if output_format == "parquet" else writer.json)(target)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("source", help="JSONL or Parquet (file or folder) of records holding HTML")
    p.add_argument("target", help="output folder")
    p.add_argument("--field", default="text", help="the field holding the page (default: text)")
    p.add_argument("--format", default="html", choices=["auto", "text", "html"])
    p.add_argument("--preset", default="balanced", choices=["precision", "balanced", "recall"])
    p.add_argument("--output-format", default="json", choices=["json", "parquet"])
    p.add_argument("--max-bytes", type=int, default=64 << 20)
    a = p.parse_args()
    spark = SparkSession.builder.appName("dechaff-clean").getOrCreate()
    clean(spark, a.source, a.target, a.field, a.format, a.preset, a.output_format, a.max_bytes)
    spark.stop()


if __name__ == "__main__":
    main()
