r"""The Taiwan National Identification Card number (國民身分證統一編號).

A letter (the area of first registration), ``1`` (male) or ``2`` (female),
seven digits and a check digit: 10 characters.  The letter counts as a
two-digit value (``A`` = 10 ... in the order ``ABCDEFGHJKLMNPQRSTUVXYWZIO``);
with weights 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1 over the 11 digits the sum is
divisible by 10.

>>> parse("A123456789").sex
<Sex.MALE: 'M'>
>>> is_valid("A123456788")
False
"""

from __future__ import annotations

from typing import Final

import attrs

from permitcheck._normalize import fold
from permitcheck.documents import _taiwan
from permitcheck.documents.common import MASK_ALL, MaskedValue
from permitcheck.errors import (
    InvalidTaiwanIdChecksum,
    InvalidTaiwanIdFormat,
    InvalidTaiwanIdLength,
    PermitError,
)
from permitcheck.model import Sex
from permitcheck.privacy import scrubbed

__all__ = [
    "PATTERN",
    "TaiwanId",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_taiwan_id",
    "validate",
]

#: An unanchored regular expression for a compact Taiwan ID number.
PATTERN: Final = "[A-Z][12][0-9]{8}"

_SEX: Final = {"1": Sex.MALE, "2": Sex.FEMALE}


def _body_ok(body: str) -> bool:
    return (
        body[:1] in _taiwan.AREA_LETTERS
        and body[1:2] in _SEX
        and body[2:].isascii()
        and body[2:].isdigit()
    )


def _problems(number: str) -> list[type[PermitError]]:
    if len(number) != 10:
        return [InvalidTaiwanIdLength]
    if not (_body_ok(number[:9]) and number[9].isascii() and number[9].isdigit()):
        return [InvalidTaiwanIdFormat]
    if _taiwan.check_digit(number[:9]) != number[9]:
        return [InvalidTaiwanIdChecksum]
    return []


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* folded, upper-cased, without separators (not validated)."""
    return fold(number)


@scrubbed
def calc_check_digit(body: str, /) -> str:
    """Return the check digit for the first 9 characters *body*.

    >>> calc_check_digit("A12345678")
    '9'
    """
    if not isinstance(body, str):
        raise TypeError(f"expected a str, got {type(body).__name__}")
    if len(body) != 9:
        raise InvalidTaiwanIdLength
    if not _body_ok(body):
        raise InvalidTaiwanIdFormat
    return _taiwan.check_digit(body)


@scrubbed
def validate(number: str, /) -> str:
    """Return the compact form of *number* if it is a valid Taiwan ID number."""
    number = fold(number)
    found = _problems(number)
    if found:
        raise found[0]
    return number


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid Taiwan ID number; never raises."""
    return issubclass(type(number), str) and not _problems(fold(number))  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* as printed: the compact form (not validated)."""
    return fold(number)


@attrs.frozen(repr=False, init=False)
class TaiwanId(MaskedValue):
    """A valid Taiwan ID number.  ``repr``/``str`` keep only the area letter.

    >>> parse("a123456789")
    TaiwanId('**********')
    """

    #: The compact 10-character number.
    number: str
    _mask_number = MASK_ALL
    _validate = (validate,)

    @property
    def area(self) -> str:
        """The area letter of first registration."""
        return self.number[0]

    @property
    def sex(self) -> Sex:
        """``1``: male, ``2``: female."""
        return _SEX[self.number[1]]

    @property
    def check_digit(self) -> str:
        """The 10th character."""
        return self.number[9]

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {"number": self.number, "area": self.area, "sex": self.sex.value}


@scrubbed
def parse(number: str, /) -> TaiwanId:
    """Validate *number* and return it as a :class:`TaiwanId`."""
    card: TaiwanId = object.__new__(TaiwanId)
    object.__setattr__(card, "number", validate(number))
    return card


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_taiwan_id = parse
