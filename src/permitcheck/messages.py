"""Plain-language messages for every error code, in English and Chinese.

Services can show these to their own users.  No message contains the number
that was checked: it is personal data.

>>> message("checksum")
'The check character (the 18th) does not match the rest of the number.'
>>> message("region", "zh-Hans")
'号码须以 810000（香港）、820000（澳门）或 830000（台湾）开头。'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["LANGUAGES", "MESSAGES", "message"]

#: The language tags for which every message exists (BCP 47).
LANGUAGES: tuple[str, ...] = ("en", "zh-Hans", "zh-Hant")

_CATALOGUE: dict[str, dict[str, str]] = {
    # -- residence permit (permitcheck.residence) --------------------------------
    "length": {
        "en": "A residence permit number has 18 characters.",
        "zh-Hans": "居住证号码应为 18 位。",
        "zh-Hant": "居住證號碼應為 18 位。",
    },
    "characters": {
        "en": "The first 17 characters must be digits 0-9 and the 18th a digit or X.",
        "zh-Hans": "前 17 位须为数字 0-9，第 18 位须为数字或 X。",
        "zh-Hant": "前 17 位須為數字 0-9，第 18 位須為數字或 X。",
    },
    "region": {
        "en": "The number must start with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan).",
        "zh-Hans": "号码须以 810000（香港）、820000（澳门）或 830000（台湾）开头。",
        "zh-Hant": "號碼須以 810000（香港）、820000（澳門）或 830000（台灣）開頭。",
    },
    "birth_date": {
        "en": "Characters 7-14 must be a real birth date from 1900-01-01 to today.",
        "zh-Hans": "第 7-14 位须为 1900-01-01 至今日之间的真实出生日期。",
        "zh-Hant": "第 7-14 位須為 1900-01-01 至今日之間的真實出生日期。",
    },
    "checksum": {
        "en": "The check character (the 18th) does not match the rest of the number.",
        "zh-Hans": "校验码（第 18 位）与号码其余部分不符。",
        "zh-Hant": "校驗碼（第 18 位）與號碼其餘部分不符。",
    },
}

#: ``MESSAGES[code][language]`` -> message.  Read-only.
MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {code: MappingProxyType(texts) for code, texts in _CATALOGUE.items()}
)


def message(code: str, language: str = "en", /) -> str:
    """Return the message for *code* in *language* (``en``, ``zh-Hans``, ``zh-Hant``).

    Raises :class:`KeyError` for an unknown code or language.

    >>> message("length", "zh-Hant")
    '居住證號碼應為 18 位。'
    """
    return MESSAGES[code][language]
