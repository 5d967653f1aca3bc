"""Judging one row for the ``permitcheck`` command: the verdict, kind, region and codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from permitcheck._normalize import fold
from permitcheck.errors import PermitError
from permitcheck.model import Region
from permitcheck.residence import check
from permitcheck.travel import parse_travel_permit

#: Exit statuses: every number valid, some number invalid, usage or I/O error.
EXIT_VALID: Final = 0
EXIT_INVALID: Final = 1
EXIT_ERROR: Final = 2

_RESIDENCE: Final = "residence_permit"
_TRAVEL: Final = "travel_permit"
_PREFIX_REGION: Final = {region.prefix: region.value for region in Region}

# One judged row: valid, kind, region, compact number, error codes.
_Outcome = tuple[bool, str, str, str, tuple[str, ...]]
_Texts = Mapping[str, str]


# -- judging one row ------------------------------------------------------------


def _detect(compact: str) -> str:
    """Return the document a compact, non-empty number is meant to be.

    Travel permit numbers have 8 to 13 characters and residence permit
    numbers 18, so anything shorter than 14 characters, or starting with a
    home-return permit's ``H`` or ``M``, is judged as a travel permit.
    """
    return "travel" if len(compact) < 14 or compact[0] in "HM" else "residence"


def _judge(text: str, code: str | None, kind: str) -> _Outcome:
    """Judge one row that missed the residence fast path (the slow path)."""
    if code is not None:
        return False, "", "", "", (code,)
    compact = fold(text)
    if not compact:
        return False, "", "", "", ("empty",)
    if kind == "auto":
        kind = _detect(compact)
    if kind == "residence":
        region = _PREFIX_REGION.get(compact[:6], "")
        result = check(compact)
        codes = tuple(problem.code for problem in result.problems)
        return result.valid, _RESIDENCE, region, compact, codes
    return _judge_travel(compact)


def _judge_travel(compact: str) -> _Outcome:
    try:
        permit = parse_travel_permit(compact)
    except PermitError as error:
        return False, _TRAVEL, "", compact, (error.code,)
    return True, permit.kind.value, permit.region.value, compact, ()


def _undecodable(text: str) -> bool:
    """Tell whether *text*, an argument, holds bytes that are not UTF-8.

    Python passes such bytes on as lone surrogates (``surrogateescape``);
    they cannot be written out, so the row is reported as ``encoding``, as
    the same bytes read from a file are.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
