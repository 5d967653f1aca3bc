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

from generated_features import FEATURES
from permitcheck import (
    PermitError,
    PermitLink,
    Region,
    ResidencePermit,
    Sex,
    TravelPermit,
    TravelPermitKind,
    calc_check_digit,
    check,
    error_class,
    link,
    parse,
    parse_travel_permit,
    validate,
)
from permitcheck.strategies import (
    invalid_residence_permit_numbers,
    permit_links,
    residence_permit_numbers,
    residence_permits,
    travel_permit_numbers,
    travel_permits,
)
from permitcheck.travel import compact as compact_travel_permit
from permitcheck.travel import is_valid as is_valid_travel_permit

CODES = ("checksum", "birth_date", "region", "length", "characters")
CST = timezone(timedelta(hours=8))
NO_DATABASE = settings(database=None, deadline=None)
# For find(): generate and shrink only, so it returns the fully shrunk value.
SHRUNK = settings(database=None, deadline=None, phases=[Phase.generate, Phase.shrink])


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


@pytest.mark.parametrize(("feature", "holds"), FEATURES)
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
        residence_permit_numbers(), lambda number: True, settings=SHRUNK
    )


def test_numbers_shrink_toward_the_first_region_the_earliest_date_and_the_first_sequence() -> None:
    body = "83000020000229001"
    strategy = residence_permit_numbers(
        regions=[Region.TW, Region.HK], min_birth_date=date(2000, 2, 29), sex=Sex.MALE
    )
    assert body + calc_check_digit(body) == find(strategy, lambda number: True, settings=SHRUNK)


def test_the_latest_birth_date_allowed_is_reachable() -> None:
    strategy = residence_permits(min_birth_date=date(1990, 1, 1), max_birth_date=date(2000, 2, 29))
    # The upper bound is drawn often, not always: enough examples, in a fixed order, that
    # the search never misses it (100 random examples missed it in one CI run in ~25).
    search = settings(SHRUNK, max_examples=2000, derandomize=True)
    found = find(strategy, lambda permit: permit.birth_date == date(2000, 2, 29), settings=search)
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
        {"regions": [Region.HK, "MX"]},
        {"min_birth_date": date(1899, 12, 31)},
        {"max_birth_date": today_cst() + timedelta(days=2)},
        {"min_birth_date": date(2001, 1, 1), "max_birth_date": date(2000, 1, 1)},
        {"min_birth_date": datetime(1899, 12, 31, tzinfo=CST)},
        {"sex": "female"},
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
    # 1,000 draws per code here (the 10,000-draw run above mixes all five codes).
    numbers = draw_many(invalid_residence_permit_numbers(codes=[code]), lists=10)
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


def test_near_misses_shrink_toward_the_first_codes_simplest_mistake() -> None:
    expected = SIMPLEST_BODY + ("0" if SIMPLEST[17] != "0" else "1")
    assert expected == find(
        invalid_residence_permit_numbers(), lambda number: True, settings=SHRUNK
    )


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
        invalid_residence_permit_numbers(codes=[code]), lambda number: True, settings=SHRUNK
    )


def test_tomorrow_in_utc_plus_8_is_a_reachable_near_miss() -> None:
    # Tomorrow, or the day after should midnight in UTC+8 pass while searching.
    tomorrows = {f"{today_cst() + timedelta(days=days):%Y%m%d}" for days in (1, 2)}
    # A tomorrow comes up about once in 32 draws: give find() a budget that
    # makes missing it vanishingly unlikely (the default of 100 failed ~1 in 25 runs).
    found = find(
        invalid_residence_permit_numbers(codes=["birth_date"]),
        lambda number: number[6:14] in tomorrows,
        settings=settings(SHRUNK, max_examples=5_000),
    )
    assert ["birth_date"] == problem_codes(found)


@pytest.mark.parametrize("codes", ["checksum", [], ["checksum", "nope"], [3]])
def test_unknown_codes_raise_invalid_argument_at_once(codes: Any) -> None:
    with pytest.raises(InvalidArgument):
        invalid_residence_permit_numbers(codes=codes)


# -- travel_permit_numbers and travel_permits ------------------------------------------


@cache
def ten_thousand_travel_numbers() -> tuple[str, ...]:
    return tuple(draw_many(travel_permit_numbers()))


def test_ten_thousand_travel_permit_numbers_all_pass_validate() -> None:
    numbers = ten_thousand_travel_numbers()
    failing = [number for number in numbers if not is_valid_travel_permit(number)]
    assert (True, []) == (len(numbers) >= 10_000, failing)


def _kind_and_form(kind: TravelPermitKind, length: int) -> Callable[[str], bool]:
    def holds(number: str) -> bool:
        permit = parse_travel_permit(number)
        return permit.kind is kind and len(permit.number) == length

    return holds


HOME, NON_CHINESE, TAIWAN = TravelPermitKind


@pytest.mark.parametrize(
    ("feature", "holds"),
    [
        ("an H/M permit, 2013 card", _kind_and_form(HOME, 9)),
        ("an H/M permit, 1999-2012 card", _kind_and_form(HOME, 11)),
        ("an HA/MA permit", _kind_and_form(NON_CHINESE, 9)),
        ("a Taiwan permit, 8 digits", _kind_and_form(TAIWAN, 8)),
        ("a Taiwan booklet, 10 digits", _kind_and_form(TAIWAN, 10)),
        ("a Taiwan booklet with an office code", _kind_and_form(TAIWAN, 13)),
        ("an M letter", lambda number: compact_travel_permit(number).startswith("M")),
        ("the compact form itself", lambda number: number == compact_travel_permit(number)),
        ("lower case", lambda number: any(c in "hmab" for c in number)),
        ("full-width digits", lambda number: any("０" <= c <= "９" for c in number)),
        ("full-width letters", lambda number: any("Ａ" <= c <= "ｚ" for c in number)),
        ("full-width brackets", lambda number: "（" in number and "）" in number),
        ("ASCII brackets", lambda number: "(" in number and ")" in number),
        ("inner spaces", lambda number: " " in number.strip()),
        ("hyphens", lambda number: "-" in number),
        ("ideographic spaces", lambda number: "\u3000" in number),
        ("surrounding whitespace", lambda number: number != number.strip()),
    ],
)
def test_ten_thousand_travel_permit_numbers_include(
    feature: str, holds: Callable[[str], bool]
) -> None:
    assert any(holds(number) for number in ten_thousand_travel_numbers()), feature


@pytest.mark.parametrize(
    ("options", "holds"),
    [
        ({"kinds": [TAIWAN]}, lambda permit: permit.kind is TAIWAN),
        ({"kinds": {HOME, NON_CHINESE}}, lambda permit: permit.region is not Region.TW),
        (
            {"legacy": True},
            lambda permit: permit.kind is not NON_CHINESE and permit.renewal_count is not None,
        ),
        ({"legacy": False}, lambda permit: permit.renewal_count is None),
        ({"kinds": [NON_CHINESE], "legacy": False}, lambda permit: permit.number[1] == "A"),
    ],
)
@pytest.mark.parametrize("strategy", [travel_permit_numbers, travel_permits])
def test_travel_options_limit_every_value(
    strategy: Callable[..., st.SearchStrategy[Any]],
    options: dict[str, Any],
    holds: Callable[[TravelPermit], bool],
) -> None:
    @NO_DATABASE
    @given(strategy(**options))
    def property_holds(value: str | TravelPermit) -> None:
        assert holds(value if isinstance(value, TravelPermit) else parse_travel_permit(value))

    property_holds()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, "H00000000"),
        ({"kinds": [TAIWAN]}, "00000000"),
        ({"kinds": [NON_CHINESE]}, "HA0000000"),
        ({"legacy": True}, "H0000000000"),
        ({"kinds": [TAIWAN], "legacy": True}, "0000000000"),
    ],
)
def test_travel_permit_numbers_shrink_toward_the_compact_simplest_number(
    options: dict[str, Any], expected: str
) -> None:
    assert expected == find(travel_permit_numbers(**options), lambda number: True, settings=SHRUNK)


@NO_DATABASE
@given(travel_permits())
def test_travel_permits_are_travel_permit_objects(permit: TravelPermit) -> None:
    assert TravelPermit(permit.number) == permit


def test_travel_permits_shrink_toward_h00000000() -> None:
    assert TravelPermit("H00000000") == find(travel_permits(), lambda permit: True, settings=SHRUNK)


@pytest.mark.parametrize(
    "options",
    [
        {"kinds": "TAIWAN_COMPATRIOT"},
        {"kinds": []},
        {"kinds": [Region.TW]},
        {"legacy": "yes"},
        {"kinds": [NON_CHINESE], "legacy": True},
    ],
)
@pytest.mark.parametrize("strategy", [travel_permit_numbers, travel_permits])
def test_invalid_travel_arguments_raise_invalid_argument_at_once(
    strategy: Callable[..., Any], options: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgument):
        strategy(**options)


# -- permit_links -------------------------------------------------------------------------


@cache
def ten_thousand_links() -> tuple[PermitLink, ...]:
    return tuple(draw_many(permit_links()))


def test_ten_thousand_links_all_obey_the_link_rules() -> None:
    # link() re-checks every rule from the two numbers alone.
    links = ten_thousand_links()
    relinked = [
        pair
        for pair in links
        if link(pair.residence_permit.number, pair.travel_permit.number) != pair
    ]
    assert (True, []) == (len(links) >= 10_000, relinked)


@pytest.mark.parametrize(
    ("feature", "holds"),
    [
        ("a Hong Kong holder", lambda pair: pair.residence_permit.region is Region.HK),
        ("a Macao holder", lambda pair: pair.residence_permit.region is Region.MO),
        ("a Taiwan holder", lambda pair: pair.residence_permit.region is Region.TW),
        ("a clean H/M link", lambda pair: pair.travel_permit.kind is HOME and not pair.warnings),
        ("a link with a warning", lambda pair: pair.warnings == ("link_letter_region",)),
        ("an old long travel permit", lambda pair: pair.travel_permit.renewal_count is not None),
        ("a current travel permit", lambda pair: pair.travel_permit.renewal_count is None),
    ],
)
def test_ten_thousand_links_include(feature: str, holds: Callable[[PermitLink], bool]) -> None:
    assert any(holds(pair) for pair in ten_thousand_links()), feature


def test_no_link_holds_an_ha_or_ma_permit() -> None:
    kinds = {pair.travel_permit.kind for pair in ten_thousand_links()}
    assert {HOME, TAIWAN} == kinds


@pytest.mark.parametrize(
    ("options", "holds"),
    [
        ({"regions": [Region.TW]}, lambda pair: pair.travel_permit.kind is TAIWAN),
        (
            {"regions": [Region.MO], "sex": Sex.MALE},
            lambda pair: pair.residence_permit.sex is Sex.MALE,
        ),
        ({"legacy": True}, lambda pair: pair.travel_permit.renewal_count is not None),
        ({"legacy": False}, lambda pair: pair.travel_permit.renewal_count is None),
        (
            {"min_birth_date": date(2018, 9, 1)},
            lambda pair: pair.residence_permit.birth_date >= date(2018, 9, 1),
        ),
    ],
)
def test_link_options_limit_every_link(
    options: dict[str, Any], holds: Callable[[PermitLink], bool]
) -> None:
    @NO_DATABASE
    @given(permit_links(**options))
    def property_holds(pair: PermitLink) -> None:
        assert holds(pair)

    property_holds()


def test_links_shrink_toward_a_clean_link_of_the_simplest_numbers() -> None:
    expected = PermitLink(SIMPLEST, "H00000000")
    assert expected == find(permit_links(), lambda pair: True, settings=SHRUNK)


@pytest.mark.parametrize("options", [{"legacy": 1}, {"regions": []}, {"sex": "male"}])
def test_invalid_link_arguments_raise_invalid_argument_at_once(options: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgument):
        permit_links(**options)


# -- the optional dependency ---------------------------------------------------------------


def test_importing_without_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "permitcheck.strategies")
    with pytest.raises(ImportError, match=r"pip install permitcheck\[hypothesis\]"):
        importlib.import_module("permitcheck.strategies")
