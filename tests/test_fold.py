"""Issue 8, point 3: copy-paste separators are folded like spaces and hyphens.

A non-breaking space, a Unicode dash, a zero-width character, a BOM or a tab
inside a number used to make it invalid.  They are now dropped everywhere a
number is read -- residence permits, travel permits, linking and the command
-- while digit look-alikes still fail.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import permitcheck
from permit_reference import HK_SPECIMEN, ISSUE_8_SEPARATORS, TW_SPECIMEN, with_wrong_check
from permitcheck import travel
from permitcheck._normalize import REMOVED, fold

#: Every character issue 8 folds, with its name (the table of the docs).
FOLDED = {
    "\t": "CHARACTER TABULATION",
    "\u00a0": "NO-BREAK SPACE",
    **{chr(code): f"U+{code:04X} space" for code in range(0x2000, 0x200B)},
    "\u202f": "NARROW NO-BREAK SPACE",
    "\u205f": "MEDIUM MATHEMATICAL SPACE",
    "\u3000": "IDEOGRAPHIC SPACE",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
    "\u2010": "HYPHEN",
    "\u2011": "NON-BREAKING HYPHEN",
    "\u2012": "FIGURE DASH",
    "\u2013": "EN DASH",
    "\u2014": "EM DASH",
    "\u2015": "HORIZONTAL BAR",
    "\u2212": "MINUS SIGN",
    "\uff0d": "FULLWIDTH HYPHEN-MINUS",
    " ": "SPACE",
    "-": "HYPHEN-MINUS",
}
CHARACTERS = sorted(FOLDED)
IDS = [f"U+{ord(char):04X}" for char in CHARACTERS]

#: Characters that look like separators or digits but are not folded.
NOT_FOLDED = ["\u00ad", "\u1680", "\u180e", "\u2043", "\u2e3a", "\ufe58", "\ufe63", "\v", "\n"]
DIGIT_LOOK_ALIKES = ["٣", "۳", "३", "²", "₃", "③", "𝟖", "Ⅷ", "八", "\uff10\u0338"]

TRAVEL_NUMBERS = ["H10387877", "H1038787700", "HA1234567", "00000000", "0561682001(D)"]


def test_the_documented_set_is_the_set_folded() -> None:
    assert set(FOLDED) == set(REMOVED) | {"\u3000"}


def test_the_issue_8_characters_are_all_removed() -> None:
    assert ISSUE_8_SEPARATORS <= set(REMOVED)


@pytest.mark.parametrize("char", CHARACTERS, ids=IDS)
def test_fold_drops_the_character_inside_a_number(char: str) -> None:
    assert HK_SPECIMEN == fold(f"810000{char}19940823{char}0021")


@pytest.mark.parametrize("char", CHARACTERS, ids=IDS)
def test_a_residence_permit_with_the_character_is_valid(char: str) -> None:
    number = f"{char}810000{char}1994{char}0823{char}002{char}1{char}"
    assert (True, HK_SPECIMEN, True) == (
        permitcheck.is_valid(number),
        permitcheck.validate(number),
        permitcheck.check(number).valid,
    )


@pytest.mark.parametrize("char", CHARACTERS, ids=IDS)
@pytest.mark.parametrize("number", TRAVEL_NUMBERS)
def test_a_travel_permit_with_the_character_is_valid(char: str, number: str) -> None:
    spelled = f"{number[:3]}{char}{number[3:6]}{char}{number[6:]}"
    assert (True, number) == (travel.is_valid(spelled), travel.validate(spelled))


@pytest.mark.parametrize("char", CHARACTERS, ids=IDS)
def test_link_reads_both_numbers_through_the_fold(char: str) -> None:
    pair = permitcheck.link(f"810000{char}19940823{char}0021", f"H{char}1038{char}7877")
    assert (HK_SPECIMEN, "H10387877") == (pair.key, pair.travel_permit.number)


@pytest.mark.parametrize("char", CHARACTERS, ids=IDS)
def test_a_wrong_number_with_the_character_keeps_its_error(char: str) -> None:
    number = with_wrong_check(TW_SPECIMEN)
    spelled = f"{number[:6]}{char}{number[6:]}"
    assert ["checksum"] == [problem.code for problem in permitcheck.check(spelled).problems]


@pytest.mark.parametrize("char", NOT_FOLDED, ids=lambda char: f"U+{ord(char):04X}")
def test_other_separators_still_make_a_number_invalid(char: str) -> None:
    assert (False, False) == (
        permitcheck.is_valid(f"810000{char}199408230021"),
        travel.is_valid(f"H1038{char}7877"),
    )


@pytest.mark.parametrize("char", DIGIT_LOOK_ALIKES)
def test_digit_look_alikes_still_fail(char: str) -> None:
    number = HK_SPECIMEN[:9] + char + HK_SPECIMEN[10:]
    assert (False, False) == (permitcheck.is_valid(number), travel.is_valid("H1038787" + char))


def test_the_command_folds_them_too() -> None:
    spelled = "\ufeff810000\u00a01994\u20130823\u200b0021"
    result = subprocess.run(
        [sys.executable, "-m", "permitcheck", "check", spelled, "H\u20111038\t7877"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (0, 2) == (result.returncode, result.stdout.count(" valid "))


# -- properties ------------------------------------------------------------------------


@st.composite
def with_separators_inserted(draw: st.DrawFn, number: str) -> str:
    """*number* with any of the folded characters inserted anywhere, any number of times."""
    chars = list(number)
    for _ in range(draw(st.integers(0, 6))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(CHARACTERS)))
    return "".join(chars)


VALID_AND_INVALID = st.sampled_from(
    [
        HK_SPECIMEN,
        TW_SPECIMEN,
        with_wrong_check(HK_SPECIMEN),
        "710000199201300022",
        "81000019940230002X",
        "8100001994082300x1",
        HK_SPECIMEN[:17],
    ]
)


@given(st.data(), VALID_AND_INVALID)
def test_inserting_folded_characters_changes_no_residence_result(
    data: st.DataObject, number: str
) -> None:
    spelled = data.draw(with_separators_inserted(number))
    assert (permitcheck.is_valid(number), permitcheck.check(number).problems) == (
        permitcheck.is_valid(spelled),
        permitcheck.check(spelled).problems,
    )


@given(st.data(), st.sampled_from([*TRAVEL_NUMBERS, "HB1234567", "H1038787", "1234567"]))
def test_inserting_folded_characters_changes_no_travel_result(
    data: st.DataObject, number: str
) -> None:
    spelled = data.draw(with_separators_inserted(number))
    assert (travel.is_valid(number), fold(number)) == (travel.is_valid(spelled), fold(spelled))


@given(st.data(), st.sampled_from(DIGIT_LOOK_ALIKES), st.integers(0, 17))
def test_non_ascii_digits_fail_whatever_is_inserted(
    data: st.DataObject, look_alike: str, position: int
) -> None:
    number = HK_SPECIMEN[:position] + look_alike + HK_SPECIMEN[position + 1 :]
    spelled = data.draw(with_separators_inserted(number))
    assert (False, False) == (permitcheck.is_valid(spelled), permitcheck.check(spelled).valid)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(text) == fold(fold(text))


@given(st.text(alphabet=st.sampled_from(CHARACTERS)))
def test_a_string_of_separators_folds_to_nothing(text: str) -> None:
    assert "" == fold(text)
