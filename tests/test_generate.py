"""permitcheck.generate: seeded valid numbers and near misses, without Hypothesis."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from random import Random

import pytest

from generated_features import FEATURES
from permitcheck import (
    PermitError,
    PermitLink,
    Region,
    ResidencePermit,
    Sex,
    TravelPermit,
    TravelPermitKind,
    check,
    error_class,
    is_valid,
    link,
    parse,
    validate,
)
from permitcheck.generate import PermitGenerator
from permitcheck.travel import compact as compact_travel_permit
from permitcheck.travel import is_valid as is_valid_travel_permit

CODES = ("checksum", "birth_date", "region", "length", "characters")
CST = timezone(timedelta(hours=8))
DRAWS = 10_000


def today_cst() -> date:
    return datetime.now(CST).date()


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@cache
def ten_thousand_numbers() -> tuple[tuple[str, ...], date, date]:
    """10,000 generated numbers, with today (UTC+8) read before and after drawing them."""
    before = today_cst()
    generator = PermitGenerator(20240229)
    numbers = tuple(generator.residence_permit_number() for _ in range(DRAWS))
    return numbers, before, today_cst()


@cache
def near_misses(code: str) -> tuple[str, ...]:
    """2,000 near misses of one code: 10,000 over the five codes."""
    generator = PermitGenerator(code)
    return tuple(generator.invalid_residence_permit_number(codes=[code]) for _ in range(2_000))


def problem_codes(number: str) -> list[str]:
    return [problem.code for problem in check(number).problems]


# -- valid numbers -------------------------------------------------------------------


def test_ten_thousand_generated_numbers_all_pass_validate() -> None:
    numbers, _, _ = ten_thousand_numbers()
    assert (DRAWS, []) == (len(numbers), [n for n in numbers if validate(n) != n])


@pytest.mark.parametrize(("feature", "holds"), FEATURES)
def test_ten_thousand_generated_numbers_include(
    feature: str, holds: Callable[[ResidencePermit, date, date], bool]
) -> None:
    numbers, first, last = ten_thousand_numbers()
    assert any(holds(parse(number), first, last) for number in numbers), feature


@pytest.mark.parametrize(
    ("options", "holds"),
    [
        ({"regions": [Region.TW]}, lambda permit: permit.region is Region.TW),
        ({"regions": (Region.MO, Region.MO)}, lambda permit: permit.region is Region.MO),
        ({"regions": {Region.HK, Region.MO}}, lambda permit: permit.region is not Region.TW),
        ({"sex": Sex.MALE}, lambda permit: permit.sex is Sex.MALE),
        ({"sex": Sex.FEMALE}, lambda permit: permit.sex is Sex.FEMALE),
        (
            {"min_birth_date": date(2000, 1, 1)},
            lambda permit: permit.birth_date >= date(2000, 1, 1),
        ),
        (
            {"max_birth_date": date(1950, 12, 31)},
            lambda permit: permit.birth_date <= date(1950, 12, 31),
        ),
        (
            {"min_birth_date": date(2000, 2, 29), "max_birth_date": date(2000, 2, 29)},
            lambda permit: permit.birth_date == date(2000, 2, 29),
        ),
    ],
)
def test_options_limit_every_number(
    options: dict[str, object], holds: Callable[[ResidencePermit], bool]
) -> None:
    generator = PermitGenerator(3)
    permits = [generator.residence_permit(**options) for _ in range(500)]  # type: ignore[arg-type]
    assert [] == [permit for permit in permits if not holds(permit)]


def test_a_short_date_range_yields_each_of_its_days() -> None:
    # min and max are inclusive: a 3-day range gives all three days.
    generator = PermitGenerator(4)
    low, high = date(1999, 12, 31), date(2000, 1, 2)
    permits = [
        generator.residence_permit(min_birth_date=low, max_birth_date=high) for _ in range(200)
    ]
    expected = {low, low + timedelta(days=1), high}
    assert expected == {permit.birth_date for permit in permits}


def test_residence_permit_returns_a_residence_permit() -> None:
    assert isinstance(PermitGenerator(5).residence_permit(), ResidencePermit)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"regions": "HK"}, TypeError),
        ({"regions": Region.HK}, TypeError),
        ({"regions": ["HX"]}, TypeError),
        ({"regions": ["hk"]}, TypeError),
        ({"regions": []}, ValueError),
        ({"min_birth_date": date(1899, 12, 31)}, ValueError),
        ({"max_birth_date": today_cst() + timedelta(days=2)}, ValueError),
        ({"min_birth_date": today_cst() + timedelta(days=2)}, ValueError),
        ({"min_birth_date": date(2001, 1, 1), "max_birth_date": date(2000, 1, 1)}, ValueError),
        ({"min_birth_date": datetime(1899, 12, 31, 23, tzinfo=CST)}, ValueError),
        ({"max_birth_date": "2000-01-01"}, TypeError),
        ({"sex": "male"}, TypeError),
    ],
)
def test_options_no_valid_number_can_meet_are_rejected(
    options: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        PermitGenerator(6).residence_permit_number(**options)  # type: ignore[arg-type]


# -- reproducibility and the clock ---------------------------------------------------


def test_the_same_seed_gives_the_same_numbers() -> None:
    def draw(seed: str) -> list[str]:
        generator = PermitGenerator(seed)
        return [
            generator.residence_permit_number(max_birth_date=date(2020, 1, 1)) for _ in range(50)
        ]

    assert draw("fixture") == draw("fixture")


def test_a_random_instance_is_drawn_from_directly() -> None:
    source = Random(7)
    assert source is PermitGenerator(source).random


def test_a_random_instance_gives_the_numbers_of_its_seed() -> None:
    by_seed = PermitGenerator(7).residence_permit_number(max_birth_date=date(2020, 1, 1))
    by_random = PermitGenerator(Random(7)).residence_permit_number(max_birth_date=date(2020, 1, 1))
    assert by_seed == by_random


def test_repr_shows_the_random_generator() -> None:
    source = Random(8)
    assert f"PermitGenerator({source!r})" == repr(PermitGenerator(source))


# 2024-03-01 17:00 UTC is already 2024-03-02 01:00 in China Standard Time.
EVENING_UTC = datetime(2024, 3, 1, 17, tzinfo=UTC).timestamp()


def test_today_is_the_date_in_utc_plus_8(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: EVENING_UTC)
    number = PermitGenerator(9).residence_permit_number(min_birth_date=date(2024, 3, 2))
    assert date(2024, 3, 2) == parse(number, today=date(2024, 3, 2)).birth_date


def test_a_date_after_today_in_utc_plus_8_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: EVENING_UTC)
    with pytest.raises(ValueError, match="after today"):
        PermitGenerator(9).residence_permit_number(max_birth_date=date(2024, 3, 3))


def test_the_earliest_future_near_miss_is_tomorrow_in_utc_plus_8(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(time, "time", lambda: EVENING_UTC)
    generator = PermitGenerator(10)
    numbers = [generator.invalid_residence_permit_number(codes=["birth_date"]) for _ in range(2000)]
    future = [number[6:14] for number in numbers if "20240302" < number[6:14] < "21000101"]
    assert "20240303" == min(future)


# -- near misses ---------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_near_misses_each_have_exactly_the_promised_problem(code: str) -> None:
    numbers = near_misses(code)
    assert [] == [number for number in numbers if problem_codes(number) != [code]]


@pytest.mark.parametrize("code", CODES)
def test_near_misses_each_raise_the_promised_error(code: str) -> None:
    raised: set[tuple[type[PermitError], str]] = set()
    for number in near_misses(code):
        with pytest.raises(PermitError) as caught:
            validate(number)
        raised.add((type(caught.value), caught.value.code))
    assert {(error_class(code), code)} == raised


def test_ten_thousand_near_misses_without_codes_have_one_problem_of_every_code() -> None:
    generator = PermitGenerator(11)
    numbers = [generator.invalid_residence_permit_number() for _ in range(DRAWS)]
    found = [problem_codes(number) for number in numbers]
    assert ([], set(CODES)) == (
        [codes for codes in found if len(codes) != 1],
        {codes[0] for codes in found},
    )


def _real_date(ymd: str) -> bool:
    try:
        date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))
    except ValueError:
        return False
    return True


def _one_digit_from_ours(prefix: str) -> bool:
    return any(
        sum(a != b for a, b in zip(prefix, region.prefix, strict=True)) == 1 for region in Region
    )


NEAR_MISSES: list[tuple[str, str, Callable[[str], bool]]] = [
    (
        "birth_date",
        "Feb 29 of a common year",
        lambda n: n[10:14] == "0229" and not is_leap(int(n[6:10])),
    ),
    (
        "birth_date",
        "tomorrow in UTC+8",
        lambda n: (
            n[6:14]
            in {
                f"{day + timedelta(days=1):%Y%m%d}"
                for day in (today_cst() - timedelta(days=1), today_cst())
            }
        ),
    ),
    (
        "birth_date",
        "a real date before 1900",
        lambda n: n[6:14] < "19000101" and _real_date(n[6:14]),
    ),
    (
        "birth_date",
        "a month or day no calendar has",
        lambda n: not _real_date(n[6:14]) and n[10:14] != "0229",
    ),
    ("region", "710000", lambda n: n[:6] == "710000"),
    ("region", "a mainland address code", lambda n: n[0] in "123456"),
    ("region", "one of ours with a digit changed", lambda n: _one_digit_from_ours(n[:6])),
    ("length", "one character missing", lambda n: len(n) == 17),
    ("length", "one digit extra", lambda n: len(n) == 19),
    ("characters", "a non-ASCII digit", lambda n: any(c.isdigit() and not c.isascii() for c in n)),
    ("characters", "an ASCII letter", lambda n: any(c.isascii() and c.isalpha() for c in n[:17])),
]


@pytest.mark.parametrize(
    ("code", "near_miss", "holds"), NEAR_MISSES, ids=[kind for _, kind, _ in NEAR_MISSES]
)
def test_near_misses_include(code: str, near_miss: str, holds: Callable[[str], bool]) -> None:
    assert any(holds(number) for number in near_misses(code)), near_miss


def test_checksum_near_misses_are_one_check_character_from_a_valid_number() -> None:
    # "Otherwise well formed": only the check character is wrong for the rest.
    numbers = near_misses("checksum")
    repaired = [number[:17] + check_character(number[:17]) for number in numbers]
    assert [] == [number for number in repaired if not is_valid(number)]


def check_character(body: str) -> str:
    # ISO 7064 MOD 11-2 as GB 11643 states it, independently of permitcheck.
    weights = [pow(2, 17 - position, 11) for position in range(17)]
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


@pytest.mark.parametrize(
    ("codes", "error"),
    [
        ("checksum", TypeError),
        ([1], TypeError),
        ([], ValueError),
        (["checksum", "travel_length"], ValueError),
    ],
)
def test_unknown_codes_are_rejected(codes: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        PermitGenerator(12).invalid_residence_permit_number(codes=codes)  # type: ignore[arg-type]


# -- travel permit numbers and links ----------------------------------------------------

HOME, NON_CHINESE, TAIWAN = TravelPermitKind


@pytest.mark.parametrize("spelled", [False, True])
def test_ten_thousand_travel_permit_numbers_all_pass_validate(spelled: bool) -> None:
    generator = PermitGenerator(13)
    numbers = [generator.travel_permit_number(spelled=spelled) for _ in range(DRAWS)]
    assert [] == [number for number in numbers if not is_valid_travel_permit(number)]


def test_travel_permit_numbers_are_compact_unless_spelled() -> None:
    generator = PermitGenerator(14)
    numbers = [generator.travel_permit_number() for _ in range(1000)]
    assert [] == [number for number in numbers if compact_travel_permit(number) != number]


def test_spelled_travel_permit_numbers_fold_to_the_number_of_the_same_draws() -> None:
    # Spelling only adds draws after the number's own: same seed, same number.
    spelled = PermitGenerator(15).travel_permit_number(spelled=True)
    assert PermitGenerator(15).travel_permit_number() == compact_travel_permit(spelled)


@pytest.mark.parametrize(
    ("options", "lengths"),
    [
        ({}, {8, 9, 10, 11, 13}),
        ({"kinds": [HOME]}, {9, 11}),
        ({"kinds": [HOME], "legacy": False}, {9}),
        ({"kinds": [NON_CHINESE]}, {9}),
        ({"kinds": [TAIWAN]}, {8, 10, 13}),
        ({"kinds": [TAIWAN], "legacy": True}, {10, 13}),
        ({"legacy": False}, {8, 9}),
    ],
)
def test_travel_options_give_exactly_the_forms_they_allow(
    options: dict[str, object], lengths: set[int]
) -> None:
    generator = PermitGenerator(16)
    permits = [generator.travel_permit(**options) for _ in range(500)]  # type: ignore[arg-type]
    assert lengths == {len(permit.number) for permit in permits}


def test_travel_permit_returns_a_travel_permit_of_the_kind_asked_for() -> None:
    permit = PermitGenerator(17).travel_permit(kinds=[NON_CHINESE])
    assert (TravelPermit, NON_CHINESE) == (type(permit), permit.kind)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"kinds": "HOME_RETURN"}, TypeError),
        ({"kinds": [Region.HK]}, TypeError),
        ({"kinds": []}, ValueError),
        ({"legacy": "no"}, TypeError),
        ({"kinds": [NON_CHINESE], "legacy": True}, ValueError),
    ],
)
def test_travel_options_no_number_can_meet_are_rejected(
    options: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        PermitGenerator(18).travel_permit_number(**options)  # type: ignore[arg-type]


@cache
def ten_thousand_links() -> tuple[PermitLink, ...]:
    generator = PermitGenerator(19)
    return tuple(generator.permit_link() for _ in range(DRAWS))


def test_ten_thousand_links_all_obey_the_link_rules() -> None:
    # link() re-checks every rule from the two numbers alone.
    links = ten_thousand_links()
    relinked = [
        pair
        for pair in links
        if link(pair.residence_permit.number, pair.travel_permit.number) != pair
    ]
    assert [] == relinked


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


def test_no_generated_link_holds_an_ha_or_ma_permit() -> None:
    assert {HOME, TAIWAN} == {pair.travel_permit.kind for pair in ten_thousand_links()}


@pytest.mark.parametrize(
    ("options", "holds"),
    [
        ({"regions": [Region.TW]}, lambda pair: pair.travel_permit.kind is TAIWAN),
        ({"sex": Sex.FEMALE}, lambda pair: pair.residence_permit.sex is Sex.FEMALE),
        ({"legacy": True}, lambda pair: pair.travel_permit.renewal_count is not None),
        ({"legacy": False}, lambda pair: pair.travel_permit.renewal_count is None),
        (
            {"max_birth_date": date(1979, 12, 31)},
            lambda pair: pair.residence_permit.birth_date <= date(1979, 12, 31),
        ),
    ],
)
def test_link_options_limit_every_link(
    options: dict[str, object], holds: Callable[[PermitLink], bool]
) -> None:
    generator = PermitGenerator(20)
    links = [generator.permit_link(**options) for _ in range(300)]  # type: ignore[arg-type]
    assert [] == [pair for pair in links if not holds(pair)]


@pytest.mark.parametrize(
    ("options", "error"), [({"legacy": 0}, TypeError), ({"sex": 1}, TypeError)]
)
def test_link_options_no_link_can_meet_are_rejected(
    options: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        PermitGenerator(21).permit_link(**options)  # type: ignore[arg-type]
