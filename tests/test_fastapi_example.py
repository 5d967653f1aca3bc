"""examples/fastapi_app.py: the real-name form service (issue 12).

A real FastAPI app through TestClient (httpx): valid input is normalised, a 422
carries our codes and messages in the Accept-Language language, the OpenAPI
document shows the patterns, and neither a response body nor any log record
holds the submitted number.
"""

from __future__ import annotations

import copy
import importlib.util
import io
import logging
import logging.config
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import permitcheck
from number_leaks import assert_no_leak, leaked
from permitcheck import messages, schema
from permitcheck.generate import PermitGenerator

EXAMPLE = Path(__file__).parent.parent / "examples" / "fastapi_app.py"
RESIDENCE_CODES = ("length", "characters", "region", "birth_date", "checksum")
TRAVEL_CASES = {
    "travel_length": "056168200",
    "travel_characters": "0561682001[D]",
    "travel_format": "0561682001D()",
}
ACCEPT = {"en": "en-GB,en;q=0.9", "zh-Hans": "zh-CN,zh;q=0.9", "zh-Hant": "zh-TW,zh;q=0.8"}


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fastapi_app_example", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


example = load_example()


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(example.create_app()) as test_client:
        yield test_client


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    # Every logger at every level: uvicorn, httpx, FastAPI and the service.
    caplog.set_level(logging.DEBUG)
    return caplog


def all_log_text(records: pytest.LogCaptureFixture) -> str:
    # caplog.records, read now: the list is replaced between test phases.
    assert records.records, "nothing was logged: the check would prove nothing"
    texts = []
    for record in records.records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        texts.append(logging.Formatter().format(record))
    return "\n".join(texts)


def invalid_residence(code: str) -> str:
    return PermitGenerator(f"fastapi {code}").invalid_residence_permit_number(codes=[code])


IDENTITY_CASES = {
    "unknown_document": "8100001994082300",
    "mainland_id_checksum": "110105194912310021",
}
CASES = (
    [(code, invalid_residence(code), "residence_permit") for code in RESIDENCE_CODES]
    + [(code, number, "travel_permit") for code, number in TRAVEL_CASES.items()]
    + [(code, number, "other_document") for code, number in IDENTITY_CASES.items()]
)


def form(**fields: str) -> dict[str, str]:
    return {"name": "陳大文", "residence_permit": "810000199408230021", **fields}


def test_valid_form_is_accepted_and_normalised(
    client: TestClient, records: pytest.LogCaptureFixture
) -> None:
    response = client.post(
        "/real-name",
        json=form(
            residence_permit="８３００００ 1992-0130 0022",
            travel_permit="h 1038 7877",
            other_document="11010519491231002x",
        ),
    )
    assert 200 == response.status_code
    assert {"status": "accepted", "region": "TW"} == response.json()
    [accepted] = client.app.state.accepted  # type: ignore[attr-defined]
    assert ("830000199201300022", "H10387877", "11010519491231002X") == (
        accepted.residence_permit,
        accepted.travel_permit,
        accepted.other_document,
    )
    assert_no_leak("830000199201300022", response.text + all_log_text(records))
    assert_no_leak("H10387877", response.text + all_log_text(records))


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_each_code_in_each_language_without_the_number(
    client: TestClient, records: pytest.LogCaptureFixture, case: tuple[str, str, str], language: str
) -> None:
    code, number, field = case
    response = client.post(
        "/real-name", json=form(**{field: number}), headers={"Accept-Language": ACCEPT[language]}
    )
    assert 422 == response.status_code
    assert {
        "detail": [{"type": code, "loc": ["body", field], "msg": messages.message(code, language)}]
    } == response.json()
    assert_no_leak(number, response.text)
    assert_no_leak(number, all_log_text(records))
    assert any(code in record.getMessage() for record in records.records)


def test_every_error_of_a_form_is_reported_without_input(client: TestClient) -> None:
    number = invalid_residence("checksum")
    response = client.post(
        "/real-name", json={"residence_permit": number, "travel_permit": 10387877, "x": 1}
    )
    assert 422 == response.status_code
    detail = response.json()["detail"]
    assert [
        ("missing", ["body", "name"]),
        ("checksum", ["body", "residence_permit"]),
        ("string_type", ["body", "travel_permit"]),
        ("extra_forbidden", ["body", "x"]),
    ] == [(item["type"], item["loc"]) for item in detail]
    assert all(set(item) == {"type", "loc", "msg"} for item in detail)
    assert_no_leak(number, response.text)
    assert_no_leak("10387877", response.text)


def test_a_body_that_is_not_json_gets_a_422_without_the_body(client: TestClient) -> None:
    body = '{"residence_permit": "810000199408230022", '
    response = client.post("/real-name", content=body, headers={"Content-Type": "application/json"})
    assert 422 == response.status_code
    assert "json_invalid" == response.json()["detail"][0]["type"]
    assert_no_leak("810000199408230022", response.text)


def test_an_unknown_accept_language_gets_english(client: TestClient) -> None:
    response = client.post(
        "/real-name",
        json=form(residence_permit="810000199408230022"),
        headers={"Accept-Language": "fr-FR, de;q=0.5"},
    )
    assert messages.message("checksum", "en") == response.json()["detail"][0]["msg"]


def test_the_default_fastapi_handler_would_leak() -> None:
    # Why the example installs its handler: FastAPI's own 422 echoes the input.
    plain = FastAPI()

    @plain.post("/real-name")
    def submit(payload: example.RealNameForm) -> None:  # type: ignore[name-defined]
        raise AssertionError("not reached")

    with TestClient(plain) as plain_client:
        response = plain_client.post("/real-name", json=form(residence_permit="810000199408230022"))
    assert 422 == response.status_code
    assert leaked("810000199408230022", response.text)


def test_openapi_document_contains_the_patterns(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    properties = document["components"]["schemas"]["RealNameForm"]["properties"]
    assert schema.pattern("residence_permit") == properties["residence_permit"]["pattern"]
    travel_variants = properties["travel_permit"]["anyOf"]
    assert schema.pattern("travel_permit") in [
        variant.get("pattern") for variant in travel_variants
    ]
    assert "residence-permit-number" == properties["residence_permit"]["format"]
    responses = document["paths"]["/real-name"]["post"]["responses"]
    assert (
        "#/components/schemas/ClientErrors"
        == (responses["422"]["content"]["application/json"]["schema"]["$ref"])
    )
    assert {"type", "loc", "msg"} == set(
        document["components"]["schemas"]["ClientError"]["properties"]
    )


def test_logging_config_redacts_digit_runs() -> None:
    stream = io.StringIO()
    config = copy.deepcopy(example.LOGGING)
    config["handlers"]["stderr"]["stream"] = stream
    logger_name = "realname.redaction-test"
    config["loggers"] = {logger_name: {"handlers": ["stderr"], "level": "INFO", "propagate": False}}
    logging.config.dictConfig(config)
    try:
        logging.getLogger(logger_name).info(
            "GET /lookup?id=%s&tw=%s HTTP/1.1", "810000 19940823 0021", "0561682001(D)"
        )
    finally:
        logging.getLogger(logger_name).handlers.clear()
    text = stream.getvalue()
    assert "[number]" in text
    assert_no_leak("810000199408230021", text)
    assert_no_leak("0561682001", text)
    assert "GET /lookup" in text


def test_the_service_logs_a_valid_region_but_no_number(
    client: TestClient, records: pytest.LogCaptureFixture
) -> None:
    client.post("/real-name", json=form())
    assert ["accepted a form for region HK"] == [
        record.getMessage() for record in records.records if record.name == "realname"
    ]
    assert permitcheck.is_valid(form()["residence_permit"])
