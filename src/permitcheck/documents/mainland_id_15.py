"""The first-generation 15-digit mainland Resident Identity Card number.

Numbers issued before GB 11643-1999 have 15 digits and no check character:

====== ===== =====================================================
chars  size  meaning
====== ===== =====================================================
1-6    6     address code (GB/T 2260)
7-12   6     birth date YYMMDD, in the 1900s
13-15  3     sequence code; the 15th digit is odd for men, even for women
====== ===== =====================================================

:func:`to_18` converts one to the 18-character form (``19`` inserted
before the year and the MOD 11-2 check character appended).  Nothing but
the shape, the province and the date can be checked.

>>> validate("110105491231002")
'110105491231002'
>>> to_18("110105491231002")
'11010519491231002X'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from permitcheck import residence as _residence
from permitcheck._normalize import fold
from permitcheck.documents import mainland_id as _mainland_id
from permitcheck.documents.common import MASK_ALL, PROVINCE_CODES, MaskedValue, Province
from permitcheck.errors import (
    InvalidMainlandId15BirthDate,
    InvalidMainlandId15Characters,
    InvalidMainlandId15Length,
    InvalidMainlandId15Province,
    PermitError,
)
from permitcheck.model import Sex
from permitcheck.privacy import scrubbed

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "PATTERN",
    "MainlandId15",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_mainland_id_15",
    "to_18",
    "validate",
]

#: An unanchored regular expression for the shape of a 15-digit number.
PATTERN: Final = "[1-8][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}"


def _problems(number: str) -> list[type[PermitError]]:
    if len(number) != 15:
        return [InvalidMainlandId15Length]
    if not (number.isascii() and number.isdigit()):
        return [InvalidMainlandId15Characters]
    found: list[type[PermitError]] = []
    if number[:2] not in PROVINCE_CODES or number[:6] in _mainland_id._RESIDENCE_PREFIXES:
        found.append(InvalidMainlandId15Province)
    if not _residence._ymd_ok("19" + number[6:12], "19991231"):
        found.append(InvalidMainlandId15BirthDate)
    return found


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* without separators, full-width forms folded (not validated)."""
    return fold(number)


@scrubbed
def validate(number: str, /) -> str:
    """Return the compact form of *number* if it is a valid 15-digit mainland ID number.

    >>> validate("110105490231002")
    Traceback (most recent call last):
        ...
    permitcheck.errors.InvalidMainlandId15BirthDate: Characters 7-12 must be ...
    """
    number = fold(number)
    found = _problems(number)
    if found:
        raise found[0]
    return number


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid 15-digit mainland ID number; never raises.

    >>> is_valid("110105491231002"), is_valid(42)
    (True, False)
    """
    return issubclass(type(number), str) and not _problems(fold(number))  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* grouped ``AAAAAA YYMMDD SSS`` (not validated).

    >>> format("110105491231002")
    '110105 491231 002'
    """
    number = fold(number)
    return " ".join(part for part in (number[:6], number[6:12], number[12:]) if part)


@scrubbed
def to_18(number: str, /) -> str:
    """Return the 18-character form of the valid 15-digit *number*.

    Raises like :func:`validate`.
    """
    number = validate(number)
    body = number[:6] + "19" + number[6:]
    return body + _residence.calc_check_digit(body)


@attrs.frozen(repr=False, init=False)
class MainlandId15(MaskedValue):
    """A valid 15-digit mainland ID number.  ``repr``/``str`` mask it.

    >>> card = parse("110105491231002")
    >>> card.birth_date, card.sex, card.to_18().number == "11010519491231002X"
    (datetime.date(1949, 12, 31), <Sex.FEMALE: 'F'>, True)
    >>> card
    MainlandId15('***************')
    """

    #: The compact 15-digit number.
    number: str
    _mask_number = MASK_ALL
    _validate = (validate,)

    @property
    def address_code(self) -> str:
        """The 6-digit address code."""
        return self.number[:6]

    @property
    def province(self) -> Province:
        """The province of the address code."""
        return Province(self.number[:2])

    @property
    def birth_date(self) -> date:
        """The birth date (YYMMDD read as 19YY-MM-DD)."""
        return _residence._date_from_ymd("19" + self.number[6:12])

    @property
    def sequence(self) -> str:
        """The three sequence digits (13-15)."""
        return self.number[12:]

    @property
    def sex(self) -> Sex:
        """Odd 15th digit: male; even: female."""
        return _mainland_id._SEX[self.number[14]]

    def to_18(self) -> _mainland_id.MainlandId:
        """Return the same person's 18-character number as a :class:`MainlandId`."""
        return _mainland_id._build(to_18(self.number))

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {
            "number": self.number,
            "address_code": self.address_code,
            "province": self.province.value,
            "birth_date": self.birth_date.isoformat(),
            "sequence": self.sequence,
            "sex": self.sex.value,
        }


@scrubbed
def parse(number: str, /) -> MainlandId15:
    """Validate *number* and return it as a :class:`MainlandId15`."""
    card: MainlandId15 = object.__new__(MainlandId15)
    object.__setattr__(card, "number", validate(number))
    return card


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_mainland_id_15 = parse
