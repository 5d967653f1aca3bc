"""Link a residence permit to its holder's travel permit, and pseudonymise identities.

A residence permit card prints the holder's travel permit number (art. 3 of
国办发〔2018〕81号), so systems see one person under two numbers.
:func:`link` checks that the two documents can belong to one person and
returns a :class:`PermitLink`; :func:`pseudonym` gives a keyed, stable
pseudonym for a person, so services can join records without storing numbers.

The rules:

- a Hong Kong or Macao residence permit goes with an ``H``/``M`` home-return
  permit, a Taiwan one with a Taiwan compatriot permit
  (:class:`~permitcheck.LinkRegionMismatch`, ``link_region``);
- an ``HA``/``MA`` permit is never linked: its holders are not Chinese
  citizens and cannot hold a residence permit
  (:class:`~permitcheck.LinkNonChinesePermit`, ``link_non_chinese``);
- an ``H`` permit with an 820000 (Macao) residence permit, or ``M`` with
  810000 (Hong Kong), is allowed -- the letter records where the *first*
  application was made -- with the warning code ``link_letter_region``;
- a birth date or sex read from the travel permit card must match the
  residence permit (``link_birth_date``, ``link_sex``).

>>> pair = link("810000199408230021", "h1038 7877")
>>> pair.key, pair.travel_permit.lifelong_number, pair.warnings
('810000199408230021', 'H10387877', ())
>>> import secrets
>>> key = PseudonymKey(secrets.token_bytes(32))  # or PseudonymKey.generate()
>>> pseudonym(pair, key) == pseudonym("810000 19940823 0021", key)
True
>>> link("830000199201300022", "H10387877")
Traceback (most recent call last):
    ...
permitcheck.errors.LinkRegionMismatch: The travel permit does not go with ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from permitcheck._normalize import as_date, fold
from permitcheck.errors import (
    ErrorCode,
    LinkBirthDateMismatch,
    LinkNonChinesePermit,
    LinkRegionMismatch,
    LinkSexMismatch,
    LinkSwapped,
    PermitError,
)
from permitcheck.model import Sex, SexCode, TravelPermitKind
from permitcheck.privacy import PseudonymKey, _as_key
from permitcheck.residence import ResidencePermit, parse
from permitcheck.travel import TravelPermit, parse_travel_permit
from permitcheck.travel import is_valid as is_travel_permit

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from permitcheck.privacy import _Printer

__all__ = ["LETTER_REGION_WARNING", "PermitLink", "PseudonymKey", "link", "pseudonym"]

#: Warning code: the home-return permit letter names the other region than
#: the residence permit (``H`` with 820000, ``M`` with 810000).
LETTER_REGION_WARNING: Final[ErrorCode] = "link_letter_region"

# No travel permit number is longer than 13 characters (a Taiwan booklet with
# its office code); anything longer is read as a residence permit number.
_LONGEST_TRAVEL: Final = 13
# Domain separation for pseudonyms: a version, then the kind of identity.
_DOMAIN: Final = "permitcheck:v1:"
_NON_CHINESE: Final = TravelPermitKind.HOME_RETURN_NON_CHINESE
_HOME_RETURN: Final = TravelPermitKind.HOME_RETURN


def _residence_permit(value: str | ResidencePermit) -> ResidencePermit:
    if isinstance(value, ResidencePermit):
        return value
    if isinstance(value, TravelPermit):
        raise LinkSwapped()
    if isinstance(value, str):
        try:
            return parse(value)
        except PermitError:
            # Only on the error path: is it a travel permit in the wrong place?
            if is_travel_permit(value):
                raise LinkSwapped() from None
            raise
    raise TypeError(f"expected a str or ResidencePermit, got {type(value).__name__}")


def _travel_permit(value: str | TravelPermit) -> TravelPermit:
    if isinstance(value, TravelPermit):
        return value
    if isinstance(value, str):
        return parse_travel_permit(value)
    raise TypeError(f"expected a str or TravelPermit, got {type(value).__name__}")


def _document(value: object) -> ResidencePermit | TravelPermit:
    """Parse *value* as whichever document it is (a str is told apart by its length)."""
    if isinstance(value, ResidencePermit | TravelPermit):
        return value
    if not issubclass(type(value), str):
        raise TypeError(f"expected a str or a parsed permit, got {type(value).__name__}")
    number = fold(value)  # type: ignore[arg-type]
    if len(number) > _LONGEST_TRAVEL:
        return parse(number)
    return parse_travel_permit(number)


def _travel_identity(travel: TravelPermit) -> tuple[TravelPermitKind, str]:
    # What stays the same for the holder across renewals and spellings.
    return (travel.kind, travel.lifelong_number)


def _check_pair(residence: ResidencePermit, travel: TravelPermit) -> None:
    if travel.kind is _NON_CHINESE:
        # Residence permits are for Chinese citizens only (art. 2 of 国办发〔2018〕81号);
        # HA/MA holders are not (docs/sources.md, "Travel permits").
        raise LinkNonChinesePermit()
    if travel.kind not in residence.region.travel_permit_kinds:
        raise LinkRegionMismatch()


@attrs.frozen(repr=False, init=False)
class PermitLink:
    """A residence permit and a travel permit that can belong to one person.

    Constructing one checks the link rules of :func:`link` (without the
    optional birth-date and sex checks); strings are parsed.  Two links are
    equal when they join the same residence permit number to the same travel
    permit identity (kind and lifelong number), so every spelling of the
    travel permit -- old 11-character form, current 9-character form --
    gives an equal link with the same :attr:`key`.  ``repr()``, ``str()``
    and rich mask both numbers.

    >>> pair = PermitLink("820000200001010024", "H1038787700")
    >>> pair.warnings
    ('link_letter_region',)
    >>> pair
    PermitLink(ResidencePermit('820000***********4', region=Region.MO),
               TravelPermit('H**********', kind=TravelPermitKind.HOME_RETURN, region=Region.HK),
               warnings=('link_letter_region',))
    """

    #: The residence permit.
    residence_permit: ResidencePermit
    #: The travel permit, as given (an old long form stays long).
    travel_permit: TravelPermit = attrs.field(eq=_travel_identity)
    #: Warning codes (see :data:`LETTER_REGION_WARNING`); empty for a clean link.
    warnings: tuple[str, ...] = attrs.field(init=False, eq=False)

    def __init__(
        self, residence_permit: str | ResidencePermit, travel_permit: str | TravelPermit
    ) -> None:
        # Written by hand (not attrs converters) so that a failure leaves no
        # raw input in the traceback's locals (docs/privacy.md).
        try:
            residence = _residence_permit(residence_permit)
            travel = _travel_permit(travel_permit)
            _check_pair(residence, travel)
        except (PermitError, TypeError) as error:
            del residence_permit, travel_permit
            raise error.with_traceback(None) from None
        letter_differs = travel.kind is _HOME_RETURN and travel.region is not residence.region
        object.__setattr__(self, "residence_permit", residence)
        object.__setattr__(self, "travel_permit", travel)
        object.__setattr__(self, "warnings", (LETTER_REGION_WARNING,) if letter_differs else ())

    @property
    def key(self) -> str:
        """The person's stable key: the residence permit number, **unmasked**.

        It is the raw number (personal data), the same as
        ``residence_permit.number``, not a pseudonym: store
        ``pseudonym(link, secret=key)`` where the number itself is not needed.
        """
        return self.residence_permit.number

    def _shown(self) -> tuple[object, object, object]:
        # Never raises, even for a half-built instance: the documents' own
        # reprs mask, and an unset attribute shows as None.
        return (
            getattr(self, "residence_permit", None),
            getattr(self, "travel_permit", None),
            getattr(self, "warnings", None),
        )

    def __repr__(self) -> str:
        residence, travel, warnings = self._shown()
        return f"{type(self).__name__}({residence!r}, {travel!r}, warnings={warnings!r})"

    def __rich_repr__(self) -> Iterator[object]:
        residence, travel, warnings = self._shown()
        yield residence
        yield travel
        yield "warnings", warnings

    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        # IPython and Hypothesis's pretty printers: the masked repr.
        printer.text(repr(self))


def link(
    residence_permit: str | ResidencePermit,
    travel_permit: str | TravelPermit,
    *,
    birth_date: date | None = None,
    sex: Sex | SexCode | None = None,
) -> PermitLink:
    """Link a residence permit and a travel permit (numbers or parsed documents).

    *birth_date* and *sex*, when given, are the values printed on the travel
    permit card; they must match what the residence permit number encodes.
    *birth_date* is a :class:`datetime.date`, or a :class:`datetime.datetime`
    standing for its calendar date as given (no time-zone conversion);
    *sex* a :class:`~permitcheck.Sex` or its value ``"M"``/``"F"``.
    Raises :class:`~permitcheck.LinkSwapped` when a travel permit is given
    first (the arguments look swapped), the parse errors of either document,
    then :class:`~permitcheck.LinkNonChinesePermit`,
    :class:`~permitcheck.LinkRegionMismatch`,
    :class:`~permitcheck.LinkBirthDateMismatch` or
    :class:`~permitcheck.LinkSexMismatch`; :class:`TypeError` for a
    *birth_date* or *sex* of another type.

    >>> from datetime import date
    >>> link("810000199408230021", "H10387877", birth_date=date(1994, 8, 24))
    Traceback (most recent call last):
        ...
    permitcheck.errors.LinkBirthDateMismatch: The birth date on the travel permit differs ...
    """
    try:
        card_date = None if birth_date is None else as_date(birth_date, "birth_date")
        card_sex = None if sex is None else _sex(sex)
        result = PermitLink(residence_permit, travel_permit)
    except (PermitError, TypeError) as error:
        del residence_permit, travel_permit  # no raw input in the traceback's locals
        raise error.with_traceback(None) from None
    del residence_permit, travel_permit
    if card_date is not None and card_date != result.residence_permit.birth_date:
        raise LinkBirthDateMismatch()
    if card_sex is not None and card_sex is not result.residence_permit.sex:
        raise LinkSexMismatch()
    return result


def _sex(value: object) -> Sex:
    if isinstance(value, Sex):
        return value
    if value in ("M", "F"):
        return Sex(value)
    raise TypeError(f"sex must be a permitcheck.Sex, 'M' or 'F', got {type(value).__name__}")


def _identity(value: object) -> bytes:
    """Return the person's stable identity: the bytes the pseudonym is computed over."""
    if isinstance(value, PermitLink):
        value = value.residence_permit
    document = _document(value)
    if isinstance(document, ResidencePermit):
        text = f"{_DOMAIN}residence_permit:{document.number}"
    else:
        text = f"{_DOMAIN}{document.kind.value}:{document.lifelong_number}"
    return text.encode("ascii")


def pseudonym(
    number_or_link: str | ResidencePermit | TravelPermit | PermitLink,
    key: PseudonymKey | bytes | bytearray | None = None,
    /,
    *,
    secret: PseudonymKey | bytes | bytearray | None = None,
) -> str:
    """Return a keyed pseudonym of the person's stable identity: 64 hex characters.

    The pseudonym is HMAC-SHA256, keyed with *key* (a
    :class:`~permitcheck.PseudonymKey`, or ``bytes`` of at least 32 bytes;
    ``secret=`` is the same argument by keyword), of the identity:

    - for a :class:`PermitLink` or a residence permit: the residence permit
      number, as ``permitcheck:v1:residence_permit:<number>``;
    - for a travel permit alone: its lifelong number, as
      ``permitcheck:v1:<kind>:<lifelong number>`` (``kind`` is the
      :class:`~permitcheck.TravelPermitKind` value), so the old and new forms
      of one permit, and every spelling, give the same pseudonym.

    A string longer than 13 characters (after folding) is read as a
    residence permit number, any other as a travel permit number; either is
    validated and its errors raised.  A travel permit alone does not give its
    holder's residence-permit pseudonym: resolve it through an
    :class:`~permitcheck.IdentityIndex` first.  Keep the key out of the
    data: whoever has it can test every possible number.  Raises
    :class:`~permitcheck.WeakSecret` for a secret shorter than 32 bytes and
    :class:`TypeError` for a key that is not a ``PseudonymKey`` or bytes, or
    when the key is given both ways or not at all.

    >>> import secrets
    >>> key = PseudonymKey(secrets.token_bytes(32))   # or PseudonymKey.generate()
    >>> a = pseudonym("H1038787700", key)
    >>> a == pseudonym("ｈ１０３８７８７７", secret=key), len(a)
    (True, 64)
    """
    # On failure no local holds the input or the secret (docs/privacy.md).
    try:
        if (key is None) == (secret is None):
            raise TypeError("pass the pseudonym key once: pseudonym(number, key)")
        pseudonym_key = _as_key(key if secret is None else secret)
    except (PermitError, TypeError) as error:
        del number_or_link, key, secret
        raise error.with_traceback(None) from None
    del key, secret
    try:
        message = _identity(number_or_link)
    except (PermitError, TypeError) as error:
        del number_or_link
        raise error.with_traceback(None) from None
    del number_or_link
    return pseudonym_key.digest(message).hex()
