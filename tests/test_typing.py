"""Issue 8, point 4: types that help -- mypy --strict catches a misspelt error code.

``tests/typecheck/misspelt_code.py`` is checked with ``mypy --strict`` through
``mypy.api``; it must fail on exactly the lines marked ``# error``: a misspelt
code, a non-narrowed ``CheckResult.permit``, a wrong language, a wrong region.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from mypy import api

SAMPLE = pathlib.Path(__file__).parent / "typecheck" / "misspelt_code.py"


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    cache = tmp_path_factory.mktemp("mypy_cache")
    stdout, stderr, status = api.run(
        ["--strict", "--no-error-summary", "--cache-dir", str(cache), str(SAMPLE)]
    )
    assert "" == stderr
    return stdout, status


def marked_lines() -> list[int]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if "# error" in line]


def test_mypy_fails_on_the_sample(mypy_output: tuple[str, int]) -> None:
    assert 1 == mypy_output[1]


def test_mypy_reports_exactly_the_marked_lines(mypy_output: tuple[str, int]) -> None:
    reported = sorted(
        {int(match) for match in re.findall(r"misspelt_code\.py:(\d+): error", mypy_output[0])}
    )
    assert marked_lines() == reported


def test_the_misspelt_code_is_named(mypy_output: tuple[str, int]) -> None:
    assert "Literal['chksum']" in mypy_output[0]
