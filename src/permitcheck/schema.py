"""Published regular expressions and JSON Schema snippets for every number kind.

For services and front ends that cannot run permitcheck: an OpenAPI document,
a JSON Schema validator in another language, an HTML ``pattern`` attribute.
The patterns are the library's own (:data:`permitcheck.RESIDENCE_PERMIT_PATTERN`
and :data:`permitcheck.travel.PATTERN`), and the tests prove that every valid
number matches them in Python and in an ECMAScript engine.

A pattern checks the *shape* of the compact form only: it cannot compute the
residence permit's check character, cannot tell whether a birth date exists
(``19990230``) or lies in the future, and accepts any sequence digits.  Use it
to catch typing slips early; :func:`permitcheck.validate` is the check.

>>> schema = json_schema("residence_permit")
>>> schema["pattern"]
'^(?:8[123]0000(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X])$'
>>> import re
>>> bool(re.fullmatch(pattern("travel_permit"), "H10387877"))
True
"""

from __future__ import annotations

from typing import Any, Final

from permitcheck.residence import PATTERN as _RESIDENCE
from permitcheck.travel import PATTERN as _TRAVEL

__all__ = ["KINDS", "json_schema", "pattern"]

# The two halves of travel.PATTERN (a test checks that they make it up exactly).
_HOME_RETURN: Final = "[HM](?:A[0-9]{7}|[0-9]{8}(?:[0-9]{2})?)"
_TAIWAN_COMPATRIOT: Final = r"[0-9]{8}(?:[0-9]{2}(?:\([0-9A-Z]\))?)?"

_NOT_CHECKED: Final = (
    " The pattern checks the shape of the compact form (no spaces or hyphens, upper case) only;"
)

# kind: (unanchored pattern, min length, max length, format, title, description, examples)
_KINDS: Final[dict[str, tuple[str, int, int, str, str, str, tuple[str, ...]]]] = {
    "residence_permit": (
        _RESIDENCE,
        18,
        18,
        "residence-permit-number",
        "Residence permit number",
        "The 18-character number of a Residence Permit for Hong Kong, Macao and Taiwan"
        " Residents (港澳台居民居住证): 810000, 820000 or 830000, the birth date YYYYMMDD,"
        " three sequence digits and a check character 0-9 or X."
        + _NOT_CHECKED
        + " it cannot check the ISO 7064 MOD 11-2 check character, whether the birth date"
        " exists or lies in the future.",
        ("810000199408230021", "830000199201300022"),
    ),
    "home_return_permit": (
        _HOME_RETURN,
        9,
        11,
        "home-return-permit-number",
        "Home-return permit number",
        "The number of a Mainland Travel Permit for Hong Kong and Macao Residents (回乡证):"
        " H or M and 8 digits, the 1999-2012 form H or M and 10 digits, or HA or MA and"
        " 7 digits (non-Chinese nationals)."
        + _NOT_CHECKED
        + " these numbers have no published check digit, so a well-formed number may"
        " still not exist.",
        ("H10387877",),
    ),
    "taiwan_compatriot_permit": (
        _TAIWAN_COMPATRIOT,
        8,
        13,
        "taiwan-compatriot-permit-number",
        "Taiwan compatriot permit number",
        "The number of a Mainland Travel Permit for Taiwan Residents (台胞证): 8 digits,"
        " or the 1992-2008 form of 10 digits optionally followed by an issuing-office code"
        " in brackets, e.g. 0561682001(D)."
        + _NOT_CHECKED
        + " these numbers have no published check digit, so a well-formed number may"
        " still not exist.",
        ("00000000",),
    ),
    "travel_permit": (
        _TRAVEL,
        8,
        13,
        "travel-permit-number",
        "Travel permit number",
        "The number of a home-return permit (H or M and 8 or 10 digits, HA or MA and"
        " 7 digits) or of a Taiwan compatriot permit (8 digits, or 10 digits optionally"
        " followed by an issuing-office code in brackets)."
        + _NOT_CHECKED
        + " these numbers have no published check digit, so a well-formed number may"
        " still not exist.",
        ("H10387877", "00000000"),
    ),
}

#: The kinds :func:`pattern` and :func:`json_schema` know.
KINDS: Final = tuple(_KINDS)


def _entry(kind: str) -> tuple[str, int, int, str, str, str, tuple[str, ...]]:
    try:
        return _KINDS[kind]
    except (KeyError, TypeError):
        raise ValueError(f"unknown number kind; expected one of {', '.join(KINDS)}") from None


def pattern(kind: str, /, *, anchored: bool = True) -> str:
    r"""Return the regular expression for the compact form of numbers of *kind*.

    *kind* is one of :data:`KINDS` (``residence_permit``,
    ``home_return_permit``, ``taiwan_compatriot_permit``, ``travel_permit``).
    The pattern uses only syntax that Python, ECMAScript (with or without the
    ``u`` and ``v`` flags) and PostgreSQL read alike.  Anchored (the default)
    it is ``^(?:...)$`` as JSON Schema needs, whose ``pattern`` is otherwise
    searched, not matched.  In Python use :func:`re.fullmatch`: Python's
    ``$`` also matches before a final newline.  An HTML ``pattern`` attribute
    is anchored by the browser: give it ``anchored=False``.  Raises
    :class:`ValueError` for an unknown kind.

    >>> pattern("taiwan_compatriot_permit", anchored=False)
    '[0-9]{8}(?:[0-9]{2}(?:\\([0-9A-Z]\\))?)?'
    """
    unanchored = _entry(kind)[0]
    return f"^(?:{unanchored})$" if anchored else unanchored


def json_schema(kind: str, /) -> dict[str, Any]:
    """Return a JSON Schema for the compact form of numbers of *kind*.

    A new dict each call (``type``, anchored ``pattern``, ``minLength``,
    ``maxLength``, ``format``, ``title``, ``description`` and ``examples``,
    public specimens).  The ``format`` names are permitcheck's own; JSON Schema
    validators treat unknown formats as annotations.  Raises
    :class:`ValueError` for an unknown kind.

    >>> json_schema("home_return_permit")["format"]
    'home-return-permit-number'
    """
    regex, low, high, format_name, title, description, examples = _entry(kind)
    return {
        "type": "string",
        "pattern": f"^(?:{regex})$",
        "minLength": low,
        "maxLength": high,
        "format": format_name,
        "title": title,
        "description": description,
        "examples": list(examples),
    }
