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

import importlib
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
        + " it cannot check whether the number was issued: no check digit has been"
        " published for these numbers.",
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
        + " it cannot check whether the number was issued: no check digit has been"
        " published for these numbers.",
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
        + " it cannot check whether the number was issued: no check digit has been"
        " published for these numbers.",
        ("H10387877", "00000000"),
    ),
}

# The other identity documents (issue 10): each module's own PATTERN, loaded on
# first use.  kind: (module, min length, max length, what the pattern cannot
# check, public specimens in the compact form)
_DOCUMENTS: Final[dict[str, tuple[str, int, int, str, tuple[str, ...]]]] = {
    "mainland_id": (
        "mainland_id",
        18,
        18,
        "the ISO 7064 MOD 11-2 check character, whether the address code exists, whether the"
        " birth date exists or lies in the future.",
        ("11010519491231002X",),
    ),
    "mainland_id_15": (
        "mainland_id_15",
        15,
        15,
        "whether the address code exists or the birth date (19YYMMDD) exists; the number has no"
        " check character.",
        (),
    ),
    "foreign_permanent_resident": (
        "foreign_permanent_resident",
        18,
        18,
        "the ISO 7064 MOD 11-2 check character, the country code, whether the birth date"
        " exists or lies in the future.",
        ("932682198501010017",),
    ),
    "foreign_permanent_resident_15": (
        "foreign_permanent_resident_15",
        15,
        15,
        "whether the three letters are a nationality code, the birth date, or the 15th"
        " character (its check rule is not officially confirmed).",
        ("KAZ110090123105",),
    ),
    "hong_kong_id": (
        "hong_kong_id",
        8,
        9,
        "the check character (the compact form drops the brackets around it).",
        ("A1234563",),
    ),
    "macao_id": (
        "macao_id",
        8,
        8,
        "anything beyond the shape: no check-digit algorithm has been published.",
        ("10024833",),
    ),
    "taiwan_id": ("taiwan_id", 10, 10, "the check digit.", ("A123456789",)),
    "taiwan_resident_certificate": (
        "taiwan_resident_certificate",
        10,
        10,
        "the check digit.",
        (),
    ),
}


def _document_entry(kind: str) -> tuple[str, int, int, str, str, str, tuple[str, ...]]:
    from permitcheck.model import DocumentKind  # noqa: PLC0415 - only for these kinds

    module, low, high, not_checked, examples = _DOCUMENTS[kind]
    regex: str = importlib.import_module(f"permitcheck.documents.{module}").PATTERN
    name = DocumentKind(kind).english_name
    description = (
        f"The number of a {name} ({DocumentKind(kind).chinese_name})."
        + _NOT_CHECKED
        + " it cannot check "
        + not_checked
    )
    return (
        regex,
        low,
        high,
        kind.replace("_", "-") + "-number",
        f"{name} number",
        description,
        examples,
    )


#: The kinds :func:`pattern` and :func:`json_schema` know: the values of
#: :class:`permitcheck.DocumentKind` and ``travel_permit`` (either travel permit).
KINDS: Final = (*_KINDS, *_DOCUMENTS)


def _entry(kind: str) -> tuple[str, int, int, str, str, str, tuple[str, ...]]:
    try:
        if kind in _DOCUMENTS:
            return _document_entry(kind)
        return _KINDS[kind]
    except (KeyError, TypeError):
        raise ValueError(f"unknown number kind; expected one of {', '.join(KINDS)}") from None


def pattern(kind: str, /, *, anchored: bool = True) -> str:
    r"""Return the regular expression for the compact form of numbers of *kind*.

    *kind* is one of :data:`KINDS`: a :class:`permitcheck.DocumentKind`
    value, or ``travel_permit`` for either travel permit.
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
