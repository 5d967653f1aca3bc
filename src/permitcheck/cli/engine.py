"""``permitcheck check --engine polars``: the check loop, vectorised.

The Python engine decodes every line into a string and sends a compact,
valid residence permit of 18 ASCII characters down its fast path.  This
engine reads the same blocks of UTF-8 bytes from the same reader
(:meth:`LineReader.blocks`) and does that fast path on the bytes, in Polars:
it finds the lines, checks every 18-byte line's characters, region, date and
MOD 11-2 check character as columns of small integers (one column per
character position), and writes the output line of each valid one, byte by
byte, into one output buffer.  The other short ASCII lines (travel permits,
invalid or spaced numbers, empty lines) are judged by their shape
(:class:`~permitcheck.cli.judge_bulk.BulkJudge`: one line of each shape by
the Python engine's own code) and spliced into that buffer.  Only the rest
are decoded, one by one, and judged and formatted by the Python engine's
code, so the output is the same, row for row (the tests compare the two
engines on every kind of junk line).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Final

import numpy as np
import polars as pl

from permitcheck import polars as _expressions
from permitcheck import residence as _residence
from permitcheck.cli.check import _Checker
from permitcheck.cli.judge import _PREFIX_REGION, _judge
from permitcheck.cli.judge_bulk import BulkJudge, Tally
from permitcheck.generate import PermitGenerator
from permitcheck.model import Region

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from permitcheck.cli.input import LineReader
    from permitcheck.cli.output import _Fast, _Slow

__all__ = ["BULK_BYTES", "GROUP_BYTES", "WORKERS", "VectorisedChecker"]

#: Bytes of input checked per call (the reader's blocks are joined up to this).
GROUP_BYTES: Final = 1 << 22
#: Threads that check groups while this one judges the rest and writes.
WORKERS: Final = 2
#: Slow lines up to this many bytes are judged in bulk (:class:`BulkJudge`).
BULK_BYTES: Final = 256

_LF, _CR, _X, _LOWER_X = 10, 13, 88, 120
#: Output bytes, often a view of the array they were built in.
_Buffer = bytes | memoryview


class _Template:
    """The fast path's output lines, read off the Python engine's formatter and built in bulk.

    ``fast(row, text)`` is ``before + str(row) + middle[prefix] + shown + after[prefix]``,
    where *shown* is the whole number upper-cased (``--unmasked``) or only its last
    character (the masked line holds the region prefix and stars in *middle*).
    """

    def __init__(self, fast: _Fast) -> None:
        marker = "\x00"
        self.whole = False
        middles: list[bytes] = []
        afters: list[bytes] = []
        before: set[bytes] = set()
        for prefix in _PREFIX_REGION:  # 810000, 820000, 830000
            sample = _sample(prefix)  # valid, ends with X
            line = fast(marker, sample.lower())
            head, _, rest = line.partition(marker)
            before.add(head.encode())
            self.whole = sample in rest
            # The number as the line shows it: whole, or masked with its last character.
            key = sample if self.whole else prefix + "*" * 11 + "X"
            end = rest.index(key) + len(key)
            middles.append(rest[: end - (18 if self.whole else 1)].encode())
            afters.append(rest[end:].encode())
        (self.before,) = before
        #: How many characters of the number a line shows (18, or the last one).
        self.shown = 18 if self.whole else 1
        (middle_size,) = {len(middle) for middle in middles}  # the same in every format
        self.middles, self.afters = middles, afters
        self.after_sizes = np.array([len(after) for after in afters], dtype=np.int64)
        # Where the number shown starts, after the row number.
        self.number_at = middle_size

    def sizes(self, characters: NDArray[np.uint8], rows: NDArray[np.int64]) -> NDArray[np.int64]:
        """Return the length of each line."""
        prefix = characters[:, 1].astype(np.intp) - ord("1")
        fixed = len(self.before) + self.number_at + self.shown
        sizes: NDArray[np.int64] = _digits(rows) + fixed + self.after_sizes[prefix]
        return sizes

    def lines(self, characters: NDArray[np.uint8], rows: NDArray[np.int64]) -> _Buffer:
        """Return the output lines of the valid numbers *characters* (one per row), joined.

        *rows* increase: the lines whose row numbers have the same number of
        digits are built as one matrix, a line per row (see :meth:`_matrix`).
        """
        parts = []
        start = 0
        while start < len(rows):
            width = len(str(int(rows[start])))
            end = int(np.searchsorted(rows, 10**width))  # the first row with more digits
            parts.append(self._matrix(characters[start:end], rows[start:end], width))
            start = end
        return parts[0] if len(parts) == 1 else memoryview(b"".join(parts))

    def _matrix(
        self, characters: NDArray[np.uint8], rows: NDArray[np.int64], width: int
    ) -> memoryview:
        """Return the lines of rows whose numbers have *width* digits, joined.

        Each line starts as its region's line with a placeholder row number
        and number (one matrix row from a table of three), then gets its row
        number's digits and its number's characters; lines shorter than the
        longest (a shorter region name) are padded, and the padding dropped.
        """
        prefix = characters[:, 1].astype(np.intp) - ord("1")
        before = len(self.before)
        number_at = before + width + self.number_at
        after_at = number_at + self.shown
        longest = after_at + int(self.after_sizes.max())
        placeholder = b"0" * width
        table = np.frombuffer(
            b"".join(
                (self.before + placeholder + middle + b"X" * self.shown + after).ljust(
                    longest, b"\0"
                )
                for middle, after in zip(self.middles, self.afters, strict=True)
            ),
            dtype=np.uint8,
        ).reshape(3, longest)
        lines = np.take(table, prefix, axis=0)
        lines[:, before : before + width] = _digit_characters(rows, width)
        shown = characters[:, 18 - self.shown :]
        lines[:, number_at:after_at] = np.where(shown == _LOWER_X, _X, shown)
        sizes = after_at + self.after_sizes[prefix]
        if (sizes == longest).all():
            return lines.data.cast("B")
        return lines[np.arange(longest) < sizes[:, None]].data.cast("B")


def _digit_characters(rows: NDArray[np.int64], width: int) -> NDArray[np.uint8]:
    """Return the decimal digits of *rows*, each of *width* digits, as a matrix of characters."""
    characters = np.empty((len(rows), width), dtype=np.uint8)
    left = rows
    end = width
    while end > 0:  # three digits at a time, from the right
        left, three = np.divmod(left, 1000)
        take = min(3, end)
        characters[:, end - take : end] = np.take(_THREE_DIGITS, three, axis=0)[:, 3 - take :]
        end -= take
    return characters


# "000" to "999", a row each.
_THREE_DIGITS: Final = np.frombuffer(
    b"".join(b"%03d" % number for number in range(1000)), dtype=np.uint8
).reshape(1000, 3)


def _digits(rows: NDArray[np.int64]) -> NDArray[np.int64]:
    """Return how many decimal digits each row number has."""
    return np.searchsorted(_POWERS, rows, side="right")


# 1, 10, 100, ...: a row number has as many digits as there are of these not above it.
_POWERS: Final = 10 ** np.arange(18, dtype=np.int64)


def _windows(data: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Return every 18 bytes of *data* that start at one place, as the rows of a view."""
    if len(data) < 18:
        return np.zeros((0, 18), dtype=np.uint8)
    return np.lib.stride_tricks.sliding_window_view(data, 18)


def _sample(prefix: str) -> str:
    """Return a valid residence permit number with *prefix* whose check character is X."""
    generator = PermitGenerator(prefix.encode())
    region = Region(_PREFIX_REGION[prefix])
    while True:
        number = generator.residence_permit_number(regions=[region])
        if number.endswith("X"):
            return number


class VectorisedChecker(_Checker):
    """The Python engine's ``_Checker`` with its fast path run by Polars on the input's bytes.

    Only for a file's lines, one number each (no ``--column``, no workbook):
    the lines, the row numbers and the counts by verdict, kind and code are
    the Python engine's.
    """

    def __init__(
        self,
        kind: str,
        formatters: tuple[str, _Fast, _Slow],
        write: Callable[[_Buffer], None],
        progress: Callable[[int], None],
        *,
        unmasked: bool = False,
    ) -> None:
        super().__init__(kind, formatters, lambda text: write(text.encode("utf-8")), progress)
        self.write_bytes = write
        self.template = _Template(self.fast)
        self._today = _residence._today()
        self.bulk = BulkJudge(kind, unmasked, self.slow, _expressions._dates(self._today))

    def run_blocks(self, reader: LineReader, first_row: int) -> None:
        """Check every line *reader* yields; the first one is numbered *first_row*.

        Worker threads do the vectorised part of each group (NumPy and Polars
        release the interpreter lock); this thread reads, judges the other
        lines in order (so that counts and hints are the Python engine's) and
        writes.  At most :data:`WORKERS` groups wait, which bounds the memory.
        """
        self._reader = reader
        row = first_row - 1
        groups = _groups(reader.blocks())
        first = next(groups, _END)  # read before writing: see _Checker.run
        if self.header:
            self.write(self.header)
        if first is not _END:
            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                waiting: deque[tuple[int, bytes | None, Future[_Scan] | None]] = deque()
                for group in _prepend(first, groups):
                    if group is None:  # a line too long to keep
                        waiting.append((row + 1, None, None))
                        row += 1
                    else:
                        waiting.append((row + 1, group, pool.submit(self._scan, group, row + 1)))
                        row += group.count(b"\n")
                    while len(waiting) > WORKERS:
                        self._finish(*waiting.popleft(), first_row)
                while waiting:
                    self._finish(*waiting.popleft(), first_row)
        self.rows = row - first_row + 1

    def _finish(
        self, first: int, group: bytes | None, scan: Future[_Scan] | None, first_row: int
    ) -> None:
        """Judge the slow lines of a scanned group, and write its output."""
        if group is None or scan is None:
            self.write(self._slow_line(first, "", "too_long"))
            self.progress(first - first_row + 1)
            return
        done = scan.result()
        for kind, valid, codes, count in done.tallies:
            self._count(kind, valid, codes, count)
        decode = self._reader.decode_line
        slow_lines = []
        for position, start, size in zip(
            done.slow_rows.tolist(),
            done.starts[done.slow_rows].tolist(),
            done.sizes[done.slow_rows].tolist(),
            strict=True,
        ):
            text, code = decode(group[start : start + size])
            slow_lines.append(self._slow_line(first + position, text, code).encode("utf-8"))
        self.write_bytes(done.join(slow_lines))
        self.progress(first + len(done.starts) - first_row)

    def _slow_line(self, row: int, text: str, code: str | None) -> str:
        """Judge, count and format one line that neither the fast path nor the bulk one took."""
        outcome = _judge(text, code, self.kind)
        self._count(outcome[1], outcome[0], outcome[4], 1)
        return self.slow(row, outcome)

    def _scan(self, block: bytes, first: int) -> _Scan:
        """Find the lines of *block* (whole lines, ending with LF) and write the valid ones."""
        data = np.frombuffer(block, dtype=np.uint8)
        ends = np.flatnonzero(data == _LF)
        count = len(ends)
        starts = np.empty_like(ends)
        starts[0] = 0
        starts[1:] = ends[:-1] + 1
        # A CR before the LF ends the line with it (CRLF).
        crlf = (ends > starts) & (data[ends - 1] == _CR)
        sizes = ends - starts - crlf
        candidates = np.flatnonzero(sizes == 18)
        if self.kind == "travel":  # the Python engine has no fast path for travel permits
            candidates = candidates[:0]
        if len(candidates) == count and len(block) == 19 * count:
            characters = data.reshape(count, 19)[:, :18]  # every line 18 bytes and LF
        else:
            characters = _windows(data)[starts[candidates]]  # one row per candidate
        valid = self._valid(characters)
        fast_positions = candidates[valid]
        fast = characters[valid]
        is_slow = np.ones(count, dtype=bool)
        is_slow[fast_positions] = False
        slow_rows = np.flatnonzero(is_slow)
        rows = fast_positions + first
        fast_bytes = self.template.lines(fast, rows)
        # Where each slow line goes: after the output of the fast lines before it.
        cuts = np.zeros(len(slow_rows), dtype=np.int64)
        if len(slow_rows) and len(rows):
            line_ends = np.cumsum(self.template.sizes(fast, rows))
            fast_before = np.cumsum(~is_slow)[slow_rows]
            after_some = fast_before > 0
            cuts[after_some] = line_ends[fast_before[after_some] - 1]
        scan = _Scan(starts, sizes, slow_rows, fast_bytes, cuts)
        if len(slow_rows):
            self._bulk(block, data, scan, first)
        return scan

    def _bulk(self, block: bytes, data: NDArray[np.uint8], scan: _Scan, first: int) -> None:
        """Judge the slow lines of *scan* that :class:`BulkJudge` can, and put them in its output.

        Those are the lines of at most :data:`BULK_BYTES` without NUL, if they
        are all UTF-8 (else the ASCII ones among them); *scan* keeps the
        others as its slow lines, for the Python engine's code.
        """
        slow_rows = scan.slow_rows
        line_starts, line_sizes = scan.starts[slow_rows], scan.sizes[slow_rows]
        short = line_sizes <= min(BULK_BYTES, self._reader.max_line)
        if b"\0" in block:
            short &= ~_holding(data == 0, line_starts, line_sizes)
        taken = np.flatnonzero(short)
        texts = _texts(data, line_starts[taken], line_sizes[taken])
        if texts is None:  # a line that is not UTF-8: take the ASCII ones only
            ascii_ = ~_holding(data >= 0x80, line_starts[taken], line_sizes[taken])
            taken = taken[ascii_]
            texts = _texts(data, line_starts[taken], line_sizes[taken])
        if texts is None or not len(texts):
            return
        lines, scan.tallies = self.bulk.lines(texts, slow_rows[taken] + first)
        sizes = np.zeros(len(slow_rows), dtype=np.int64)
        sizes[taken] = lines.str.len_bytes().fill_null(0).to_numpy()
        if not sizes.any():
            return
        # Each slow line's place in the output: the fast lines' and bulk lines' before it.
        places = scan.cuts + np.cumsum(sizes) - sizes
        built = sizes > 0
        output = lines.drop_nulls().str.join("").item().encode("utf-8")
        scan.fast_bytes = _merge(scan.fast_bytes, output, places[built], sizes[built])
        scan.slow_rows, scan.cuts = slow_rows[~built], places[~built]

    def _valid(self, characters: NDArray[np.uint8]) -> NDArray[np.bool_]:
        """Whether each 18-byte line is a valid, compact residence permit (ASCII, X or x last).

        The rules of :func:`permitcheck.is_valid` over one column per character, in Polars.
        """
        if not len(characters):
            return np.zeros(0, dtype=bool)
        frame = pl.from_numpy(characters, schema=[f"c{place}" for place in range(18)])
        rules = _expressions._compact_residence_bytes(
            [pl.col(f"c{place}") for place in range(18)], self._today
        )
        valid = frame.select(rules.alias("valid"))
        return valid.to_series().to_numpy()


def _holding(
    odd: NDArray[np.bool_], starts: NDArray[np.intp], sizes: NDArray[np.intp]
) -> NDArray[np.bool_]:
    """Tell for each line (*starts*, *sizes*, at least one) whether it holds a byte in *odd*."""
    bounds = np.empty(2 * len(starts), dtype=np.intp)
    bounds[0::2] = starts
    bounds[1::2] = starts + sizes
    # An empty line's range is its line ending's byte, which is not odd.
    holding: NDArray[np.bool_] = np.logical_or.reduceat(odd, bounds)[0::2]
    return holding


def _texts(
    data: NDArray[np.uint8], starts: NDArray[np.intp], sizes: NDArray[np.intp]
) -> pl.Series | None:
    """Return the lines (*starts*, *sizes*) of *data* decoded, or None if one is not UTF-8.

    ``decode_line`` gives back the same text for a line without NUL.
    """
    if not len(starts):
        return pl.Series([], dtype=pl.String)
    joined = _gather(data, starts, sizes + 1)  # each line and the byte after it
    joined[np.cumsum(sizes + 1) - 1] = _LF  # in place of a CR, or the LF itself
    try:
        text = joined.tobytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    return pl.Series([text]).str.split("\n").explode().head(len(starts))


def _gather(
    data: NDArray[np.uint8], starts: NDArray[np.intp], sizes: NDArray[np.intp]
) -> NDArray[np.uint8]:
    """Return the bytes of *data* at *starts*, *sizes* bytes each, one after the other."""
    return data[_spread(starts, sizes)]


def _merge(
    fast: _Buffer, joined: bytes, places: NDArray[np.int64], sizes: NDArray[np.int64]
) -> memoryview:
    """Return the output of *fast* with the lines of *joined* put in at *places*.

    *joined* holds the lines one after the other, of *sizes* bytes, in the
    order of *places*, their offsets in the output.
    """
    lines = np.frombuffer(joined, dtype=np.uint8)
    out = np.empty(len(fast) + len(lines), dtype=np.uint8)
    where = _spread(places, sizes)  # where each byte of joined goes
    out[where] = lines
    rest = np.ones(len(out), dtype=bool)
    rest[where] = False
    out[rest] = np.frombuffer(fast, dtype=np.uint8)
    return out.data.cast("B")


def _spread(starts: NDArray[np.integer], sizes: NDArray[np.integer]) -> NDArray[np.intp]:
    """Return the offsets *starts[i]* to *starts[i] + sizes[i]*, one run after the other."""
    ends = np.cumsum(sizes)
    return np.repeat(starts - (ends - sizes), sizes) + np.arange(int(ends[-1]) if len(ends) else 0)


class _Scan:
    """A group's lines as the workers leave them: where each is, and the output of the fast ones."""

    def __init__(
        self,
        starts: NDArray[np.intp],
        sizes: NDArray[np.intp],
        slow_rows: NDArray[np.intp],
        fast_bytes: _Buffer,
        cuts: NDArray[np.int64],
    ) -> None:
        self.starts, self.sizes, self.slow_rows = starts, sizes, slow_rows
        #: The output of every line but the slow ones.
        self.fast_bytes = fast_bytes
        #: For each slow line, the length of the output before it.
        self.cuts = cuts
        #: Counts of the lines judged in bulk.
        self.tallies: list[Tally] = []

    def join(self, slow_lines: list[bytes]) -> _Buffer:
        """Return the group's output: the fast lines with *slow_lines* put in their places."""
        if not slow_lines:
            return self.fast_bytes
        fast = self.fast_bytes
        parts = []
        done = 0
        for line, cut in zip(slow_lines, self.cuts.tolist(), strict=True):
            parts.append(fast[done:cut])
            parts.append(line)
            done = cut
        parts.append(fast[done:])
        return b"".join(parts)


def _groups(blocks: Iterable[bytes | None]) -> Iterator[bytes | None]:
    """Join the reader's blocks into groups of at least :data:`GROUP_BYTES` bytes.

    Polars' cost per call would outweigh the work on the reader's blocks of
    256 KiB; ``None`` (a line too long to keep) passes on in its place.
    """
    parts: list[bytes] = []
    size = 0
    for block in blocks:
        if block is None:
            if parts:
                yield b"".join(parts)
                parts, size = [], 0
            yield None
            continue
        parts.append(block)
        size += len(block)
        if size >= GROUP_BYTES:
            yield b"".join(parts)
            parts, size = [], 0
    if parts:
        yield b"".join(parts)


#: What ``next()`` gives at the end of the groups (``None`` is a group: a line too long).
_END: Final = b""


def _prepend(first: bytes | None, rest: Iterator[bytes | None]) -> Iterator[bytes | None]:
    yield first
    yield from rest
