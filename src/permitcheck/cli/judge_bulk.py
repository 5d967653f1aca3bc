"""The Polars engine's other lines: judged and formatted by the shape, the Python engine's way.

The engine's fast path takes the valid, compact residence permits.  Most
other lines are short and ASCII: travel permits, numbers with a wrong check
character, spaced numbers, empty lines.  Many of them share everything their
output line says but the row number (and, with ``--unmasked``, the number):
:class:`BulkJudge` gives each line a *shape*, as a column, judges one line of
each new shape with the Python engine's own ``_judge`` and formatter, and
builds the others from that line.

A shape is what decides the outcome and the masked number.  For a travel
permit, the number with every digit read as ``9``: its rules and its mask
look at which characters are digits, never at their values.  For a residence
permit, the problems :func:`permitcheck.check` reports (the vectorised rules
of :mod:`permitcheck.polars`), the region of its first six characters, its
length and its 18th character: what the mask keeps.  With ``--unmasked``, a
number that some format would quote or escape (anything but ASCII capitals,
digits, ``*`` and brackets) gets no line here, and goes to the Python
engine's code, as the lines that are not ASCII do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple

import polars as pl

from permitcheck import polars as _expressions
from permitcheck.cli.judge import _judge

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from permitcheck.cli.output import _Slow

__all__ = ["BulkJudge", "Tally"]

#: A number every format shows as it is: no quoting, escaping or padding by width.
_PLAIN: Final = r"\A[0-9A-Z*()]*\z"
#: Placeholders for the row number and the characters of the number in a template.
_ROW: Final = "\x00"
_MARK: Final = "#"
#: Shapes remembered at most (junk can have as many shapes as lines).
_MAX_SHAPES: Final = 100_000
#: Lines judged in bulk of one kind, verdict and error codes: how many.
Tally = tuple[str, bool, tuple[str, ...], int]


class _Shape(NamedTuple):
    """One shape's output line, around the row number (and the number, when unmasked)."""

    head: str
    middle: str
    tail: str
    kind: str
    valid: bool
    codes: tuple[str, ...]


class BulkJudge:
    """Judge and format many lines at once, as ``_judge`` and the slow formatter do one by one.

    *kind* is the ``--kind`` option (``auto``, ``residence``, ``travel``),
    *slow* the Python engine's slow-path formatter, *dates* the
    :func:`permitcheck.polars._dates` pattern of the day that counts as today.
    """

    def __init__(self, kind: str, unmasked: bool, slow: _Slow, dates: str) -> None:
        self._kind = kind
        self._unmasked = unmasked
        self._slow = slow
        self._shapes: dict[str, _Shape | None] = {}
        number, size = pl.col("number"), pl.col("size")
        if kind == "auto":  # judge.py's _detect
            travel = (size < 14) | number.str.contains(r"\A[HM]")
        else:
            travel = pl.lit(kind == "travel")
        region = number.str.slice(0, 6).replace_strict(
            _expressions._REGION_CODES, default="", return_dtype=pl.String
        )
        residence = pl.concat_str(
            [
                pl.lit("R"),
                _expressions._problem_codes(number, dates),
                region,
                size.cast(pl.String),
                pl.when(size == 18).then(number.str.slice(17, 1)).otherwise(pl.lit("")),
            ],
            separator="|",
        )
        shape = (
            pl.when(size == 0)
            .then(pl.lit("E"))
            .when(travel)
            .then(pl.lit("T|") + number.str.replace_all("[0-9]", "9"))
            .otherwise(residence)
        )
        if unmasked:  # a number that needs quoting or escaping: the Python engine's
            shape = shape + pl.when(number.str.contains(_PLAIN)).then(pl.lit("")).otherwise(
                pl.lit("|!")
            )
        self._shape = shape

    def lines(self, texts: pl.Series, rows: NDArray[np.int64]) -> tuple[pl.Series, list[Tally]]:
        """Return the output line of each text (null where it needs the Python engine) and counts.

        *rows* are the texts' row numbers; the counts cover only the lines
        given a line.
        """
        frame = (
            pl.LazyFrame([texts.alias("text"), pl.Series("row", rows, dtype=pl.Int64)])
            .with_columns(number=_expressions._folded(pl.col("text")))
            .with_columns(size=pl.col("number").str.len_chars())
            .with_columns(shape=self._shape)
            .collect()
        )
        shapes = frame.group_by("shape").agg(pl.first("text"), pl.len())
        table: list[tuple[str, str, str, str]] = []
        tallies: list[Tally] = []
        for key, text, count in shapes.iter_rows():
            shape = self._shapes.get(key)
            if shape is None and key not in self._shapes:
                shape = self._judge(key, text)
            if shape is not None:
                table.append((key, shape.head, shape.middle, shape.tail))
                tallies.append((shape.kind, shape.valid, shape.codes, count))
        parts = pl.DataFrame(
            table,
            schema={"shape": pl.String, "head": pl.String, "middle": pl.String, "tail": pl.String},
            orient="row",
        )
        shown = [pl.col("number")] if self._unmasked else []
        line = (
            frame.join(parts, on="shape", how="left", maintain_order="left")
            .select(
                pl.concat_str(
                    [pl.col("head"), pl.col("row").cast(pl.String), "middle", *shown, "tail"]
                )
            )
            .to_series()
        )
        return line, tallies

    def _judge(self, key: str, text: str) -> _Shape | None:
        """Judge *text*, the first line of shape *key*, and remember the shape's line.

        None when its line cannot be built from parts: the Python engine's
        code formats such lines one by one.
        """
        if len(self._shapes) >= _MAX_SHAPES:
            self._shapes.clear()
        shape: _Shape | None = None
        outcome = _judge(text, None, self._kind)
        valid, kind, _region, compact, codes = outcome
        # The shape holds the codes of a residence permit: they must be the core's.
        agrees = not key.startswith("R|") or key.split("|")[1] == ";".join(codes)
        if not key.endswith("|!") and agrees:
            width = len(compact) if self._unmasked else 0
            line = self._slow(_ROW, outcome, _MARK * width if width else None)
            head, _, rest = line.partition(_ROW)
            if not width:
                shape = _Shape(head, rest, "", kind, valid, codes)
            elif rest.count(_MARK) == width:
                middle, _, tail = rest.partition(_MARK * width)
                shape = _Shape(head, middle, tail, kind, valid, codes)
        self._shapes[key] = shape
        return shape
