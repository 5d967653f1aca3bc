"""``permitcheck check --engine polars``: the check loop with the fast path vectorised.

The rows come from the same reader as with the Python engine (so every junk
line is reported the same way); per batch, Polars finds the rows the Python
engine sends down its fast path (a compact, valid residence permit of 18 ASCII
characters) and writes their output lines with native string operations.
Every other row goes through the Python engine's own judge and formatter, so
the output is the same, row for row; the tests compare the two engines.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

import polars as pl

from permitcheck import polars as _expressions
from permitcheck.cli.check import _Checker
from permitcheck.cli.judge import _PREFIX_REGION, _RESIDENCE, _judge, _Texts

if TYPE_CHECKING:
    import argparse

    from permitcheck.cli.input import Batch, Records
    from permitcheck.cli.output import _Fast, _Slow

__all__ = ["GROUP_ROWS", "VectorisedChecker"]

#: Rows checked per Polars call (a few MB of text).
GROUP_ROWS: Final = 1 << 18

# What the Python engine's fast path tests: len(text) == 18, is_valid(text)
# and text.isascii().  An 18-character ASCII string is judged without folding
# (only a final x is upper-cased), so one anchored expression and the
# checksum over the raw text decide.
_FAST_SHAPE: Final = r"\A8[123]0000{dates}[0-9]{{3}}[0-9Xx]\z"


def _fast_rows(text: pl.Expr) -> pl.Expr:
    dates = _expressions._dates(_expressions._today(None))
    remainder = text.str.to_integer(base=35, dtype=pl.Int128, strict=False) % 11
    last_x = text.str.ends_with("X") | text.str.ends_with("x")
    return (
        (text.str.len_bytes() == 18)
        & text.str.contains(_FAST_SHAPE.format(dates=dates))
        & (remainder == pl.when(last_x).then(2).otherwise(1))
    )


def _fast_lines(fmt: str, unmasked: bool, texts: _Texts) -> Callable[[pl.Expr, pl.Expr], pl.Expr]:
    """Return a builder of the fast-path line from the row number and the text.

    The vectorised twin of the ``fast`` functions of
    :func:`permitcheck.cli.output._formatters`.
    """
    regions = dict(_PREFIX_REGION)

    def pieces(text: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
        prefix = text.str.slice(0, 6)
        region = prefix.replace_strict(regions, default="", return_dtype=pl.String)
        number = (
            text.str.to_uppercase()
            if unmasked
            else pl.concat_str(prefix, pl.lit("*" * 11), text.str.slice(17, 1).str.to_uppercase())
        )
        return prefix, region, number

    if fmt == "csv":

        def csv(row: pl.Expr, text: pl.Expr) -> pl.Expr:
            _prefix, region, number = pieces(text)
            return pl.concat_str(
                row, pl.lit(f",true,{_RESIDENCE},"), region, pl.lit(","), number, pl.lit(",\n")
            )

        return csv
    if fmt == "json":

        def json(row: pl.Expr, text: pl.Expr) -> pl.Expr:
            _prefix, region, number = pieces(text)
            return pl.concat_str(
                pl.lit('{"row":'),
                row,
                pl.lit(f',"valid":true,"kind":"{_RESIDENCE}","region":"'),
                region,
                pl.lit('","number":"'),
                number,
                pl.lit('","errors":[]}\n'),
            )

        return json
    kind_word = texts[f"kind:{_RESIDENCE}"]
    tails = {
        prefix: f"  {texts['valid']}  "
        + texts["kind_region"].format(kind=kind_word, region=texts[f"region:{region}"])
        + "\n"
        for prefix, region in regions.items()
    }

    def text_line(row: pl.Expr, text: pl.Expr) -> pl.Expr:
        prefix, _region, number = pieces(text)
        tail = prefix.replace_strict(tails, default="", return_dtype=pl.String)
        return pl.concat_str(row, pl.lit("  "), number, tail)

    return text_line


class VectorisedChecker(_Checker):
    """The Python engine's ``_Checker`` with its fast path run by Polars, batch by batch.

    Only for a file's lines, one number each (no ``--column``, no workbook):
    the batches are the line reader's, and the counts by verdict, kind and
    code are kept as the Python engine keeps them.
    """

    def __init__(
        self,
        options: argparse.Namespace,
        texts: _Texts,
        formatters: tuple[str, _Fast, _Slow],
        write: Callable[[str], None],
        progress: Callable[[int], None],
    ) -> None:
        super().__init__(options.kind, formatters, write, progress)
        text, row = pl.col("text"), pl.col("row").cast(pl.String)
        fast = _fast_rows(text) if self.kind != "travel" else pl.lit(False)
        line = _fast_lines(options.format, options.unmasked, texts)(row, text)
        self._select = pl.when(fast).then(line).alias("line")

    def run(self, batches: Iterable[Records], first_row: int) -> None:
        """Check every row of *batches* (a file's lines); the first one is numbered *first_row*."""
        kind, slow, counts, kinds = self.kind, self.slow, self.counts, self.kinds
        invalid = 0
        row = first_row - 1
        batches = iter(batches)
        first = next(batches, None)  # read before writing: see _Checker.run
        if self.header:
            self.write(self.header)
        pending: list[Batch] = [] if first is None else [(first[0], first[1])]
        for lines, bad in _chain(pending, ((values, bad) for values, bad, _, _ in batches)):
            base = row + 1
            frame = pl.DataFrame(
                {"text": lines, "row": pl.int_range(base, base + len(lines), eager=True)},
                schema={"text": pl.String, "row": pl.Int64},
            )
            out = frame.select(self._select).to_series()
            missing = out.is_null()
            if missing.any():
                positions = missing.arg_true().to_list()
                slow_lines = []
                for position in positions:
                    outcome = _judge(lines[position], bad.get(position) if bad else None, kind)
                    tally = kinds.get(outcome[1])
                    if tally is None:
                        tally = kinds[outcome[1]] = [0, 0]
                    tally[0 if outcome[0] else 1] += 1
                    if not outcome[0]:
                        invalid += 1
                        for code in outcome[4]:
                            counts[code] = counts.get(code, 0) + 1
                    slow_lines.append(slow(base + position, outcome))
                out = out.scatter(positions, slow_lines)
            self.write(out.str.join("").item())
            row += len(lines)
            self.progress(row)
        self.rows = row - first_row + 1
        self.invalid = invalid


def _chain(first: list[Batch], rest: Iterable[Batch]) -> Iterator[Batch]:
    """Join the reader's batches into batches of at least :data:`GROUP_ROWS` rows.

    Polars' cost per call (compiling the regular expressions, setting up the
    frame) would outweigh the work on the reader's batches of ~13,000 rows.
    """
    lines: list[str] = []
    bad: dict[int, str] = {}
    for batch_lines, batch_bad in itertools.chain(first, rest):
        if batch_bad:
            offset = len(lines)
            bad.update({offset + index: code for index, code in batch_bad.items()})
        lines.extend(batch_lines)
        if len(lines) >= GROUP_ROWS:
            yield lines, bad or None
            lines, bad = [], {}
    if lines:
        yield lines, bad or None
