"""Enumerations shared by every document module.

Regions and travel permit kinds have public English and Chinese names:

>>> Region.MO.english_name, Region.MO.chinese_name, Region.MO.name_in("zh-Hant-MO")
('Macao', '澳门', '澳門')
>>> TravelPermitKind.TAIWAN_COMPATRIOT.name_in("zh-TW")
'台灣居民來往大陸通行證'
"""

from __future__ import annotations

import enum
from typing import Literal

from permitcheck.messages import Language, resolve_language

#: The values of :class:`Region`, accepted wherever a region is (``"HK"`` for ``Region.HK``).
RegionCode = Literal["HK", "MO", "TW"]
#: The values of :class:`Sex`, accepted wherever a sex is (``"F"`` for ``Sex.FEMALE``).
SexCode = Literal["M", "F"]
#: The values of :class:`TravelPermitKind`, accepted wherever a kind is.
TravelPermitKindCode = Literal["home_return", "home_return_non_chinese", "taiwan_compatriot"]

__all__ = [
    "DocumentKind",
    "Region",
    "RegionCode",
    "Sex",
    "SexCode",
    "TravelPermitKind",
    "TravelPermitKindCode",
]


class TravelPermitKind(enum.Enum):
    """The kinds of travel permit a Hong Kong, Macao or Taiwan resident can hold.

    >>> TravelPermitKind.TAIWAN_COMPATRIOT.value
    'taiwan_compatriot'
    """

    #: Mainland Travel Permit for Hong Kong and Macao Residents (回乡证), ``H``/``M`` numbers.
    HOME_RETURN = "home_return"
    #: The same permit for non-Chinese-citizen permanent residents (2024+), ``HA``/``MA``.
    HOME_RETURN_NON_CHINESE = "home_return_non_chinese"
    #: Mainland Travel Permit for Taiwan Residents (台胞证), 8 or 10 digits.
    TAIWAN_COMPATRIOT = "taiwan_compatriot"

    @property
    def english_name(self) -> str:
        """The permit's official English name.

        >>> TravelPermitKind.HOME_RETURN.english_name
        'Mainland Travel Permit for Hong Kong and Macao Residents'
        """
        return _KIND_NAMES[self]["en"]

    @property
    def chinese_name(self) -> str:
        """The permit's official Chinese name in Simplified characters.

        :meth:`name_in` gives the Traditional form.
        """
        return _KIND_NAMES[self]["zh-Hans"]

    def name_in(self, language: str, /) -> str:
        """Return the permit's name in *language* (see below).

        *language* is any tag :func:`~permitcheck.resolve_language` reads;
        unsupported languages fall back to English.

        >>> TravelPermitKind.HOME_RETURN.name_in("zh-HK")
        '港澳居民來往內地通行證'
        """
        return _KIND_NAMES[self][resolve_language(language)]


class Region(enum.Enum):
    """Where the holder is a resident: Hong Kong, Macao or Taiwan.

    The value is a short code; :attr:`prefix` is the fixed address code the
    2018 regulation (国办发〔2018〕81号, art. 3) assigns to the region.

    >>> Region.TW.prefix
    '830000'
    >>> Region.from_prefix("810000")
    <Region.HK: 'HK'>
    """

    HK = "HK"
    MO = "MO"
    TW = "TW"

    @property
    def prefix(self) -> str:
        """The 6-digit address code of residence permits for this region."""
        return _PREFIXES[self]

    @property
    def english_name(self) -> str:
        """The region's English name, e.g. ``'Hong Kong'``."""
        return _NAMES[self]["en"]

    @property
    def chinese_name(self) -> str:
        """The region's Chinese name in Simplified characters, e.g. ``'澳门'``.

        :meth:`name_in` gives the Traditional form.
        """
        return _NAMES[self]["zh-Hans"]

    def name_in(self, language: str, /) -> str:
        """Return the region's name in *language* (see below).

        *language* is any tag :func:`~permitcheck.resolve_language` reads;
        unsupported languages fall back to English.

        >>> Region.TW.name_in("zh_TW.UTF-8"), Region.TW.name_in("zh-CN"), Region.TW.name_in("fr")
        ('台灣', '台湾', 'Taiwan')
        """
        return _NAMES[self][resolve_language(language)]

    @property
    def travel_permit_kinds(self) -> frozenset[TravelPermitKind]:
        """The travel permit kinds a residence permit holder of this region carries.

        Hong Kong and Macao residents carry the home-return permit; Taiwan
        residents the Taiwan compatriot permit.  The ``HA``/``MA`` permit is
        for non-Chinese citizens, who cannot hold a residence permit.

        >>> sorted(kind.value for kind in Region.HK.travel_permit_kinds)
        ['home_return']
        """
        return _TRAVEL_KINDS[self]

    @classmethod
    def from_prefix(cls, prefix: str, /) -> Region:
        """Return the region whose address code is *prefix*.

        Raises :class:`ValueError` for any other string.
        """
        try:
            return _BY_PREFIX[prefix]
        except (KeyError, TypeError):
            raise ValueError("not a Hong Kong, Macao or Taiwan address code") from None


_PREFIXES = {Region.HK: "810000", Region.MO: "820000", Region.TW: "830000"}
_BY_PREFIX = {prefix: region for region, prefix in _PREFIXES.items()}
_NAMES: dict[Region, dict[Language, str]] = {
    Region.HK: {"en": "Hong Kong", "zh-Hans": "香港", "zh-Hant": "香港"},
    Region.MO: {"en": "Macao", "zh-Hans": "澳门", "zh-Hant": "澳門"},
    Region.TW: {"en": "Taiwan", "zh-Hans": "台湾", "zh-Hant": "台灣"},
}
_KIND_NAMES: dict[TravelPermitKind, dict[Language, str]] = {
    TravelPermitKind.HOME_RETURN: {
        "en": "Mainland Travel Permit for Hong Kong and Macao Residents",
        "zh-Hans": "港澳居民来往内地通行证",
        "zh-Hant": "港澳居民來往內地通行證",
    },
    TravelPermitKind.HOME_RETURN_NON_CHINESE: {
        "en": "Mainland Travel Permit for Hong Kong and Macao Residents (non-Chinese nationals)",
        "zh-Hans": "港澳居民来往内地通行证（非中国籍）",
        "zh-Hant": "港澳居民來往內地通行證（非中國籍）",
    },
    TravelPermitKind.TAIWAN_COMPATRIOT: {
        "en": "Mainland Travel Permit for Taiwan Residents",
        "zh-Hans": "台湾居民来往大陆通行证",
        "zh-Hant": "台灣居民來往大陸通行證",
    },
}
_TRAVEL_KINDS = {
    Region.HK: frozenset({TravelPermitKind.HOME_RETURN}),
    Region.MO: frozenset({TravelPermitKind.HOME_RETURN}),
    Region.TW: frozenset({TravelPermitKind.TAIWAN_COMPATRIOT}),
}


class Sex(enum.Enum):
    """The sex encoded in a number (GB 11643: odd sequence digit is male).

    >>> Sex.FEMALE.value
    'F'
    """

    MALE = "M"
    FEMALE = "F"


class DocumentKind(enum.StrEnum):
    """Every identity document permitcheck recognises, with a stable ``str`` value.

    >>> DocumentKind.HONG_KONG_ID.value, DocumentKind("mainland_id").chinese_name
    ('hong_kong_id', '居民身份证')
    >>> DocumentKind.RESIDENCE_PERMIT.english_name
    'Residence Permit for Hong Kong, Macao and Taiwan Residents'
    """

    #: 港澳台居民居住证, 18 digits starting 810000, 820000 or 830000.
    RESIDENCE_PERMIT = "residence_permit"
    #: 港澳居民来往内地通行证, ``H``/``M`` (and ``HA``/``MA``) numbers.
    HOME_RETURN_PERMIT = "home_return_permit"
    #: 台湾居民来往大陆通行证, 8 digits (10 on old booklets).
    TAIWAN_COMPATRIOT_PERMIT = "taiwan_compatriot_permit"
    #: 居民身份证, 18 characters (GB 11643-1999).
    MAINLAND_ID = "mainland_id"
    #: The first-generation 15-digit 居民身份证 number.
    MAINLAND_ID_15 = "mainland_id_15"
    #: 外国人永久居留身份证 since 2023-12-01, 18 characters starting with 9.
    FOREIGN_PERMANENT_RESIDENT = "foreign_permanent_resident"
    #: 外国人永久居留证 of 2004 and 2017: 3 letters + 12 digits.
    FOREIGN_PERMANENT_RESIDENT_15 = "foreign_permanent_resident_15"
    #: 香港身份证 (HKID).
    HONG_KONG_ID = "hong_kong_id"
    #: 澳门居民身份证 (BIR).
    MACAO_ID = "macao_id"
    #: 台湾身份证 (國民身分證統一編號).
    TAIWAN_ID = "taiwan_id"
    #: 台湾居留证 (居留證統一證號), old (two letters) and 2021 (letter + 8/9) forms.
    TAIWAN_RESIDENT_CERTIFICATE = "taiwan_resident_certificate"

    @property
    def english_name(self) -> str:
        """The document's English name."""
        return _DOCUMENT_NAMES[self][0]

    @property
    def chinese_name(self) -> str:
        """The document's Chinese name (simplified characters)."""
        return _DOCUMENT_NAMES[self][1]

    @property
    def chinese_name_hant(self) -> str:
        """The document's Chinese name (traditional characters)."""
        return _DOCUMENT_NAMES[self][2]

    def name_in(self, language: str, /) -> str:
        """Return the document's name in *language* (see below).

        *language* is any tag :func:`~permitcheck.resolve_language` reads;
        unsupported languages fall back to English.

        >>> DocumentKind.MACAO_ID.name_in("zh-TW")
        '澳門居民身份證'
        """
        english, simplified, traditional = _DOCUMENT_NAMES[self]
        return {"en": english, "zh-Hans": simplified, "zh-Hant": traditional}[
            resolve_language(language)
        ]


_DOCUMENT_NAMES: dict[DocumentKind, tuple[str, str, str]] = {
    DocumentKind.RESIDENCE_PERMIT: (
        "Residence Permit for Hong Kong, Macao and Taiwan Residents",
        "港澳台居民居住证",
        "港澳台居民居住證",
    ),
    DocumentKind.HOME_RETURN_PERMIT: (
        "Mainland Travel Permit for Hong Kong and Macao Residents",
        "港澳居民来往内地通行证",
        "港澳居民來往內地通行證",
    ),
    DocumentKind.TAIWAN_COMPATRIOT_PERMIT: (
        "Mainland Travel Permit for Taiwan Residents",
        "台湾居民来往大陆通行证",
        "台灣居民來往大陸通行證",
    ),
    DocumentKind.MAINLAND_ID: ("Resident Identity Card", "居民身份证", "居民身份證"),
    DocumentKind.MAINLAND_ID_15: (
        "Resident Identity Card, 15-digit number",
        "居民身份证（15 位号码）",
        "居民身份證（15 位號碼）",
    ),
    DocumentKind.FOREIGN_PERMANENT_RESIDENT: (
        "Foreign Permanent Resident ID Card",
        "外国人永久居留身份证",
        "外國人永久居留身份證",
    ),
    DocumentKind.FOREIGN_PERMANENT_RESIDENT_15: (
        "Foreign Permanent Resident ID Card, 15-character number (2004/2017)",
        "外国人永久居留证（15 位号码）",
        "外國人永久居留證（15 位號碼）",
    ),
    DocumentKind.HONG_KONG_ID: ("Hong Kong Identity Card", "香港身份证", "香港身份證"),
    DocumentKind.MACAO_ID: (
        "Macao Resident Identity Card",
        "澳门居民身份证",
        "澳門居民身份證",
    ),
    DocumentKind.TAIWAN_ID: (
        "Taiwan National Identification Card",
        "台湾居民身份证",
        "臺灣國民身分證",
    ),
    DocumentKind.TAIWAN_RESIDENT_CERTIFICATE: (
        "Taiwan Resident Certificate",
        "台湾居留证",
        "臺灣居留證",
    ),
}
