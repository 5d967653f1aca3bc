r"""The document kinds of :func:`permitcheck.identify` as native Polars expressions.

:func:`kind` is the body of :func:`permitcheck.polars.kind`: given a folded
column, the :class:`~permitcheck.DocumentKind` value ``identify`` returns
for each value, null where ``identify`` raises.  The tables are the core's
own (provinces, ISO 3166-1 codes, the days of the months, the Taiwan area
letters and weights, the leap years), read when this module is imported.

``identify`` picks the kinds to try by the number's shape and returns the
first valid one.  Each kind's full rule below implies that shape (its
anchored regular expression fixes the length and the first characters), and
the rules of different kinds hold for disjoint sets of numbers except where
``identify`` itself lists two kinds for one shape: 8 digits (Taiwan
compatriot permit, then Macao ID) and 9 characters after ``H``/``M``
(home-return permit, then HKID); and a valid residence permit also passes
the mainland ID's rule, which comes after it.  So "the first kind, in that
order, whose rule holds" is identify's answer for every value; the tests
compare the two on every kind's specimens, near misses and generated numbers.

>>> import polars as pl
>>> import permitcheck.polars
>>> pl.select(permitcheck.polars.kind(pl.lit("ａ１２３４５６（３）"))).item()
'hong_kong_id'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

import polars as pl

from permitcheck import residence as _residence
from permitcheck.documents import _taiwan
from permitcheck.documents import foreign_permanent_resident_15 as _fpr15
from permitcheck.documents import mainland_id as _mainland
from permitcheck.documents.common import ALPHA3_CODES, NUMERIC_CODES, PROVINCE_CODES
from permitcheck.model import DocumentKind

__all__ = ["kind"]

_K = DocumentKind


def _any(codes: Iterable[str]) -> str:
    """Return a group matching exactly one of *codes* (letters and digits only)."""
    return "(?:" + "|".join(sorted(codes)) + ")"


_PROVINCE: Final = _any(PROVINCE_CODES)
# Every MMDD some year has, but Feb 29 (that one needs a leap year).
_MMDD: Final = _any(_residence._MMDD - {"0229"})

# -- 18 characters: MOD 11-2 -----------------------------------------------------


def _mod11_2(number: pl.Expr) -> pl.Expr:
    # sum(a_i * 2**(18-i)) % 11 == 1, X counting as 10.  Read in base 35
    # (35 % 11 == 2) the number gives the same sum modulo 11, except that X
    # counts 33: 23 more, 1 modulo 11.  Only for 17 digits + a digit or X.
    remainder = number.str.to_integer(base=35, dtype=pl.Int128, strict=False) % 11
    return remainder == pl.when(number.str.ends_with("X")).then(2).otherwise(1)


def _dated_18(number: pl.Expr, dates: str) -> pl.Expr:
    """Return the kind of a valid 2023 foreign permanent resident or mainland ID number."""
    # One regular expression and one checksum for both.  A number with a
    # residence permit's prefix (810000, 820000) passes exactly when it is a
    # valid residence permit, which comes first.
    foreign = rf"9{_PROVINCE}{_any(NUMERIC_CODES)}"
    mainland = rf"{_PROVINCE}[0-9]{{4}}"
    shape = rf"\A(?:{foreign}|{mainland}){dates}[0-9]{{3}}[0-9X]\z"
    return pl.when(number.str.contains(shape) & _mod11_2(number)).then(
        pl.when(number.str.starts_with("9"))
        .then(pl.lit(_K.FOREIGN_PERMANENT_RESIDENT.value))
        .otherwise(pl.lit(_K.MAINLAND_ID.value))
    )


# -- 15 characters: two-digit years --------------------------------------------------

# The YY of 19YY-02-29 that the 15-digit mainland ID accepts (1900 is no leap year).
_MAINLAND_15_LEAP: Final = _any(
    f"{yy:02d}" for yy in range(100) if _residence._ymd_ok(f"19{yy:02d}0229", "19991231")
)
# The address codes: a province and four digits, but never a residence permit's
# prefix (810000, 820000; 83 is no province).
_RESERVED: Final = frozenset(prefix[:2] for prefix in _mainland._RESIDENCE_PREFIXES)
_NOT_0000: Final = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_ADDRESS_15: Final = (
    f"(?:{_any(PROVINCE_CODES - _RESERVED)}[0-9]{{4}}"
    f"|{_any(PROVINCE_CODES & _RESERVED)}{_NOT_0000})"
)
_MAINLAND_15: Final = rf"\A{_ADDRESS_15}(?:[0-9]{{2}}{_MMDD}|{_MAINLAND_15_LEAP}0229)[0-9]{{3}}\z"
# The YY of YY-02-29 the foreign permanent resident card (2004/2017) accepts, read
# by the module itself: in the 2000s up to 2023, else in the 1900s.
_FOREIGN_15_LEAP: Final = _any(
    f"{yy:02d}" for yy in range(100) if _fpr15._ymd(f"XXX0000{yy:02d}022900") is not None
)
_FOREIGN_15: Final = (
    rf"\A{_any(ALPHA3_CODES)}[0-9]{{4}}(?:[0-9]{{2}}{_MMDD}|{_FOREIGN_15_LEAP}0229)[0-9]{{2}}\z"
)

# -- travel permits and Macao: shape only --------------------------------------------

_HOME_RETURN: Final = r"\A[HM](?:A[0-9]{7}|[0-9]{8}(?:[0-9]{2})?)\z"
_TAIWAN_COMPATRIOT: Final = r"\A[0-9]{8}(?:[0-9]{2}(?:\([0-9A-Z]\))?)?\z"
# Eight digits are a Taiwan compatriot permit first; the bracketed form is only Macao's.
_MACAO: Final = r"\A[157][0-9]{6}(?:[0-9]|\([0-9]\))\z"

# -- the check characters of the letter kinds: one integer parse each ----------------


def _once(value: pl.Expr, use: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
    """Return ``use(value)``, *value* computed once however often *use* reads it.

    Polars' common subexpression elimination does not reach inside
    ``when/then`` (where :func:`permitcheck.polars.kind` runs): a struct field
    is computed once.
    """
    held = pl.struct(value.alias("value"))
    return held.struct.with_fields(use(pl.field("value")).alias("used")).struct.field("used")


def _base36_digit(value: pl.Expr, position: int) -> pl.Expr:
    """Return the base-36 digit of *value* at *position* from the right (0: the last)."""
    return value.floordiv(36**position) % 36


# Hong Kong: two letters (a missing one worth 36) and six digits weigh 9 ... 2, the
# check character (A = 10) 1; the total is divisible by 11.
_HONG_KONG: Final = r"\A[A-Z]{1,2}[0-9]{6}(?:[0-9A]|\([0-9A]\))\z"


def _hong_kong(number: pl.Expr) -> pl.Expr:
    def divisible(value: pl.Expr) -> pl.Expr:
        # The characters read in base 36 are int(char, 36): A = 10 ... Z = 35.
        total = pl.when(value < 36**8).then(36 * 9).otherwise(0)  # one letter: padded
        for position in range(9):
            total = total + _base36_digit(value, position) * (position + 1)
        return total % 11 == 0

    shaped = pl.when(number.str.contains(_HONG_KONG)).then(number.str.replace_all("[()]", ""))
    valid = _once(shaped.str.to_integer(base=36, strict=False), divisible)
    return pl.when(valid).then(pl.lit(_K.HONG_KONG_ID.value))


# Taiwan: the national ID's check digit, shared by the resident certificates.
_TAIWAN: Final = r"\A[A-Z][12A-D89][0-9]{8}\z"
_ZEROS: Final = _taiwan.weighted_sum("A00000000")
# What each character adds to the core's weighted sum, read from the core and
# keyed by the character's value in base 36: the area letter (two digits), the
# second character (a digit or an old resident certificate's letter), and the
# weight of each further digit but the check digit (weight 1).
_FIRST: Final = {
    int(letter, 36): _taiwan.weighted_sum(letter + "00000000")
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
}
_SECOND: Final = {
    int(char, 36): _taiwan.weighted_sum(f"A{char}0000000") - _ZEROS for char in "1289ABCD"
}
_WEIGHTS: Final = tuple(
    _taiwan.weighted_sum("A0" + "0" * (index - 2) + "1" + "0" * (8 - index)) - _ZEROS
    for index in range(2, 9)
)


def _taiwan_kind(number: pl.Expr) -> pl.Expr:
    """Return the kind of a valid Taiwan ID (second character 1, 2) or resident certificate."""

    def divisible(value: pl.Expr) -> pl.Expr:
        def lookup(position: int, table: dict[int, int]) -> pl.Expr:
            return _base36_digit(value, position).replace_strict(
                table, default=None, return_dtype=pl.Int64
            )

        total = lookup(9, _FIRST) + lookup(8, _SECOND) + _base36_digit(value, 0)
        for index, weight in enumerate(_WEIGHTS, 2):
            total = total + _base36_digit(value, 9 - index) * weight
        return total % 10 == 0

    shaped = pl.when(number.str.contains(_TAIWAN)).then(number)
    return pl.when(_once(shaped.str.to_integer(base=36, strict=False), divisible)).then(
        pl.when(number.str.slice(1, 1).is_in(["1", "2"]))
        .then(pl.lit(_K.TAIWAN_ID.value))
        .otherwise(pl.lit(_K.TAIWAN_RESIDENT_CERTIFICATE.value))
    )


# -- every kind, in identify's order -----------------------------------------------


def kind(number: pl.Expr, dates: str, residence_valid: pl.Expr) -> pl.Expr:
    """Return the kind :func:`permitcheck.identify` finds for the folded *number*, or null.

    *dates* is a regular expression for every YYYYMMDD from 1900-01-01 to
    today; *residence_valid* whether the number is a valid residence permit.
    """

    def named(document_kind: DocumentKind, valid: pl.Expr) -> pl.Expr:
        return pl.when(valid).then(pl.lit(document_kind.value, dtype=pl.String))

    # The first kind whose rule holds (a null rule, for a null, holds for none).
    # The valid numbers of different entries are disjoint but where noted.
    return pl.coalesce(
        named(_K.RESIDENCE_PERMIT, residence_valid),
        _dated_18(number, dates),  # after the residence permit: see there
        named(_K.MAINLAND_ID_15, number.str.contains(_MAINLAND_15)),
        named(_K.FOREIGN_PERMANENT_RESIDENT_15, number.str.contains(_FOREIGN_15)),
        # Before the HKID: a number of both kinds is a home-return permit.
        named(_K.HOME_RETURN_PERMIT, number.str.contains(_HOME_RETURN)),
        # Before the Macao ID: 8 digits are a Taiwan compatriot permit.
        named(_K.TAIWAN_COMPATRIOT_PERMIT, number.str.contains(_TAIWAN_COMPATRIOT)),
        named(_K.MACAO_ID, number.str.contains(_MACAO)),
        _hong_kong(number),
        _taiwan_kind(number),
    )
