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

__all__ = ["Region", "RegionCode", "Sex", "SexCode", "TravelPermitKind", "TravelPermitKindCode"]


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
