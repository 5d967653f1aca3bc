"""The command's privacy rules (issue 9): one masking, defused CSV, no raw escape codes."""

from __future__ import annotations

import contextlib
import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import permitcheck
from permitcheck.cli import main


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def call(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``permitcheck *args`` in this process; return status, stdout and stderr."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stderr = io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    with (
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr("sys.stdin", stream)
        status = main(list(args))
    stdout.flush()
    return status, stdout.buffer.getvalue().decode("utf-8"), stderr.getvalue()  # type: ignore[attr-defined]


# -- one masking: the command's and permitcheck.mask ---------------------------------------

_NUMBERISH = st.text(alphabet="0123456789XHMA()８ -", min_size=1, max_size=24)


@settings(max_examples=60, deadline=None)
@given(_NUMBERISH)
def test_the_command_masks_like_mask(text: str) -> None:
    folded = permitcheck.compact(text)
    _status, output, _err = call("check", "--format", "json", "--quiet", "--", text)
    record = json.loads(output)
    expected = permitcheck.mask(text) if folded else None
    assert expected == record["number"]


def test_explain_masks_like_mask() -> None:
    number = "110105194912310022"  # shaped like a mainland ID: its county is personal
    _status, output, _err = call("explain", "--format", "json", number)
    assert permitcheck.mask(number) == json.loads(output)["number"]


# -- explain --unmasked --format csv defuses formulas ----------------------------------------


# "-" cannot start a compact number: compaction removes hyphens.
@pytest.mark.parametrize("start", ["=", "+", "@"])
def test_explain_csv_defuses_a_formula(start: str) -> None:
    text = f"{start}HYPERLINK(1,2)XXXXXXXXXX"
    _status, output, _err = call("explain", "--unmasked", "--format", "csv", "--", text)
    rows = list(csv.DictReader(io.StringIO(output)))
    values = [row["value"] for row in rows if row["value"]]
    assert values
    assert [] == [value for value in values if value[:1] in "=+-@"]
    assert values[0].startswith("'")


def test_explain_csv_keeps_a_valid_number() -> None:
    _status, output, _err = call("explain", "--unmasked", "--format", "csv", "h1038 7877")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert "H10387877" == rows[0]["value"]


# -- escape codes never reach the terminal raw -----------------------------------------------


def test_the_missing_column_error_escapes_header_control_characters() -> None:
    header = b"\x1b[2J\x1b]0;owned\x07name,permit\n"
    status, _output, err = call("check", "-i", "-", "--column", "id", stdin=header)
    expected = (
        "permitcheck: error: column 'id' is not in the CSV header"
        " (columns: \\x1b[*J\\x1b]*;owned\\x07name, permit)\n"
    )
    assert (2, expected) == (status, err)


def test_a_usage_error_escapes_control_characters() -> None:
    # argparse lists unrecognised arguments as they are (not with repr()).
    status, _output, err = call("check", "--x\x1b[31m")
    expected = (
        "permitcheck: error: unrecognized arguments: --x\\x1b[**m (see 'permitcheck --help')\n"
    )
    assert (2, expected) == (status, err)
