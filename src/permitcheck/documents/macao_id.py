"""The Macao Resident Identity Card number (澳门居民身份证, BIR).

Eight digits, the last printed in brackets: ``1234567(8)``; the first is
1, 5 or 7.  No algorithm for the bracketed digit has been published, so
**only the format is checked**: any digit in brackets is accepted.  An
unbracketed 8-digit number has the same shape as a Taiwan compatriot
permit (:func:`permitcheck.identify` lists both).

>>> validate("1002483(3)")
'10024833'
>>> format("10024833")
'1002483(3)'
>>> is_valid("20024833")
False
"""

from __future__ import annotations

from typing import Final

import attrs

from permitcheck._normalize import fold
from permitcheck.documents.common import MASK_MACAO, MaskedValue
from permitcheck.documents.hong_kong_id import _unbracket
from permitcheck.errors import InvalidMacaoIdFormat, InvalidMacaoIdLength, PermitError
from permitcheck.privacy import scrubbed

__all__ = [
    "PATTERN",
    "MacaoId",
    "compact",
    "format",
    "is_valid",
    "parse",
    "parse_macao_id",
    "validate",
]

#: An unanchored regular expression for a compact Macao ID (no brackets).
PATTERN: Final = "[157][0-9]{7}"

_FIRST: Final = frozenset("157")


def _problems(number: str) -> list[type[PermitError]]:
    if len(number) != 8:
        return [InvalidMacaoIdLength]
    if not (number[0] in _FIRST and number.isascii() and number.isdigit()):
        return [InvalidMacaoIdFormat]
    return []


@scrubbed
def compact(number: str, /) -> str:
    """Return *number* folded, without separators or brackets around the last digit."""
    return _unbracket(fold(number))


@scrubbed
def validate(number: str, /) -> str:
    """Return the compact form of *number* if it has the shape of a Macao ID number."""
    number = _unbracket(fold(number))
    found = _problems(number)
    if found:
        raise found[0]
    return number


def is_valid(number: object, /) -> bool:
    """Return whether *number* has the shape of a Macao ID number; never raises.

    >>> is_valid("5215299(8)"), is_valid(5215299)
    (True, False)
    """
    return issubclass(type(number), str) and not _problems(_unbracket(fold(number)))  # type: ignore[arg-type]


@scrubbed
def format(number: str, /) -> str:
    """Return *number* as printed, the last digit in brackets (not validated)."""
    number = _unbracket(fold(number))
    return f"{number[:-1]}({number[-1]})" if len(number) > 1 else number


@attrs.frozen(repr=False, init=False)
class MacaoId(MaskedValue):
    """A Macao ID number of valid shape.  ``repr``/``str`` hide every digit.

    >>> parse("1002483(3)")
    MacaoId('*******(*)')
    """

    #: The compact 8-digit number, without brackets.
    number: str
    _mask_number = MASK_MACAO
    _validate = (validate,)

    @property
    def first_digit(self) -> str:
        """The first digit, 1, 5 or 7."""
        return self.number[0]

    @property
    def check_digit(self) -> str:
        """The bracketed digit (its algorithm is not public, so it is not checked)."""
        return self.number[7]

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked)."""
        return {"number": self.number, "check_digit": self.check_digit}


@scrubbed
def parse(number: str, /) -> MacaoId:
    """Validate *number* and return it as a :class:`MacaoId`."""
    card: MacaoId = object.__new__(MacaoId)
    object.__setattr__(card, "number", validate(number))
    return card


#: :func:`parse` under the name :mod:`permitcheck` exports.
parse_macao_id = parse
