"""Shared by the integrations (pydantic, Django, attrs): message languages and identify()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from permitcheck.messages import LANGUAGES

__all__ = ["identify", "identity_compact", "resolve_language"]

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


def identify(number: str, kinds: Iterable[str] | None) -> Any:
    """Call :func:`permitcheck.identify` (loaded on first use) with *kinds* as a list."""
    import permitcheck  # noqa: PLC0415 - the package is loaded; identify() loads lazily

    found: Any = permitcheck.identify
    return found(number, kinds=None if kinds is None else list(kinds))


def identity_compact(number: str, kinds: Iterable[str] | None) -> str:
    """Return the compact form of *number*, a valid number of one of *kinds* (or any)."""
    return str(identify(number, kinds).document.number)
