"""The leak check of issue 12: no run of 8 or more of the submitted number's digits."""

from __future__ import annotations

import re

RUN = 8


def digit_runs(number: str, size: int = RUN) -> set[str]:
    """Every run of *size* consecutive digits in *number* (after dropping non-digits)."""
    digits = re.sub(r"[^0-9]", "", number)
    return {digits[start : start + size] for start in range(len(digits) - size + 1)}


def leaked(number: str, text: str) -> list[str]:
    """The runs of *number*'s digits found in *text*, as written or without separators."""
    squeezed = re.sub(r"[\s\-]", "", text)
    return sorted(run for run in digit_runs(number) if run in text or run in squeezed)


def assert_no_leak(number: str, text: str) -> None:
    # The check must be able to fail: a number without 8 digits proves nothing.
    assert digit_runs(number), "the test number needs 8 or more digits"
    assert [] == leaked(number, text)
