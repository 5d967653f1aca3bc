"""Fuzz the command's input reader (permitcheck.cli.input): bytes in, one row per line out.

Contract: :class:`LineReader` yields exactly one text row per input line
(LF or CRLF; a final line without an ending counts; a leading UTF-8 BOM is
dropped), whatever the bytes and the chunk size, and a row it cannot decode
is ``""`` with a code; :class:`CsvColumn` raises nothing but
``CommandError`` (for the header) and keeps one value per data line.
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


def _expected_lines(data: bytes) -> int:
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
    try:
        values = [value for batch, _ in column for value in batch]
    except CommandError:
        return
    assert len(values) == len(lines) - 1, (len(values), len(lines))


if __name__ == "__main__":
    main(test_one_input)
