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

from permitcheck import _synth, _synth_documents
from permitcheck.linking import PermitLink
from permitcheck.residence import ResidencePermit, parse
from permitcheck.travel import TravelPermit, parse_travel_permit

if TYPE_CHECKING:
    from datetime import date

    from permitcheck.identification import Identification
    from permitcheck.model import (
        DocumentKind,
        Region,
        RegionCode,
        Sex,
        SexCode,
        TravelPermitKind,
        TravelPermitKindCode,
    )

__all__ = [
    "document_numbers",
    "identifications",
    "invalid_document_numbers",
    "invalid_residence_permit_numbers",
    "permit_links",
    "residence_permit_numbers",
    "residence_permits",
    "travel_permit_numbers",
    "travel_permits",
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


@st.composite
def _travel_numbers(draw: st.DrawFn, forms: tuple[_synth.TravelForm, ...], spelled: bool) -> str:
    chooser = _DrawChooser(draw)
    number = _synth.travel_number(chooser, forms)
    return _synth.spell(chooser, number) if spelled else number


@st.composite
def _links(draw: st.DrawFn, options: _synth.ResidenceOptions, legacy: bool | None) -> PermitLink:
    residence, travel = _synth.link_numbers(_DrawChooser(draw), options, legacy)
    return PermitLink(parse(residence), parse_travel_permit(travel))


def residence_permit_numbers(
    *,
    regions: Iterable[Region | RegionCode] | None = None,
    min_birth_date: date | None = None,
    max_birth_date: date | None = None,
    sex: Sex | SexCode | None = None,
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
    regions: Iterable[Region | RegionCode] | None = None,
    min_birth_date: date | None = None,
    max_birth_date: date | None = None,
    sex: Sex | SexCode | None = None,
) -> st.SearchStrategy[ResidencePermit]:
    """Return a strategy for :class:`~permitcheck.ResidencePermit` objects.

    Takes the options of :func:`residence_permit_numbers` and shrinks like it.

    >>> from hypothesis import given
    >>> @given(residence_permits())
    ... def test_round_trip(permit):
    ...     assert ResidencePermit(permit.number) == permit
    >>> test_round_trip()
    """
    return residence_permit_numbers(
        regions=regions, min_birth_date=min_birth_date, max_birth_date=max_birth_date, sex=sex
    ).map(parse)


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
    before midnight in UTC+8 is valid a moment later.  Shrinks toward the
    first code given (``checksum`` by default) and its simplest mistake in
    the simplest valid number (``810000``, 1900-01-01, sequence ``000``): a
    wrong check character (``0``), Feb 29 1900, 710000, the check character
    missing, the first digit in Arabic-Indic form.

    >>> from hypothesis import given
    >>> from permitcheck import check
    >>> @given(invalid_residence_permit_numbers(codes=["birth_date", "region"]))
    ... def test_one_problem(number):
    ...     assert [p.code for p in check(number).problems] in (["birth_date"], ["region"])
    >>> test_one_problem()
    """
    return _invalid_residence_numbers(_checked(_synth.residence_codes, codes=codes))


def travel_permit_numbers(
    *,
    kinds: Iterable[TravelPermitKind | TravelPermitKindCode] | None = None,
    legacy: bool | None = None,
) -> st.SearchStrategy[str]:
    """Return a strategy for valid travel permit numbers, in every accepted spelling.

    *kinds* limits the permit kinds (default: all three); *legacy* picks the
    old long forms (True: ``H``/``M`` + 10 digits; 10 Taiwan digits, most
    with an issuing-office code in brackets), the current forms (False:
    ``H``/``M`` + 8 digits, ``HA``/``MA`` + 7, 8 Taiwan digits) or either
    (None).  Values are spelled as people type them: lower case, full-width
    forms (brackets too), spaces, hyphens or ideographic spaces between
    groups or characters, surrounding whitespace; each folds to a valid
    compact number (:func:`permitcheck.travel.compact`).

    Shrinks toward the compact, upper-case ASCII spelling of the first
    form's simplest number: ``H00000000`` by default.

    >>> from hypothesis import given
    >>> from permitcheck import TravelPermitKind, parse_travel_permit
    >>> @given(travel_permit_numbers(kinds=[TravelPermitKind.TAIWAN_COMPATRIOT], legacy=True))
    ... def test_old_taiwan_numbers(number):
    ...     assert len(parse_travel_permit(number).lifelong_number) == 8
    >>> test_old_taiwan_numbers()
    """
    return _travel_numbers(_checked(_synth.travel_forms, kinds=kinds, legacy=legacy), True)


def travel_permits(
    *,
    kinds: Iterable[TravelPermitKind | TravelPermitKindCode] | None = None,
    legacy: bool | None = None,
) -> st.SearchStrategy[TravelPermit]:
    """Return a strategy for :class:`~permitcheck.TravelPermit` objects.

    Takes the options of :func:`travel_permit_numbers`; shrinks toward the
    permit ``H00000000``.

    >>> from hypothesis import given
    >>> @given(travel_permits(legacy=False))
    ... def test_current_forms_have_no_renewal_count(permit):
    ...     assert permit.renewal_count is None
    >>> test_current_forms_have_no_renewal_count()
    """
    forms = _checked(_synth.travel_forms, kinds=kinds, legacy=legacy)
    return _travel_numbers(forms, False).map(parse_travel_permit)


def permit_links(
    *,
    regions: Iterable[Region | RegionCode] | None = None,
    min_birth_date: date | None = None,
    max_birth_date: date | None = None,
    sex: Sex | SexCode | None = None,
    legacy: bool | None = None,
) -> st.SearchStrategy[PermitLink]:
    """Return a strategy for :class:`~permitcheck.PermitLink` pairs that obey the link rules.

    The residence permit takes the options of :func:`residence_permit_numbers`;
    the travel permit is of the kind its region carries (HK, MO: an ``H``/``M``
    home-return permit, never ``HA``/``MA``; TW: a Taiwan compatriot permit) in
    the forms *legacy* allows.  An HK or MO holder's letter is the region's
    own or, as often, the other one, which the link allows with the
    ``link_letter_region`` warning.

    Shrinks toward a clean link of the simplest residence permit
    (``810000``, 1900-01-01, ``000``) and ``H00000000``.

    >>> from hypothesis import given
    >>> @given(permit_links())
    ... def test_regions_match(pair):
    ...     assert pair.travel_permit.kind in pair.residence_permit.region.travel_permit_kinds
    >>> test_regions_match()
    """
    options = _checked(
        _synth.residence_options,
        regions=regions,
        min_birth_date=min_birth_date,
        max_birth_date=max_birth_date,
        sex=sex,
    )
    return _links(options, _checked(_synth.legacy_option, legacy=legacy))


# -- every document kind (permitcheck.identify) -------------------------------


@st.composite
def _document_numbers(draw: st.DrawFn, kinds: tuple[DocumentKind, ...], spelled: bool) -> str:
    chooser = _DrawChooser(draw)
    kind = chooser.choice(kinds)
    number = _synth_documents.document_number(chooser, kind)
    return _synth_documents.spell(chooser, kind, number) if spelled else number


@st.composite
def _invalid_document_numbers(draw: st.DrawFn, kinds: tuple[DocumentKind, ...]) -> str:
    chooser = _DrawChooser(draw)
    return _synth_documents.invalid_document_number(chooser, chooser.choice(kinds))


def document_numbers(
    *, kinds: Iterable[DocumentKind | str] | None = None, spelled: bool = True
) -> st.SearchStrategy[str]:
    """Return a strategy for valid numbers of every document kind (or of *kinds*).

    With *spelled* (the default) values come as people type them (lower
    case, full-width forms, spaces, hyphens, HKID and Macao check characters
    in brackets); each folds to a valid compact number.  An 8-digit Macao ID
    is also a Taiwan compatriot permit number: :func:`permitcheck.identify`
    lists the kind among its candidates.

    >>> from hypothesis import given
    >>> import permitcheck
    >>> @given(document_numbers(kinds=["hong_kong_id", "taiwan_id"]))
    ... def test_identified(number):
    ...     found = permitcheck.identify(number)  # an HKID "MA0000008" is also an MA permit
    ...     assert {"hong_kong_id", "taiwan_id"} & {found.kind, *found.candidates}
    >>> test_identified()
    """
    chosen = _checked(_synth_documents.document_kinds, kinds=kinds)
    return _document_numbers(chosen, bool(spelled))


def invalid_document_numbers(
    *, kinds: Iterable[DocumentKind | str] | None = None
) -> st.SearchStrategy[str]:
    """Return a strategy for near misses of every document kind (or of *kinds*).

    Each is a valid number with its last character dropped or one character
    changed (the check character where the kind has one), so it is not a
    valid number of its kind (it may be one of another kind: a Macao near
    miss can be a Taiwan compatriot permit).

    >>> from hypothesis import given
    >>> from permitcheck.documents import taiwan_id
    >>> @given(invalid_document_numbers(kinds=["taiwan_id"]))
    ... def test_rejected(number):
    ...     assert not taiwan_id.is_valid(number)
    >>> test_rejected()
    """
    return _invalid_document_numbers(_checked(_synth_documents.document_kinds, kinds=kinds))


def identifications(
    *, kinds: Iterable[DocumentKind | str] | None = None
) -> st.SearchStrategy[Identification]:
    """Return a strategy for :class:`~permitcheck.Identification` results of valid numbers.

    >>> from hypothesis import given
    >>> @given(identifications(kinds=["mainland_id", "macao_id"]))
    ... def test_kinds(result):
    ...     assert result.kind in ("mainland_id", "macao_id")
    >>> test_kinds()
    """
    from permitcheck.identification import identify  # noqa: PLC0415 - loaded on first use

    chosen = _checked(_synth_documents.document_kinds, kinds=kinds)
    # Kinds asked for are searched for: an 8-digit Macao ID comes back as a Macao ID.
    search = None if kinds is None else chosen
    return _document_numbers(chosen, False).map(lambda number: identify(number, kinds=search))
