"""Parse and validate the identity numbers of Hong Kong, Macao and Taiwan residents.

The residence permit functions of :mod:`permitcheck.residence` are exported
here, following python-stdnum's module contract.

>>> import permitcheck
>>> permitcheck.validate("830000 1992 0130 0022")
'830000199201300022'
>>> permitcheck.parse("810000199408230021").region.english_name
'Hong Kong'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from permitcheck.errors import (
    EmptyRow,
    IndexConflict,
    InvalidBirthDate,
    InvalidCharacters,
    InvalidChecksum,
    InvalidCsvRow,
    InvalidEncoding,
    InvalidLength,
    InvalidRegion,
    InvalidTravelCharacters,
    InvalidTravelFormat,
    InvalidTravelLength,
    LinkBirthDateMismatch,
    LinkError,
    LinkNonChinesePermit,
    LinkRegionMismatch,
    LinkSexMismatch,
    MissingColumn,
    NulCharacter,
    PermitError,
    Problem,
    RowTooLong,
    WeakSecret,
    error_class,
)
from permitcheck.model import Region, Sex, TravelPermitKind
from permitcheck.privacy import PseudonymKey, mask
from permitcheck.residence import PATTERN as RESIDENCE_PERMIT_PATTERN
from permitcheck.residence import (
    CheckResult,
    ResidencePermit,
    calc_check_digit,
    check,
    compact,
    format,
    is_valid,
    parse,
    validate,
)

if TYPE_CHECKING:
    from permitcheck.index import IdentityIndex
    from permitcheck.linking import PermitLink, link, pseudonym
    from permitcheck.travel import TravelPermit, parse_travel_permit

__version__ = "1.0.0"

# Names whose modules load on first use, so that ``import permitcheck`` stays
# cheap for the residence-permit hot path (PEP 562).
_LAZY: dict[str, str] = {
    "IdentityIndex": "permitcheck.index",
    "PermitLink": "permitcheck.linking",
    "TravelPermit": "permitcheck.travel",
    "link": "permitcheck.linking",
    "parse_travel_permit": "permitcheck.travel",
    "pseudonym": "permitcheck.linking",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'permitcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "RESIDENCE_PERMIT_PATTERN",
    "CheckResult",
    "EmptyRow",
    "IdentityIndex",
    "IndexConflict",
    "InvalidBirthDate",
    "InvalidCharacters",
    "InvalidChecksum",
    "InvalidCsvRow",
    "InvalidEncoding",
    "InvalidLength",
    "InvalidRegion",
    "InvalidTravelCharacters",
    "InvalidTravelFormat",
    "InvalidTravelLength",
    "LinkBirthDateMismatch",
    "LinkError",
    "LinkNonChinesePermit",
    "LinkRegionMismatch",
    "LinkSexMismatch",
    "MissingColumn",
    "NulCharacter",
    "PermitError",
    "PermitLink",
    "Problem",
    "PseudonymKey",
    "Region",
    "ResidencePermit",
    "RowTooLong",
    "Sex",
    "TravelPermit",
    "TravelPermitKind",
    "WeakSecret",
    "__version__",
    "calc_check_digit",
    "check",
    "compact",
    "error_class",
    "format",
    "is_valid",
    "link",
    "mask",
    "parse",
    "parse_travel_permit",
    "pseudonym",
    "validate",
]
