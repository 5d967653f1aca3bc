"""Streaming input for the ``permitcheck`` command: bytes in, batches of text rows out.

The reader never holds more than one chunk plus one line in memory, and it
never loses a row: a line that cannot be decoded becomes a placeholder with
the code of the reason (``encoding``, ``nul``, ``too_long``), so the report
still has exactly one result per input line.  CSV splitting happens here too
(``csv``, ``column``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, Final

__all__ = ["CHUNK_SIZE", "MAX_LINE_BYTES", "Batch", "CommandError", "CsvColumn", "LineReader"]

#: Bytes asked for per read.  Smaller than :data:`MAX_LINE_BYTES`, so a block
#: of complete lines only exceeds the line limit when it ends a long line.
CHUNK_SIZE: Final = 1 << 18
#: A line longer than this (without its line ending) is reported as ``too_long``.
MAX_LINE_BYTES: Final = 1 << 20

_BOM: Final = b"\xef\xbb\xbf"
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")

#: Decoded lines, and the codes of the lines that could not be decoded (by
#: index in the batch; their text is ``""``), or None when every line is fine.
Batch = tuple[list[str], dict[int, str] | None]


class CommandError(Exception):
    """The command cannot go on: a one-line error (a key into the command's texts), exit 2."""

    def __init__(self, key: str, **details: str) -> None:
        super().__init__(key)
        self.key = key
        self.details = details


class LineReader:
    """Split a binary stream into batches of decoded lines.

    Lines end with LF or CRLF (a lone CR is an ordinary byte); a final line
    without a line ending counts; a UTF-8 byte order mark at the start is
    dropped.  Any other bytes are read as they are: UTF-16 text becomes lines
    that are not UTF-8 (``encoding``) or hold NULs (``nul``), and :attr:`utf16`
    tells the caller, which can suggest converting the input.
    :attr:`consumed` counts the bytes read so far (for a progress display).
    """

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        *,
        chunk_size: int = CHUNK_SIZE,
        max_line: int = MAX_LINE_BYTES,
    ) -> None:
        # read1 returns what is available instead of waiting for a full chunk,
        # so rows typed or piped in slowly are reported as they arrive.
        self._read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)
        self._chunk_size = chunk_size
        self._max_line = max_line
        self._name = name
        self.consumed = 0
        #: Whether the input starts with a UTF-16 byte order mark (known once read).
        self.utf16 = False

    def _next_chunk(self) -> bytes:
        try:
            return self._read(self._chunk_size)
        except OSError as error:
            raise CommandError("cannot_read", path=self._name, reason=_reason(error)) from None

    def __iter__(self) -> Iterator[Batch]:
        next_chunk, max_line = self._next_chunk, self._max_line
        pending = b""  # the start of a line whose end has not been read yet
        skipping = False  # inside a line already known to be too long
        at_start = True  # the byte order mark is still to be looked for
        while data := next_chunk():
            self.consumed += len(data)
            if skipping:
                newline = data.find(b"\n")
                if newline < 0:
                    continue  # drop the middle of the long line
                skipping = False
                yield [""], {0: "too_long"}
                data = data[newline + 1 :]
            buffer = pending + data
            if at_start:
                if len(buffer) < 3:
                    pending = buffer  # too short to tell whether a BOM starts it
                    continue
                at_start = False
                self.utf16 = buffer.startswith(_UTF16_BOMS)
                if buffer.startswith(_BOM):
                    buffer = buffer[3:]
            end = buffer.rfind(b"\n") + 1
            if end:
                pending = buffer[end:]
                yield _split(buffer[:end], max_line)
            else:
                pending = buffer
            # +1: the pending part may still end with the CR of a CRLF.
            if len(pending) > max_line + 1:
                pending = b""
                skipping = True
        if at_start:  # fewer bytes than a UTF-8 byte order mark in all
            self.utf16 = pending.startswith(_UTF16_BOMS)
        if skipping:
            yield [""], {0: "too_long"}
        elif pending:
            # Only a start shorter than a BOM can hold a line end here.
            yield _split(pending if pending.endswith(b"\n") else pending + b"\n", max_line)


def _reason(error: OSError) -> str:
    """Return the operating system's words for *error* (no path: the caller names it)."""
    return error.strerror or str(error)


def _split(block: bytes, max_line: int) -> Batch:
    """Split *block* (complete lines, ending with LF) into decoded lines."""
    if b"\r" in block:
        block = block.replace(b"\r\n", b"\n")
    # The common case in one C call each: decode the whole block.  Lines are
    # only looked at one by one when something in the block is wrong.
    if len(block) <= max_line and b"\0" not in block:
        try:
            lines = block.decode("utf-8").split("\n")
        except UnicodeDecodeError:
            pass
        else:
            lines.pop()  # the empty string after the final LF
            return lines, None
    raw_lines = block.split(b"\n")
    raw_lines.pop()
    lines = []
    bad: dict[int, str] = {}
    for index, raw in enumerate(raw_lines):
        text = ""
        if len(raw) > max_line:
            bad[index] = "too_long"
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                bad[index] = "encoding"
            else:
                if "\0" in text:
                    bad[index] = "nul"
                    text = ""
        lines.append(text)
    return lines, bad or None


class CsvColumn:
    """Turn batches of CSV lines into batches of one column's values.

    The first line is the header; *column* is looked up in it (surrounding
    white space ignored).  Each physical line is one record: a quoted field
    cannot span lines, so a line that leaves a quote open is reported as
    ``csv`` instead of swallowing the lines after it.  A line with too few
    fields is reported as ``column``; a blank line gives an empty value.
    """

    def __init__(self, batches: Iterable[Batch], column: str, delimiter: str = ",") -> None:
        self._batches = batches
        self._column = column
        self._delimiter = delimiter
        #: The header's column names, once read.
        self.header: list[str] = []

    def _cells(self, line: str) -> list[str] | None:
        if '"' not in line:
            # No quotes: splitting on the delimiter is exactly what csv does.
            return line.split(self._delimiter)
        import csv  # noqa: PLC0415 - only quoted lines need the csv module

        try:
            return next(csv.reader([line], delimiter=self._delimiter, strict=True))
        except csv.Error:
            return None

    def __iter__(self) -> Iterator[Batch]:
        batches = iter(self._batches)
        first = next(batches, None)  # the reader never yields an empty batch
        if first is None:
            raise CommandError("no_header")
        lines, bad = first
        if bad and 0 in bad:
            raise CommandError("bad_header", code=bad[0])
        cells = self._cells(lines[0])
        if cells is None:
            raise CommandError("bad_header", code="csv")
        self.header = [cell.strip() for cell in cells]
        if self._column not in self.header:
            raise CommandError("no_column", column=self._column, columns=", ".join(self.header))
        index = self.header.index(self._column)
        yield self._values(lines[1:], _shift(bad), index)
        for lines, bad in batches:
            yield self._values(lines, bad, index)

    def _values(self, lines: list[str], bad: dict[int, str] | None, index: int) -> Batch:
        values: list[str] = []
        codes: dict[int, str] = dict(bad) if bad else {}
        append = values.append
        for position, line in enumerate(lines):
            if position in codes or not line.strip():
                append("")  # a bad or blank line: judged as such downstream
                continue
            cells = self._cells(line)
            if cells is None:
                codes[position] = "csv"
                append("")
            elif index < len(cells):
                append(cells[index])
            else:
                codes[position] = "column"
                append("")
        return values, codes or None


def _shift(bad: dict[int, str] | None) -> dict[int, str] | None:
    """Renumber the codes of a batch whose first line (the header) was removed."""
    # The header's own code (index 0) has already been rejected.
    return {index - 1: code for index, code in bad.items()} if bad else None
