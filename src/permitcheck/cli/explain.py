"""``permitcheck explain``: break one number into its parts and show each rule."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from permitcheck._normalize import fold
from permitcheck.cli.judge import (
    _PREFIX_REGION,
    _RESIDENCE,
    _TRAVEL,
    EXIT_INVALID,
    EXIT_VALID,
    _detect,
    _Texts,
    _undecodable,
)
from permitcheck.cli.output import _defuse_formula, _mask, _Output, _printable
from permitcheck.cli.parser import EXAMPLES_HEADING, KIND_HELP
from permitcheck.errors import PermitError
from permitcheck.residence import calc_check_digit, check
from permitcheck.travel import parse_travel_permit

if TYPE_CHECKING:
    from permitcheck.cli.parser import Commands

_RESIDENCE_RULES: Final = ("length", "characters", "region", "birth_date", "checksum")
_TRAVEL_RULES: Final = ("travel_length", "travel_characters", "travel_format")
# A rule's status by its place relative to the first failed rule: before, at, after.
_STATUS: Final = {-1: "passed", 0: "failed", 1: "not_checked"}


def _rule(code: str, status: str, texts: _Texts) -> dict[str, str]:
    return {"code": code, "status": status, "rule": texts[f"rule:{code}"]}


def _part(positions: str, name: str, value: str, meaning: str) -> dict[str, str]:
    return {"positions": positions, "name": name, "value": value, "meaning": meaning}


def _explain_residence(compact: str, unmasked: bool, texts: _Texts) -> dict[str, object]:
    result = check(compact)
    failed = {problem.code for problem in result.problems}
    # check() judges region, birth date and checksum only once length and
    # characters are right; it judges characters even when the length is wrong.
    shape_ok = not failed & {"length", "characters"}
    rules = [
        _rule(
            code,
            "failed" if code in failed else "passed" if shape_ok or index < 2 else "not_checked",
            texts,
        )
        for index, code in enumerate(_RESIDENCE_RULES)
    ]
    parts = []
    region = _PREFIX_REGION.get(compact[:6], "")
    if shape_ok:
        hidden = texts["hidden"]
        date_ok = "birth_date" not in failed
        if unmasked:
            ymd = compact[6:14]
            date_meaning = f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}" if date_ok else texts["not_a_date"]
            sex = texts["male"] if int(compact[16]) % 2 else texts["female"]
        else:
            date_meaning = sex = hidden
        expected = calc_check_digit(compact[:17])
        parts = [
            # Another address code (a mainland one, say) is personal: masked like the rest.
            _part(
                "1-6",
                "address_code",
                compact[:6] if unmasked or region else "*" * 6,
                texts[f"region:{region}"] if region else texts["not_a_region"],
            ),
            _part("7-14", "birth_date", compact[6:14] if unmasked else "*" * 8, date_meaning),
            _part("15-17", "sequence", compact[14:17] if unmasked else "***", sex),
            _part(
                "18",
                "check_character",
                compact[17],
                texts["check_matches"]
                if expected == compact[17]
                else texts["check_expected"].format(expected=expected),
            ),
        ]
    return {
        "kind": _RESIDENCE,
        "valid": result.valid,
        "region": region or None,
        "number": compact if unmasked else _mask(compact, _RESIDENCE, result.valid),
        "parts": parts,
        "rules": rules,
    }


def _explain_travel(compact: str, unmasked: bool, texts: _Texts) -> dict[str, object]:
    try:
        permit = parse_travel_permit(compact)
    except PermitError as error:
        failed_at = _TRAVEL_RULES.index(error.code)
        rules = [
            _rule(
                code,
                _STATUS[(index > failed_at) - (index < failed_at)],
                texts,
            )
            for index, code in enumerate(_TRAVEL_RULES)
        ]
        return {
            "kind": _TRAVEL,
            "valid": False,
            "region": None,
            "number": compact if unmasked else _mask(compact, _TRAVEL, False),
            "parts": [],
            "rules": rules,
        }
    kind = permit.kind.value
    number = compact if unmasked else _mask(compact, kind, True)
    hidden = texts["hidden"]
    lifelong = number[: len(permit.lifelong_number)]
    parts = []
    if kind == "taiwan_compatriot":
        parts.append(_part("1-8", "lifelong_number", lifelong, texts["lifelong"]))
        if permit.renewal_count is not None:
            count = compact[8:10]
            parts.append(
                _part(
                    "9-10",
                    "issue_count",
                    count if unmasked else "**",
                    texts["issues"].format(count=count) if unmasked else hidden,
                )
            )
        if permit.issuing_office is not None:
            office = permit.issuing_office
            parts.append(
                _part(
                    "11-13",
                    "issuing_office",
                    f"({office})",
                    texts["office"].format(office=office),
                )
            )
    else:
        letters = compact[:2] if kind == "home_return_non_chinese" else compact[:1]
        parts.append(
            _part(
                "1" if len(letters) == 1 else "1-2",
                "letter",
                letters,
                texts[f"letter:{letters}"],
            )
        )
        parts.append(_part("1-9", "lifelong_number", lifelong, texts["lifelong"]))
        if permit.renewal_count is not None:
            count = compact[9:11]
            parts.append(
                _part(
                    "10-11",
                    "renewal_count",
                    count if unmasked else "**",
                    texts["renewals"].format(count=count) if unmasked else hidden,
                )
            )
    return {
        "kind": kind,
        "valid": True,
        "region": permit.region.value,
        "number": number,
        "parts": parts,
        "rules": [_rule(code, "passed", texts) for code in _TRAVEL_RULES],
    }


def _explain_undecodable(texts: _Texts) -> dict[str, object]:
    """Explain an argument that is not UTF-8: no number, one failed rule."""
    return {
        "kind": None,
        "valid": False,
        "region": None,
        "number": None,
        "parts": [],
        "rules": [_rule("encoding", "failed", texts)],
    }


def _run_explain(options: argparse.Namespace, texts: _Texts) -> int:
    compact = fold(options.number)
    kind = options.kind
    if kind == "auto":
        kind = _detect(compact) if compact else "residence"
    if _undecodable(options.number):
        explanation = _explain_undecodable(texts)
    elif kind == "residence":
        explanation = _explain_residence(compact, options.unmasked, texts)
    else:
        explanation = _explain_travel(compact, options.unmasked, texts)
    output = _Output(sys.stdout)
    if options.format == "json":
        output.write(json.dumps(explanation, ensure_ascii=False, indent=2) + "\n")
    elif options.format == "csv":
        output.write(_explanation_csv(explanation, texts))
    else:
        output.write(_explanation_text(explanation, texts))
    return EXIT_VALID if explanation["valid"] else EXIT_INVALID


def _explanation_text(explanation: Mapping[str, object], texts: _Texts) -> str:
    kind = explanation["kind"]
    region = explanation["region"]
    verdict = texts["valid"] if explanation["valid"] else texts["invalid"]
    number = _printable(str(explanation["number"] or "")) or texts["no_number"]
    if kind is None:  # an argument that is not UTF-8: no kind to name
        lines = [texts["explain_title_unknown"].format(number=number, verdict=verdict)]
    else:
        what = texts[f"kind:{kind}"]
        if region:
            what = texts["kind_region"].format(kind=what, region=texts[f"region:{region}"])
        lines = [texts["explain_title"].format(number=number, verdict=verdict, what=what)]
    parts: list[dict[str, str]] = explanation["parts"]  # type: ignore[assignment]
    if parts:
        lines.append(texts["parts"])
        positions = max(len(part["positions"]) for part in parts)
        values = max(len(part["value"]) for part in parts)
        for part in parts:
            name = texts[f"part:{part['name']}"]
            label = texts["label"].format(name=name, text=part["meaning"])
            lines.append(f"  {part['positions']:<{positions}}  {part['value']:<{values}}  {label}")
    rules: list[dict[str, str]] = explanation["rules"]  # type: ignore[assignment]
    lines.append(texts["rules"])
    status_width = max(len(texts[rule["status"]]) for rule in rules)
    for rule in rules:
        label = texts["label"].format(name=rule["code"], text=rule["rule"])
        lines.append(f"  {texts[rule['status']]:<{status_width}}  {label}")
    return "\n".join(lines) + "\n"


def _explanation_csv(explanation: Mapping[str, object], texts: _Texts) -> str:
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "name", "positions", "value", "status", "text"])
    verdict = "valid" if explanation["valid"] else "invalid"
    # With --unmasked the number and its parts are raw input: like check and
    # link, defuse what a spreadsheet would run as a formula.
    number = _defuse_formula(str(explanation["number"] or ""))
    writer.writerow(["number", explanation["kind"], "", number, verdict, explanation["region"]])
    parts: list[dict[str, str]] = explanation["parts"]  # type: ignore[assignment]
    for part in parts:
        value = _defuse_formula(part["value"])
        writer.writerow(["part", part["name"], part["positions"], value, "", part["meaning"]])
    rules: list[dict[str, str]] = explanation["rules"]  # type: ignore[assignment]
    for rule in rules:
        writer.writerow(["rule", rule["code"], "", "", rule["status"], rule["rule"]])
    return buffer.getvalue()


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add the ``explain`` subcommand to *commands* (its options: *common* and its own)."""
    explain_parser = commands.add_parser(
        "explain",
        parents=[common],
        allow_abbrev=False,
        help="explain one number part by part, rule by rule",
        description="Break NUMBER into its parts and show each rule passed or failed.",
        epilog=EXAMPLES_HEADING
        + """
  permitcheck explain 810000199408230021
  permitcheck explain --format json H10387877

Exit status: 0 valid, 1 invalid, 2 usage error.""",
    )
    explain_parser.add_argument("number", metavar="NUMBER")
    explain_parser.add_argument(
        "--kind", choices=("auto", "residence", "travel"), default="auto", help=KIND_HELP
    )
    explain_parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default: text)",
    )
    explain_parser.add_argument(
        "--unmasked",
        action="store_true",
        help="show the birth date, sequence and every digit (personal data) (default: masked)",
    )
    explain_parser.set_defaults(run=_run_explain)
