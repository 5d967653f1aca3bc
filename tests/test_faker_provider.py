"""permitcheck.faker_provider: Faker methods for permit numbers, seeded by Faker."""

from __future__ import annotations

import importlib
import sys

import pytest
from faker import Faker

from permitcheck import (
    Region,
    Sex,
    TravelPermitKind,
    is_valid,
    parse,
    parse_travel_permit,
    validate,
)
from permitcheck.faker_provider import PermitProvider


def seeded_faker(seed: int) -> Faker:
    fake = Faker()
    fake.add_provider(PermitProvider)
    fake.seed_instance(seed)
    return fake


def test_residence_permit_numbers_are_valid() -> None:
    fake = seeded_faker(1)
    numbers = [fake.residence_permit_number() for _ in range(1000)]
    assert [] == [number for number in numbers if validate(number) != number]


def test_residence_permit_number_takes_the_generator_options() -> None:
    fake = seeded_faker(2)
    permits = [
        parse(fake.residence_permit_number(regions=[Region.MO], sex=Sex.FEMALE)) for _ in range(200)
    ]
    assert {(Region.MO, Sex.FEMALE)} == {(permit.region, permit.sex) for permit in permits}


@pytest.mark.parametrize(
    ("method", "legacy", "kind", "lengths"),
    [
        ("home_return_permit_number", False, TravelPermitKind.HOME_RETURN, {9}),
        ("home_return_permit_number", True, TravelPermitKind.HOME_RETURN, {11}),
        ("taiwan_compatriot_permit_number", False, TravelPermitKind.TAIWAN_COMPATRIOT, {8}),
        ("taiwan_compatriot_permit_number", True, TravelPermitKind.TAIWAN_COMPATRIOT, {10, 13}),
    ],
)
def test_travel_permit_numbers_are_compact_valid_numbers_of_the_kind(
    method: str, legacy: bool, kind: TravelPermitKind, lengths: set[int]
) -> None:
    fake = seeded_faker(5)
    numbers = [getattr(fake, method)(legacy=legacy) for _ in range(300)]
    permits = [parse_travel_permit(number) for number in numbers]
    assert ({kind}, lengths, numbers) == (
        {permit.kind for permit in permits},
        {len(permit.number) for permit in permits},
        [permit.number for permit in permits],
    )


@pytest.mark.parametrize(
    "method",
    ["residence_permit_number", "home_return_permit_number", "taiwan_compatriot_permit_number"],
)
def test_seed_instance_makes_each_method_repeatable(method: str) -> None:
    first, second = seeded_faker(6), seeded_faker(6)
    assert [getattr(first, method)() for _ in range(20)] == [
        getattr(second, method)() for _ in range(20)
    ]


def test_the_numbers_come_from_fakers_own_random_generator() -> None:
    fake = seeded_faker(4)
    fake.residence_permit_number()
    untouched = seeded_faker(4)
    # Drawing a number advanced Faker's generator; an untouched one is behind.
    assert untouched.random.random() != fake.random.random()


def test_faker_finds_the_provider_by_module_path() -> None:
    fake = Faker(includes=["permitcheck.faker_provider"])
    assert is_valid(fake.residence_permit_number())


def test_importing_without_faker_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "faker", None)
    monkeypatch.setitem(sys.modules, "faker.providers", None)
    monkeypatch.delitem(sys.modules, "permitcheck.faker_provider")
    with pytest.raises(ImportError, match=r"pip install permitcheck\[faker\]"):
        importlib.import_module("permitcheck.faker_provider")
