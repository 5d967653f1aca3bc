"""permitcheck.pandas: the Series.permit accessor agrees with the core (issue 13)."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import permitcheck
import permitcheck.pandas
from permitcheck.generate import PermitGenerator

HK_SPECIMEN = "810000199408230021"
TODAY = datetime.date(2024, 6, 1)


def core_row(value: object) -> tuple[object, ...]:
    if not isinstance(value, str):
        return (pd.NA,) * 4
    result = permitcheck.check(value)
    return (
        result.valid,
        result.problems[0].code if result.problems else pd.NA,
        permitcheck.compact(value),
        result.permit.birth_date if result.permit else pd.NA,
    )


def accessor_rows(series: pd.Series) -> list[tuple[object, ...]]:
    columns = [
        series.permit.is_valid(),
        series.permit.error_code(),
        series.permit.compact(),
        series.permit.birth_date(),
    ]
    return list(zip(*(column.tolist() for column in columns), strict=True))


def test_nan_none_and_na_are_nulls() -> None:
    series = pd.Series([HK_SPECIMEN, None, np.nan, pd.NA, "x"], dtype=object)
    assert [True, pd.NA, pd.NA, pd.NA, False] == series.permit.is_valid().tolist()


def test_index_and_name_are_kept() -> None:
    series = pd.Series([HK_SPECIMEN, "h1038 7877"], index=["b", "a"], name="id")
    result = series.permit.travel_kind()
    assert ["b", "a"] == result.index.tolist()
    assert "id" == result.name
    assert [pd.NA, "home_return"] == result.tolist()


@pytest.mark.parametrize("dtype", [object, "string", "string[pyarrow]", "category"])
def test_string_dtypes_are_accepted(dtype: object) -> None:
    series = pd.Series([HK_SPECIMEN, None, "830000199201300023"], dtype=dtype)
    assert [True, pd.NA, False] == series.permit.is_valid().tolist()


@pytest.mark.parametrize(
    ("series", "named"),
    [
        (pd.Series([810000199408230021]), "int64"),
        (pd.Series([1.5, np.nan]), "float64"),
        (pd.Series([True]), "bool"),
        (pd.Series([HK_SPECIMEN, 810000199408230021], dtype=object), "a mix of strings"),
        (pd.Series(pd.to_datetime(["2020-01-01"])), "datetime64"),
    ],
)
def test_non_string_columns_are_refused_with_the_dtype_str_advice(
    series: pd.Series, named: str
) -> None:
    with pytest.raises(TypeError, match=named) as raised:
        series.permit.is_valid()
    assert "dtype=str" in str(raised.value)


@pytest.mark.parametrize(
    "name",
    [
        "region",
        "sex",
        "travel_is_valid",
        "travel_error_code",
        "travel_region",
        "lifelong_number",
        "mask",
    ],
)
def test_every_method_matches_the_polars_function(name: str) -> None:
    values = [HK_SPECIMEN, "h1038 7877", "M1038787701", "810000199408230022", None]
    expected = pl.DataFrame({"id": values}).select(getattr(permitcheck.polars, name)("id"))
    result = getattr(pd.Series(values).permit, name)()
    assert [pd.NA if v is None else v for v in expected.to_series().to_list()] == result.tolist()


def test_today_is_passed_on() -> None:
    body = "81000020240602000"
    number = body + permitcheck.calc_check_digit(body)
    series = pd.Series([number])
    assert [False] == series.permit.is_valid(today=TODAY).tolist()
    assert ["birth_date"] == series.permit.error_code(today=TODAY).tolist()
    assert [pd.NA] == series.permit.region(today=TODAY).tolist()
    assert [pd.NA] == series.permit.sex(today=TODAY).tolist()
    assert [pd.NA] == series.permit.birth_date(today=TODAY).tolist()


def test_generated_column_agrees_with_the_core() -> None:
    generator = PermitGenerator(2026)
    values: list[object] = []
    for index in range(3000):
        if index % 3 == 0:
            values.append(generator.invalid_residence_permit_number())
        elif index % 7 == 0:
            values.append(np.nan)
        else:
            values.append(generator.residence_permit_number())
    series = pd.Series(values, dtype=object)
    assert [core_row(value) for value in values] == accessor_rows(series)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), st.none()), max_size=20))
def test_property_any_text(values: list[str | None]) -> None:
    series = pd.Series(values, dtype=object)
    assert [core_row(value) for value in values] == accessor_rows(series)


def test_chunked_arrow_backed_series() -> None:
    chunks = pa.chunked_array([[HK_SPECIMEN], [None, "830000199201300023"]])
    series = pd.Series(pd.arrays.ArrowExtensionArray(chunks))
    assert [True, pd.NA, False] == series.permit.is_valid().tolist()
