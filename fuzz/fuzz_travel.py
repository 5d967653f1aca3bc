"""Fuzz the travel permit parser: validate, is_valid, parse_travel_permit, compact.

Contract: ``is_valid`` never raises; ``validate`` and ``parse_travel_permit``
raise only :class:`permitcheck.PermitError`, and agree with ``is_valid``; a
valid number's fields are consistent (lifelong number a prefix of the
number, renewal count in 0-99) and its repr shows no digit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _runner import instrumented, main

with instrumented():
    import permitcheck
    from permitcheck import travel


def test_one_input(data: bytes) -> None:
    number = data.decode("utf-8", "replace")
    valid = travel.is_valid(number)
    try:
        compact = travel.validate(number)
    except permitcheck.PermitError as error:
        assert not valid, number
        assert error.code in {"travel_length", "travel_characters", "travel_format"}, error.code
        return
    assert valid, number
    permit = permitcheck.parse_travel_permit(number)
    assert permit == permitcheck.TravelPermit(number) == permitcheck.parse_travel_permit(compact)
    assert permit.number == compact == travel.compact(number) == travel.format(number)
    assert compact.startswith(permit.lifelong_number)
    assert permit.renewal_count is None or 0 <= permit.renewal_count <= 99
    assert not any(char.isdigit() for char in repr(permit)), repr(permit)
    assert permit.to_dict()["number"] == compact


if __name__ == "__main__":
    main(test_one_input)
