"""Issue 8, point 2: messages for the language tags web frameworks and locales give.

``message(code, lang)`` used to raise a bare KeyError for anything but ``en``,
``zh-Hans`` and ``zh-Hant``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import permitcheck
from permit_reference import with_wrong_check
from permitcheck import Region, TravelPermitKind, language_from_environment, message
from permitcheck import resolve_language as resolve

#: Every tag the issue names, and then some: (tag, language, message language).
TAGS = [
    # the three message languages themselves
    ("en", "en"),
    ("zh-Hans", "zh-Hans"),
    ("zh-Hant", "zh-Hant"),
    # BCP 47
    ("zh", "zh-Hans"),
    ("zh-CN", "zh-Hans"),
    ("zh-SG", "zh-Hans"),
    ("zh-MY", "zh-Hans"),
    ("zh-TW", "zh-Hant"),
    ("zh-HK", "zh-Hant"),
    ("zh-MO", "zh-Hant"),
    ("zh-Hant-TW", "zh-Hant"),
    ("zh-Hant-HK", "zh-Hant"),
    ("zh-Hans-CN", "zh-Hans"),
    ("zh-Hans-HK", "zh-Hans"),  # the script wins over the region
    ("zh-Hant-CN", "zh-Hant"),
    ("cmn-Hans-CN", "zh-Hans"),
    ("cmn-Hant-TW", "zh-Hant"),
    ("yue", "zh-Hant"),
    ("yue-HK", "zh-Hant"),
    ("yue-Hans-CN", "zh-Hans"),
    ("en-US", "en"),
    ("en-GB", "en"),
    ("EN-us", "en"),
    ("ZH-tw", "zh-Hant"),
    # POSIX locale names
    ("zh_CN", "zh-Hans"),
    ("zh_CN.UTF-8", "zh-Hans"),
    ("zh_CN.GB18030", "zh-Hans"),
    ("zh_TW", "zh-Hant"),
    ("zh_TW.UTF-8", "zh-Hant"),
    ("zh_TW.Big5", "zh-Hant"),
    ("zh_HK.UTF-8", "zh-Hant"),
    ("zh_HK.big5hkscs", "zh-Hant"),
    ("zh_MO.UTF-8", "zh-Hant"),
    ("zh_SG.UTF-8", "zh-Hans"),
    ("zh_CN.UTF-8@pinyin", "zh-Hans"),
    ("en_GB", "en"),
    ("en_US.UTF-8", "en"),
    ("C", "en"),
    ("C.UTF-8", "en"),
    ("POSIX", "en"),
    # gettext LANGUAGE lists
    ("zh_TW:zh_CN:en", "zh-Hant"),
    ("fr:de:zh_CN", "zh-Hans"),
    # Accept-Language
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
    ("en-US,en;q=0.9,zh-TW;q=0.8", "en"),
    ("fr-CH, fr;q=0.9, zh-HK;q=0.8, en;q=0.7, *;q=0.5", "zh-Hant"),
    ("en;q=0.5, zh-TW;q=0.9", "zh-Hant"),  # weights, not order
    ("zh-TW;q=0, en", "en"),  # q=0: not acceptable
    ("zh-TW;q=0.8, zh-CN;q=0.8", "zh-Hant"),  # equal weights: first wins
    ("zh-TW;q=abc, zh-CN", "zh-Hans"),  # unreadable weight: ignored
    ("ZH-HK;Q=1", "zh-Hant"),
    # the fallback: English
    ("fr", "en"),
    ("de-DE", "en"),
    ("ja_JP.UTF-8", "en"),
    ("*", "en"),
    ("", "en"),
    (" , ;q=1", "en"),
    ("zz-Hant", "en"),
]


@pytest.mark.parametrize(("tag", "expected"), TAGS)
def test_every_tag_resolves(tag: str, expected: str) -> None:
    assert expected == resolve(tag)


@pytest.mark.parametrize(("tag", "expected"), TAGS)
def test_every_tag_gives_the_message_of_its_language(tag: str, expected: str) -> None:
    assert message("checksum", expected) == message("checksum", tag)


def test_none_is_english() -> None:
    assert "en" == resolve(None)


def test_a_non_string_tag_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        resolve(b"zh-CN")  # type: ignore[arg-type]


@given(st.text())
def test_any_text_resolves_to_a_message_language(tag: str) -> None:
    assert resolve(tag) in permitcheck.messages.LANGUAGES


@given(st.text())
def test_message_never_raises_for_a_known_code(tag: str) -> None:
    languages = ("en", "zh-Hans", "zh-Hant")
    assert message("length", tag) in {message("length", language) for language in languages}


# -- the environment, as gettext reads it ------------------------------------------------

ENVIRONMENTS = [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh-Hans"),
    ({"LANG": "zh_TW.UTF-8"}, "zh-Hant"),
    ({"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh-Hant"),
    ({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh-Hans"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANGUAGE": "zh_TW:en", "LC_ALL": "zh_CN.UTF-8"}, "zh-Hant"),  # LANGUAGE first
    ({"LANGUAGE": "fr:zh_CN", "LANG": "en_US.UTF-8"}, "zh-Hans"),
    ({"LANGUAGE": "", "LANG": "zh_HK.UTF-8"}, "zh-Hant"),  # empty is unset
    ({"LANGUAGE": "de", "LANG": "zh_CN.UTF-8"}, "en"),  # LANGUAGE decides, then falls back
    ({"LC_CTYPE": "zh_CN.UTF-8"}, "en"),  # not a messages variable
]


@pytest.mark.parametrize(("environ", "expected"), ENVIRONMENTS)
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert expected == language_from_environment(environ)


def test_language_from_environment_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANGUAGE", "zh_MO")
    assert "zh-Hant" == language_from_environment()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "zh_TW", "LANG": "en_US.UTF-8"}, "zh-Hant"),
        ({"LANGUAGE": "zh_CN:en", "LC_ALL": "zh_TW.UTF-8"}, "zh-Hans"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_the_command_default_language_reads_language_first(
    environ: dict[str, str], expected: str
) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}
    }
    result = subprocess.run(
        [sys.executable, "-m", "permitcheck", "check", with_wrong_check("810000199408230021")],
        check=False,
        capture_output=True,
        text=True,
        env=env | environ,
        timeout=120,
    )
    assert message("checksum", expected) in result.stdout


# -- public names of regions and travel permit kinds ---------------------------------------

REGION_NAMES = [
    (Region.HK, "Hong Kong", "香港", "香港"),
    (Region.MO, "Macao", "澳门", "澳門"),
    (Region.TW, "Taiwan", "台湾", "台灣"),
]


@pytest.mark.parametrize(("region", "english", "simplified", "traditional"), REGION_NAMES)
def test_region_names(region: Region, english: str, simplified: str, traditional: str) -> None:
    assert (english, simplified, english, simplified, traditional, traditional, english) == (
        region.english_name,
        region.chinese_name,
        region.name_in("en-GB"),
        region.name_in("zh-CN"),
        region.name_in("zh-Hant"),
        region.name_in("zh_HK.UTF-8"),
        region.name_in("fr"),
    )


KIND_NAMES = [
    (
        TravelPermitKind.HOME_RETURN,
        "Mainland Travel Permit for Hong Kong and Macao Residents",
        "港澳居民来往内地通行证",
        "港澳居民來往內地通行證",
    ),
    (
        TravelPermitKind.HOME_RETURN_NON_CHINESE,
        "Mainland Travel Permit for Hong Kong and Macao Residents (non-Chinese nationals)",
        "港澳居民来往内地通行证（非中国籍）",
        "港澳居民來往內地通行證（非中國籍）",
    ),
    (
        TravelPermitKind.TAIWAN_COMPATRIOT,
        "Mainland Travel Permit for Taiwan Residents",
        "台湾居民来往大陆通行证",
        "台灣居民來往大陸通行證",
    ),
]


@pytest.mark.parametrize(("kind", "english", "simplified", "traditional"), KIND_NAMES)
def test_travel_permit_kind_names(
    kind: TravelPermitKind, english: str, simplified: str, traditional: str
) -> None:
    assert (english, simplified, traditional, english) == (
        kind.english_name,
        kind.chinese_name,
        kind.name_in("zh-TW"),
        kind.name_in("de"),
    )
