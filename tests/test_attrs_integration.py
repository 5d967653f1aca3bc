"""permitcheck.attrs: converters and validators for users' own attrs classes (issue 12)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

import permitcheck
from permitcheck import InvalidChecksum, InvalidTravelFormat, PermitError
from permitcheck.attrs import (
    is_identity_number,
    is_residence_permit_number,
    is_travel_permit_number,
    residence_permit_number,
    travel_permit_number,
)
from permitcheck.generate import PermitGenerator
from permitcheck.strategies import residence_permit_numbers, travel_permit_numbers


@attrs.frozen
class Holder:
    permit: str = attrs.field(converter=residence_permit_number)
    travel: str | None = attrs.field(
        default=None, converter=attrs.converters.optional(travel_permit_number)
    )


@attrs.frozen
class Checked:
    permit: str = attrs.field(validator=is_residence_permit_number())
    travel: str = attrs.field(validator=is_travel_permit_number())


@given(residence_permit_numbers(), travel_permit_numbers())
def test_converters_store_the_compact_form(permit: str, travel: str) -> None:
    holder = Holder(f" {permit[:9]} {permit[9:].lower()}", travel)
    assert (permitcheck.validate(permit), permitcheck.travel.validate(travel)) == (
        holder.permit,
        holder.travel,
    )


@pytest.mark.parametrize("code", ["length", "characters", "region", "birth_date", "checksum"])
def test_converter_raises_the_numbers_own_error(code: str) -> None:
    number = PermitGenerator(f"attrs {code}").invalid_residence_permit_number(codes=[code])
    with pytest.raises(PermitError) as caught:
        Holder(number)
    assert code == caught.value.code
    assert number not in str(caught.value)


def test_travel_converter_raises_the_travel_error() -> None:
    with pytest.raises(InvalidTravelFormat):
        Holder("810000199408230021", "HB1038787")


def test_validators_accept_any_valid_spelling_and_store_it_as_given() -> None:
    checked = Checked("810000 19940823 0021", "h10387877")
    assert ("810000 19940823 0021", "h10387877") == (checked.permit, checked.travel)


def test_validators_raise_the_numbers_own_error() -> None:
    with pytest.raises(InvalidChecksum):
        Checked("810000199408230022", "H10387877")
    with pytest.raises(InvalidTravelFormat):
        Checked("810000199408230021", "HB1038787")


def test_validators_refuse_a_non_string() -> None:
    with pytest.raises(TypeError):
        Checked(810000199408230021, "H10387877")  # type: ignore[arg-type]


def test_validators_have_a_short_repr() -> None:
    assert "<residence permit number validator>" == repr(is_residence_permit_number())
    assert "<travel permit number validator>" == repr(is_travel_permit_number())
    assert "<identity number validator>" == repr(is_identity_number(kinds=["residence_permit"]))
