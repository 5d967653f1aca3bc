"""The residence permit rules of issue 2, one table row per rule and edge case.

Rules (issue 2, FORMATS.md §1), checked in this order, first failure wins:

1. length is 18 (after compact)                -> ``length``,     stdnum ``InvalidLength``
2. 1-17 ASCII digits, 18th ASCII digit or X     -> ``characters``, stdnum ``InvalidFormat``
3. prefix 810000, 820000 or 830000              -> ``region``,     stdnum ``InvalidComponent``
4. YYYYMMDD real, >= 1900-01-01, <= today UTC+8 -> ``birth_date``, stdnum ``InvalidComponent``
5. ISO 7064 MOD 11-2 check character            -> ``checksum``,   stdnum ``InvalidChecksum``

Every valid number below is built with the test's own MOD 11-2 reference
(``permit_reference``), never with ``permitcheck.calc_check_digit``.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import subprocess
import sys
from collections.abc import Callable
from typing import TypeVar

import pytest
import stdnum.exceptions

import permitcheck
from permit_reference import (
    CST,
    HK_SPECIMEN,
    TODAY,
    TW_SPECIMEN,
    check_character,
    cst_today,
    ending_in,
    first_problem,
    make,
    recursive_check_character,
    with_wrong_check,
)
from permitcheck import residence

T = TypeVar("T")

#: code -> (our class, the stdnum parent the issue names for it).
RULES = {
    "length": (permitcheck.InvalidLength, stdnum.exceptions.InvalidLength),
    "characters": (permitcheck.InvalidCharacters, stdnum.exceptions.InvalidFormat),
    "region": (permitcheck.InvalidRegion, stdnum.exceptions.InvalidComponent),
    "birth_date": (permitcheck.InvalidBirthDate, stdnum.exceptions.InvalidComponent),
    "checksum": (permitcheck.InvalidChecksum, stdnum.exceptions.InvalidChecksum),
}

MO_GENERATED = make("820000", "20011220", "123")
#: A number whose correct check character is X (S % 11 == 2).
X_NUMBER = ending_in("X")
#: A number whose check character is a digit, but an X is written instead.
X_WRONG = HK_SPECIMEN[:17] + "X"
FULL_WIDTH_HK = "８１００００１９９４０８２３００２１"


def full_width(text: str) -> str:
    """Write ASCII digits, letters and '-' in their full-width forms (U+FF01-U+FF5E)."""
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


def replace_at(text: str, index: int, char: str) -> str:
    return text[:index] + char + text[index + 1 :]


VALID = [
    # -- the public specimens and a generated Macao number --------------------
    pytest.param(HK_SPECIMEN, HK_SPECIMEN, id="HK specimen 810000199408230021"),
    pytest.param(TW_SPECIMEN, TW_SPECIMEN, id="TW specimen 830000199201300022"),
    pytest.param(MO_GENERATED, MO_GENERATED, id="generated Macao 820000 number"),
    pytest.param(X_NUMBER, X_NUMBER, id="check character X"),
    # -- compact() folding: spaces, hyphens, full-width forms, lowercase x ---
    pytest.param(X_NUMBER.lower(), X_NUMBER, id="lowercase x"),
    pytest.param("810000 19940823 0021", HK_SPECIMEN, id="spaces removed"),
    pytest.param("810000-19940823-0021", HK_SPECIMEN, id="hyphens removed"),
    pytest.param(FULL_WIDTH_HK, HK_SPECIMEN, id="full-width digits"),
    pytest.param(full_width(X_NUMBER), X_NUMBER, id="full-width X"),
    pytest.param(full_width(X_NUMBER.lower()), X_NUMBER, id="full-width lowercase x"),
    pytest.param("810000－19940823－0021", HK_SPECIMEN, id="full-width hyphen U+FF0D"),
    pytest.param("810000\u300019940823\u30000021", HK_SPECIMEN, id="ideographic space U+3000"),
    pytest.param("\u3000810000199408230021\u3000", HK_SPECIMEN, id="surrounding U+3000"),
    pytest.param("810000199408230021\n", HK_SPECIMEN, id="trailing newline stripped"),
    pytest.param("\t 810000199408230021 \r\n", HK_SPECIMEN, id="surrounding whitespace"),
    pytest.param("８１００００ 1994-0823 ００２１", HK_SPECIMEN, id="mixed widths and separators"),
    # -- birth date boundaries (today fixed at 2024-06-01) ---------------------
    pytest.param(make("810000", "19000101"), make("810000", "19000101"), id="1900-01-01"),
    pytest.param(make("820000", "20000229"), make("820000", "20000229"), id="2000-02-29 leap"),
    pytest.param(make("830000", "20240229"), make("830000", "20240229"), id="2024-02-29 leap"),
    pytest.param(make("830000", "19961231"), make("830000", "19961231"), id="Dec 31"),
    pytest.param(make("810000", "20240601"), make("810000", "20240601"), id="born today"),
    pytest.param(make("810000", "19800430"), make("810000", "19800430"), id="30 April"),
]

INVALID = [
    # -- 1. length ---------------------------------------------------------------
    pytest.param("", "length", id="empty string"),
    pytest.param("   ", "length", id="only spaces"),
    pytest.param(HK_SPECIMEN[:17], "length", id="17 characters"),
    pytest.param(HK_SPECIMEN + "1", "length", id="19 characters"),
    pytest.param("8" * 17, "length", id="'8'*17"),
    pytest.param("8" * 19, "length", id="'8'*19"),
    pytest.param("abc", "length", id="length before characters"),
    pytest.param("810000199408230021\n0", "length", id="inner newline is not removed"),
    pytest.param("810000\v19940823 0021", "length", id="inner vertical tab is not removed"),
    pytest.param(HK_SPECIMEN[:16] + "⑱", "length", id="circled 18 is one character"),
    # -- 2. characters ---------------------------------------------------------
    pytest.param("٨١٠٠٠٠١٩٩٤٠٨٢٣٠٠٢١", "characters", id="Arabic-Indic digits"),
    pytest.param(replace_at(HK_SPECIMEN, 9, "٤"), "characters", id="one Arabic-Indic digit"),
    pytest.param("۸۱۰۰۰۰۱۹۹۴۰۸۲۳۰۰۲۱", "characters", id="Extended Arabic-Indic digits"),
    pytest.param("८१००००१९९४०८२३००२१", "characters", id="Devanagari digits"),
    pytest.param(replace_at(HK_SPECIMEN, 17, "¹"), "characters", id="superscript one"),
    pytest.param(replace_at(HK_SPECIMEN, 16, "²"), "characters", id="superscript two"),
    pytest.param(replace_at(HK_SPECIMEN, 5, "⓪"), "characters", id="circled zero"),
    pytest.param(replace_at(HK_SPECIMEN, 15, "②"), "characters", id="circled two"),
    pytest.param(replace_at(HK_SPECIMEN, 0, "𝟖"), "characters", id="mathematical bold 8"),
    pytest.param(replace_at(HK_SPECIMEN, 13, "\u2083"), "characters", id="subscript three"),
    pytest.param("81000019940823X021", "characters", id="X in position 15"),
    pytest.param("X10000199408230021", "characters", id="X in position 1"),
    pytest.param("81000019940823002X".replace("2X", "X1"), "characters", id="X in position 17"),
    pytest.param("81000019940823x021", "characters", id="lowercase x not last"),
    pytest.param("81000019940823002Y", "characters", id="Y as check character"),
    pytest.param("8100O0199408230021", "characters", id="letter O for zero"),
    pytest.param("+81000199408230021", "characters", id="plus sign (int() accepts it)"),
    pytest.param("810_00199408230021", "characters", id="underscore (int() accepts it)"),
    pytest.param("81000\v199408230021", "characters", id="inner vertical tab, 18 characters"),
    pytest.param("81000\u1680199408230021", "characters", id="U+1680 ogham space is not folded"),
    pytest.param("81000\u2043199408230021", "characters", id="U+2043 hyphen bullet is not folded"),
    pytest.param("81000\u00ad199408230021", "characters", id="U+00AD soft hyphen is not folded"),
    pytest.param("xxxxxxxxxxxxxxxxxx", "characters", id="18 letters"),
    pytest.param("71000019940823002٣", "characters", id="characters before region"),
    # -- 3. region -------------------------------------------------------------
    pytest.param("8" * 18, "region", id="'8'*18"),
    pytest.param(make("710000"), "region", id="710000 (GB/T 2260 Taiwan Province)"),
    pytest.param("11010519491231002X", "region", id="mainland ID 110105 (GB 11643 example)"),
    pytest.param(make("440305"), "region", id="mainland prefix 440305"),
    pytest.param(make("800000"), "region", id="800000"),
    pytest.param(make("840000"), "region", id="840000"),
    pytest.param(make("810001"), "region", id="810001 (no districts)"),
    pytest.param(make("081000"), "region", id="081000"),
    pytest.param("932682198501010017", "region", id="foreign PR card 9..."),
    pytest.param(make("710000", "19000229"), "region", id="region before birth_date"),
    pytest.param(with_wrong_check(make("710000")), "region", id="region before checksum"),
    # -- 4. birth date ---------------------------------------------------------
    pytest.param(make("810000", "19000229"), "birth_date", id="1900-02-29 (not leap)"),
    pytest.param(make("810000", "20230229"), "birth_date", id="2023-02-29"),
    pytest.param(make("810000", "21000229"), "birth_date", id="2100-02-29"),
    pytest.param(make("810000", "18991231"), "birth_date", id="1899-12-31"),
    pytest.param(make("810000", "00010101"), "birth_date", id="0001-01-01"),
    pytest.param(make("810000", "00000000"), "birth_date", id="00000000"),
    pytest.param(make("810000", "19940230"), "birth_date", id="February 30"),
    pytest.param(make("810000", "19940431"), "birth_date", id="April 31"),
    pytest.param(make("810000", "19941301"), "birth_date", id="month 13"),
    pytest.param(make("810000", "19940001"), "birth_date", id="month 00"),
    pytest.param(make("810000", "19940800"), "birth_date", id="day 00"),
    pytest.param(make("810000", "19940832"), "birth_date", id="day 32"),
    pytest.param(make("810000", "20240602"), "birth_date", id="tomorrow"),
    pytest.param(make("810000", "20250101"), "birth_date", id="next year"),
    pytest.param(make("810000", "99991231"), "birth_date", id="9999-12-31"),
    pytest.param(with_wrong_check(make("810000", "19000229")), "birth_date", id="before checksum"),
    # -- 5. checksum -----------------------------------------------------------
    pytest.param(with_wrong_check(HK_SPECIMEN), "checksum", id="HK specimen, wrong check"),
    pytest.param("830000199201300023", "checksum", id="TW specimen, wrong check"),
    pytest.param(X_WRONG, "checksum", id="X where a digit is due"),
    pytest.param(X_NUMBER[:17] + "0", "checksum", id="digit where X is due"),
    pytest.param("810000199408230012", "checksum", id="sequence digits swapped"),
    pytest.param("81000019940823 002 2", "checksum", id="after compact"),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_validate_returns_the_compact_number(text: str, expected: str) -> None:
    assert expected == permitcheck.validate(text, today=TODAY)


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_is_valid_accepts(text: str, expected: str) -> None:
    # is_valid has no today=; every VALID date is on or before 2024-06-01.
    assert permitcheck.is_valid(text) is True


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parse_number_is_the_compact_number(text: str, expected: str) -> None:
    assert expected == permitcheck.parse(text, today=TODAY).number


@pytest.mark.parametrize(("text", "code"), INVALID)
def test_validate_raises_class_parent_and_code(text: str, code: str) -> None:
    our_class, stdnum_parent = RULES[code]
    with pytest.raises(permitcheck.PermitError) as caught:
        permitcheck.validate(text, today=TODAY)
    error = caught.value
    assert (our_class, code) == (type(error), error.code)
    assert isinstance(error, stdnum_parent)
    assert isinstance(error, stdnum.exceptions.ValidationError)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(("text", "code"), INVALID)
def test_parse_raises_the_same_error_as_validate(text: str, code: str) -> None:
    our_class, stdnum_parent = RULES[code]
    with pytest.raises(our_class) as caught:
        permitcheck.parse(text, today=TODAY)
    assert code == caught.value.code
    assert isinstance(caught.value, stdnum_parent)


@pytest.mark.parametrize(("text", "code"), INVALID)
def test_check_reports_the_first_failure_first(text: str, code: str) -> None:
    result = permitcheck.check(text, today=TODAY)
    assert (False, code) == (result.valid, result.problems[0].code)


@pytest.mark.parametrize(("text", "code"), INVALID)
def test_is_valid_agrees_with_the_rules_for_the_real_today(text: str, code: str) -> None:
    # is_valid has no today=: rows born after 2024-06-01 depend on the real date.
    expected = first_problem(text, cst_today()) is None
    assert expected == permitcheck.is_valid(text)


@pytest.mark.parametrize(("text", "code"), INVALID)
def test_module_functions_are_the_package_functions(text: str, code: str) -> None:
    # stdnum's module contract: permitcheck.residence offers the same functions.
    with pytest.raises(RULES[code][0]):
        residence.validate(text, today=TODAY)


# -- the reference itself -------------------------------------------------------


def test_reference_reproduces_the_worked_example() -> None:
    # FORMATS.md §1: 810000199408230021 -> S = 253, 253 % 11 = 0 -> '1'.
    assert "1" == check_character("81000019940823002")


def test_reference_forms_agree_on_the_specimens() -> None:
    bodies = [HK_SPECIMEN[:17], TW_SPECIMEN[:17], "11010519491231002", "93268219850101001"]
    assert [check_character(body) for body in bodies] == [
        recursive_check_character(body) for body in bodies
    ]


def test_x_number_really_ends_in_x() -> None:
    assert "X" == X_NUMBER[17]


# -- today: the birth date may be today (UTC+8) but not tomorrow -----------------


@pytest.mark.parametrize(
    ("today", "valid"),
    [
        pytest.param(datetime.date(1994, 8, 23), True, id="born that day"),
        pytest.param(datetime.date(1994, 8, 22), False, id="the day before birth"),
        pytest.param(datetime.date(2100, 1, 1), True, id="far future today"),
    ],
)
def test_today_override(today: datetime.date, valid: bool) -> None:
    assert valid == permitcheck.check(HK_SPECIMEN, today=today).valid


def test_today_override_birth_date_error_class_and_code() -> None:
    with pytest.raises(permitcheck.InvalidBirthDate) as caught:
        permitcheck.validate(HK_SPECIMEN, today=datetime.date(1994, 8, 22))
    assert "birth_date" == caught.value.code
    assert isinstance(caught.value, stdnum.exceptions.InvalidComponent)


def test_today_accepts_a_datetime_as_a_date() -> None:
    assert HK_SPECIMEN == permitcheck.validate(HK_SPECIMEN, today=datetime.datetime(1994, 8, 23))


@pytest.mark.parametrize("function", [permitcheck.validate, permitcheck.parse, permitcheck.check])
def test_today_must_be_a_date(function: Callable[..., object]) -> None:
    with pytest.raises(TypeError):
        function(HK_SPECIMEN, today="2024-06-01")


@pytest.mark.parametrize("function", [permitcheck.validate, permitcheck.parse, permitcheck.check])
def test_today_is_keyword_only(function: Callable[..., object]) -> None:
    with pytest.raises(TypeError):
        function(HK_SPECIMEN, TODAY)


def _stable_cst(probe: Callable[[str], T], days: int) -> tuple[T, datetime.date]:
    """Run *probe* on the number born *days* after today in UTC+8, retrying at midnight.

    Returns (probe result, the birth date used).  If the UTC+8 date changes
    while the probe runs (the test straddles midnight), the probe is repeated.
    """
    for _attempt in range(3):
        before = cst_today()
        birth = before + datetime.timedelta(days=days)
        outcome = probe(make("810000", birth, "135"))
        if cst_today() == before:
            return outcome, birth
    raise AssertionError("the UTC+8 date kept changing")  # pragma: no cover - clock jumps


# Together these pin the default clock to UTC+8: a clock behind UTC+8 (UTC, or
# the machine's zone west of it) would reject "today" in the hours its date
# lags; a clock ahead of UTC+8 would accept "tomorrow" in the hours it leads.


def test_default_today_is_valid_accepts_birth_today_in_utc8() -> None:
    assert True is _stable_cst(permitcheck.is_valid, 0)[0]


def test_default_today_validate_accepts_birth_today_in_utc8() -> None:
    outcome, birth = _stable_cst(permitcheck.validate, 0)
    assert make("810000", birth, "135") == outcome


def test_default_today_is_valid_rejects_birth_tomorrow_in_utc8() -> None:
    assert False is _stable_cst(permitcheck.is_valid, 1)[0]


def test_default_today_validate_rejects_tomorrow_with_birth_date() -> None:
    def probe(number: str) -> tuple[type, str]:
        with pytest.raises(permitcheck.PermitError) as caught:
            permitcheck.validate(number)
        return type(caught.value), caught.value.code

    assert (permitcheck.InvalidBirthDate, "birth_date") == _stable_cst(probe, 1)[0]


def test_default_today_check_accepts_birth_today_in_utc8() -> None:
    assert True is _stable_cst(lambda number: permitcheck.check(number).valid, 0)[0]


def test_default_today_check_rejects_tomorrow_in_utc8() -> None:
    def probe(number: str) -> list[str]:
        return [problem.code for problem in permitcheck.check(number).problems]

    assert ["birth_date"] == _stable_cst(probe, 1)[0]


def test_default_today_parse_accepts_birth_today_in_utc8() -> None:
    outcome, birth = _stable_cst(permitcheck.parse, 0)
    assert birth == outcome.birth_date


def test_default_today_constructor_rejects_tomorrow() -> None:
    def probe(number: str) -> str:
        with pytest.raises(permitcheck.InvalidBirthDate) as caught:
            permitcheck.ResidencePermit(number)
        return caught.value.code

    assert "birth_date" == _stable_cst(probe, 1)[0]


# -- the same, deterministically: a child process with a stopped clock ------------------


def _child_is_valid(now: datetime.datetime, zone: str, numbers: list[str]) -> list[bool]:
    """is_valid(*numbers*) in a fresh interpreter whose time.time() is *now*.

    The child's machine zone is *zone* (a POSIX TZ string, no tz database
    needed).  Only the child's clock is stopped, before permitcheck is
    imported, so this process and its cached "today" are untouched.  If the
    library ever reads another clock, the child sees the real time instead;
    *now* is on the real UTC+8 date, so the expectations still hold.
    """
    code = (
        "import sys, time; stopped = float(sys.argv[1]); time.time = lambda: stopped; "
        "import permitcheck; print(*[permitcheck.is_valid(n) for n in sys.argv[2:]])"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("COVERAGE_")}
    env["TZ"] = zone
    result = subprocess.run(
        [sys.executable, "-c", code, repr(now.timestamp()), *numbers],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return [word == "True" for word in result.stdout.split()]


@pytest.mark.parametrize(
    ("clock", "zone"),
    [
        # 00:01 in UTC+8 is 16:01 the day before in UTC and 04:01 the day
        # before at UTC-12: a clock behind UTC+8 says "yesterday" here.
        pytest.param(datetime.time(0, 1), "WEST+12", id="00:01 UTC+8, machine at UTC-12"),
        pytest.param(datetime.time(0, 1), "UTC0", id="00:01 UTC+8, machine at UTC"),
        # 23:59 in UTC+8 is 05:59 the next day at UTC+14: a clock ahead of
        # UTC+8 says "tomorrow" here.
        pytest.param(datetime.time(23, 59), "EAST-14", id="23:59 UTC+8, machine at UTC+14"),
        pytest.param(datetime.time(23, 59), "UTC0", id="23:59 UTC+8, machine at UTC"),
    ],
)
def test_default_today_is_the_date_in_utc8(clock: datetime.time, zone: str) -> None:
    today = cst_today()
    tomorrow = today + datetime.timedelta(days=1)
    now = datetime.datetime.combine(today, clock, tzinfo=CST)
    numbers = [make("820000", today, "246"), make("820000", tomorrow, "246")]
    assert [True, False] == _child_is_valid(now, zone, numbers)


# -- found by mutation testing (issue 11): rules the hot paths must keep -------------------------

#: Bodies in years that had ended at import: validate() takes its fast path for them.
SETTLED_BODIES = [
    f"{prefix}{year}{month:02d}{day:02d}{sequence:03d}"
    for prefix, year, month, day, sequence in [
        ("810000", 1994, 8, 23, 2),
        ("820000", 1960, 1, 31, 117),
        ("830000", 2001, 12, 1, 998),
        ("810000", 1979, 6, 15, 450),
        ("820000", 2015, 3, 9, 31),
        ("830000", 1988, 11, 30, 604),
        ("810000", 1950, 7, 4, 73),
        ("830000", 2010, 2, 28, 289),
    ]
]


@pytest.mark.parametrize("body", SETTLED_BODIES)
def test_validate_accepts_exactly_one_check_character(body: str) -> None:
    accepted = []
    for last in "0123456789X":
        with contextlib.suppress(permitcheck.InvalidChecksum):
            accepted.append(permitcheck.validate(body + last))
    assert [body + check_character(body)] == accepted


def test_digit_strings_of_17_or_19_characters_have_the_wrong_length() -> None:
    # Among these some have a weighted sum that would pass MOD 11-2.
    numbers = [HK_SPECIMEN[:16] + digit for digit in "0123456789"]
    numbers += [HK_SPECIMEN[:17] + pair for pair in (f"{n:02d}" for n in range(100))]
    refused = []
    for number in numbers:
        with pytest.raises(permitcheck.InvalidLength):
            permitcheck.validate(number)
        refused.append(permitcheck.is_valid(number))
    assert [False] * len(numbers) == refused


def test_an_18th_character_other_than_a_digit_or_x_is_never_valid() -> None:
    body = X_NUMBER[:17]
    assert [False] * 6 + [True, True] == [
        permitcheck.is_valid(body + last) for last in ("Y", "A", "/", "*", "Z", " ", "X", "x")
    ]


def test_feb_29_only_in_leap_years() -> None:
    # Gregorian: every 4th year, not centuries unless divisible by 400.
    years = [1998, 2002, 2006, 2010, 1900, 1996, 2000, 2004, 2008]
    assert [False] * 5 + [True] * 4 == [
        permitcheck.is_valid(make("810000", f"{year}0229", "002")) for year in years
    ]


def test_a_str_subclass_is_a_str() -> None:
    class Text(str):
        __slots__ = ()

    assert (True, HK_SPECIMEN) == (
        permitcheck.is_valid(Text(HK_SPECIMEN)),
        permitcheck.validate(Text(HK_SPECIMEN)),
    )


def test_validate_refuses_a_list_with_type_error() -> None:
    with pytest.raises(TypeError):
        permitcheck.validate(list(HK_SPECIMEN))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "number",
    ["81000A19940823002", "810000199408230X1", "8A"],
)
def test_a_number_of_the_wrong_length_is_also_judged_on_its_characters(number: str) -> None:
    assert ("length", "characters") == tuple(
        problem.code for problem in permitcheck.check(number).problems
    )


def test_get_birth_date_validates_first_and_reads_characters_7_to_14() -> None:
    later = make("830000", "20350101", "246")
    assert (datetime.date(1992, 1, 30), datetime.date(2035, 1, 1)) == (
        permitcheck.get_birth_date("830000 19920130 0022"),
        permitcheck.get_birth_date(later, today=datetime.date(2035, 1, 1)),
    )
    with pytest.raises(permitcheck.InvalidBirthDate):
        permitcheck.get_birth_date(TW_SPECIMEN, today=datetime.date(1992, 1, 29))
    with pytest.raises(permitcheck.InvalidChecksum):
        permitcheck.get_birth_date(TW_SPECIMEN[:17] + "3")


def test_residence_permit_as_a_pydantic_field() -> None:
    from pydantic import TypeAdapter  # noqa: PLC0415

    adapter = TypeAdapter(permitcheck.ResidencePermit)
    permit = permitcheck.parse(HK_SPECIMEN)
    parsed = adapter.validate_python("810000 19940823 0021")
    assert (permit, permit, HK_SPECIMEN) == (
        parsed,
        adapter.validate_python(permit),
        adapter.dump_python(parsed, mode="json"),
    )
    assert adapter.validate_python(permit) is permit
    assert permitcheck.schema.json_schema("residence_permit") == adapter.json_schema()
