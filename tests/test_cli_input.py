"""``permitcheck check -i``: files, standard input, CSV columns, bad rows and broken streams.

The rule under test: the output has exactly one row per input row, in input
order, and a row that cannot be read (invalid UTF-8, a NUL, an empty line,
a line over 1 MiB, a broken CSV quote, a missing CSV field) is an invalid
row with its own code while the run goes on.  A file that cannot be read
at all is a one-line error with exit status 2.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cli_in_process import call, english  # noqa: F401 - english is an autouse fixture
from permitcheck.cli import main
from permitcheck.cli.input import CommandError, CsvColumn, LineReader, codec_name
from permitcheck.messages import message

HK = "810000199408230021"  # public specimen
TW = "830000199201300022"  # public specimen
HK_BAD_CHECK = "810000199408230022"
MIB = 1 << 20


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m permitcheck *args`` (English locale)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LC_ALL", "LC_MESSAGES", "LANGUAGE"}
    }
    environment["LANG"] = "C.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "permitcheck", *args],
        input=stdin,
        capture_output=True,
        env=environment,
        timeout=300,
        check=False,
    )


def rows(result: subprocess.CompletedProcess[bytes]) -> list[tuple[str, str, str]]:
    """(row, valid, errors) of each CSV output record."""
    records = csv.DictReader(io.StringIO(result.stdout.decode("utf-8")))
    return [(record["row"], record["valid"], record["errors"]) for record in records]


def check_file(tmp_path: Path, data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Check the file holding *data*, in this process (where mutation testing sees the reader)."""
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    return call("check", "--format", "csv", "-i", str(path), *args)


# -- lines --------------------------------------------------------------------------


class TestLines:
    """One number per line: LF or CRLF, with or without a UTF-8 byte order mark."""

    @pytest.mark.parametrize(
        "data",
        [
            f"{HK}\n{HK_BAD_CHECK}\n{TW}\n".encode(),  # LF
            f"{HK}\r\n{HK_BAD_CHECK}\r\n{TW}\r\n".encode(),  # CRLF
            b"\xef\xbb\xbf" + f"{HK}\n{HK_BAD_CHECK}\n{TW}\n".encode(),  # BOM
            b"\xef\xbb\xbf" + f"{HK}\r\n{HK_BAD_CHECK}\r\n{TW}".encode(),  # BOM, CRLF, no final
            f"{HK}\n{HK_BAD_CHECK}\r\n{TW}".encode(),  # mixed, no final line end
            f"  {HK} \n\t{HK_BAD_CHECK}\n{TW[:6]} {TW[6:]}\r\n".encode(),  # spaces folded
        ],
    )
    def test_line_endings_and_bom(self, tmp_path: Path, data: bytes) -> None:
        result = check_file(tmp_path, data)
        expected = [("1", "true", ""), ("2", "false", "checksum"), ("3", "true", "")]
        assert (1, expected) == (result.returncode, rows(result))

    def test_a_bom_on_a_later_line_is_folded_like_in_the_library(self, tmp_path: Path) -> None:
        # Issue 8: U+FEFF inside a number is dropped by permitcheck's folding,
        # in the command as in the library; the file's own BOM is dropped first.
        result = check_file(tmp_path, f"\ufeff{HK}\n\ufeff{HK}\n{HK[:9]}\ufeff{HK[9:]}\n".encode())
        assert [("1", "true", ""), ("2", "true", ""), ("3", "true", "")] == rows(result)

    def test_empty_file_has_no_rows(self, tmp_path: Path) -> None:
        result = check_file(tmp_path, b"")
        assert (0, [], "rows: 0, valid: 0, invalid: 0\n") == (
            result.returncode,
            rows(result),
            result.stderr.decode(),
        )

    def test_lone_cr_is_not_a_line_end(self, tmp_path: Path) -> None:
        # Only LF and CRLF end a line: classic Mac OS line ends give one long line.
        result = check_file(tmp_path, f"{HK}\r{TW}\r".encode())
        assert [("1", "false", "length;characters")] == rows(result)

    def test_file_of_only_a_bom_has_no_rows(self, tmp_path: Path) -> None:
        # The byte order mark is dropped, and nothing is left: an empty file.
        result = check_file(tmp_path, b"\xef\xbb\xbf")
        assert (0, []) == (result.returncode, rows(result))

    def test_short_file(self, tmp_path: Path) -> None:
        # Fewer bytes than a byte order mark: still a row.
        assert [("1", "false", "travel_length")] == rows(check_file(tmp_path, b"1\n"))

    def test_standard_input(self) -> None:
        result = run("check", "--format", "csv", "-i", "-", stdin=f"{HK}\r\n\n{TW}".encode())
        assert [("1", "true", ""), ("2", "false", "empty"), ("3", "true", "")] == rows(result)


# -- bad rows -----------------------------------------------------------------------------


class TestBadRows:
    """Each unreadable line is an invalid row with its own code; the run goes on."""

    @pytest.mark.parametrize(
        ("line", "code"),
        [
            (b"8100001994\xff08230021", "encoding"),  # invalid UTF-8
            (b"\xe8\xa1", "encoding"),  # a truncated UTF-8 sequence
            (b"81000019940823\x000021", "nul"),
            (b"", "empty"),
            (b"   \t", "empty"),
            (b"7" * (10 * MIB), "too_long"),  # a 10 MB line
        ],
    )
    def test_bad_line_between_good_ones(self, tmp_path: Path, line: bytes, code: str) -> None:
        data = HK.encode() + b"\n" + line + b"\n" + TW.encode() + b"\n"
        result = check_file(tmp_path, data)
        assert (1, [("1", "true", ""), ("2", "false", code), ("3", "true", "")]) == (
            result.returncode,
            rows(result),
        )

    def test_bad_row_message_in_text_output(self, tmp_path: Path) -> None:
        path = tmp_path / "input.txt"
        path.write_bytes(b"\xff\n")
        result = run("check", "-i", str(path))
        assert result.stdout.decode().rstrip("\n").endswith(f"[encoding] {message('encoding')}")

    def test_ten_megabyte_last_line_without_line_end(self, tmp_path: Path) -> None:
        result = check_file(tmp_path, HK.encode() + b"\n" + b"8" * (10 * MIB))
        assert [("1", "true", ""), ("2", "false", "too_long")] == rows(result)

    def test_line_just_over_the_limit(self, tmp_path: Path) -> None:
        # 1 MiB + 5 bytes: long enough to be refused, short enough to be read whole.
        data = b"8" * (MIB + 5) + b"\n" + HK.encode() + b"\n"
        assert [("1", "false", "too_long"), ("2", "true", "")] == rows(check_file(tmp_path, data))

    def test_line_at_the_limit_is_read(self, tmp_path: Path) -> None:
        data = HK.encode() + b" " * (MIB - len(HK)) + b"\r\n"
        assert [("1", "true", "")] == rows(check_file(tmp_path, data))

    def test_every_bad_row_at_once(self, tmp_path: Path) -> None:
        lines = [HK.encode(), b"\xff", b"\x00", b"", b"9" * (2 * MIB), HK_BAD_CHECK.encode(), b"x"]
        result = check_file(tmp_path, b"\n".join(lines) + b"\n")
        assert [
            ("1", "true", ""),
            ("2", "false", "encoding"),
            ("3", "false", "nul"),
            ("4", "false", "empty"),
            ("5", "false", "too_long"),
            ("6", "false", "checksum"),
            ("7", "false", "travel_length"),
        ] == rows(result)


class TestByteOrderMarks:
    """A byte order mark says the encoding: UTF-16 and UTF-32 files are read as text."""

    @pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
    def test_every_line_is_a_row(self, tmp_path: Path, encoding: str) -> None:
        result = check_file(tmp_path, f"\ufeff{HK}\r\n{HK_BAD_CHECK}\n{TW}".encode(encoding))
        expected = [("1", "true", ""), ("2", "false", "checksum"), ("3", "true", "")]
        assert (1, expected) == (result.returncode, rows(result))

    def test_input_of_only_a_utf16_bom_has_no_rows(self) -> None:
        result = run("check", "--format", "csv", "-i", "-", stdin=b"\xfe\xff")
        assert (0, []) == (result.returncode, rows(result))

    def test_bom_bytes_after_the_start_are_an_undecodable_row(self, tmp_path: Path) -> None:
        result = check_file(tmp_path, HK.encode() + b"\n\xff\xfe\n")
        assert [("1", "true", ""), ("2", "false", "encoding")] == rows(result)

    def test_csv_header_in_utf16(self, tmp_path: Path) -> None:
        data = f"\ufeffid,name\n{HK},陳大文\n".encode("utf-16-le")
        assert [("2", "true", "")] == rows(check_file(tmp_path, data, "--column", "id"))

    def test_utf16_without_a_mark_gets_a_hint(self, tmp_path: Path) -> None:
        result = check_file(tmp_path, f"{HK}\n".encode("utf-16-le"))
        note = "permitcheck: note: some lines are not UTF-8; the input looks like"
        assert f"{note} utf-16-le text: try --encoding utf-16-le" in result.stderr.decode()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([HK, TW, HK_BAD_CHECK, "H10387877", ""]).map(str.encode),
            st.binary(max_size=30).filter(lambda line: b"\n" not in line),
        ),
        max_size=30,
    ),
    st.sampled_from([b"\n", b"\r\n"]),
    st.booleans(),
)
def test_one_output_row_per_input_line(lines: list[bytes], ending: bytes, final: bool) -> None:
    data = ending.join(lines) + (ending if final and lines else b"")
    # A UTF-16 or UTF-32 byte order mark makes the file UTF-16 or UTF-32 text (issue 14),
    # whose lines are not split on the byte b"\n": tests/test_cli_files.py covers those.
    assume(not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)))
    # A file starting with the ZIP signature is read as an Excel workbook (issue 14).
    assume(not data.startswith(b"PK\x03\x04"))
    # A UTF-8 byte order mark at the start is dropped: a file holding only one has no rows.
    text = data.removeprefix(b"\xef\xbb\xbf")
    expected = len(text.split(b"\n")) - (1 if text.endswith(b"\n") or not text else 0)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "input.txt"
        path.write_bytes(data)
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
            status = main(["check", "--format", "csv", "-q", "-i", str(path)])
        stdout.flush()
    output = stdout.buffer.getvalue().decode()
    records = list(csv.DictReader(io.StringIO(output)))
    assert [str(row) for row in range(1, expected + 1)] == [record["row"] for record in records]
    assert status == (1 if any(record["valid"] == "false" for record in records) else 0)


def test_an_undecodable_line_inside_a_quoted_field_ends_the_record_in_process(
    tmp_path: Path,
) -> None:
    # The same file as tests/test_cli_files.py's subprocess test, run in this process: the
    # record whose quote is still open when an undecodable line comes is one csv row, and
    # the undecodable line an encoding row of its own.
    path = tmp_path / "bad.csv"
    path.write_bytes(f'id,note\n{HK},"a\n'.encode() + b"\xff\n" + f'b"\n{TW},x\n'.encode())
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        status = main(["check", "--format", "csv", "-q", "-i", str(path), "--column", "id"])
    stdout.flush()
    records = list(csv.DictReader(io.StringIO(stdout.buffer.getvalue().decode())))
    assert [("2", "csv"), ("3", "encoding"), ("4", "csv"), ("5", "")] == [
        (record["row"], record["errors"]) for record in records
    ]
    assert 1 == status


@pytest.mark.parametrize("chunk_size", range(8, 65))
def test_csv_records_do_not_depend_on_where_reads_split_the_input(chunk_size: int) -> None:
    # An open quote, then an undecodable line, read in chunks of every size: the record is
    # one csv row whether the undecodable line is in the same read or in the next one.
    data = f'id,note\n{HK},"a\n'.encode() + b"\xff\n" + f'b"\n{TW},x\n'.encode()
    reader = LineReader(io.BytesIO(data), "input.csv", chunk_size=chunk_size)
    rows = [
        (value, (bad or {}).get(index))
        for values, bad, _lines, _cells in CsvColumn(reader, "id", ",")
        for index, value in enumerate(values)
    ]
    assert [("", "csv"), ("", "encoding"), ("", "csv"), (TW, None)] == rows


# -- CSV ------------------------------------------------------------------------------------


class TestCsv:
    """--column NAME: the first line is the header; rows are numbered by line."""

    def test_column_by_name(self, tmp_path: Path) -> None:
        data = f'name,id,note\r\nA,{HK},x\r\n"B, b",{HK_BAD_CHECK},"say ""hi"""\r\n'.encode()
        result = check_file(tmp_path, data, "--column", "id")
        assert [("2", "true", ""), ("3", "false", "checksum")] == rows(result)

    def test_header_with_bom_and_spaces(self, tmp_path: Path) -> None:
        data = b"\xef\xbb\xbf id , name\n" + f"{HK},A\n".encode()
        assert [("2", "true", "")] == rows(check_file(tmp_path, data, "--column", "id"))

    def test_quoted_number(self, tmp_path: Path) -> None:
        data = f'id\n"{HK}"\n'.encode()
        assert [("2", "true", "")] == rows(check_file(tmp_path, data, "--column", "id"))

    def test_delimiter(self, tmp_path: Path) -> None:
        data = f"name;id\nA;{HK}\n".encode()
        result = check_file(tmp_path, data, "--column", "id", "--delimiter", ";")
        assert [("2", "true", "")] == rows(result)

    @pytest.mark.parametrize(
        ("line", "code"),
        [
            (b'A,"810000199408230021', "csv"),  # the quote is never closed
            (b'A,"81000019940823"0021', "csv"),  # text after the closing quote
            (b"A", "column"),  # no field for the column
            (b"", "empty"),
            (b"A,", "empty"),
            (b"A,\xff", "encoding"),
            (b"A,\x00", "nul"),
        ],
    )
    def test_bad_csv_line_between_good_ones(self, tmp_path: Path, line: bytes, code: str) -> None:
        data = b"name,id\n" + f"A,{HK}\n".encode() + line + b"\n" + f"B,{TW}\n".encode()
        result = check_file(tmp_path, data, "--column", "id")
        assert (1, [("2", "true", ""), ("3", "false", code), ("4", "true", "")]) == (
            result.returncode,
            rows(result),
        )

    def test_quoted_field_spans_lines(self, tmp_path: Path) -> None:
        data = b'id\n"' + HK.encode() + b"\n" + HK.encode() + b'"\n' + TW.encode() + b"\n"
        result = check_file(tmp_path, data, "--column", "id")
        # RFC 4180: lines 2-3 are one record, whose field holds a line break.
        assert [("2", "false", "length;characters"), ("3", "true", "")] == rows(result)

    def test_rows_are_numbered_across_reads(self, tmp_path: Path) -> None:
        # 40,000 lines are far more than one read: numbering and columns carry on.
        data = b"id,name\n" + f"{HK},A\n".encode() * 40_000 + b"bad,B\n" + f"{TW},C\n".encode()
        records = rows(check_file(tmp_path, data, "--column", "id"))
        assert (40_002, ("40002", "false", "travel_length"), ("40003", "true", "")) == (
            len(records),
            records[-2],
            records[-1],
        )

    def test_header_only(self, tmp_path: Path) -> None:
        result = check_file(tmp_path, b"id\n", "--column", "id")
        assert (0, []) == (result.returncode, rows(result))

    @pytest.mark.parametrize(
        ("data", "error"),
        [
            (b"", "the input has no CSV header line"),
            (b"name,number\nA,1\n", "column 'id' is not in the CSV header (columns: name, number)"),
            (b"name,\xff\n", f"the CSV header line cannot be read: {message('encoding')}"),
            (b'name,"id\n', f"the CSV header line cannot be read: {message('csv')}"),
        ],
    )
    def test_unusable_header_exits_2(self, tmp_path: Path, data: bytes, error: str) -> None:
        result = check_file(tmp_path, data, "--column", "id")
        assert (2, b"", f"permitcheck: error: {error}\n") == (
            result.returncode,
            result.stdout,
            result.stderr.decode(),
        )


# -- streams --------------------------------------------------------------------------------


def numbers_file(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "numbers.txt"
    path.write_bytes(f"{HK}\n".encode() * count)
    return path


class TestStreams:
    """I/O errors are one line and exit status 2; nothing else is printed."""

    def test_closed_output_pipe_stops_quietly(self, tmp_path: Path) -> None:
        path = numbers_file(tmp_path, 200_000)
        process = subprocess.Popen(
            [sys.executable, "-m", "permitcheck", "check", "-i", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        process.stdout.close()  # like `| head` going away
        _, stderr = process.communicate(timeout=120)
        assert (2, b"") == (process.returncode, stderr)

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_full_disk(self, tmp_path: Path) -> None:
        path = numbers_file(tmp_path, 10)
        with open("/dev/full", "wb") as full:
            result = subprocess.run(
                [sys.executable, "-m", "permitcheck", "check", "-i", str(path)],
                stdout=full,
                stderr=subprocess.PIPE,
                env={**os.environ, "LANG": "C.UTF-8"},
                check=False,
            )
        assert (2, "permitcheck: error: cannot write the output: No space left on device\n") == (
            result.returncode,
            result.stderr.decode(),
        )

    @pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
    def test_read_error(self) -> None:
        # Reading /proc/self/mem at offset 0 fails with EIO: an I/O error mid-read.
        result = run("check", "-i", "/proc/self/mem")
        assert (2, b"", "permitcheck: error: cannot read /proc/self/mem: Input/output error\n") == (
            result.returncode,
            result.stdout,
            result.stderr.decode(),
        )

    def test_interrupt_exits_130_without_traceback(self) -> None:
        process = subprocess.Popen(
            [sys.executable, "-m", "permitcheck", "check", "-i", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(f"{HK}\n".encode())
        process.stdin.flush()
        first = process.stdout.readline()  # the row is out: the reader waits for more
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert (130, b"") == (process.returncode, stderr)
        assert first.startswith(b"1  ")


class TestProgress:
    """On a terminal, long inputs show a progress line on stderr; elsewhere, never."""

    @staticmethod
    def stderr_on_a_terminal(*args: str, stdin: Path | None = None) -> str:
        import pty  # noqa: PLC0415 - POSIX only

        leader, follower = pty.openpty()
        with contextlib.ExitStack() as stack:
            source = stack.enter_context(open(stdin, "rb")) if stdin else subprocess.DEVNULL
            process = subprocess.Popen(
                [sys.executable, "-m", "permitcheck", *args],
                stdin=source,
                stdout=subprocess.DEVNULL,
                stderr=follower,
                env={**os.environ, "LANG": "C.UTF-8"},
            )
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            process.wait(timeout=120)
        os.close(leader)
        return b"".join(chunks).decode().replace("\r\n", "\n")

    def test_file_progress_with_percentage(self, tmp_path: Path) -> None:
        path = numbers_file(tmp_path, 150_000)
        stderr = self.stderr_on_a_terminal("check", "-i", str(path))
        assert re.search(r"\rrows checked: 1\d\d,\d{3} \(\d+%\)\x1b\[K", stderr)
        # The progress line is erased before the summary.
        assert stderr.endswith(
            "\r\x1b[Krows: 150,000, valid: 150,000, invalid: 0\n"
            "  residence permit: 150,000 valid, 0 invalid\n"
        )

    def test_a_csv_header_is_not_counted(self, tmp_path: Path) -> None:
        path = tmp_path / "people.csv"
        path.write_bytes(b"id,name\n" + f"{HK},A\n".encode() * 150_000)
        stderr = self.stderr_on_a_terminal("check", "-i", str(path), "--column", "id")
        shown = re.findall(r"\rrows checked: ([\d,]+) \(\d+%\)", stderr)
        # The last update comes after the last row: the header is not one of them.
        assert "150,000" == shown[-1]
        assert "\r\x1b[Krows: 150,000, valid: 150,000, invalid: 0\n" in stderr

    def test_standard_input_progress_without_percentage(self, tmp_path: Path) -> None:
        path = numbers_file(tmp_path, 150_000)
        stderr = self.stderr_on_a_terminal("check", "-i", "-", stdin=path)
        assert re.search(r"\rrows checked: 1\d\d,\d{3}\x1b\[K", stderr)
        assert "%" not in stderr

    def test_short_input_shows_no_progress(self) -> None:
        stderr = self.stderr_on_a_terminal("check", HK)
        assert "rows: 1, valid: 1, invalid: 0\n  residence permit: 1 valid, 0 invalid\n" == stderr

    def test_quiet_shows_no_progress(self, tmp_path: Path) -> None:
        path = numbers_file(tmp_path, 150_000)
        assert "" == self.stderr_on_a_terminal("check", "-q", "-i", str(path))

    def test_no_progress_when_stderr_is_not_a_terminal(self, tmp_path: Path) -> None:
        result = run("check", "-i", str(numbers_file(tmp_path, 150_000)))
        assert "rows: 150,000, valid: 150,000, invalid: 0" == result.stderr.decode().splitlines()[0]


def test_a_workbook_that_cannot_be_read_leaves_no_file_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from permitcheck.cli import check  # noqa: PLC0415

    path = tmp_path / "damaged.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    opened: list[io.BufferedReader] = []
    original = check._open_input

    def spy(name: str) -> tuple[object, int | None]:
        stream, size = original(name)
        opened.append(stream)  # type: ignore[arg-type]
        return stream, size

    monkeypatch.setattr(check, "_open_input", spy)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = main(["check", "-i", str(path)])
    assert (2, [True]) == (status, [stream.closed for stream in opened])


# -- the reader, line by line (in this process, where mutation testing sees it) -------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (HK.encode(), (HK, None)),
        ("证件号码".encode(), ("证件号码", None)),
        (b"", ("", None)),
        (b"8" * 21, ("", "too_long")),
        (b"8" * 20, ("8" * 20, None)),
        (b"caf\xe9", ("", "encoding")),
        (b"81\x0000", ("", "nul")),
    ],
)
def test_decode_line_reads_a_line_as_iterating_does(
    raw: bytes, expected: tuple[str, str | None]
) -> None:
    reader = LineReader(io.BytesIO(raw + b"\n"), "input.txt", max_line=20)
    batches = list(LineReader(io.BytesIO(raw + b"\n"), "input.txt", max_line=20))
    iterated = [
        (line, (bad or {}).get(index)) for lines, bad in batches for index, line in enumerate(lines)
    ]
    assert (expected, [expected]) == (reader.decode_line(raw), iterated)


@pytest.mark.parametrize(
    ("raw", "guess"),
    [("证件号码".encode("gbk"), "gb18030"), ("81".encode("utf-16-le"), "utf-16-le")],
)
def test_decode_line_guesses_the_encoding_of_a_line_it_cannot_read(raw: bytes, guess: str) -> None:
    reader = LineReader(io.BytesIO(b""), "input.txt")
    first = reader.decode_line(raw)
    reader.decode_line(b"caf\xe9")  # the first guess stays
    assert (("", first[1]), guess) == (first, reader.guess)


def test_blocks_are_whole_lines_and_a_too_long_line_is_none() -> None:
    data = b"81\r\n" + b"9" * 40 + b"\n82\n" + b"7" * 40
    reader = LineReader(io.BytesIO(data), "input.txt", chunk_size=8, max_line=16)
    blocks = list(reader.blocks())
    assert [b"81\r\n", None, b"82\n", None] == blocks


class _Failing(io.RawIOBase):
    def __init__(self, error: OSError) -> None:
        self.error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        raise self.error


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(5, "Input/output error"), "Input/output error"),
        (OSError("the device went away"), "the device went away"),
    ],
)
def test_a_read_error_names_the_input_and_the_systems_words(error: OSError, reason: str) -> None:
    reader = LineReader(_Failing(error), "/mnt/usb/ids.txt")  # type: ignore[arg-type]
    with pytest.raises(CommandError) as caught:
        list(reader)
    expected = ("cannot_read", {"path": "/mnt/usb/ids.txt", "reason": reason}, "cannot_read")
    assert expected == (caught.value.key, caught.value.details, str(caught.value))


@pytest.mark.parametrize(
    ("given", "name"),
    [("GBK", "gbk"), ("utf8", "utf-8"), ("UTF-8-SIG", "utf-8"), ("utf_8_sig", "utf-8")],
)
def test_codec_name_is_pythons_name_and_utf8_sig_reads_as_utf8(given: str, name: str) -> None:
    assert name == codec_name(given)


@pytest.mark.parametrize("encoding", ["no-such-codec", "hex"])  # hex: bytes to bytes
def test_an_unknown_or_binary_encoding_is_a_one_line_error(tmp_path: Path, encoding: str) -> None:
    result = check_file(tmp_path, f"{HK}\n".encode(), "--encoding", encoding)
    expected = (
        f"permitcheck: error: unknown text encoding '{encoding}' (give a codec Python knows,"
        " such as gb18030, big5 or utf-16)\n"
    )
    assert (2, b"", expected) == (result.returncode, result.stdout, result.stderr.decode())


# -- the bounds of a CSV record (in this process) ---------------------------------------------


def csv_values(data: bytes, chunk_size: int = 1 << 18) -> list[tuple[str, str | None]]:
    """(value, code) of each record of *data* (column ``id``), read in chunks of *chunk_size*."""
    reader = LineReader(io.BytesIO(data), "input.csv", chunk_size=chunk_size)
    return [
        (value, (bad or {}).get(index))
        for values, bad, _lines, _cells in CsvColumn(reader, "id", ",")
        for index, value in enumerate(values)
    ]


@pytest.mark.parametrize(("lines", "closed"), [(100, True), (101, False)])
def test_a_record_may_span_100_lines_and_no_more(lines: int, closed: bool) -> None:
    middle = b"".join(b"x\n" for _ in range(lines - 2))
    data = f'id,note\n{HK},"a\n'.encode() + middle + b'c"\n' + f"{TW},y\n".encode()
    values = csv_values(data)
    first = (HK, None) if closed else ("", "csv")
    assert (first, (TW, None)) == (values[0], values[-1])


def test_a_stray_quote_never_closed_is_a_csv_row() -> None:
    # A quote inside an unquoted field opens a record (the csv module alone would
    # read the line as it is): never closed, it is a csv row.
    data = f'id,note\n{HK},a"b\n'.encode() + b"x\n" * 200
    assert ("", "csv") == csv_values(data)[0]


def test_an_undecodable_line_ends_a_record_opened_by_a_stray_quote() -> None:
    data = f'id,note\n{HK},a"b\n'.encode() + b"\xff\n" + f"{TW},y\n".encode()
    assert [("", "csv"), ("", "encoding"), (TW, None)] == csv_values(data)


@pytest.mark.parametrize(("extra", "fits"), [(0, True), (1, False)])
def test_a_record_may_hold_max_record_chars_and_no_more(extra: int, fits: bool) -> None:
    # Two lines and the line break between them: MAX_RECORD_CHARS (+ extra) characters.
    from permitcheck.cli.input import MAX_RECORD_CHARS  # noqa: PLC0415

    # Fields of at most 100,000 characters: the csv module refuses fields over 131,072.
    second = 'b"'
    size = MAX_RECORD_CHARS + extra - len(second) - 1 - len(HK) - 3  # HK + ',' ... ',"'
    cells = ["a" * 100_000] * (size // 100_001) + ["a" * (size % 100_001)]
    first = f'{HK},{",".join(cells)},"'
    data = f"id,note\n{first}\n{second}\n{TW},y\n".encode()
    values = csv_values(data)
    assert ((HK, None) if fits else ("", "csv"), (TW, None)) == (values[0], values[-1])


@pytest.mark.parametrize("chunk_size", range(8, 48))
def test_an_undecodable_line_after_a_record_across_reads_keeps_its_place(chunk_size: int) -> None:
    data = f'id,note\n{HK},"a\nb"\n{TW},x\n'.encode() + b"\xff\n" + f"{HK},y\n".encode()
    assert [(HK, None), (TW, None), ("", "encoding"), (HK, None)] == csv_values(data, chunk_size)


def test_a_stray_quote_open_for_more_than_max_record_chars_is_a_csv_row() -> None:
    data = f'id,note\n{HK},a"b\n'.encode() + (b"x" * 100_000 + b"\n") * 11 + f"{TW},y\n".encode()
    values = csv_values(data)
    assert (("", "csv"), (TW, None)) == (values[0], values[-1])


# -- reads of any size, byte order marks, the encoding guess (in this process) --------------


class _Pieces(io.RawIOBase):
    """A raw stream that hands out one piece per read, as a pipe does when rows come slowly."""

    def __init__(self, *pieces: bytes) -> None:
        self.pieces = list(pieces)
        self.reads = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        self.reads += 1
        if not self.pieces:
            return 0
        piece = self.pieces.pop(0)
        if len(piece) > len(buffer):
            self.pieces.insert(0, piece[len(buffer) :])
            piece = piece[: len(buffer)]
        buffer[: len(piece)] = piece
        return len(piece)


def in_pieces(data: bytes, size: int) -> _Pieces:
    """*data* handed out *size* bytes per read."""
    return _Pieces(*(data[start : start + size] for start in range(0, len(data), size)))


def read_lines(reader: LineReader) -> list[tuple[str, str | None]]:
    """(text, code) of each line *reader* yields."""
    return [
        (line, (bad or {}).get(index)) for lines, bad in reader for index, line in enumerate(lines)
    ]


def test_rows_are_yielded_as_they_are_read_and_consumed_counts_the_bytes() -> None:
    # read1: one read of the underlying stream per batch, not a wait for a full chunk.
    raw = _Pieces(f"{HK}\n".encode(), f"{TW}\r\n".encode())
    reader = LineReader(io.BufferedReader(raw), "-")
    batches = iter(reader)
    assert (0, ([HK], None), 1, 19) == (
        reader.consumed,
        next(batches),
        raw.reads,
        reader.consumed,
    )
    assert (([TW], None), 2, 39) == (next(batches), raw.reads, reader.consumed)
    assert ([], 39) == (list(batches), reader.consumed)


def test_four_bytes_are_enough_to_look_for_a_byte_order_mark() -> None:
    # A first read of four bytes is a whole line: it is yielded before the next read.
    raw = _Pieces(b"H1\r\n", b"H2\n")
    reader = LineReader(io.BufferedReader(raw), "-")
    batches = iter(reader.blocks())
    assert (b"H1\r\n", 1) == (next(batches), raw.reads)
    assert [b"H2\n"] == list(batches)


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7])
@pytest.mark.parametrize(
    ("encoding", "mark"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-8", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_a_byte_order_mark_split_across_small_reads_is_found_and_dropped(
    size: int, encoding: str, mark: bytes
) -> None:
    data = mark + f"{HK}\r\n{TW}\n陳大文".encode(encoding)
    reader = LineReader(io.BufferedReader(in_pieces(data, size)), "-")
    assert ([(HK, None), (TW, None), ("陳大文", None)], len(data)) == (
        read_lines(reader),
        reader.consumed,
    )


@pytest.mark.parametrize("chunk_size", [4, 5, 8, 13])
def test_utf16_text_read_in_many_chunks_loses_nothing(chunk_size: int) -> None:
    data = ("\ufeff" + "".join(f"{HK}\n{TW}\n" for _ in range(5))).encode("utf-16-le")
    reader = LineReader(io.BytesIO(data), "input.txt", chunk_size=chunk_size)
    assert [(HK, None), (TW, None)] * 5 == read_lines(reader)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "gb18030", "utf-8"])
def test_a_byte_order_mark_is_dropped_when_the_encoding_is_given(encoding: str) -> None:
    # Codecs of one byte order (and GB18030, which encodes U+FEFF too) keep the mark: the
    # reader drops it from the start of the text, and only there.
    data = f"\ufeff{HK}\n{TW}\ufeff\n".encode(encoding)
    reader = LineReader(io.BytesIO(data), "input.txt", encoding=encoding)
    assert [(HK, None), (f"{TW}\ufeff", None)] == read_lines(reader)


def test_an_odd_byte_at_the_end_of_utf16_text_is_an_encoding_row() -> None:
    data = f"\ufeff{HK}\n".encode("utf-16-le") + b"8"
    reader = LineReader(io.BytesIO(data), "input.txt")
    assert [(HK, None), ("", "encoding")] == read_lines(reader)


def test_text_read_by_a_byte_order_mark_gets_no_guess() -> None:
    # The guess is a hint for UTF-8 read by default: a NUL in UTF-16 text read by its mark
    # would otherwise be "guessed" as UTF-16 again.
    data = f"\ufeff{HK}\n8\x001\n".encode("utf-16-le")
    reader = LineReader(io.BytesIO(data), "input.txt")
    assert ([(HK, None), ("", "nul")], None) == (read_lines(reader), reader.guess)


@pytest.mark.parametrize("chunk_size", range(1, 30))
@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_a_line_at_the_limit_is_read_wherever_reads_split_it(
    chunk_size: int, ending: bytes
) -> None:
    data = b"9" * 16 + ending + b"82\n"
    reader = LineReader(io.BytesIO(data), "input.txt", chunk_size=chunk_size, max_line=16)
    assert [("9" * 16, None), ("82", None)] == read_lines(reader)


def test_a_line_over_the_limit_is_dropped_once_its_start_is_read() -> None:
    # 18 bytes read without their line end: more than the limit and a CR, so None at once.
    data = b"9" * 18 + b"\n82\n"
    reader = LineReader(io.BytesIO(data), "input.txt", chunk_size=9, max_line=16)
    assert [None, b"82\n"] == list(reader.blocks())


def test_the_line_end_of_a_dropped_line_may_start_the_next_read() -> None:
    data = b"9" * 24 + b"\n82\n"
    reader = LineReader(io.BytesIO(data), "input.txt", chunk_size=8, max_line=16)
    assert [None, b"82\n"] == list(reader.blocks())


def test_a_dropped_line_is_an_empty_too_long_row() -> None:
    data = b"81\n" + b"9" * 40 + b"\n82\n"
    reader = LineReader(io.BytesIO(data), "input.txt", chunk_size=8, max_line=16)
    assert [(["81"], None), ([""], {0: "too_long"}), (["82"], None)] == list(reader)


@pytest.mark.parametrize(
    ("text", "encoding", "guess"),
    [
        ("81", "utf-16-le", "utf-16-le"),
        ("81", "utf-16-be", "utf-16-be"),
        ("\u4e00", "gb18030", "gb18030"),  # the first of the CJK Unified Ideographs
        ("\u9fff", "gb18030", "gb18030"),  # the last
        ("\u4dff", "gb18030", None),  # just before them (a Yijing hexagram)
        ("\ua000", "gb18030", None),  # just after them (a Yi syllable)
        ("café", "gb18030", None),  # GB18030, but no Chinese character in it
    ],
)
def test_guess_encoding_names_the_byte_order_and_needs_a_chinese_character(
    text: str, encoding: str, guess: str | None
) -> None:
    from permitcheck.cli.input import guess_encoding  # noqa: PLC0415

    assert guess == guess_encoding(text.encode(encoding))


# -- CsvColumn's defaults and cells (in this process) ------------------------------------------


def batches_of(data: bytes) -> LineReader:
    return LineReader(io.BytesIO(data), "input.csv")


def test_csv_column_splits_on_commas_and_keeps_no_cells_by_default() -> None:
    records = list(CsvColumn(batches_of(f"name,id\nA,{HK}\n".encode()), "id"))
    assert [([HK], None, 2, None)] == records


def test_a_lone_cr_in_the_header_is_an_ordinary_character_as_in_records() -> None:
    column = CsvColumn(batches_of(f"id,no\rte\n{HK},a\rb\n".encode()), "id")
    records = list(column)
    assert (["id", "no\rte"], [([HK], None, 2, None)]) == (column.header, records)


def test_quoted_records_are_split_on_the_given_delimiter() -> None:
    data = f'"id";"note"\n"{HK}";"a,b"\n{TW};"c\nd"\n'.encode()
    values = [
        (value, (bad or {}).get(index))
        for values, bad, _lines, _cells in CsvColumn(batches_of(data), "note", ";")
        for index, value in enumerate(values)
    ]
    assert [("a,b", None), ("c\nd", None)] == values


def test_a_record_without_the_column_is_an_empty_column_row() -> None:
    records = list(CsvColumn(batches_of(f"id,note\n{HK}\n{TW},x\n".encode()), "note", keep=True))
    assert [(["", "x"], {0: "column"}, 2, [[HK], [TW, "x"]])] == records
