"""Seeded generation of valid and almost-valid numbers, for demos, fixtures and load tests.

:class:`PermitGenerator` draws from a :class:`random.Random`, so a seed gives
the same numbers again (on the same Python and permitcheck versions).  It
builds numbers the way :mod:`permitcheck.strategies` does, without needing
Hypothesis.

>>> import permitcheck
>>> from permitcheck import Region, Sex
>>> from permitcheck.generate import PermitGenerator
>>> generator = PermitGenerator(2024)
>>> permit = generator.residence_permit(regions=[Region.MO], sex=Sex.MALE)
>>> permit.region, permit.sex
(<Region.MO: 'MO'>, <Sex.MALE: 'M'>)
>>> permitcheck.check(generator.invalid_residence_permit_number(codes=["region"])).problems
(Problem(code='region', ...),)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from random import Random
from typing import TYPE_CHECKING, TypeVar

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

__all__ = ["PermitGenerator"]

_T = TypeVar("_T")


class _RandomChooser:
    """Make the decisions of :mod:`permitcheck._synth` with a :class:`random.Random`."""

    __slots__ = ("_random",)

    def __init__(self, source: Random) -> None:
        self._random = source

    def integer(self, low: int, high: int, /) -> int:
        return self._random.randint(low, high)

    def choice(self, options: Sequence[_T], /) -> _T:
        return self._random.choice(options)


class PermitGenerator:
    """Generate valid and almost-valid numbers from a seeded :class:`random.Random`.

    *seed* is anything :class:`random.Random` accepts (an int, a str, bytes or
    None for a fresh random seed), or a :class:`random.Random` to draw from
    directly (so a caller's own generator, e.g. Faker's, controls the
    sequence).  The default birth date range ends today in UTC+8, so numbers
    from the same seed change from day to day; pass ``max_birth_date`` for
    numbers that never change.

    Birth dates are drawn uniformly from the allowed range, except that one
    draw in 32 each is the earliest date, the latest date and a Feb 29: the
    edge cases come up in every few hundred numbers.

    >>> from datetime import date
    >>> def numbers(seed):
    ...     generator = PermitGenerator(seed)
    ...     return [generator.residence_permit_number(max_birth_date=date(2000, 1, 1))
    ...             for _ in range(3)]
    >>> numbers("fixtures") == numbers("fixtures")
    True
    """

    __slots__ = ("_chooser", "random")

    #: The random generator every draw comes from.
    random: Random

    def __init__(
        self, seed: int | float | str | bytes | bytearray | Random | None = None, /
    ) -> None:
        self.random = seed if isinstance(seed, Random) else Random(seed)
        self._chooser = _RandomChooser(self.random)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.random!r})"

    def residence_permit_number(
        self,
        *,
        regions: Iterable[Region | RegionCode] | None = None,
        min_birth_date: date | None = None,
        max_birth_date: date | None = None,
        sex: Sex | SexCode | None = None,
    ) -> str:
        """Return a valid residence permit number (compact form).

        *regions* limits the address code (default: all three), the birth
        date lies from *min_birth_date* (default 1900-01-01) to
        *max_birth_date* (default: today in UTC+8), and *sex* fixes the parity
        of the 17th digit (default: either).  Raises :class:`TypeError` or
        :class:`ValueError` for options no valid number can meet.

        >>> from permitcheck import Region, parse
        >>> parse(PermitGenerator(1).residence_permit_number(regions=[Region.TW])).region
        <Region.TW: 'TW'>
        """
        options = _synth.residence_options(
            regions=regions, min_birth_date=min_birth_date, max_birth_date=max_birth_date, sex=sex
        )
        return _synth.residence_number(self._chooser, options)

    def residence_permit_numbers(
        self,
        count: int,
        /,
        *,
        regions: Iterable[Region] | None = None,
        min_birth_date: date | None = None,
        max_birth_date: date | None = None,
        sex: Sex | None = None,
    ) -> list[str]:
        """Return *count* valid residence permit numbers at once (options as above).

        Made for large test files: each number costs one 64-bit draw and some
        arithmetic, run as Polars expressions when ``permitcheck[polars]`` is
        installed (tens of times faster than one call per number) and as a
        Python loop otherwise.  A seed gives the same numbers either way, but
        not the numbers :meth:`residence_permit_number` draws one at a time.
        Birth dates are drawn as there: one in 32 each is the earliest, the
        latest and a Feb 29.

        >>> from permitcheck import is_valid
        >>> numbers = PermitGenerator(1).residence_permit_numbers(5_000)
        >>> len(numbers), all(map(is_valid, numbers))
        (5000, True)
        """
        from permitcheck import _bulk  # noqa: PLC0415 - loaded only for bulk generation

        if not isinstance(count, int) or count < 0:
            raise ValueError(f"count must be an int >= 0, got {count!r}")
        options = _synth.residence_options(
            regions=regions, min_birth_date=min_birth_date, max_birth_date=max_birth_date, sex=sex
        )
        return _bulk.residence_numbers(self.random, count, options)

    def residence_permit(
        self,
        *,
        regions: Iterable[Region | RegionCode] | None = None,
        min_birth_date: date | None = None,
        max_birth_date: date | None = None,
        sex: Sex | SexCode | None = None,
    ) -> ResidencePermit:
        """Return a :class:`~permitcheck.ResidencePermit`; options as for the number above.

        >>> from datetime import date
        >>> permit = PermitGenerator(1).residence_permit(min_birth_date=date(2000, 1, 1))
        >>> permit.birth_date >= date(2000, 1, 1)
        True
        """
        return parse(
            self.residence_permit_number(
                regions=regions,
                min_birth_date=min_birth_date,
                max_birth_date=max_birth_date,
                sex=sex,
            )
        )

    def invalid_residence_permit_number(self, *, codes: Iterable[str] | None = None) -> str:
        """Return a near miss that fails validation with exactly one of *codes*.

        *codes* are error codes of :func:`permitcheck.validate`: ``checksum``
        (one digit changed, two adjacent digits swapped, a wrong check
        character), ``birth_date`` (Feb 29 of a common year, a day after today
        in UTC+8, a day before 1900-01-01, a month or day no calendar has),
        ``region`` (710000, a mainland address code, one of ours with a digit
        changed), ``length`` (one character missing or extra) and
        ``characters`` (a digit in another script, a letter); default: all
        five.  Everything else about the number is right, so
        :func:`permitcheck.check` reports that one problem alone.  Raises
        :class:`TypeError` or :class:`ValueError` for unknown codes.

        >>> from permitcheck import InvalidChecksum, validate
        >>> number = PermitGenerator(1).invalid_residence_permit_number(codes=["checksum"])
        >>> try:
        ...     validate(number)
        ... except InvalidChecksum as error:
        ...     print(error.code)
        checksum
        """
        return _synth.invalid_residence_number(self._chooser, _synth.residence_codes(codes))

    def travel_permit_number(
        self,
        *,
        kinds: Iterable[TravelPermitKind | TravelPermitKindCode] | None = None,
        legacy: bool | None = None,
        spelled: bool = False,
    ) -> str:
        """Return a valid travel permit number.

        *kinds* limits the permit kinds (default: all three); *legacy* picks
        the old long forms (True: ``H``/``M`` + 10 digits, 10 Taiwan digits
        with or without an office code in brackets), the current forms
        (False), or either (None).  The compact form is returned, or with
        *spelled* one of the spellings people type (lower case, full-width
        forms, spaces or hyphens) that fold back to it.  Raises
        :class:`TypeError` or :class:`ValueError` for options no number meets.

        >>> from permitcheck import TravelPermitKind, parse_travel_permit
        >>> generator = PermitGenerator(1)
        >>> number = generator.travel_permit_number(
        ...     kinds=[TravelPermitKind.TAIWAN_COMPATRIOT], legacy=False, spelled=True)
        >>> len(parse_travel_permit(number).number)
        8
        """
        forms = _synth.travel_forms(kinds=kinds, legacy=legacy)
        number = _synth.travel_number(self._chooser, forms)
        return _synth.spell(self._chooser, number) if spelled else number

    def travel_permit(
        self,
        *,
        kinds: Iterable[TravelPermitKind | TravelPermitKindCode] | None = None,
        legacy: bool | None = None,
    ) -> TravelPermit:
        """Return a :class:`~permitcheck.TravelPermit`; options as for the number above.

        >>> from permitcheck import Region, TravelPermitKind
        >>> generator = PermitGenerator(1)
        >>> generator.travel_permit(kinds=[TravelPermitKind.TAIWAN_COMPATRIOT]).region
        <Region.TW: 'TW'>
        """
        return parse_travel_permit(self.travel_permit_number(kinds=kinds, legacy=legacy))

    def permit_link(
        self,
        *,
        regions: Iterable[Region | RegionCode] | None = None,
        min_birth_date: date | None = None,
        max_birth_date: date | None = None,
        sex: Sex | SexCode | None = None,
        legacy: bool | None = None,
    ) -> PermitLink:
        """Return a :class:`~permitcheck.PermitLink` of documents that may belong to one person.

        The residence permit takes the options of
        :meth:`residence_permit_number`; the travel permit is of the kind its
        region carries (never ``HA``/``MA``), in the forms *legacy* allows.  An
        HK or MO holder's home-return permit letter is the region's own or, as
        often, the other one: a link with the ``link_letter_region`` warning.

        >>> from permitcheck import Region
        >>> pair = PermitGenerator(1).permit_link(regions=[Region.TW])
        >>> pair.travel_permit.region
        <Region.TW: 'TW'>
        """
        options = _synth.residence_options(
            regions=regions, min_birth_date=min_birth_date, max_birth_date=max_birth_date, sex=sex
        )
        residence, travel = _synth.link_numbers(
            self._chooser, options, _synth.legacy_option(legacy)
        )
        return PermitLink(parse(residence), parse_travel_permit(travel))

    # -- every document kind (permitcheck.identify) ---------------------------

    def _kind(self, kind: DocumentKind | str | None) -> DocumentKind:
        kinds = _synth_documents.document_kinds(None if kind is None else [kind])
        return self._chooser.choice(kinds)

    def document_number(
        self, kind: DocumentKind | str | None = None, *, spelled: bool = False
    ) -> str:
        """Return a valid number of *kind* (default: a kind chosen at random).

        The compact form is returned (HKID and Macao ID without brackets), or
        with *spelled* a spelling people type that folds back to it.

        >>> import permitcheck
        >>> generator = PermitGenerator(3)
        >>> permitcheck.identify(generator.document_number("taiwan_id")).kind
        <DocumentKind.TAIWAN_ID: 'taiwan_id'>
        """
        chosen = self._kind(kind)
        number = _synth_documents.document_number(self._chooser, chosen)
        return _synth_documents.spell(self._chooser, chosen, number) if spelled else number

    def invalid_document_number(self, kind: DocumentKind | str | None = None) -> str:
        """Return a near miss of *kind*: one dropped or changed character (see the strategies).

        >>> from permitcheck.documents import hong_kong_id
        >>> hong_kong_id.is_valid(PermitGenerator(3).invalid_document_number("hong_kong_id"))
        False
        """
        return _synth_documents.invalid_document_number(self._chooser, self._kind(kind))

    def identification(self, kind: DocumentKind | str | None = None) -> Identification:
        """Return the :class:`~permitcheck.Identification` of a valid number of *kind*.

        >>> PermitGenerator(3).identification("mainland_id_15").document.to_18().number[6:8]
        '19'
        """
        from permitcheck.identification import identify  # noqa: PLC0415 - loaded on first use

        chosen = self._kind(kind)
        number = _synth_documents.document_number(self._chooser, chosen)
        # A kind asked for is the kind returned (an 8-digit Macao ID is a Macao ID).
        return identify(number, kinds=None if kind is None else [chosen])
