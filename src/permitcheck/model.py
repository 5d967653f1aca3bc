"""Enumerations shared by every document module."""

from __future__ import annotations

import enum

__all__ = ["Region", "Sex", "TravelPermitKind"]


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
        return _NAMES[self]

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
_NAMES = {Region.HK: "Hong Kong", Region.MO: "Macao", Region.TW: "Taiwan"}
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
