"""Taiwan resident certificate numbers (居留證統一證號, ARC / TARC).

Two forms, both 10 characters with the national ID's check digit:

- old (until 2020): a letter, then ``A``-``D`` (``A``/``C`` male, ``B``/``D``
  female), seven digits and a check digit; the second letter counts as the
  last digit of its letter value;
- new (from 2021-01-02): a letter, then ``8`` (male) or ``9`` (female),
  seven digits and a check digit.

>>> parse("AC01234567").form, parse("A800000014").sex.value
('old', 'M')
>>> is_valid("A800000015")
False
"""

from __future__ import annotations

from typing import Final

import attrs

from permitcheck._normalize import fold
from permitcheck.documents import _taiwan
from permitcheck.documents.common import MASK_ALL, MaskedValue
from permitcheck.errors import (
    InvalidTaiwanResidentCertificateChecksum,
    InvalidTaiwanResidentCertificateFormat,
    InvalidTaiwanResidentCertificateLength,
    PermitError,
)
from permitcheck.model import Sex
from permitcheck.privacy import scrubbed

__all__ = [
    "PATTERN",
    "TaiwanResidentCertificate",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_taiwan_resident_certificate",
    "validate",
]

#: An unanchored regular expression for a compact resident certificate number.
PATTERN: Final = "[A-Z][A-D89][0-9]{8}"

_SEX: Final = {
    "A": Sex.MALE,
    "B": Sex.FEMALE,
    "C": Sex.MALE,
    "D": Sex.FEMALE,
    "8": Sex.MALE,
    "9": Sex.FEMALE,
}


def _body_ok(body: str) -> bool:
    return (
        body[:1] in _taiwan.AREA_LETTERS
        and body[1:2] in _SEX
        and body[2:].isascii()
        and body[2:].isdigit()
    )


def _problems(number: str) -> list[type[PermitError]]:
    if len(number) != 10:
        return [InvalidTaiwanResidentCertificateLength]
    if not (_body_ok(number[:9]) and number[9].isascii() and number[9].isdigit()):
        return [InvalidTaiwanResidentCertificateFormat]
    if _taiwan.check_digit(number[:9]) != number[9]:
        return [InvalidTaiwanResidentCertificateChecksum]
    return []


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* folded, upper-cased, without separators (not validated)."""
    return fold(number)


@scrubbed
def calc_check_digit(body: str, /) -> str:
    """Return the check digit for the first 9 characters *body*.

    >>> calc_check_digit("AC0123456"), calc_check_digit("A80000001")
    ('7', '4')
    """
    if not isinstance(body, str):
        raise TypeError(f"expected a str, got {type(body).__name__}")
    if len(body) != 9:
        raise InvalidTaiwanResidentCertificateLength
    if not _body_ok(body):
        raise InvalidTaiwanResidentCertificateFormat
    return _taiwan.check_digit(body)


@scrubbed
def validate(number: str, /) -> str:
    """Return the compact form of *number* if it is a valid resident certificate number."""
    number = fold(number)
    found = _problems(number)
    if found:
        raise found[0]
    return number


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid resident certificate number; never raises."""
    return issubclass(type(number), str) and not _problems(fold(number))  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* as printed: the compact form (not validated)."""
    return fold(number)


@attrs.frozen(repr=False, init=False)
class TaiwanResidentCertificate(MaskedValue):
    """A valid resident certificate number.  ``repr``/``str`` keep only the first letter.

    >>> parse("AA00000009")
    TaiwanResidentCertificate('**********')
    """

    #: The compact 10-character number.
    number: str
    _mask_number = MASK_ALL
    _validate = (validate,)

    @property
    def form(self) -> str:
        """``'old'`` (second character a letter) or ``'new'`` (2021+, ``8`` or ``9``)."""
        return "new" if self.number[1] in "89" else "old"

    @property
    def sex(self) -> Sex:
        """``A``/``C``/``8``: male; ``B``/``D``/``9``: female."""
        return _SEX[self.number[1]]

    @property
    def check_digit(self) -> str:
        """The 10th character."""
        return self.number[9]

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {"number": self.number, "form": self.form, "sex": self.sex.value}


@scrubbed
def parse(number: str, /) -> TaiwanResidentCertificate:
    """Validate *number* and return it as a :class:`TaiwanResidentCertificate`."""
    card: TaiwanResidentCertificate = object.__new__(TaiwanResidentCertificate)
    object.__setattr__(card, "number", validate(number))
    return card


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_taiwan_resident_certificate = parse
