"""Fuzz the residence permit parser: validate, is_valid, check, parse, compact, format.

Contract checked on every input string: ``is_valid`` and ``check`` never
raise; ``validate``/``parse`` raise only :class:`permitcheck.PermitError`;
the four agree; a valid number round-trips; no message or repr holds 8 or
more consecutive digits of the input (the privacy rule).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _runner import instrumented, main

with instrumented():
    import permitcheck


_DIGITS = re.compile(r"[0-9]{8,}")


def _leaks(number: str, text: str) -> bool:
    """Whether *text* holds 8 consecutive digits of the number (as given or compacted)."""
    runs = _DIGITS.findall(number) + _DIGITS.findall(permitcheck.compact(number))
    return any(run[i : i + 8] in text for run in runs for i in range(len(run) - 7))


def _text(data: bytes) -> str:
    # Two readings of the bytes, chosen by the first one: UTF-8 (ASCII and
    # full-width forms), or UTF-32 code points (any Unicode character).
    if data[:1] == b"\x00":
        return data[1 : 1 + (len(data) - 1) // 4 * 4].decode("utf-32-le", "replace")
    return data.decode("utf-8", "replace")


def test_one_input(data: bytes) -> None:
    number = _text(data)
    valid = permitcheck.is_valid(number)
    result = permitcheck.check(number)
    assert result.valid is valid, number
    try:
        compact = permitcheck.validate(number)
    except permitcheck.PermitError as error:
        assert not valid, number
        assert error.code == result.problems[0].code, (number, error.code, result)
        assert not _leaks(number, str(error)), str(error)
    else:
        assert valid, number
        permit = permitcheck.parse(number)
        assert permit.number == compact == result.number == permitcheck.compact(number)
        assert permitcheck.parse(compact) == permit == permitcheck.ResidencePermit(number)
        assert permitcheck.calc_check_digit(compact[:17]) == compact[17]
        assert permitcheck.format(compact).replace(" ", "") == compact
    for text in (repr(result), *(problem.message for problem in result.problems)):
        assert not _leaks(number, text), text
    assert permitcheck.compact(permitcheck.compact(number)) == permitcheck.compact(number)


if __name__ == "__main__":
    main(test_one_input)
