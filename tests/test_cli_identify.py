"""``permitcheck identify``: one result per row, every kind, rows per kind in the summary."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from cli_in_process import call, english  # noqa: F401 - english is an autouse fixture
from permitcheck import DocumentKind
from permitcheck.cli.identify import kind_name

SPECIMENS = {
    "810000199408230021": "residence_permit",
    "H10387877": "home_return_permit",
    "00000000": "taiwan_compatriot_permit",
    "11010519491231002X": "mainland_id",
    "150102880730303": "mainland_id_15",
    "932682198501010017": "foreign_permanent_resident",
    "KAZ110090123105": "foreign_permanent_resident_15",
    "A123456(3)": "hong_kong_id",
    "1002483(3)": "macao_id",
    "A123456789": "taiwan_id",
    "A800000014": "taiwan_resident_certificate",
}


def json_rows(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_every_kind_in_json() -> None:
    result = call("identify", "--format", "json", *SPECIMENS)
    rows = json_rows(result)
    assert (0, list(SPECIMENS.values())) == (result.returncode, [row["kind"] for row in rows])
    assert all(row["valid"] for row in rows)
    # Numbers are masked: no whole number appears in the output.
    assert not any(number in result.stdout.decode() for number in SPECIMENS)


def test_masked_numbers() -> None:
    rows = json_rows(call("identify", "--format", "json", "-q", *SPECIMENS))
    assert [
        "810000***********1",
        "H********",
        "********",
        "*****************X",
        "***************",
        "9****************7",
        "KAZ************",
        "A******(*)",
        "*******(*)",
        "**********",
        "**********",
    ] == [row["number"] for row in rows]


def test_unmasked_numbers() -> None:
    rows = json_rows(call("identify", "--format", "json", "--unmasked", "-q", "A123456(3)", "?"))
    assert ["A1234563", "?"] == [row["number"] for row in rows]


def test_summary_counts_rows_per_kind() -> None:
    result = call("identify", "12345678", "00000000", "A123456789", "A123456788", "hello", "")
    summary = result.stderr.decode().splitlines()
    assert 1 == result.returncode
    assert "rows: 6, valid: 3, invalid: 3" == summary[0]
    assert [
        "  2  taiwan_compatriot_permit: Mainland Travel Permit for Taiwan Residents",
        "  2  taiwan_id: Taiwan National Identification Card",
    ] == summary[1:3]
    assert {"[empty]", "[taiwan_id_checksum]", "[unknown_document]"} == {
        line.split()[1] for line in summary[3:]
    }


def test_candidates_and_text_output() -> None:
    text = call("identify", "-q", "12345678").stdout.decode()
    assert "(+ Macao Resident Identity Card)" in text
    rows = json_rows(call("identify", "--format", "json", "-q", "12345678"))
    assert ["macao_id"] == rows[0]["candidates"]


def test_kind_limits_the_search() -> None:
    rows = json_rows(
        call("identify", "--format", "json", "-q", "--kind", "macao_id", "12345678", "A123456789")
    )
    assert [("macao_id", True), (None, False)] == [(row["kind"], row["valid"]) for row in rows]
    assert ["unknown_document"] == rows[1]["errors"]


def test_every_kind_is_a_kind_value() -> None:
    for kind in DocumentKind:
        assert (
            0
            == call("identify", "-q", "--kind", kind.value, "--kind", kind.value, "00").returncode
            - 1
        )


def test_unknown_kind_is_a_usage_error() -> None:
    assert 2 == call("identify", "--kind", "passport", "00000000").returncode


def test_warnings() -> None:
    rows = json_rows(call("identify", "--format", "json", "-q", "KAZ110090123109"))
    assert (True, ["foreign_permanent_resident_15_check"]) == (
        rows[0]["valid"],
        rows[0]["warnings"],
    )
    assert (
        "[foreign_permanent_resident_15_check]"
        in call("identify", "-q", "KAZ110090123109").stdout.decode()
    )


def test_csv_output() -> None:
    result = call("identify", "--format", "csv", "-q", "12345678", "=1+1")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert [
        {
            "row": "1",
            "valid": "true",
            "kind": "taiwan_compatriot_permit",
            "candidates": "macao_id",
            "number": "********",
            "warnings": "",
            "errors": "",
        },
        {
            "row": "2",
            "valid": "false",
            "kind": "",
            "candidates": "",
            "number": "****",
            "warnings": "",
            "errors": "unknown_document",
        },
    ] == rows
    unmasked = call("identify", "--format", "csv", "-q", "--unmasked", "=1+1").stdout.decode()
    assert "'=1+1" in unmasked


def test_file_and_csv_column(tmp_path: Path) -> None:
    plain = tmp_path / "numbers.txt"
    plain.write_bytes(b"A123456(3)\n\xff\n932682198501010017\n")
    rows = json_rows(call("identify", "--format", "json", "-q", "-i", str(plain)))
    assert [("hong_kong_id", []), (None, ["encoding"]), ("foreign_permanent_resident", [])] == [
        (row["kind"], row["errors"]) for row in rows
    ]
    table = tmp_path / "people.csv"
    table.write_text("name;id\nA;1002483(3)\nB;H10387877\n", encoding="utf-8")
    rows = json_rows(
        call(
            "identify",
            "--format",
            "json",
            "-q",
            "-i",
            str(table),
            "--column",
            "id",
            "--delimiter",
            ";",
        )
    )
    assert [(2, "macao_id"), (3, "home_return_permit")] == [
        (row["row"], row["kind"]) for row in rows
    ]


def test_argument_that_is_not_utf8() -> None:
    rows = json_rows(call("identify", "--format", "json", "-q", "\udcff"))
    assert ["encoding"] == rows[0]["errors"]


@pytest.mark.parametrize(
    "args",
    [
        ("identify",),
        ("identify", "-i", "x", "12345678"),
        ("identify", "--column", "id", "12345678"),
        ("identify", "--delimiter", ";;", "12345678"),
    ],
)
def test_usage_errors(args: tuple[str, ...]) -> None:
    assert 2 == call(*args).returncode


def test_chinese_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    result = call("identify", "1002483(3)")
    assert "澳門居民身份證" in result.stdout.decode()
    assert "macao_id: 澳門居民身份證" in result.stderr.decode()
    assert "澳门居民身份证" == kind_name(DocumentKind.MACAO_ID, "zh-Hans")
    assert "Macao Resident Identity Card" == kind_name(DocumentKind.MACAO_ID, "en")
