"""Issue 8, point 5: permitcheck as a drop-in for ``stdnum.cn.ric``, compared live.

Each remaining difference listed in docs/residence-permits.md ("Migrating from
python-stdnum") has a test here that runs both libraries on the same input.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import exceptions
from stdnum.cn import ric

import permitcheck
from permit_reference import HK_SPECIMEN, TW_SPECIMEN, make, with_wrong_check

#: Residence permit numbers stdnum 2.2 also accepts (HK born 1997 or later).
BOTH_ACCEPT = [make("810000", "20000101", "002"), make("810000", "19970701", "123")]


def stdnum_error(function: object, number: str) -> type[Exception] | None:
    try:
        function(number)  # type: ignore[operator]
    except exceptions.ValidationError as error:
        return type(error)
    return None


# -- the same calls work ----------------------------------------------------------------


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.sampled_from("0123456789X"))
def test_calc_check_digit_of_the_whole_number_agrees_with_stdnum(body: str, last: str) -> None:
    number = body + last
    assert ric.calc_check_digit(number) == permitcheck.calc_check_digit(number)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_calc_check_digit_of_the_body_is_that_of_the_whole_number(body: str) -> None:
    assert permitcheck.calc_check_digit(body + "0") == permitcheck.calc_check_digit(body)


@pytest.mark.parametrize("number", BOTH_ACCEPT)
def test_get_birth_date_agrees_with_stdnum(number: str) -> None:
    assert ric.get_birth_date(number) == permitcheck.get_birth_date(number)


@pytest.mark.parametrize("number", BOTH_ACCEPT)
def test_validate_compact_and_is_valid_agree_with_stdnum(number: str) -> None:
    spelled = f" {number.lower()} "
    assert (ric.validate(spelled), ric.compact(spelled), ric.is_valid(spelled)) == (
        permitcheck.validate(spelled),
        permitcheck.compact(spelled),
        permitcheck.is_valid(spelled),
    )


@pytest.mark.parametrize("junk", [None, 18, b"810000200001010022", ""])
def test_is_valid_of_junk_agrees_with_stdnum(junk: object) -> None:
    assert (False, False) == (ric.is_valid(junk), permitcheck.is_valid(junk))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "number",
    [BOTH_ACCEPT[0][:17], BOTH_ACCEPT[0] + "1", with_wrong_check(BOTH_ACCEPT[0])],
)
def test_errors_are_stdnum_errors_of_the_same_class(number: str) -> None:
    ours = stdnum_error(permitcheck.validate, number)
    theirs = stdnum_error(ric.validate, number)
    assert ours is not None
    assert theirs is not None
    assert issubclass(ours, theirs)


# -- the differences, one test each -------------------------------------------------------


@pytest.mark.parametrize("number", [HK_SPECIMEN, TW_SPECIMEN, make("820000", "19980101", "001")])
def test_difference_1_stdnum_rejects_valid_residence_permits(number: str) -> None:
    # 830000 is not in stdnum's GB/T 2260 table; 810000 starts in 1997, 820000 in 1999.
    assert (exceptions.InvalidComponent, None) == (
        stdnum_error(ric.validate, number),
        stdnum_error(permitcheck.validate, number),
    )


@pytest.mark.parametrize("number", ["11010519491231002X", make("440305", "19900101", "001")])
def test_difference_2_mainland_id_numbers_are_not_residence_permits(number: str) -> None:
    assert (None, permitcheck.InvalidRegion) == (
        stdnum_error(ric.validate, number),
        stdnum_error(permitcheck.validate, number),
    )


def test_difference_3_calc_check_digit_with_17_digits() -> None:
    # stdnum drops the last character it is given, so 17 digits give a wrong answer.
    body = HK_SPECIMEN[:17]
    assert ("1", False) == (
        permitcheck.calc_check_digit(body),
        ric.calc_check_digit(body) == permitcheck.calc_check_digit(body),
    )


@pytest.mark.parametrize("last", ["A", "-", " "])
def test_difference_4_calc_check_digit_refuses_a_bad_18th_character(last: str) -> None:
    number = HK_SPECIMEN[:17] + last
    assert ("1", permitcheck.InvalidCharacters) == (
        ric.calc_check_digit(number),
        stdnum_error(permitcheck.calc_check_digit, number),
    )


def test_difference_5_get_birth_date_validates_the_whole_number() -> None:
    number = with_wrong_check(BOTH_ACCEPT[0])
    assert (date(2000, 1, 1), permitcheck.InvalidChecksum) == (
        ric.get_birth_date(number),
        stdnum_error(permitcheck.get_birth_date, number),
    )


def test_difference_6_birth_dates_after_today_are_rejected() -> None:
    number = make("810000", "20990101", "001")
    assert (None, permitcheck.InvalidBirthDate) == (
        stdnum_error(ric.get_birth_date, number),
        stdnum_error(permitcheck.validate, number),
    )


def test_difference_7_full_width_and_pasted_separators_are_folded() -> None:
    spelled = "８１００００\u00a0２００００１０１\u2013００２" + BOTH_ACCEPT[0][17]
    assert (False, True) == (ric.is_valid(spelled), permitcheck.is_valid(spelled))


def test_difference_8_no_get_birth_place() -> None:
    # stdnum returns county data from its table; permitcheck has the region.
    assert (True, False, permitcheck.Region.HK) == (
        hasattr(ric, "get_birth_place"),
        hasattr(permitcheck, "get_birth_place"),
        permitcheck.parse(BOTH_ACCEPT[0]).region,
    )


def test_difference_9_error_classes_are_narrower() -> None:
    number = make("810000", "20000230", "001")  # Feb 30
    ours = stdnum_error(permitcheck.validate, number)
    assert (exceptions.InvalidComponent, permitcheck.InvalidBirthDate) == (
        stdnum_error(ric.validate, number),
        ours,
    )


def test_difference_10_compact_removes_inner_spaces_and_hyphens() -> None:
    spelled = "810000 20000101-0022"
    assert ("810000 20000101-0022", "810000200001010022", False, True) == (
        ric.compact(spelled),
        permitcheck.compact(spelled),
        ric.is_valid(spelled),
        permitcheck.is_valid(spelled),
    )


def test_difference_11_format_groups_the_number() -> None:
    number = BOTH_ACCEPT[0]
    assert (number, "810000 20000101 0022") == (ric.format(number), permitcheck.format(number))
