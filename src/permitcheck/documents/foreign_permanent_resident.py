"""The Foreign Permanent Resident ID Card number since 2023-12-01 (外国人永久居留身份证).

18 characters (National Immigration Administration, GA 2102-2023):

====== ===== =====================================================
chars  size  meaning
====== ===== =====================================================
1      1     ``9``, the mark of a foreigner (citizens' numbers start 1-8)
2-3    2     province code (GB/T 2260) of the accepting authority
4-6    3     nationality, ISO 3166-1 numeric (GB/T 2659)
7-14   8     birth date YYYYMMDD
15-17  3     sequence code; the 17th digit is odd for men, even for women
18     1     ISO 7064 MOD 11-2 check character, as for citizens
====== ===== =====================================================

>>> card = parse("932682198501010017")
>>> card.nationality.alpha3, card.province.english_name, card.sex.value
('SAU', 'Jiangsu', 'M')
>>> is_valid("932682198501010018")
False
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from permitcheck import residence as _residence
from permitcheck._normalize import fold
from permitcheck.documents.common import (
    MASK_FOREIGN,
    NUMERIC_CODES,
    PROVINCE_CODES,
    MaskedValue,
    Nationality,
    Province,
)
from permitcheck.errors import (
    InvalidCharacters,
    InvalidForeignResidentBirthDate,
    InvalidForeignResidentCharacters,
    InvalidForeignResidentChecksum,
    InvalidForeignResidentLength,
    InvalidForeignResidentNationality,
    InvalidForeignResidentPrefix,
    InvalidForeignResidentProvince,
    InvalidLength,
    PermitError,
)
from permitcheck.model import Sex
from permitcheck.privacy import scrubbed

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "PATTERN",
    "ForeignPermanentResident",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_foreign_permanent_resident",
    "validate",
]

#: An unanchored regular expression for the shape of a compact number.
PATTERN: Final = (
    "9[0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]"
)


def _problems(number: str, today: str | None) -> list[type[PermitError]]:
    if len(number) != 18:
        return [InvalidForeignResidentLength]
    if not _residence._shape_ok(number):
        return [InvalidForeignResidentCharacters]
    found: list[type[PermitError]] = []
    if number[0] != "9":
        found.append(InvalidForeignResidentPrefix)
    if number[1:3] not in PROVINCE_CODES:
        found.append(InvalidForeignResidentProvince)
    if number[3:6] not in NUMERIC_CODES:
        found.append(InvalidForeignResidentNationality)
    if not _residence._date_ok(number, today):
        found.append(InvalidForeignResidentBirthDate)
    if not _residence._checksum_ok(number):
        found.append(InvalidForeignResidentChecksum)
    return found


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* without separators, full-width forms folded (not validated)."""
    return fold(number)


@scrubbed
def calc_check_digit(body: str, /) -> str:
    """Return the MOD 11-2 check character for the 17-digit *body*.

    >>> calc_check_digit("91112419810803002")
    '4'
    """
    try:
        return _residence.calc_check_digit(body)
    except InvalidLength:
        raise InvalidForeignResidentLength from None
    except InvalidCharacters:
        raise InvalidForeignResidentCharacters from None


@scrubbed
def validate(number: str, /, *, today: date | None = None) -> str:
    """Return the compact form of *number* if it is a valid 2023 card number.

    Rules, first failure raised: length, characters, leading ``9``,
    province, nationality, birth date, check character.

    >>> validate("911124198108030024")
    '911124198108030024'
    """
    number = fold(number)
    found = _problems(number, _residence._today_arg(today))
    if found:
        raise found[0]
    return number


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid 2023 card number; never raises.

    >>> is_valid("911398199012310021"), is_valid(b"911398199012310021")
    (True, False)
    """
    return issubclass(type(number), str) and not _problems(fold(number), None)  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* grouped ``9PPNNN YYYYMMDD SSSC`` (not validated)."""
    return _residence.format(number)


@attrs.frozen(repr=False, init=False)
class ForeignPermanentResident(MaskedValue):
    """A valid 2023 Foreign Permanent Resident ID Card number.  ``repr``/``str`` mask it.

    >>> parse("911124198108030024")
    ForeignPermanentResident('9****************4')
    """

    #: The compact 18-character number.
    number: str
    _mask_number = MASK_FOREIGN
    _validate = (validate,)

    @property
    def province(self) -> Province:
        """The province of the accepting authority (characters 2-3)."""
        return Province(self.number[1:3])

    @property
    def nationality(self) -> Nationality:
        """The nationality (characters 4-6, ISO 3166-1 numeric)."""
        return Nationality.from_numeric(self.number[3:6])

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
        return _residence._SEX[self.number[16]]

    @property
    def check_digit(self) -> str:
        """The 18th character."""
        return self.number[17]

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {
            "number": self.number,
            "province": self.province.value,
            "nationality": self.nationality.alpha3,
            "birth_date": self.birth_date.isoformat(),
            "sequence": self.sequence,
            "sex": self.sex.value,
            "check_digit": self.check_digit,
        }


@scrubbed
def parse(number: str, /, *, today: date | None = None) -> ForeignPermanentResident:
    """Validate *number* and return it as a :class:`ForeignPermanentResident`."""
    card: ForeignPermanentResident = object.__new__(ForeignPermanentResident)
    object.__setattr__(card, "number", validate(number, today=today))
    return card


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_foreign_permanent_resident = parse
