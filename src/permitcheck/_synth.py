"""Build test numbers from drawn parts, for :mod:`~permitcheck.generate` and the strategies.

Every number is assembled from independently drawn parts (region, birth date,
sequence, ...) and its check character is computed, never found by drawing
and filtering.  The drawing itself is delegated to a :class:`Chooser`: a
:class:`random.Random` behind :class:`~permitcheck.generate.PermitGenerator`,
Hypothesis' ``draw`` behind :mod:`permitcheck.strategies`.  So both produce
the same kinds of numbers, and the order of the options below is the order
Hypothesis shrinks toward: ``integer(low, high)`` toward *low*,
``choice(options)`` toward ``options[0]``.

Nothing here imports Hypothesis or Faker.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import Enum
from typing import Final, Protocol, TypeVar

import attrs

from permitcheck._normalize import as_date, fold
from permitcheck.model import (
    Region,
    RegionCode,
    Sex,
    SexCode,
    TravelPermitKind,
    TravelPermitKindCode,
)
from permitcheck.residence import _is_leap, _ymd, _ymd_ok, calc_check_digit

__all__ = [
    "DEFAULT_RESIDENCE",
    "EARLIEST",
    "RESIDENCE_CODES",
    "Chooser",
    "ResidenceOptions",
    "TravelForm",
    "birth_date",
    "invalid_residence_number",
    "legacy_option",
    "link_numbers",
    "member",
    "residence_codes",
    "residence_number",
    "residence_options",
    "spell",
    "today",
    "travel_forms",
    "travel_number",
]

_T = TypeVar("_T")


class Chooser(Protocol):
    """The source of every decision: a random generator or a Hypothesis draw."""

    def integer(self, low: int, high: int, /) -> int:
        """Return an int from *low* to *high* inclusive (shrinking toward *low*)."""

    def choice(self, options: Sequence[_T], /) -> _T:
        """Return one of *options* (shrinking toward the first)."""


#: The earliest birth date a residence permit number may carry.
EARLIEST: Final = date(1900, 1, 1)
#: The residence permit error codes, in the order invalid numbers shrink toward.
RESIDENCE_CODES: Final = ("checksum", "birth_date", "region", "length", "characters")
_CST_OFFSET: Final = 8 * 3600
_DIGITS: Final = "0123456789"
_CHECK_CHARACTERS: Final = "0123456789X"


def today() -> date:
    """Return today's date in China Standard Time (UTC+8), as the validators judge it."""
    # The same clock reading as permitcheck.residence: UTC shifted by 8 hours.
    now = time.gmtime(time.time() + _CST_OFFSET)
    return date(now.tm_year, now.tm_mon, now.tm_mday)


def _with_check(body: str) -> str:
    return body + calc_check_digit(body)


# -- options --------------------------------------------------------------------


_E = TypeVar("_E", bound=Enum)


def member(value: object, name: str, kind: type[_E]) -> _E:
    """Return *value* as a member of the enum *kind*: a member or its value (``"HK"``, ``"F"``)."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    values = ", ".join(repr(item.value) for item in kind)
    raise TypeError(
        f"{name} must be a permitcheck.{kind.__name__} or one of {values}, got {value!r}"
    )


def _collection(value: object, name: str, kind: type[_T]) -> tuple[_T, ...]:
    """Return *value*, an iterable of *kind* values, as a tuple without repeats.

    For an enum *kind*, a member's value (``"HK"``) stands for the member.
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a collection of {kind.__name__}, got {value!r}")
    items: list[_T] = []
    for given in value:
        if issubclass(kind, Enum):
            item: _T = member(given, f"each of {name}", kind)
        elif isinstance(given, kind):
            item = given
        else:
            raise TypeError(f"{name} must contain only {kind.__name__} values, got {given!r}")
        if item not in items:
            items.append(item)
    if not items:
        raise ValueError(f"{name} must not be empty")
    return tuple(items)


def _birth_date(value: object, name: str) -> date | None:
    if value is None:
        return None
    return as_date(value, name)


@attrs.frozen
class ResidenceOptions:
    """Validated options for residence permit numbers."""

    regions: tuple[Region, ...]
    min_birth_date: date
    #: None: today in UTC+8, read at each draw.
    max_birth_date: date | None
    sex: Sex | None


def residence_options(
    *,
    regions: Iterable[Region | RegionCode] | None,
    min_birth_date: date | None,
    max_birth_date: date | None,
    sex: Sex | SexCode | None,
) -> ResidenceOptions:
    """Check the options of a valid residence permit number (TypeError/ValueError)."""
    chosen = tuple(Region) if regions is None else _collection(regions, "regions", Region)
    low = _birth_date(min_birth_date, "min_birth_date") or EARLIEST
    high = _birth_date(max_birth_date, "max_birth_date")
    if low < EARLIEST:
        raise ValueError(f"min_birth_date={low} is before {EARLIEST}, the earliest valid date")
    current = today()
    if high is not None and high > current:
        raise ValueError(f"max_birth_date={high} is after today in UTC+8 ({current})")
    if low > (current if high is None else high):
        raise ValueError(
            f"min_birth_date={low} is after max_birth_date={high or f'today ({current})'}"
        )
    return ResidenceOptions(chosen, low, high, None if sex is None else member(sex, "sex", Sex))


#: The options with every default: any region, any valid birth date, either sex.
DEFAULT_RESIDENCE: Final = ResidenceOptions(tuple(Region), EARLIEST, None, None)


def residence_codes(codes: Iterable[str] | None) -> tuple[str, ...]:
    """Check the error codes asked for (TypeError/ValueError)."""
    if codes is None:
        return RESIDENCE_CODES
    chosen = _collection(codes, "codes", str)
    unknown = [code for code in chosen if code not in RESIDENCE_CODES]
    if unknown:
        raise ValueError(f"unknown codes {unknown!r}; choose from {list(RESIDENCE_CODES)!r}")
    return chosen


# -- valid residence permit numbers ---------------------------------------------


def _leap_days(low: date, high: date) -> list[date]:
    days = [date(year, 2, 29) for year in range(low.year, high.year + 1) if _is_leap(year)]
    return [day for day in days if low <= day <= high]


def birth_date(chooser: Chooser, low: date, high: date) -> date:
    """Draw a date from *low* to *high*; the boundaries and Feb 29 come up often.

    One draw in 32 each is *low*, *high* or a Feb 29 (when the range has one);
    the rest are uniform.  Shrinks toward *low*: the simplest choice (0) is
    *low* itself and needs no further draw, so the shrinker gets there.
    """
    bucket = chooser.integer(0, 31)
    if bucket == 0:
        return low
    if bucket == 1:
        return high
    if bucket == 2:
        leap_days = _leap_days(low, high)
        if leap_days:
            return chooser.choice(leap_days)
    return low + timedelta(days=chooser.integer(0, (high - low).days))


def _sequence(chooser: Chooser, sex: Sex | None) -> str:
    # GB 11643: the 17th digit (the last of the sequence) is odd for men.
    if sex is None:
        return f"{chooser.integer(0, 999):03d}"
    parity = 1 if sex is Sex.MALE else 0
    return f"{chooser.integer(0, 99):02d}{2 * chooser.integer(0, 4) + parity}"


def residence_number(chooser: Chooser, options: ResidenceOptions) -> str:
    """Draw a valid residence permit number (compact form)."""
    region = chooser.choice(options.regions)
    high = today() if options.max_birth_date is None else options.max_birth_date
    born = birth_date(chooser, options.min_birth_date, high)
    return _with_check(region.prefix + _ymd(born) + _sequence(chooser, options.sex))


# -- invalid residence permit numbers: near misses with exactly one problem -----

# 710000 is Taiwan in GB/T 2260, the code buggy validators expect; then a few
# mainland address codes (province, city, district level).
_MAINLAND_PREFIXES: Final = ("710000", "110000", "110105", "310115", "440300", "650102")
# Our three prefixes with one digit changed (810000 -> 910000, 810001, ...).
_NEAR_PREFIXES: Final = tuple(
    sorted(
        {
            region.prefix[:position] + digit + region.prefix[position + 1 :]
            for region in Region
            for position in range(6)
            for digit in _DIGITS
        }
        - {region.prefix for region in Region}
    )
)
_BAD_PREFIXES: Final = _MAINLAND_PREFIXES + tuple(
    prefix for prefix in _NEAR_PREFIXES if prefix not in _MAINLAND_PREFIXES
)
# Month-day pairs no calendar has (Feb 29 is drawn separately).
_IMPOSSIBLE_MMDD: Final = (
    "0230",
    "0231",
    "0431",
    "0631",
    "0931",
    "1131",
    "0132",
    "0100",
    "0001",
    "1301",
    "0000",
    "1232",
)
# Digits that str.isdigit() accepts but are not ASCII, by the code point of
# their zero: Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai,
# mathematical bold.  (Full-width digits are folded to ASCII, so they are valid.)
_SCRIPT_ZEROS: Final = (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE)
# ASCII letters that look like digits; X is allowed only in the last place.
_LOOKALIKES: Final = ("O", "I", "L", "S", "B", "Z", "X")


# Every near miss starts from a valid number drawn first (the simplest is
# 810000 1900-01-01 000), then the code, then what goes wrong: so shrinking
# the code or the kind of mistake keeps the number's own draws in place.


def _invalid_region(chooser: Chooser, number: str) -> str:
    return _with_check(chooser.choice(_BAD_PREFIXES) + number[6:17])


def _invalid_birth_date(chooser: Chooser, number: str) -> str:
    current = today()
    kind = chooser.choice(("feb29", "future", "before_1900", "impossible"))
    if kind == "feb29":
        years = [year for year in range(EARLIEST.year, current.year + 1) if not _is_leap(year)]
        ymd = f"{chooser.choice(years):04d}0229"
    elif kind == "future":
        # Tomorrow in UTC+8 comes up often; later dates up to about 100 years on.
        bucket = chooser.integer(0, 7)
        days = 1 if bucket == 0 else 1 + chooser.integer(0, 36_500)
        ymd = _ymd(current + timedelta(days=days))
    elif kind == "before_1900":
        bucket = chooser.integer(0, 7)
        days = 1 if bucket == 0 else 1 + chooser.integer(0, 36_500)
        ymd = _ymd(EARLIEST - timedelta(days=days))
    else:
        year = chooser.integer(EARLIEST.year, current.year)
        ymd = f"{year:04d}{chooser.choice(_IMPOSSIBLE_MMDD)}"
    return _with_check(number[:6] + ymd + number[14:17])


def _invalid_checksum(chooser: Chooser, number: str) -> str:
    # Every mistake in one list, wrong check characters first (the simplest):
    # a wrong check character, one digit of the birth date or sequence
    # changed, two adjacent different digits swapped, the date staying a real
    # date.  MOD 11-2 catches each: every weight is a unit mod 11, and
    # neighbouring weights differ mod 11.
    last = _ymd(today())
    mistakes = [number[:17] + wrong for wrong in _CHECK_CHARACTERS if wrong != number[17]]
    head, ymd, tail = number[:6], number[6:14], number[14:]
    for position in range(8):
        before, after = ymd[:position], ymd[position + 1 :]
        mistakes.extend(
            head + before + digit + after + tail
            for digit in _DIGITS
            if digit != ymd[position] and _ymd_ok(before + digit + after, last)
        )
    for position in range(14, 17):
        mistakes.extend(
            number[:position] + digit + number[position + 1 :]
            for digit in _DIGITS
            if digit != number[position]
        )
    for position in range(6, 17):
        swapped = (
            number[:position] + number[position + 1] + number[position] + number[position + 2 :]
        )
        if (
            number[position] != number[position + 1]
            and "X" not in swapped[:17]  # an X before the last place: characters
            and _ymd_ok(swapped[6:14], last)
        ):
            mistakes.append(swapped)
    return chooser.choice(mistakes)


def _invalid_length(chooser: Chooser, number: str) -> str:
    # Positions count from the end, so a missing or extra character shrinks
    # toward the check character's place; the check character stays last.
    position = 17 - chooser.integer(0, 17)
    if chooser.choice(("missing", "extra")) == "missing":
        return number[:position] + number[position + 1 :]
    return number[:position] + chooser.choice(_DIGITS) + number[position:]


def _invalid_characters(chooser: Chooser, number: str) -> str:
    position = chooser.integer(0, 17)
    if chooser.choice(("script_digit", "letter")) == "script_digit":
        # The same digit in another script, as a keyboard or OCR may give it.
        value = 10 if number[position] == "X" else int(number[position])
        character = chr(chooser.choice(_SCRIPT_ZEROS) + value % 10)
    else:
        letters = _LOOKALIKES[:-1] if position == 17 else _LOOKALIKES
        character = chooser.choice(letters)
    return number[:position] + character + number[position + 1 :]


_INVALID: Final = {
    "checksum": _invalid_checksum,
    "birth_date": _invalid_birth_date,
    "region": _invalid_region,
    "length": _invalid_length,
    "characters": _invalid_characters,
}


def invalid_residence_number(chooser: Chooser, codes: tuple[str, ...]) -> str:
    """Draw a number that breaks exactly one rule, one of *codes*; otherwise well formed."""
    number = residence_number(chooser, DEFAULT_RESIDENCE)
    return _INVALID[chooser.choice(codes)](chooser, number)


# -- travel permit numbers (docs/sources.md, "Travel permits") ----------------------

#: A travel permit format: its kind and whether it is the pre-2013 (home-return)
#: or pre-2008 (Taiwan) long form.
TravelForm = tuple[TravelPermitKind, bool]

_HOME_RETURN: Final = TravelPermitKind.HOME_RETURN
_NON_CHINESE: Final = TravelPermitKind.HOME_RETURN_NON_CHINESE
_TAIWAN: Final = TravelPermitKind.TAIWAN_COMPATRIOT
# Current forms first: they are what cards carry today, and what shrinking reaches.
_FORMS: Final[tuple[TravelForm, ...]] = (
    (_HOME_RETURN, False),
    (_NON_CHINESE, False),
    (_TAIWAN, False),
    (_HOME_RETURN, True),
    (_TAIWAN, True),
)
# Issuing-office codes of old Taiwan booklets: "English letter or Arabic digit".
_OFFICE_CODES: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# The home-return permit letter of each region's residents, the region's own first:
# the other letter is allowed (it records where the first application was made).
_LETTERS: Final = {Region.HK: ("H", "M"), Region.MO: ("M", "H")}


def _legacy(value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"legacy must be True, False or None, got {value!r}")
    return value


def travel_forms(
    *, kinds: Iterable[TravelPermitKind | TravelPermitKindCode] | None, legacy: bool | None
) -> tuple[TravelForm, ...]:
    """Check the travel permit options; return the formats they allow (TypeError/ValueError)."""
    chosen = (
        tuple(TravelPermitKind) if kinds is None else _collection(kinds, "kinds", TravelPermitKind)
    )
    wanted = _legacy(legacy)
    forms = tuple(
        (kind, long)
        for long in (False, True)
        for kind in chosen
        if (kind, long) in _FORMS and wanted in (None, long)
    )
    if not forms:
        raise ValueError("the HA/MA permit (since 2024) has no legacy long form")
    return forms


def travel_number(
    chooser: Chooser, forms: tuple[TravelForm, ...], region: Region | None = None
) -> str:
    """Draw a valid travel permit number (compact form) in one of *forms*.

    For a home-return permit, *region* (HK or MO) puts its own letter first.
    Shrinks toward ``H00000000``.
    """
    kind, long = chooser.choice(forms)
    if kind is _TAIWAN:
        number = f"{chooser.integer(0, 99_999_999):08d}"
        if long:
            # The lifelong number + the issue count, and in most booklets the
            # issuing office in brackets.
            number += f"{chooser.integer(0, 99):02d}"
            if chooser.integer(0, 3):
                number += f"({chooser.choice(_OFFICE_CODES)})"
        return number
    if kind is _NON_CHINESE:
        return chooser.choice(("HA", "MA")) + f"{chooser.integer(0, 9_999_999):07d}"
    letters = ("H", "M") if region is None else _LETTERS[region]
    number = chooser.choice(letters) + f"{chooser.integer(0, 99_999_999):08d}"
    if long:
        number += f"{chooser.integer(0, 99):02d}"  # renewal count, 00 for the first card
    return number


def _groups(number: str) -> list[str]:
    # As people write them: the letters, the digits by fours, the bracket.
    bracket = number.find("(")
    tail = [number[bracket:]] if bracket >= 0 else []
    body = number if bracket < 0 else number[:bracket]
    letters = len(body) - len(body.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    digits = body[letters:]
    head = [body[:letters]] if letters else []
    return head + [digits[start : start + 4] for start in range(0, len(digits), 4)] + tail


def _full_width(character: str) -> str:
    # ASCII '!'..'~' to the full-width forms U+FF01..U+FF5E.
    return chr(ord(character) + 0xFEE0)


def spell(chooser: Chooser, number: str) -> str:
    """Draw a spelling of the compact *number* that folds back to it.

    Lower case, full-width forms (brackets included), spaces, hyphens and
    ideographic spaces between groups or characters, surrounding whitespace.
    Shrinks toward *number* itself.
    """
    if chooser.choice(("upper", "lower")) == "lower":
        number = number.lower()
    width = chooser.choice(("ascii", "full", "mixed"))
    if width == "full":
        number = "".join(map(_full_width, number))
    elif width == "mixed":
        mask = chooser.integer(0, (1 << len(number)) - 1)
        number = "".join(
            _full_width(character) if mask >> index & 1 else character
            for index, character in enumerate(number)
        )
    separator = chooser.choice(("", " ", "-", "\u3000", " - "))
    if separator:
        compact = fold(number)
        pieces = (
            _groups(compact) if chooser.choice(("groups", "every")) == "groups" else list(compact)
        )
        # Re-cut the (possibly full-width, lower-case) spelling at the same places.
        cut, position = [], 0
        for piece in pieces:
            cut.append(number[position : position + len(piece)])
            position += len(piece)
        number = separator.join(cut)
    edge = chooser.choice(("", " ", "\t", "\u3000", "\n"))
    return edge + number + edge


# -- links --------------------------------------------------------------------------


def legacy_option(legacy: object) -> bool | None:
    """Check a *legacy* option: True, False or None (TypeError)."""
    return _legacy(legacy)


def link_numbers(
    chooser: Chooser, options: ResidenceOptions, legacy: bool | None
) -> tuple[str, str]:
    """Draw a residence permit number and a travel permit number that may be linked.

    The travel permit is of the kind the residence permit's region carries
    (never ``HA``/``MA``); an HK or MO holder's letter is the region's own or,
    as often, the other one (a link with a warning).
    """
    residence = residence_number(chooser, options)
    region = Region.from_prefix(residence[:6])
    kinds = region.travel_permit_kinds
    forms = tuple(form for form in _FORMS if form[0] in kinds and legacy in (None, form[1]))
    return residence, travel_number(chooser, forms, None if region is Region.TW else region)
