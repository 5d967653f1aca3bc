"""Output for the ``permitcheck`` command: row formatters, masking and the output stream."""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Callable
from typing import IO, Final, Protocol

from permitcheck.cli.input import CommandError
from permitcheck.cli.judge import _PREFIX_REGION, _RESIDENCE, _TRAVEL, _Outcome, _Texts
from permitcheck.messages import MESSAGES
from permitcheck.model import Region
from permitcheck.privacy import mask_compact

# Any decimal digit, full-width and other scripts' too (error messages hide them all).
_ANY_DIGIT: Final = re.compile(r"\d")


def _mask(compact: str, kind: str, valid: bool) -> str:
    """Hide the personal part of *compact*: what stays says only the kind and region.

    The one implementation of :func:`permitcheck.mask` and the value types'
    ``repr()``; the command passes the kind it judged (``--kind`` can differ
    from what :func:`permitcheck.mask` would guess).
    """
    return mask_compact(compact, residence=kind == _RESIDENCE, valid=valid)


# -- output formats ---------------------------------------------------------------

#: Builds the output line of a valid, compact residence permit (the fast path)
#: from the row's number (or label, see :func:`_labeller`) and its text.
_Fast = Callable[[int | str, str], str]


class _Slow(Protocol):
    """Builds the output line of any other row (the slow path).

    *shown* replaces the number as the line would show it (masked unless
    ``--unmasked``) before the format quotes or escapes it: the Polars engine
    reads its line templates off this builder with a placeholder there.
    """

    def __call__(self, row: int | str, outcome: _Outcome, shown: str | None = None) -> str: ...


def _formatters(
    fmt: str, unmasked: bool, texts: _Texts, *, lines: bool = False
) -> tuple[str, _Fast, _Slow]:
    """Return the header, the fast-path and the slow-path line builders for *fmt*.

    Both builders give the same line for the same valid residence permit; the
    fast one is prepared per region prefix, so that it costs a dictionary
    lookup and one f-string per row.
    """
    if fmt == "csv":
        header, fast, slow = _csv_formatters(unmasked)
        # CSV input: each record's first line follows its row number.
        return header.replace("row,", "row,line,") if lines else header, fast, slow
    if fmt == "json":
        return _json_formatters(unmasked)
    return _text_formatters(unmasked, texts)


def _display(outcome: _Outcome, unmasked: bool) -> str:
    valid, kind, _region, compact, _codes = outcome
    return compact if unmasked else _mask(compact, kind, valid)


def _csv_formatters(unmasked: bool) -> tuple[str, _Fast, _Slow]:
    head = {
        prefix: f",true,{_RESIDENCE},{region}," + ("" if unmasked else prefix + "*" * 11)
        for prefix, region in _PREFIX_REGION.items()
    }

    def fast_unmasked(row: int | str, text: str) -> str:
        return f"{row}{head[text[:6]]}{text.upper()},\n"

    def fast_masked(row: int | str, text: str) -> str:
        return f"{row}{head[text[:6]]}{text[17].upper()},\n"

    def slow(row: int | str, outcome: _Outcome, shown: str | None = None) -> str:
        valid, kind, region, compact, codes = outcome
        if shown is None:
            shown = compact if unmasked else _mask(compact, kind, valid)
        # Masked numbers are stars, digits and letters: only raw input needs quoting.
        number = _csv_cell(shown) if unmasked else shown
        return f"{row},{'true' if valid else 'false'},{kind},{region},{number},{';'.join(codes)}\n"

    header = "row,valid,kind,region,number,errors\n"
    return header, fast_unmasked if unmasked else fast_masked, slow


def _json_formatters(unmasked: bool) -> tuple[str, _Fast, _Slow]:
    head = {
        prefix: f',"valid":true,"kind":"{_RESIDENCE}","region":"{region}","number":"'
        + ("" if unmasked else prefix + "*" * 11)
        for prefix, region in _PREFIX_REGION.items()
    }

    def fast_unmasked(row: int | str, text: str) -> str:
        return f'{{"row":{row}{head[text[:6]]}{text.upper()}","errors":[]}}\n'

    def fast_masked(row: int | str, text: str) -> str:
        return f'{{"row":{row}{head[text[:6]]}{text[17].upper()}","errors":[]}}\n'

    def slow(row: int | str, outcome: _Outcome, shown: str | None = None) -> str:
        valid, kind, region, compact, codes = outcome
        if shown is None and compact:
            shown = _display(outcome, unmasked)
        record = {
            "valid": valid,
            "kind": kind or None,
            "region": region or None,
            "number": shown if compact else None,
            "errors": list(codes),
        }
        rest = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return f'{{"row":{row},{rest[1:]}\n'

    return "", fast_unmasked if unmasked else fast_masked, slow


def _text_formatters(unmasked: bool, texts: _Texts) -> tuple[str, _Fast, _Slow]:
    kind_word = {kind: texts[f"kind:{kind}"] for kind in _KINDS}
    region_word = {region.value: texts[f"region:{region.value}"] for region in Region}
    valid_word, invalid_word = texts["valid"], texts["invalid"]
    what_format = texts["kind_region"]
    language = texts["language"]
    tail = {
        prefix: f"  {valid_word}  "
        + what_format.format(kind=kind_word[_RESIDENCE], region=region_word[region])
        + "\n"
        for prefix, region in _PREFIX_REGION.items()
    }
    masked = {prefix: prefix + "*" * 11 for prefix in _PREFIX_REGION}

    def fast_unmasked(row: int | str, text: str) -> str:
        return f"{row}  {text.upper()}{tail[text[:6]]}"

    def fast_masked(row: int | str, text: str) -> str:
        prefix = text[:6]
        return f"{row}  {masked[prefix]}{text[17].upper()}{tail[prefix]}"

    def slow(row: int | str, outcome: _Outcome, shown: str | None = None) -> str:
        valid, kind, region, compact, codes = outcome
        if shown is None and compact:
            shown = _display(outcome, unmasked)
        number = _printable(shown) if shown is not None and compact else texts["no_number"]
        number = _pad(number, 18)  # align with the residence permits
        if region:
            what = what_format.format(kind=kind_word[kind], region=region_word[region])
        else:
            what = kind_word.get(kind, "")
        if valid:
            return f"{row}  {number}  {valid_word}  {what}\n"
        problems = " ".join(f"[{code}] {MESSAGES[code][language]}" for code in codes)
        return f"{row}  {number}  {invalid_word}  {what + '  ' if what else ''}{problems}\n"

    return "", fast_unmasked if unmasked else fast_masked, slow


def _labeller(fmt: str, texts: _Texts) -> Callable[[int, int], str]:
    """Return what stands for the row number when the input is CSV: the row and its line.

    Rows are numbered by record, the header being row 1 (as a spreadsheet
    numbers them); a record that spans lines moves the line numbers on.
    """
    if fmt == "csv":
        return "{},{}".format  # a bound method: cheaper per row than a lambda
    if fmt == "json":
        return '{},"line":{}'.format
    at_line = texts["at_line"]
    return lambda row, line: str(row) if row == line else f"{row} {at_line.format(line=line)}"


#: Builds the kept input columns of one row from its cells, its outcome and its result line.
_Keep = Callable[[list[str], _Outcome, str], str]


def _keeper(fmt: str, header: list[str], index: int, unmasked: bool) -> tuple[str, _Keep]:
    """Return the header and the line builder of ``--keep-columns`` output.

    Every input column comes first, then the result columns.  The checked
    column holds the number as the result shows it (masked unless
    *unmasked*); a short record gets empty cells, and cells beyond the
    header's width are left out.  JSON output puts the input columns in an
    ``"input"`` object, keyed by the header's names.
    """
    width = len(header)

    def cells_of(cells: list[str], outcome: _Outcome) -> list[str]:
        kept = (cells + [""] * width)[:width]
        if not unmasked and cells:
            kept[index] = _display(outcome, unmasked) if outcome[3] else ""
        return kept

    if fmt == "csv":

        def keep_csv(cells: list[str], outcome: _Outcome, line: str) -> str:
            return ",".join(_csv_cell(cell) for cell in cells_of(cells, outcome)) + "," + line

        return ",".join(_csv_cell(name) for name in header) + ",", keep_csv

    def keep_json(cells: list[str], outcome: _Outcome, line: str) -> str:
        kept = json.dumps(
            dict(zip(header, cells_of(cells, outcome), strict=True)),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return f'{{"input":{kept},{line[1:]}'

    return "", keep_json


_KINDS: Final = (
    _RESIDENCE,
    "home_return",
    "home_return_non_chinese",
    "taiwan_compatriot",
    _TRAVEL,
)


def _csv_cell(value: str) -> str:
    """Quote *value* for CSV when needed, and defuse spreadsheet formulas.

    Only ``--unmasked`` output of invalid input can need this: masked numbers
    are stars, digits and letters.
    """
    value = _defuse_formula(value)
    if any(char in value for char in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def _defuse_formula(value: str) -> str:
    """Put ``'`` before a value a spreadsheet would run as a formula (OWASP CSV injection).

    >>> _defuse_formula("=HYPERLINK(1)"), _defuse_formula("H10387877")
    ("'=HYPERLINK(1)", 'H10387877')
    """
    if value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a leading quote stops formula execution
    return value


def _pad(text: str, width: int) -> str:
    """Left-justify *text* to *width* terminal columns (CJK characters take two)."""
    if text.isascii():
        return text.ljust(width)
    from unicodedata import east_asian_width  # noqa: PLC0415

    columns = sum(2 if east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * (width - columns)


def _printable(value: str) -> str:
    """Escape control characters, so unmasked junk cannot drive the terminal."""
    if value.isprintable():
        return value
    return value.encode("unicode_escape").decode("ascii")


# -- output and progress --------------------------------------------------------


class _Output:
    """UTF-8 output written in batches, flushed after each one."""

    def __init__(self, stream: IO[str] | None) -> None:
        # None: standard output is closed (``>&-``); the first write reports it.
        self._stream = stream
        self._buffer: IO[bytes] | None = getattr(stream, "buffer", None)

    def write(self, text: str) -> None:
        self.write_bytes(text.encode("utf-8"))

    def write_bytes(self, data: bytes | memoryview) -> None:
        """Write *data*, UTF-8 text, and flush."""
        if self._stream is None:
            raise CommandError("cannot_write", reason=os.strerror(errno.EBADF))
        try:
            if self._buffer is not None:
                self._buffer.write(data)
                self._buffer.flush()
            else:
                self._stream.write(bytes(data).decode("utf-8"))
                self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CommandError("cannot_write", reason=error.strerror or str(error)) from None


def _hide_digits(text: str) -> str:
    """Show every digit of *text* as ``*``: error messages never repeat a number.

    >>> _hide_digits("invalid choice: 'H10387877'")
    "invalid choice: 'H********'"
    """
    return _ANY_DIGIT.sub("*", text)


def _stderr(text: str) -> None:
    """Write *text* to standard error, or nowhere when it is closed (``2>&-``)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text)
        stream.flush()
    except OSError:  # a full disk or a closed pipe: messages are not worth failing for
        pass


def _stderr_is_terminal() -> bool:
    """Tell whether standard error is a terminal (a closed one is not)."""
    return sys.stderr is not None and sys.stderr.isatty()
