"""Benchmark the vectorised path (issue 13) against Python loops over the core.

Run on demand (never part of the test suite)::

    python benchmarks/bench_dataframes.py                 # Polars is_valid / error_code, pandas
    python benchmarks/bench_dataframes.py --spark         # and the Spark recipe against a UDF
    python benchmarks/bench_dataframes.py --rows 200000   # a quicker look

Corpus: ``bench_core.build_corpus`` (70 % valid, 30 % invalid of five kinds), 1,000,000 rows.
Each candidate runs ``--repeat`` times, alternating with its baseline; the best time of each
is compared (the machine is shared, the minimum is the least disturbed run).  The timed part
ends where each side has its natural result: the loops a list (or pandas series), the
vectorised side a Polars (or pandas) series; results are compared afterwards.

- ``is_valid``: ``[is_valid(s) for s in rows]`` against
  ``frame.lazy().select(permitcheck.polars.is_valid("id")).collect()``;
- ``error_code``: a loop of ``check()`` taking the first problem's code against
  ``permitcheck.polars.error_code``;
- pandas: ``Series.map(is_valid)`` against ``Series.permit.is_valid()``;
- ``kind``: a loop of ``identify(s).kind`` (None where it raises) against
  ``permitcheck.polars.kind``, over a corpus of every document kind (70 % valid, compact or
  spelled; 30 % near misses; ``PermitGenerator``);
- Spark (``--spark``): ``mapInArrow`` with ``check_arrow_batches`` against a per-value
  Python UDF computing the same two columns, on one local session and one cached frame.

Every vectorised result is compared with the loop's: the script stops on any disagreement.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import polars as pl

import permitcheck
import permitcheck.pandas
import permitcheck.polars as pcp
from permitcheck.generate import PermitGenerator

sys.path.insert(0, str(Path(__file__).parent))
from bench_core import build_corpus


def best(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def first_code(number: str) -> str | None:
    result = permitcheck.check(number)
    return result.problems[0].code if result.problems else None


def to_list(result: object) -> object:
    """The values of a list, a Polars or a pandas series, compared after timing."""
    if isinstance(result, pl.Series):
        return result.to_list()
    if isinstance(result, pd.Series):
        return [None if value is pd.NA else value for value in result.tolist()]
    return result


def compare(
    label: str, loop: Callable[[], object], vector: Callable[[], object], repeat: int, target: float
) -> None:
    loop_time = vector_time = float("inf")
    loop_result = vector_result = None
    for _ in range(repeat):  # alternate, so both see the same load
        elapsed, loop_result = best(loop, 1)
        loop_time = min(loop_time, elapsed)
        elapsed, vector_result = best(vector, 1)
        vector_time = min(vector_time, elapsed)
    if to_list(loop_result) != to_list(vector_result):
        raise SystemExit(f"{label}: the vectorised result differs from the loop's")
    ratio = loop_time / vector_time
    verdict = "met" if ratio >= target else "NOT met"
    print(
        f"{label:45s} loop {loop_time * 1000:8.1f} ms  vectorised {vector_time * 1000:8.1f} ms"
        f"  ratio {ratio:5.2f}x  (target {target:g}x: {verdict})",
        flush=True,
    )


def polars_and_pandas(rows: list[str], repeat: int) -> None:
    frame = pl.DataFrame({"id": rows})
    series = pd.Series(rows, dtype=object)

    compare(
        "is_valid: Python loop vs Polars lazy",
        lambda: [permitcheck.is_valid(number) for number in rows],
        lambda: frame.lazy().select(pcp.is_valid("id")).collect().to_series(),
        repeat,
        7,
    )
    compare(
        "error_code: check() loop vs Polars lazy",
        lambda: [first_code(number) for number in rows],
        lambda: frame.lazy().select(pcp.error_code("id")).collect().to_series(),
        repeat,
        5,
    )
    compare(
        "pandas: Series.map(is_valid) vs Series.permit",
        lambda: series.map(permitcheck.is_valid),
        series.permit.is_valid,
        repeat,
        1,
    )


def identified_kind(number: str) -> str | None:
    try:
        return permitcheck.identify(number).kind.value
    except permitcheck.PermitError:
        return None


def document_corpus(size: int, seed: int = 13) -> list[str]:
    """Numbers of every document kind: 70 % valid (half spelled), 30 % near misses."""
    generator = PermitGenerator(seed)
    rng = generator.random
    kinds = tuple(permitcheck.DocumentKind)
    rows = []
    for _ in range(size):
        kind = rng.choice(kinds)
        if rng.random() < 0.7:
            rows.append(generator.document_number(kind, spelled=rng.random() < 0.5))
        else:
            rows.append(generator.invalid_document_number(kind))
    return rows


def kinds(size: int, repeat: int) -> None:
    rows = document_corpus(size)
    frame = pl.DataFrame({"id": rows})
    compare(
        "kind: identify() loop vs Polars lazy",
        lambda: [identified_kind(number) for number in rows],
        lambda: frame.lazy().select(pcp.kind("id")).collect().to_series(),
        repeat,
        1,
    )


def spark(rows: list[str], repeat: int) -> None:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession  # noqa: PLC0415
    from pyspark.sql import functions as f  # noqa: PLC0415
    from pyspark.sql.types import (  # noqa: PLC0415
        BooleanType,
        StringType,
        StructField,
        StructType,
    )

    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.memory", "2g")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        people = session.createDataFrame(pd.DataFrame({"id": rows})).repartition(2).cache()
        people.count()
        schema = StructType(
            [
                *people.schema.fields,
                StructField("permit_valid", BooleanType()),
                StructField("permit_error", StringType()),
            ]
        )

        @f.udf("struct<valid:boolean,error:string>")
        def check_udf(number: str | None) -> tuple[bool | None, str | None]:
            if number is None:
                return (None, None)
            return (permitcheck.is_valid(number), first_code(number))

        def udf_run() -> object:
            checked = people.select("id", check_udf("id").alias("c"))
            out = checked.select(
                f.sum(f.col("c.valid").cast("int")).alias("valid"),
                f.count(f.col("c.error")).alias("errors"),
            ).collect()[0]
            return (out["valid"], out["errors"])

        def arrow_run() -> object:
            checked = people.mapInArrow(
                lambda batches: pcp.check_arrow_batches(batches, "id"), schema
            )
            out = checked.select(
                f.sum(f.col("permit_valid").cast("int")).alias("valid"),
                f.count(f.col("permit_error")).alias("errors"),
            ).collect()[0]
            return (out["valid"], out["errors"])

        compare("Spark: per-value Python UDF vs mapInArrow recipe", udf_run, arrow_run, repeat, 2)
    finally:
        session.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spark", action="store_true", help="also run the Spark comparison")
    options = parser.parse_args()
    rows, _valid = build_corpus(options.rows)
    print(
        f"{len(rows):,} rows, Python {sys.version.split()[0]}, Polars {pl.__version__},"
        f" {pl.thread_pool_size()} Polars threads, {os.cpu_count()} CPUs",
        flush=True,
    )
    polars_and_pandas(rows, options.repeat)
    kinds(options.rows, options.repeat)
    if options.spark:
        spark(rows, options.repeat)


if __name__ == "__main__":
    main()
