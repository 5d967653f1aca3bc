"""Draw valid and near-miss numbers of every :class:`~permitcheck.DocumentKind`.

The decisions are made by a :class:`permitcheck._synth.Chooser`, so the
Hypothesis strategies and the seeded generator build the same numbers from
the same parts.  Every number is built from drawn parts with its check
character computed; nothing is filtered.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

from permitcheck import _synth
from permitcheck._synth import Chooser
from permitcheck.documents import _taiwan
from permitcheck.documents import foreign_permanent_resident_15 as _fpr15
from permitcheck.documents import hong_kong_id as _hkid
from permitcheck.documents._iso3166 import COUNTRIES
from permitcheck.documents.common import PROVINCE_CODES
from permitcheck.model import DocumentKind, TravelPermitKind
from permitcheck.residence import _ymd, calc_check_digit

__all__ = [
    "CHECKED_KINDS",
    "KINDS",
    "document_kinds",
    "document_number",
    "invalid_document_number",
    "spell",
]

_K = DocumentKind
#: Every kind, in DocumentKind order.
KINDS: Final = tuple(DocumentKind)
_PROVINCES: Final = tuple(sorted(PROVINCE_CODES))
_ALPHA3: Final = tuple(alpha3 for alpha3, _numeric, _name in COUNTRIES)
_NUMERIC: Final = tuple(numeric for _alpha3, numeric, _name in COUNTRIES)
_UPPER: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAIWAN_AREAS: Final = tuple(sorted(_taiwan.AREA_LETTERS))
_HOME_RETURN_FORMS: Final = _synth.travel_forms(
    kinds=[TravelPermitKind.HOME_RETURN, TravelPermitKind.HOME_RETURN_NON_CHINESE], legacy=None
)
_TAIWAN_FORMS: Final = _synth.travel_forms(kinds=[TravelPermitKind.TAIWAN_COMPATRIOT], legacy=None)
# Dates every reading of a 2-digit year gives back unchanged (see foreign_permanent_resident_15).
_FPR15_EARLIEST: Final = date(1924, 1, 1)
_FPR15_LATEST: Final = date(2023, 11, 30)
_MAINLAND15_LATEST: Final = date(1999, 12, 31)
_CHECKED: Final = frozenset(
    {
        _K.RESIDENCE_PERMIT,
        _K.MAINLAND_ID,
        _K.FOREIGN_PERMANENT_RESIDENT,
        _K.HONG_KONG_ID,
        _K.TAIWAN_ID,
        _K.TAIWAN_RESIDENT_CERTIFICATE,
    }
)
#: The kinds whose numbers end in a check character.
CHECKED_KINDS: Final = tuple(kind for kind in KINDS if kind in _CHECKED)


def document_kinds(kinds: Iterable[DocumentKind | str] | None) -> tuple[DocumentKind, ...]:
    """Check a *kinds* option: None for all, else kinds or their values (TypeError/ValueError)."""
    if kinds is None:
        return KINDS
    if isinstance(kinds, (str, bytes)) or not isinstance(kinds, Iterable):
        raise TypeError(f"kinds must be a collection of DocumentKind, got {kinds!r}")
    chosen: list[DocumentKind] = []
    for kind in kinds:
        if not isinstance(kind, str):
            raise TypeError(f"kinds must contain DocumentKind values, got {kind!r}")
        member = DocumentKind(kind)
        if member not in chosen:
            chosen.append(member)
    if not chosen:
        raise ValueError("kinds must not be empty")
    return tuple(chosen)


def _digits(chooser: Chooser, count: int) -> str:
    return f"{chooser.integer(0, 10**count - 1):0{count}d}"


def _born(chooser: Chooser, low: date, high: date | None = None) -> str:
    return _ymd(_synth.birth_date(chooser, low, _synth.today() if high is None else high))


def _address(chooser: Chooser) -> str:
    address = chooser.choice(_PROVINCES) + _digits(chooser, 4)
    # 810000 and 820000 are residence permits' address codes, never a mainland ID's.
    return address[:5] + "1" if address in ("810000", "820000") else address


def _mainland(chooser: Chooser) -> str:
    body = _address(chooser) + _born(chooser, _synth.EARLIEST) + _digits(chooser, 3)
    return body + calc_check_digit(body)


def _mainland_15(chooser: Chooser) -> str:
    born = _born(chooser, _synth.EARLIEST, _MAINLAND15_LATEST)
    return _address(chooser) + born[2:] + _digits(chooser, 3)


def _fpr(chooser: Chooser) -> str:
    body = (
        "9"
        + chooser.choice(_PROVINCES)
        + chooser.choice(_NUMERIC)
        + _born(chooser, _synth.EARLIEST)
        + _digits(chooser, 3)
    )
    return body + calc_check_digit(body)


def _fpr_15(chooser: Chooser) -> str:
    born = _born(chooser, _FPR15_EARLIEST, _FPR15_LATEST)
    body = chooser.choice(_ALPHA3) + _digits(chooser, 4) + born[2:] + _digits(chooser, 1)
    return body + _fpr15._icao_check(body)


def _hong_kong(chooser: Chooser) -> str:
    letters = "".join(chooser.choice(_UPPER) for _ in range(chooser.integer(1, 2)))
    body = letters + _digits(chooser, 6)
    return body + _hkid._check(body)


def _macao(chooser: Chooser) -> str:
    return chooser.choice("157") + _digits(chooser, 7)


def _taiwan_number(chooser: Chooser, seconds: str) -> str:
    body = chooser.choice(_TAIWAN_AREAS) + chooser.choice(seconds) + _digits(chooser, 7)
    return body + _taiwan.check_digit(body)


def document_number(chooser: Chooser, kind: DocumentKind) -> str:
    """Draw a valid number of *kind* in compact form (HKID and Macao ID without brackets)."""
    if kind is _K.RESIDENCE_PERMIT:
        return _synth.residence_number(chooser, _synth.DEFAULT_RESIDENCE)
    if kind is _K.HOME_RETURN_PERMIT:
        return _synth.travel_number(chooser, _HOME_RETURN_FORMS)
    if kind is _K.TAIWAN_COMPATRIOT_PERMIT:
        return _synth.travel_number(chooser, _TAIWAN_FORMS)
    if kind is _K.MAINLAND_ID:
        return _mainland(chooser)
    if kind is _K.MAINLAND_ID_15:
        return _mainland_15(chooser)
    if kind is _K.FOREIGN_PERMANENT_RESIDENT:
        return _fpr(chooser)
    if kind is _K.FOREIGN_PERMANENT_RESIDENT_15:
        return _fpr_15(chooser)
    if kind is _K.HONG_KONG_ID:
        return _hong_kong(chooser)
    if kind is _K.MACAO_ID:
        return _macao(chooser)
    if kind is _K.TAIWAN_ID:
        return _taiwan_number(chooser, "12")
    return _taiwan_number(chooser, "ABCD89")


def _other(chooser: Chooser, alphabet: str, current: str) -> str:
    return chooser.choice([char for char in alphabet if char != current])


def invalid_document_number(chooser: Chooser, kind: DocumentKind) -> str:
    """Draw a near miss of *kind*: a valid number with one rule broken by one change.

    Either the last character is dropped, or one character is changed: the
    check character where the kind has one, else a character a rule of the
    kind rejects (a month 13, an unknown nationality, a Macao first digit).
    """
    number = document_number(chooser, kind)
    if chooser.integer(0, 1) == 0:
        return number[:-1]
    if kind in _CHECKED:
        alphabet = "0123456789A" if kind is _K.HONG_KONG_ID else "0123456789"
        if kind in (_K.RESIDENCE_PERMIT, _K.MAINLAND_ID, _K.FOREIGN_PERMANENT_RESIDENT):
            alphabet += "X"
        return number[:-1] + _other(chooser, alphabet, number[-1])
    if kind is _K.MAINLAND_ID_15:
        return number[:8] + "13" + number[10:]  # month 13
    if kind is _K.FOREIGN_PERMANENT_RESIDENT_15:
        return "XXX" + number[3:]  # not an ISO 3166-1 code
    if kind is _K.MACAO_ID:
        return _other(chooser, "0234689", "") + number[1:]
    # Travel permits have no check character: a letter where digits belong.
    return number[:-1] + "Z"


def spell(chooser: Chooser, kind: DocumentKind, number: str) -> str:
    """Draw a spelling of the compact *number* of *kind* that folds back to it.

    HKID and Macao ID numbers get their check character in brackets half
    the time, as printed on the card.
    """
    if kind in (_K.HONG_KONG_ID, _K.MACAO_ID) and chooser.integer(0, 1):
        number = f"{number[:-1]}({number[-1]})"
    return _synth.spell(chooser, number)
