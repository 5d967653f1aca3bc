r"""The Hong Kong Identity Card number (香港身份证, HKID).

One or two capital letters, six digits and a check character (a digit or
``A``), printed in brackets: ``A123456(3)``.  The brackets are optional on
input; the compact form has none.  The check algorithm is the one every
public implementation uses (the Immigration Department does not publish
it): a one-letter prefix is padded with a space worth 36, letters count
``A`` = 10 ... ``Z`` = 35, weights 9 ... 2, check = (11 - sum mod 11) mod 11,
10 written ``A``.  A matching check character does not prove that the
card was issued.

>>> validate("A123456(3)")
'A1234563'
>>> format("CA1823611")
'CA182361(1)'
>>> is_valid("C668668(E)")
False
"""

from __future__ import annotations

from typing import Final

import attrs

from permitcheck._normalize import fold
from permitcheck.documents.common import MASK_HONG_KONG, MaskedValue
from permitcheck.errors import (
    InvalidHongKongIdChecksum,
    InvalidHongKongIdFormat,
    InvalidHongKongIdLength,
    PermitError,
)
from permitcheck.privacy import scrubbed

__all__ = [
    "PATTERN",
    "HongKongId",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_hong_kong_id",
    "validate",
]

#: An unanchored regular expression for a compact HKID (no brackets).
PATTERN: Final = "[A-Z]{1,2}[0-9]{6}[0-9A]"

_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CHECKS: Final = frozenset("0123456789A")


def _unbracket(number: str) -> str:
    # "A123456(3)" -> "A1234563"; brackets anywhere else stay (and fail).
    if len(number) > 3 and number[-1] == ")" and number[-3] == "(":
        return number[:-3] + number[-2]
    return number


def _body_ok(body: str) -> bool:
    letters = len(body) - 6
    return (
        1 <= letters <= 2
        and _LETTERS.issuperset(body[:letters])
        and body[letters:].isascii()
        and body[letters:].isdigit()
    )


def _check(body: str) -> str:
    letters = len(body) - 6
    padded = [36] * (2 - letters) + [int(char, 36) for char in body]
    total = sum(value * weight for value, weight in zip(padded, range(9, 1, -1), strict=True))
    remainder = (11 - total % 11) % 11
    return "A" if remainder == 10 else str(remainder)


def _problems(number: str) -> list[type[PermitError]]:
    if len(number) not in (8, 9):
        return [InvalidHongKongIdLength]
    body, last = number[:-1], number[-1]
    if not (_body_ok(body) and last in _CHECKS):
        return [InvalidHongKongIdFormat]
    if _check(body) != last:
        return [InvalidHongKongIdChecksum]
    return []


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* folded, without separators or the brackets around the check character.

    >>> compact("a123456（3）")
    'A1234563'
    """
    return _unbracket(fold(number))


@scrubbed
def calc_check_digit(body: str, /) -> str:
    """Return the check character for *body* (1 or 2 letters + 6 digits).

    >>> calc_check_digit("A123456"), calc_check_digit("CA182361")
    ('3', '1')
    """
    if not isinstance(body, str):
        raise TypeError(f"expected a str, got {type(body).__name__}")
    if len(body) not in (7, 8):
        raise InvalidHongKongIdLength
    if not _body_ok(body):
        raise InvalidHongKongIdFormat
    return _check(body)


@scrubbed
def validate(number: str, /) -> str:
    """Return the compact form of *number* if it is a valid HKID number.

    Rules, first failure raised: length (8 or 9 without brackets), format,
    check character.
    """
    number = _unbracket(fold(number))
    found = _problems(number)
    if found:
        raise found[0]
    return number


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid HKID number; never raises.

    >>> is_valid("Z437626A"), is_valid("K034178(2)"), is_valid(None)
    (True, False, False)
    """
    return issubclass(type(number), str) and not _problems(_unbracket(fold(number)))  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* as printed, the check character in brackets (not validated)."""
    number = _unbracket(fold(number))
    return f"{number[:-1]}({number[-1]})" if len(number) > 1 else number


@attrs.frozen(repr=False, init=False)
class HongKongId(MaskedValue):
    """A valid HKID number.  ``repr``/``str`` keep only the letters.

    >>> card = parse("CA182361(1)")
    >>> card.prefix, card.check_digit, card
    ('CA', '1', HongKongId('CA******(*)'))
    """

    #: The compact number, without brackets.
    number: str
    _mask_number = MASK_HONG_KONG
    _validate = (validate,)

    @property
    def prefix(self) -> str:
        """The one or two letters."""
        return self.number[: len(self.number) - 7]

    @property
    def digits(self) -> str:
        """The six digits."""
        return self.number[-7:-1]

    @property
    def check_digit(self) -> str:
        """The check character, ``0``-``9`` or ``A``."""
        return self.number[-1]

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {
            "number": self.number,
            "prefix": self.prefix,
            "digits": self.digits,
            "check_digit": self.check_digit,
        }


@scrubbed
def parse(number: str, /) -> HongKongId:
    """Validate *number* and return it as a :class:`HongKongId`."""
    card: HongKongId = object.__new__(HongKongId)
    object.__setattr__(card, "number", validate(number))
    return card


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_hong_kong_id = parse
