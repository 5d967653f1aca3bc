"""The 15-character Foreign Permanent Resident ID Card number of 2004 and 2017.

Officially 3 Latin letters (the nationality, GB/T 2659 = ISO 3166-1
alpha-3) + 12 digits (NIA).  The meaning of the digits is not officially
published; this module reads them as one public implementation does:

====== ===== =====================================================
chars  size  meaning (only 1-3 confirmed)
====== ===== =====================================================
1-3    3     nationality, ISO 3166-1 alpha-3
4-7    4     code of the accepting province and city (not checked)
8-13   6     birth date YYMMDD
14     1     sequence; odd for men, even for women (not confirmed)
15     1     perhaps an ICAO 9303 7-3-1 check digit (not confirmed)
====== ===== =====================================================

The shape, the nationality and the date are checked.  The 15th character
is never a reason to reject: when it does not match the 7-3-1 reading, the
number carries the warning ``foreign_permanent_resident_15_check``.  The
two-digit year is read in the 2000s when that gives a date no later than
2023-12-31 (the 15-character cards were replaced from 2023-12-01), else in
the 1900s.

>>> card = parse("KAZ110090123105")
>>> card.nationality.name, card.birth_date.isoformat(), card.warnings
('Kazakhstan', '1990-12-31', ())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from permitcheck import residence as _residence
from permitcheck._normalize import fold
from permitcheck.documents.common import ALPHA3_CODES, MASK_FOREIGN_15, MaskedValue, Nationality
from permitcheck.errors import (
    InvalidForeignResident15BirthDate,
    InvalidForeignResident15Format,
    InvalidForeignResident15Length,
    InvalidForeignResident15Nationality,
    PermitError,
)
from permitcheck.model import Sex
from permitcheck.privacy import scrubbed

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "CHECK_WARNING",
    "PATTERN",
    "ForeignPermanentResident15",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_foreign_permanent_resident_15",
    "validate",
]

#: An unanchored regular expression for the shape of a compact number.
PATTERN: Final = "[A-Z]{3}[0-9]{12}"
#: The warning code for a 15th character that does not match the 7-3-1 reading.
CHECK_WARNING: Final = "foreign_permanent_resident_15_check"

_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LAST_ISSUE: Final = "20231231"
_WEIGHTS: Final = (7, 3, 1)


def _ymd(number: str) -> str | None:
    """Return characters 8-13 as a YYYYMMDD date, or None if no century gives a real one."""
    yymmdd = number[7:13]
    for ymd in ("20" + yymmdd, "19" + yymmdd):
        if _residence._ymd_ok(ymd, _LAST_ISSUE):
            return ymd
    return None


def _icao_check(number: str) -> str:
    # ICAO 9303: digits count as themselves, A-Z as 10-35, weights 7, 3, 1.
    total = sum(int(char, 36) * _WEIGHTS[i % 3] for i, char in enumerate(number[:14]))
    return str(total % 10)


def _problems(number: str) -> list[type[PermitError]]:
    if len(number) != 15:
        return [InvalidForeignResident15Length]
    letters, digits = number[:3], number[3:]
    if not (_LETTERS.issuperset(letters) and digits.isascii() and digits.isdigit()):
        return [InvalidForeignResident15Format]
    found: list[type[PermitError]] = []
    if letters not in ALPHA3_CODES:
        found.append(InvalidForeignResident15Nationality)
    if _ymd(number) is None:
        found.append(InvalidForeignResident15BirthDate)
    return found


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* without separators, upper-cased, full-width folded (not validated)."""
    return fold(number)


@scrubbed
def validate(number: str, /) -> str:
    """Return the compact form of *number* if it is a valid 15-character number.

    >>> validate("kaz 1100 901231 05")
    'KAZ110090123105'
    """
    number = fold(number)
    found = _problems(number)
    if found:
        raise found[0]
    return number


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid 15-character number; never raises.

    The 15th character is not judged (see the module documentation).

    >>> is_valid("KAZ110090123109"), is_valid("XXX110090123105")
    (True, False)
    """
    return issubclass(type(number), str) and not _problems(fold(number))  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* as printed: the compact form (not validated)."""
    return fold(number)


@attrs.frozen(repr=False, init=False)
class ForeignPermanentResident15(MaskedValue):
    """A valid 15-character Foreign Permanent Resident number.  ``repr``/``str`` mask it.

    >>> parse("KAZ110090123109")
    ForeignPermanentResident15('KAZ************', warnings=('foreign_permanent_resident_15_check',))
    """

    #: The compact 15-character number.
    number: str
    _mask_number = MASK_FOREIGN_15
    _validate = (validate,)

    @property
    def nationality(self) -> Nationality:
        """The nationality (characters 1-3, ISO 3166-1 alpha-3)."""
        return Nationality.from_alpha3(self.number[:3])

    @property
    def birth_date(self) -> date:
        """The birth date read from characters 8-13 (see the module documentation)."""
        ymd = _ymd(self.number)
        assert ymd is not None  # the number is valid
        return _residence._date_from_ymd(ymd)

    @property
    def sex(self) -> Sex:
        """The sex read from the 14th character (odd male); not officially confirmed."""
        return _residence._SEX[self.number[13]]

    @property
    def check_digit_matches(self) -> bool:
        """Whether the 15th character matches the (unconfirmed) ICAO 7-3-1 reading."""
        return _icao_check(self.number) == self.number[14]

    @property
    def warnings(self) -> tuple[str, ...]:
        """Warning codes: :data:`CHECK_WARNING` when the 7-3-1 reading does not match."""
        return () if self.check_digit_matches else (CHECK_WARNING,)

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {
            "number": self.number,
            "nationality": self.nationality.alpha3,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex.value,
        }

    def _repr_extra(self) -> str:
        number = getattr(self, "number", None)
        if (
            type(number) is not str
            or len(number) != 15
            or not (number.isascii() and number.isalnum())
            or _icao_check(number) == number[14]
        ):
            return ""  # a half-built value has no warnings to show
        return f", warnings={(CHECK_WARNING,)!r}"


@scrubbed
def parse(number: str, /) -> ForeignPermanentResident15:
    """Validate *number* and return it as a :class:`ForeignPermanentResident15`."""
    card: ForeignPermanentResident15 = object.__new__(ForeignPermanentResident15)
    object.__setattr__(card, "number", validate(number))
    return card


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_foreign_permanent_resident_15 = parse
