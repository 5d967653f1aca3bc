"""The ``permitcheck`` command: commands, formats, exit statuses, masking, languages.

``run`` drives the real entry point, ``python -m permitcheck`` in a fresh
interpreter (every command, format and exit status goes through it at least
once); ``call`` runs :func:`permitcheck.cli.main` in this process for the
long rule tables, where a subprocess per row would only add start-up time.
Both return a :class:`subprocess.CompletedProcess` with bytes stdout/stderr.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import re
import select
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import permitcheck
from cli_in_process import call, english  # noqa: F401 - english is an autouse fixture
from permitcheck.cli import main
from permitcheck.generate import PermitGenerator
from permitcheck.messages import LANGUAGES, message

HK = "810000199408230021"  # public specimen: Hong Kong, female, 1994-08-23
TW = "830000199201300022"  # public specimen: Taiwan, female, 1992-01-30
HK_BAD_CHECK = "810000199408230022"  # the specimen with a wrong check character
HOME_RETURN = "H10387877"  # public specimen (Alibaba Cloud OCR doc)
TAIWAN_PERMIT = "00000000"  # public specimen (Volcengine OCR doc)
RESIDENCE_RULES = ("length", "characters", "region", "birth_date", "checksum")


def run(
    *args: str,
    stdin: bytes | None = None,
    lang: str = "C.UTF-8",
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m permitcheck *args`` with a controlled locale."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"}
    }
    environment["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "permitcheck", *args],
        input=stdin,
        capture_output=True,
        env=environment,
        timeout=120,
        check=False,
    )


def out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8")


def err(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8")


def masked(number: str) -> str:
    """The documented masking of a residence permit: region prefix and check character stay."""
    return number[:6] + "*" * 11 + number[17]


def json_rows(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, object]]:
    return [json.loads(line) for line in out(result).splitlines()]


def csv_rows(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out(result))))


# -- exit status ------------------------------------------------------------------


class TestExitStatus:
    """0 when every number is valid, 1 when any is invalid, 2 for usage or I/O errors."""

    def test_all_valid_exits_0(self) -> None:
        assert 0 == run("check", HK, TW).returncode

    def test_any_invalid_exits_1(self) -> None:
        assert 1 == run("check", HK, HK_BAD_CHECK).returncode

    @pytest.mark.parametrize(
        "args",
        [
            ("check", "--bogus", HK),
            ("check", "--format", "xml", HK),
            ("frobnicate",),
            (),
            ("check",),
            ("check", HK, "-i", "numbers.txt"),
            ("check", HK, "--column", "id"),
            ("check", "-i", "-", "--delimiter", ";;"),
            ("check", "-i", "-", "--delimiter", '"'),
            ("explain",),
            ("link", HK),
            ("link", HK, HOME_RETURN, "--birth-date", "1994-02-30"),
            ("link", HK, HOME_RETURN, "--sex", "X"),
        ],
    )
    def test_usage_error_exits_2_with_one_line(self, args: tuple[str, ...]) -> None:
        result = call(*args)
        assert (2, b"") == (result.returncode, result.stdout)
        assert 1 == len(err(result).splitlines())
        assert "error" in err(result)

    def test_unknown_option_names_the_option(self) -> None:
        result = run("check", "--bogus", HK)
        assert "--bogus" in err(result)

    def test_missing_file_exits_2_with_one_line_naming_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)  # a path without digits (see TestErrorsHideNumbers)
        result = run("check", "-i", "missing.txt")
        assert (2, b"") == (result.returncode, result.stdout)
        assert ["permitcheck: error: cannot read missing.txt: No such file or directory"] == (
            err(result).splitlines()
        )

    def test_directory_as_input_exits_2(self, tmp_path: Path) -> None:
        result = call("check", "-i", str(tmp_path))
        assert 2 == result.returncode
        assert 1 == len(err(result).splitlines())

    def test_help_exits_0_and_lists_the_commands(self) -> None:
        result = run("--help")
        assert 0 == result.returncode
        for command in ("check", "explain", "link", "generate"):
            assert command in out(result)

    def test_version_exits_0(self) -> None:
        result = run("--version")
        assert (0, f"permitcheck {permitcheck.__version__}\n") == (result.returncode, out(result))


class TestErrorsHideNumbers:
    """Error messages never repeat a number: every digit of a value from the user is a '*'."""

    @pytest.mark.parametrize(
        "args",
        [
            (HK,),  # not a command
            ("link", HK, HOME_RETURN, TW),  # one argument too many
            ("explain", HK, TW),
            ("explain", HK, "８１００００１９９４０８２３００２１"),  # full-width digits too
            ("check", "--kind", HK),  # not a choice
            ("check", "--format", HK),
            ("check", "--lang", HK),
            ("check", f"--{HK}"),  # not an option
            ("link", HK, HOME_RETURN, "--birth-date", "1994-13-23"),  # a birth date is personal
            ("generate", "-n", HOME_RETURN),
        ],
    )
    def test_usage_error_shows_no_digit(self, args: tuple[str, ...]) -> None:
        result = run(*args)
        assert (2, b"", 1, []) == (
            result.returncode,
            result.stdout,
            len(err(result).splitlines()),
            re.findall(r"\d", err(result)),
        )

    def test_usage_error_shows_the_value_as_stars(self) -> None:
        result = run("check", "--kind", HOME_RETURN)
        assert "invalid choice: 'H********'" in err(result)

    def test_missing_file_named_by_a_number(self) -> None:
        result = run("check", "-i", f"{HK}.txt")
        assert (
            "permitcheck: error: cannot read ******************.txt: No such file or directory\n"
            == (err(result))
        )

    def test_column_named_by_a_number(self) -> None:
        result = run("check", "-i", "-", "--column", HK, stdin=b"name,permit\n")
        assert (
            "permitcheck: error: column '******************' is not in the CSV header"
            " (columns: name, permit)\n"
        ) == err(result)

    def test_header_cells_of_a_file_without_header(self) -> None:
        # The first line is taken as the header: its cells are numbers.
        result = run(
            "check", "-i", "-", "--column", "permit", stdin=f"{HK},{HOME_RETURN}\n".encode()
        )
        assert (
            "permitcheck: error: column 'permit' is not in the CSV header"
            " (columns: ******************, H********)\n"
        ) == err(result)

    def test_translated_error_hides_digits_too(self) -> None:
        result = run(
            "check", "--lang", "zh-Hant", "-i", "-", "--column", "permit", stdin=f"{HK}\n".encode()
        )
        assert (
            "permitcheck：錯誤：CSV 標頭中沒有欄 'permit'（現有欄：******************）\n"
            == err(result)
        )


def test_installed_script_runs_the_command() -> None:
    # [project.scripts] permitcheck = "permitcheck.cli:main"
    script = shutil.which("permitcheck", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run(
        [script, "check", "--format", "csv", HK], capture_output=True, check=False
    )
    assert 0 == result.returncode
    assert [{"row": "1", "valid": "true", "kind": "residence_permit", "region": "HK",
             "number": masked(HK), "errors": ""}] == csv_rows(result)  # fmt: skip


@pytest.mark.parametrize("module", ["permitcheck", "permitcheck.cli"])
def test_python_m_runs_the_command(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", module, "check", "--format", "csv", "-q", HK],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (0, [masked(HK)]) == (result.returncode, [row["number"] for row in csv_rows(result)])
    assert main is importlib.import_module(f"{module}.__main__").main


# -- output formats ------------------------------------------------------------------


class TestCsvFormat:
    """One CSV record per input row: row, valid, kind, region, number, errors."""

    def test_header_and_one_record_per_number(self) -> None:
        result = run("check", "--format", "csv", HK, HK_BAD_CHECK, TW)
        assert "row,valid,kind,region,number,errors" == out(result).splitlines()[0]
        expected = [
            {"row": "1", "valid": "true", "kind": "residence_permit", "region": "HK",
             "number": masked(HK), "errors": ""},
            {"row": "2", "valid": "false", "kind": "residence_permit", "region": "HK",
             "number": masked(HK_BAD_CHECK), "errors": "checksum"},
            {"row": "3", "valid": "true", "kind": "residence_permit", "region": "TW",
             "number": masked(TW), "errors": ""},
        ]  # fmt: skip
        assert expected == csv_rows(result)

    def test_every_problem_code_is_listed(self) -> None:
        # 710000 is not ours and Feb 30 is no date: check() reports region,
        # birth date and checksum together.
        body = "71000019940230002"
        wrong = "1" if permitcheck.calc_check_digit(body) == "0" else "0"
        result = call("check", "--format", "csv", body + wrong)
        assert "region;birth_date;checksum" == csv_rows(result)[0]["errors"]

    def test_unmasked_prints_the_compact_number(self) -> None:
        result = call("check", "--format", "csv", "--unmasked", "8100-0019940823 0021")
        assert HK == csv_rows(result)[0]["number"]

    def test_unmasked_invalid_input_is_quoted(self) -> None:
        result = call("check", "--format", "csv", "--unmasked", 'A,"B')
        assert 'A,"B' == csv_rows(result)[0]["number"]

    @pytest.mark.parametrize("junk", ["=1+2", "+12345", "@SUM(A1)"])
    def test_unmasked_formula_is_defused(self, junk: str) -> None:
        # OWASP CSV injection: a leading quote keeps spreadsheets from evaluating it.
        result = call("check", "--format", "csv", "--unmasked", junk)
        assert "'" + junk == csv_rows(result)[0]["number"]


class TestJsonFormat:
    """JSON Lines: one object per input row with the same fields as CSV."""

    def test_one_object_per_number(self) -> None:
        result = run("check", "--format", "json", HK, "")
        expected = [
            {"row": 1, "valid": True, "kind": "residence_permit", "region": "HK",
             "number": masked(HK), "errors": []},
            {"row": 2, "valid": False, "kind": None, "region": None, "number": None,
             "errors": ["empty"]},
        ]  # fmt: skip
        assert expected == json_rows(result)

    def test_travel_permit_kind_and_region(self) -> None:
        result = call("check", "--format", "json", HOME_RETURN, "M1038787700", TAIWAN_PERMIT)
        assert [("home_return", "HK"), ("home_return", "MO"), ("taiwan_compatriot", "TW")] == [
            (row["kind"], row["region"]) for row in json_rows(result)
        ]

    def test_unmasked_junk_is_escaped_json(self) -> None:
        result = call("check", "--format", "json", "--unmasked", 'say "hi"\t')
        assert 'SAY"HI"' == json_rows(result)[0]["number"]


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_output_is_utf8_whatever_the_locale(fmt: str) -> None:
    # Python would write Latin-1 to this stdout; the command writes UTF-8 bytes itself.
    args = ("check", "--lang", "zh-Hant", "--format", fmt, "--unmasked", "香港")
    environment = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "latin-1"}
    result = subprocess.run(
        [sys.executable, "-m", "permitcheck", *args],
        capture_output=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert (True, call(*args).stdout) == ("香港".encode() in result.stdout, result.stdout)


class TestTextFormat:
    """For people: row, number, verdict, kind and region, and each problem's message."""

    def test_valid_row(self) -> None:
        line = out(call("check", HK)).splitlines()[0]
        assert line.startswith(f"1  {masked(HK)}  valid  ")
        assert "Hong Kong" in line

    def test_invalid_row_carries_code_and_message(self) -> None:
        line = out(run("check", HK_BAD_CHECK)).splitlines()[0]
        assert line.startswith(f"1  {masked(HK_BAD_CHECK)}  invalid  ")
        assert line.endswith(f"[checksum] {message('checksum')}")

    def test_row_without_a_number(self) -> None:
        line = out(call("check", " ")).splitlines()[0]
        assert line.endswith(f"invalid  [empty] {message('empty')}")

    def test_unmasked_control_characters_are_escaped(self) -> None:
        # An escape sequence from the input must not reach the terminal raw.
        line = out(call("check", "--unmasked", "\x1b[31mred")).splitlines()[0]
        assert "\x1b" not in line
        assert "\\x1b[31MRED" in line


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
@pytest.mark.parametrize("unmasked", [[], ["--unmasked"]])
def test_fast_and_slow_path_print_the_same_line(fmt: str, unmasked: list[str]) -> None:
    # A compact number takes the fast path; spaces send the same number
    # through the general path.  Only the row number may differ.
    result = call("check", "--format", fmt, *unmasked, HK, "810000 19940823 0021")
    lines = out(result).splitlines()[-2:]
    assert lines[0].replace("1", "#", 1) == lines[1].replace("2", "#", 1)


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_lower_case_x_is_printed_upper_case(fmt: str) -> None:
    number = "81000019940823003X"  # hypothetical; checked below to be valid
    assert permitcheck.is_valid(number)
    result = call("check", "--format", fmt, "--unmasked", number.lower())
    assert number in out(result)
    assert 0 == result.returncode


class TestMasking:
    """Numbers are personal data: masked unless --unmasked."""

    @pytest.mark.parametrize("fmt", ["text", "json", "csv"])
    def test_birth_date_and_sequence_never_printed(self, fmt: str) -> None:
        result = call("check", "--format", fmt, HK, HK_BAD_CHECK, "81000019940823002")
        assert "19940823" not in out(result)

    @pytest.mark.parametrize(
        ("number", "shown"),
        [
            (HOME_RETURN, "H********"),  # letters stay, digits go
            ("HA1234567", "HA*******"),
            ("0561682001(D)", "**********(D)"),  # the office code stays
            ("81000019940823002", "810000" + "*" * 11),  # too short: no check character
            ("710000199408230021", "*" * 17 + "1"),  # not our prefix: hidden
            ("H1038", "H****"),  # invalid travel permit: its letter stays, as on a valid one
            ("X" * 40, "*" * 20 + "…"),  # long junk: capped
        ],
    )
    def test_masked_forms(self, number: str, shown: str) -> None:
        result = call("check", "--format", "json", number)
        assert shown == json_rows(result)[0]["number"]


# -- arguments that are not UTF-8 -------------------------------------------------------

# The bytes b"81000019940823002\xff": Python passes the undecodable byte on as a lone surrogate.
NOT_UTF8 = "81000019940823002\udcff"


class TestUndecodableArgument:
    """An argument that is not UTF-8 is an invalid row with code ``encoding``, never a crash."""

    @pytest.mark.parametrize("fmt", ["text", "json", "csv"])
    @pytest.mark.parametrize("unmasked", [[], ["--unmasked"]])
    def test_check_prints_what_the_same_bytes_in_a_file_give(
        self, fmt: str, unmasked: list[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "input.txt"
        path.write_bytes(f"{HK}\n{NOT_UTF8}\n{TW}\n".encode("utf-8", "surrogateescape"))
        from_arguments = run("check", "--format", fmt, *unmasked, HK, NOT_UTF8, TW)
        from_file = run("check", "--format", fmt, *unmasked, "-i", str(path))
        assert (from_file.returncode, out(from_file), err(from_file)) == (
            from_arguments.returncode,
            out(from_arguments),
            err(from_arguments),
        )

    def test_check_reports_the_row_as_encoding(self) -> None:
        result = run("check", "--format", "json", "--unmasked", HK, NOT_UTF8, TW)
        expected = {"row": 2, "valid": False, "kind": None, "region": None, "number": None,
                    "errors": ["encoding"]}  # fmt: skip
        assert (1, 3, expected) == (result.returncode, len(json_rows(result)), json_rows(result)[1])

    @pytest.mark.parametrize("unmasked", [[], ["--unmasked"]])
    def test_link_json(self, unmasked: list[str]) -> None:
        result = run("link", "--format", "json", *unmasked, NOT_UTF8, HOME_RETURN)
        report = json.loads(out(result))
        expected = {"number": None, "valid": False, "kind": None, "region": None,
                    "errors": ["encoding"]}  # fmt: skip
        assert (1, False, expected) == (
            result.returncode,
            report["linked"],
            report["residence_permit"],
        )

    def test_link_csv(self) -> None:
        result = run("link", "--format", "csv", "--unmasked", HK, "H1038787\udcff")
        row = csv_rows(result)[0]
        assert (1, "false", "", "encoding") == (
            result.returncode,
            row["linked"],
            row["travel_permit"],
            row["errors"],
        )

    def test_link_text(self) -> None:
        lines = out(run("link", "--unmasked", NOT_UTF8, HOME_RETURN)).splitlines()
        assert f"(no number)         invalid  [encoding] {message('encoding')}" == lines[0]

    @pytest.mark.parametrize("unmasked", [[], ["--unmasked"]])
    def test_explain_json(self, unmasked: list[str]) -> None:
        result = run("explain", "--format", "json", *unmasked, NOT_UTF8)
        expected = {
            "kind": None,
            "valid": False,
            "region": None,
            "number": None,
            "parts": [],
            "rules": [{"code": "encoding", "status": "failed", "rule": "is valid UTF-8 text"}],
        }
        assert (1, expected) == (result.returncode, json.loads(out(result)))

    def test_explain_csv(self) -> None:
        result = run("explain", "--format", "csv", "--unmasked", NOT_UTF8)
        assert [
            {"section": "number", "name": "", "positions": "", "value": "",
             "status": "invalid", "text": ""},
            {"section": "rule", "name": "encoding", "positions": "", "value": "",
             "status": "failed", "text": "is valid UTF-8 text"},
        ] == csv_rows(result)  # fmt: skip

    def test_explain_text(self) -> None:
        result = run("explain", "--unmasked", NOT_UTF8)
        assert "(no number): invalid\nrules:\n  failed  encoding: is valid UTF-8 text\n" == out(
            result
        )


# -- kinds ------------------------------------------------------------------------------


class TestKind:
    """Auto-detection by shape; --kind forces one document."""

    @pytest.mark.parametrize(
        ("number", "kind"),
        [
            (HK, "residence_permit"),
            ("81000019940823002", "residence_permit"),  # 17 characters: a residence typo
            (HOME_RETURN, "home_return"),
            ("H1038787701", "home_return"),
            ("MA1234567", "home_return_non_chinese"),
            (TAIWAN_PERMIT, "taiwan_compatriot"),
            ("0561682001", "taiwan_compatriot"),
            ("０５６１６８２００１（Ｄ）", "taiwan_compatriot"),  # full-width folded
            ("H1038787", "travel_permit"),  # invalid travel permit: kind unknown
        ],
    )
    def test_auto_detection(self, number: str, kind: str) -> None:
        assert kind == json_rows(call("check", "--format", "json", number))[0]["kind"]

    def test_kind_residence_judges_a_travel_permit_as_residence(self) -> None:
        row = json_rows(call("check", "--format", "json", "--kind", "residence", HOME_RETURN))[0]
        assert ("residence_permit", ["length", "characters"]) == (row["kind"], row["errors"])

    def test_kind_travel_judges_a_residence_permit_as_travel(self) -> None:
        row = json_rows(call("check", "--format", "json", "--kind", "travel", HK))[0]
        assert ("travel_permit", ["travel_length"]) == (row["kind"], row["errors"])

    def test_kind_travel_accepts_travel_permits(self) -> None:
        result = call("check", "--kind", "travel", HOME_RETURN, TAIWAN_PERMIT)
        assert 0 == result.returncode


# -- summary ----------------------------------------------------------------------------


class TestSummary:
    """Rows, valid, invalid, and invalid rows by code, on stderr."""

    def test_counts_by_code_most_frequent_first(self) -> None:
        result = run("check", HK, HK_BAD_CHECK, HK_BAD_CHECK, "", TW)
        assert [
            "rows: 5, valid: 2, invalid: 3",
            "  residence permit: 2 valid, 2 invalid",
            "  (no number): 0 valid, 1 invalid",
            f"  2  [checksum] {message('checksum')}",
            f"  1  [empty] {message('empty')}",
        ] == err(result).splitlines()

    def test_all_valid(self) -> None:
        assert ["rows: 2, valid: 2, invalid: 0", "  residence permit: 2 valid, 0 invalid"] == (
            err(call("check", HK, TW)).splitlines()
        )

    def test_summary_is_not_on_stdout(self) -> None:
        assert "rows:" not in out(call("check", HK))

    def test_quiet_prints_no_summary(self) -> None:
        result = call("check", "-q", HK, HK_BAD_CHECK)
        assert (1, b"") == (result.returncode, result.stderr)


# -- languages -----------------------------------------------------------------------------


class TestLanguage:
    """--lang, or the locale: zh_CN/zh_SG Simplified, zh_TW/zh_HK/zh_MO Traditional."""

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_lang_option_translates_the_messages(self, language: str) -> None:
        result = call("check", "--lang", language, HK_BAD_CHECK)
        assert f"[checksum] {message('checksum', language)}" in out(result)
        assert f"[checksum] {message('checksum', language)}" in err(result)

    def test_lang_before_the_command(self) -> None:
        result = call("--lang", "zh-Hant", "check", HK_BAD_CHECK)
        assert message("checksum", "zh-Hant") in out(result)

    def test_lang_after_the_command_wins(self) -> None:
        result = call("--lang", "zh-Hant", "check", "--lang", "en", HK_BAD_CHECK)
        assert message("checksum", "en") in out(result)

    @pytest.mark.parametrize(
        ("env", "language"),
        [
            ({"LANG": "zh_CN.UTF-8"}, "zh-Hans"),
            ({"LANG": "zh_SG.UTF-8"}, "zh-Hans"),
            ({"LANG": "zh_TW.UTF-8"}, "zh-Hant"),
            ({"LANG": "zh_HK.UTF-8"}, "zh-Hant"),
            ({"LANG": "zh_MO.UTF-8"}, "zh-Hant"),
            ({"LANG": "zh_TW.Big5@stroke"}, "zh-Hant"),
            ({"LANG": "zh-Hant-TW"}, "zh-Hant"),
            ({"LANG": "zh_Hans_HK"}, "zh-Hans"),  # an explicit script wins
            ({"LANG": "zh"}, "zh-Hans"),
            ({"LANG": "en_US.UTF-8"}, "en"),
            ({"LANG": "ja_JP.UTF-8"}, "en"),
            ({"LANG": "C"}, "en"),
            ({}, "en"),
            ({"LC_ALL": "zh_TW.UTF-8", "LANG": "zh_CN.UTF-8"}, "zh-Hant"),  # LC_ALL first
            ({"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh-Hant"),
            ({"LC_ALL": "", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh-Hans"),  # empty is unset
            ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ],
    )
    def test_default_language_from_the_locale(
        self, env: dict[str, str], language: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("LANG")
        for variable, value in env.items():
            monkeypatch.setenv(variable, value)
        result = call("check", HK_BAD_CHECK)
        assert message("checksum", language) in out(result)

    def test_locale_of_the_subprocess(self) -> None:
        result = run("check", HK_BAD_CHECK, lang="zh_TW.UTF-8")
        assert message("checksum", "zh-Hant") in out(result)

    def test_chinese_placeholder_keeps_the_columns_aligned(self) -> None:
        # "（無號碼）" is five wide characters: ten terminal columns, padded to 18.
        lines = out(call("check", "--lang", "zh-Hant", TW, "")).splitlines()
        assert "（無號碼）" + " " * 8 + "  無效  " in lines[1]
        assert masked(TW) + "  有效  " in lines[0]

    def test_errors_are_translated(self, tmp_path: Path) -> None:
        result = run("check", "--lang", "zh-Hans", "-i", str(tmp_path / "missing.txt"))
        assert err(result).startswith("permitcheck：错误：无法读取 ")


# -- explain ------------------------------------------------------------------------------


def explain(*args: str) -> dict[str, object]:
    result = call("explain", "--format", "json", *args)
    assert result.returncode == (0 if json.loads(out(result))["valid"] else 1)
    explanation: dict[str, object] = json.loads(out(result))
    return explanation


def statuses(explanation: dict[str, object]) -> dict[str, str]:
    rules: list[dict[str, str]] = explanation["rules"]  # type: ignore[assignment]
    return {rule["code"]: rule["status"] for rule in rules}


def parts(explanation: dict[str, object]) -> dict[str, tuple[str, str, str]]:
    found: list[dict[str, str]] = explanation["parts"]  # type: ignore[assignment]
    return {part["name"]: (part["positions"], part["value"], part["meaning"]) for part in found}


class TestExplain:
    """Each part of the number, what it means, and each rule passed or failed."""

    def test_exit_status(self) -> None:
        assert (0, 1) == (run("explain", HK).returncode, run("explain", HK_BAD_CHECK).returncode)

    def test_valid_residence_permit_passes_every_rule(self) -> None:
        result = run("explain", "--format", "json", HK)  # the JSON format, end to end
        expected = dict.fromkeys(RESIDENCE_RULES, "passed")
        assert expected == statuses(json.loads(out(result)))

    def test_wrong_check_character_names_the_expected_one(self) -> None:
        explanation = explain(HK_BAD_CHECK)
        assert "failed" == statuses(explanation)["checksum"]
        expected = permitcheck.calc_check_digit(HK_BAD_CHECK[:17])
        positions, value, meaning = parts(explanation)["check_character"]
        assert ("18", "2") == (positions, value)
        assert f"expected {expected} " in meaning

    def test_masked_parts_hide_birth_date_and_sequence(self) -> None:
        found = parts(explain(HK))
        assert ("1-6", "810000", "Hong Kong") == found["address_code"]
        assert "********" == found["birth_date"][1]
        assert "***" == found["sequence"][1]
        assert "19940823" not in json.dumps(explain(HK))

    def test_unmasked_parts_show_birth_date_and_sex(self) -> None:
        found = parts(explain("--unmasked", HK))
        assert ("7-14", "19940823", "1994-08-23") == found["birth_date"]
        # GB 11643: an even 17th digit is female.
        assert ("15-17", "002") == found["sequence"][:2]
        assert "female" in found["sequence"][2]

    def test_odd_17th_digit_is_male(self) -> None:
        number = "810000199408230013"  # hypothetical: sequence 001
        assert permitcheck.is_valid(number)
        assert "male" in parts(explain("--unmasked", number))["sequence"][2]
        assert "female" not in parts(explain("--unmasked", number))["sequence"][2]

    def test_impossible_date_is_named(self) -> None:
        explanation = explain("--unmasked", "810000199402300021")
        assert "failed" == statuses(explanation)["birth_date"]
        assert "not a valid birth date" == parts(explanation)["birth_date"][2]

    def test_unknown_region_prefix(self) -> None:
        explanation = explain("--unmasked", "710000199408230021")
        assert "failed" == statuses(explanation)["region"]
        assert ("1-6", "710000", "not a Hong Kong, Macao or Taiwan code") == (
            parts(explanation)["address_code"]
        )

    def test_unknown_region_prefix_is_masked(self) -> None:
        # A mainland address code says where the holder is registered: hidden.
        assert "******" == parts(explain("110105194912310021"))["address_code"][1]

    def test_wrong_length_leaves_later_rules_unchecked(self) -> None:
        explanation = explain("81000019940823002")
        expected = {
            "length": "failed",
            "characters": "passed",
            "region": "not_checked",
            "birth_date": "not_checked",
            "checksum": "not_checked",
        }
        assert expected == statuses(explanation)
        assert {} == parts(explanation)

    def test_wrong_characters_leave_later_rules_unchecked(self) -> None:
        expected = {
            "length": "passed",
            "characters": "failed",
            "region": "not_checked",
            "birth_date": "not_checked",
            "checksum": "not_checked",
        }
        assert expected == statuses(explain("8100001994082300A1"))

    @pytest.mark.parametrize(
        ("number", "kind", "expected_parts"),
        [
            ("H10387877", "home_return",
             {"letter": ("1", "H", "first application made in Hong Kong"),
              "lifelong_number": ("1-9", "H10387877", "never changes for the holder")}),
            ("M1038787701", "home_return",
             {"letter": ("1", "M", "first application made in Macao"),
              "lifelong_number": ("1-9", "M10387877", "never changes for the holder"),
              "renewal_count": ("10-11", "01", "01 (00 is the first card)")}),
            ("HA1234567", "home_return_non_chinese",
             {"letter": ("1-2", "HA", "non-Chinese permanent resident of Hong Kong"),
              "lifelong_number": ("1-9", "HA1234567", "never changes for the holder")}),
            ("MA1234567", "home_return_non_chinese",
             {"letter": ("1-2", "MA", "non-Chinese permanent resident of Macao"),
              "lifelong_number": ("1-9", "MA1234567", "never changes for the holder")}),
            ("00000000", "taiwan_compatriot",
             {"lifelong_number": ("1-8", "00000000", "never changes for the holder")}),
            ("0561682001(D)", "taiwan_compatriot",
             {"lifelong_number": ("1-8", "05616820", "never changes for the holder"),
              "issue_count": ("9-10", "01", "01"),
              "issuing_office": ("11-13", "(D)", "issuing office D")}),
        ],
    )  # fmt: skip
    def test_travel_permit_parts(
        self, number: str, kind: str, expected_parts: dict[str, tuple[str, str, str]]
    ) -> None:
        explanation = explain("--unmasked", number)
        assert (kind, True) == (explanation["kind"], explanation["valid"])
        assert expected_parts == parts(explanation)

    def test_masked_travel_permit_hides_digits_and_counts(self) -> None:
        found = parts(explain("H1038787701"))
        assert ("1-9", "H********") == found["lifelong_number"][:2]
        assert ("10-11", "**") == found["renewal_count"][:2]

    @pytest.mark.parametrize(
        ("number", "expected"),
        [
            ("H1038787", {"travel_length": "failed", "travel_characters": "not_checked",
                          "travel_format": "not_checked"}),
            ("H1038787?", {"travel_length": "passed", "travel_characters": "failed",
                           "travel_format": "not_checked"}),
            ("HB1234567", {"travel_length": "passed", "travel_characters": "passed",
                           "travel_format": "failed"}),
        ],
    )  # fmt: skip
    def test_invalid_travel_permit_rules(self, number: str, expected: dict[str, str]) -> None:
        explanation = explain(number)
        assert (False, expected, {}) == (
            explanation["valid"],
            statuses(explanation),
            parts(explanation),
        )

    def test_kind_option_forces_the_document(self) -> None:
        assert "travel_permit" == explain("--kind", "travel", HK)["kind"]
        assert "residence_permit" == explain("--kind", "residence", HOME_RETURN)["kind"]

    def test_empty_number(self) -> None:
        result = call("explain", "")
        assert 1 == result.returncode
        assert out(result).startswith("(no number): invalid")

    def test_text_format_shows_parts_and_rules(self) -> None:
        text = out(run("explain", HK_BAD_CHECK))
        assert text.startswith(f"{masked(HK_BAD_CHECK)}: invalid ")
        assert "  18     2         check character: expected 1 " in text
        assert "  failed  checksum: " in text

    def test_text_format_in_chinese(self) -> None:
        text = out(call("explain", "--lang", "zh-Hans", "--unmasked", TW))
        assert text.startswith(f"{TW}：有效")
        assert "1992-01-30" in text

    def test_csv_format(self) -> None:
        rows = csv_rows(run("explain", "--format", "csv", HK_BAD_CHECK))
        expected = {
            "section": "number",
            "name": "residence_permit",
            "positions": "",
            "value": masked(HK_BAD_CHECK),
            "status": "invalid",
            "text": "HK",
        }
        assert expected == rows[0]
        assert {"part": 4, "rule": 5} == {
            section: sum(row["section"] == section for row in rows) for section in ("part", "rule")
        }


# -- link ------------------------------------------------------------------------------------


def link(*args: str) -> tuple[int, dict[str, object]]:
    result = call("link", "--format", "json", *args)
    report: dict[str, object] = json.loads(out(result))
    return result.returncode, report


class TestLink:
    """The link verdict, its warnings and errors; exit 0 only when linked."""

    def test_clean_link(self) -> None:
        result = run("link", "--format", "json", HK, HOME_RETURN)  # end to end
        status, report = result.returncode, json.loads(out(result))
        assert (0, True, [], []) == (status, report["linked"], report["warnings"], report["errors"])

    def test_letter_of_the_other_region_is_a_warning(self) -> None:
        # An H permit with a Macao (820000) residence permit: allowed, with a warning.
        status, report = link("820000200001010024", "H1038787700")
        assert (0, True, ["link_letter_region"]) == (
            status,
            report["linked"],
            report["warnings"],
        )

    @pytest.mark.parametrize(
        ("residence", "travel", "code"),
        [
            (TW, HOME_RETURN, "link_region"),  # Taiwan goes with a Taiwan permit
            (HK, TAIWAN_PERMIT, "link_region"),
            (HK, "HA1234567", "link_non_chinese"),  # non-Chinese holders: no residence permit
        ],
    )
    def test_rule_errors(self, residence: str, travel: str, code: str) -> None:
        status, report = link(residence, travel)
        assert (1, False, [code]) == (status, report["linked"], report["errors"])

    def test_card_birth_date_and_sex_are_both_cross_checked(self) -> None:
        status, report = link(HK, HOME_RETURN, "--birth-date", "1994-08-24", "--sex", "M")
        assert (1, ["link_birth_date", "link_sex"]) == (status, report["errors"])

    def test_matching_card_fields_link(self) -> None:
        status, report = link(HK, HOME_RETURN, "--birth-date", "1994-08-23", "--sex", "F")
        assert (0, True) == (status, report["linked"])

    def test_invalid_documents_report_their_own_errors(self) -> None:
        status, report = link(HK_BAD_CHECK, "H1038787")
        residence: dict[str, object] = report["residence_permit"]  # type: ignore[assignment]
        travel: dict[str, object] = report["travel_permit"]  # type: ignore[assignment]
        assert (1, ["checksum"], ["travel_length"], []) == (
            status,
            residence["errors"],
            travel["errors"],
            report["errors"],
        )

    def test_numbers_masked_unless_unmasked(self) -> None:
        _, report = link(HK, HOME_RETURN)
        _, unmasked = link("--unmasked", HK, HOME_RETURN)
        assert (masked(HK), "H********") == (
            report["residence_permit"]["number"],  # type: ignore[index]
            report["travel_permit"]["number"],  # type: ignore[index]
        )
        assert (HK, HOME_RETURN) == (
            unmasked["residence_permit"]["number"],  # type: ignore[index]
            unmasked["travel_permit"]["number"],  # type: ignore[index]
        )

    def test_text_format(self) -> None:
        result = run("link", TW, HOME_RETURN)
        lines = out(result).splitlines()
        assert lines[0].startswith(f"{masked(TW)}  valid  ")
        assert lines[1].startswith("H********           valid  ")
        assert ["not linked", "errors:", f"  [link_region] {message('link_region')}"] == lines[2:]

    def test_text_format_warning(self) -> None:
        lines = out(
            call("link", "--lang", "zh-Hant", "820000200001010024", "H10387877")
        ).splitlines()
        warning = message("link_letter_region", "zh-Hant")
        assert ["可以關聯", "警告：", f"  [link_letter_region] {warning}"] == lines[2:]

    def test_csv_format(self) -> None:
        result = run("link", "--format", "csv", HK, "HA1234567")
        assert [{"linked": "false", "residence_permit": masked(HK),
                 "residence_kind": "residence_permit", "residence_region": "HK",
                 "travel_permit": "HA*******", "travel_kind": "home_return_non_chinese",
                 "travel_region": "HK", "warnings": "", "errors": "link_non_chinese"}] == (
            csv_rows(result)
        )  # fmt: skip

    def test_csv_format_lists_document_errors(self) -> None:
        rows = csv_rows(call("link", "--format", "csv", "", "H1038787"))
        assert ("", "empty;travel_length") == (rows[0]["residence_permit"], rows[0]["errors"])


# -- generate ---------------------------------------------------------------------------


class TestGenerate:
    """Seeded synthetic numbers: of the asked kind, the same for the same seed."""

    def test_text_format_numbers_pass_the_checker(self) -> None:
        result = run("generate", "--seed", "docs", "-n", "50")
        numbers = out(result).splitlines()
        assert (0, 50) == (result.returncode, len(numbers))
        assert all(permitcheck.is_valid(number) for number in numbers)

    def test_same_seed_same_numbers(self) -> None:
        args = ("generate", "--seed", "7", "-n", "20", "--max-birth-date", "2000-01-01")
        assert out(call(*args)) == out(call(*args))

    def test_seed_gives_the_library_generator_numbers(self) -> None:
        # Valid residence permits come from the bulk method (vectorised with Polars).
        generator = PermitGenerator("種子")
        expected = generator.residence_permit_numbers(3, max_birth_date=date(2000, 1, 1))
        result = run("generate", "--seed", "種子", "-n", "3", "--max-birth-date", "2000-01-01")
        assert expected == out(result).splitlines()

    def test_seed_that_is_not_utf8(self) -> None:
        # Undecodable bytes reach Python as lone surrogates; the seed is the bytes given.
        result = run("generate", "--seed", "\udcff", "-n", "3")
        assert (0, 3) == (result.returncode, len(out(result).splitlines()))

    def test_other_seed_other_numbers(self) -> None:
        assert out(call("generate", "--seed", "7")) != out(call("generate", "--seed", "8"))

    @pytest.mark.parametrize(
        ("args", "kinds", "regions"),
        [
            ((), {"residence_permit"}, {"HK", "MO", "TW"}),
            (("--region", "TW"), {"residence_permit"}, {"TW"}),
            (("--region", "HK", "--region", "MO"), {"residence_permit"}, {"HK", "MO"}),
            (("--kind", "home_return"), {"home_return"}, {"HK", "MO"}),
            (("--kind", "home_return", "--region", "MO"), {"home_return"}, {"MO"}),
            (("--kind", "home_return_non_chinese"), {"home_return_non_chinese"}, {"HK", "MO"}),
            (("--kind", "taiwan_compatriot"), {"taiwan_compatriot"}, {"TW"}),
        ],
    )
    def test_kinds_and_regions(
        self, args: tuple[str, ...], kinds: set[str], regions: set[str]
    ) -> None:
        records = json_rows(call("generate", "--seed", "1", "-n", "200", "--format", "json", *args))
        numbers = [str(record["number"]) for record in records]
        # Each generated number is judged again by the check command.
        checked = json_rows(call("check", "--format", "json", *numbers))
        assert (kinds, regions, {True}) == (
            {record["kind"] for record in checked},
            {record["region"] for record in checked},
            {record["valid"] for record in checked},
        )

    @pytest.mark.parametrize(
        ("kind", "form", "lengths"),
        [
            ("home_return", "current", {9}),
            ("home_return", "legacy", {11}),  # H/M + lifelong number + renewal count
            ("taiwan_compatriot", "current", {8}),
            ("taiwan_compatriot", "legacy", {10, 13}),  # + issue count, office code
            ("home_return_non_chinese", "current", {9}),
        ],
    )
    def test_travel_permit_forms(self, kind: str, form: str, lengths: set[int]) -> None:
        args = ("--kind", kind, "--form", form, "--format", "json")
        records = json_rows(call("generate", "--seed", "1", "-n", "100", *args))
        assert (lengths, {kind}, {()}) == (
            {len(str(record["number"])) for record in records},
            {record["kind"] for record in records},
            {tuple(record["errors"]) for record in records},  # type: ignore[arg-type]
        )

    @pytest.mark.parametrize(("sex", "parity"), [("M", 1), ("F", 0)])
    def test_sex(self, sex: str, parity: int) -> None:
        numbers = out(call("generate", "--seed", "1", "-n", "100", "--sex", sex)).split()
        # GB 11643: the 17th digit is odd for men, even for women.
        assert {parity} == {int(number[16]) % 2 for number in numbers}

    def test_birth_date_range(self) -> None:
        args = ("--min-birth-date", "2000-02-28", "--max-birth-date", "2000-02-29")
        numbers = out(call("generate", "--seed", "1", "-n", "100", *args)).split()
        assert {"20000228", "20000229"} == {number[6:14] for number in numbers}

    @pytest.mark.parametrize("code", ["checksum", "birth_date", "region", "length", "characters"])
    def test_invalid_numbers_fail_with_exactly_that_code(self, code: str) -> None:
        result = call("generate", "--seed", "1", "-n", "100", "--invalid", code, "--format", "csv")
        numbers = [record["number"] for record in csv_rows(result)]
        checked = json_rows(call("check", "--format", "json", "--kind", "residence", *numbers))
        assert [[code]] * 100 == [record["errors"] for record in checked]

    def test_csv_format(self) -> None:
        result = run("generate", "--seed", "1", "-n", "3", "--invalid", "region", "--format", "csv")
        records = csv_rows(result)
        assert (["number", "kind", "region", "errors"], {"region"}) == (
            list(records[0]),
            {record["errors"] for record in records},
        )

    def test_json_format(self) -> None:
        result = run("generate", "--seed", "1", "-n", "3", "--format", "json")
        records = json_rows(result)
        assert {"number", "kind", "region", "errors"} == set(records[0])
        assert all(permitcheck.is_valid(record["number"]) for record in records)

    def test_output_is_written_as_it_is_made(self) -> None:
        # A billion numbers cannot be held in memory: the first ones come out at once,
        # and the command stops quietly when the reader goes away (like `| head -1`).
        process = subprocess.Popen(
            [sys.executable, "-m", "permitcheck", "generate", "--seed", "1", "-n", "1000000000"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert process.stdout is not None
            ready, _, _ = select.select([process.stdout], [], [], 60)
            first = process.stdout.readline() if ready else b""
            process.stdout.close()
            _, stderr = process.communicate(timeout=60)
        finally:
            process.kill()
        assert (True, 2, b"") == (permitcheck.is_valid(first.decode()), process.returncode, stderr)

    def test_zero(self) -> None:
        result = call("generate", "-n", "0")
        assert (0, b"") == (result.returncode, result.stdout)

    @pytest.mark.parametrize(
        "args",
        [
            ("--kind", "taiwan_compatriot", "--region", "HK"),
            ("--kind", "home_return", "--region", "TW"),
            ("--kind", "home_return", "--sex", "F"),
            ("--kind", "taiwan_compatriot", "--invalid", "checksum"),
            ("--kind", "home_return_non_chinese", "--max-birth-date", "2000-01-01"),
            ("--invalid", "checksum", "--region", "HK"),
            ("--invalid", "checksum", "--sex", "M"),
            ("--invalid", "checksum", "--min-birth-date", "2000-01-01"),
            ("--invalid", "nonsense"),
            ("--form", "legacy"),  # residence permits have one form
            ("--kind", "home_return_non_chinese", "--form", "legacy"),
            ("--min-birth-date", "1899-12-31"),
            ("--max-birth-date", "2999-01-01"),
            ("--min-birth-date", "2001-01-01", "--max-birth-date", "2000-01-01"),
            ("-n", "-1"),
            ("-n", "many"),
        ],
    )
    def test_impossible_options_exit_2(self, args: tuple[str, ...]) -> None:
        result = call("generate", *args)
        assert (2, b"", 1) == (result.returncode, result.stdout, len(err(result).splitlines()))
