"""A real-name form service with FastAPI and permitcheck's pydantic types.

Run it with ``uvicorn examples.fastapi_app:app`` (from the repository root,
with ``pip install 'permitcheck[pydantic]' fastapi uvicorn``).  What it shows:

- a request model whose fields are permitcheck types: the numbers arrive in any
  spelling and the handler gets the compact form;
- 422 responses that carry permitcheck's error codes and messages, in the
  language of the ``Accept-Language`` header, and never the submitted number
  (FastAPI's default handler echoes every ``input`` back);
- ``hide_input_in_errors`` on the model, so ``str()`` of a validation error
  (in a traceback or a log) does not show the number either;
- logging that never formats a number: the service logs codes and masked
  values, and a filter on the handlers blanks any long digit run that slips in
  (an access log line with a number in the query string, say).
"""

from __future__ import annotations

import logging
import logging.config
import re
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

import permitcheck
from permitcheck.pydantic import (
    IdentityNumber,
    ResidencePermitNumber,
    TravelPermitNumber,
    client_errors,
    resolve_language,
)

__all__ = ["LOGGING", "RealNameForm", "RedactNumbers", "app", "create_app"]

logger = logging.getLogger("realname")


class RedactNumbers(logging.Filter):
    """Blank every run of 6 or more digits (with an optional letter prefix) in a log record.

    Identity numbers have at least 8 digits; a run of 6 catches a number split
    by a separator too.  The record's message is formatted once and its
    arguments dropped, so nothing is formatted later from the raw values.
    """

    _DIGITS = re.compile(r"[0-9][0-9 \-]{4,}[0-9]")

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite *record*'s message with the digit runs blanked; always keep it."""
        record.msg = self._DIGITS.sub("[number]", record.getMessage())
        record.args = None
        return True


#: A ``logging.config.dictConfig`` for the service and for uvicorn.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_numbers": {"()": RedactNumbers}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_numbers"],
        }
    },
    "loggers": {
        "realname": {"handlers": ["stderr"], "level": "INFO", "propagate": True},
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


class RealNameForm(BaseModel):
    """The form: a name, the residence permit, optionally the travel permit and another document."""

    # str(ValidationError) shows no input (a traceback or a log line stays clean).
    model_config = ConfigDict(hide_input_in_errors=True, extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=64)]
    residence_permit: ResidencePermitNumber
    travel_permit: TravelPermitNumber | None = None
    # Any other identity document the person shows (mainland ID, HKID, ...).
    other_document: IdentityNumber | None = None


class ClientError(BaseModel):
    """One reason the form was rejected: a stable code, where, and a message."""

    type: str
    loc: list[str | int]
    msg: str


class ClientErrors(BaseModel):
    """The body of a 422 response."""

    detail: list[ClientError]


def preferred_language(header: str | None) -> str:
    """Return the first language of an ``Accept-Language`` header we have messages in."""
    for part in (header or "").split(","):
        language = resolve_language(part.split(";")[0])
        if language is not None:
            return language
    return "en"


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    language = preferred_language(request.headers.get("accept-language"))
    detail = client_errors(error, language=language)
    # Log the codes only: they say what went wrong without the personal data.
    logger.info("rejected a form: %s", ",".join(item["type"] for item in detail))
    return JSONResponse(status_code=422, content={"detail": detail})


def create_app() -> FastAPI:
    """Return the service; ``app.state.accepted`` keeps the accepted forms (compact numbers)."""
    service = FastAPI(title="Real-name verification")
    service.state.accepted = []
    service.add_exception_handler(RequestValidationError, _validation_error)

    @service.post("/real-name", responses={422: {"model": ClientErrors}})
    def submit(form: RealNameForm) -> dict[str, str]:
        service.state.accepted.append(form)
        region = permitcheck.parse(form.residence_permit).region
        logger.info("accepted a form for region %s", region.value)
        # The answer does not repeat the numbers: the client has them.
        return {"status": "accepted", "region": region.value}

    return service


app = create_app()
