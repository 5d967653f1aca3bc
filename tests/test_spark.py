"""The Spark recipe of docs/dataframes.md: mapInArrow -> Polars -> our expressions (issue 13).

Runs against a local Spark session (pyspark is in the test extra; Java 17 is
needed).  The session is small (local[2], 2 GB driver) and every test has a
timeout: Spark can hang instead of failing when it runs out of memory.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator

import pytest

import permitcheck
from permitcheck.generate import PermitGenerator
from permitcheck.polars import check_arrow_batches

pyspark = pytest.importorskip("pyspark", reason="pyspark is in the test extra")
if shutil.which("java") is None and "JAVA_HOME" not in os.environ:  # pragma: no cover
    pytest.skip("Spark needs Java (17 or later) on PATH or JAVA_HOME", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import BooleanType, StringType, StructField, StructType  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("permitcheck-test")
        .config("spark.driver.memory", "2g")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    try:
        yield session
    finally:
        session.stop()


@pytest.mark.timeout(180)
def test_map_in_arrow_recipe_agrees_with_the_core(spark: SparkSession) -> None:
    generator = PermitGenerator(4)
    values = [generator.residence_permit_number() for _ in range(300)]
    values += [generator.invalid_residence_permit_number() for _ in range(300)]
    values += [" 810000-19940823-0021 ", None, "h1038 7877"]
    frame = spark.createDataFrame(
        [(index, value) for index, value in enumerate(values)], "row long, id string"
    )

    # The recipe, as in docs/dataframes.md.
    schema = StructType(
        [
            *frame.schema.fields,
            StructField("permit_valid", BooleanType()),
            StructField("permit_error", StringType()),
        ]
    )
    checked = frame.mapInArrow(lambda batches: check_arrow_batches(batches, "id"), schema)

    rows = {row["row"]: (row["permit_valid"], row["permit_error"]) for row in checked.collect()}
    assert len(values) == len(rows)
    for index, value in enumerate(values):
        if value is None:
            expected = (None, None)
        else:
            result = permitcheck.check(value)
            expected = (result.valid, result.problems[0].code if result.problems else None)
        assert expected == rows[index], value
