"""``permitcheck link``: judge a residence permit and a travel permit as one person's."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from permitcheck.cli.judge import EXIT_INVALID, EXIT_VALID, _judge, _Outcome, _Texts, _undecodable
from permitcheck.cli.output import _csv_cell, _display, _Output, _text_formatters
from permitcheck.cli.parser import EXAMPLES_HEADING, _iso_date
from permitcheck.messages import MESSAGES
from permitcheck.model import Sex

if TYPE_CHECKING:
    from permitcheck.cli.parser import Commands


def _document_problems(residence: str, travel: str) -> tuple[_Outcome, _Outcome]:
    """Judge both documents on their own, reporting every problem of each."""
    residence_outcome = _judge(
        residence, "encoding" if _undecodable(residence) else None, "residence"
    )
    travel_outcome = _judge(travel, "encoding" if _undecodable(travel) else None, "travel")
    return residence_outcome, travel_outcome


def _link_problems(options: argparse.Namespace) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the link's (warnings, errors) for two valid documents.

    Each optional card check is made on its own, so a wrong birth date and a
    wrong sex are both reported.
    """
    from permitcheck.errors import LinkError  # noqa: PLC0415
    from permitcheck.linking import link  # noqa: PLC0415

    try:
        pair = link(options.residence, options.travel)
    except LinkError as error:
        return (), (error.code,)
    errors = []
    if options.birth_date is not None:
        try:
            link(pair.residence_permit, pair.travel_permit, birth_date=options.birth_date)
        except LinkError as error:
            errors.append(error.code)
    if options.sex is not None:
        try:
            link(pair.residence_permit, pair.travel_permit, sex=Sex(options.sex))
        except LinkError as error:
            errors.append(error.code)
    return pair.warnings, tuple(errors)


def _run_link(options: argparse.Namespace, texts: _Texts) -> int:
    residence, travel = _document_problems(options.residence, options.travel)
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    if residence[0] and travel[0]:
        warnings, errors = _link_problems(options)
    linked = residence[0] and travel[0] and not errors
    unmasked = options.unmasked
    documents = [
        {
            "number": _display(outcome, unmasked) if outcome[3] else None,
            "valid": outcome[0],
            "kind": outcome[1] or None,
            "region": outcome[2] or None,
            "errors": list(outcome[4]),
        }
        for outcome in (residence, travel)
    ]
    report = {
        "linked": linked,
        "residence_permit": documents[0],
        "travel_permit": documents[1],
        "warnings": list(warnings),
        "errors": list(errors),
    }
    output = _Output(sys.stdout)
    if options.format == "json":
        output.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif options.format == "csv":
        output.write(_link_csv(report))
    else:
        output.write(_link_text(residence, travel, report, unmasked, texts))
    return EXIT_VALID if linked else EXIT_INVALID


def _link_csv(report: Mapping[str, object]) -> str:
    documents: list[dict[str, object]] = [
        report["residence_permit"],  # type: ignore[list-item]
        report["travel_permit"],  # type: ignore[list-item]
    ]
    codes: list[str] = []
    for document in documents:
        codes.extend(document["errors"])  # type: ignore[arg-type]
    codes.extend(report["errors"])  # type: ignore[arg-type]
    cells = ["true" if report["linked"] else "false"]
    for document in documents:
        cells += [_csv_cell(str(document["number"] or "")), str(document["kind"] or "")]
        cells.append(str(document["region"] or ""))
    cells += [";".join(report["warnings"]), ";".join(codes)]  # type: ignore[arg-type]
    header = (
        "linked,residence_permit,residence_kind,residence_region,"
        "travel_permit,travel_kind,travel_region,warnings,errors\n"
    )
    return header + ",".join(cells) + "\n"


def _link_text(
    residence: _Outcome,
    travel: _Outcome,
    report: Mapping[str, object],
    unmasked: bool,
    texts: _Texts,
) -> str:
    slow = _text_formatters(unmasked, texts)[2]
    # The check command's line for each document, without its row number.
    lines = [slow(0, outcome).partition("  ")[2] for outcome in (residence, travel)]
    language = texts["language"]
    lines.append((texts["linked"] if report["linked"] else texts["not_linked"]) + "\n")
    for heading, codes in (("warnings", report["warnings"]), ("errors", report["errors"])):
        if codes:
            lines.append(texts[heading] + "\n")
            lines.extend(f"  [{code}] {MESSAGES[code][language]}\n" for code in codes)  # type: ignore[attr-defined]
    return "".join(lines)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add the ``link`` subcommand to *commands* (its options: *common* and its own)."""
    link_parser = commands.add_parser(
        "link",
        parents=[common],
        allow_abbrev=False,
        help="check that a residence permit and a travel permit can belong to one person",
        description=(
            "Judge RESIDENCE (a residence permit number) and TRAVEL (the travel permit number"
            " printed on the card), then the rules that link them. Prints the verdict,"
            " warnings and errors."
        ),
        epilog=EXAMPLES_HEADING
        + """
  permitcheck link 810000199408230021 H10387877
  permitcheck link 810000199408230021 H10387877 --birth-date 1994-08-23 --sex F

Exit status: 0 linked (warnings allowed), 1 not linked, 2 usage error.""",
    )
    link_parser.add_argument("residence", metavar="RESIDENCE")
    link_parser.add_argument("travel", metavar="TRAVEL")
    link_parser.add_argument(
        "--birth-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the birth date printed on the travel permit card, to cross-check (default: none)",
    )
    link_parser.add_argument(
        "--sex",
        choices=("M", "F"),
        help="the sex printed on the travel permit card (default: none)",
    )
    link_parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default: text)",
    )
    link_parser.add_argument(
        "--unmasked",
        action="store_true",
        help="print numbers in full (they are personal data) (default: masked)",
    )
    link_parser.set_defaults(run=_run_link)
