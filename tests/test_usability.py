"""Issue 8, point 4: one date rule, enum values as strings, swapped link arguments, results.

The rule for dates (docs/residence-permits.md): wherever a date is taken, a
``datetime.datetime`` stands for its calendar date as given -- ``value.date()``,
no time-zone conversion.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from faker import Faker

import permitcheck
from permit_reference import HK_SPECIMEN, TW_SPECIMEN, with_wrong_check
from permitcheck import (
    CheckResult,
    InvalidCheckResult,
    LinkSwapped,
    Region,
    Sex,
    TravelPermitKind,
    ValidCheckResult,
    link,
    parse,
    parse_travel_permit,
)
from permitcheck.faker_provider import PermitProvider
from permitcheck.generate import PermitGenerator

LATE_EVENING = timezone(timedelta(hours=-10))

# -- one rule for dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "today",
    [
        datetime(1994, 8, 23),
        datetime(1994, 8, 23, 23, 59, tzinfo=UTC),
        datetime(1994, 8, 23, 1, tzinfo=LATE_EVENING),
    ],
)
def test_validate_takes_a_datetime_as_its_calendar_date(today: datetime) -> None:
    assert (HK_SPECIMEN, "birth_date") == (
        permitcheck.validate(HK_SPECIMEN, today=today),
        permitcheck.check(HK_SPECIMEN, today=today - timedelta(days=1)).problems[0].code,
    )


def test_link_takes_a_datetime_birth_date_as_its_calendar_date() -> None:
    pair = link(HK_SPECIMEN, "H10387877", birth_date=datetime(1994, 8, 23, 18, tzinfo=UTC))
    with pytest.raises(permitcheck.LinkBirthDateMismatch):
        link(HK_SPECIMEN, "H10387877", birth_date=datetime(1994, 8, 24, 0, 30))
    assert HK_SPECIMEN == pair.key


def test_the_generator_takes_datetimes_as_their_calendar_dates() -> None:
    generator = PermitGenerator(1)
    permits = [
        generator.residence_permit(
            min_birth_date=datetime(2000, 1, 1, 23, tzinfo=UTC),
            max_birth_date=datetime(2000, 1, 2, 1, tzinfo=LATE_EVENING),
        )
        for _ in range(50)
    ]
    assert {date(2000, 1, 1), date(2000, 1, 2)} == {permit.birth_date for permit in permits}


def test_get_birth_date_takes_today_too() -> None:
    with pytest.raises(permitcheck.InvalidBirthDate):
        permitcheck.get_birth_date(HK_SPECIMEN, today=datetime(1994, 8, 22, 23))


@pytest.mark.parametrize("today", ["1994-08-23", 19940823, object()])
def test_other_date_types_are_type_errors(today: object) -> None:
    with pytest.raises(TypeError, match=r"today must be a datetime\.date or datetime\.datetime"):
        permitcheck.validate(HK_SPECIMEN, today=today)  # type: ignore[arg-type]


# -- enum values as strings --------------------------------------------------------------


def test_the_generator_takes_region_and_sex_values() -> None:
    generator = PermitGenerator(2)
    permits = [generator.residence_permit(regions=["MO", Region.TW], sex="F") for _ in range(40)]
    assert ({Region.MO, Region.TW}, {Sex.FEMALE}) == (
        {permit.region for permit in permits},
        {permit.sex for permit in permits},
    )


def test_the_generator_takes_kind_values() -> None:
    generator = PermitGenerator(3)
    kinds = {generator.travel_permit(kinds=["taiwan_compatriot"]).kind for _ in range(10)}
    assert {TravelPermitKind.TAIWAN_COMPATRIOT} == kinds


def test_the_link_generator_takes_values_too() -> None:
    pair = PermitGenerator(4).permit_link(regions=["TW"], sex="M")
    assert (Region.TW, Sex.MALE) == (pair.residence_permit.region, pair.residence_permit.sex)


def test_the_faker_provider_takes_values() -> None:
    fake = Faker()
    fake.add_provider(PermitProvider)
    fake.seed_instance(8)
    permit = parse(fake.residence_permit_number(regions=["HK"], sex="M"))
    assert (Region.HK, Sex.MALE) == (permit.region, permit.sex)


@pytest.mark.parametrize(
    "options", [{"regions": ["hk"]}, {"regions": ["HX"]}, {"sex": "female"}, {"sex": 1}]
)
def test_unknown_values_are_type_errors_naming_the_choices(options: dict[str, object]) -> None:
    with pytest.raises(TypeError, match="one of"):
        PermitGenerator(5).residence_permit_number(**options)  # type: ignore[arg-type]


def test_link_takes_a_sex_value() -> None:
    with pytest.raises(permitcheck.LinkSexMismatch):
        link(HK_SPECIMEN, "H10387877", sex="M")
    assert HK_SPECIMEN == link(HK_SPECIMEN, "H10387877", sex="F").key


# -- link() with its arguments swapped -----------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("H10387877", HK_SPECIMEN),
        ("00000000", TW_SPECIMEN),
        ("０５６１６８２００１（Ｄ）", TW_SPECIMEN),
        (parse_travel_permit("H10387877"), parse(HK_SPECIMEN)),
        (parse_travel_permit("H10387877"), HK_SPECIMEN),
    ],
)
def test_swapped_arguments_say_so(first: object, second: object) -> None:
    with pytest.raises(LinkSwapped) as raised:
        link(first, second)  # type: ignore[arg-type]
    assert ("link_swapped", True, True) == (
        raised.value.code,
        isinstance(raised.value, permitcheck.LinkError),
        "first" in str(raised.value),
    )


def test_the_swapped_message_exists_in_chinese() -> None:
    simplified = permitcheck.message("link_swapped", "zh-CN")
    traditional = permitcheck.message("link_swapped", "zh-TW")
    assert (True, True) == ("先填居住证" in simplified, "先填居住證" in traditional)


def test_permit_link_says_so_too() -> None:
    with pytest.raises(LinkSwapped):
        permitcheck.PermitLink("H10387877", HK_SPECIMEN)


@pytest.mark.parametrize("first", ["H1038787", "8100001994082300", with_wrong_check(HK_SPECIMEN)])
def test_a_bad_first_argument_that_is_no_travel_permit_keeps_its_own_error(first: str) -> None:
    with pytest.raises(permitcheck.PermitError) as raised:
        link(first, "H10387877")
    assert not isinstance(raised.value, LinkSwapped)


# -- check() results narrow by outcome ---------------------------------------------------


def test_a_valid_result_is_a_valid_check_result() -> None:
    result = permitcheck.check(HK_SPECIMEN)
    assert (True, True, Region.HK) == (
        isinstance(result, ValidCheckResult),
        isinstance(result, CheckResult),
        result.permit.region if result.valid else None,
    )


def test_an_invalid_result_is_an_invalid_check_result() -> None:
    result = permitcheck.check(with_wrong_check(HK_SPECIMEN))
    assert (True, True, None) == (
        isinstance(result, InvalidCheckResult),
        isinstance(result, CheckResult),
        result.permit,
    )


def test_the_repr_is_unchanged() -> None:
    assert repr(permitcheck.check(HK_SPECIMEN)).startswith("CheckResult(valid=True, ")


def test_an_outcome_class_cannot_hold_the_other_outcome() -> None:
    problem = permitcheck.Problem.from_code("checksum")
    with pytest.raises(ValueError, match="ValidCheckResult"):
        ValidCheckResult(False, HK_SPECIMEN, None, (problem,))
    with pytest.raises(ValueError, match="InvalidCheckResult"):
        InvalidCheckResult(True, HK_SPECIMEN, parse(HK_SPECIMEN), ())


def test_the_plain_class_can_still_be_built() -> None:
    assert CheckResult(True, HK_SPECIMEN, parse(HK_SPECIMEN), ()).valid
