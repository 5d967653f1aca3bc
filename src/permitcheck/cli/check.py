"""``permitcheck check``: judge numbers or a file of numbers, one result per input row."""

from __future__ import annotations

import argparse
import errno
import functools
import itertools
import os
import stat
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, BinaryIO, Final

from permitcheck.cli.input import CommandError, CsvColumn, LineReader, codec_name
from permitcheck.cli.judge import (
    _RESIDENCE,
    EXIT_INVALID,
    EXIT_VALID,
    _judge,
    _Texts,
    _undecodable,
)
from permitcheck.cli.output import (
    _KINDS,
    _Fast,
    _formatters,
    _Keep,
    _keeper,
    _labeller,
    _Output,
    _Slow,
    _stderr,
    _stderr_is_terminal,
)
from permitcheck.cli.parser import EXAMPLES_HEADING, KIND_HELP
from permitcheck.messages import MESSAGES
from permitcheck.residence import is_valid

if TYPE_CHECKING:
    from permitcheck.cli.input import Records
    from permitcheck.cli.parser import Commands

# Inputs with at least this many rows show a progress line on a terminal.
_PROGRESS_ROWS: Final = 100_000


class _Progress:
    """A progress line on stderr, shown only on a terminal and for long inputs."""

    def __init__(self, texts: _Texts, reader: LineReader | None, size: int | None) -> None:
        self._texts = texts
        self._reader = reader
        self._size = size
        self.shown = False

    def update(self, rows: int) -> None:
        if rows < _PROGRESS_ROWS:
            return
        line = self._texts["progress"].format(rows=f"{rows:,}")
        if self._size and self._reader is not None:
            line += f" ({min(100, self._reader.consumed * 100 // self._size)}%)"
        _stderr(f"\r{line}\x1b[K")
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            _stderr("\r\x1b[K")


# -- the check command ------------------------------------------------------------


class _Checker:
    """Judge rows and write one output line per row, counting them by verdict, kind and code."""

    def __init__(  # noqa: PLR0913 - keyword-only extras for CSV and workbook input
        self,
        kind: str,
        formatters: tuple[str, _Fast, _Slow],
        write: Callable[[str], None],
        progress: Callable[[int], None],
        *,
        label: Callable[[int, int], str] | None = None,
        keep: Callable[[], tuple[str, _Keep]] | None = None,
    ) -> None:
        self.kind = kind
        self.header, self.fast, self.slow = formatters
        self.write = write
        self.progress = progress
        self.label = label
        #: Makes the ``--keep-columns`` header and line builder, once the input's header is read.
        self.make_keep = keep
        self.keep: _Keep | None = None
        #: Rows seen, rows invalid, and rows with each error code.
        self.rows = 0
        self.invalid = 0
        self.counts: dict[str, int] = {}
        #: Rows judged on the slow path, by kind ("" for no number): [valid, invalid].
        self.kinds: dict[str, list[int]] = {}

    def run(self, batches: Iterable[Records], first_row: int) -> None:
        """Check every row of *batches*; the first one is numbered *first_row*.

        The loop is the command's hot path: a compact, valid residence permit
        costs one :func:`~permitcheck.is_valid` call and one formatted line;
        everything else goes to :func:`_judge`.
        """
        kind, fast, slow, write, progress = (
            self.kind,
            self.fast,
            self.slow,
            self.write,
            self.progress,
        )
        residence_first = kind != "travel"
        counts = self.counts
        kinds = self.kinds
        invalid = 0
        row = first_row - 1
        # Read the first batch before writing anything: an input that cannot
        # be read at all (no usable CSV header) leaves stdout empty.
        batches = iter(batches)
        first = next(batches, None)
        header = self.header
        if self.make_keep is not None:
            kept_header, self.keep = self.make_keep()
            header = kept_header + header
        if header:
            write(header)
        if first is not None:
            batches = itertools.chain((first,), batches)
        for values, bad, lines, cells in batches:
            if lines is not None or cells is not None:
                row = self._run_records(values, bad, lines, cells, row)
                progress(row - first_row + 1)
                continue
            out: list[str] = []
            append = out.append
            base = row + 1
            for text in values:
                row += 1
                if residence_first and len(text) == 18 and is_valid(text) and text.isascii():
                    append(fast(row, text))
                    continue
                outcome = _judge(text, bad.get(row - base) if bad else None, kind)
                tally = kinds.get(outcome[1])
                if tally is None:
                    tally = kinds[outcome[1]] = [0, 0]
                if outcome[0]:
                    tally[0] += 1
                else:
                    tally[1] += 1
                    invalid += 1
                    for code in outcome[4]:
                        counts[code] = counts.get(code, 0) + 1
                append(slow(row, outcome))
            write("".join(out))
            progress(row - first_row + 1)
        self.rows = row - first_row + 1
        self.invalid += invalid

    def _run_records(
        self,
        values: list[str],
        bad: dict[int, str] | None,
        lines: int | list[int] | None,
        cells: list[list[str]] | None,
        row: int,
    ) -> int:
        """Check one batch of CSV records or workbook rows; return the last row number.

        Rows carry their line (CSV) and, with ``--keep-columns``, their cells:
        the same judgement as :meth:`run`, with a label and kept columns added.
        """
        kind, fast, slow, label, keep = self.kind, self.fast, self.slow, self.label, self.keep
        residence_first = kind != "travel" and keep is None
        out: list[str] = []
        append = out.append
        numbers: Iterable[int | None]
        if isinstance(lines, int):
            numbers = range(lines, lines + len(values))
        else:
            numbers = itertools.repeat(None) if lines is None or label is None else lines
        for position, (text, line) in enumerate(zip(values, numbers, strict=False)):
            row += 1
            tag: int | str = row if line is None or label is None else label(row, line)
            if residence_first and len(text) == 18 and is_valid(text) and text.isascii():
                append(fast(tag, text))
                continue
            outcome = _judge(text, bad.get(position) if bad else None, kind)
            self._count(outcome[1], outcome[0], outcome[4], 1)
            result = slow(tag, outcome)
            if keep is not None and cells is not None:
                result = keep(cells[position], outcome, result)
            append(result)
        self.write("".join(out))
        return row

    def _count(self, kind: str, valid: bool, codes: Iterable[str], rows: int) -> None:
        """Count *rows* rows judged on the slow path with this *kind*, verdict and *codes*."""
        tally = self.kinds.get(kind)
        if tally is None:
            tally = self.kinds[kind] = [0, 0]
        if valid:
            tally[0] += rows
        else:
            tally[1] += rows
            self.invalid += rows
            for code in codes:
                self.counts[code] = self.counts.get(code, 0) + rows

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Return (valid, invalid) rows by kind ("" for rows without a number)."""
        slow_rows = sum(valid + invalid for valid, invalid in self.kinds.values())
        totals = {kind: (valid, invalid) for kind, (valid, invalid) in self.kinds.items()}
        fast_rows = self.rows - slow_rows  # every one a valid residence permit
        if fast_rows:
            valid, invalid = totals.get(_RESIDENCE, (0, 0))
            totals[_RESIDENCE] = (valid + fast_rows, invalid)
        return totals


def _open_input(path: str) -> tuple[BinaryIO, int | None]:
    """Open *path* (``-`` is standard input); return the stream and its size if known."""
    if path == "-":
        if sys.stdin is None:  # closed (``<&-``): Python has no stream for it
            raise CommandError("cannot_read", path="<stdin>", reason=os.strerror(errno.EBADF))
        return sys.stdin.buffer, None
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as error:
        raise CommandError("cannot_read", path=path, reason=error.strerror or str(error)) from None
    # A regular file's size gives the progress line a percentage; a pipe has none.
    return stream, os.fstat(stream.fileno()).st_size or None


def _stdin_is_piped() -> bool:
    """Tell whether standard input is a pipe or a file (not a terminal, not closed)."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # closed, or replaced by a test harness
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def _check_options(options: argparse.Namespace) -> None:
    """Refuse combinations of options that cannot work together (exit status 2)."""
    if options.numbers and options.input is not None:
        raise CommandError("both_inputs")
    if not options.numbers and options.input is None and _stdin_is_piped():
        options.input = "-"  # ``... | permitcheck check``: read the pipe
    if options.column is not None and options.input is None:
        raise CommandError("column_needs_input")
    if options.sheet is not None and options.input is None:
        raise CommandError("sheet_needs_workbook")
    if len(options.delimiter) != 1 or options.delimiter in '"\r\n':
        raise CommandError("bad_delimiter")
    if not options.numbers and options.input is None:
        raise CommandError("no_input")
    if options.keep_columns and options.column is None:
        raise CommandError("keep_needs_column")
    if options.keep_columns and options.format == "text":
        raise CommandError("keep_needs_format")
    if options.encoding is not None:
        codec_name(options.encoding)  # an unknown codec is a usage error, before any output


def _keep_csv(csv_column: CsvColumn, options: argparse.Namespace) -> tuple[str, _Keep]:
    """Make the ``--keep-columns`` output of a CSV file (its header is read by now)."""
    return _keeper(options.format, csv_column.header, csv_column.index, options.unmasked)


def _is_workbook(stream: BinaryIO) -> bool:
    """Tell whether *stream* starts like an Excel workbook (a ZIP file), without reading it."""
    peek = getattr(stream, "peek", None)
    try:
        return peek is not None and bytes(peek(4)[:4]) == b"PK\x03\x04"
    except OSError:  # not readable at all: the line reader reports it, with its reason
        return False


class _Input:
    """Where the rows come from: arguments, lines, CSV records or a workbook's rows."""

    def __init__(self, options: argparse.Namespace, texts: _Texts) -> None:
        numbers: list[str] = options.numbers
        undecodable = {
            index: "encoding" for index, text in enumerate(numbers) if _undecodable(text)
        }
        self.batches: Iterable[Records] = [(numbers, undecodable or None, None, None)]
        self.first_row = 1
        self.label: Callable[[int, int], str] | None = None
        self.keep: Callable[[], tuple[str, _Keep]] | None = None
        self.stream: BinaryIO | None = None
        self.reader: LineReader | None = None
        self.size: int | None = None
        #: Whether the rows are a file's lines, one number each (the Polars engine's input).
        self.plain_lines = False
        if options.input is None:
            return
        name = "<stdin>" if options.input == "-" else options.input
        self.stream, self.size = _open_input(options.input)
        try:
            self._read_from(self.stream, name, options, texts)
        except BaseException:
            self.close(options)  # a workbook that cannot be read leaves no file open
            raise

    def _read_from(
        self, stream: BinaryIO, name: str, options: argparse.Namespace, texts: _Texts
    ) -> None:
        keep = options.keep_columns
        if _is_workbook(stream):
            from permitcheck.cli.excel import read_sheet  # noqa: PLC0415

            sheet = read_sheet(stream, name, options.sheet, options.column)
            self.batches = sheet.records(keep=keep)
            self.first_row = sheet.first_row
            if keep:
                self.keep = functools.partial(
                    _keeper, options.format, sheet.header, sheet.index, options.unmasked
                )
            return
        if options.sheet is not None:
            raise CommandError("sheet_needs_workbook")
        self.reader = LineReader(stream, name, encoding=options.encoding)
        self.batches = ((lines, bad, None, None) for lines, bad in self.reader)
        self.plain_lines = options.column is None
        if options.column is not None:
            csv_column = CsvColumn(self.reader, options.column, options.delimiter, keep=keep)
            self.batches = csv_column
            self.first_row = 2  # rows are numbered by record, and record 1 is the header
            self.label = _labeller(options.format, texts)
            if keep:
                self.keep = functools.partial(_keep_csv, csv_column, options)

    def close(self, options: argparse.Namespace) -> None:
        if self.stream is not None and options.input != "-":
            self.stream.close()


def _run_check(options: argparse.Namespace, texts: _Texts) -> int:
    _check_options(options)
    output = _Output(sys.stdout)
    rows = _Input(options, texts)
    reader = rows.reader
    progress = _Progress(texts, reader, rows.size)
    show_progress = not options.quiet and _stderr_is_terminal()
    formatters = _formatters(options.format, options.unmasked, texts, lines=rows.label is not None)
    report = progress.update if show_progress else _no_progress
    checker: _Checker
    if reader is not None and rows.plain_lines and _use_polars(options.engine, options.input):
        from permitcheck.cli.engine import VectorisedChecker  # noqa: PLC0415

        vectorised = VectorisedChecker(
            options.kind, formatters, output.write_bytes, report, unmasked=options.unmasked
        )
        checker, run = vectorised, functools.partial(vectorised.run_blocks, reader)
    else:
        checker = _Checker(
            options.kind, formatters, output.write, report, label=rows.label, keep=rows.keep
        )
        run = functools.partial(checker.run, rows.batches)
    try:
        run(rows.first_row)
    except CommandError as error:
        # A header line in another encoding: name the one to try.
        if error.key == "bad_header" and reader is not None and reader.guess is not None:
            raise CommandError(
                "bad_header_hint", code=error.details["code"], codec=reader.guess
            ) from None
        raise
    finally:
        progress.clear()
        rows.close(options)
    if not options.quiet:
        _summary(texts, checker, options.kind == "auto")
        if reader is not None and reader.guess is not None:
            _stderr(texts["encoding_note"].format(encoding=reader.guess) + "\n")
        if "excel_number" in checker.counts:
            _stderr(texts["excel_note"] + "\n")
    return EXIT_INVALID if checker.invalid else EXIT_VALID


def _use_polars(engine: str, path: str | None) -> bool:
    """Tell whether to check with the Polars engine: asked for, or ``auto`` and worth it.

    ``auto`` takes Polars for a file (not standard input, whose rows are
    reported as they arrive) when ``permitcheck[polars]`` is installed.
    """
    if engine == "python" or (engine == "auto" and path in (None, "-")):
        return False
    try:
        import numpy  # noqa: F401, PLC0415
        import polars  # noqa: F401, PLC0415
    except ImportError:  # pragma: no cover - the extra is installed for the tests
        if engine == "polars":
            raise CommandError("no_polars") from None
        return False
    return True


def _no_progress(rows: int) -> None:
    """Show nothing (stderr is not a terminal, or ``--quiet``)."""


def _summary(texts: _Texts, checker: _Checker, auto: bool) -> None:
    """Write the counts to stderr: rows, then by kind, then by error code; warn of mixed kinds."""
    rows, invalid = checker.rows, checker.invalid
    lines = [texts["summary"].format(rows=f"{rows:,}", valid=f"{rows - invalid:,}",
                                     invalid=f"{invalid:,}")]  # fmt: skip
    by_kind = checker.by_kind()
    order = {kind: place for place, kind in enumerate(_KINDS)}
    kinds = sorted(by_kind, key=lambda kind: (not kind, order.get(kind, len(order)), kind))
    for kind in kinds:
        valid, bad = by_kind[kind]
        name = texts.get(f"kind:{kind}", kind) if kind else texts["no_number"]
        lines.append(texts["kind_count"].format(kind=name, valid=f"{valid:,}", invalid=f"{bad:,}"))
    language = texts["language"]
    counts = checker.counts
    width = max((len(f"{count:,}") for count in counts.values()), default=0)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:>{width},}  [{code}] {MESSAGES[code][language]}")
    # With --kind auto each row is judged as the kind its shape suggests: say so
    # when the valid rows are residence permits and travel permits both (a
    # column usually holds one or the other).
    mixed = [kind for kind in kinds if kind and by_kind[kind][0]]
    if auto and _RESIDENCE in mixed and len(mixed) > 1:
        names = ", ".join(texts.get(f"kind:{kind}", kind) for kind in mixed)
        lines.append(texts["mixed_kinds"].format(kinds=names))
    _stderr("\n".join(lines) + "\n")


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add the ``check`` subcommand to *commands* (its options: *common* and its own)."""
    check_parser = commands.add_parser(
        "check",
        parents=[common],
        allow_abbrev=False,
        help="check numbers or a file of numbers",
        description=(
            "Check residence permit and travel permit numbers, given as arguments, piped in,"
            " or read from a file: one number per line, one column of a CSV file (--column),"
            " or one column of an Excel workbook (.xlsx, with permitcheck[excel])."
            " Writes one result per input row, in input order, and a summary on stderr."
        ),
        epilog=EXAMPLES_HEADING
        + """
  permitcheck check 810000199408230021 H10387877
  permitcheck check -i numbers.txt
  cat numbers.txt | permitcheck check
  permitcheck check -i export.csv --column id_number --format csv > results.csv
  permitcheck check -i export.csv --column id_number --encoding gb18030
  permitcheck check -i export.csv --column id_number --keep-columns --format csv
  permitcheck check -i people.xlsx --sheet Staff --column id_number

Exit status: 0 all valid, 1 any invalid, 2 usage or I/O error.""",
    )
    check_parser.add_argument(
        "numbers",
        nargs="*",
        metavar="NUMBER",
        help="numbers to check (default: read standard input when it is piped)",
    )
    check_parser.add_argument(
        "-i",
        "--input",
        metavar="FILE",
        help="read numbers from FILE ('-' for standard input), a text, CSV or .xlsx file"
        " (default: none)",
    )
    check_parser.add_argument(
        "--column",
        metavar="NAME",
        help="read FILE as CSV (or a workbook sheet) and check the column named NAME in its"
        " first row (default: one number per line)",
    )
    check_parser.add_argument(
        "--delimiter", default=",", metavar="CHAR", help="CSV field delimiter (default: ',')"
    )
    check_parser.add_argument(
        "--encoding",
        metavar="CODEC",
        help="text encoding of FILE, any codec Python knows, e.g. gb18030, gbk, big5, utf-16"
        " (default: UTF-8, or what a byte order mark says)",
    )
    check_parser.add_argument(
        "--sheet",
        metavar="NAME|INDEX",
        help="the workbook sheet to read, by name or by position from 1 (default: the first)",
    )
    check_parser.add_argument(
        "--kind", choices=("auto", "residence", "travel"), default="auto", help=KIND_HELP
    )
    check_parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default: text)",
    )
    check_parser.add_argument(
        "--keep-columns",
        action="store_true",
        help="write every input column before the result columns, the number masked unless"
        " --unmasked (CSV or workbook input, --format csv or json) (default: off)",
    )
    check_parser.add_argument(
        "--engine",
        choices=("auto", "python", "polars"),
        default="auto",
        help=(
            "polars: find the valid, compact residence permits of a file of one number per"
            " line with Polars (pip install 'permitcheck[polars]'), the same output; CSV columns"
            " and workbooks always use the python engine; auto (default): polars for -i FILE"
            " (not standard input) when it is installed"
        ),
    )
    check_parser.add_argument(
        "--unmasked",
        action="store_true",
        help="print numbers in full (they are personal data) (default: masked)",
    )
    check_parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no summary, note or progress line on stderr (default: off)",
    )
    check_parser.set_defaults(run=_run_check)
