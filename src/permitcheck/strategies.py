"""Hypothesis strategies for valid and almost-valid numbers (extra ``permitcheck[hypothesis]``).

Every strategy builds its values from drawn parts (region, birth date,
sequence, ...) and computes the check character, so nothing is filtered
away and failures shrink toward simple numbers.  Arguments are keyword-only
and checked when the strategy is created: a wrong one raises
:class:`hypothesis.errors.InvalidArgument`.

The package also registers :class:`~permitcheck.ResidencePermit` (and the
travel permit and link types) with Hypothesis through its entry point, so
``st.from_type(ResidencePermit)`` works without importing this module.

>>> from hypothesis import given
>>> import permitcheck
>>> @given(residence_permit_numbers(regions=[permitcheck.Region.TW]))
... def test_taiwan_numbers_are_valid(number):
...     assert permitcheck.parse(number).region is permitcheck.Region.TW
>>> test_taiwan_numbers_are_valid()
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:
    raise ImportError(
        "permitcheck.strategies needs Hypothesis: pip install permitcheck[hypothesis]"
    ) from error

from permitcheck import _synth
from permitcheck.residence import ResidencePermit

if TYPE_CHECKING:
    from datetime import date

    from permitcheck.model import Region, Sex

__all__ = [
    "invalid_residence_permit_numbers",
    "residence_permit_numbers",
    "residence_permits",
]

_T = TypeVar("_T")


@functools.lru_cache(maxsize=256)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


class _DrawChooser:
    """Make the decisions of :mod:`permitcheck._synth` with Hypothesis draws."""

    __slots__ = ("_draw",)

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, low: int, high: int, /) -> int:
        return self._draw(_integers(low, high))

    def choice(self, options: Sequence[_T], /) -> _T:
        # An index rather than st.sampled_from: it shrinks the same way (toward
        # the first option) and costs a third less, options change per draw.
        return options[self._draw(_integers(0, len(options) - 1))]


def _checked(check: Callable[..., _T], /, **arguments: object) -> _T:
    # One validation for the generator and the strategies; Hypothesis users
    # get the exception Hypothesis' own strategies raise.
    try:
        return check(**arguments)
    except (TypeError, ValueError) as error:
        raise InvalidArgument(str(error)) from None


@st.composite
def _residence_numbers(draw: st.DrawFn, options: _synth.ResidenceOptions) -> str:
    return _synth.residence_number(_DrawChooser(draw), options)


@st.composite
def _invalid_residence_numbers(draw: st.DrawFn, codes: tuple[str, ...]) -> str:
    return _synth.invalid_residence_number(_DrawChooser(draw), codes)


def residence_permit_numbers(
    *,
    regions: Iterable[Region] | None = None,
    min_birth_date: date | None = None,
    max_birth_date: date | None = None,
    sex: Sex | None = None,
) -> st.SearchStrategy[str]:
    """Return a strategy for valid residence permit numbers (compact form).

    *regions* limits the address code (default: all three), the birth date
    lies from *min_birth_date* (default 1900-01-01) to *max_birth_date*
    (default: today in UTC+8, read at each draw), and *sex* fixes the parity
    of the 17th digit (default: either).  The range ends, Feb 29 of leap
    years, both sexes and every region come up often.

    Shrinks toward the first region given (Hong Kong by default), the
    earliest birth date and the sequence ``000`` (``001`` for men), e.g.
    ``810000190001010000`` plus its check character.

    >>> from hypothesis import given
    >>> from permitcheck import Region, Sex, parse
    >>> @given(residence_permit_numbers(regions=[Region.HK], sex=Sex.MALE))
    ... def test_male_hong_kong(number):
    ...     assert parse(number).sex is Sex.MALE
    >>> test_male_hong_kong()
    """
    options = _checked(
        _synth.residence_options,
        regions=regions,
        min_birth_date=min_birth_date,
        max_birth_date=max_birth_date,
        sex=sex,
    )
    return _residence_numbers(options)


def residence_permits(
    *,
    regions: Iterable[Region] | None = None,
    min_birth_date: date | None = None,
    max_birth_date: date | None = None,
    sex: Sex | None = None,
) -> st.SearchStrategy[ResidencePermit]:
    """Return a strategy for :class:`~permitcheck.ResidencePermit` objects.

    Takes the options of :func:`residence_permit_numbers` and shrinks like it.

    >>> from hypothesis import given
    >>> @given(residence_permits())
    ... def test_round_trip(permit):
    ...     assert ResidencePermit(str(permit)) == permit
    >>> test_round_trip()
    """
    return residence_permit_numbers(
        regions=regions, min_birth_date=min_birth_date, max_birth_date=max_birth_date, sex=sex
    ).map(ResidencePermit)


def invalid_residence_permit_numbers(
    *, codes: Iterable[str] | None = None
) -> st.SearchStrategy[str]:
    """Return a strategy for near misses that fail with exactly one of *codes*.

    Each value is a well-formed number with one thing wrong, so
    :func:`permitcheck.validate` raises the error with that code and
    :func:`permitcheck.check` reports that problem alone.  *codes* (default:
    all five) are

    - ``checksum``: a wrong check character, one digit changed, two adjacent
      digits swapped (the date stays a real date);
    - ``birth_date``: Feb 29 of a common year, a day after today in UTC+8
      (tomorrow often), a day before 1900-01-01, a month or day no calendar
      has;
    - ``region``: 710000 (Taiwan's GB/T 2260 code), a mainland address code,
      one of 810000/820000/830000 with a digit changed;
    - ``length``: one character missing or one digit extra;
    - ``characters``: a digit in another script (Arabic-Indic, Devanagari,
      ...) or a letter that looks like a digit.

    "After today" is judged when the value is drawn: a number drawn just
    before midnight in UTC+8 is valid a moment later.  For one code, shrinks
    toward its simplest mistake in the simplest valid number (``810000``,
    1900-01-01, sequence ``000``): a wrong check character (``0``), Feb 29
    1900, 710000, the check character missing, the first digit in
    Arabic-Indic form.  With several codes it shrinks toward one of these,
    not necessarily the first code's.

    >>> from hypothesis import given
    >>> from permitcheck import check
    >>> @given(invalid_residence_permit_numbers(codes=["birth_date", "region"]))
    ... def test_one_problem(number):
    ...     assert [p.code for p in check(number).problems] in (["birth_date"], ["region"])
    >>> test_one_problem()
    """
    return _invalid_residence_numbers(_checked(_synth.residence_codes, codes=codes))
