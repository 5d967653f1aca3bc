"""Parse and validate the identity numbers of Hong Kong, Macao and Taiwan residents.

The residence permit functions of :mod:`permitcheck.residence` are exported
here, following python-stdnum's module contract.  Every documented submodule
(``permitcheck.travel``, ``permitcheck.linking``, ``permitcheck.index``, ...)
is an attribute of the package at any time; it is imported on first use.

>>> import permitcheck
>>> permitcheck.validate("830000 1992 0130 0022")
'830000199201300022'
>>> permitcheck.parse("810000199408230021").region.english_name
'Hong Kong'
>>> permitcheck.travel.is_valid("H10387877")
True
"""

# No `from __future__ import annotations` and no module-level helpers here:
# every name bound in this namespace is public API, or deleted at the end.
from typing import TYPE_CHECKING

from permitcheck.errors import (
    EmptyRow,
    ErrorCode,
    ExcelNumber,
    IndexConflict,
    InvalidBirthDate,
    InvalidCharacters,
    InvalidChecksum,
    InvalidCsvRow,
    InvalidEncoding,
    InvalidForeignResident15BirthDate,
    InvalidForeignResident15Format,
    InvalidForeignResident15Length,
    InvalidForeignResident15Nationality,
    InvalidForeignResidentBirthDate,
    InvalidForeignResidentCharacters,
    InvalidForeignResidentChecksum,
    InvalidForeignResidentLength,
    InvalidForeignResidentNationality,
    InvalidForeignResidentPrefix,
    InvalidForeignResidentProvince,
    InvalidHongKongIdChecksum,
    InvalidHongKongIdFormat,
    InvalidHongKongIdLength,
    InvalidLength,
    InvalidMacaoIdFormat,
    InvalidMacaoIdLength,
    InvalidMainlandId15BirthDate,
    InvalidMainlandId15Characters,
    InvalidMainlandId15Length,
    InvalidMainlandId15Province,
    InvalidMainlandIdAddress,
    InvalidMainlandIdBirthDate,
    InvalidMainlandIdCharacters,
    InvalidMainlandIdChecksum,
    InvalidMainlandIdLength,
    InvalidMainlandIdProvince,
    InvalidRegion,
    InvalidTaiwanIdChecksum,
    InvalidTaiwanIdFormat,
    InvalidTaiwanIdLength,
    InvalidTaiwanResidentCertificateChecksum,
    InvalidTaiwanResidentCertificateFormat,
    InvalidTaiwanResidentCertificateLength,
    InvalidTravelCharacters,
    InvalidTravelFormat,
    InvalidTravelLength,
    LinkBirthDateMismatch,
    LinkError,
    LinkNonChinesePermit,
    LinkRegionMismatch,
    LinkSexMismatch,
    LinkSwapped,
    MainlandIdIsResidencePermit,
    MissingColumn,
    NulCharacter,
    PermitError,
    Problem,
    RowTooLong,
    UnknownDocument,
    WeakSecret,
    error_class,
)
from permitcheck.messages import Language, language_from_environment, message, resolve_language
from permitcheck.model import DocumentKind, Region, Sex, TravelPermitKind
from permitcheck.privacy import PseudonymKey, mask
from permitcheck.residence import PATTERN as RESIDENCE_PERMIT_PATTERN
from permitcheck.residence import (
    CheckResult,
    InvalidCheckResult,
    ResidencePermit,
    ValidCheckResult,
    calc_check_digit,
    check,
    compact,
    format,
    get_birth_date,
    is_valid,
    parse,
    validate,
)

if TYPE_CHECKING:
    # What the lazy names below are, for type checkers (never run).
    from permitcheck import attrs as attrs
    from permitcheck import cli as cli
    from permitcheck import django as django
    from permitcheck import documents as documents
    from permitcheck import errors as errors
    from permitcheck import faker_provider as faker_provider
    from permitcheck import generate as generate
    from permitcheck import identification as identification
    from permitcheck import index as index
    from permitcheck import index_postgres as index_postgres
    from permitcheck import linking as linking
    from permitcheck import messages as messages
    from permitcheck import model as model
    from permitcheck import pandas as pandas
    from permitcheck import polars as polars
    from permitcheck import privacy as privacy
    from permitcheck import pydantic as pydantic
    from permitcheck import residence as residence
    from permitcheck import schema as schema
    from permitcheck import sql as sql
    from permitcheck import sqlite as sqlite
    from permitcheck import strategies as strategies
    from permitcheck import travel as travel
    from permitcheck.documents.common import Nationality, Province
    from permitcheck.documents.foreign_permanent_resident import (
        ForeignPermanentResident,
        parse_foreign_permanent_resident,
    )
    from permitcheck.documents.foreign_permanent_resident_15 import (
        ForeignPermanentResident15,
        parse_foreign_permanent_resident_15,
    )
    from permitcheck.documents.hong_kong_id import HongKongId, parse_hong_kong_id
    from permitcheck.documents.macao_id import MacaoId, parse_macao_id
    from permitcheck.documents.mainland_id import MainlandId, parse_mainland_id
    from permitcheck.documents.mainland_id_15 import MainlandId15, parse_mainland_id_15
    from permitcheck.documents.taiwan_id import TaiwanId, parse_taiwan_id
    from permitcheck.documents.taiwan_resident_certificate import (
        TaiwanResidentCertificate,
        parse_taiwan_resident_certificate,
    )
    from permitcheck.identification import (
        Identification,
        IdentityCheck,
        check_identity,
        identify,
    )
    from permitcheck.index import (
        IdentityIndex,
        IndexCorrupt,
        IndexForeignFile,
        IndexKeyMismatch,
        IndexNotWritable,
        IndexUnsafeFile,
    )
    from permitcheck.linking import PermitLink, link, pseudonym
    from permitcheck.schema import json_schema
    from permitcheck.travel import TravelPermit, parse_travel_permit

__version__ = "1.0.0"

# -- lazy attributes (PEP 562) ----------------------------------------------------
# `import permitcheck` loads only the residence-permit core.  Everything below
# is imported on first attribute access, so it is reachable at any time
# without being paid for up front.  To add a name: one line in _LAZY_NAMES (the
# name and the submodule that defines it), the name in __all__ and in the
# TYPE_CHECKING import above.  To add a submodule: its name in _SUBMODULES and
# in the TYPE_CHECKING import.  tests/test_lazy_attributes.py checks all three
# places agree and tries every order of first use in fresh interpreters.

#: Public names defined in a submodule that loads on first use -> that submodule.
_LAZY_NAMES = {
    "IdentityIndex": "index",
    "json_schema": "schema",
    "IndexCorrupt": "index",
    "IndexForeignFile": "index",
    "IndexKeyMismatch": "index",
    "IndexNotWritable": "index",
    "IndexUnsafeFile": "index",
    "PermitLink": "linking",
    "TravelPermit": "travel",
    "link": "linking",
    "parse_travel_permit": "travel",
    "pseudonym": "linking",
    # -- other identity documents (issue 10)
    "Identification": "identification",
    "IdentityCheck": "identification",
    "identify": "identification",
    "check_identity": "identification",
    "Nationality": "documents.common",
    "Province": "documents.common",
    "MainlandId": "documents.mainland_id",
    "MainlandId15": "documents.mainland_id_15",
    "ForeignPermanentResident": "documents.foreign_permanent_resident",
    "ForeignPermanentResident15": "documents.foreign_permanent_resident_15",
    "HongKongId": "documents.hong_kong_id",
    "MacaoId": "documents.macao_id",
    "TaiwanId": "documents.taiwan_id",
    "TaiwanResidentCertificate": "documents.taiwan_resident_certificate",
    "parse_mainland_id": "documents.mainland_id",
    "parse_mainland_id_15": "documents.mainland_id_15",
    "parse_foreign_permanent_resident": "documents.foreign_permanent_resident",
    "parse_foreign_permanent_resident_15": "documents.foreign_permanent_resident_15",
    "parse_hong_kong_id": "documents.hong_kong_id",
    "parse_macao_id": "documents.macao_id",
    "parse_taiwan_id": "documents.taiwan_id",
    "parse_taiwan_resident_certificate": "documents.taiwan_resident_certificate",
}

#: Documented submodules, each an attribute of the package at any time.  Those
#: that need an extra (strategies: hypothesis, faker_provider: faker) raise
#: ImportError naming the extra when it is missing.
_SUBMODULES = frozenset(
    {
        "attrs",
        "cli",
        "django",
        "documents",
        "errors",
        "faker_provider",
        "generate",
        "identification",
        "index",
        "index_postgres",
        "linking",
        "messages",
        "model",
        "pandas",
        "polars",
        "privacy",
        "pydantic",
        "residence",
        "schema",
        "sql",
        "sqlite",
        "strategies",
        "travel",
    }
)


if not TYPE_CHECKING:  # pragma: no branch - always true when the code runs
    # Hidden from type checkers, which see the TYPE_CHECKING imports above
    # instead: so `permitcheck.misspelt` is still a type error.

    def __getattr__(name: str) -> object:
        import importlib  # noqa: PLC0415 - keeps `importlib` out of the package namespace

        module = _LAZY_NAMES.get(name)
        if module is not None:
            value = getattr(importlib.import_module(f"permitcheck.{module}"), name)
            globals()[name] = value
            return value
        if name in _SUBMODULES:
            # Importing a submodule binds it in this namespace (the import system does).
            return importlib.import_module(f"permitcheck.{name}")
        raise AttributeError(f"module 'permitcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    # Exactly the public API: what `from permitcheck import *` gives.
    return sorted(__all__)


__all__ = [
    "RESIDENCE_PERMIT_PATTERN",
    "CheckResult",
    "DocumentKind",
    "EmptyRow",
    "ErrorCode",
    "ExcelNumber",
    "ForeignPermanentResident",
    "ForeignPermanentResident15",
    "HongKongId",
    "Identification",
    "IdentityCheck",
    "IdentityIndex",
    "IndexConflict",
    "IndexCorrupt",
    "IndexForeignFile",
    "IndexKeyMismatch",
    "IndexNotWritable",
    "IndexUnsafeFile",
    "InvalidBirthDate",
    "InvalidCharacters",
    "InvalidCheckResult",
    "InvalidChecksum",
    "InvalidCsvRow",
    "InvalidEncoding",
    "InvalidForeignResident15BirthDate",
    "InvalidForeignResident15Format",
    "InvalidForeignResident15Length",
    "InvalidForeignResident15Nationality",
    "InvalidForeignResidentBirthDate",
    "InvalidForeignResidentCharacters",
    "InvalidForeignResidentChecksum",
    "InvalidForeignResidentLength",
    "InvalidForeignResidentNationality",
    "InvalidForeignResidentPrefix",
    "InvalidForeignResidentProvince",
    "InvalidHongKongIdChecksum",
    "InvalidHongKongIdFormat",
    "InvalidHongKongIdLength",
    "InvalidLength",
    "InvalidMacaoIdFormat",
    "InvalidMacaoIdLength",
    "InvalidMainlandId15BirthDate",
    "InvalidMainlandId15Characters",
    "InvalidMainlandId15Length",
    "InvalidMainlandId15Province",
    "InvalidMainlandIdAddress",
    "InvalidMainlandIdBirthDate",
    "InvalidMainlandIdCharacters",
    "InvalidMainlandIdChecksum",
    "InvalidMainlandIdLength",
    "InvalidMainlandIdProvince",
    "InvalidRegion",
    "InvalidTaiwanIdChecksum",
    "InvalidTaiwanIdFormat",
    "InvalidTaiwanIdLength",
    "InvalidTaiwanResidentCertificateChecksum",
    "InvalidTaiwanResidentCertificateFormat",
    "InvalidTaiwanResidentCertificateLength",
    "InvalidTravelCharacters",
    "InvalidTravelFormat",
    "InvalidTravelLength",
    "Language",
    "LinkBirthDateMismatch",
    "LinkError",
    "LinkNonChinesePermit",
    "LinkRegionMismatch",
    "LinkSexMismatch",
    "LinkSwapped",
    "MacaoId",
    "MainlandId",
    "MainlandId15",
    "MainlandIdIsResidencePermit",
    "MissingColumn",
    "Nationality",
    "NulCharacter",
    "PermitError",
    "PermitLink",
    "Problem",
    "Province",
    "PseudonymKey",
    "Region",
    "ResidencePermit",
    "RowTooLong",
    "Sex",
    "TaiwanId",
    "TaiwanResidentCertificate",
    "TravelPermit",
    "TravelPermitKind",
    "UnknownDocument",
    "ValidCheckResult",
    "WeakSecret",
    "__version__",
    "calc_check_digit",
    "check",
    "check_identity",
    "compact",
    "error_class",
    "format",
    "get_birth_date",
    "identify",
    "is_valid",
    "json_schema",
    "language_from_environment",
    "link",
    "mask",
    "message",
    "parse",
    "parse_foreign_permanent_resident",
    "parse_foreign_permanent_resident_15",
    "parse_hong_kong_id",
    "parse_macao_id",
    "parse_mainland_id",
    "parse_mainland_id_15",
    "parse_taiwan_id",
    "parse_taiwan_resident_certificate",
    "parse_travel_permit",
    "pseudonym",
    "resolve_language",
    "validate",
]

del TYPE_CHECKING
