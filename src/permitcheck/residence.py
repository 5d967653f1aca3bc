"""The 18-digit Residence Permit for Hong Kong, Macao and Taiwan Residents.

Since 2018-09-01 Hong Kong, Macao and Taiwan residents living in the mainland
can hold a residence permit (港澳台居民居住证).  Its number follows the national
standard GB 11643-1999 with the fixed address codes 810000 (Hong Kong), 820000
(Macao) and 830000 (Taiwan) set by art. 3 of 国办发〔2018〕81号:

====== ===== =====================================================
chars  size  meaning
====== ===== =====================================================
1-6    6     address code: 810000, 820000 or 830000
7-14   8     birth date YYYYMMDD
15-17  3     sequence code; the 17th digit is odd for men, even for women
18     1     ISO 7064 MOD 11-2 check character, ``0``-``9`` or ``X``
====== ===== =====================================================

The module follows python-stdnum's contract (``compact``, ``validate``,
``is_valid``, ``format``, ``calc_check_digit``) and adds ``parse`` and
``check``.

>>> validate("810000 19940823 0021")
'810000199408230021'
>>> parse("830000199201300022").region
<Region.TW: 'TW'>
>>> is_valid("830000199201300023")
False
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from permitcheck._normalize import as_date, fold
from permitcheck.errors import (
    InvalidBirthDate,
    InvalidCharacters,
    InvalidChecksum,
    InvalidLength,
    InvalidRegion,
    PermitError,
    Problem,
)
from permitcheck.model import Region, Sex
from permitcheck.privacy import mask

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from permitcheck.privacy import _Printer

__all__ = [
    "PATTERN",
    "CheckResult",
    "InvalidCheckResult",
    "ResidencePermit",
    "ValidCheckResult",
    "calc_check_digit",
    "check",
    "compact",
    "format",
    "get_birth_date",
    "is_valid",
    "parse",
    "validate",
]

#: An unanchored regular expression for the shape of a residence permit
#: number (compact form): region prefix, a plausible YYYYMMDD, sequence and
#: check character.  It does not check the calendar or the check character;
#: use it to embed the format in HTML ``pattern`` attributes, SQL or OpenAPI,
#: and :func:`validate` for the real check.  Only syntax shared by Python,
#: ECMAScript and PostgreSQL regular expressions is used.
PATTERN: Final = (
    "8[123]0000(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]"
)

_REGIONS: Final = {region.prefix: region for region in Region}
_SEX: Final = {str(digit): Sex.FEMALE if digit % 2 == 0 else Sex.MALE for digit in range(10)}
# ISO 7064 MOD 11-2: the check character for a weighted sum S is _CHECK[S % 11].
_CHECK: Final = "10X98765432"
_MONTH_DAYS: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Every MMDD that exists in some year; Feb 29 needs a leap year on top.
_MMDD: Final = frozenset(
    [
        f"{month:02d}{day:02d}"
        for month, days in enumerate(_MONTH_DAYS, 1)
        for day in range(1, days + 1)
    ]
)
# Slices of the hot path, made once: in CPython 3.11 `number[:10]` builds a
# new slice object on every call, and these three save about 6% of is_valid.
_YEAR_KEY: Final = slice(None, 10)
_MONTH_DAY: Final = slice(10, 14)
_TAIL: Final = slice(14, None)
# The days that exist in every year: what the hot path may accept unchecked.
_MMDD_EVERY_YEAR: Final = _MMDD - {"0229"}
_EARLIEST: Final = "19000101"
_LAST: Final = frozenset("0123456789X")
_LAST_CHARACTERS: Final = "0123456789Xx"
# China Standard Time (UTC+8, no daylight saving): "not after today" is
# judged there.
_CST_OFFSET: Final = 8 * 3600
# Today in CST as YYYYMMDD, cached with the epoch seconds [start, end) of
# that CST day.  The clock (time.time(), which tests can move with a library
# such as time-machine) is read on every call, so "today" changes at 00:00
# UTC+8 (16:00 UTC) inside a running process and follows a clock set back;
# the calendar is consulted only when the day changes.
_today_cache: list[str] = ["00000000"]
_today_span: list[float] = [0.0, 0.0]


def _today() -> str:
    now = time.time()
    if not _today_span[0] <= now < _today_span[1]:
        shifted = now + _CST_OFFSET
        _today_cache[0] = time.strftime("%Y%m%d", time.gmtime(shifted))
        start = now - shifted % 86400
        _today_span[0] = start
        _today_span[1] = start + 86400
    return _today_cache[0]


# The hot path's shortcut: the first ten characters (region + birth year) of
# every number born in a year that had ended when this module was imported.
# For those, "1900-01-01 <= birth date <= today" needs no date comparison, and
# membership also proves the ten characters are ASCII digits.  Years only move
# forward, so the set never goes stale; other years take the full path.
# 3 regions x ~126 years: a few hundred short strings, not a date table.
_IMPORT_YEAR: Final = int(_today()[:4])
_SETTLED: Final = frozenset(
    [prefix + str(year) for prefix in _REGIONS for year in range(1900, _IMPORT_YEAR)]
)
# The first day not covered by _SETTLED: a birth date before it is not after
# today, so judging it needs no clock reading.
_UNSETTLED: Final = f"{_IMPORT_YEAR}0101"


def _ymd(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _shape_ok(number: str) -> bool:
    # ASCII digits only: str.isdigit() alone would accept '²' or '٣'.
    return (
        len(number) == 18
        and number.isascii()
        and (number.isdigit() or (number[17] == "X" and number[:17].isdigit()))
    )


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _ymd_ok(ymd: str, last: str) -> bool:
    """Return whether the 8 digits *ymd* are a real date from 1900-01-01 to *last*."""
    # String tests only (YYYYMMDD strings sort like the dates they spell).
    if not _EARLIEST <= ymd <= last:
        return False
    mmdd = ymd[4:]
    return mmdd in _MMDD and (mmdd != "0229" or _is_leap(int(ymd[:4])))


def _date_ok(number: str, today: str | None) -> bool:
    ymd = number[6:14]
    if today is None:
        # Read the clock only for a date in a year that had not ended at import.
        today = _today() if ymd >= _UNSETTLED else _UNSETTLED
    return _ymd_ok(ymd, today)


def _checksum_ok(number: str) -> bool:
    # ISO 7064 MOD 11-2: sum(a_i * 2**(18-i)) % 11 == 1 over all 18 characters,
    # X counting as 10.  Since 13 % 11 == 2, reading the number in base 13
    # gives the same sum modulo 11, computed in C by int().  Only call this on
    # a number that passed _shape_ok (int() would also accept '_', '+', 'A').
    if number[17] == "X":
        # (13 * B + 10) % 11 == 1  <=>  2 * B == 2 (mod 11)  <=>  B % 11 == 1
        return int(number[:17], 13) % 11 == 1
    return int(number, 13) % 11 == 1


def _first_error(number: str, today: str | None) -> type[PermitError] | None:
    """Return the class of the first rule *number* (compact) breaks, or None."""
    if len(number) != 18:
        return InvalidLength
    if not _shape_ok(number):
        return InvalidCharacters
    if number[:6] not in _REGIONS:
        return InvalidRegion
    if not _date_ok(number, today):
        return InvalidBirthDate
    if not _checksum_ok(number):
        return InvalidChecksum
    return None


def _today_arg(today: date | None) -> str | None:
    if today is None:
        return None
    return _ymd(as_date(today, "today"))


def compact(number: str, /) -> str:
    """Return *number* without separators and with full-width forms folded.

    Folds full-width ASCII (U+FF01-U+FF5E) to ASCII, strips surrounding
    whitespace, removes spaces, tabs, hyphens, Unicode spaces and dashes,
    zero-width characters and the BOM (the characters of
    ``permitcheck._normalize.REMOVED``) and upper-cases ASCII letters.
    Nothing is validated.  Raises
    :class:`TypeError` for anything but a ``str``.

    >>> compact(" 810000-19940823-002x ")
    '81000019940823002X'
    """
    try:
        return fold(number)
    except TypeError as error:
        del number  # the traceback's locals must not show the input (docs/privacy.md)
        raise error.with_traceback(None) from None


def calc_check_digit(number: str, /) -> str:
    """Return the MOD 11-2 check character for the 17-digit body or the whole 18-character number.

    Given 18 characters (as python-stdnum's ``cn.ric.calc_check_digit``
    expects), the 18th is ignored, but it must be a digit or ``X``.  The
    input is not compacted.  Raises :class:`~permitcheck.InvalidLength`
    unless *number* has 17 or 18 characters and
    :class:`~permitcheck.InvalidCharacters` unless the first 17 are ASCII
    digits.

    >>> calc_check_digit("81000019940823002")
    '1'
    >>> calc_check_digit("11010519491231002"), calc_check_digit("11010519491231002X")
    ('X', 'X')
    """
    if not isinstance(number, str):
        raise TypeError(f"expected a str, got {type(number).__name__}")
    if len(number) == 18 and number[17] in _LAST_CHARACTERS:
        body = number[:17]
    elif len(number) == 17:
        body = number
    elif len(number) == 18:
        raise InvalidCharacters("The 18th character of a residence permit number is 0-9 or X.")
    else:
        raise InvalidLength("Give the 17-digit body or the whole 18-character number.")
    if not (body.isascii() and body.isdigit()):
        raise InvalidCharacters("The body of a residence permit number is 17 digits 0-9.")
    # S = sum(d_i * 2**(18-i)) = 2 * sum(d_i * 2**(17-i)); base 13 as in _checksum_ok.
    return _CHECK[2 * int(body, 13) % 11]


def validate(number: str, /, *, today: date | None = None) -> str:
    """Return the compact form of *number* if it is a valid residence permit number.

    The rules are checked in this order and the first failure is raised:
    length (:class:`~permitcheck.InvalidLength`), characters
    (:class:`~permitcheck.InvalidCharacters`), region
    (:class:`~permitcheck.InvalidRegion`), birth date
    (:class:`~permitcheck.InvalidBirthDate`), check character
    (:class:`~permitcheck.InvalidChecksum`).  "Today" is the date in China
    Standard Time (UTC+8) unless *today* is given: a :class:`datetime.date`,
    or a :class:`datetime.datetime` standing for its calendar date as given
    (no time-zone conversion; the same rule as every date argument).

    >>> validate("810000199408230021")
    '810000199408230021'
    >>> validate("810000199402300021")
    Traceback (most recent call last):
        ...
    permitcheck.errors.InvalidBirthDate: Characters 7-14 must be a real birth date ...
    """
    if today is None and _fast_valid(number):
        return number
    # On failure no local holds the input: tracebacks with locals (pytest
    # --showlocals, rich) would print it (docs/privacy.md).
    try:
        day = _today_arg(today)
        compacted = fold(number)
    except TypeError as error:
        del number
        raise error.with_traceback(None) from None
    del number
    failed = _first_error(compacted, day)
    if failed is not None:
        del compacted
        raise failed()
    return compacted


def is_valid(number: object, /) -> bool:
    """Return whether *number* is a valid residence permit number; never raises.

    Anything that is not a ``str`` is simply not valid.

    >>> is_valid("830000199201300022"), is_valid(None)
    (True, False)
    >>> is_valid("８３００００１９９２０１３０００２２")
    True
    """
    if type(number) is str and len(number) == 18 and number.isascii():
        # An 18-character ASCII str can be judged as it is: folding could only
        # upper-case letters (of which only a final x can be valid) or remove
        # spaces, hyphens and surrounding whitespace, and then fewer than 18
        # characters would be left.
        if number[_YEAR_KEY] in _SETTLED:
            # The hot path, every rule of _first_error inlined: _SETTLED proves
            # characters 1-10 are digits, a region and a year that has ended,
            # so the date cannot be in the future; _MMDD_EVERY_YEAR proves
            # 11-14 are a day that exists in every year (Feb 29 is not in it).
            mmdd = number[_MONTH_DAY]
            if mmdd in _MMDD_EVERY_YEAR:
                tail = number[_TAIL]
                if tail.isdigit():
                    return int(number, 13) % 11 == 1
                if tail[:3].isdigit() and tail[3] in "Xx":
                    # (13 * int(body, 13) + 10) % 11 == 1  <=>  int(body, 13) % 11 == 1
                    return int(number[:17], 13) % 11 == 1
                return False
            if mmdd != "0229":
                return False  # not a day of any year (or not digits)
        return number[:6] in _REGIONS and _first_error(number.upper(), None) is None
    return _is_valid_slow(number)


def _is_valid_slow(number: object) -> bool:
    # Anything but an 18-character ASCII str.  type(), not isinstance(): a
    # Mock(spec=str) or an object whose __class__ property raises would fool
    # or break isinstance().
    if not issubclass(type(number), str) or str.__len__(number) < 18:  # type: ignore[arg-type]
        # Folding maps characters one to one or removes them: a str shorter
        # than 18 characters cannot fold into a valid number.
        return False
    if type(number) is str and number.isascii() and number.isdigit():
        return False  # ASCII digits fold to themselves, and there are not 18
    return _first_error(fold(number), None) is None  # type: ignore[arg-type]


def _fast_valid(number: str) -> bool:
    """Return True if *number* is certainly a valid compact number (see is_valid)."""
    return (
        type(number) is str
        and len(number) == 18
        and number.isascii()
        and number[_YEAR_KEY] in _SETTLED
        and number[_MONTH_DAY] in _MMDD_EVERY_YEAR
        and number[_TAIL].isdigit()
        and int(number, 13) % 11 == 1
    )


def format(number: str | ResidencePermit, /) -> str:
    """Return *number* in the printed grouping ``RRRRRR YYYYMMDD SSSC``, unmasked.

    The number is compacted, not validated.  A :class:`ResidencePermit` is
    accepted too: ``format(permit)`` is the explicit way to print its number
    in full (``str(permit)`` is masked).

    >>> format("810000199408230021")
    '810000 19940823 0021'
    >>> format(parse("830000199201300022"))
    '830000 19920130 0022'
    """
    if type(number) is ResidencePermit:
        return _group(number.number)
    try:
        return _group(fold(number))  # type: ignore[arg-type]
    except TypeError as error:
        del number  # the traceback's locals must not show the input (docs/privacy.md)
        raise error.with_traceback(None) from None


def _group(number: str) -> str:
    return " ".join(part for part in (number[:6], number[6:14], number[14:]) if part)


def _mask(number: str) -> str:
    # Keep the region and the check character; hide birth date and sequence.  A
    # CheckResult can hold any input: mask it as permitcheck.mask does (an
    # invalid H or M number keeps its letter there).
    return mask(number)


def _permit_repr(permit: ResidencePermit, rich: bool) -> list[object]:
    # Never raises, even for a half-built instance (an __init__ that failed
    # leaves one in the traceback's locals): no attribute is assumed to exist.
    number = getattr(permit, "number", None)
    if type(number) is not str:
        return ["<unset>"]
    parts: list[object] = [_mask(number) if rich else repr(_mask(number))]
    region = _REGIONS.get(number[:6])
    if region is not None:
        parts.append(("region", region) if rich else f"region={region}")
    return parts


@attrs.frozen(repr=False, init=False)
class ResidencePermit:
    """A valid residence permit number and the fields it encodes.

    Only :attr:`number` is stored; every other attribute is read from it, so
    an instance cannot be inconsistent.  Constructing one validates the number
    (raising like :func:`validate`); :func:`parse` is the usual way in.
    ``repr()``, ``str()``, f-strings and rich hide the birth date and
    sequence digits; :attr:`number` and :func:`format` give the number.

    >>> permit = ResidencePermit("810000199408230021")
    >>> permit.region, permit.birth_date, permit.sex
    (<Region.HK: 'HK'>, datetime.date(1994, 8, 23), <Sex.FEMALE: 'F'>)
    >>> permit
    ResidencePermit('810000***********1', region=Region.HK)
    >>> str(permit), permit.number
    ('810000***********1', '810000199408230021')
    """

    #: The compact 18-character number (unmasked: personal data).
    # The class writes its own masked reprs; with attrs' repr off, a tool that
    # builds one from attrs' fields leaves the number out.
    number: str = attrs.field(repr=False)

    def __init__(self, number: str) -> None:
        # Validated like validate() (against today's date, also for
        # attrs.evolve).  Written by hand so that a failure leaves no raw
        # input in the traceback's locals.
        try:
            compacted = validate(number)
        except (PermitError, TypeError) as error:
            del number
            raise error.with_traceback(None) from None
        _setattr(self, "number", compacted)

    # The fields below are derived on access rather than stored: parse() then
    # costs one attribute store, and no stored field can disagree with number.

    @property
    def region(self) -> Region:
        """The region of the address code (characters 1-6)."""
        return _REGIONS[self.number[:6]]

    @property
    def birth_date(self) -> date:
        """The encoded birth date (characters 7-14)."""
        return _date_from_ymd(self.number[6:14])

    @property
    def sequence(self) -> str:
        """The three sequence digits (15-17), as a string: leading zeros matter."""
        return self.number[14:17]

    @property
    def sex(self) -> Sex:
        """The sex encoded by the 17th digit: odd is male, even is female."""
        return _SEX[self.number[16]]

    @property
    def check_digit(self) -> str:
        """The 18th character, ``0``-``9`` or ``X``."""
        return self.number[17]

    def to_dict(self) -> dict[str, str]:
        """Return every field as JSON-ready strings (the number unmasked).

        >>> ResidencePermit("830000199201300022").to_dict()["birth_date"]
        '1992-01-30'
        """
        return {
            "number": self.number,
            "region": self.region.value,
            "birth_date": self.birth_date.isoformat(),
            "sequence": self.sequence,
            "sex": self.sex.value,
            "check_digit": self.check_digit,
        }

    # pydantic v2 field support (permitcheck[pydantic]): validate from a str,
    # serialise to the compact form.  pydantic is imported only when it asks.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from permitcheck.pydantic import _parsed_core_schema  # noqa: PLC0415

        return _parsed_core_schema("residence_permit", source)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        from permitcheck.schema import json_schema  # noqa: PLC0415

        return json_schema("residence_permit")

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
        # IPython and Hypothesis's pretty printers: the masked repr (Hypothesis
        # would otherwise print attrs fields raw in a falsifying example).
        printer.text(repr(self))


_setattr = object.__setattr__
_new = object.__new__


def _import_date_from_ymd(ymd: str) -> date:
    # Importing datetime costs more than the rest of the package, and
    # is_valid/validate never need it: import it on first use, then rebind
    # _date_from_ymd to the C function itself.
    global _date_from_ymd  # noqa: PLW0603
    from datetime import date  # noqa: PLC0415

    _date_from_ymd = date.fromisoformat
    return date.fromisoformat(ymd)


_date_from_ymd: Callable[[str], date] = _import_date_from_ymd


def _build(number: str) -> ResidencePermit:
    # For numbers already validated (possibly against a caller's `today`):
    # skip __init__ so the check is not repeated against the real clock.
    permit: ResidencePermit = _new(ResidencePermit)
    _setattr(permit, "number", number)
    return permit


def parse(number: str, /, *, today: date | None = None) -> ResidencePermit:
    """Validate *number* and return it as a :class:`ResidencePermit`.

    Raises the same errors as :func:`validate`.

    >>> permit = parse("830000 19920130 0022")
    >>> permit.birth_date.isoformat(), permit.sequence, permit.check_digit
    ('1992-01-30', '002', '2')
    """
    try:
        return _build(validate(number, today=today))
    except (PermitError, TypeError) as error:
        del number  # the traceback's locals must not show the input (docs/privacy.md)
        raise error.with_traceback(None) from None


def get_birth_date(number: str, /, *, today: date | None = None) -> date:
    """Return the birth date encoded in a valid residence permit *number*.

    The python-stdnum ``cn.ric.get_birth_date`` function, but the whole
    number is validated first, raising like :func:`validate` (stdnum reads
    the date of any 18-character string and checks nothing else).

    >>> get_birth_date("830000 19920130 0022")
    datetime.date(1992, 1, 30)
    """
    return _date_from_ymd(validate(number, today=today)[6:14])


def _check_result_consistent(instance: CheckResult, attribute: object, value: object) -> None:
    if instance.valid != (instance.permit is not None) or instance.valid == bool(instance.problems):
        raise ValueError("valid, permit and problems disagree")
    if isinstance(instance, ValidCheckResult | InvalidCheckResult) and (
        instance.valid is not isinstance(instance, ValidCheckResult)
    ):
        raise ValueError(f"a {type(instance).__name__} cannot have valid={instance.valid}")
    if instance.permit is not None and instance.permit.number != instance.number:
        raise ValueError("permit does not match number")


@attrs.frozen(repr=False)
class CheckResult:
    """The outcome of :func:`check`: every problem found, or the parsed permit.

    ``valid`` is true exactly when ``problems`` is empty and ``permit`` is
    set.  ``repr()``, ``str()`` and rich mask the number as
    :func:`~permitcheck.mask` does, valid or not: an invalid number keeps
    only a region prefix 810000, 820000 or 830000 (a mainland ID's county
    code is hidden) and an 18th character that can be a check character.

    >>> result = check("820000190002290000")
    >>> result.valid, [problem.code for problem in result.problems]
    (False, ['birth_date', 'checksum'])
    >>> check("110105194912310022")
    CheckResult(valid=False, number='*****************2', problems=('region', 'checksum'))
    """

    #: Whether the number is a valid residence permit number.
    valid: bool
    #: The compact form of the input (as given, when it is not valid; unmasked).
    number: str = attrs.field(repr=False)
    #: The parsed permit when valid, else None.
    permit: ResidencePermit | None = attrs.field(repr=False)
    #: Every problem found, in rule order; empty when valid.
    problems: tuple[Problem, ...] = attrs.field(validator=_check_result_consistent)

    def __bool__(self) -> bool:
        return self.valid

    def _shown(self) -> tuple[object, str, tuple[str, ...]]:
        # Never raises, even for a half-built instance (see ResidencePermit).
        number = getattr(self, "number", None)
        problems = getattr(self, "problems", None)
        codes = (
            tuple(getattr(problem, "code", "?") for problem in problems)
            if type(problems) is tuple
            else ()
        )
        shown = _mask(number) if type(number) is str else "<unset>"
        return getattr(self, "valid", None), shown, codes

    def __repr__(self) -> str:
        valid, number, codes = self._shown()
        # "CheckResult" for the subclasses too: the repr is stable across versions.
        return f"CheckResult(valid={valid!r}, number={number!r}, problems={codes!r})"

    def __rich_repr__(self) -> Iterator[tuple[str, object]]:
        valid, number, codes = self._shown()
        yield "valid", valid
        yield "number", number
        yield "problems", codes

    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        printer.text(repr(self))


class ValidCheckResult(CheckResult):
    """A :class:`CheckResult` for a valid number: ``valid`` is True and ``permit`` is set.

    :func:`check` returns this or :class:`InvalidCheckResult`, so a type
    checker knows ``result.permit`` is a :class:`ResidencePermit` after
    ``if result.valid:`` (no ``assert result.permit is not None``).

    >>> result = check("810000199408230021")
    >>> if result.valid:
    ...     print(result.permit.region.english_name)
    Hong Kong
    """

    __slots__ = ()
    if TYPE_CHECKING:  # read-only narrowings of the fields, for type checkers only

        @property
        def valid(self) -> Literal[True]:
            """Always True."""

        @property
        def permit(self) -> ResidencePermit:
            """The parsed permit."""


class InvalidCheckResult(CheckResult):
    """A :class:`CheckResult` for an invalid number: ``valid`` is False, ``permit`` None."""

    __slots__ = ()
    if TYPE_CHECKING:  # read-only narrowings of the fields, for type checkers only

        @property
        def valid(self) -> Literal[False]:
            """Always False."""

        @property
        def permit(self) -> None:
            """Always None."""


def _problem_classes(number: str, today: str | None) -> list[type[PermitError]]:
    found: list[type[PermitError]] = []
    if len(number) != 18:
        found.append(InvalidLength)
        # Characters are still judged: ASCII digits, and X only in last place.
        body, last = number[:-1], number[-1:]
        if (body and not (body.isascii() and body.isdigit())) or (last and last not in _LAST):
            found.append(InvalidCharacters)
        return found
    if not _shape_ok(number):
        return [InvalidCharacters]
    # Region, birth date and checksum are independent: report them all.
    if number[:6] not in _REGIONS:
        found.append(InvalidRegion)
    if not _date_ok(number, today):
        found.append(InvalidBirthDate)
    if not _checksum_ok(number):
        found.append(InvalidChecksum)
    return found


def check(number: str, /, *, today: date | None = None) -> ValidCheckResult | InvalidCheckResult:
    """Check *number* and report every problem instead of raising.

    Region, birth date and check character are judged independently, so all
    their problems are reported together.  The result is a
    :class:`ValidCheckResult` or an :class:`InvalidCheckResult` (both
    :class:`CheckResult`), so ``if result.valid:`` narrows ``result.permit``
    for type checkers.  Raises only :class:`TypeError` (for anything but a
    ``str``).

    >>> check("810000199408230021").permit.sex
    <Sex.FEMALE: 'F'>
    >>> [problem.code for problem in check("71000019940823002").problems]
    ['length']
    """
    try:
        day = _today_arg(today)
        compacted = fold(number)
    except TypeError as error:
        del number  # the traceback's locals must not show the input (docs/privacy.md)
        raise error.with_traceback(None) from None
    classes = _problem_classes(compacted, day)
    if classes:
        problems = tuple(Problem(cls.code, cls.message) for cls in classes)
        return InvalidCheckResult(False, compacted, None, problems)
    return ValidCheckResult(True, compacted, _build(compacted), ())
