"""``permitcheck check``: judge numbers or a file of numbers, one result per input row."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, BinaryIO, Final

from permitcheck.cli.input import CommandError, CsvColumn, LineReader
from permitcheck.cli.judge import EXIT_INVALID, EXIT_VALID, _judge, _Texts, _undecodable
from permitcheck.cli.output import _Fast, _formatters, _Output, _Slow
from permitcheck.cli.parser import KIND_HELP
from permitcheck.messages import MESSAGES
from permitcheck.residence import is_valid

if TYPE_CHECKING:
    from permitcheck.cli.engine import VectorisedChecker
    from permitcheck.cli.input import Batch
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
        sys.stderr.write(f"\r{line}\x1b[K")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


# -- the check command ------------------------------------------------------------


class _Checker:
    """Judge rows and write one output line per row, counting the invalid ones."""

    def __init__(
        self,
        kind: str,
        formatters: tuple[str, _Fast, _Slow],
        write: Callable[[str], None],
        progress: Callable[[int], None],
    ) -> None:
        self.kind = kind
        self.header, self.fast, self.slow = formatters
        self.write = write
        self.progress = progress
        #: Rows seen, rows invalid, and rows with each error code.
        self.rows = 0
        self.invalid = 0
        self.counts: dict[str, int] = {}

    def run(self, batches: Iterable[Batch], first_row: int) -> None:
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
        invalid = 0
        row = first_row - 1
        # Read the first batch before writing anything: an input that cannot
        # be read at all (no usable CSV header) leaves stdout empty.
        batches = iter(batches)
        first = next(batches, None)
        if self.header:
            write(self.header)
        if first is not None:
            batches = itertools.chain((first,), batches)
        for lines, bad in batches:
            out: list[str] = []
            append = out.append
            base = row + 1
            for text in lines:
                row += 1
                if residence_first and len(text) == 18 and is_valid(text) and text.isascii():
                    append(fast(row, text))
                    continue
                outcome = _judge(text, bad.get(row - base) if bad else None, kind)
                if not outcome[0]:
                    invalid += 1
                    for code in outcome[4]:
                        counts[code] = counts.get(code, 0) + 1
                append(slow(row, outcome))
            write("".join(out))
            progress(row)
        self.rows = row - first_row + 1
        self.invalid = invalid


def _open_input(path: str) -> tuple[BinaryIO, int | None]:
    """Open *path* (``-`` is standard input); return the stream and its size if known."""
    if path == "-":
        return sys.stdin.buffer, None
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as error:
        raise CommandError("cannot_read", path=path, reason=error.strerror or str(error)) from None
    # A regular file's size gives the progress line a percentage; a pipe has none.
    return stream, os.fstat(stream.fileno()).st_size or None


def _run_check(options: argparse.Namespace, texts: _Texts) -> int:
    numbers: list[str] = options.numbers
    if numbers and options.input is not None:
        raise CommandError("both_inputs")
    if options.column is not None and options.input is None:
        raise CommandError("column_needs_input")
    if len(options.delimiter) != 1 or options.delimiter in '"\r\n':
        raise CommandError("bad_delimiter")
    if not numbers and options.input is None:
        raise CommandError("no_input")
    output = _Output(sys.stdout)
    stream: BinaryIO | None = None
    reader: LineReader | None = None
    size: int | None = None
    undecodable = {index: "encoding" for index, text in enumerate(numbers) if _undecodable(text)}
    batches: Iterable[Batch] = [(numbers, undecodable or None)]
    first_row = 1
    if options.input is not None:
        stream, size = _open_input(options.input)
        reader = LineReader(stream, "<stdin>" if options.input == "-" else options.input)
        batches = reader
        if options.column is not None:
            batches = CsvColumn(reader, options.column, options.delimiter)
            first_row = 2  # rows are line numbers, and line 1 is the header
    progress = _Progress(texts, reader, size)
    show_progress = not options.quiet and sys.stderr.isatty()
    formatters = _formatters(options.format, options.unmasked, texts)
    report = progress.update if show_progress else _no_progress
    checker: _Checker | VectorisedChecker
    if _use_polars(options.engine, options.input):
        from permitcheck.cli.engine import VectorisedChecker  # noqa: PLC0415

        checker = VectorisedChecker(options, texts, formatters, output.write, report)
    else:
        checker = _Checker(options.kind, formatters, output.write, report)
    try:
        checker.run(batches, first_row)
    except CommandError as error:
        # A UTF-16 header line is never UTF-8: name the likely reason.
        if error.key == "bad_header" and reader is not None and reader.utf16:
            raise CommandError("utf16") from None
        raise
    finally:
        progress.clear()
        if stream is not None and options.input != "-":
            stream.close()
    if not options.quiet:
        if reader is not None and reader.utf16:
            sys.stderr.write(texts["utf16_note"] + "\n")
        _summary(texts, checker.rows, checker.invalid, checker.counts)
    return EXIT_INVALID if checker.invalid else EXIT_VALID


def _use_polars(engine: str, path: str | None) -> bool:
    """Tell whether to check with the Polars engine: asked for, or ``auto`` and worth it.

    ``auto`` takes Polars for a file (not standard input, whose rows are
    reported as they arrive) when ``permitcheck[polars]`` is installed.
    """
    if engine == "python" or (engine == "auto" and path in (None, "-")):
        return False
    try:
        import polars  # noqa: F401, PLC0415
    except ImportError:  # pragma: no cover - the extra is installed for the tests
        if engine == "polars":
            raise CommandError("no_polars") from None
        return False
    return True


def _no_progress(rows: int) -> None:
    """Show nothing (stderr is not a terminal, or ``--quiet``)."""


def _summary(texts: _Texts, rows: int, invalid: int, counts: dict[str, int]) -> None:
    lines = [texts["summary"].format(rows=rows, valid=rows - invalid, invalid=invalid)]
    language = texts["language"]
    width = max((len(str(count)) for count in counts.values()), default=0)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:>{width}}  [{code}] {MESSAGES[code][language]}")
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add the ``check`` subcommand to *commands* (its options: *common* and its own)."""
    check_parser = commands.add_parser(
        "check",
        parents=[common],
        allow_abbrev=False,
        help="check numbers or a file of numbers",
        description=(
            "Check residence permit and travel permit numbers, given as arguments or read"
            " from a file: one number per line, or one column of a CSV file (--column)."
            " Writes one result per input row, in input order, and a summary on stderr."
        ),
        epilog="Exit status: 0 all valid, 1 any invalid, 2 usage or I/O error.",
    )
    check_parser.add_argument("numbers", nargs="*", metavar="NUMBER", help="numbers to check")
    check_parser.add_argument(
        "-i", "--input", metavar="FILE", help="read numbers from FILE ('-' for standard input)"
    )
    check_parser.add_argument(
        "--column", metavar="NAME", help="read FILE as CSV and check the column named NAME"
    )
    check_parser.add_argument(
        "--delimiter", default=",", metavar="CHAR", help="CSV field delimiter (default: ',')"
    )
    check_parser.add_argument(
        "--kind", choices=("auto", "residence", "travel"), default="auto", help=KIND_HELP
    )
    check_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    check_parser.add_argument(
        "--engine",
        choices=("auto", "python", "polars"),
        default="auto",
        help=(
            "polars: find the valid, compact residence permits of a file with Polars (pip"
            " install 'permitcheck[polars]'), the same output; auto (default): polars for -i"
            " FILE (not standard input) when it is installed"
        ),
    )
    check_parser.add_argument(
        "--unmasked", action="store_true", help="print numbers in full (they are personal data)"
    )
    check_parser.add_argument(
        "-q", "--quiet", action="store_true", help="no summary, note or progress line on stderr"
    )
    check_parser.set_defaults(run=_run_check)
