"""Shared by the integrations (pydantic, Django): message languages."""

from __future__ import annotations

from permitcheck.messages import LANGUAGES

__all__ = ["resolve_language"]

_EXACT = {language.lower(): language for language in LANGUAGES}
# Regions that write Traditional Chinese (Django's "zh-hant", browsers' "zh-TW").
_HANT = frozenset({"hant", "tw", "hk", "mo"})


def resolve_language(tag: object, /) -> str | None:
    """Return the message language for a BCP 47 or POSIX *tag*, or None if there is none.

    >>> resolve_language("zh-hans"), resolve_language("zh_TW"), resolve_language("en-GB")
    ('zh-Hans', 'zh-Hant', 'en')
    >>> resolve_language("fr") is None
    True
    """
    if not isinstance(tag, str):
        return None
    lowered = tag.strip().replace("_", "-").lower()
    exact = _EXACT.get(lowered)
    if exact is not None:
        return exact
    primary, _, rest = lowered.partition("-")
    if primary == "en":
        return "en"
    if primary == "zh":
        subtags = set(rest.split("-"))
        return "zh-Hant" if subtags & _HANT else "zh-Hans"
    return None
