"""Travel permit numbers: the home-return permit and the Taiwan compatriot permit.

Every residence permit holder also carries a travel permit, and the residence
permit card prints its number.  Accepted formats (sources: docs/sources.md), after the
same input folding as residence permits:

- home-return permit (回乡证), 2013+ card: ``H`` or ``M`` + 8 digits; the whole
  9 characters are the lifelong number;
- the same permit's 1999-2012 card: ``H`` or ``M`` + 10 digits, that is the
  9-character lifelong number + a 2-digit renewal count (``00`` first card);
- the non-Chinese-nationality version (2024-07-10+): ``HA`` or ``MA`` + 7
  digits, all 9 characters lifelong;
- Taiwan compatriot permit (台胞证), 2008-09-25+: 8 digits, all lifelong;
- its 1992-2008 booklet: 10 digits (8-digit lifelong number + 2-digit issue
  count), optionally followed by an issuing-office code in brackets, ``(D)``.

The letter ``H`` or ``M`` records where the first application was made (Hong
Kong or Macao); ``HA``/``MA`` where the holder is a permanent resident.  No
check digit has been published for any of
these numbers, so none is checked.  The module follows python-stdnum's
contract (``compact``, ``validate``, ``is_valid``, ``format``) and adds
:func:`parse_travel_permit`.

>>> validate("h1038 7877")
'H10387877'
>>> parse_travel_permit("0561682001（D）").lifelong_number
'05616820'
>>> is_valid("H1038787")
False
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from permitcheck._normalize import fold
from permitcheck.errors import (
    InvalidTravelCharacters,
    InvalidTravelFormat,
    InvalidTravelLength,
    PermitError,
)
from permitcheck.model import Region, TravelPermitKind
from permitcheck.privacy import mask_compact

if TYPE_CHECKING:
    from collections.abc import Iterator

    from permitcheck.privacy import _Printer

__all__ = [
    "PATTERN",
    "TravelPermit",
    "TravelPermitKind",
    "compact",
    "format",
    "is_valid",
    "parse_travel_permit",
    "validate",
]

#: An unanchored regular expression for every accepted travel permit number
#: (compact form).  Use it to embed the format in HTML ``pattern`` attributes,
#: SQL or OpenAPI; only syntax shared by Python, ECMAScript and PostgreSQL
#: regular expressions is used.
PATTERN: Final = (
    r"(?:[HM](?:A[0-9]{7}|[0-9]{8}(?:[0-9]{2})?)|[0-9]{8}(?:[0-9]{2}(?:\([0-9A-Z]\))?)?)"
)

# The lengths of the compact forms, by the prefix that tells the kind.
_HOME_RETURN_LENGTHS: Final = frozenset((9, 11))
_NON_CHINESE_LENGTHS: Final = frozenset((9,))
_TAIWAN_LENGTHS: Final = frozenset((8, 10, 13))
_LENGTHS: Final = _HOME_RETURN_LENGTHS | _TAIWAN_LENGTHS
_ALLOWED: Final = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ()")
_OFFICE_CODES: Final = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LETTER_REGION: Final = {"H": Region.HK, "M": Region.MO}
_HOME_RETURN: Final = TravelPermitKind.HOME_RETURN
_NON_CHINESE: Final = TravelPermitKind.HOME_RETURN_NON_CHINESE
_TAIWAN: Final = TravelPermitKind.TAIWAN_COMPATRIOT
_TW: Final = Region.TW

# (kind, region, lifelong number, renewal count, issuing office)
_Fields = tuple[TravelPermitKind, Region, str, int | None, str | None]


def _digits(text: str) -> bool:
    # ASCII digits only: str.isdigit() alone would accept '²' or '٣'.
    return text.isascii() and text.isdigit()


def _fields(number: str) -> _Fields | None:
    """Return the fields of the compact *number*, or None if it matches no format."""
    size = len(number)
    if size == 8:
        # Taiwan compatriot permit since 2008-09-25: the 8-digit lifelong number.
        return (_TAIWAN, _TW, number, None, None) if _digits(number) else None
    region = _LETTER_REGION.get(number[:1])
    if region is not None:
        if size == 9:
            if _digits(number[1:]):
                # 2013+ card: letter + 8-digit lifelong number, "号码终身不变".
                return (_HOME_RETURN, region, number, None, None)
            if number[1] == "A" and _digits(number[2:]):
                # 2024-07-10+ non-Chinese version: "一人一号、终身不变", all 9 characters.
                return (_NON_CHINESE, region, number, None, None)
        elif size == 11 and _digits(number[1:]):
            # 1999-2012 card: letter + 8-digit lifelong number + 2-digit renewal count.
            return (_HOME_RETURN, region, number[:9], int(number[9:]), None)
        return None
    if size == 10:
        if _digits(number):
            # 1992-2008 booklet without office code (Fujian, Jiangsu, Shanghai from 2006).
            return (_TAIWAN, _TW, number[:8], int(number[8:]), None)
    elif (
        size == 13
        and number[10] == "("
        and number[12] == ")"
        and number[11] in _OFFICE_CODES
        and _digits(number[:10])
    ):
        # 1992-2008 booklet: lifelong number + issue count + "(X)" issuing office.
        return (_TAIWAN, _TW, number[:8], int(number[8:10]), number[11])
    return None


def _expected_lengths(number: str) -> frozenset[int]:
    # The prefix tells the kind, and the kind its possible lengths.
    first = number[:1]
    if first in _LETTER_REGION:
        return _NON_CHINESE_LENGTHS if number[1:2] == "A" else _HOME_RETURN_LENGTHS
    if "0" <= first <= "9":
        return _TAIWAN_LENGTHS
    return _LENGTHS


def _error(number: str) -> type[PermitError]:
    """Return the class of the first rule the invalid compact *number* breaks."""
    if len(number) not in _expected_lengths(number):
        return InvalidTravelLength
    if not _ALLOWED.issuperset(number):
        return InvalidTravelCharacters
    return InvalidTravelFormat


def compact(number: str, /) -> str:
    """Return *number* without separators and with full-width forms folded.

    The same folding as for residence permits: full-width ASCII (including
    full-width brackets) and the ideographic space become ASCII, surrounding
    whitespace, spaces and hyphens are removed, letters are upper-cased.  An
    issuing-office code in brackets is kept.  Nothing is validated.  Raises
    :class:`TypeError` for anything but a ``str``.

    >>> compact(" 0561682001（ｄ） ")
    '0561682001(D)'
    """
    try:
        return fold(number)
    except TypeError as error:
        del number  # the traceback's locals must not show the input (docs/privacy.md)
        raise error.with_traceback(None) from None


def validate(number: str, /) -> str:
    """Return the compact form of *number* if it is a valid travel permit number.

    The first failure is raised, in this order:
    :class:`~permitcheck.InvalidTravelLength` when the length fits no format
    of the kind the prefix announces (``H``/``M``: 9 or 11 characters,
    ``HA``/``MA``: 9, a digit: 8, 10 or 13; any other start: one of these),
    :class:`~permitcheck.InvalidTravelCharacters` for a character other than
    an ASCII digit, a letter or a round bracket, and
    :class:`~permitcheck.InvalidTravelFormat` when the characters are not
    arranged as in any format (an unknown prefix letter, a misplaced bracket).

    >>> validate("M1234567800")
    'M1234567800'
    >>> validate("HB1234567")
    Traceback (most recent call last):
        ...
    permitcheck.errors.InvalidTravelFormat: The number matches no travel permit format: ...
    """
    if type(number) is str and _fields(number) is not None:
        return number  # already compact: folding would not change it
    # On failure no local holds the input: tracebacks with locals (pytest
    # --showlocals, rich) would print it (docs/privacy.md).
    try:
        compacted = fold(number)
    except TypeError as error:
        del number
        raise error.with_traceback(None) from None
    del number
    if _fields(compacted) is None:
        failed = _error(compacted)
        del compacted
        raise failed()
    return compacted


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid travel permit number; never raises.

    >>> is_valid("HA1234567"), is_valid("00000000"), is_valid(None)
    (True, True, False)
    """
    if type(number) is str and _fields(number) is not None:
        return True
    # The type, not isinstance(): a Mock(spec=str) claims __class__ == str.
    # fold() reads a str subclass through the base str methods.
    return issubclass(type(number), str) and _fields(fold(number)) is not None  # type: ignore[arg-type]


def format(number: str | TravelPermit, /) -> str:
    """Return *number* as printed, unmasked: the compact form (travel numbers are not grouped).

    The number is compacted, not validated.  A :class:`TravelPermit` is
    accepted too: ``format(permit)`` is the explicit way to print its number
    in full (``str(permit)`` is masked).

    >>> format("h 1038 7877")
    'H10387877'
    >>> format(parse_travel_permit("05616820"))
    '05616820'
    """
    if type(number) is TravelPermit:
        return number.number
    try:
        return fold(number)  # type: ignore[arg-type]
    except TypeError as error:
        del number  # the traceback's locals must not show the input (docs/privacy.md)
        raise error.with_traceback(None) from None


def _mask(number: str) -> str:
    # Keep the letters (the kind and region) and the bracketed office code;
    # hide every digit.
    return mask_compact(number, residence=False, valid=True)


def _permit_repr(permit: TravelPermit, rich: bool) -> list[object]:
    # Never raises, even for a half-built instance (an __init__ that failed
    # leaves one in the traceback's locals): no attribute is assumed to exist.
    number = getattr(permit, "number", None)
    if type(number) is not str:
        return ["<unset>"]
    parts: list[object] = [_mask(number) if rich else repr(_mask(number))]
    fields = getattr(permit, "_parts", None)
    if type(fields) is tuple:
        kind, region = fields[0], fields[1]
        parts += (
            [("kind", kind), ("region", region)] if rich else [f"kind={kind}", f"region={region}"]
        )
    return parts


_setattr = object.__setattr__


@attrs.frozen(repr=False, init=False)
class TravelPermit:
    """A valid travel permit number and the fields it encodes.

    Only :attr:`number` is given; everything else is derived from it, so an
    instance cannot be inconsistent.  Constructing one validates the number
    (raising like :func:`validate`); :func:`parse_travel_permit` is the usual
    way in.  Two permits are equal when their compact numbers are equal; the
    old and new spellings of one person's permit share :attr:`lifelong_number`.
    ``repr()``, ``str()``, f-strings and rich hide every digit;
    :attr:`number` and :func:`format` give the number.

    >>> permit = TravelPermit("H1038787701")
    >>> permit.kind, permit.region, permit.lifelong_number, permit.renewal_count
    (<TravelPermitKind.HOME_RETURN: 'home_return'>, <Region.HK: 'HK'>, 'H10387877', 1)
    >>> permit
    TravelPermit('H**********', kind=TravelPermitKind.HOME_RETURN, region=Region.HK)
    >>> str(permit), permit.number
    ('H**********', 'H1038787701')
    """

    #: The compact number, as given (an old 11-character form stays 11
    #: characters; unmasked: personal data).
    # The class writes its own masked reprs; with attrs' repr off, a tool that
    # builds one from attrs' fields leaves the number out.
    number: str = attrs.field(repr=False)
    # The fields read from the number, set once with it: (kind, region,
    # lifelong number, renewal count, issuing office).  One stored tuple
    # keeps parse_travel_permit at two attribute stores.
    _parts: _Fields = attrs.field(init=False, eq=False, repr=False)

    def __init__(self, number: str) -> None:
        # Validated like parse_travel_permit() (also for attrs.evolve).
        # Written by hand so that a failure leaves no raw input in the
        # traceback's locals.
        try:
            permit = parse_travel_permit(number)
        except (PermitError, TypeError) as error:
            del number
            raise error.with_traceback(None) from None
        _setattr(self, "number", permit.number)
        _setattr(self, "_parts", permit._parts)

    @property
    def kind(self) -> TravelPermitKind:
        """Home-return permit, its non-Chinese version, or Taiwan compatriot permit."""
        return self._parts[0]

    @property
    def region(self) -> Region:
        """Hong Kong or Macao (the letter: where the first application was made), or Taiwan."""
        return self._parts[1]

    @property
    def lifelong_number(self) -> str:
        """The part that never changes for the holder.

        9 characters for ``H``/``M`` and ``HA``/``MA`` numbers, 8 digits for Taiwan.
        """
        return self._parts[2]

    @property
    def renewal_count(self) -> int | None:
        """The 2-digit count of the old long forms as an int, else None.

        Home-return permits: renewals, ``00`` for the first card; Taiwan: issues.
        Current cards print the count in a separate field, not in the number.
        """
        return self._parts[3]

    @property
    def issuing_office(self) -> str | None:
        """The issuing-office code of an old Taiwan booklet, e.g. ``'D'``, else None."""
        return self._parts[4]

    def to_dict(self) -> dict[str, str | int | None]:
        """Return every field as JSON-ready values (the number unmasked).

        >>> TravelPermit("H1038787701").to_dict()["lifelong_number"]
        'H10387877'
        """
        return {
            "number": self.number,
            "kind": self.kind.value,
            "region": self.region.value,
            "lifelong_number": self.lifelong_number,
            "renewal_count": self.renewal_count,
            "issuing_office": self.issuing_office,
        }

    # pydantic v2 field support (permitcheck[pydantic]): validate from a str,
    # serialise to the compact form.  pydantic is imported only when it asks.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from permitcheck.pydantic import _parsed_core_schema  # noqa: PLC0415

        return _parsed_core_schema("travel_permit", source)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        from permitcheck.schema import json_schema  # noqa: PLC0415

        return json_schema("travel_permit")

    def __str__(self) -> str:
        number = getattr(self, "number", None)
        return _mask(number) if type(number) is str else "<unset>"

    def __format__(self, spec: str) -> str:
        return str(self).__format__(spec)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(_permit_repr(self, rich=False))})"  # type: ignore[arg-type]

    def __rich_repr__(self) -> Iterator[object]:
        yield from _permit_repr(self, rich=True)

    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        # IPython and Hypothesis's pretty printers: the masked repr.
        printer.text(repr(self))


_new = object.__new__


def parse_travel_permit(number: str, /) -> TravelPermit:
    """Validate *number* and return it as a :class:`TravelPermit`.

    Raises the same errors as :func:`validate`.

    >>> permit = parse_travel_permit("０５６１６８２００１（Ｄ）")
    >>> permit.number, permit.region, permit.renewal_count, permit.issuing_office
    ('0561682001(D)', <Region.TW: 'TW'>, 1, 'D')
    """
    # The hot path: a valid compact str passes _fields unchanged (folding only
    # ever changes characters that no valid number contains).
    fields = _fields(number) if type(number) is str else None
    if fields is None:
        try:
            number = validate(number)
        except (PermitError, TypeError) as error:
            del number  # the traceback's locals must not show the input (docs/privacy.md)
            raise error.with_traceback(None) from None
        fields = _fields(number)
    # The number is valid: fill the instance directly instead of validating twice.
    permit: TravelPermit = _new(TravelPermit)
    _setattr(permit, "number", number)
    _setattr(permit, "_parts", fields)
    return permit
