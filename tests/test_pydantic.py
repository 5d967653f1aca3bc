"""permitcheck.pydantic: field types for pydantic v2 (issue 12).

Rules under test: valid input in any spelling becomes the compact form (or
the parsed value); every error is a PydanticCustomError whose type is our code
and whose message is in the chosen language; nothing the error carries (ctx,
message, str() with hide_input_in_errors) holds the number; the JSON Schema
has pattern, format and description.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import given
from mypy import api
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

import permitcheck
from number_leaks import assert_no_leak
from permitcheck import ResidencePermit, TravelPermit, messages, schema
from permitcheck.generate import PermitGenerator
from permitcheck.pydantic import (
    LANGUAGE_CONTEXT_KEY,
    IdentityNumber,
    NumberCheck,
    ResidencePermitNumber,
    TravelPermitNumber,
    client_errors,
    resolve_language,
)
from permitcheck.strategies import residence_permit_numbers, travel_permit_numbers

RESIDENCE_CODES = ("length", "characters", "region", "birth_date", "checksum")
#: Travel permit inputs failing with each code, each with a run of 8+ digits.
TRAVEL_CASES = {
    "travel_length": "056168200",
    "travel_characters": "0561682001[D]",
    "travel_format": "0561682001D()",
}
LANGUAGES = messages.LANGUAGES


def invalid_residence(code: str) -> str:
    return PermitGenerator(f"pydantic {code}").invalid_residence_permit_number(codes=[code])


class Applicant(BaseModel):
    model_config = ConfigDict(hide_input_in_errors=True)

    permit: ResidencePermitNumber
    travel: TravelPermitNumber | None = None


class Parsed(BaseModel):
    permit: ResidencePermit
    travel: TravelPermit | None = None


ALL_CASES = [(code, invalid_residence(code), "permit") for code in RESIDENCE_CODES] + [
    (code, number, "travel") for code, number in TRAVEL_CASES.items()
]


def payload(field: str, number: str) -> dict[str, str]:
    base = {"permit": "810000199408230021"}
    base[field] = number
    return base


# -- valid input --------------------------------------------------------------


@given(residence_permit_numbers())
def test_residence_number_becomes_compact(number: str) -> None:
    spelled = f" {number[:6]}-{number[6:14]} {number[14:].lower()} "
    assert permitcheck.validate(number) == Applicant(permit=spelled).permit


@given(travel_permit_numbers())
def test_travel_number_becomes_compact(number: str) -> None:
    applicant = Applicant(permit="810000199408230021", travel=number)
    assert permitcheck.travel.validate(number) == applicant.travel


def test_parsed_types_validate_from_str_and_serialise_compact() -> None:
    model = Parsed.model_validate({"permit": "８３００００ 19920130 0022", "travel": "h1038-7877"})
    assert permitcheck.parse("830000199201300022") == model.permit
    assert permitcheck.parse_travel_permit("H10387877") == model.travel
    assert {"permit": "830000199201300022", "travel": "H10387877"} == json.loads(
        model.model_dump_json()
    )
    assert {"permit": "830000199201300022", "travel": "H10387877"} == model.model_dump(mode="json")
    # Python mode keeps the values, and they validate back as they are.
    dumped = model.model_dump()
    assert model.permit is dumped["permit"]
    assert model == Parsed.model_validate(dumped)


def test_parsed_types_round_trip_through_json() -> None:
    model = Parsed.model_validate({"permit": "810000199408230021", "travel": "0561682001(D)"})
    assert model == Parsed.model_validate_json(model.model_dump_json())


def test_none_stays_none_when_optional() -> None:
    assert None is Parsed.model_validate({"permit": "810000199408230021"}).travel
    assert (
        '{"permit":"810000199408230021","travel":null}'
        == Parsed(permit=permitcheck.parse("810000199408230021")).model_dump_json()
    )


def test_repr_of_a_model_with_parsed_types_masks_the_number() -> None:
    model = Parsed.model_validate({"permit": "810000199408230021", "travel": "H10387877"})
    assert_no_leak("810000199408230021", repr(model))
    assert_no_leak("H10387877", repr(model))


def test_strict_mode_still_validates_strings() -> None:
    adapter = TypeAdapter(ResidencePermitNumber)
    assert "810000199408230021" == adapter.validate_python("810000 19940823 0021", strict=True)


# -- errors ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("code", "number", "field"), ALL_CASES)
def test_each_code_in_each_language_through_the_context(
    code: str, number: str, field: str, language: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Applicant.model_validate(payload(field, number), context={LANGUAGE_CONTEXT_KEY: language})
    [error] = caught.value.errors()
    assert (code, (field,), messages.message(code, language)) == (
        error["type"],
        error["loc"],
        error["msg"],
    )
    assert "ctx" not in error
    assert_no_leak(number, str(caught.value))
    assert_no_leak(number, json.dumps(client_errors(caught.value), ensure_ascii=False))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("code", "number", "field"), ALL_CASES)
def test_each_code_in_each_language_through_the_metadata(
    code: str, number: str, field: str, language: str
) -> None:
    kind = "residence_permit" if field == "permit" else "travel_permit"
    adapter = TypeAdapter(Annotated[str, NumberCheck(kind, language=language)])
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(number)
    [error] = caught.value.errors(include_input=False)
    assert {"type": code, "loc": (), "msg": messages.message(code, language)} == error


@pytest.mark.parametrize(("code", "number", "field"), ALL_CASES)
def test_parsed_field_errors_carry_the_code(code: str, number: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Parsed.model_validate(payload(field, number))
    assert [code] == [error["type"] for error in caught.value.errors()]


def test_context_language_wins_over_the_metadata() -> None:
    adapter = TypeAdapter(Annotated[str, NumberCheck("residence_permit", language="zh-Hant")])
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python("810000199408230022", context={LANGUAGE_CONTEXT_KEY: "zh_CN"})
    assert messages.message("checksum", "zh-Hans") == caught.value.errors()[0]["msg"]


@pytest.mark.parametrize("context", [None, {}, {LANGUAGE_CONTEXT_KEY: "fr"}, "zh-Hans"])
def test_no_usable_context_language_falls_back_to_the_metadata(context: Any) -> None:
    adapter = TypeAdapter(Annotated[str, NumberCheck("residence_permit", language="zh-Hant")])
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python("810000199408230022", context=context)
    assert messages.message("checksum", "zh-Hant") == caught.value.errors()[0]["msg"]


def test_without_hide_input_pydantic_shows_the_input_but_client_errors_do_not() -> None:
    # Documented: pydantic's own str() shows input_value unless the model hides it.
    adapter = TypeAdapter(ResidencePermitNumber)
    number = "810000199408230022"
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(number)
    assert number in str(caught.value)
    error = caught.value.errors()[0]
    assert number == error["input"]
    assert_no_leak(number, json.dumps(caught.value.errors(include_input=False)))
    assert_no_leak(number, repr(client_errors(caught.value)))


@pytest.mark.parametrize("value", [810000199408230021, None, b"810000199408230021", 1.5])
def test_a_non_string_is_a_string_type_error(value: object) -> None:
    for annotation in (ResidencePermitNumber, TravelPermitNumber, ResidencePermit, TravelPermit):
        with pytest.raises(ValidationError) as caught:
            TypeAdapter(annotation).validate_python(value)
        [error] = caught.value.errors()
        assert ("string_type", "Input should be a valid string") == (error["type"], error["msg"])
        assert "ctx" not in error


def test_a_number_in_the_wrong_parsed_type_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(TravelPermit).validate_python(permitcheck.parse("810000199408230021"))
    assert "string_type" == caught.value.errors()[0]["type"]


@pytest.mark.parametrize(
    ("annotation", "number", "parsed"),
    [
        (ResidencePermit, "８３００００ 19920130 0022", permitcheck.parse),
        (TravelPermit, "h1038-7877", permitcheck.parse_travel_permit),
    ],
)
def test_a_parsed_type_built_in_the_test_gives_the_parsed_value(
    annotation: type, number: str, parsed: Callable[[str], object]
) -> None:
    # Its schema is built here, not when the module loads: a mutation run
    # (tools/mutation.py) changes the schema code only inside the test.
    value = TypeAdapter(annotation).validate_python(number)
    assert (annotation, parsed(number)) == (type(value), value)


# -- client_errors -------------------------------------------------------------------


def test_client_errors_translate_our_codes_and_keep_the_others() -> None:
    class Form(BaseModel):
        name: Annotated[str, "not a constraint"]
        permit: ResidencePermitNumber

    with pytest.raises(ValidationError) as caught:
        Form.model_validate({"permit": "810000199408230022"})
    assert [
        {"type": "missing", "loc": ("name",), "msg": "Field required"},
        {"type": "checksum", "loc": ("permit",), "msg": messages.message("checksum", "zh-Hant")},
    ] == client_errors(caught.value, language="zh-Hant")
    # The list errors() returns is accepted too (FastAPI hands over that).
    assert client_errors(caught.value) == client_errors(caught.value.errors())


def test_client_errors_refuse_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="no messages"):
        client_errors([], language="fr")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("EN-us", "en"),
        ("zh-Hans", "zh-Hans"),
        ("zh-hans", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh_SG", "zh-Hans"),
        ("zh-Hant", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant-MO", "zh-Hant"),
        (" zh-tw ", "zh-Hant"),
        ("fr", None),
        ("", None),
        (None, None),
        (7, None),
    ],
)
def test_resolve_language(tag: object, expected: str | None) -> None:
    assert expected == resolve_language(tag)


# -- NumberCheck ----------------------------------------------------------------------


def test_number_check_refuses_unknown_kinds_and_languages() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        NumberCheck("passport")
    with pytest.raises(ValueError, match="no messages"):
        NumberCheck("residence_permit", language="fr")
    with pytest.raises(ValueError, match="only the 'identity' kind"):
        NumberCheck("travel_permit", kinds=["home_return_permit"])


def test_number_check_equality_hash_and_repr() -> None:
    first = NumberCheck("identity", kinds=["residence_permit"], language="zh-tw")
    same = NumberCheck("identity", kinds=("residence_permit",), language="zh-Hant")
    assert first == same
    assert hash(first) == hash(same)
    assert first != NumberCheck("identity")
    assert first != "identity"
    assert "NumberCheck('identity', kinds=['residence_permit'], language='zh-Hant')" == repr(first)
    assert "NumberCheck('travel_permit', language='en')" == repr(NumberCheck("travel_permit"))


# -- JSON Schema ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        (ResidencePermitNumber, "residence_permit"),
        (TravelPermitNumber, "travel_permit"),
        (ResidencePermit, "residence_permit"),
        (TravelPermit, "travel_permit"),
    ],
)
@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_json_schema_has_pattern_format_and_description(
    annotation: Any, kind: str, mode: Any
) -> None:
    generated = TypeAdapter(annotation).json_schema(mode=mode)
    assert schema.json_schema(kind) == generated
    assert {"pattern", "format", "description"} <= generated.keys()


def test_identity_json_schema_without_kinds_has_every_kinds_pattern() -> None:
    generated = TypeAdapter(IdentityNumber).json_schema()
    assert ("string", "identity-number") == (generated["type"], generated["format"])
    expected = "|".join(schema.pattern(kind, anchored=False) for kind in permitcheck.DocumentKind)
    assert f"^(?:{expected})$" == generated["pattern"]
    assert "any kind" in generated["description"]


def test_identity_json_schema_with_published_kinds_has_their_alternation() -> None:
    kinds = ["residence_permit", "home_return_permit"]
    generated = TypeAdapter(Annotated[str, NumberCheck("identity", kinds=kinds)]).json_schema()
    expected = "^(?:{}|{})$".format(*(schema.pattern(kind, anchored=False) for kind in kinds))
    assert expected == generated["pattern"]
    assert "residence_permit, home_return_permit" in generated["description"]


def test_identity_json_schema_with_an_unknown_kind_has_no_pattern() -> None:
    kinds = ["residence_permit", "passport"]
    generated = TypeAdapter(Annotated[str, NumberCheck("identity", kinds=kinds)]).json_schema()
    assert "pattern" not in generated


def test_model_json_schema_shows_each_field() -> None:
    properties = Applicant.model_json_schema()["properties"]
    assert schema.pattern("residence_permit") == properties["permit"]["pattern"]
    assert {"type": "null"} in properties["travel"]["anyOf"]


# -- mypy and the extra ----------------------------------------------------------------------

USER_MODEL = """
from typing import Annotated

from pydantic import BaseModel

import permitcheck
from permitcheck.pydantic import (
    IdentityNumber,
    NumberCheck,
    ResidencePermitNumber,
    TravelPermitNumber,
)


class Applicant(BaseModel):
    permit: ResidencePermitNumber
    travel: TravelPermitNumber | None = None
    any_document: IdentityNumber | None = None
    mainland: Annotated[str, NumberCheck("identity", kinds=["mainland_id"])] | None = None
    parsed: permitcheck.ResidencePermit
    parsed_travel: permitcheck.TravelPermit | None = None


applicant = Applicant.model_validate({"permit": "810000199408230021",
                                       "parsed": "810000199408230021"})
upper: str = applicant.permit.upper()
region: permitcheck.Region = applicant.parsed.region
"""


def run_mypy(tmp_path: Path, source: str) -> tuple[str, int]:
    sample = tmp_path / "user_model.py"
    sample.write_text(source)
    stdout, stderr, status = api.run(
        [
            "--strict",
            "--config-file",
            str(tmp_path / "none.ini"),
            "--cache-dir",
            str(Path(__file__).parent.parent / ".mypy_cache"),
            "--no-error-summary",
            str(sample),
        ]
    )
    return stdout + stderr, status


def test_mypy_strict_passes_on_a_users_model(tmp_path: Path) -> None:
    (tmp_path / "none.ini").write_text("[mypy]\n")
    output, status = run_mypy(tmp_path, USER_MODEL)
    assert ("", 0) == (output, status)
    # The same check sees a type error: the field types are str and ResidencePermit.
    output, status = run_mypy(tmp_path, USER_MODEL + "wrong: int = applicant.permit\n")
    assert 1 == status
    assert "Incompatible types in assignment" in output


def test_import_without_pydantic_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['pydantic_core'] = None\n"
        "try:\n    import permitcheck.pydantic\n"
        "except ImportError as error:\n    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "pip install 'permitcheck[pydantic]'" in result.stdout
