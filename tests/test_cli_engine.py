"""``permitcheck check --engine``: the Polars engine writes what the Python one does (issue 13).

Both engines read the same generated files, with every kind of junk line the
reader reports, and must give the same output, summary and exit status, in
every format and mode.
"""

from __future__ import annotations

import contextlib
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permitcheck.cli import engine, main
from permitcheck.cli.check import _use_polars
from permitcheck.generate import PermitGenerator

JUNK = [
    b"",
    b"   ",
    b"\xef\xbb\xbf810000199408230021",  # a BOM inside the file is just a character
    b"81000019940823002x",
    "８１００００１９９４０８２３００２１".encode(),
    b" 810000-19940823-0021 ",
    b"810000199408230022",
    b"\xff\xfe not utf-8",
    b"nul \x00 inside",
    b"810000199408230021\r",
    b"H1038787701",
    b"h1038 7877",
    b"0561682001(D)",
    b"HA1234567",
    b"HB1234567",
    b'"quoted, with comma"',
    b"a,b,c",
    b"=cmd|' /C calc'!A0",
    "810000１99408230021".encode(),
    b"X" * ((1 << 20) + 10),  # too long
]


def call(*args: str) -> tuple[int, bytes, str]:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main(list(args))
    stdout.flush()
    return status, stdout.buffer.getvalue(), stderr.getvalue()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="module")
def lines_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    generator = PermitGenerator(13)
    rng = random.Random(13)
    valid = generator.residence_permit_numbers(6000)
    rows: list[bytes] = []
    for index, number in enumerate(valid):
        rows.append(number.encode())
        if index % 7 == 0:
            rows.append(rng.choice(JUNK[:-1]))
        if index % 11 == 0:
            rows.append(generator.invalid_residence_permit_number().encode())
        if index % 13 == 0:
            rows.append(generator.travel_permit_number(spelled=True).encode())
    rows.insert(3000, JUNK[-1])
    path = tmp_path_factory.mktemp("engine") / "ids.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(rows) + b"\r\n" + b"last-without-newline")
    return path


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    generator = PermitGenerator(14)
    rows = [b"name,id,note"]
    for index, number in enumerate(generator.residence_permit_numbers(3000)):
        rows.append(f"p{index},{number},x".encode())
        if index % 9 == 0:
            rows.append(b'q,"810000 19940823 0021",y')
            rows.append(b"short")
            rows.append(b'bad,"open quote,z')
            rows.append(b"")
    path = tmp_path_factory.mktemp("engine") / "ids.csv"
    path.write_bytes(b"\n".join(rows) + b"\n")
    return path


OPTIONS = [
    ("--format", "csv"),
    ("--format", "csv", "--unmasked"),
    ("--format", "json"),
    ("--format", "json", "--unmasked"),
    ("--format", "text"),
    ("--format", "text", "--unmasked"),
    ("--format", "csv", "--kind", "residence"),
    ("--format", "text", "--kind", "travel"),
    ("--format", "json", "--lang", "zh-Hant"),
]


@pytest.mark.parametrize("options", OPTIONS)
def test_same_output_on_a_file_with_every_junk_line(
    lines_file: Path, options: tuple[str, ...]
) -> None:
    python = call("check", "-i", str(lines_file), "--engine", "python", *options)
    polars = call("check", "-i", str(lines_file), "--engine", "polars", *options)
    assert python == polars
    assert b"too_long" in python[1] or b"[too_long]" in python[1] or "too_long" in python[2]


@pytest.mark.parametrize("options", OPTIONS[:5])
def test_same_output_on_a_csv_column(csv_file: Path, options: tuple[str, ...]) -> None:
    python = call("check", "-i", str(csv_file), "--column", "id", "--engine", "python", *options)
    polars = call("check", "-i", str(csv_file), "--column", "id", "--engine", "polars", *options)
    assert python == polars
    assert 1 == python[0]


def test_groups_smaller_than_the_readers_batches(
    lines_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every reader block is its own group, and a too-long line keeps its row.
    monkeypatch.setattr(engine, "GROUP_BYTES", 1)
    python = call("check", "-i", str(lines_file), "--engine", "python", "--format", "csv")
    polars = call("check", "-i", str(lines_file), "--engine", "polars", "--format", "csv")
    assert python == polars


def test_auto_is_the_default_and_takes_polars_for_files(
    lines_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[object] = []
    original = engine.VectorisedChecker.__init__

    def spy(self: engine.VectorisedChecker, *args: object, **kwargs: object) -> None:
        made.append(self)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.VectorisedChecker, "__init__", spy)
    auto = call("check", "-i", str(lines_file), "--format", "csv")
    assert 1 == len(made)
    assert call("check", "-i", str(lines_file), "--format", "csv", "--engine", "python") == auto
    assert 1 == len(made)


def test_polars_engine_for_arguments_and_empty_input(tmp_path: Path) -> None:
    numbers = ("810000199408230021", "810000199408230022", "h1038 7877")
    assert call("check", *numbers, "--engine", "python") == call(
        "check", *numbers, "--engine", "polars"
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert call("check", "-i", str(empty), "--engine", "python", "--format", "csv") == call(
        "check", "-i", str(empty), "--engine", "polars", "--format", "csv"
    )


def test_standard_input_stays_with_python_under_auto() -> None:
    assert not _use_polars("auto", "-")
    assert not _use_polars("auto", None)
    assert not _use_polars("python", "file.txt")
    assert _use_polars("auto", "file.txt")
    assert _use_polars("polars", "-")


def test_engine_option_is_documented_in_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "permitcheck", "check", "--help"],
        capture_output=True,
        check=False,
    )
    assert b"--engine {auto,python,polars}" in result.stdout


def _engines_agree(tmp_path: Path, data: bytes, *options: str) -> tuple[int, bytes, str]:
    path = tmp_path / "lines.txt"
    path.write_bytes(data)
    python = call("check", "-i", str(path), "--engine", "python", *options)
    polars = call("check", "-i", str(path), "--engine", "polars", *options)
    assert python == polars
    return python


def _with_check_character(body: str) -> str:
    """Return *body* (17 digits) with its MOD 11-2 check character."""
    total = sum(int(digit) * (2 ** (17 - place) % 11) for place, digit in enumerate(body))
    return body + "10X98765432"[total % 11]


# 18 characters that look like a residence permit: every rule near its edge.
near_misses = st.builds(
    lambda region, year, month, day, tail, fix, last: (
        _with_check_character(f"{region}{year:04d}{month:02d}{day:02d}{tail:03d}")
        if fix
        else f"{region}{year:04d}{month:02d}{day:02d}{tail:03d}{last}"
    ),
    st.sampled_from(["810000", "820000", "830000", "840000", "800000", "810001", "110101"]),
    st.sampled_from([1899, 1900, 1904, 1999, 2000, 2024, 2025, 2026, 2027, 2100, 9999, 0]),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 999),
    st.booleans(),
    st.sampled_from([*"0123456789Xx", "Y", "*", " "]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.one_of(
            near_misses,
            near_misses.map(str.lower),
            near_misses.map(lambda number: number + "\r"),
            near_misses.map(lambda number: " " + number),
            st.text(alphabet="0123456789Xx8 -\r\t\x00\u3000\uff18", max_size=20),
        ),
        max_size=40,
    ),
    group=st.integers(1, 200),
    options=st.sampled_from(OPTIONS),
)
def test_engines_agree_on_every_rule_and_group_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[str], group: int,
    options: tuple[str, ...],
) -> None:  # fmt: skip
    # The vectorised rules (characters, region, date up to today in China, check
    # character) against the Python engine's is_valid, through the command.
    monkeypatch.setattr(engine, "GROUP_BYTES", group)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _engines_agree(tmp_path, data, *options)


def test_row_numbers_of_every_width(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rows 1 to 1,200 in groups of about 100 lines: 1-, 2-, 3- and 4-digit row
    # numbers, in one group and across groups; valid, invalid and CRLF lines.
    generator = PermitGenerator(12)
    numbers = generator.residence_permit_numbers(1200)
    lines = [
        number if index % 10 else (number[:-1] + "Y" if index % 20 else number.lower() + "\r")
        for index, number in enumerate(numbers)
    ]
    data = ("\n".join(lines) + "\n").encode()
    for group in (1 << 23, 2000):
        monkeypatch.setattr(engine, "GROUP_BYTES", group)
        for options in OPTIONS:
            status, out, _err = _engines_agree(tmp_path, data, *options)
            assert 1 == status
            assert b"1200" in out


def test_a_file_of_only_valid_numbers(tmp_path: Path) -> None:
    numbers = PermitGenerator(15).residence_permit_numbers(500)
    data = ("\n".join(numbers) + "\n").encode()
    for options in OPTIONS:
        if "travel" in options:
            continue
        status, out, err = _engines_agree(tmp_path, data, *options)
        assert (0, 500) == (status, out.count(b"\n") - (1 if b"row,valid" in out else 0))
        assert 2 == err.splitlines()[0].count("500")  # rows, valid (in any language)


def test_a_too_long_line_first_and_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A line too long to keep, at the start, between blocks and at the end: one row each.
    long_line = b"8" * (3 << 20)  # read and dropped chunk by chunk
    valid = PermitGenerator(16).residence_permit_number().encode()
    data = b"\n".join([long_line, valid, long_line, long_line, valid, long_line])
    for group in (1, engine.GROUP_BYTES):
        monkeypatch.setattr(engine, "GROUP_BYTES", group)
        status, out, _err = _engines_agree(tmp_path, data, "--format", "csv")
        assert (1, 4) == (status, out.count(b"too_long"))
