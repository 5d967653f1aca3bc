"""``permitcheck identify``: tell which identity document each number is.

Every row is judged with :func:`permitcheck.check_identity`: the kind (or
the best guess for an invalid number), the other kinds the number also
fits, warnings and every problem.  ``--kind`` (repeatable) limits the kinds
to those a form accepts.  The summary on stderr counts the rows of each kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from permitcheck._normalize import fold
from permitcheck.cli.check import _open_input
from permitcheck.cli.input import CommandError, CsvColumn, LineReader
from permitcheck.cli.judge import EXIT_INVALID, EXIT_VALID, _Texts, _undecodable
from permitcheck.cli.output import _csv_cell, _Output, _pad, _printable
from permitcheck.identification import IdentityCheck, check_identity
from permitcheck.messages import MESSAGES
from permitcheck.model import DocumentKind
from permitcheck.privacy import mask_compact

if TYPE_CHECKING:
    from permitcheck.cli.input import Records
    from permitcheck.cli.parser import Commands

#: One judged row: valid, kind value ("" if none), displayed number, candidates,
#: warning codes, error codes.
_Row = tuple[bool, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_KIND_VALUES: Final = tuple(kind.value for kind in DocumentKind)


def kind_name(kind: DocumentKind, language: str) -> str:
    """Return the name of *kind* in *language* (``en``, ``zh-Hans``, ``zh-Hant``)."""
    if language == "zh-Hans":
        return kind.chinese_name
    if language == "zh-Hant":
        return kind.chinese_name_hant
    return kind.english_name


def _judge_row(
    text: str, code: str | None, kinds: tuple[DocumentKind, ...] | None, unmasked: bool
) -> _Row:
    if code is not None:
        return False, "", "", (), (), (code,)
    compact = fold(text)
    if not compact:
        return False, "", "", (), (), ("empty",)
    result: IdentityCheck = check_identity(compact, kinds=kinds)
    identification = result.identification
    if identification is not None:
        document = identification.document
        # Every value type's str() is masked.
        shown = document.number if unmasked else str(document)
        warnings = identification.warnings
    else:
        residence = result.kind is DocumentKind.RESIDENCE_PERMIT
        shown = compact if unmasked else mask_compact(compact, residence=residence, valid=False)
        warnings = ()
    return (
        result.valid,
        "" if result.kind is None else result.kind.value,
        shown,
        tuple(kind.value for kind in result.candidates),
        warnings,
        tuple(problem.code for problem in result.problems),
    )


def _line(fmt: str, row: int, judged: _Row, texts: _Texts) -> str:
    valid, kind, shown, candidates, warnings, errors = judged
    if fmt == "json":
        record = {
            "row": row,
            "valid": valid,
            "kind": kind or None,
            "number": shown or None,
            "candidates": list(candidates),
            "warnings": list(warnings),
            "errors": list(errors),
        }
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    if fmt == "csv":
        cells = (
            str(row),
            "true" if valid else "false",
            kind,
            ";".join(candidates),
            _csv_cell(shown) if shown else "",
            ";".join(warnings),
            ";".join(errors),
        )
        return ",".join(cells) + "\n"
    language = texts["language"]
    number = _pad(_printable(shown) if shown else texts["no_number"], 18)
    parts = [str(row), number, texts["valid"] if valid else texts["invalid"]]
    if kind:
        parts.append(kind_name(DocumentKind(kind), language))
    if candidates:
        names = ", ".join(kind_name(DocumentKind(other), language) for other in candidates)
        parts.append(f"(+ {names})")
    parts.extend(f"[{code}] {MESSAGES[code][language]}" for code in (*warnings, *errors))
    return "  ".join(parts) + "\n"


def _run_identify(options: argparse.Namespace, texts: _Texts) -> int:
    numbers: list[str] = options.numbers
    if numbers and options.input is not None:
        raise CommandError("both_inputs")
    if options.column is not None and options.input is None:
        raise CommandError("column_needs_input")
    if len(options.delimiter) != 1 or options.delimiter in '"\r\n':
        raise CommandError("bad_delimiter")
    if not numbers and options.input is None:
        raise CommandError("no_input")
    kinds = None if not options.kind else tuple(DocumentKind(kind) for kind in options.kind)
    output = _Output(sys.stdout)
    undecodable = {index: "encoding" for index, text in enumerate(numbers) if _undecodable(text)}
    batches: Iterable[Records] = [(numbers, undecodable or None, None, None)]
    first_row = 1
    stream = None
    if options.input is not None:
        stream, _size = _open_input(options.input)
        reader = LineReader(stream, "<stdin>" if options.input == "-" else options.input)
        batches = ((lines, bad, None, None) for lines, bad in reader)
        if options.column is not None:
            batches = CsvColumn(reader, options.column, options.delimiter)
            first_row = 2
    if options.format == "csv":
        output.write("row,valid,kind,candidates,number,warnings,errors\n")
    per_kind: dict[str, int] = {}
    per_code: dict[str, int] = {}
    rows = invalid = 0
    row = first_row - 1
    try:
        for lines, bad, _starts, _cells in batches:
            out = []
            for index, text in enumerate(lines):
                row += 1
                judged = _judge_row(text, bad.get(index) if bad else None, kinds, options.unmasked)
                out.append(_line(options.format, row, judged, texts))
                valid, kind, _shown, _candidates, _warnings, errors = judged
                if kind:
                    per_kind[kind] = per_kind.get(kind, 0) + 1
                if not valid:
                    invalid += 1
                    for code in errors:
                        per_code[code] = per_code.get(code, 0) + 1
            output.write("".join(out))
        rows = row - first_row + 1
    finally:
        if stream is not None and options.input != "-":
            stream.close()
    if not options.quiet:
        _summary(texts, rows, invalid, per_kind, per_code)
    return EXIT_INVALID if invalid else EXIT_VALID


def _summary(
    texts: _Texts, rows: int, invalid: int, per_kind: dict[str, int], per_code: dict[str, int]
) -> None:
    language = texts["language"]
    lines = [texts["summary"].format(rows=rows, valid=rows - invalid, invalid=invalid)]
    counts = list(per_kind.values()) + list(per_code.values())
    width = max((len(str(count)) for count in counts), default=0)
    # Rows per kind (the identified kind, or the best guess for an invalid number).
    for kind in DocumentKind:
        if kind.value in per_kind:
            name = kind_name(kind, language)
            lines.append(f"  {per_kind[kind.value]:>{width}}  {kind.value}: {name}")
    for code, count in sorted(per_code.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:>{width}}  [{code}] {MESSAGES[code][language]}")
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add the ``identify`` subcommand to *commands*."""
    parser = commands.add_parser(
        "identify",
        parents=[common],
        allow_abbrev=False,
        help="tell which identity document each number is",
        description=(
            "Identify numbers of every supported identity document (residence and travel"
            " permits, mainland ID cards, foreign permanent resident cards, Hong Kong, Macao"
            " and Taiwan ID cards), given as arguments or read from a file. Writes one result"
            " per input row and a summary with the rows of each kind on stderr."
        ),
        epilog="Exit status: 0 all valid, 1 any invalid, 2 usage or I/O error.",
    )
    parser.add_argument("numbers", nargs="*", metavar="NUMBER", help="numbers to identify")
    parser.add_argument(
        "-i", "--input", metavar="FILE", help="read numbers from FILE ('-' for standard input)"
    )
    parser.add_argument(
        "--column", metavar="NAME", help="read FILE as CSV and use the column named NAME"
    )
    parser.add_argument(
        "--delimiter", default=",", metavar="CHAR", help="CSV field delimiter (default: ',')"
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=_KIND_VALUES,
        metavar="KIND",
        help=(
            "accept only this kind (repeatable; default: every kind): " + ", ".join(_KIND_VALUES)
        ),
    )
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    parser.add_argument(
        "--unmasked", action="store_true", help="print numbers in full (they are personal data)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    parser.set_defaults(run=_run_identify)
