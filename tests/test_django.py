"""permitcheck.django: validators and form fields (issue 12).

Settings come from tests/django_app.py (configured here, no database).  A real
form, real model fields and Django's test client: valid input cleans to the
compact form; each code arrives as the ValidationError code with the message
in the active language; no error output or response holds the number.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import django
import pytest
from django.conf import settings

import django_app

if not settings.configured:
    settings.configure(**django_app.SETTINGS)
    django.setup()

from django.core.exceptions import ValidationError
from django.db import models
from django.db.migrations.writer import MigrationWriter
from django.test import Client
from django.utils import translation

from number_leaks import assert_no_leak
from permitcheck import messages
from permitcheck.django import (
    IdentityNumberValidator,
    ResidencePermitNumberField,
    ResidencePermitNumberValidator,
    TravelPermitNumberValidator,
)
from permitcheck.generate import PermitGenerator

RESIDENCE_CODES = ("length", "characters", "region", "birth_date", "checksum")
TRAVEL_CASES = {
    "travel_length": "056168200",
    "travel_characters": "0561682001[D]",
    "travel_format": "0561682001D()",
}
DJANGO_LANGUAGE = {"en": "en", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}


def invalid_residence(code: str) -> str:
    return PermitGenerator(f"django {code}").invalid_residence_permit_number(codes=[code])


#: identify() errors (issue 10), for the any-kind field.
IDENTITY_CASES = {
    "unknown_document": "8100001994082300",
    "mainland_id_checksum": "110105194912310021",
}
CASES = (
    [(code, invalid_residence(code), "residence_permit") for code in RESIDENCE_CODES]
    + [(code, number, "travel_permit") for code, number in TRAVEL_CASES.items()]
    + [(code, number, "any_document") for code, number in IDENTITY_CASES.items()]
)
VALIDATORS = {
    "residence_permit": ResidencePermitNumberValidator,
    "travel_permit": TravelPermitNumberValidator,
    "any_document": IdentityNumberValidator,
}


def data(**fields: str) -> dict[str, str]:
    return {"name": "陳大文", "residence_permit": "810000199408230021", **fields}


def test_valid_form_cleans_to_the_compact_form() -> None:
    form = django_app.RealNameForm(
        data(
            residence_permit=" ８３００００-19920130-0022 ",
            travel_permit="0561682001（d）",
            any_document="a123456(3)",
        )
    )
    assert form.is_valid(), form.errors
    assert ("830000199201300022", "0561682001(D)", "A1234563") == (
        form.cleaned_data["residence_permit"],
        form.cleaned_data["travel_permit"],
        form.cleaned_data["any_document"],
    )


def test_required_and_empty_values_keep_djangos_behaviour() -> None:
    form = django_app.RealNameForm({"name": "x", "residence_permit": "  "})
    assert not form.is_valid()
    assert ["required"] == [error.code for error in form.errors.as_data()["residence_permit"]]


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize(("code", "number", "field"), CASES)
def test_form_error_code_and_message_in_the_active_language(
    code: str, number: str, field: str, language: str
) -> None:
    with translation.override(DJANGO_LANGUAGE[language]):
        form = django_app.RealNameForm(data(**{field: number}))
        assert not form.is_valid()
        [error] = form.errors.as_data()[field]
        assert (code, [messages.message(code, language)]) == (error.code, error.messages)
        assert error.params is None
        assert_no_leak(number, str(form.errors) + form.errors.as_json() + repr(error))


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize(("code", "number", "field"), CASES)
def test_test_client_gets_codes_in_the_accept_language(
    code: str, number: str, field: str, language: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = Client().post(
        "/real-name", data(**{field: number}), headers={"accept-language": language}
    )
    assert 422 == response.status_code
    body = response.content.decode()
    assert {field: [{"message": messages.message(code, language), "code": code}]} == json.loads(
        body
    )["errors"]
    assert_no_leak(number, body)
    # Django logs the refused request (django.request); no log record holds the number.
    logged = [record for record in caplog.records if record.name.startswith("django")]
    assert logged
    assert_no_leak(number, "\n".join(f"{caplog.text}{record.args!r}" for record in logged))


def test_test_client_accepts_a_valid_form() -> None:
    response = Client().post("/real-name", data(travel_permit="h1038 7877"))
    assert (200, {"status": "accepted"}) == (response.status_code, response.json())


@pytest.mark.parametrize(("code", "number", "field"), CASES)
def test_model_field_validators(code: str, number: str, field: str) -> None:
    model_field = models.CharField(max_length=20, validators=[VALIDATORS[field]()])
    with pytest.raises(ValidationError) as caught:
        model_field.clean(number, None)
    assert [code] == [error.code for error in caught.value.error_list]
    assert_no_leak(number, str(caught.value) + repr(caught.value))


def test_model_field_validator_passes_a_valid_number_unchanged() -> None:
    model_field = models.CharField(max_length=20, validators=[ResidencePermitNumberValidator()])
    assert "810000 19940823 0021" == model_field.clean("810000 19940823 0021", None)


def test_fixed_language_wins_over_the_active_one() -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        ResidencePermitNumberValidator(language="zh_TW")("810000199408230022")
    assert [messages.message("checksum", "zh-Hant")] == caught.value.messages


def test_an_unsupported_active_language_gets_english() -> None:
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        TravelPermitNumberValidator()("H1038787")
    assert [messages.message("travel_length", "en")] == caught.value.messages


def test_validators_refuse_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="no messages"):
        ResidencePermitNumberValidator(language="fr")


def test_identity_validator_kinds() -> None:
    IdentityNumberValidator(kinds=["hong_kong_id"])("A123456(3)")
    with pytest.raises(ValidationError) as caught:
        IdentityNumberValidator(kinds=["hong_kong_id"], language="zh-Hant")("11010519491231002X")
    assert ["unknown_document"] == [error.code for error in caught.value.error_list]
    assert [messages.message("unknown_document", "zh-Hant")] == caught.value.messages


def test_validators_deconstruct_for_migrations() -> None:
    validator = IdentityNumberValidator(kinds=["residence_permit"], language="zh-Hant")
    assert (
        "permitcheck.django.IdentityNumberValidator",
        (),
        {"kinds": ["residence_permit"], "language": "zh-Hant"},
    ) == validator.deconstruct()
    source, imports = MigrationWriter.serialize(ResidencePermitNumberValidator())
    assert "permitcheck.django.ResidencePermitNumberValidator()" == source
    assert {"import permitcheck.django"} == imports


def test_validators_compare_by_options() -> None:
    assert ResidencePermitNumberValidator() == ResidencePermitNumberValidator()
    assert hash(ResidencePermitNumberValidator()) == hash(ResidencePermitNumberValidator())
    assert ResidencePermitNumberValidator() != ResidencePermitNumberValidator(language="en")
    assert ResidencePermitNumberValidator() != TravelPermitNumberValidator()
    assert IdentityNumberValidator(kinds=["a"]) != IdentityNumberValidator(kinds=["b"])
    assert IdentityNumberValidator(kinds=["a"]) == IdentityNumberValidator(kinds=("a",))
    assert ResidencePermitNumberValidator() != "validator"


def test_form_fields_render_input_hints() -> None:
    html = str(ResidencePermitNumberField().widget.render("permit", ""))
    field = ResidencePermitNumberField(language="zh-Hans")
    attrs = field.widget_attrs(field.widget)
    assert {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"} == {
        key: attrs[key] for key in ("autocomplete", "spellcheck", "autocapitalize")
    }
    assert 'autocomplete="off"' in html


def test_import_without_django_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['django'] = None\n"
        "try:\n    import permitcheck.django\n"
        "except ImportError as error:\n    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "pip install 'permitcheck[django]'" in result.stdout
