"""permitcheck.strategies: Hypothesis strategies for valid numbers and near misses.

The 10,000-draw acceptance runs draw 100 lists of 100 values each (one
Hypothesis example is a list), collect every value, and then check them all;
the features that must come up (regions, sexes, Feb 29, the date range ends)
are looked for in the same collected values.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from permitcheck import (
    PermitError,
    Region,
    ResidencePermit,
    Sex,
    calc_check_digit,
    check,
    error_class,
    parse,
    validate,
)
from permitcheck.strategies import (
    invalid_residence_permit_numbers,
    residence_permit_numbers,
    residence_permits,
)

CODES = ("checksum", "birth_date", "region", "length", "characters")
CST = timezone(timedelta(hours=8))
NO_DATABASE = settings(database=None, deadline=None)


def today_cst() -> date:
    return datetime.now(CST).date()


def draw_many(strategy: st.SearchStrategy[Any], lists: int = 100, size: int = 100) -> list[Any]:
    """Return every value of *lists* Hypothesis examples, each a list of *size* values."""
    drawn: list[Any] = []

    @settings(
        max_examples=lists,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(strategy, min_size=size, max_size=size))
    def collect(values: list[Any]) -> None:
        drawn.extend(values)

    collect()
    return drawn


@cache
def ten_thousand_permits() -> tuple[tuple[ResidencePermit, ...], date, date]:
    before = today_cst()
    numbers = draw_many(residence_permit_numbers())
    return tuple(parse(number) for number in numbers), before, today_cst()


@cache
def ten_thousand_near_misses() -> tuple[str, ...]:
    return tuple(draw_many(invalid_residence_permit_numbers()))


def problem_codes(number: str) -> list[str]:
    return [problem.code for problem in check(number).problems]


# -- residence_permit_numbers ----------------------------------------------------------


def test_ten_thousand_numbers_are_drawn() -> None:
    permits, _, _ = ten_thousand_permits()
    assert len(permits) >= 10_000


def test_ten_thousand_numbers_all_pass_validate() -> None:
    permits, _, _ = ten_thousand_permits()
    assert [] == [permit.number for permit in permits if validate(permit.number) != permit.number]


@pytest.mark.parametrize(
    ("feature", "holds"),
    [
        ("a Hong Kong number", lambda permit, first, last: permit.region is Region.HK),
        ("a Macao number", lambda permit, first, last: permit.region is Region.MO),
        ("a Taiwan number", lambda permit, first, last: permit.region is Region.TW),
        ("a man", lambda permit, first, last: permit.sex is Sex.MALE),
        ("a woman", lambda permit, first, last: permit.sex is Sex.FEMALE),
        (
            "a Feb 29 birth",
            lambda permit, first, last: (permit.birth_date.month, permit.birth_date.day) == (2, 29),
        ),
        (
            "a birth on 1900-01-01",
            lambda permit, first, last: permit.birth_date == date(1900, 1, 1),
        ),
        ("a birth today in UTC+8", lambda permit, first, last: first <= permit.birth_date <= last),
    ],
)
def test_ten_thousand_numbers_include(
    feature: str, holds: Callable[[ResidencePermit, date, date], bool]
) -> None:
    permits, first, last = ten_thousand_permits()
    assert any(holds(permit, first, last) for permit in permits), feature


@pytest.mark.parametrize(
    ("options", "holds"),
    [
        ({"regions": [Region.TW]}, lambda number: parse(number).region is Region.TW),
        ({"regions": [Region.MO, Region.HK]}, lambda number: parse(number).region is not Region.TW),
        ({"sex": Sex.MALE}, lambda number: parse(number).sex is Sex.MALE),
        ({"sex": Sex.FEMALE}, lambda number: parse(number).sex is Sex.FEMALE),
        (
            {"min_birth_date": date(2018, 9, 1)},
            lambda number: parse(number).birth_date >= date(2018, 9, 1),
        ),
        (
            {"max_birth_date": date(1949, 10, 1)},
            lambda number: parse(number).birth_date <= date(1949, 10, 1),
        ),
    ],
)
def test_options_limit_every_number(options: dict[str, Any], holds: Callable[[str], bool]) -> None:
    @NO_DATABASE
    @given(residence_permit_numbers(**options))
    def property_holds(number: str) -> None:
        assert holds(number)

    property_holds()


def test_numbers_shrink_toward_hong_kong_1900_01_01_sequence_000() -> None:
    body = "81000019000101000"
    assert body + calc_check_digit(body) == find(
        residence_permit_numbers(), lambda number: True, settings=NO_DATABASE
    )


def test_numbers_shrink_toward_the_first_region_the_earliest_date_and_the_first_sequence() -> None:
    body = "83000020000229001"
    strategy = residence_permit_numbers(
        regions=[Region.TW, Region.HK], min_birth_date=date(2000, 2, 29), sex=Sex.MALE
    )
    assert body + calc_check_digit(body) == find(
        strategy, lambda number: True, settings=NO_DATABASE
    )


def test_the_latest_birth_date_allowed_is_reachable() -> None:
    strategy = residence_permits(min_birth_date=date(1990, 1, 1), max_birth_date=date(2000, 2, 29))
    found = find(
        strategy, lambda permit: permit.birth_date == date(2000, 2, 29), settings=NO_DATABASE
    )
    assert date(2000, 2, 29) == found.birth_date


@NO_DATABASE
@given(residence_permits())
def test_residence_permits_are_residence_permit_objects(permit: ResidencePermit) -> None:
    assert ResidencePermit(permit.number) == permit


@pytest.mark.parametrize(
    "options",
    [
        {"regions": "HK"},
        {"regions": []},
        {"regions": [Region.HK, "MO"]},
        {"min_birth_date": date(1899, 12, 31)},
        {"max_birth_date": today_cst() + timedelta(days=2)},
        {"min_birth_date": date(2001, 1, 1), "max_birth_date": date(2000, 1, 1)},
        {"min_birth_date": datetime(2000, 1, 1, tzinfo=CST)},
        {"sex": "F"},
    ],
)
@pytest.mark.parametrize("strategy", [residence_permit_numbers, residence_permits])
def test_invalid_arguments_raise_invalid_argument_at_once(
    strategy: Callable[..., Any], options: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgument):
        strategy(**options)


# -- invalid_residence_permit_numbers --------------------------------------------------


def test_ten_thousand_near_misses_are_drawn() -> None:
    assert len(ten_thousand_near_misses()) >= 10_000


def test_ten_thousand_near_misses_each_have_exactly_one_problem() -> None:
    numbers = ten_thousand_near_misses()
    assert [] == [number for number in numbers if len(problem_codes(number)) != 1]


@pytest.mark.parametrize("code", CODES)
def test_ten_thousand_near_misses_include(code: str) -> None:
    assert any(problem_codes(number) == [code] for number in ten_thousand_near_misses())


@pytest.mark.parametrize("code", CODES)
def test_near_misses_fail_with_exactly_the_promised_code(code: str) -> None:
    # 2,000 draws per code here; generate.py's tests draw 10,000 per code.
    numbers = draw_many(invalid_residence_permit_numbers(codes=[code]), lists=20)
    raised: set[tuple[type[PermitError], str]] = set()
    for number in numbers:
        with pytest.raises(PermitError) as caught:
            validate(number)
        raised.add((type(caught.value), caught.value.code))
    assert ({(error_class(code), code)}, []) == (
        raised,
        [number for number in numbers if problem_codes(number) != [code]],
    )


SIMPLEST_BODY = "81000019000101000"  # Hong Kong, 1900-01-01, sequence 000
SIMPLEST = SIMPLEST_BODY + calc_check_digit(SIMPLEST_BODY)


def with_check(body: str) -> str:
    return body + calc_check_digit(body)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("checksum", SIMPLEST_BODY + ("0" if SIMPLEST[17] != "0" else "1")),
        ("birth_date", with_check("81000019000229000")),
        ("region", with_check("71000019000101000")),
        ("length", SIMPLEST[:17]),
        ("characters", "\u0668" + SIMPLEST[1:]),  # ARABIC-INDIC DIGIT EIGHT
    ],
)
def test_near_misses_of_one_code_shrink_toward_its_simplest_mistake(
    code: str, expected: str
) -> None:
    assert expected == find(
        invalid_residence_permit_numbers(codes=[code]), lambda number: True, settings=NO_DATABASE
    )


def test_tomorrow_in_utc_plus_8_is_a_reachable_near_miss() -> None:
    # Tomorrow, or the day after should midnight in UTC+8 pass while searching.
    tomorrows = {f"{today_cst() + timedelta(days=days):%Y%m%d}" for days in (1, 2)}
    found = find(
        invalid_residence_permit_numbers(codes=["birth_date"]),
        lambda number: number[6:14] in tomorrows,
        settings=NO_DATABASE,
    )
    assert ["birth_date"] == problem_codes(found)


@pytest.mark.parametrize("codes", ["checksum", [], ["checksum", "nope"], [3]])
def test_unknown_codes_raise_invalid_argument_at_once(codes: Any) -> None:
    with pytest.raises(InvalidArgument):
        invalid_residence_permit_numbers(codes=codes)


# -- the optional dependency ---------------------------------------------------------------


def test_importing_without_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "permitcheck.strategies")
    with pytest.raises(ImportError, match=r"pip install permitcheck\[hypothesis\]"):
        importlib.import_module("permitcheck.strategies")
