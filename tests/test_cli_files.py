"""``permitcheck check`` on the files people really have (issue 14), through the real entry point.

Every file here is generated: GBK and GB18030 exports, byte order marks,
UTF-16, workbooks written with openpyxl, CSV records whose quoted fields span
lines, broken quotes and ragged rows.  Each test checks that there is one
output row per input record, by count and by row number.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_in_process import call, english  # noqa: F401 - english is an autouse fixture
from permitcheck.cli import main
from permitcheck.generate import PermitGenerator
from permitcheck.messages import message

HK = "810000199408230021"  # public specimen: Hong Kong, female, 1994-08-23
TW = "830000199201300022"  # public specimen: Taiwan, female, 1992-01-30
HK_BAD_CHECK = "810000199408230022"
HOME_RETURN = "H10387877"  # public specimen


def run(
    *args: str, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m permitcheck *args`` (English locale) with *stdin* piped in."""
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
        cwd=cwd,
    )


def records(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))


def check_csv(path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Check the file *path*, in this process (where mutation testing sees the reader)."""
    return call("check", "--format", "csv", "-i", str(path), *args)


def stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8")


def numbers(count: int, seed: str = "files") -> list[str]:
    generator = PermitGenerator(seed.encode())
    return [generator.residence_permit_number() for _ in range(count)]


# -- encodings ------------------------------------------------------------------------------

# Names as an export from a Chinese system holds them; 𠀀 (U+20000) is in GB18030, not in GBK.
NAMES = ["陈大文", "黄小明", "李四", "王五"]


def chinese_csv(tmp_path: Path, encoding: str, *, header: str = "姓名,证件号码") -> Path:
    names = [*NAMES, "𠀀"] if encoding == "gb18030" else NAMES
    rows = [
        header,
        *(f"{name},{number}" for name, number in zip(names, numbers(len(names)), strict=False)),
    ]
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    return path


class TestEncoding:
    """--encoding reads any codec; without it, a hint names the one to try; no row is lost."""

    @pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
    def test_chinese_header_without_encoding_names_gb18030(
        self, tmp_path: Path, encoding: str
    ) -> None:
        result = check_csv(chinese_csv(tmp_path, encoding), "--column", "证件号码")
        error = (
            f"permitcheck: error: the CSV header line cannot be read: {message('encoding')}"
            " The input looks like gb18030 text: try --encoding gb18030\n"
        )
        assert (2, b"", error) == (result.returncode, result.stdout, stderr(result))

    @pytest.mark.parametrize(("encoding", "given"), [("gbk", "gbk"), ("gbk", "GB18030"),
                                                     ("gb18030", "gb18030")])  # fmt: skip
    def test_with_encoding_every_row_is_checked(
        self, tmp_path: Path, encoding: str, given: str
    ) -> None:
        path = chinese_csv(tmp_path, encoding)
        result = check_csv(path, "--column", "证件号码", "--encoding", given)
        expected = len(path.read_bytes().splitlines()) - 1
        assert (0, [str(row) for row in range(2, expected + 2)]) == (
            result.returncode,
            [record["row"] for record in records(result)],
        )
        assert {"true"} == {record["valid"] for record in records(result)}

    @pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
    def test_chinese_rows_without_encoding_are_rows_of_their_own(
        self, tmp_path: Path, encoding: str
    ) -> None:
        path = chinese_csv(tmp_path, encoding, header="name,id")
        result = check_csv(path, "--column", "id")
        count = len(path.read_bytes().splitlines()) - 1
        assert (1, [(str(row), "encoding") for row in range(2, count + 2)]) == (
            result.returncode,
            [(record["row"], record["errors"]) for record in records(result)],
        )
        note = "permitcheck: note: some lines are not UTF-8; the input looks like gb18030 text"
        assert f"{note}: try --encoding gb18030\n" in stderr(result)

    def test_undecodable_line_in_the_given_encoding_is_one_invalid_row(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "mixed.txt"
        path.write_bytes(f"{HK}\n".encode() + b"\x81\x20\n" + f"{TW}\n".encode())
        result = check_csv(path, "--encoding", "gbk")
        assert [("1", ""), ("2", "encoding"), ("3", "")] == [
            (record["row"], record["errors"]) for record in records(result)
        ]
        assert "note" not in stderr(result)  # the user chose the encoding: no guess

    def test_utf8_with_bom(self, tmp_path: Path) -> None:
        path = tmp_path / "bom.csv"
        path.write_bytes(f"\ufeffid,name\n{HK},陈大文\n{TW},x\n".encode())
        result = check_csv(path, "--column", "id")
        assert (0, ["2", "3"]) == (result.returncode, [r["row"] for r in records(result)])

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
    def test_utf16(self, tmp_path: Path, encoding: str) -> None:
        path = tmp_path / "utf16.csv"
        text = f"id,name\r\n{HK},陈大文\r\n{HK_BAD_CHECK},x\r\n"
        # "utf-16" writes a byte order mark; -le and -be need --encoding.
        path.write_bytes(text.encode(encoding))
        given = () if encoding == "utf-16" else ("--encoding", encoding)
        result = check_csv(path, "--column", "id", *given)
        assert (1, [("2", ""), ("3", "checksum")]) == (
            result.returncode,
            [(record["row"], record["errors"]) for record in records(result)],
        )

    @pytest.mark.parametrize("name", ["no-such-codec", "hex"])
    def test_unknown_or_binary_codec_is_a_usage_error(self, name: str) -> None:
        result = run("check", "-i", "-", "--encoding", name, stdin=HK.encode())
        assert (2, b"") == (result.returncode, result.stdout)
        assert stderr(result).startswith(f"permitcheck: error: unknown text encoding '{name}'")

    def test_undecodable_line_of_a_utf16_file(self, tmp_path: Path) -> None:
        # A lone low surrogate is not UTF-16: that line alone is reported.
        path = tmp_path / "broken16.txt"
        data = "\ufeff".encode("utf-16-le") + f"{HK}\n".encode("utf-16-le")
        data += b"\x00\xdc\n\x00" + f"{TW}\n".encode("utf-16-le")
        path.write_bytes(data)
        result = check_csv(path)
        assert [("1", ""), ("2", "encoding"), ("3", "")] == [
            (record["row"], record["errors"]) for record in records(result)
        ]


# -- Excel workbooks ------------------------------------------------------------------------


def workbook(tmp_path: Path) -> Path:
    """A workbook as offices send them: text numbers, Excel numbers, empty cells, two sheets."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Staff"
    sheet.append(["name", "id_number", "note"])
    sheet.append(["A", HK, "text"])  # row 2: a number stored as text
    sheet.append(["B", 810000199408230021, "typed in"])  # row 3: an Excel number (8.1E+17)
    sheet.append(["C", None, "empty"])  # row 4: an empty cell
    sheet.append(["D", HK_BAD_CHECK])  # row 5: invalid, and a short row
    sheet.append([])  # row 6: an empty row
    sheet.append(["F", datetime(1994, 8, 23), "a date"])  # row 7: a date is a number too
    sheet.append(["G", TW, "+1+1"])  # row 8
    other = book.create_sheet("Other")
    other.append([HOME_RETURN])
    other.append([TW])
    path = tmp_path / "people.xlsx"
    book.save(path)
    return path


EXPECTED_SHEET = [
    ("2", "true", ""),
    ("3", "false", "excel_number"),
    ("4", "false", "empty"),
    ("5", "false", "checksum"),
    ("6", "false", "empty"),
    ("7", "false", "excel_number"),
    ("8", "true", ""),
]


def verdicts(result: subprocess.CompletedProcess[bytes]) -> list[tuple[str, str, str]]:
    return [(record["row"], record["valid"], record["errors"]) for record in records(result)]


class TestExcel:
    """A sheet of a .xlsx file: one row per sheet row, Excel numbers reported, never judged."""

    def test_column_of_the_first_sheet(self, tmp_path: Path) -> None:
        result = check_csv(workbook(tmp_path), "--column", "id_number")
        assert (1, EXPECTED_SHEET) == (result.returncode, verdicts(result))
        assert f"[excel_number] {message('excel_number')}" in stderr(result)
        assert "permitcheck: note: cells holding Excel numbers were not checked" in stderr(result)

    @pytest.mark.parametrize("sheet", ["Other", "2"])
    def test_sheet_by_name_or_position_without_a_header(self, tmp_path: Path, sheet: str) -> None:
        result = check_csv(workbook(tmp_path), "--sheet", sheet)
        assert [("1", "true", ""), ("2", "true", "")] == verdicts(result)
        assert ["home_return", "residence_permit"] == [r["kind"] for r in records(result)]

    def test_text_output(self, tmp_path: Path) -> None:
        result = run("check", "-i", str(workbook(tmp_path)), "--column", "id_number")
        lines = result.stdout.decode().splitlines()
        assert 7 == len(lines)
        assert lines[1].startswith("3  (no number)         invalid  [excel_number] ")

    def test_piped_workbook(self, tmp_path: Path) -> None:
        data = workbook(tmp_path).read_bytes()
        result = run("check", "--format", "csv", "--column", "id_number", stdin=data)
        assert EXPECTED_SHEET == verdicts(result)

    def test_keep_columns(self, tmp_path: Path) -> None:
        result = check_csv(workbook(tmp_path), "--column", "id_number", "--keep-columns")
        rows = records(result)
        assert ["name", "id_number", "note", "row", "valid", "kind", "region", "number",
                "errors"] == list(rows[0])  # fmt: skip
        assert [row[0] for row in EXPECTED_SHEET] == [row["row"] for row in rows]
        assert ("A", "810000***********1", "text") == (
            rows[0]["name"],
            rows[0]["id_number"],
            rows[0]["note"],
        )
        assert ("D", "") == (rows[3]["name"], rows[3]["note"])  # the short row, padded
        assert "'+1+1" == rows[6]["note"]  # a formula is defused

    @pytest.mark.parametrize(
        ("args", "error"),
        [
            (("--sheet", "Nope"), "sheet 'Nope' is not in the workbook (sheets: Staff, Other)"),
            (("--sheet", "3"), "sheet '*' is not in the workbook (sheets: Staff, Other)"),
            (("--column", "id"), "column 'id' is not in the sheet's first row (columns: name,"
                                 " id_number, note)"),
        ],
    )  # fmt: skip
    def test_usage_errors(self, tmp_path: Path, args: tuple[str, ...], error: str) -> None:
        result = check_csv(workbook(tmp_path), *args)
        assert (2, b"", f"permitcheck: error: {error}\n") == (
            result.returncode,
            result.stdout,
            stderr(result),
        )

    def test_damaged_workbook(self, tmp_path: Path) -> None:
        path = tmp_path / "damaged.xlsx"
        path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
        result = check_csv(path)
        assert (2, b"") == (result.returncode, result.stdout)
        assert stderr(result).startswith("permitcheck: error: cannot read the workbook ")

    def test_sheet_of_a_text_file(self, tmp_path: Path) -> None:
        path = tmp_path / "numbers.txt"
        path.write_text(HK + "\n")
        result = check_csv(path, "--sheet", "1")
        error = "permitcheck: error: --sheet needs an Excel workbook (.xlsx) as -i FILE\n"
        assert (2, error) == (result.returncode, stderr(result))

    def test_sheet_without_input(self) -> None:
        result = run("check", "--sheet", "1", HK)
        assert 2 == result.returncode

    def test_a_long_sheet_in_batches(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Big")
        for number in numbers(25_000):
            sheet.append([number])
        path = tmp_path / "big.xlsx"
        book.save(path)
        rows = records(check_csv(path))
        assert (25_000, "25000") == (len(rows), rows[-1]["row"])


# -- CSV records (RFC 4180) -----------------------------------------------------------------


class TestRecords:
    """A quoted field may span lines: rows are numbered by record, with the line each starts on."""

    def test_address_spanning_lines(self, tmp_path: Path) -> None:
        path = tmp_path / "addresses.csv"
        path.write_bytes(
            b"id_number,address\r\n"
            + f'{HK},"Flat 1\r\nBlock A"\r\n'.encode()
            + f'{TW},"Flat 2\r\nBlock B\r\nTower 3"\r\n'.encode()
            + f"{HK_BAD_CHECK},plain\r\n".encode()
        )
        result = check_csv(path, "--column", "id_number")
        assert (1, [("2", "2", ""), ("3", "4", ""), ("4", "7", "checksum")]) == (
            result.returncode,
            [(record["row"], record["line"], record["errors"]) for record in records(result)],
        )

    def test_text_and_json_show_the_line(self, tmp_path: Path) -> None:
        path = tmp_path / "addresses.csv"
        path.write_text(f'address,id\n"a\nb",{HK}\nc,{TW}\n')
        text = run("check", "-q", "-i", str(path), "--column", "id").stdout.decode()
        assert ["2  810000***********1", "3 (line 4)  830000***********2"] == [
            line.split("  valid")[0] for line in text.splitlines()
        ]
        result = run("check", "-q", "--format", "json", "-i", str(path), "--column", "id")
        assert [(2, 2), (3, 4)] == [
            (row["row"], row["line"]) for row in map(json.loads, result.stdout.splitlines())
        ]

    def test_broken_quote_then_ten_thousand_good_rows(self, tmp_path: Path) -> None:
        good = numbers(10_000)
        path = tmp_path / "broken.csv"
        path.write_text("name,id\n" + f'A,"{HK}\n' + "".join(f"B,{n}\n" for n in good))
        result = check_csv(path, "--column", "id")
        rows = records(result)
        assert (10_001, ("2", "2", "false", "csv")) == (
            len(rows),
            (rows[0]["row"], rows[0]["line"], rows[0]["valid"], rows[0]["errors"]),
        )
        assert [str(row) for row in range(3, 10_003)] == [row["row"] for row in rows[1:]]
        assert [str(row) for row in range(3, 10_003)] == [row["line"] for row in rows[1:]]
        assert {"true"} == {row["valid"] for row in rows[1:]}

    def test_record_longer_than_the_bound_in_characters(self, tmp_path: Path) -> None:
        path = tmp_path / "long.csv"
        long_line = "x" * 600_000
        path.write_text(f'id,note\n{HK},"{long_line}\n{long_line}\n{long_line}"\n{TW},x\n')
        rows = records(check_csv(path, "--column", "id"))
        # The record's first line is reported; the next two lines are records of their own.
        assert [("2", "csv"), ("3", "length;characters"), ("4", "csv"), ("5", "")] == [
            (row["row"], row["errors"]) for row in rows
        ]

    def test_undecodable_line_inside_a_quoted_field(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.csv"
        path.write_bytes(f'id,note\n{HK},"a\n'.encode() + b"\xff\n" + f'b"\n{TW},x\n'.encode())
        rows = records(check_csv(path, "--column", "id"))
        assert [("2", "csv"), ("3", "encoding"), ("4", "csv"), ("5", "")] == [
            (row["row"], row["errors"]) for row in rows
        ]

    def test_text_after_a_closing_quote_resynchronises(self, tmp_path: Path) -> None:
        path = tmp_path / "junk.csv"
        path.write_text(f'id,note\n{HK},"a\nb"junk\n{TW},x\n')
        rows = records(check_csv(path, "--column", "id"))
        assert [("2", "csv"), ("3", "csv"), ("4", "")] == [
            (row["row"], row["errors"]) for row in rows
        ]

    def test_records_across_reads(self, tmp_path: Path) -> None:
        # 30,000 records, every tenth spanning two lines: some straddle a 256 KiB read.
        good = numbers(30_000)
        lines = ["id,note"]
        for index, number in enumerate(good):
            lines.append(f'{number},"a\nb"' if index % 10 == 0 else f"{number},c")
        path = tmp_path / "many.csv"
        path.write_text("\n".join(lines) + "\n")
        rows = records(check_csv(path, "--column", "id"))
        expected_lines, line = [], 2
        for index in range(30_000):
            expected_lines.append(str(line))
            line += 2 if index % 10 == 0 else 1
        assert [str(row) for row in range(2, 30_002)] == [row["row"] for row in rows]
        assert expected_lines == [row["line"] for row in rows]
        assert {"true"} == {row["valid"] for row in rows}

    def test_stray_quotes_in_unquoted_fields(self, tmp_path: Path) -> None:
        # Balanced over two lines, but not one record: each line is reported, then reading goes on.
        path = tmp_path / "stray.csv"
        path.write_text(f'id,note\n{HK},a"b\n{HK},c"d\n{TW},x\n')
        rows = records(check_csv(path, "--column", "id"))
        assert [("2", "csv"), ("3", "csv"), ("4", "")] == [
            (row["row"], row["errors"]) for row in rows
        ]

    def test_record_open_at_the_end_of_a_read(self, tmp_path: Path) -> None:
        # The quote opens on the last line of the first read and closes in the next one, which
        # also holds an undecodable line.  The first read returns what looking for a workbook
        # (a 4-byte peek) buffered: io.DEFAULT_BUFFER_SIZE bytes; the next ones CHUNK_SIZE.
        first_read = io.DEFAULT_BUFFER_SIZE
        head, filler, opening = b"id,note\n", f"{TW},x\n".encode(), f'{HK},"'.encode()
        count = (first_read - len(head) - 40) // len(filler)
        used = len(head) + count * len(filler) + len(opening)
        opening += b"a" * (first_read - used - 1) + b"\n"  # ends on the read's last byte
        data = head + filler * count + opening + b'b"\n' + b"\xff\n" + filler
        path = tmp_path / "boundary.csv"
        path.write_bytes(data)
        rows = records(check_csv(path, "--column", "id"))
        assert (count + 3, ("", str(count + 2)), ("encoding", str(count + 4))) == (
            len(rows),
            (rows[count]["errors"], rows[count]["line"]),
            (rows[count + 1]["errors"], rows[count + 1]["line"]),
        )

    def test_quote_open_for_more_than_100_lines(self, tmp_path: Path) -> None:
        path = tmp_path / "open.csv"
        body = "".join(f"{n},x\n" for n in numbers(150))
        path.write_text(f'id,note\n{HK},"open\n{body}{TW},"closed\n')
        rows = records(check_csv(path, "--column", "id"))
        assert 152 == len(rows)
        assert [("2", "csv"), ("153", "csv")] == [
            (row["row"], row["errors"]) for row in rows if row["valid"] == "false"
        ]

    def test_ragged_rows(self, tmp_path: Path) -> None:
        path = tmp_path / "ragged.csv"
        path.write_text(f"name,id,note\nA,{HK}\nB\nC,{TW},x,extra,more\n\nD,{HK},y\n")
        result = check_csv(path, "--column", "id")
        assert [("2", ""), ("3", "column"), ("4", ""), ("5", "empty"), ("6", "")] == [
            (row["row"], row["errors"]) for row in records(result)
        ]
        kept = check_csv(path, "--column", "id", "--keep-columns", "--unmasked")
        assert [
            ["name", "id", "note", "row", "line"],
            ["A", HK, "", "2", "2"],
            ["B", "", "", "3", "3"],
            ["C", TW, "x", "4", "4"],
            ["", "", "", "5", "5"],
            ["D", HK, "y", "6", "6"],
        ] == [row[:5] for row in csv.reader(io.StringIO(kept.stdout.decode()))]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([HK, TW, HK_BAD_CHECK, HOME_RETURN, ""]),
            st.text(alphabet='ab ,"\n中', max_size=12).filter(lambda note: note.count("\n") < 5),
        ),
        max_size=25,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_one_row_per_record_written_by_the_csv_module(
    rows: list[tuple[str, str]], ending: str
) -> None:
    # Whatever Python's csv module writes (quotes, delimiters and line breaks in fields),
    # the command reads back one row per record, numbered by record, with its first line.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=ending)
    writer.writerow(["id", "note"])
    starts, line = [], 2
    for number, note in rows:
        writer.writerow([number, note])
        starts.append(line)
        line += 1 + note.count("\n")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "records.csv"
        path.write_bytes(buffer.getvalue().encode())
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
            main(["check", "--format", "json", "--unmasked", "-q", "-i", str(path),
                  "--column", "id"])  # fmt: skip
        stdout.flush()
    output = [json.loads(line) for line in stdout.buffer.getvalue().splitlines()]
    assert [(row, start, number or None) for row, (start, (number, _)) in
            enumerate(zip(starts, rows, strict=True), start=2)] == [
        (record["row"], record["line"], record["number"]) for record in output
    ]  # fmt: skip


# -- keeping the input's columns --------------------------------------------------------------


class TestKeepColumns:
    """--keep-columns: every input column, then the result; the number masked unless --unmasked."""

    def test_csv(self, tmp_path: Path) -> None:
        path = tmp_path / "in.csv"
        path.write_text(f'name,id,address\nA,{HK},"Flat 1\nBlock A"\nB,{HK_BAD_CHECK},=cmd\n\n')
        result = check_csv(path, "--column", "id", "--keep-columns")
        assert [
            ["name", "id", "address", "row", "line", "valid", "kind", "region", "number", "errors"],
            ["A", "810000***********1", "Flat 1\nBlock A", "2", "2", "true", "residence_permit",
             "HK", "810000***********1", ""],
            ["B", "810000***********2", "'=cmd", "3", "4", "false", "residence_permit", "HK",
             "810000***********2", "checksum"],
            ["", "", "", "4", "5", "false", "", "", "", "empty"],
        ] == list(csv.reader(io.StringIO(result.stdout.decode())))  # fmt: skip

    def test_json_unmasked(self, tmp_path: Path) -> None:
        path = tmp_path / "in.csv"
        path.write_text(f"name,id\nA,{HK}\n")
        result = run("check", "--format", "json", "--unmasked", "--keep-columns",
                     "-i", str(path), "--column", "id")  # fmt: skip
        assert [{"input": {"name": "A", "id": HK}, "row": 2, "line": 2, "valid": True,
                 "kind": "residence_permit", "region": "HK", "number": HK, "errors": []}] == [
            json.loads(line) for line in result.stdout.splitlines()
        ]  # fmt: skip

    @pytest.mark.parametrize(
        ("args", "error"),
        [
            (("-i", "-"), "--keep-columns needs --column (a CSV file or a workbook)"),
            (("-i", "-", "--column", "id", "--format", "text"),
             "--keep-columns needs --format csv or --format json"),
        ],
    )  # fmt: skip
    def test_usage_errors(self, args: tuple[str, ...], error: str) -> None:
        result = run("check", "--keep-columns", *args, stdin=b"id\n")
        assert (2, f"permitcheck: error: {error}\n") == (result.returncode, stderr(result))


# -- counts -------------------------------------------------------------------------------------


class TestCounts:
    """The summary counts rows by kind and warns when one column holds several kinds."""

    def test_mixed_column_warns(self) -> None:
        result = run("check", HK, TW, HOME_RETURN, HK_BAD_CHECK, "")
        assert [
            "rows: 5, valid: 3, invalid: 2",
            "  residence permit: 2 valid, 1 invalid",
            "  home-return permit: 1 valid, 0 invalid",
            "  (no number): 0 valid, 1 invalid",
            f"  1  [checksum] {message('checksum')}",
            f"  1  [empty] {message('empty')}",
            "permitcheck: warning: the input mixes kinds (residence permit, home-return permit);"
            " with --kind auto each row is judged as the kind its shape suggests: give --kind"
            " residence or --kind travel to judge every row as one kind",
        ] == stderr(result).splitlines()

    def test_one_kind_asked_for_gives_no_warning(self) -> None:
        result = run("check", "--kind", "residence", HK, HOME_RETURN)
        assert [
            "rows: 2, valid: 1, invalid: 1",
            "  residence permit: 1 valid, 1 invalid",
            f"  1  [characters] {message('characters')}",
            f"  1  [length] {message('length')}",
        ] == stderr(result).splitlines()

    def test_thousands_separators(self, tmp_path: Path) -> None:
        path = tmp_path / "many.txt"
        path.write_text("id\n" + f"{HK}\n" * 1233 + "bad\n")
        result = run("check", "-i", str(path), "--column", "id", "--format", "csv")
        assert [
            "rows: 1,234, valid: 1,233, invalid: 1",
            "  residence permit: 1,233 valid, 0 invalid",
            "  travel permit: 0 valid, 1 invalid",
        ] == stderr(result).splitlines()[:3]


# -- small things -----------------------------------------------------------------------------


class TestStandardInput:
    """With no NUMBER and no -i, a pipe or a redirected file on stdin is read."""

    def test_piped_numbers(self) -> None:
        result = run("check", "--format", "csv", stdin=f"{HK}\n{HK_BAD_CHECK}\n".encode())
        assert (1, [("1", "true", ""), ("2", "false", "checksum")]) == (
            result.returncode,
            [(r["row"], r["valid"], r["errors"]) for r in records(result)],
        )

    def test_redirected_file_with_a_column(self, tmp_path: Path) -> None:
        path = tmp_path / "in.csv"
        path.write_text(f"id\n{HK}\n")
        with path.open("rb") as source:
            result = subprocess.run(
                [sys.executable, "-m", "permitcheck", "check", "--column", "id", "-q"],
                stdin=source,
                capture_output=True,
                timeout=120,
                check=False,
            )
        assert (0, b"2  810000***********1  valid  residence permit, Hong Kong\n") == (
            result.returncode,
            result.stdout,
        )

    def test_no_input_from_a_terminal_or_null_device(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "permitcheck", "check"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
            check=False,
            env={**os.environ, "LANG": "C.UTF-8"},
        )
        assert (2, "permitcheck: error: give NUMBER arguments or -i FILE (-i - reads standard"
                   " input)\n") == (result.returncode, stderr(result))  # fmt: skip


class TestErrorPrefix:
    """Every error, from argparse or from the command, starts 'permitcheck: error: '."""

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("check", "--kind", "x"), "argument --kind: invalid choice: 'x' (choose from"
             " 'auto', 'residence', 'travel') (see 'permitcheck check --help')"),
            (("explain",), "the following arguments are required: NUMBER"
             " (see 'permitcheck explain --help')"),
            (("link", HK), "the following arguments are required: TRAVEL"
             " (see 'permitcheck link --help')"),
            (("generate", "-n", "x"), "argument -n/--count: invalid int value: 'x'"
             " (see 'permitcheck generate --help')"),
            (("completion",), "the following arguments are required: SHELL"
             " (see 'permitcheck completion --help')"),
            (("check", "--bogus"), "unrecognized arguments: --bogus (see 'permitcheck --help')"),
            (("check", "-i", "missing"), "cannot read missing: No such file or directory"),
        ],
    )  # fmt: skip
    def test_one_prefix(self, args: tuple[str, ...], message: str) -> None:
        result = run(*args)
        assert (2, f"permitcheck: error: {message}\n") == (result.returncode, stderr(result))

    def test_in_the_language_asked_for(self) -> None:
        result = run("check", "--lang", "zh-Hant", "--kind", "x", HK)
        assert stderr(result).startswith("permitcheck：錯誤：argument --kind: invalid choice")
        assert stderr(result).endswith("（參見 'permitcheck check --help'）\n")

    def test_lang_without_a_value(self) -> None:
        result = run("check", HK, "--lang")
        assert stderr(result).startswith("permitcheck: error: argument --lang: expected one")

    def test_language_given_with_equals(self) -> None:
        result = run("--lang=zh-Hans", "frobnicate")
        assert stderr(result).startswith("permitcheck：错误：")


OPTION = "  -"  # an option's first line in --help


@pytest.mark.parametrize("command", [(), ("check",), ("explain",), ("link",), ("generate",),
                                     ("completion",)])  # fmt: skip
def test_help_shows_every_default_and_examples(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    text = result.stdout.decode()
    options = text.split("options:\n", 1)[1].split("\n\n", 1)[0]
    entries = list(("\n" + options).split("\n  -")[1:])
    undocumented = [
        entry.split()[0]
        for entry in entries
        if "default" not in " ".join(entry.split()) and not entry.startswith(("h,", "-version"))
    ]
    assert (0, []) == (result.returncode, undocumented)
    assert "examples:\n  permitcheck " in text


# -- shell completion -------------------------------------------------------------------------


def bash_complete(script: str, words: list[str]) -> list[str]:
    """What bash offers after *words* (the last one is being typed), with *script* loaded."""
    program = (
        f"{script}\n"
        f"COMP_WORDS=({' '.join(repr(word) for word in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        "_permitcheck\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "-c", program], capture_output=True, timeout=60, check=True)
    return result.stdout.decode().split()


@pytest.fixture(scope="module")
def bash_script() -> str:
    result = run("completion", "bash")
    assert 0 == result.returncode
    return result.stdout.decode()


class TestCompletion:
    """permitcheck completion bash|zsh|fish prints a script made from the parser."""

    def test_bash_commands(self, bash_script: str) -> None:
        assert ["check", "completion"] == sorted(bash_complete(bash_script, ["permitcheck", "c"]))

    def test_bash_options_of_a_command(self, bash_script: str) -> None:
        offered = bash_complete(bash_script, ["permitcheck", "check", "--k"])
        assert ["--keep-columns", "--kind"] == sorted(offered)

    def test_bash_choices_of_an_option(self, bash_script: str) -> None:
        offered = bash_complete(bash_script, ["permitcheck", "check", "--format", ""])
        assert ["csv", "json", "text"] == sorted(offered)

    def test_bash_files_for_input(self, bash_script: str, tmp_path: Path) -> None:
        (tmp_path / "numbers.txt").write_text(HK)
        words = ["permitcheck", "check", "-i", str(tmp_path / "num")]
        assert [str(tmp_path / "numbers.txt")] == bash_complete(bash_script, words)

    def test_bash_value_without_choices(self, bash_script: str) -> None:
        assert [] == bash_complete(bash_script, ["permitcheck", "check", "--column", ""])

    def test_zsh_loads_the_bash_function(self, bash_script: str) -> None:
        script = run("completion", "zsh").stdout.decode()
        assert script.startswith("#compdef permitcheck\n")
        assert script.endswith(bash_script)

    def test_fish_covers_every_option(self) -> None:
        script = run("completion", "fish").stdout.decode()
        for line in (
            "complete -c permitcheck -n __fish_use_subcommand -a check -d 'check subcommand'",
            "complete -c permitcheck -n '__fish_seen_subcommand_from check' -s i -l input -r -F"
            " -d 'read numbers from FILE (\\'-\\' for standard input), a text, CSV or .xlsx file'",
            "complete -c permitcheck -n '__fish_seen_subcommand_from check' -l format -x -a"
            " 'text json csv' -d 'output format'",
            "complete -c permitcheck -n '__fish_seen_subcommand_from check' -l column -x -d"
            " 'read FILE as CSV (or a workbook sheet) and check the column named NAME in its"
            " first row'",
            "complete -c permitcheck -n '__fish_seen_subcommand_from check' -l unmasked -d"
            " 'print numbers in full (they are personal data)'",
        ):
            assert line in script.splitlines()


# -- closed standard streams (issue 11) -------------------------------------------------------


def shell(command: str) -> subprocess.CompletedProcess[bytes]:
    """Run *command* in bash, where ``permitcheck`` is this interpreter's ``-m permitcheck``."""
    program = f'permitcheck() {{ "{sys.executable}" -m permitcheck "$@"; }}\n{command}'
    return subprocess.run(
        ["bash", "-c", program],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


class TestClosedStreams:
    """A closed stdin, stdout or stderr is an error message or nothing, never a traceback."""

    def test_closed_stdin(self) -> None:
        result = shell("permitcheck check -i - <&-")
        assert (2, b"", "permitcheck: error: cannot read <stdin>: Bad file descriptor\n") == (
            result.returncode,
            result.stdout,
            stderr(result),
        )

    def test_closed_stdin_without_input(self) -> None:
        result = shell("permitcheck check <&-")
        assert (2, b"") == (result.returncode, result.stdout)
        assert "Traceback" not in stderr(result)

    @pytest.mark.parametrize(
        "command",
        [
            f"check {HK}",
            f"check -i - <<< {HK}",
            f"explain {HK}",
            f"link {HK} {HOME_RETURN}",
            "generate -n 3 --seed 1",
            "completion bash",
        ],
    )
    def test_closed_stdout(self, command: str) -> None:
        result = shell(f"permitcheck {command} >&-")
        assert (2, "permitcheck: error: cannot write the output: Bad file descriptor\n") == (
            result.returncode,
            stderr(result),
        )

    @pytest.mark.parametrize(("number", "status"), [(HK, 0), (HK_BAD_CHECK, 1)])
    def test_closed_stderr(self, number: str, status: int) -> None:
        result = shell(f"permitcheck check {number} 2>&-")
        assert (status, 1) == (result.returncode, len(result.stdout.splitlines()))

    def test_full_stderr(self) -> None:
        result = shell(f"permitcheck check {HK} 2>/dev/full")
        assert (0, 1) == (result.returncode, len(result.stdout.splitlines()))

    def test_closed_stderr_with_a_usage_error(self) -> None:
        assert 2 == shell("permitcheck check --bogus 2>&-").returncode

    def test_help_with_closed_stdout(self) -> None:
        assert 0 == shell("permitcheck --help >&-").returncode
