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

from permitcheck.errors import (
    InvalidBirthDate,
    InvalidCharacters,
    InvalidChecksum,
    InvalidLength,
    InvalidRegion,
    PermitError,
    Problem,
    error_class,
)
from permitcheck.model import Region, Sex, TravelPermitKind
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

__version__ = "1.0.0"

__all__ = [
    "RESIDENCE_PERMIT_PATTERN",
    "CheckResult",
    "InvalidBirthDate",
    "InvalidCharacters",
    "InvalidChecksum",
    "InvalidLength",
    "InvalidRegion",
    "PermitError",
    "Problem",
    "Region",
    "ResidencePermit",
    "Sex",
    "TravelPermitKind",
    "__version__",
    "calc_check_digit",
    "check",
    "compact",
    "error_class",
    "format",
    "is_valid",
    "parse",
    "validate",
]
