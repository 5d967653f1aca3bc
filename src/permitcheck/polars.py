"""Vectorised checks for Polars: whole columns at native speed (``permitcheck[polars]``).

Every function takes a column name or a Polars expression of strings and
returns an expression built only from native Polars operations (string
kernels, anchored regular expressions, integer arithmetic, ``when/then``): no
Python code runs per row, so the expressions work in eager and lazy frames and
in the streaming engine.  They agree with the core on every input (the test
suite compares them): the same folding as :func:`permitcheck.compact`, the same
rules in the same order as :func:`permitcheck.validate`.  A null gives null,
never an exception.

The functions are also registered as the ``permit`` namespace of expressions
and series when this module is imported:

>>> import polars as pl
>>> import permitcheck.polars
>>> frame = pl.DataFrame({"id": ["810000199408230021", " ８３００００-19920130-0022 ",
...                              "810000199408230022", None]})
>>> frame.select(
...     pl.col("id").permit.is_valid().alias("valid"),
...     pl.col("id").permit.error_code().alias("error"),
...     pl.col("id").permit.region().alias("region"),
... ).rows()
[(True, None, 'HK'), (True, None, 'TW'), (False, 'checksum', None), (None, None, None)]

"Today", for the rule that a birth date is not in the future, is the date in
China Standard Time (UTC+8) when the expression is *built*, unless ``today``
is given.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

try:
    import polars as pl
except ImportError as error:  # pragma: no cover - the extra is installed for the tests
    raise ImportError(
        "permitcheck.polars needs Polars: pip install 'permitcheck[polars]'"
    ) from error

from permitcheck import privacy as _privacy
from permitcheck import residence as _residence
from permitcheck._normalize import fold as _fold_one

if TYPE_CHECKING:
    from datetime import date

    import pyarrow as pa
    from polars._typing import IntoExpr

__all__ = [
    "PermitExprNamespace",
    "PermitSeriesNamespace",
    "birth_date",
    "check_arrow_batches",
    "compact",
    "error_code",
    "is_valid",
    "kind",
    "lifelong_number",
    "mask",
    "region",
    "sex",
    "travel_error_code",
    "travel_is_valid",
    "travel_kind",
    "travel_region",
]

# -- folding: permitcheck._normalize.fold, column-wise ------------------------------

# fold() maps full-width ASCII U+FF01-U+FF5E to ASCII, the ideographic space to a
# space and ASCII/full-width a-z to A-Z; nothing else.
_MAP: Final = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_MAP.update({chr(code): chr(code - 0xFEE0 - 32) for code in range(0xFF41, 0xFF5B)})
_MAP.update({chr(code): chr(code - 32) for code in range(ord("a"), ord("z") + 1)})
_MAP["\u3000"] = " "

# What str.strip() strips: every character for which str.isspace() is true
# (a test checks this list against all of Unicode).
_WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# What fold() removes wherever it stands: space and hyphen, and (issue 8) NBSP
# and other spaces, the Unicode dashes U+2010-U+2015 and U+2212, zero-width
# space/joiners, the word joiner, BOM and tab.  The set is read from fold()
# itself over these candidates (every whitespace character and every dash or
# invisible character it may remove), so this module and the core cannot
# drift apart; a test checks that no other character is removed.
_SEPARATOR_CANDIDATES: Final = (
    _WHITESPACE + "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u200b\u200c\u200d\u2060\ufeff\uff0d"
)
_SEPARATORS: Final = "".join(c for c in _SEPARATOR_CANDIDATES if _fold_one(f"1{c}1") == "11")


def _char_class(characters: str) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(set(characters))) + "]"


_EDGE: Final = _char_class(_SEPARATORS + _WHITESPACE)
# Removing separators and then stripping whitespace (fold's order) is the same
# as removing, in one pass, the leading and trailing runs of separators and
# whitespace, and every separator in between.
_REMOVE: Final = rf"\A{_EDGE}+|{_EDGE}+\z|{_char_class(_SEPARATORS)}+"


def _expr(column: IntoExpr) -> pl.Expr:
    if isinstance(column, pl.Expr):
        return column
    return pl.col(column) if isinstance(column, str) else pl.lit(column)


# A value with none of the characters the folding changes or removes, and no
# white space at either end, folds to itself.  Most values in real columns are
# such: folding only the others (the rest are nulls, which the string kernels
# skip) makes the folding about 2.5 times cheaper.
_CHANGED: Final = _char_class("".join(_MAP) + _SEPARATORS)
_NEEDS_FOLDING: Final = rf"{_CHANGED}|\A{_EDGE}|{_EDGE}\z"


def _needs_folding(value: pl.Expr) -> pl.Expr:
    return value.str.contains(_NEEDS_FOLDING)


def _fold_all(value: pl.Expr) -> pl.Expr:
    return value.str.replace_many(_MAP).str.replace_all(_REMOVE, "")


def _folded(column: IntoExpr) -> pl.Expr:
    value = _expr(column)
    return pl.coalesce(_fold_all(pl.when(_needs_folding(value)).then(value)), value)


def _on_folded(column: IntoExpr, build: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
    """Return ``build(folded)``, folding only the values that need it.

    *build* runs twice: over the values as they are (the rows that need no
    folding, most of a real column), and over the folded values of the other
    rows, the rest being nulls that the string kernels skip.  The folded
    values are a struct field, so that Polars computes them once however often
    *build* reads them (its common subexpression elimination does not reach
    inside ``when/then``).
    """
    value = _expr(column)
    needs = _needs_folding(value)
    folded = pl.struct(_fold_all(pl.when(needs).then(value)).alias("number"))
    from_folded = folded.struct.with_fields(build(pl.field("number")).alias("result"))
    result = pl.when(needs).then(from_folded.struct.field("result")).otherwise(build(value))
    # Named after the input, as Polars' own string functions are.
    return result.alias(value.meta.output_name(raise_if_undetermined=False) or "literal")


def compact(column: IntoExpr, /) -> pl.Expr:
    r"""Return the column folded exactly as :func:`permitcheck.compact` folds one number.

    >>> import polars as pl
    >>> pl.select(compact(pl.lit(" ８１００００-1994０８２３ 002ｘ\u3000"))).item()
    '81000019940823002X'
    """
    return _folded(column)


# -- residence permits ----------------------------------------------------------

_SHAPE: Final = r"\A[0-9]{17}[0-9X]\z"
_REGION: Final = r"\A8[123]0000"
_REGION_CODES: Final = {"810000": "HK", "820000": "MO", "830000": "TW"}
# MMDD of the days every year has, by month (Feb 29 is handled with the leap years).
_COMMON_DAYS: Final = (
    "(?:(?:0[13578]|1[02])(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)(?:0[1-9]|[12][0-9]|30)"
    "|02(?:0[1-9]|1[0-9]|2[0-8]))"
)
_MONTH_DAYS: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@functools.lru_cache(maxsize=4)
def _dates(today: str) -> str:
    """Return a regular expression for every YYYYMMDD from 1900-01-01 to *today*."""
    if today < "19000101":
        return r"[^\x00-\x{10FFFF}]"  # no such date: matches nothing
    year = int(today[:4])
    years = range(1900, year)
    leap_years = [y for y in years if _residence._is_leap(y)]
    this_year = [
        mmdd
        for month, days in enumerate(_MONTH_DAYS, 1)
        for day in range(1, days + 1)
        if (mmdd := f"{month:02d}{day:02d}") <= today[4:]
        and (mmdd != "0229" or _residence._is_leap(year))
    ]
    alternatives = [f"(?:{'|'.join(map(str, years))}){_COMMON_DAYS}"] if years else []
    if leap_years:
        alternatives.append(f"(?:{'|'.join(map(str, leap_years))})0229")
    alternatives.append(f"{year}(?:{'|'.join(this_year)})")  # Jan 1 at least
    return "(?:" + "|".join(alternatives) + ")"


def _today(today: date | None) -> str:
    return _residence._today_arg(today) or _residence._today()


class _Residence:
    """The rule checks over the folded column, each a boolean expression.

    Every check reads the folded column directly, so Polars' common
    subexpression elimination folds each value once.
    """

    def __init__(self, number: pl.Expr, today: date | None, *, dates: str | None = None) -> None:
        if dates is None:
            dates = _dates(_today(today))
        self.number = number
        self.length_ok = number.str.len_chars() == 18
        self.shape_ok = number.str.contains(_SHAPE)
        self.region_ok = number.str.contains(_REGION)
        self.date_ok = number.str.contains(rf"\A[0-9]{{6}}{dates}")
        # MOD 11-2: sum(a_i * 2**(18-i)) % 11 == 1, X counting as 10.  Read in
        # base 35 (35 % 11 == 2) the number gives the same sum modulo 11,
        # except that X counts 33, 0 modulo 11: one less than 10, modulo 11.
        remainder = number.str.to_integer(base=35, dtype=pl.Int128, strict=False) % 11
        self.checksum_ok = remainder == pl.when(number.str.ends_with("X")).then(2).otherwise(1)
        # One regular expression for length, characters, region and date.
        self.valid = (
            number.str.contains(rf"\A8[123]0000{dates}[0-9]{{3}}[0-9X]\z") & self.checksum_ok
        )


# Days in each month of a common year, by month number (0 and 13: none).
_COMMON_YEAR_MONTHS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0)
# ISO 7064 MOD 11-2: the weight of each of the first 17 digits (the 18th weighs 1).
_WEIGHTS: Final = tuple(2 ** (17 - place) % 11 for place in range(17))
_ZERO, _X, _LOWER_X = ord("0"), ord("X"), ord("x")


def _compact_residence_bytes(byte: list[pl.Expr], today: str) -> pl.Expr:
    """Return whether 18 character codes (``UInt8``) are a valid, compact residence permit.

    ASCII digits, the last one ``X`` or ``x`` too; the rules of
    :func:`permitcheck.is_valid` as integer arithmetic over one column per
    character (the command's vectorised engine, which reads bytes).  Nulls
    make Polars' horizontal functions several times slower: give none.
    """

    def number(first: int, size: int) -> pl.Expr:
        """Read the digits at first, ..., first + size - 1 as one decimal number."""
        codes = [
            byte[first + place].cast(pl.Int32) * 10 ** (size - 1 - place) for place in range(size)
        ]
        return pl.sum_horizontal(codes) - _ZERO * int("1" * size)

    all_digits = (pl.min_horizontal(byte[:17]) >= _ZERO) & (
        pl.max_horizontal(byte[:17]) <= _ZERO + 9
    )
    region = (
        (byte[0] == ord("8"))
        & byte[1].is_between(ord("1"), ord("3"))
        & (byte[2] == _ZERO)
        & (byte[3] == _ZERO)
        & (byte[4] == _ZERO)
        & (byte[5] == _ZERO)
    )
    ymd, year, month, day = number(6, 8), number(6, 4), number(10, 2), number(12, 2)
    # From 1900 to today, a year is leap when divisible by 4 and not one of the
    # century years that 400 does not divide.
    common_centuries = [y for y in range(1900, int(today[:4]) + 1, 100) if y % 400]
    leap = ((year & 3) == 0) & ~year.is_in(common_centuries)
    month_days = pl.lit(pl.Series(_COMMON_YEAR_MONTHS, dtype=pl.Int32)).gather(month.clip(0, 13))
    date = (
        ymd.is_between(int(_residence._EARLIEST), int(today))
        & (day >= 1)
        & ((day <= month_days) | ((month == 2) & (day == 29) & leap))
    )
    # MOD 11-2 over the codes: sum(w * (code - 48)) + check = 1 (mod 11).
    last = byte[17]
    check = pl.when(last.is_in([_X, _LOWER_X])).then(10).otherwise(last.cast(pl.Int32) - _ZERO)
    weighted = [byte[place].cast(pl.UInt16) * weight for place, weight in enumerate(_WEIGHTS)]
    checksum = (pl.sum_horizontal(weighted) + check) % 11 == (1 + _ZERO * sum(_WEIGHTS)) % 11
    rules: pl.Expr = all_digits & check.is_between(0, 10) & region & date & checksum
    return rules


def is_valid(column: IntoExpr, /, *, today: date | None = None) -> pl.Expr:
    """Return a boolean expression: whether each value is a valid residence permit number.

    The vectorised :func:`permitcheck.is_valid`; null for a null.

    >>> import polars as pl
    >>> pl.DataFrame({"id": ["830000199201300022", "830000199201300023"]}).select(
    ...     is_valid("id")).to_series().to_list()
    [True, False]
    """
    return _on_folded(column, lambda number: _Residence(number, today).valid)


def error_code(column: IntoExpr, /, *, today: date | None = None) -> pl.Expr:
    """Return the code of the first rule each value breaks; null when it is valid or null.

    The rules in :func:`permitcheck.validate`'s order: ``length``,
    ``characters``, ``region``, ``birth_date``, ``checksum`` (the first problem
    :func:`permitcheck.check` reports).

    >>> import polars as pl
    >>> pl.select(error_code(pl.lit("810000199402300021"))).item()
    'birth_date'
    """

    def build(number: pl.Expr) -> pl.Expr:
        rules = _Residence(number, today)
        return (
            pl.when(~rules.length_ok)
            .then(pl.lit("length"))
            .when(~rules.shape_ok)
            .then(pl.lit("characters"))
            .when(~rules.region_ok)
            .then(pl.lit("region"))
            .when(~rules.date_ok)
            .then(pl.lit("birth_date"))
            .when(~rules.checksum_ok)
            .then(pl.lit("checksum"))
            .otherwise(pl.lit(None, dtype=pl.String))
        )

    return _on_folded(column, build)


def _problem_codes(number: pl.Expr, dates: str) -> pl.Expr:
    """Return the codes of every problem :func:`permitcheck.check` reports, joined by ``;``.

    *number* is folded; *dates* is :func:`_dates` of the day that counts as
    today.  An empty string for a valid number; ``length`` for an empty one.
    """
    rules = _Residence(number, None, dates=dates)
    size = number.str.len_chars()
    other_length = size != 18
    # A number of another length: ASCII digits, and X only in last place.
    bad_characters = (size > 0) & ~number.str.contains(r"\A[0-9]*[0-9X]\z")
    shape = ~other_length & rules.shape_ok
    found = [
        (other_length, "length"),
        (other_length & bad_characters, "characters"),
        (~other_length & ~rules.shape_ok, "characters"),
        (shape & ~rules.region_ok, "region"),
        (shape & ~rules.date_ok, "birth_date"),
        (shape & ~rules.checksum_ok, "checksum"),
    ]
    codes = pl.concat_str(
        [pl.when(broken).then(pl.lit(code)) for broken, code in found],
        separator=";",
        ignore_nulls=True,
    )
    return pl.when(number.is_not_null()).then(codes)


def _region(number: pl.Expr, today: date | None) -> pl.Expr:
    code = number.str.slice(0, 6)
    return pl.when(_Residence(number, today).valid).then(
        code.replace_strict(_REGION_CODES, default=None, return_dtype=pl.String)
    )


def region(column: IntoExpr, /, *, today: date | None = None) -> pl.Expr:
    """Return ``HK``, ``MO`` or ``TW`` (:class:`permitcheck.Region` values); null unless valid.

    >>> import polars as pl
    >>> pl.select(region(pl.lit("820000 19000229 0000"))).item() is None
    True
    """
    return _on_folded(column, lambda number: _region(number, today))


def birth_date(column: IntoExpr, /, *, today: date | None = None) -> pl.Expr:
    """Return the encoded birth date as a Polars ``Date``; null unless valid.

    >>> import polars as pl
    >>> pl.select(birth_date(pl.lit("810000199408230021"))).item()
    datetime.date(1994, 8, 23)
    """
    return _on_folded(
        column,
        lambda number: (
            pl.when(_Residence(number, today).valid)
            .then(number.str.slice(6, 8))
            .str.to_date("%Y%m%d", strict=False)
        ),
    )


def _sex(number: pl.Expr, today: date | None) -> pl.Expr:
    odd = number.str.slice(16, 1).str.to_integer(strict=False) % 2 == 1
    return pl.when(_Residence(number, today).valid).then(
        pl.when(odd).then(pl.lit("M")).otherwise(pl.lit("F"))
    )


def sex(column: IntoExpr, /, *, today: date | None = None) -> pl.Expr:
    """Return ``M`` or ``F`` (:class:`permitcheck.Sex` values): the 17th digit's parity.

    Null unless the number is valid.

    >>> import polars as pl
    >>> pl.select(sex(pl.lit("810000199408230021"))).item()
    'F'
    """
    return _on_folded(column, lambda number: _sex(number, today))


# -- travel permits -------------------------------------------------------------

# permitcheck.travel.PATTERN, anchored: every accepted compact form.
_TRAVEL: Final = (
    r"\A(?:[HM](?:A[0-9]{7}|[0-9]{8}(?:[0-9]{2})?)|[0-9]{8}(?:[0-9]{2}(?:\([0-9A-Z]\))?)?)\z"
)


def travel_is_valid(column: IntoExpr, /) -> pl.Expr:
    """Return a boolean expression: whether each value is a valid travel permit number.

    The vectorised :func:`permitcheck.travel.is_valid`; null for a null.

    >>> import polars as pl
    >>> pl.select(travel_is_valid(pl.lit("0561682001（D）"))).item()
    True
    """
    return _folded(column).str.contains(_TRAVEL)


def _travel_error(number: pl.Expr) -> pl.Expr:
    size = number.str.len_chars()
    # The prefix tells the kind, and the kind its possible lengths.
    length_ok = (
        pl.when(number.str.contains(r"\A[HM]A"))
        .then(size == 9)
        .when(number.str.contains(r"\A[HM]"))
        .then(size.is_in([9, 11]))
        .when(number.str.contains(r"\A[0-9]"))
        .then(size.is_in([8, 10, 13]))
        .otherwise(size.is_in([8, 9, 10, 11, 13]))
    )
    return (
        pl.when(number.str.contains(_TRAVEL))
        .then(pl.lit(None, dtype=pl.String))
        .when(~length_ok)
        .then(pl.lit("travel_length"))
        .when(~number.str.contains(r"\A[0-9A-Z()]*\z"))
        .then(pl.lit("travel_characters"))
        .when(number.is_not_null())
        .then(pl.lit("travel_format"))
    )


def travel_error_code(column: IntoExpr, /) -> pl.Expr:
    """Return the code :func:`permitcheck.travel.validate` would raise; null when valid.

    ``travel_length``, ``travel_characters`` or ``travel_format``.

    >>> import polars as pl
    >>> pl.select(travel_error_code(pl.lit("HB1234567"))).item()
    'travel_format'
    """
    return _on_folded(column, _travel_error)


def _travel_kind(number: pl.Expr) -> pl.Expr:
    return pl.when(number.str.contains(_TRAVEL)).then(
        pl.when(number.str.contains(r"\A[HM]A"))
        .then(pl.lit("home_return_non_chinese"))
        .when(number.str.contains(r"\A[HM]"))
        .then(pl.lit("home_return"))
        .otherwise(pl.lit("taiwan_compatriot"))
    )


def travel_kind(column: IntoExpr, /) -> pl.Expr:
    """Return the :class:`permitcheck.TravelPermitKind` value; null unless valid.

    >>> import polars as pl
    >>> pl.select(travel_kind(pl.lit("MA1234567"))).item()
    'home_return_non_chinese'
    """
    return _on_folded(column, _travel_kind)


def _travel_region(number: pl.Expr) -> pl.Expr:
    return pl.when(number.str.contains(_TRAVEL)).then(
        pl.when(number.str.starts_with("H"))
        .then(pl.lit("HK"))
        .when(number.str.starts_with("M"))
        .then(pl.lit("MO"))
        .otherwise(pl.lit("TW"))
    )


def travel_region(column: IntoExpr, /) -> pl.Expr:
    """Return ``HK`` or ``MO`` (the letter ``H`` or ``M``) or ``TW``; null unless valid.

    >>> import polars as pl
    >>> pl.select(travel_region(pl.lit("m1038 7877"))).item()
    'MO'
    """
    return _on_folded(column, _travel_region)


def _lifelong(number: pl.Expr) -> pl.Expr:
    return pl.when(number.str.contains(_TRAVEL)).then(
        pl.when(number.str.contains(r"\A[HM]"))
        .then(number.str.slice(0, 9))
        .otherwise(number.str.slice(0, 8))
    )


def lifelong_number(column: IntoExpr, /) -> pl.Expr:
    """Return the part of a travel permit number that never changes; null unless valid.

    9 characters for ``H``/``M`` and ``HA``/``MA`` numbers, 8 digits for Taiwan.

    >>> import polars as pl
    >>> pl.select(lifelong_number(pl.lit("H1038787701"))).item()
    'H10387877'
    """
    return _on_folded(column, _lifelong)


# -- masking (permitcheck.mask) -----------------------------------------------------


def _stars(count: pl.Expr) -> pl.Expr:
    """Return *count* stars, or 20 and an ellipsis when there are more (privacy._stars)."""
    most = "*" * _privacy._STARS
    return (
        pl.when(count <= _privacy._STARS)
        .then(pl.lit(most).str.slice(0, count))
        .otherwise(pl.lit(most + "\u2026"))
    )


def _mask_residence(number: pl.Expr) -> pl.Expr:
    """Mask the folded *number* as a residence permit (:func:`permitcheck.privacy.mask_compact`).

    It keeps its region prefix and an 18th character that can be a check character.
    """
    size = number.str.len_chars()
    prefix = number.str.slice(0, 6)
    shown = pl.when(prefix.is_in(list(_REGION_CODES))).then(prefix).otherwise(pl.lit(""))
    last = number.str.slice(17, 1)
    tail = pl.when((size == 18) & last.is_in(list("0123456789X"))).then(last).otherwise(pl.lit(""))
    return pl.concat_str([shown, _stars(size - shown.str.len_chars() - tail.str.len_chars()), tail])


def _mask_travel(number: pl.Expr, valid: pl.Expr) -> pl.Expr:
    """Mask the folded *number* as a travel permit, *valid* or not.

    A valid one keeps its letters and office code, an invalid one the ``H``,
    ``M``, ``HA`` or ``MA`` it starts with.
    """
    letters = (
        pl.when(number.str.contains(r"\A[HM]A"))
        .then(number.str.slice(0, 2))
        .when(number.str.contains(r"\A[HM]"))
        .then(number.str.slice(0, 1))
        .otherwise(pl.lit(""))
    )
    return (
        pl.when(valid)
        .then(number.str.replace_all("[0-9]", "*"))
        .otherwise(
            pl.concat_str([letters, _stars(number.str.len_chars() - letters.str.len_chars())])
        )
    )


def mask(column: IntoExpr, /) -> pl.Expr:
    """Return each value with its personal part hidden, as :func:`permitcheck.mask` does.

    Null for a null.  Log or export this column instead of the numbers.

    >>> import polars as pl
    >>> pl.DataFrame({"id": ["810000199408230021", "h1038 7877", "0561682001(D)"]}).select(
    ...     mask("id")).to_series().to_list()
    ['810000***********1', 'H********', '**********(D)']
    """

    def build(number: pl.Expr) -> pl.Expr:
        residence = (number.str.len_chars() >= 14) & ~number.str.contains(r"\A[HM]")
        travel = _mask_travel(number, number.str.contains(_TRAVEL))
        masked = pl.when(residence).then(_mask_residence(number)).otherwise(travel)
        return pl.when(number.is_not_null()).then(masked)

    return _on_folded(column, build)


# -- every document kind (permitcheck.identify) ------------------------------------


def kind(column: IntoExpr, /, *, today: date | None = None) -> pl.Expr:
    """Return the :class:`permitcheck.DocumentKind` value :func:`permitcheck.identify` finds.

    ``residence_permit``, ``mainland_id``, ``hong_kong_id``, ...: the kind of
    ``identify(value, today=today)``; null where it raises (an invalid number,
    or no kind's shape) and for a null.  Where two kinds fit (8 digits: a
    Taiwan compatriot permit or a Macao ID), identify's first.

    >>> import polars as pl
    >>> pl.DataFrame({"id": ["A123456(3)", "11010519491231002x", "A123456(4)"]}).select(
    ...     kind("id")).to_series().to_list()
    ['hong_kong_id', 'mainland_id', None]
    """
    from permitcheck import _polars_documents  # noqa: PLC0415 - its tables load on first use

    dates = _dates(_today(today))
    return _on_folded(
        column,
        lambda number: _polars_documents.kind(number, dates, _Residence(number, today).valid),
    )


# -- Arrow record batches (Spark's mapInArrow and other engines) --------------------


def check_arrow_batches(
    batches: Iterable[pa.RecordBatch], column: str, *, today: date | None = None
) -> Iterator[pa.RecordBatch]:
    """Yield each Arrow batch with two more columns: ``permit_valid`` and ``permit_error``.

    The shape Spark's ``DataFrame.mapInArrow`` expects (see the data frames
    guide); strings come back as Arrow ``string``, so the Spark schema is the
    input's plus ``permit_valid boolean, permit_error string``.

    >>> import pyarrow as pa
    >>> batch = pa.RecordBatch.from_pydict({"id": ["810000199408230021", "x"]})
    >>> [out.to_pydict() for out in check_arrow_batches([batch], "id")]
    [{'id': ['810000199408230021', 'x'], 'permit_valid': [True, False],
      'permit_error': [None, 'length']}]
    """
    import pyarrow as pa  # noqa: PLC0415 - pyarrow comes with the extra, loaded on use

    expressions = (
        is_valid(column, today=today).alias("permit_valid"),
        error_code(column, today=today).alias("permit_error"),
    )
    for batch in batches:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        table = frame.with_columns(*expressions).to_arrow()
        schema = pa.schema(
            [
                *batch.schema,
                pa.field("permit_valid", pa.bool_()),
                pa.field("permit_error", pa.string()),
            ]
        )
        yield from table.cast(schema).to_batches()


# -- namespaces -------------------------------------------------------------------


@pl.api.register_expr_namespace("permit")
class PermitExprNamespace:
    """The functions of :mod:`permitcheck.polars` as ``pl.col(...).permit.<name>()``.

    >>> import polars as pl
    >>> pl.select(pl.lit("h1038-7877").permit.lifelong_number()).item()
    'H10387877'
    """

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def compact(self) -> pl.Expr:
        """See :func:`compact`."""
        return compact(self._expr)

    def is_valid(self, *, today: date | None = None) -> pl.Expr:
        """See :func:`is_valid`."""
        return is_valid(self._expr, today=today)

    def error_code(self, *, today: date | None = None) -> pl.Expr:
        """See :func:`error_code`."""
        return error_code(self._expr, today=today)

    def region(self, *, today: date | None = None) -> pl.Expr:
        """See :func:`region`."""
        return region(self._expr, today=today)

    def birth_date(self, *, today: date | None = None) -> pl.Expr:
        """See :func:`birth_date`."""
        return birth_date(self._expr, today=today)

    def sex(self, *, today: date | None = None) -> pl.Expr:
        """See :func:`sex`."""
        return sex(self._expr, today=today)

    def travel_is_valid(self) -> pl.Expr:
        """See :func:`travel_is_valid`."""
        return travel_is_valid(self._expr)

    def travel_error_code(self) -> pl.Expr:
        """See :func:`travel_error_code`."""
        return travel_error_code(self._expr)

    def travel_kind(self) -> pl.Expr:
        """See :func:`travel_kind`."""
        return travel_kind(self._expr)

    def travel_region(self) -> pl.Expr:
        """See :func:`travel_region`."""
        return travel_region(self._expr)

    def lifelong_number(self) -> pl.Expr:
        """See :func:`lifelong_number`."""
        return lifelong_number(self._expr)

    def kind(self, *, today: date | None = None) -> pl.Expr:
        """See :func:`kind`."""
        return kind(self._expr, today=today)

    def mask(self) -> pl.Expr:
        """See :func:`mask`."""
        return mask(self._expr)


@pl.api.register_series_namespace("permit")
class PermitSeriesNamespace:
    """The same functions on a series: ``series.permit.<name>()`` returns a series.

    >>> import polars as pl
    >>> pl.Series("id", ["810000199408230021", None]).permit.is_valid().to_list()
    [True, None]
    """

    def __init__(self, series: pl.Series) -> None:
        self._series = series

    def _apply(self, expr: pl.Expr) -> pl.Series:
        return self._series.to_frame("_").select(expr.alias(self._series.name)).to_series()

    def compact(self) -> pl.Series:
        """See :func:`compact`."""
        return self._apply(compact("_"))

    def is_valid(self, *, today: date | None = None) -> pl.Series:
        """See :func:`is_valid`."""
        return self._apply(is_valid("_", today=today))

    def error_code(self, *, today: date | None = None) -> pl.Series:
        """See :func:`error_code`."""
        return self._apply(error_code("_", today=today))

    def region(self, *, today: date | None = None) -> pl.Series:
        """See :func:`region`."""
        return self._apply(region("_", today=today))

    def birth_date(self, *, today: date | None = None) -> pl.Series:
        """See :func:`birth_date`."""
        return self._apply(birth_date("_", today=today))

    def sex(self, *, today: date | None = None) -> pl.Series:
        """See :func:`sex`."""
        return self._apply(sex("_", today=today))

    def travel_is_valid(self) -> pl.Series:
        """See :func:`travel_is_valid`."""
        return self._apply(travel_is_valid("_"))

    def travel_error_code(self) -> pl.Series:
        """See :func:`travel_error_code`."""
        return self._apply(travel_error_code("_"))

    def travel_kind(self) -> pl.Series:
        """See :func:`travel_kind`."""
        return self._apply(travel_kind("_"))

    def travel_region(self) -> pl.Series:
        """See :func:`travel_region`."""
        return self._apply(travel_region("_"))

    def lifelong_number(self) -> pl.Series:
        """See :func:`lifelong_number`."""
        return self._apply(lifelong_number("_"))

    def kind(self, *, today: date | None = None) -> pl.Series:
        """See :func:`kind`."""
        return self._apply(kind("_", today=today))

    def mask(self) -> pl.Series:
        """See :func:`mask`."""
        return self._apply(mask("_"))
