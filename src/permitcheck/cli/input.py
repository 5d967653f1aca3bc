"""Streaming input for the ``permitcheck`` command: bytes in, batches of text rows out.

The reader never holds more than one chunk plus one line in memory, and it
never loses a row: a line that cannot be decoded becomes a placeholder with
the code of the reason (``encoding``, ``nul``, ``too_long``), so the report
still has exactly one result per input line.  CSV splitting happens here too
(``csv``, ``column``).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, Final

__all__ = [
    "CHUNK_SIZE",
    "MAX_LINE_BYTES",
    "MAX_RECORD_CHARS",
    "MAX_RECORD_LINES",
    "Batch",
    "CommandError",
    "CsvColumn",
    "LineReader",
    "Records",
    "codec_name",
    "guess_encoding",
]

#: Bytes asked for per read.  Smaller than :data:`MAX_LINE_BYTES`, so a block
#: of complete lines only exceeds the line limit when it ends a long line.
CHUNK_SIZE: Final = 1 << 18
#: A line longer than this (without its line ending) is reported as ``too_long``.
MAX_LINE_BYTES: Final = 1 << 20

_BOM: Final = b"\xef\xbb\xbf"
# Byte order marks and their codecs: UTF-32's first, as UTF-16 LE's mark starts UTF-32 LE's.
_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (_BOM, "utf-8"),
)

#: A record (a CSV row spanning quoted line breaks) has at most this many lines...
MAX_RECORD_LINES: Final = 100
#: ... and this many characters (line breaks included).
MAX_RECORD_CHARS: Final = MAX_LINE_BYTES

#: Decoded lines, and the codes of the lines that could not be decoded (by
#: index in the batch; their text is ``""``), or None when every line is fine.
Batch = tuple[list[str], dict[int, str] | None]
#: Values to check, with the codes of those that cannot be checked (by index,
#: their text is ``""``), where they come from, and the input's cells:
#: *lines* is the line of the first value when each value is one line further
#: on, each value's first line when records span lines, or None when there are
#: no lines to report (arguments, a plain list, a workbook); *cells* holds each
#: record's cells (``--keep-columns``) or is None.
Records = tuple[list[str], dict[int, str] | None, int | list[int] | None, list[list[str]] | None]


class CommandError(Exception):
    """The command cannot go on: a one-line error (a key into the command's texts), exit 2."""

    def __init__(self, key: str, **details: str) -> None:
        super().__init__(key)
        self.key = key
        self.details = details


class LineReader:
    """Split a binary stream into batches of decoded lines.

    Lines end with LF or CRLF (a lone CR is an ordinary byte); a final line
    without a line ending counts.  The input is UTF-8 unless *encoding* names
    another codec; without *encoding*, a byte order mark chooses UTF-8 (the
    mark is dropped), UTF-16 or UTF-32.  A line that cannot be decoded is a
    row of its own with the code ``encoding`` (or ``nul``), and :attr:`guess`
    names the codec that would probably read it (GB18030 or UTF-16), for a
    hint.  :attr:`consumed` counts the bytes read so far (for a progress
    display).
    """

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        *,
        encoding: str | None = None,
        chunk_size: int = CHUNK_SIZE,
        max_line: int = MAX_LINE_BYTES,
    ) -> None:
        # read1 returns what is available instead of waiting for a full chunk,
        # so rows typed or piped in slowly are reported as they arrive.
        self._read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)
        self._chunk_size = chunk_size
        self._max_line = max_line
        self._name = name
        self._encoding = None if encoding is None else codec_name(encoding)
        self.consumed = 0
        #: The codec that probably reads the first undecodable line, if any.
        self.guess: str | None = None
        self._guessing = self._encoding is None  # only UTF-8 read by default gets a hint

    def _next_chunk(self) -> bytes:
        try:
            data = self._read(self._chunk_size)
        except OSError as error:
            raise CommandError("cannot_read", path=self._name, reason=_reason(error)) from None
        self.consumed += len(data)
        return data

    def _chunks(self) -> Iterator[bytes]:
        """Yield the input as UTF-8 bytes (other codecs are decoded and encoded again)."""
        next_chunk = self._next_chunk
        head = b""
        while len(head) < 4 and (data := next_chunk()):
            head += data
        codec = self._encoding
        if codec is None:
            codec = next((name for bom, name in _BOMS if head.startswith(bom)), "utf-8")
        if codec == "utf-8":
            # Read as it is, in blocks: the fast path.
            yield head.removeprefix(_BOM)
            while data := next_chunk():
                yield data
            return
        self._guessing = False
        # Any other codec: undecodable bytes become a lone surrogate, which
        # surrogatepass writes as bytes that are not UTF-8: the line is ``encoding``.
        decoder = codecs.getincrementaldecoder(codec)(errors=_ERRORS)
        text = decoder.decode(head, final=not head).removeprefix("\ufeff")
        while True:
            yield text.encode("utf-8", "surrogatepass")
            if not head:
                return
            head = next_chunk()
            text = decoder.decode(head, final=not head)

    def blocks(self) -> Iterator[bytes | None]:
        """Yield the input as blocks of whole lines, UTF-8, each block ending with LF.

        ``None`` stands for one line longer than the limit, dropped while it
        was read (``too_long``).  A final line without a line ending gets one.
        :meth:`__iter__` decodes these blocks; the vectorised engine reads them
        as bytes and calls :meth:`decode_line` only for the lines it cannot judge.
        """
        max_line = self._max_line
        pending = b""  # the start of a line whose end has not been read yet
        skipping = False  # inside a line already known to be too long
        for chunk in self._chunks():
            data = chunk
            if skipping:
                newline = data.find(b"\n")
                if newline < 0:
                    continue  # drop the middle of the long line
                skipping = False
                yield None
                data = data[newline + 1 :]
            buffer = pending + data if pending else data
            end = buffer.rfind(b"\n") + 1
            if end:
                pending = buffer[end:]
                yield buffer[:end]
            else:
                pending = buffer
            # +1: the pending part may still end with the CR of a CRLF.
            if len(pending) > max_line + 1:
                pending = b""
                skipping = True
        if skipping:
            yield None
        elif pending:
            yield pending + b"\n"

    def __iter__(self) -> Iterator[Batch]:
        max_line = self._max_line
        on_bad = self._on_bad
        for block in self.blocks():
            yield ([""], {0: "too_long"}) if block is None else _split(block, max_line, on_bad)

    @property
    def max_line(self) -> int:
        """The longest line, in bytes, that is read (a longer one is ``too_long``)."""
        return self._max_line

    def decode_line(self, raw: bytes) -> tuple[str, str | None]:
        """Decode one line of a :meth:`blocks` block (CR and LF removed) as :meth:`__iter__` does.

        Return the text and None, or ``""`` and the code of the reason it
        cannot be read (``too_long``, ``encoding``, ``nul``).
        """
        return _decode_line(raw, self._max_line, self._on_bad)

    def _on_bad(self, raw: bytes) -> None:
        if self._guessing and self.guess is None:
            self.guess = guess_encoding(raw)


def codec_name(encoding: str) -> str:
    """Return Python's name for *encoding*, or raise ``bad_encoding`` for an unknown codec.

    >>> codec_name("GBK"), codec_name("utf8"), codec_name("UTF-8-SIG")
    ('gbk', 'utf-8', 'utf-8')
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise CommandError("bad_encoding", encoding=encoding) from None
    if not info._is_text_encoding:  # base64, rot13 ...: bytes to bytes
        raise CommandError("bad_encoding", encoding=encoding)
    # utf-8-sig reads like UTF-8: the reader drops a byte order mark anyway.
    return "utf-8" if info.name == "utf-8-sig" else info.name


def guess_encoding(raw: bytes) -> str | None:
    r"""Name the codec that probably wrote *raw*, a line that is not UTF-8 (or holds a NUL).

    UTF-16 without a byte order mark has a NUL beside every ASCII character;
    GBK and GB18030 text (Excel's "CSV" on Chinese Windows) decodes as GB18030
    and holds Chinese characters.

    >>> guess_encoding("证件号码".encode("gbk")), guess_encoding("id".encode("utf-16-le"))
    ('gb18030', 'utf-16-le')
    >>> guess_encoding("id".encode("utf-16-be"))
    'utf-16-be'
    >>> guess_encoding(b"caf\xe9"), guess_encoding("café".encode("gb18030"))
    (None, None)
    """
    if b"\0" in raw:
        return "utf-16-le" if raw[:1] != b"\0" else "utf-16-be"
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "gb18030" if any("\u4e00" <= char <= "\u9fff" for char in text) else None


def _undecodable(error: UnicodeError) -> tuple[str, int]:
    """Replace undecodable bytes with one lone surrogate (a codecs error handler)."""
    if not isinstance(error, UnicodeDecodeError):  # pragma: no cover - only decoders use it
        raise error
    return "\udc80", error.end


_ERRORS: Final = "permitcheck.undecodable"
codecs.register_error(_ERRORS, _undecodable)


def _reason(error: OSError) -> str:
    """Return the operating system's words for *error* (no path: the caller names it)."""
    return error.strerror or str(error)


def _split(block: bytes, max_line: int, on_bad: Callable[[bytes], None]) -> Batch:
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
        text, code = _decode_line(raw, max_line, on_bad)
        if code is not None:
            bad[index] = code
        lines.append(text)
    return lines, bad or None


def _decode_line(
    raw: bytes, max_line: int, on_bad: Callable[[bytes], None]
) -> tuple[str, str | None]:
    """Decode one line (without its line ending): the text, or ``""`` and why not."""
    if len(raw) > max_line:
        return "", "too_long"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        on_bad(raw)
        return "", "encoding"
    if "\0" in text:
        on_bad(raw)
        return "", "nul"
    return text, None


class CsvColumn:
    """Turn batches of CSV lines into batches of one column's values, record by record.

    The first line is the header; *column* is looked up in it (surrounding
    white space ignored).  Records follow RFC 4180: a quoted field may span
    lines, so a record may too.  A record is bounded: when its quote is still
    open after :data:`MAX_RECORD_LINES` lines or :data:`MAX_RECORD_CHARS`
    characters, or at the end of the input, its first line is reported as
    ``csv`` and reading resumes on the next line, so a broken quote never
    swallows the rows after it.  A record with too few fields is reported as
    ``column``; a blank line gives an empty value.  Each batch says on which
    line each record starts; with *keep*, it also holds every record's cells.
    """

    def __init__(
        self,
        batches: Iterable[Batch],
        column: str,
        delimiter: str = ",",
        *,
        keep: bool = False,
    ) -> None:
        self._batches = batches
        self._column = column
        self._delimiter = delimiter
        self._keep = keep
        #: The header's column names, once read.
        self.header: list[str] = []
        #: The position of the checked column in the header, once read.
        self.index = 0

    def _cells(self, lines: list[str]) -> list[str] | None:
        """Split one record (one or more lines) into cells, or None if it is not valid CSV."""
        if len(lines) == 1 and '"' not in lines[0]:
            # No quotes: splitting on the delimiter is exactly what csv does.
            return lines[0].split(self._delimiter)
        import csv  # noqa: PLC0415 - only quoted records need the csv module

        reader = csv.reader([line + "\n" for line in lines], delimiter=self._delimiter, strict=True)
        try:
            cells = next(reader)
            if next(reader, None) is not None:
                return None  # the lines hold more than one record: a stray quote
        except csv.Error:
            return None
        return cells

    def __iter__(self) -> Iterator[Records]:
        batches = iter(self._batches)
        first = next(batches, None)  # the reader never yields an empty batch
        if first is None:
            raise CommandError("no_header")
        lines, bad = first
        if bad and 0 in bad:
            raise CommandError("bad_header", code=bad[0])
        cells = self._cells(lines[:1])
        if cells is None:
            raise CommandError("bad_header", code="csv")
        self.header = [cell.strip() for cell in cells]
        if self._column not in self.header:
            raise CommandError("no_column", column=self._column, columns=", ".join(self.header))
        self.index = self.header.index(self._column)
        line = 2  # the line number of the batch's first line
        batch: Batch | None = (lines[1:], _shift(bad))
        while batch is not None:
            lines = batch[0]
            records = self._records(lines, dict(batch[1]) if batch[1] else {}, line, batches)
            line += len(lines)  # the batch may have taken lines from the next ones
            yield records
            batch = next(batches, None)

    def _records(
        self, lines: list[str], bad: dict[int, str], first_line: int, batches: Iterator[Batch]
    ) -> Records:
        values: list[str] = []
        codes: dict[int, str] = {}
        starts: list[int] | None = None  # each record's first line, once one spans lines
        kept: list[list[str]] | None = [] if self._keep else None
        index, delimiter = self.index, self._delimiter
        append = values.append
        skip = 0  # lines of the record just read that follow its first line
        for position, line in enumerate(lines):  # lines may grow while this runs
            if skip:
                skip -= 1
                continue
            cells: list[str] | None
            if position in bad:
                cells = None
                codes[len(values)] = bad[position]
            elif not line.strip():
                cells = None  # a blank line: judged as empty downstream
            elif '"' not in line:
                cells = line.split(delimiter)
            else:
                span = self._span(lines, bad, position, batches)
                cells = self._cells(lines[position : position + span]) if span else None
                if cells is None:
                    codes[len(values)] = "csv"
                elif span > 1:
                    skip = span - 1
                    if starts is None:
                        starts = list(range(first_line, first_line + len(values)))
            if starts is not None:
                starts.append(first_line + position)
            if cells is None:
                append("")
            elif index < len(cells):
                append(cells[index])
            else:
                codes[len(values)] = "column"
                append("")
            if kept is not None:
                kept.append(cells or [])
        return values, codes or None, first_line if starts is None else starts, kept

    @staticmethod
    def _span(lines: list[str], bad: dict[int, str], position: int, more: Iterator[Batch]) -> int:
        """Return how many lines the record starting at *position* spans (0: a broken quote).

        A record ends on the line where its double quotes are balanced.  Lines
        are taken from the next batches (added to *lines* and *bad*) as needed.
        """
        quotes = lines[position].count('"')
        size = len(lines[position])
        end = position + 1
        while quotes % 2:
            if end - position >= MAX_RECORD_LINES:
                return 0
            if end == len(lines):
                batch = next(more, None)
                if batch is None:
                    return 0  # the end of the input inside a quoted field
                offset = len(lines)
                lines.extend(batch[0])
                if batch[1]:
                    bad.update({offset + key: code for key, code in batch[1].items()})
                continue
            if end in bad:
                return 0  # an undecodable line cannot be part of a field
            size += len(lines[end]) + 1
            if size > MAX_RECORD_CHARS:
                return 0
            quotes += lines[end].count('"')
            end += 1
        return end - position


def _shift(bad: dict[int, str] | None) -> dict[int, str] | None:
    """Renumber the codes of a batch whose first line (the header) was removed."""
    # The header's own code (index 0) has already been rejected.
    return {index - 1: code for index, code in bad.items()} if bad else None
