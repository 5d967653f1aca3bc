""" "Today" is the date in China Standard Time (UTC+8), read from the clock on every call.

The clock is moved with time-machine, which replaces ``time.time()`` and
friends for the whole process: permitcheck's own code is unchanged, so these
tests show the real code path noticing midnight in China (16:00 UTC) inside
one running process, a leap day, and a clock set back.

Only years after the one the test process started in are visited: the hot
path of ``is_valid`` takes years that had ended at import as settled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import time_machine

import permitcheck
from permitcheck import InvalidBirthDate, calc_check_digit

CST = timezone(timedelta(hours=8))


def born(day: date, region: str = "820000") -> str:
    """A valid-checksum number of someone born on *day* (sequence 246)."""
    body = f"{region}{day:%Y%m%d}246"
    return body + calc_check_digit(body)


def _is_valid(number: str) -> bool:
    return permitcheck.is_valid(number)


def _validate(number: str) -> bool:
    try:
        permitcheck.validate(number)
    except InvalidBirthDate:
        return False
    return True


def _validate_spaced(number: str) -> bool:
    # Not the fast path: the number is folded first.
    return _validate(f"{number[:6]} {number[6:14]} {number[14:]}")


def _parse(number: str) -> bool:
    try:
        permitcheck.parse(number)
    except InvalidBirthDate:
        return False
    return True


def _construct(number: str) -> bool:
    try:
        permitcheck.ResidencePermit(number)
    except InvalidBirthDate:
        return False
    return True


def _check(number: str) -> bool:
    return permitcheck.check(number).valid


ENTRY_POINTS: list[Callable[[str], bool]] = [
    _is_valid,
    _validate,
    _validate_spaced,
    _parse,
    _construct,
    _check,
]
entry_points = pytest.mark.parametrize("accepts", ENTRY_POINTS, ids=lambda f: f.__name__[1:])


@entry_points
def test_a_birth_date_becomes_valid_at_midnight_in_china_which_is_1600_utc(
    accepts: Callable[[str], bool],
) -> None:
    new_year = born(date(2028, 1, 1))
    with time_machine.travel(datetime(2027, 12, 31, 15, 59, 59, tzinfo=UTC), tick=False) as clock:
        before = accepts(new_year)
        clock.move_to(datetime(2027, 12, 31, 16, 0, 0, tzinfo=UTC))
        after = accepts(new_year)
    assert (False, True) == (before, after)


@entry_points
def test_the_same_process_sees_the_date_change_without_restarting(
    accepts: Callable[[str], bool],
) -> None:
    # One process, the clock moving forward a day at a time: "today" is
    # never stale, whatever was cached the day before.
    start = datetime(2029, 6, 30, 23, 59, 59, 999000, tzinfo=CST)
    seen = []
    with time_machine.travel(start, tick=False) as clock:
        for days in range(4):
            clock.move_to(start + timedelta(days=days))
            today = date(2029, 6, 30) + timedelta(days=days)
            seen.append((accepts(born(today)), accepts(born(today + timedelta(days=1)))))
            clock.shift(timedelta(milliseconds=1))  # 00:00:00.000 UTC+8
            seen.append((accepts(born(today + timedelta(days=1))), True))
    assert [(True, False), (True, True)] * 4 == seen


@entry_points
def test_the_utc_date_is_not_used(accepts: Callable[[str], bool]) -> None:
    # From 00:00 to 08:00 UTC+8 the UTC date is still yesterday: a
    # validator reading the UTC date would refuse someone born today.
    birth = born(date(2030, 5, 17))
    results = []
    for hour in (0, 4, 7):
        moment = datetime(2030, 5, 17, hour, 30, tzinfo=CST)
        with time_machine.travel(moment, tick=False):
            results.append(accepts(birth))
    # And from 16:00 to 24:00 UTC+8 the UTC date is the same as China's.
    with time_machine.travel(datetime(2030, 5, 16, 20, 0, tzinfo=CST), tick=False):
        results.append(accepts(birth))
    assert [True, True, True, False] == results


@entry_points
def test_a_leap_day_birth_is_valid_from_its_midnight_in_china(
    accepts: Callable[[str], bool],
) -> None:
    leap_day = born(date(2028, 2, 29))
    results = []
    for moment in (
        datetime(2028, 2, 28, 15, 59, 59, tzinfo=UTC),  # 23:59:59 on Feb 28 in China
        datetime(2028, 2, 28, 16, 0, 0, tzinfo=UTC),  # 00:00 on Feb 29 in China
        datetime(2028, 3, 1, 0, 0, 0, tzinfo=UTC),
    ):
        with time_machine.travel(moment, tick=False):
            results.append(accepts(leap_day))
    assert [False, True, True] == results


@entry_points
def test_feb_29_of_a_century_that_is_not_a_leap_year_never_becomes_valid(
    accepts: Callable[[str], bool],
) -> None:
    # 2100 is divisible by 100 and not by 400: no Feb 29 (GB 11643 uses
    # the Gregorian calendar).  Its number (with a correct check character)
    # fails on the date, while Mar 1 passes.
    with time_machine.travel(datetime(2100, 3, 2, tzinfo=CST), tick=False):
        results = (accepts(born(date(2100, 2, 28))), accepts(born(date(2100, 3, 1))))
        body = "82000021000229246"
        leap = accepts(body + calc_check_digit(body))
    assert (True, True, False) == (*results, leap)


@entry_points
def test_a_clock_set_back_across_midnight_is_followed(accepts: Callable[[str], bool]) -> None:
    birth = born(date(2031, 1, 2))
    with time_machine.travel(datetime(2031, 1, 2, 9, 0, tzinfo=CST), tick=False) as clock:
        first = accepts(birth)
        clock.move_to(datetime(2031, 1, 1, 23, 0, tzinfo=CST))  # NTP stepped the clock back
        second = accepts(birth)
    assert (True, False) == (first, second)


def test_an_explicit_today_wins_over_the_clock() -> None:
    birth = born(date(2032, 8, 8))
    with time_machine.travel(datetime(2032, 8, 8, 12, 0, tzinfo=CST), tick=False):
        by_clock = permitcheck.check(birth).valid
        by_argument = permitcheck.check(birth, today=date(2032, 8, 7)).valid
        with pytest.raises(InvalidBirthDate):
            permitcheck.validate(birth, today=date(2032, 8, 7))
        parsed = permitcheck.parse(birth, today=date(2032, 8, 8)).birth_date
    assert (True, False, date(2032, 8, 8)) == (by_clock, by_argument, parsed)


def test_a_birth_in_a_settled_year_is_valid_whatever_the_clock_says_later() -> None:
    # 1994 had ended long before the process started: no clock reading.
    with time_machine.travel(datetime(2040, 1, 1, tzinfo=CST), tick=False):
        assert permitcheck.is_valid("810000199408230021")


@entry_points
def test_a_clock_set_back_is_followed_after_any_earlier_reading(
    accepts: Callable[[str], bool],
) -> None:
    # In 2101, after every date the other tests visit: whatever day was read
    # before, the cached day must not cover an earlier one.
    birth = born(date(2101, 3, 2))
    with time_machine.travel(datetime(2101, 3, 2, 9, 0, tzinfo=CST), tick=False) as clock:
        first = accepts(birth)
        clock.move_to(datetime(2101, 3, 1, 23, 0, tzinfo=CST))
        second = accepts(birth)
    assert (True, False) == (first, second)


@entry_points
def test_a_reading_at_noon_does_not_cover_the_next_morning(
    accepts: Callable[[str], bool],
) -> None:
    # The cached day ends at the next midnight in China, not 24 hours after
    # the reading.
    day = date(2033, 9, 14)
    with time_machine.travel(datetime(2033, 9, 14, 12, 0, tzinfo=CST), tick=False) as clock:
        noon = (accepts(born(day)), accepts(born(day + timedelta(days=1))))
        clock.move_to(datetime(2033, 9, 15, 1, 0, tzinfo=CST))
        next_morning = accepts(born(day + timedelta(days=1)))
    assert (True, False, True) == (*noon, next_morning)


@entry_points
def test_new_year_of_this_year_is_after_a_clock_set_back_to_new_years_eve(
    accepts: Callable[[str], bool],
) -> None:
    # A clock stepped back into last year: someone born on January 1 of this
    # year (the year the process started in, or the next) is not born yet.
    year = datetime.now(CST).year
    results = []
    for this_year in (year, year + 1):
        eve = datetime(this_year - 1, 12, 31, 23, 0, tzinfo=CST)
        with time_machine.travel(eve, tick=False):
            results.append(accepts(born(date(this_year, 1, 1))))
            results.append(accepts(born(date(this_year - 1, 12, 31))))
    assert [False, True, False, True] == results
