"""The 18-character mainland Resident Identity Card number (居民身份证, GB 11643-1999).

====== ===== =====================================================
chars  size  meaning
====== ===== =====================================================
1-6    6     address code (GB/T 2260) of the household registration
7-14   8     birth date YYYYMMDD
15-17  3     sequence code; the 17th digit is odd for men, even for women
18     1     ISO 7064 MOD 11-2 check character, ``0``-``9`` or ``X``
====== ===== =====================================================

By default only the province (the first two digits) is checked against
GB/T 2260: county codes change, and a stale table rejects real people.
``strict_address=True`` also looks the address code up in python-stdnum's
table (``stdnum.cn.ric``).  Numbers starting with 810000, 820000 or 830000
are residence permits (:mod:`permitcheck.residence`), never mainland IDs.

>>> validate("11010519491231002X")
'11010519491231002X'
>>> parse("11010519491231002X").province.english_name
'Beijing'
>>> is_valid("110105194912310021")
False
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from permitcheck import residence as _residence
from permitcheck._normalize import fold
from permitcheck.documents.common import MASK_MAINLAND, PROVINCE_CODES, MaskedValue, Province
from permitcheck.errors import (
    InvalidCharacters,
    InvalidLength,
    InvalidMainlandIdAddress,
    InvalidMainlandIdBirthDate,
    InvalidMainlandIdCharacters,
    InvalidMainlandIdChecksum,
    InvalidMainlandIdLength,
    InvalidMainlandIdProvince,
    MainlandIdIsResidencePermit,
    PermitError,
)
from permitcheck.model import Sex
from permitcheck.privacy import scrubbed

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "PATTERN",
    "MainlandId",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_mainland_id",
    "validate",
]

#: An unanchored regular expression for the shape (not the calendar or the
#: check character) of a compact mainland ID number.
PATTERN: Final = (
    "[1-8][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]"
)

_RESIDENCE_PREFIXES: Final = frozenset(("810000", "820000", "830000"))
_SEX: Final = _residence._SEX


def _problems(number: str, today: str | None, strict_address: bool) -> list[type[PermitError]]:
    """Return the classes of every rule the compact *number* breaks, in rule order."""
    if len(number) != 18:
        return [InvalidMainlandIdLength]
    if not _residence._shape_ok(number):
        return [InvalidMainlandIdCharacters]
    found: list[type[PermitError]] = []
    if number[:6] in _RESIDENCE_PREFIXES:
        found.append(MainlandIdIsResidencePermit)
    elif number[:2] not in PROVINCE_CODES:
        found.append(InvalidMainlandIdProvince)
    if not _residence._date_ok(number, today):
        found.append(InvalidMainlandIdBirthDate)
    if not _residence._checksum_ok(number):
        found.append(InvalidMainlandIdChecksum)
    if strict_address and not found and not _address_known(number):
        found.append(InvalidMainlandIdAddress)
    return found


def _address_known(number: str) -> bool:
    # python-stdnum's table, built from Wikipedia; its lookup can fail in ways
    # of its own (InvalidComponent, and KeyError on entries without a county),
    # none of which may reach the caller.
    from stdnum.cn import ric  # noqa: PLC0415 - only strict_address needs the table

    try:
        ric.get_birth_place(number)
    except Exception:  # any failure of the lookup means "not known"
        return False
    return True


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* without separators, full-width forms folded (not validated).

    >>> compact("110105 19491231 002x")
    '11010519491231002X'
    """
    return fold(number)


@scrubbed
def calc_check_digit(body: str, /) -> str:
    """Return the MOD 11-2 check character for the 17-digit *body*.

    >>> calc_check_digit("11010519491231002")
    'X'
    """
    try:
        return _residence.calc_check_digit(body)
    except InvalidLength:
        raise InvalidMainlandIdLength from None
    except InvalidCharacters:
        raise InvalidMainlandIdCharacters from None


@scrubbed
def validate(number: str, /, *, today: date | None = None, strict_address: bool = False) -> str:
    """Return the compact form of *number* if it is a valid mainland ID number.

    Rules, first failure raised: length, characters, not a residence permit
    prefix, province, birth date (1900-01-01 to *today*, China Standard
    Time by default), check character, and with *strict_address* the
    address code in python-stdnum's table.

    >>> validate("110105194912310021")
    Traceback (most recent call last):
        ...
    permitcheck.errors.InvalidMainlandIdChecksum: The check character (the 18th) ...
    """
    number = fold(number)
    found = _problems(number, _residence._today_arg(today), strict_address)
    if found:
        raise found[0]
    return number


def is_valid(number: object, /, *, strict_address: bool = False) -> bool:
    """Return whether *number* is a valid mainland ID number; never raises.

    >>> is_valid("11010519491231002X"), is_valid("810000199408230021"), is_valid(None)
    (True, False, False)
    """
    if not issubclass(type(number), str):
        return False
    return not _problems(fold(number), None, strict_address)  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* grouped as printed, ``AAAAAA YYYYMMDD SSSC`` (not validated).

    >>> format("11010519491231002X")
    '110105 19491231 002X'
    """
    return _residence.format(number)


@attrs.frozen(repr=False, init=False)
class MainlandId(MaskedValue):
    """A valid 18-character mainland ID number and the fields it encodes.

    Only :attr:`number` is stored.  ``repr()`` and ``str()`` hide the birth
    date and sequence; the raw number is :attr:`number`.

    >>> card = MainlandId("11010519491231002X")
    >>> card.birth_date, card.sex, card.province
    (datetime.date(1949, 12, 31), <Sex.FEMALE: 'F'>, <Province.BEIJING: '11'>)
    >>> card, str(card)
    (MainlandId('*****************X'), '*****************X')
    """

    #: The compact 18-character number.
    number: str
    _mask_number = MASK_MAINLAND
    _validate = (validate,)

    @property
    def address_code(self) -> str:
        """The 6-digit address code (characters 1-6)."""
        return self.number[:6]

    @property
    def province(self) -> Province:
        """The province of the address code (characters 1-2)."""
        return Province(self.number[:2])

    @property
    def birth_date(self) -> date:
        """The encoded birth date (characters 7-14)."""
        return _residence._date_from_ymd(self.number[6:14])

    @property
    def sequence(self) -> str:
        """The three sequence digits (15-17)."""
        return self.number[14:17]

    @property
    def sex(self) -> Sex:
        """Odd 17th digit: male; even: female."""
        return _SEX[self.number[16]]

    @property
    def check_digit(self) -> str:
        """The 18th character, ``0``-``9`` or ``X``."""
        return self.number[17]

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {
            "number": self.number,
            "address_code": self.address_code,
            "province": self.province.value,
            "birth_date": self.birth_date.isoformat(),
            "sequence": self.sequence,
            "sex": self.sex.value,
            "check_digit": self.check_digit,
        }


def _build(number: str) -> MainlandId:
    card: MainlandId = object.__new__(MainlandId)
    object.__setattr__(card, "number", number)
    return card


@scrubbed
def parse(number: str, /, *, today: date | None = None, strict_address: bool = False) -> MainlandId:
    """Validate *number* and return it as a :class:`MainlandId`.

    >>> parse("110105 19491231 002X").sequence
    '002'
    """
    return _build(validate(number, today=today, strict_address=strict_address))


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_mainland_id = parse
