"""Fuzz the command's input reader (permitcheck.cli.input): bytes in, one row per line out.

Contract: :class:`LineReader` yields exactly one text row per input line
(LF or CRLF; a final line without an ending counts; a leading UTF-8 BOM is
dropped; a UTF-16 or UTF-32 BOM makes the lines those of the decoded text),
whatever the bytes and the chunk size, and a row it cannot decode
is ``""`` with a code; :class:`CsvColumn` raises nothing but
``CommandError`` (for the header) and gives one value per record (per data
line when no quote makes a record span lines), the records starting on
increasing lines that exist.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _runner import instrumented, main

with instrumented():
    from permitcheck.cli.input import CommandError, CsvColumn, LineReader


_CODES = {"encoding", "nul", "too_long", "csv", "column"}


# Byte order marks the reader goes by (UTF-32 before UTF-16: FF FE 00 00 starts both).
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _expected_lines(data: bytes) -> int:
    """Return how many lines *data* holds (of its text, after a UTF-16 or UTF-32 mark)."""
    codec = next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)
    if codec is not None:
        # Undecodable units never decode to a line feed, whatever replaces them; the
        # codec drops its own mark, the reader one more.
        text = data.decode(codec, "replace").removeprefix("\ufeff")
        return text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def test_one_input(data: bytes) -> None:
    chunk = 1 + (data[0] % 64 if data else 0)
    body = data[1:]
    lines: list[str] = []
    for batch_lines, bad in LineReader(io.BytesIO(body), "fuzz", chunk_size=chunk, max_line=256):
        for index, code in (bad or {}).items():
            assert code in _CODES and batch_lines[index] == "", (code, batch_lines[index])
        lines.extend(batch_lines)
    assert len(lines) == _expected_lines(body), (len(lines), body)
    reader = LineReader(io.BytesIO(body), "fuzz", chunk_size=chunk, max_line=256)
    column = CsvColumn(reader, "id")
    records = 0
    last_start = 1  # the header's line
    try:
        for values, codes, starts, _kept in column:
            # Each record's first line: consecutive lines, unless a record spans several.
            firsts = range(starts, starts + len(values)) if isinstance(starts, int) else starts
            assert len(firsts) == len(values), (starts, len(values))
            for start in firsts:
                assert last_start < start <= len(lines), (last_start, start, len(lines))
                last_start = start
            for position, code in (codes or {}).items():
                assert 0 <= position < len(values) and code in _CODES, (position, code)
            records += len(values)
    except CommandError:
        return
    # One value per record: per data line when no quote lets a record span lines.
    if any('"' in line for line in lines):
        assert records <= len(lines) - 1, (records, len(lines))
    else:
        assert records == len(lines) - 1, (records, len(lines))


if __name__ == "__main__":
    main(test_one_input)
