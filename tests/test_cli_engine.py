"""``permitcheck check --engine``: the Polars engine writes what the Python one does (issue 13).

Both engines read the same generated files, with every kind of junk line the
reader reports, and must give the same output, summary and exit status, in
every format and mode.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli_in_process
from cli_in_process import english  # noqa: F401 - an autouse fixture
from permitcheck.cli import engine, judge_bulk
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
    """Run the command in this process: its status, output and messages (comparable)."""
    result = cli_in_process.call(*args)
    return result.returncode, result.stdout, result.stderr.decode()


@pytest.fixture
def one_by_one(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the rows the Polars engine leaves to the Python engine's code, one by one."""
    rows: list[int] = []
    slow_line = engine.VectorisedChecker._slow_line

    def counted_slow_line(self: engine.VectorisedChecker, row: int, *rest: object) -> str:
        rows.append(row)
        return slow_line(self, row, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.VectorisedChecker, "_slow_line", counted_slow_line)
    return rows


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


# Travel permits and their near misses: letters, digits, an office code in brackets.
travel_like = st.builds(
    lambda head, digits, tail: head + digits + tail,
    st.sampled_from(["", "H", "M", "HA", "MA", "h", "ma", "HB", "X", " H", "M-"]),
    st.text(alphabet="0123456789", max_size=12),
    st.sampled_from(["", "(D)", "(d)", "(5)", "(", ")", "(AB)", " ", "\r"]),
)
# Anything short: what every format quotes, escapes or pads, the mask's ellipsis, the
# placeholders of the Polars engine's templates ('#', NUL) and text that is not ASCII.
junk = st.text(
    alphabet=st.one_of(
        st.characters(codec="ascii", exclude_characters="\n"),
        st.sampled_from("\u2026\u3000\uff18\uff08\u4e2d\u00e9"),
    ),
    max_size=30,
)
ENGINE_OPTIONS = [
    *OPTIONS,
    ("--format", "text", "--lang", "zh-Hans"),
    ("--format", "text", "--unmasked", "--kind", "residence"),
    ("--format", "csv", "--unmasked", "--kind", "travel"),
    ("--format", "json", "--kind", "travel"),
]


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
            travel_like,
            junk,
        ),
        max_size=40,
    ),
    group=st.integers(1, 200),
    options=st.sampled_from(ENGINE_OPTIONS),
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


def _plain_lines(count: int) -> list[str]:
    """Travel permits, invalid residence permits and empty lines: ASCII, nothing to quote."""
    generator = PermitGenerator(17)
    lines = []
    while len(lines) < count:
        index = len(lines)
        if index % 3 == 0:
            line = generator.travel_permit_number()
        elif index % 3 == 1:
            line = generator.invalid_residence_permit_number()
        else:
            line = "" if index % 2 else generator.travel_permit_number()[:-1]
        if line.isascii():  # near misses with other scripts' digits are the Python engine's
            lines.append(line)
    return lines


@pytest.mark.parametrize("options", ENGINE_OPTIONS)
def test_plain_lines_are_judged_by_their_shape(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    one_by_one: list[int],
    options: tuple[str, ...],
) -> None:
    # Lines the fast path does not take, with nothing a format would quote or escape,
    # never reach the Python engine's code one by one; one line of each shape does
    # (judged by judge_bulk), and the output is still the Python engine's.
    by_shape: list[str] = []
    judge = judge_bulk._judge

    def counted_judge(text: str, code: str | None, kind: str) -> tuple[object, ...]:
        by_shape.append(text)
        return judge(text, code, kind)

    monkeypatch.setattr(judge_bulk, "_judge", counted_judge)
    lines = _plain_lines(3000)
    status, _out, _err = _engines_agree(tmp_path, ("\n".join(lines) + "\n").encode(), *options)
    assert 1 == status
    assert [] == one_by_one
    assert 0 < len(by_shape) < len(lines) // 10


def test_lines_to_quote_go_to_the_python_engine(tmp_path: Path, one_by_one: list[int]) -> None:
    # --unmasked shows the input: a CSV cell to quote or defuse is formatted one by one.
    rows = one_by_one
    lines = [*_plain_lines(10), "=1+2", "a,b", 'say "x"', *_plain_lines(10)]
    data = ("\n".join(lines) + "\n").encode()
    _engines_agree(tmp_path, data, "--format", "csv", "--unmasked")
    assert [11, 12, 13] == rows
    rows.clear()
    _engines_agree(tmp_path, data, "--format", "csv")  # masked: stars, nothing to quote
    assert [] == rows


def test_forgetting_shapes_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Junk can have as many shapes as lines: the remembered ones are dropped past a bound.
    monkeypatch.setattr(judge_bulk, "_MAX_SHAPES", 3)
    monkeypatch.setattr(engine, "GROUP_BYTES", 500)
    data = ("\n".join(_plain_lines(600)) + "\n").encode()
    for options in ENGINE_OPTIONS[:6]:
        _engines_agree(tmp_path, data, *options)


def test_a_placeholder_the_line_holds_leaves_the_shape_to_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_by_one: list[int]
) -> None:
    # A template needs its placeholder exactly where the number goes: a CSV line has commas
    # elsewhere, so with ',' as the placeholder every line is formatted one by one.
    monkeypatch.setattr(judge_bulk, "_MARK", ",")
    lines = [line for line in _plain_lines(30) if line]
    _engines_agree(tmp_path, ("\n".join(lines) + "\n").encode(), "--format", "csv", "--unmasked")
    assert list(range(1, len(lines) + 1)) == one_by_one


@pytest.mark.parametrize(
    ("lines", "options"),
    [
        (["nul\x00", "8" * 300], ("--format", "text")),
        (["a,b", '"x"', "=1"], ("--format", "csv", "--unmasked")),
        (
            ["８１００００１９９４０８２３００２２", "h\u3000103878 77", "\udcff"],
            ("--format", "json"),
        ),
    ],
)
def test_groups_with_no_line_for_the_bulk_path(
    tmp_path: Path, lines: list[str], options: tuple[str, ...]
) -> None:
    # A NUL, a long line, (unmasked) a CSV cell to quote, or a line that is not UTF-8
    # (then only ASCII lines are judged in bulk): the other lines are the Python engine's.
    valid = PermitGenerator(18).residence_permit_numbers(5)
    data = ("\n".join([*valid, *lines, *valid]) + "\n").encode("utf-8", "surrogateescape")
    status, out, _err = _engines_agree(tmp_path, data, *options)
    assert (1, len(lines) + 10) == (status, out.count(b"\n") - (b"row,valid" in out))
