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
from permitcheck.model import DocumentKind, Region, Sex, TravelPermitKind
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
    # -- other identity documents (issue 10)
    "Identification": "permitcheck.identification",
    "IdentityCheck": "permitcheck.identification",
    "identify": "permitcheck.identification",
    "check_identity": "permitcheck.identification",
    "Nationality": "permitcheck.documents.common",
    "Province": "permitcheck.documents.common",
    "MainlandId": "permitcheck.documents.mainland_id",
    "MainlandId15": "permitcheck.documents.mainland_id_15",
    "ForeignPermanentResident": "permitcheck.documents.foreign_permanent_resident",
    "ForeignPermanentResident15": "permitcheck.documents.foreign_permanent_resident_15",
    "HongKongId": "permitcheck.documents.hong_kong_id",
    "MacaoId": "permitcheck.documents.macao_id",
    "TaiwanId": "permitcheck.documents.taiwan_id",
    "TaiwanResidentCertificate": "permitcheck.documents.taiwan_resident_certificate",
    "parse_mainland_id": "permitcheck.documents.mainland_id",
    "parse_mainland_id_15": "permitcheck.documents.mainland_id_15",
    "parse_foreign_permanent_resident": "permitcheck.documents.foreign_permanent_resident",
    "parse_foreign_permanent_resident_15": ("permitcheck.documents.foreign_permanent_resident_15"),
    "parse_hong_kong_id": "permitcheck.documents.hong_kong_id",
    "parse_macao_id": "permitcheck.documents.macao_id",
    "parse_taiwan_id": "permitcheck.documents.taiwan_id",
    "parse_taiwan_resident_certificate": "permitcheck.documents.taiwan_resident_certificate",
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
    "DocumentKind",
    "EmptyRow",
    "ForeignPermanentResident",
    "ForeignPermanentResident15",
    "HongKongId",
    "Identification",
    "IdentityCheck",
    "IdentityIndex",
    "IndexConflict",
    "InvalidBirthDate",
    "InvalidCharacters",
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
    "LinkBirthDateMismatch",
    "LinkError",
    "LinkNonChinesePermit",
    "LinkRegionMismatch",
    "LinkSexMismatch",
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
    "WeakSecret",
    "__version__",
    "calc_check_digit",
    "check",
    "check_identity",
    "compact",
    "error_class",
    "format",
    "identify",
    "is_valid",
    "link",
    "mask",
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
    "validate",
]
