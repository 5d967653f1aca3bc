"""IdentityNumber and friends: the integrations over permitcheck.identify (issue 12).

identify() recognises every document kind (issue 10); these tests hold the
pydantic type, the Django validator and field, and the attrs converter and
validator to it: any kind in, the compact form out, its errors' codes in each
language, kinds= limits.
"""

from __future__ import annotations

import json
import re
from typing import Annotated

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

import permitcheck
from number_leaks import assert_no_leak, leaked
from permitcheck import DocumentKind, Identification, messages, schema
from permitcheck.attrs import identity_number, is_identity_number
from permitcheck.pydantic import (
    LANGUAGE_CONTEXT_KEY,
    IdentityNumber,
    NumberCheck,
    client_errors,
)
from permitcheck.strategies import invalid_document_numbers

#: Public specimens (FORMATS.md section 7) in the spellings people type, and their compact forms.
SPECIMENS = {
    "11010519491231002x": "11010519491231002X",
    "a123456(3)": "A1234563",
    "810000 19940823 0021": "810000199408230021",
    "h1038-7877": "H10387877",
    "932682198501010017": "932682198501010017",
    "A123456789": "A123456789",
}
#: Inputs failing with each code identify() raises, each with a run of 8+ digits.
ERRORS = {
    "unknown_document": "8100001994082300",
    "checksum": "810000199408230022",
}
MAINLAND = "11010519491231002X"


class Applicant(BaseModel):
    model_config = ConfigDict(hide_input_in_errors=True)

    document: IdentityNumber
    permit_only: Annotated[str, NumberCheck("identity", kinds=["residence_permit"])] = (
        "810000199408230021"
    )


class Parsed(BaseModel):
    identification: Identification
    limited: Annotated[Identification, NumberCheck("identity", kinds=["mainland_id"])] | None = None


@pytest.mark.parametrize(("spelled", "compact"), SPECIMENS.items())
def test_identity_number_gives_the_compact_form(spelled: str, compact: str) -> None:
    assert compact == Applicant(document=spelled).document


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize(("code", "number"), ERRORS.items())
def test_identity_errors_in_each_language(code: str, number: str, language: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Applicant.model_validate({"document": number}, context={LANGUAGE_CONTEXT_KEY: language})
    [error] = caught.value.errors(include_input=False)
    assert {"type": code, "loc": ("document",), "msg": messages.message(code, language)} == error
    assert_no_leak(number, str(caught.value))


@given(invalid_document_numbers(), st.sampled_from(messages.LANGUAGES))
def test_every_identify_error_surfaces_with_its_code_in_each_language(
    number: str, language: str
) -> None:
    # A near miss of any kind: pydantic reports the code identify() raises, in the language.
    try:
        permitcheck.identify(number)
    except permitcheck.PermitError as error:
        code = error.code
    else:
        return  # a near miss of one kind that is a valid number of another
    with pytest.raises(ValidationError) as caught:
        Applicant.model_validate({"document": number}, context={LANGUAGE_CONTEXT_KEY: language})
    [error] = caught.value.errors(include_input=False)
    assert {"type": code, "loc": ("document",), "msg": messages.message(code, language)} == error
    assert [] == leaked(number, str(caught.value))


def test_kinds_limit_the_identity_number() -> None:
    with pytest.raises(ValidationError) as caught:
        Applicant(document=MAINLAND, permit_only=MAINLAND)
    assert [("unknown_document", ("permit_only",))] == [
        (error["type"], error["loc"]) for error in caught.value.errors()
    ]


def test_identification_field_validates_and_serialises_compact() -> None:
    model = Parsed.model_validate({"identification": "a123456(3)", "limited": MAINLAND.lower()})
    assert DocumentKind.HONG_KONG_ID == model.identification.kind
    assert model.limited is not None
    assert DocumentKind.MAINLAND_ID == model.limited.kind
    assert {"identification": "A1234563", "limited": MAINLAND} == json.loads(
        model.model_dump_json()
    )
    assert model == Parsed.model_validate_json(model.model_dump_json())
    assert_no_leak(MAINLAND, repr(model))


def test_an_identification_of_an_allowed_kind_passes_as_it_is() -> None:
    found = permitcheck.identify(MAINLAND)
    assert found is Parsed(identification=found, limited=found).limited


def test_an_identification_of_another_kind_is_refused() -> None:
    found = permitcheck.identify("A123456(3)")
    with pytest.raises(ValidationError) as caught:
        Parsed(identification=found, limited=found)
    assert ["unknown_document"] == [error["type"] for error in caught.value.errors()]


def test_identification_field_errors() -> None:
    with pytest.raises(ValidationError) as caught:
        Parsed.model_validate({"identification": "810000199408230022"})
    assert [
        {
            "type": "checksum",
            "loc": ("identification",),
            "msg": messages.message("checksum", "zh-Hans"),
        }
    ] == client_errors(caught.value, language="zh-Hans")


def test_identity_json_schema_of_every_kind_has_its_pattern() -> None:
    for kind in DocumentKind:
        generated = TypeAdapter(Annotated[str, NumberCheck("identity", kinds=[kind])]).json_schema()
        assert f"^(?:{schema.pattern(kind, anchored=False)})$" == generated["pattern"]


def test_identity_json_schema_of_all_kinds_has_their_alternation() -> None:
    generated = TypeAdapter(IdentityNumber).json_schema()
    for compact in SPECIMENS.values():
        assert permitcheck.check_identity(compact).valid
        assert re.fullmatch(generated["pattern"], compact)


# -- attrs -------------------------------------------------------------------------


def mainland_id_number(value: str) -> str:
    # The documented way to limit the kinds: a named function (mypy's attrs plugin).
    return identity_number(value, kinds=[DocumentKind.MAINLAND_ID])


@attrs.frozen
class Person:
    document: str = attrs.field(converter=identity_number)
    mainland: str | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(mainland_id_number),
    )
    checked: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(is_identity_number(kinds=["hong_kong_id"])),
    )


@pytest.mark.parametrize(("spelled", "compact"), SPECIMENS.items())
def test_attrs_identity_converter(spelled: str, compact: str) -> None:
    assert compact == Person(spelled).document


def test_attrs_identity_kinds_and_validator() -> None:
    person = Person("A123456(3)", MAINLAND.lower(), "A123456(3)")
    assert (MAINLAND, "A123456(3)") == (person.mainland, person.checked)
    with pytest.raises(permitcheck.UnknownDocument):
        Person("A123456(3)", "A123456(3)")
    with pytest.raises(permitcheck.UnknownDocument):
        Person("A123456(3)", None, MAINLAND)
    with pytest.raises(permitcheck.PermitError) as caught:
        Person("810000199408230022")
    assert "checksum" == caught.value.code


def test_identification_json_schema_is_the_identity_numbers() -> None:
    assert TypeAdapter(IdentityNumber).json_schema() == TypeAdapter(Identification).json_schema()
    assert "pattern" in TypeAdapter(Identification).json_schema(mode="serialization")


def test_an_identification_passes_an_identification_field_as_it_is() -> None:
    # A schema built here, not at import: the field type's own hook is what is tested.
    found = permitcheck.identify("A123456(3)")
    adapter = TypeAdapter(Identification)
    assert (found, found) == (
        Parsed(identification=found).identification,
        adapter.validate_python(found),
    )
    assert adapter.validate_python(found) is found
