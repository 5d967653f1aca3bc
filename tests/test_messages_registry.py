"""Every error code in the library has a message in every language.

The registry is walked, not listed: importing every module of the package
registers every error class, so a code added anywhere without its
translations fails here.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import permitcheck
from permitcheck import ErrorCode, PermitError, error_class
from permitcheck.errors import Problem
from permitcheck.messages import LANGUAGES, MESSAGES, message


def _error_classes() -> list[type[PermitError]]:
    for module in pkgutil.iter_modules(permitcheck.__path__):
        importlib.import_module(f"permitcheck.{module.name}")
    found: list[type[PermitError]] = []
    # PermitError's own "invalid" is only a default for subclasses; it is never raised.
    pending = PermitError.__subclasses__()
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "code" in cls.__dict__:
            found.append(cls)
    return sorted(found, key=lambda cls: cls.code)


ERROR_CLASSES = _error_classes()
CODES = [cls.code for cls in ERROR_CLASSES]


def test_the_registry_is_not_empty() -> None:
    # The residence permit codes alone are five; the command's row codes six more.
    assert {"length", "checksum", "encoding", "nul", "empty", "too_long", "csv", "column"} <= set(
        CODES
    )


def test_codes_are_unique() -> None:
    assert len(CODES) == len(set(CODES))


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=CODES)
def test_error_class_finds_the_class(cls: type[PermitError]) -> None:
    assert cls is error_class(cls.code)


@pytest.mark.parametrize("code", CODES)
def test_every_code_has_every_language(code: ErrorCode) -> None:
    assert set(LANGUAGES) == set(MESSAGES[code])
    assert all(message(code, language).strip() for language in LANGUAGES)


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=CODES)
def test_english_message_is_the_class_message(cls: type[PermitError]) -> None:
    assert message(cls.code, "en") == str(cls())


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=CODES)
def test_problem_from_code(cls: type[PermitError]) -> None:
    assert Problem(cls.code, message(cls.code)) == Problem.from_code(cls.code)


def test_every_message_belongs_to_a_code_or_a_warning() -> None:
    # Link warnings are codes without an exception class (PermitLink.warnings).
    # So is the unconfirmed 7-3-1 check of 15-character foreign permanent resident numbers.
    from permitcheck.documents.foreign_permanent_resident_15 import (  # noqa: PLC0415
        CHECK_WARNING,
    )
    from permitcheck.linking import LETTER_REGION_WARNING  # noqa: PLC0415

    assert set(MESSAGES) == {*CODES, LETTER_REGION_WARNING, CHECK_WARNING}


@pytest.mark.parametrize(
    ("cls", "code", "parent"),
    [
        (permitcheck.InvalidEncoding, "encoding", "InvalidFormat"),
        (permitcheck.NulCharacter, "nul", "InvalidFormat"),
        (permitcheck.EmptyRow, "empty", "InvalidLength"),
        (permitcheck.RowTooLong, "too_long", "InvalidLength"),
        (permitcheck.InvalidCsvRow, "csv", "InvalidFormat"),
        (permitcheck.MissingColumn, "column", "InvalidFormat"),
        (permitcheck.ExcelNumber, "excel_number", "InvalidFormat"),
    ],
)
def test_row_error_classes(cls: type[PermitError], code: str, parent: str) -> None:
    # The command's row codes follow the library's error model: a stdnum parent,
    # PermitError, a stable code.
    from stdnum import exceptions  # noqa: PLC0415

    assert (code, True, True) == (
        cls.code,
        issubclass(cls, getattr(exceptions, parent)),
        issubclass(cls, PermitError),
    )


def test_error_code_lists_exactly_the_codes_with_messages() -> None:
    # Issue 8: ErrorCode is the typed list of codes; a new code enters it with its messages.
    from typing import get_args  # noqa: PLC0415

    assert sorted(MESSAGES) == sorted(get_args(permitcheck.ErrorCode))


def test_language_lists_exactly_the_message_languages() -> None:
    from typing import get_args  # noqa: PLC0415

    assert LANGUAGES == get_args(permitcheck.Language)
