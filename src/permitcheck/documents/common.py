"""Fields shared by several document kinds: provinces and nationalities.

>>> Province("32").english_name, Province("32").chinese_name
('Jiangsu', '江苏')
>>> Nationality.from_numeric("682")
Nationality(alpha3='SAU', numeric='682')
>>> Nationality.from_alpha3("KAZ").name
'Kazakhstan'
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, ClassVar, Final

import attrs

from permitcheck.documents._iso3166 import COUNTRIES
from permitcheck.privacy import scrubbed

__all__ = ["MaskedValue", "Nationality", "Province"]


class Province(enum.StrEnum):
    """A province-level code of GB/T 2260: the first two digits of an address code.

    ``71`` (Taiwan), ``81`` (Hong Kong) and ``82`` (Macao) are GB/T 2260
    codes too; ``83``, the address code of Taiwan residents' residence
    permits, is not.
    """

    BEIJING = "11"
    TIANJIN = "12"
    HEBEI = "13"
    SHANXI = "14"
    INNER_MONGOLIA = "15"
    LIAONING = "21"
    JILIN = "22"
    HEILONGJIANG = "23"
    SHANGHAI = "31"
    JIANGSU = "32"
    ZHEJIANG = "33"
    ANHUI = "34"
    FUJIAN = "35"
    JIANGXI = "36"
    SHANDONG = "37"
    HENAN = "41"
    HUBEI = "42"
    HUNAN = "43"
    GUANGDONG = "44"
    GUANGXI = "45"
    HAINAN = "46"
    CHONGQING = "50"
    SICHUAN = "51"
    GUIZHOU = "52"
    YUNNAN = "53"
    TIBET = "54"
    SHAANXI = "61"
    GANSU = "62"
    QINGHAI = "63"
    NINGXIA = "64"
    XINJIANG = "65"
    TAIWAN = "71"
    HONG_KONG = "81"
    MACAO = "82"

    @property
    def english_name(self) -> str:
        """The province's English name."""
        return _PROVINCE_NAMES[self.value][0]

    @property
    def chinese_name(self) -> str:
        """The province's Chinese short name (simplified characters)."""
        return _PROVINCE_NAMES[self.value][1]


_PROVINCE_NAMES: Final = {
    "11": ("Beijing", "北京"),
    "12": ("Tianjin", "天津"),
    "13": ("Hebei", "河北"),
    "14": ("Shanxi", "山西"),
    "15": ("Inner Mongolia", "内蒙古"),
    "21": ("Liaoning", "辽宁"),
    "22": ("Jilin", "吉林"),
    "23": ("Heilongjiang", "黑龙江"),
    "31": ("Shanghai", "上海"),
    "32": ("Jiangsu", "江苏"),
    "33": ("Zhejiang", "浙江"),
    "34": ("Anhui", "安徽"),
    "35": ("Fujian", "福建"),
    "36": ("Jiangxi", "江西"),
    "37": ("Shandong", "山东"),
    "41": ("Henan", "河南"),
    "42": ("Hubei", "湖北"),
    "43": ("Hunan", "湖南"),
    "44": ("Guangdong", "广东"),
    "45": ("Guangxi", "广西"),
    "46": ("Hainan", "海南"),
    "50": ("Chongqing", "重庆"),
    "51": ("Sichuan", "四川"),
    "52": ("Guizhou", "贵州"),
    "53": ("Yunnan", "云南"),
    "54": ("Tibet", "西藏"),
    "61": ("Shaanxi", "陕西"),
    "62": ("Gansu", "甘肃"),
    "63": ("Qinghai", "青海"),
    "64": ("Ningxia", "宁夏"),
    "65": ("Xinjiang", "新疆"),
    "71": ("Taiwan", "台湾"),
    "81": ("Hong Kong", "香港"),
    "82": ("Macao", "澳门"),
}
#: The province codes as plain strings, for the validators' membership tests.
PROVINCE_CODES: Final = frozenset(_PROVINCE_NAMES)

_BY_ALPHA3: Final = {alpha3: (numeric, name) for alpha3, numeric, name in COUNTRIES}
_BY_NUMERIC: Final = {numeric: alpha3 for alpha3, numeric, _name in COUNTRIES}
#: ISO 3166-1 alpha-3 and numeric codes known to the package.
ALPHA3_CODES: Final = frozenset(_BY_ALPHA3)
NUMERIC_CODES: Final = frozenset(_BY_NUMERIC)


def _check_pair(instance: Nationality, attribute: object, value: str) -> None:
    if _BY_ALPHA3.get(instance.alpha3, ("",))[0] != value:
        raise ValueError("alpha3 and numeric are not one ISO 3166-1 country")


@attrs.frozen
class Nationality:
    """A country of ISO 3166-1 (GB/T 2659): its alpha-3 and numeric codes.

    The table ships with the package (generated from the ISO 3166-1 list);
    construct through :meth:`from_alpha3` or :meth:`from_numeric`.
    """

    #: The ISO 3166-1 alpha-3 code, e.g. ``'CAN'``.
    alpha3: str
    #: The ISO 3166-1 numeric code as 3 digits, e.g. ``'124'``.
    numeric: str = attrs.field(validator=_check_pair)

    @property
    def name(self) -> str:
        """The country's English short name (ISO 3166-1)."""
        return _BY_ALPHA3[self.alpha3][1]

    @classmethod
    def from_alpha3(cls, code: str, /) -> Nationality:
        """Return the country with alpha-3 *code*; :class:`ValueError` if there is none."""
        entry = _BY_ALPHA3.get(code)
        if entry is None:
            raise ValueError("not an ISO 3166-1 alpha-3 code")
        return cls(code, entry[0])

    @classmethod
    def from_numeric(cls, code: str, /) -> Nationality:
        """Return the country with the 3-digit numeric *code*; :class:`ValueError` if none."""
        alpha3 = _BY_NUMERIC.get(code)
        if alpha3 is None:
            raise ValueError("not an ISO 3166-1 numeric code")
        return cls(alpha3, code)


def mask_tail(number: str, keep: int, keep_last: bool = False) -> str:
    """Return *number* with every character after the first *keep* hidden.

    Brackets stay; with *keep_last* the last character stays too.
    """
    end = len(number) - 1 if keep_last else len(number)
    hidden = "".join(char if char in "()" else "*" for char in number[keep:end])
    return number[:keep] + hidden + number[end:]


def _bracketed_mask(keep: int) -> Callable[[str], str]:
    def mask(number: str) -> str:
        kept = number[:keep] if number[:keep].isalpha() else ""
        rest = len(number) - len(kept)
        return kept + "*" * max(rest - 1, 0) + ("(*)" if rest > 0 else "")

    return mask


def _hong_kong_mask(number: str) -> str:
    return _bracketed_mask(2 if number[1:2].isalpha() else 1)(number)


class MaskedValue:
    """What every document value type renders: only its masked number, never raising.

    ``str()``, ``repr()``, f-strings, rich and the IPython/Hypothesis pretty
    printers show the mask; a half-built instance (a failed ``__init__`` in a
    traceback's locals) shows ``<unset>``.  Constructing one validates the
    number with the kind's ``validate``; a failure leaves no input in the
    traceback's locals (docs/privacy.md).
    """

    __slots__ = ()
    #: Masks a compact number of the subclass's kind, in a 1-tuple (set by each subclass).
    _mask_number: ClassVar[tuple[Callable[[str], str]]]
    #: The kind's ``validate``, in a 1-tuple (set by each subclass).
    _validate: ClassVar[tuple[Callable[[str], str]]]

    @scrubbed
    def __init__(self, number: str) -> None:
        # Written by hand (each subclass is attrs.frozen(init=False)), not as
        # an attrs converter and validator: their generated __init__ would
        # hold the raw input in its frame when validation fails.
        object.__setattr__(self, "number", self._validate[0](number))

    def __str__(self) -> str:
        number = getattr(self, "number", None)
        return self._mask_number[0](number) if type(number) is str else "<unset>"

    def __format__(self, spec: str) -> str:
        return str(self).__format__(spec)

    def _repr_extra(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}{self._repr_extra()})"

    def __rich_repr__(self) -> Iterator[str]:
        yield str(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


#: The masks of the document kinds, as 1-tuples (a plain function stored on a
#: class would become a method): what of the number stays visible.
MASK_MAINLAND: Final = (partial(mask_tail, keep=0, keep_last=True),)
MASK_ALL: Final = (partial(mask_tail, keep=0),)
MASK_FOREIGN: Final = (partial(mask_tail, keep=1, keep_last=True),)
MASK_FOREIGN_15: Final = (partial(mask_tail, keep=3),)
MASK_HONG_KONG: Final = (_hong_kong_mask,)
MASK_MACAO: Final = (_bracketed_mask(0),)
