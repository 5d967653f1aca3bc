"""permitcheck.polars agrees with the core on every input (issue 13).

The expectation for every value comes from the core (``check``,
``compact``, ``parse_travel_permit``), which the rest of the suite holds to
the independent reference; here the vectorised path is held to the core.
"""

from __future__ import annotations

import datetime
import random
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import permitcheck
import permitcheck.polars as pp
from permitcheck.generate import PermitGenerator
from permitcheck.strategies import (
    invalid_residence_permit_numbers,
    residence_permit_numbers,
    travel_permit_numbers,
)

TODAY = datetime.date(2024, 6, 1)
HK_SPECIMEN = "810000199408230021"
TW_SPECIMEN = "830000199201300022"


def expected_residence(value: str | None, today: datetime.date | None = None) -> tuple[object, ...]:
    """(is_valid, error_code, compact, region, birth_date, sex) from the core."""
    if value is None:
        return (None,) * 6
    result = permitcheck.check(value, today=today)
    permit = result.permit
    return (
        result.valid,
        result.problems[0].code if result.problems else None,
        permitcheck.compact(value),
        permit.region.value if permit else None,
        permit.birth_date if permit else None,
        permit.sex.value if permit else None,
    )


def expected_travel(value: str | None) -> tuple[object, ...]:
    """(valid, error code, kind, region, lifelong number) from the core."""
    if value is None:
        return (None,) * 5
    try:
        permit = permitcheck.parse_travel_permit(value)
    except permitcheck.PermitError as error:
        return (False, error.code, None, None, None)
    return (True, None, permit.kind.value, permit.region.value, permit.lifelong_number)


def vectorised(values: list[str | None], today: datetime.date | None = None) -> pl.DataFrame:
    frame = pl.DataFrame({"id": values}, schema={"id": pl.String})
    return (
        frame.lazy()
        .select(
            pp.is_valid("id", today=today).alias("valid"),
            pp.error_code("id", today=today).alias("error"),
            pp.compact("id").alias("compact"),
            pp.region("id", today=today).alias("region"),
            pp.birth_date("id", today=today).alias("birth_date"),
            pp.sex("id", today=today).alias("sex"),
            pp.travel_is_valid("id").alias("travel_valid"),
            pp.travel_error_code("id").alias("travel_error"),
            pp.travel_kind("id").alias("travel_kind"),
            pp.travel_region("id").alias("travel_region"),
            pp.lifelong_number("id").alias("lifelong"),
            pp.mask("id").alias("mask"),
            # Every problem check() reports (the command's Polars engine judges by them).
            pp._problem_codes(pp.compact("id"), pp._dates(pp._today(today))).alias("codes"),
        )
        .collect()
    )


def expected_mask_and_codes(
    value: str | None, today: datetime.date | None = None
) -> tuple[object, ...]:
    """(mask, every problem code joined by ';') from the core."""
    if value is None:
        return (None, None)
    problems = permitcheck.check(value, today=today).problems
    return (permitcheck.mask(value), ";".join(problem.code for problem in problems))


def disagreements(
    values: list[str | None], today: datetime.date | None = None
) -> list[tuple[object, ...]]:
    rows = vectorised(values, today).rows()
    found = []
    for value, row in zip(values, rows, strict=True):
        expected = (
            expected_residence(value, today)
            + expected_travel(value)
            + expected_mask_and_codes(value, today)
        )
        if row != expected:
            found.append((value, row, expected))
    return found


# -- the building blocks of the folding -------------------------------------------


def test_whitespace_list_is_what_str_strip_strips() -> None:
    every = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert every == set(pp._WHITESPACE)


def test_separators_are_the_ones_fold_removes() -> None:
    removed = {c for c in pp._SEPARATOR_CANDIDATES if permitcheck.compact(f"1{c}1") == "11"}
    assert {" ", "-"} <= removed
    assert removed == set(pp._SEPARATORS)


# -- examples, one behaviour each -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("8100001994082300211", "length"),
        ("", "length"),
        ("81000019940823002A", "characters"),
        ("81000019940823002\u0661", "characters"),
        ("710000199408230025", "region"),
        ("820000190002290000", "birth_date"),
        ("810000000002290000", "birth_date"),
        ("810000209912310000", "birth_date"),
        ("810000199408230022", "checksum"),
        (HK_SPECIMEN, None),
    ],
)
def test_error_code_is_the_first_rule_broken(value: str, code: str | None) -> None:
    assert code == pl.select(pp.error_code(pl.lit(value))).item()
    assert (code is None) == pl.select(pp.is_valid(pl.lit(value))).item()


def test_null_gives_null_everywhere() -> None:
    row = vectorised([None]).row(0)
    assert (None,) * 13 == row


@pytest.mark.parametrize(
    "value",
    [
        HK_SPECIMEN + "\n",
        "\n" + HK_SPECIMEN,
        HK_SPECIMEN[:9] + "\n" + HK_SPECIMEN[9:],
        "８３００００１９９２０１３０００２２",
        " 830000-19920130-0022\u3000",
        "81000019940823002x",
        "820000200002290006",  # Feb 29 of a leap year divisible by 400
        "820000190002290000",  # Feb 29 1900: not a leap year
        "810000000001010000",  # year 0000
        "0561682001（ｄ）",
        "h1038 7877",
        "ma1234567",
        "0561682001(ſ)",  # long s: upper() would make it 'S'; fold does not
        "81000019940823002ı",
        "HB1234567",
        "H1038787(",
        "1234567890(AB)",
        # The mask: stars up to 20, then an ellipsis; the letters an invalid one keeps.
        "8" * 40,
        "HA" + "1" * 30,
        "MA12",
        "XA1234567",
        "H",
        "830000199201300022345",
    ],
)
def test_edge_cases_agree_with_the_core(value: str) -> None:
    assert [] == disagreements([value])


def test_today_argument_moves_the_future_boundary() -> None:
    day_after = "810000202406020000"
    body = day_after[:17]
    number = body + permitcheck.calc_check_digit(body)
    assert [] == disagreements([number], today=TODAY)
    assert "birth_date" == pl.select(pp.error_code(pl.lit(number), today=TODAY)).item()
    assert pl.select(pp.is_valid(pl.lit(number), today=datetime.date(2024, 6, 2))).item()


def test_today_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(TypeError, match=r"today must be a datetime\.date"):
        pp.is_valid("id", today="2024-06-01")  # type: ignore[arg-type]


def test_a_leap_today_accepts_feb_29_of_this_year() -> None:
    body = "81000020240229000"
    number = body + permitcheck.calc_check_digit(body)
    assert pl.select(pp.is_valid(pl.lit(number), today=datetime.date(2024, 2, 29))).item()
    assert not pl.select(pp.is_valid(pl.lit(number), today=datetime.date(2024, 2, 28))).item()


def test_first_of_january_1900_as_today() -> None:
    body = "81000019000101000"
    number = body + permitcheck.calc_check_digit(body)
    assert [] == disagreements([number, HK_SPECIMEN], today=datetime.date(1900, 1, 1))


NAMESPACE_METHODS = [
    ("compact", {}),
    ("is_valid", {"today": TODAY}),
    ("error_code", {"today": TODAY}),
    ("region", {"today": TODAY}),
    ("birth_date", {"today": TODAY}),
    ("sex", {"today": TODAY}),
    ("travel_is_valid", {}),
    ("travel_error_code", {}),
    ("travel_kind", {}),
    ("travel_region", {}),
    ("lifelong_number", {}),
    ("mask", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), NAMESPACE_METHODS)
def test_namespaces_match_the_functions(name: str, kwargs: dict[str, datetime.date]) -> None:
    values = [HK_SPECIMEN, "h1038 7877", "810000199408230022", None]
    frame = pl.DataFrame({"id": values})
    function = getattr(pp, name)
    expected = frame.select(function("id", **kwargs)).to_series().to_list()
    from_expr = frame.select(getattr(pl.col("id").permit, name)(**kwargs)).to_series()
    from_series = getattr(frame.to_series().permit, name)(**kwargs)
    assert expected == from_expr.to_list()
    assert expected == from_series.to_list()
    assert "id" == from_series.name
    assert len(set(map(str, expected))) > 1  # the values tell the rows apart


def test_check_arrow_batches_appends_two_columns() -> None:
    batch = pa.RecordBatch.from_pydict({"id": [HK_SPECIMEN, "810000199408230022", None]})
    (out,) = pp.check_arrow_batches([batch], "id")
    assert (
        pa.schema(
            [("id", pa.string()), ("permit_valid", pa.bool_()), ("permit_error", pa.string())]
        )
        == out.schema
    )
    assert {
        "id": [HK_SPECIMEN, "810000199408230022", None],
        "permit_valid": [True, False, None],
        "permit_error": [None, "checksum", None],
    } == out.to_pydict()


# -- properties: any text the core can see --------------------------------------

# Characters the rules and the folding care about, and some they must not fold.
ALPHABET = (
    "0123456789Xx HMAhma()-\t\n\r\x0b\x0c\x1c\x85\u00a0\u2010\u2013\u2212\u200b\u2060\ufeff"
    "\u3000\u2028０１２３４５６７８９Ｘｘ（）－ＨＭ\u0661\u06f1\u0967²⑱ßı"
)
texts = st.text(alphabet=ALPHABET, max_size=24)
near_misses = st.one_of(
    residence_permit_numbers(),
    invalid_residence_permit_numbers(),
    travel_permit_numbers(),
)


@st.composite
def spelled(draw: st.DrawFn) -> str:
    """A near miss with characters inserted, replaced or wrapped around it."""
    number = draw(near_misses)
    for _ in range(draw(st.integers(0, 3))):
        position = draw(st.integers(0, len(number)))
        inserted = draw(st.sampled_from(ALPHABET))
        if draw(st.booleans()):
            number = number[:position] + inserted + number[position + 1 :]
        else:
            number = number[:position] + inserted + number[position:]
    return number


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(texts, spelled(), near_misses, st.none()), max_size=40))
def test_property_agrees_with_the_core(values: list[str | None]) -> None:
    assert [] == disagreements(values)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(spelled(), near_misses), max_size=30), st.dates())
def test_property_agrees_for_any_today(values: list[str], today: datetime.date) -> None:
    assert [] == disagreements(values, today=today)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=30))
def test_property_any_unicode(values: list[str]) -> None:
    assert [] == disagreements(values)


# -- generated corpora ------------------------------------------------------------


def corpus(size: int, seed: int) -> list[str | None]:
    """70 % valid residence permits, 30 % invalid of every kind, travel permits, junk."""
    generator = PermitGenerator(seed)
    rng = generator.random
    valid = iter(generator.residence_permit_numbers(size))
    values: list[str | None] = []
    for _ in range(size):
        draw = rng.random()
        if draw < 0.7:
            values.append(next(valid))
        elif draw < 0.9:
            values.append(generator.invalid_residence_permit_number())
        elif draw < 0.97:
            values.append(generator.travel_permit_number(spelled=rng.random() < 0.5))
        elif draw < 0.98:
            values.append(None)
        else:
            values.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 20))))
    return values


def test_generated_corpus_agrees() -> None:
    assert [] == disagreements(corpus(20_000, 13))


@pytest.mark.slow
def test_million_generated_rows_agree() -> None:
    values = corpus(1_000_000, 1013)
    random.Random(0).shuffle(values)
    assert [] == disagreements(values)


# -- the streaming engine: a file bigger than memory, in constant memory -------------


def test_streaming_scan_csv_to_parquet(tmp_path: Path) -> None:
    values = corpus(5_000, 77)
    source = tmp_path / "ids.csv"
    target = tmp_path / "checked.parquet"
    # One column, every value quoted (the corpus holds spaces, brackets and junk).
    frame = pl.DataFrame({"id": values}, schema={"id": pl.String})
    frame.write_csv(source, quote_style="non_numeric")

    # The recipe of docs/dataframes.md.
    (
        pl.scan_csv(source, schema_overrides={"id": pl.String})
        .with_columns(
            pp.is_valid("id").alias("valid"),
            pp.error_code("id").alias("error"),
        )
        .sink_parquet(target, engine="streaming")
    )

    checked = pl.read_parquet(target)
    read_back = checked["id"].to_list()
    assert len(values) == len(read_back)
    for value, valid, error in checked.iter_rows():
        expected = expected_residence(value)
        assert (expected[0], expected[1]) == (valid, error), value
    assert checked["valid"].sum() > 2_000


def test_every_character_folds_as_in_the_core() -> None:
    characters = [
        chr(code)
        for code in [*range(0x3000), *range(0x3000, 0x10000, 1), *range(0x10000, 0x110000, 97)]
        if not 0xD800 <= code <= 0xDFFF
    ]
    values = [f"1{c}1" for c in characters] + [f"{c}1{c}" for c in characters] + characters
    folded = pl.DataFrame({"id": values}).select(pp.compact("id")).to_series().to_list()
    assert [] == [
        (value, got)
        for value, got in zip(values, folded, strict=True)
        if got != permitcheck.compact(value)
    ]


def test_import_permitcheck_loads_no_data_frame_library() -> None:
    code = (
        "import sys, permitcheck, permitcheck.generate, permitcheck.cli;"
        " print(sorted({'polars', 'pandas', 'pyarrow', 'pyspark', 'numpy'} & sys.modules.keys()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]" == result.stdout.strip()
