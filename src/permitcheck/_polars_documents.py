r"""The document kinds of :func:`permitcheck.identify` as native Polars expressions.

:func:`kind` is the body of :func:`permitcheck.polars.kind`: given a folded
column, the :class:`~permitcheck.DocumentKind` value ``identify`` returns
for each value, null where ``identify`` raises.  Every rule is read from the
core's own tables (provinces, ISO 3166-1 codes, the days of the months, the
Taiwan area letters, the leap years) when this module is imported.

``identify`` picks the kinds to try by the number's shape and returns the
first valid one.  Each kind's full rule below implies that shape (its
anchored regular expression fixes the length and the first characters), and
the rules of different kinds hold for disjoint sets of numbers except where
``identify`` itself lists two kinds for one shape: 8 digits (Taiwan
compatriot permit, then Macao ID) and 9 characters after ``H``/``M``
(home-return permit, then HKID).  So "the first kind, in that order, whose
rule holds" is identify's answer for every value; the tests compare the two.

>>> import polars as pl
>>> import permitcheck.polars
>>> pl.select(permitcheck.polars.kind(pl.lit("ａ１２３４５６（３）"))).item()
'hong_kong_id'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import polars as pl

from permitcheck import residence as _residence
from permitcheck.documents import _taiwan
from permitcheck.documents import foreign_permanent_resident_15 as _fpr15
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
# A residence permit's address code is never a 15-digit mainland ID's.
_RESIDENCE_PREFIX: Final = r"\A8[123]0000"

# -- 18 characters: MOD 11-2 -----------------------------------------------------


def _mod11_2(number: pl.Expr) -> pl.Expr:
    # sum(a_i * 2**(18-i)) % 11 == 1, X counting as 10.  Read in base 35
    # (35 % 11 == 2) the number gives the same sum modulo 11, except that X
    # counts 33: 23 more, 1 modulo 11.  Only for 17 digits + a digit or X.
    remainder = number.str.to_integer(base=35, dtype=pl.Int128, strict=False) % 11
    return remainder == pl.when(number.str.ends_with("X")).then(2).otherwise(1)


def _mainland(number: pl.Expr, dates: str) -> pl.Expr:
    # A number with a residence permit's prefix (810000, 820000) passes this
    # exactly when it is a valid residence permit, which comes first.
    shape = rf"\A{_PROVINCE}[0-9]{{4}}{dates}[0-9]{{3}}[0-9X]\z"
    return number.str.contains(shape) & _mod11_2(number)


def _foreign(number: pl.Expr, dates: str) -> pl.Expr:
    nationality = _any(NUMERIC_CODES)
    shape = rf"\A9{_PROVINCE}{nationality}{dates}[0-9]{{3}}[0-9X]\z"
    return number.str.contains(shape) & _mod11_2(number)


# -- 15 characters: two-digit years --------------------------------------------------

# The YY of 19YY-02-29 that the 15-digit mainland ID accepts (1900 is no leap year).
_MAINLAND_15_LEAP: Final = _any(
    f"{yy:02d}" for yy in range(100) if _residence._ymd_ok(f"19{yy:02d}0229", "19991231")
)
_MAINLAND_15: Final = (
    rf"\A{_PROVINCE}[0-9]{{4}}(?:[0-9]{{2}}{_MMDD}|{_MAINLAND_15_LEAP}0229)[0-9]{{3}}\z"
)
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

# -- Hong Kong: weights 9 ... 2 over two letters (a missing one worth 36) and 6 digits --

_HONG_KONG: Final = r"\A[A-Z]{1,2}[0-9]{6}(?:[0-9A]|\([0-9A]\))\z"


def _hong_kong(number: pl.Expr) -> pl.Expr:
    # Without brackets, a one-letter number padded to 9 characters with a space.
    padded = number.str.replace_all(r"[()]", "", literal=False).str.pad_start(9, " ")

    def value(index: int) -> pl.Expr:
        # A=10 ... Z=35 and the digits, as int(char, 36); the padding is worth 36.
        return padded.str.slice(index, 1).str.to_integer(base=36, strict=False)

    total = value(0).fill_null(36) * 9 + value(8)
    for index in range(1, 8):
        total = total + value(index) * (9 - index)
    return number.str.contains(_HONG_KONG) & (total % 11 == 0)


# -- Taiwan: the national ID's check digit --------------------------------------------

_TAIWAN_ID: Final = r"\A[A-Z][12][0-9]{8}\z"
_TAIWAN_RESIDENT: Final = r"\A[A-Z][A-D89][0-9]{8}\z"
_UPPER: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ZEROS: Final = _taiwan.weighted_sum("A00000000")
# What each character adds to the core's weighted sum, read from the core: the
# area letter (two digits), the second character (a digit or an old resident
# certificate's letter), then the weight of each further digit.
_FIRST: Final = {letter: _taiwan.weighted_sum(letter + "00000000") for letter in _UPPER}
_SECOND: Final = {
    char: _taiwan.weighted_sum(f"A{char}0000000") - _ZEROS for char in "0123456789ABCD"
}
_WEIGHTS: Final = tuple(
    _taiwan.weighted_sum("A0" + "0" * (index - 2) + "1" + "0" * (8 - index)) - _ZEROS
    for index in range(2, 9)
)


def _taiwan_check(number: pl.Expr) -> pl.Expr:
    # The weighted sum of the first nine characters plus the check digit is
    # divisible by 10.
    def digit(index: int) -> pl.Expr:
        return number.str.slice(index, 1).str.to_integer(strict=False)

    total = (
        number.str.slice(0, 1).replace_strict(_FIRST, default=None, return_dtype=pl.Int64)
        + number.str.slice(1, 1).replace_strict(_SECOND, default=None, return_dtype=pl.Int64)
        + digit(9)
    )
    for index, weight in enumerate(_WEIGHTS, 2):
        total = total + digit(index) * weight
    return total % 10 == 0


# -- every kind, in identify's order -----------------------------------------------


def kind(number: pl.Expr, dates: str, residence_valid: pl.Expr) -> pl.Expr:
    """Return the kind :func:`permitcheck.identify` finds for the folded *number*, or null.

    *dates* is a regular expression for every YYYYMMDD from 1900-01-01 to
    today; *residence_valid* whether the number is a valid residence permit.
    """
    taiwan_check = _taiwan_check(number)
    rules = (
        (_K.RESIDENCE_PERMIT, residence_valid),
        (_K.FOREIGN_PERMANENT_RESIDENT, _foreign(number, dates)),
        (_K.MAINLAND_ID, _mainland(number, dates)),
        (
            _K.MAINLAND_ID_15,
            number.str.contains(_MAINLAND_15) & ~number.str.contains(_RESIDENCE_PREFIX),
        ),
        (_K.FOREIGN_PERMANENT_RESIDENT_15, number.str.contains(_FOREIGN_15)),
        # Before the HKID: a number of both kinds is a home-return permit.
        (_K.HOME_RETURN_PERMIT, number.str.contains(_HOME_RETURN)),
        # Before the Macao ID: 8 digits are a Taiwan compatriot permit.
        (_K.TAIWAN_COMPATRIOT_PERMIT, number.str.contains(_TAIWAN_COMPATRIOT)),
        (_K.MACAO_ID, number.str.contains(_MACAO)),
        (_K.HONG_KONG_ID, _hong_kong(number)),
        (_K.TAIWAN_RESIDENT_CERTIFICATE, number.str.contains(_TAIWAN_RESIDENT) & taiwan_check),
        (_K.TAIWAN_ID, number.str.contains(_TAIWAN_ID) & taiwan_check),
    )
    # The first kind whose rule holds (a null rule, for a null, holds for none).
    return pl.coalesce(
        pl.when(valid).then(pl.lit(document_kind.value, dtype=pl.String))
        for document_kind, valid in rules
    )
