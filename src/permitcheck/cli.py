"""The ``permitcheck`` command: check numbers and whole files, in the user's language.

``permitcheck check`` judges numbers given as arguments or read from a file
(one per line, or one column of a CSV file) and writes one result per input
row; ``explain`` breaks one number into its parts and rules; ``link`` judges
a residence permit and a travel permit as one person's; ``generate`` writes
seeded synthetic numbers.  Numbers are masked in the output unless
``--unmasked`` is given.  The exit status is 0 when every number is valid,
1 when any is invalid and 2 for a usage or I/O error.  See docs/cli.md.

>>> main(["check", "--quiet", "810000199408230021", "810000199408230022"])
1  810000***********1  valid  residence permit, Hong Kong
2  810000***********2  invalid  residence permit, Hong Kong  [checksum] The check character ...
1
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, BinaryIO, Final, NoReturn

from permitcheck import __version__
from permitcheck._cli_input import CommandError, CsvColumn, LineReader
from permitcheck._cli_text import TEXT, language_from_environment
from permitcheck._normalize import fold
from permitcheck.errors import PermitError
from permitcheck.messages import LANGUAGES, MESSAGES
from permitcheck.model import Region, Sex, TravelPermitKind
from permitcheck.residence import calc_check_digit, check, is_valid
from permitcheck.travel import parse_travel_permit

if TYPE_CHECKING:
    from datetime import date

    from permitcheck._cli_input import Batch
    from permitcheck.generate import PermitGenerator

__all__ = ["main"]

#: Exit statuses: every number valid, some number invalid, usage or I/O error.
EXIT_VALID: Final = 0
EXIT_INVALID: Final = 1
EXIT_ERROR: Final = 2

_RESIDENCE: Final = "residence_permit"
_TRAVEL: Final = "travel_permit"
_PREFIX_REGION: Final = {region.prefix: region.value for region in Region}
_CHECK_CHARACTERS: Final = frozenset("0123456789X")
# Inputs with at least this many rows show a progress line on a terminal.
_PROGRESS_ROWS: Final = 100_000
_STARS: Final = 20  # at most this many masking stars, then an ellipsis
# Any decimal digit, full-width and other scripts' too (error messages hide them all).
_ANY_DIGIT: Final = re.compile(r"\d")

# One judged row: valid, kind, region, compact number, error codes.
_Outcome = tuple[bool, str, str, str, tuple[str, ...]]
_Texts = Mapping[str, str]


# -- judging one row ------------------------------------------------------------


def _detect(compact: str) -> str:
    """Return the document a compact, non-empty number is meant to be.

    Travel permit numbers have 8 to 13 characters and residence permit
    numbers 18, so anything shorter than 14 characters, or starting with a
    home-return permit's ``H`` or ``M``, is judged as a travel permit.
    """
    return "travel" if len(compact) < 14 or compact[0] in "HM" else "residence"


def _judge(text: str, code: str | None, kind: str) -> _Outcome:
    """Judge one row that missed the residence fast path (the slow path)."""
    if code is not None:
        return False, "", "", "", (code,)
    compact = fold(text)
    if not compact:
        return False, "", "", "", ("empty",)
    if kind == "auto":
        kind = _detect(compact)
    if kind == "residence":
        region = _PREFIX_REGION.get(compact[:6], "")
        result = check(compact)
        codes = tuple(problem.code for problem in result.problems)
        return result.valid, _RESIDENCE, region, compact, codes
    return _judge_travel(compact)


def _judge_travel(compact: str) -> _Outcome:
    try:
        permit = parse_travel_permit(compact)
    except PermitError as error:
        return False, _TRAVEL, "", compact, (error.code,)
    return True, permit.kind.value, permit.region.value, compact, ()


def _undecodable(text: str) -> bool:
    """Tell whether *text*, an argument, holds bytes that are not UTF-8.

    Python passes such bytes on as lone surrogates (``surrogateescape``);
    they cannot be written out, so the row is reported as ``encoding``, as
    the same bytes read from a file are.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _stars(count: int) -> str:
    return "*" * count if count <= _STARS else "*" * _STARS + "…"


def _mask(compact: str, kind: str, valid: bool) -> str:
    """Hide the personal part of *compact*: what stays says only the kind and region.

    A residence permit keeps its region prefix and check character (as
    ``repr`` of a :class:`~permitcheck.ResidencePermit` does); a valid travel
    permit keeps its letters and office code; anything else is all stars.
    """
    if kind == _RESIDENCE:
        shown = compact[:6] if compact[:6] in _PREFIX_REGION else ""
        tail = compact[17] if len(compact) == 18 and compact[17] in _CHECK_CHARACTERS else ""
        return shown + _stars(len(compact) - len(shown) - len(tail)) + tail
    if valid:
        return _hide_digits(compact)
    return _stars(len(compact))


# -- output formats ---------------------------------------------------------------

#: Builds the output line of a valid, compact residence permit (the fast path).
_Fast = Callable[[int, str], str]
#: Builds the output line of any other row (the slow path).
_Slow = Callable[[int, _Outcome], str]


def _formatters(fmt: str, unmasked: bool, texts: _Texts) -> tuple[str, _Fast, _Slow]:
    """Return the header, the fast-path and the slow-path line builders for *fmt*.

    Both builders give the same line for the same valid residence permit; the
    fast one is prepared per region prefix, so that it costs a dictionary
    lookup and one f-string per row.
    """
    if fmt == "csv":
        return _csv_formatters(unmasked)
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

    def fast_unmasked(row: int, text: str) -> str:
        return f"{row}{head[text[:6]]}{text.upper()},\n"

    def fast_masked(row: int, text: str) -> str:
        return f"{row}{head[text[:6]]}{text[17].upper()},\n"

    def slow(row: int, outcome: _Outcome) -> str:
        valid, kind, region, compact, codes = outcome
        # Masked numbers are stars, digits and letters: only raw input needs quoting.
        number = _csv_cell(compact) if unmasked else _mask(compact, kind, valid)
        return f"{row},{'true' if valid else 'false'},{kind},{region},{number},{';'.join(codes)}\n"

    header = "row,valid,kind,region,number,errors\n"
    return header, fast_unmasked if unmasked else fast_masked, slow


def _json_formatters(unmasked: bool) -> tuple[str, _Fast, _Slow]:
    head = {
        prefix: f',"valid":true,"kind":"{_RESIDENCE}","region":"{region}","number":"'
        + ("" if unmasked else prefix + "*" * 11)
        for prefix, region in _PREFIX_REGION.items()
    }

    def fast_unmasked(row: int, text: str) -> str:
        return f'{{"row":{row}{head[text[:6]]}{text.upper()}","errors":[]}}\n'

    def fast_masked(row: int, text: str) -> str:
        return f'{{"row":{row}{head[text[:6]]}{text[17].upper()}","errors":[]}}\n'

    def slow(row: int, outcome: _Outcome) -> str:
        valid, kind, region, compact, codes = outcome
        record = {
            "row": row,
            "valid": valid,
            "kind": kind or None,
            "region": region or None,
            "number": _display(outcome, unmasked) if compact else None,
            "errors": list(codes),
        }
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"

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

    def fast_unmasked(row: int, text: str) -> str:
        return f"{row}  {text.upper()}{tail[text[:6]]}"

    def fast_masked(row: int, text: str) -> str:
        prefix = text[:6]
        return f"{row}  {masked[prefix]}{text[17].upper()}{tail[prefix]}"

    def slow(row: int, outcome: _Outcome) -> str:
        valid, kind, region, compact, codes = outcome
        number = _printable(_display(outcome, unmasked)) if compact else texts["no_number"]
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
    if value[:1] in ("=", "+", "-", "@"):
        value = "'" + value  # OWASP: a leading quote stops formula execution
    if any(char in value for char in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
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

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._buffer: IO[bytes] | None = getattr(stream, "buffer", None)

    def write(self, text: str) -> None:
        try:
            if self._buffer is not None:
                self._buffer.write(text.encode("utf-8"))
                self._buffer.flush()
            else:
                self._stream.write(text)
                self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CommandError("cannot_write", reason=error.strerror or str(error)) from None


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
    checker = _Checker(
        options.kind,
        _formatters(options.format, options.unmasked, texts),
        output.write,
        progress.update if show_progress else _no_progress,
    )
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


# -- the explain command -------------------------------------------------------------

_RESIDENCE_RULES: Final = ("length", "characters", "region", "birth_date", "checksum")
_TRAVEL_RULES: Final = ("travel_length", "travel_characters", "travel_format")
# A rule's status by its place relative to the first failed rule: before, at, after.
_STATUS: Final = {-1: "passed", 0: "failed", 1: "not_checked"}


def _rule(code: str, status: str, texts: _Texts) -> dict[str, str]:
    return {"code": code, "status": status, "rule": texts[f"rule:{code}"]}


def _part(positions: str, name: str, value: str, meaning: str) -> dict[str, str]:
    return {"positions": positions, "name": name, "value": value, "meaning": meaning}


def _explain_residence(compact: str, unmasked: bool, texts: _Texts) -> dict[str, object]:
    result = check(compact)
    failed = {problem.code for problem in result.problems}
    # check() judges region, birth date and checksum only once length and
    # characters are right; it judges characters even when the length is wrong.
    shape_ok = not failed & {"length", "characters"}
    rules = [
        _rule(
            code,
            "failed" if code in failed else "passed" if shape_ok or index < 2 else "not_checked",
            texts,
        )
        for index, code in enumerate(_RESIDENCE_RULES)
    ]
    parts = []
    region = _PREFIX_REGION.get(compact[:6], "")
    if shape_ok:
        hidden = texts["hidden"]
        date_ok = "birth_date" not in failed
        if unmasked:
            ymd = compact[6:14]
            date_meaning = f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}" if date_ok else texts["not_a_date"]
            sex = texts["male"] if int(compact[16]) % 2 else texts["female"]
        else:
            date_meaning = sex = hidden
        expected = calc_check_digit(compact[:17])
        parts = [
            # Another address code (a mainland one, say) is personal: masked like the rest.
            _part(
                "1-6",
                "address_code",
                compact[:6] if unmasked or region else "*" * 6,
                texts[f"region:{region}"] if region else texts["not_a_region"],
            ),
            _part("7-14", "birth_date", compact[6:14] if unmasked else "*" * 8, date_meaning),
            _part("15-17", "sequence", compact[14:17] if unmasked else "***", sex),
            _part(
                "18",
                "check_character",
                compact[17],
                texts["check_matches"]
                if expected == compact[17]
                else texts["check_expected"].format(expected=expected),
            ),
        ]
    return {
        "kind": _RESIDENCE,
        "valid": result.valid,
        "region": region or None,
        "number": compact if unmasked else _mask(compact, _RESIDENCE, result.valid),
        "parts": parts,
        "rules": rules,
    }


def _explain_travel(compact: str, unmasked: bool, texts: _Texts) -> dict[str, object]:
    try:
        permit = parse_travel_permit(compact)
    except PermitError as error:
        failed_at = _TRAVEL_RULES.index(error.code)
        rules = [
            _rule(
                code,
                _STATUS[(index > failed_at) - (index < failed_at)],
                texts,
            )
            for index, code in enumerate(_TRAVEL_RULES)
        ]
        return {
            "kind": _TRAVEL,
            "valid": False,
            "region": None,
            "number": compact if unmasked else _mask(compact, _TRAVEL, False),
            "parts": [],
            "rules": rules,
        }
    kind = permit.kind.value
    number = compact if unmasked else _mask(compact, kind, True)
    hidden = texts["hidden"]
    lifelong = number[: len(permit.lifelong_number)]
    parts = []
    if kind == "taiwan_compatriot":
        parts.append(_part("1-8", "lifelong_number", lifelong, texts["lifelong"]))
        if permit.renewal_count is not None:
            count = compact[8:10]
            parts.append(
                _part(
                    "9-10",
                    "issue_count",
                    count if unmasked else "**",
                    texts["issues"].format(count=count) if unmasked else hidden,
                )
            )
        if permit.issuing_office is not None:
            office = permit.issuing_office
            parts.append(
                _part(
                    "11-13",
                    "issuing_office",
                    f"({office})",
                    texts["office"].format(office=office),
                )
            )
    else:
        letters = compact[:2] if kind == "home_return_non_chinese" else compact[:1]
        parts.append(
            _part(
                "1" if len(letters) == 1 else "1-2",
                "letter",
                letters,
                texts[f"letter:{letters}"],
            )
        )
        parts.append(_part("1-9", "lifelong_number", lifelong, texts["lifelong"]))
        if permit.renewal_count is not None:
            count = compact[9:11]
            parts.append(
                _part(
                    "10-11",
                    "renewal_count",
                    count if unmasked else "**",
                    texts["renewals"].format(count=count) if unmasked else hidden,
                )
            )
    return {
        "kind": kind,
        "valid": True,
        "region": permit.region.value,
        "number": number,
        "parts": parts,
        "rules": [_rule(code, "passed", texts) for code in _TRAVEL_RULES],
    }


def _explain_undecodable(texts: _Texts) -> dict[str, object]:
    """Explain an argument that is not UTF-8: no number, one failed rule."""
    return {
        "kind": None,
        "valid": False,
        "region": None,
        "number": None,
        "parts": [],
        "rules": [_rule("encoding", "failed", texts)],
    }


def _run_explain(options: argparse.Namespace, texts: _Texts) -> int:
    compact = fold(options.number)
    kind = options.kind
    if kind == "auto":
        kind = _detect(compact) if compact else "residence"
    if _undecodable(options.number):
        explanation = _explain_undecodable(texts)
    elif kind == "residence":
        explanation = _explain_residence(compact, options.unmasked, texts)
    else:
        explanation = _explain_travel(compact, options.unmasked, texts)
    output = _Output(sys.stdout)
    if options.format == "json":
        output.write(json.dumps(explanation, ensure_ascii=False, indent=2) + "\n")
    elif options.format == "csv":
        output.write(_explanation_csv(explanation, texts))
    else:
        output.write(_explanation_text(explanation, texts))
    return EXIT_VALID if explanation["valid"] else EXIT_INVALID


def _explanation_text(explanation: Mapping[str, object], texts: _Texts) -> str:
    kind = explanation["kind"]
    region = explanation["region"]
    verdict = texts["valid"] if explanation["valid"] else texts["invalid"]
    number = _printable(str(explanation["number"] or "")) or texts["no_number"]
    if kind is None:  # an argument that is not UTF-8: no kind to name
        lines = [texts["explain_title_unknown"].format(number=number, verdict=verdict)]
    else:
        what = texts[f"kind:{kind}"]
        if region:
            what = texts["kind_region"].format(kind=what, region=texts[f"region:{region}"])
        lines = [texts["explain_title"].format(number=number, verdict=verdict, what=what)]
    parts: list[dict[str, str]] = explanation["parts"]  # type: ignore[assignment]
    if parts:
        lines.append(texts["parts"])
        positions = max(len(part["positions"]) for part in parts)
        values = max(len(part["value"]) for part in parts)
        for part in parts:
            name = texts[f"part:{part['name']}"]
            label = texts["label"].format(name=name, text=part["meaning"])
            lines.append(f"  {part['positions']:<{positions}}  {part['value']:<{values}}  {label}")
    rules: list[dict[str, str]] = explanation["rules"]  # type: ignore[assignment]
    lines.append(texts["rules"])
    status_width = max(len(texts[rule["status"]]) for rule in rules)
    for rule in rules:
        label = texts["label"].format(name=rule["code"], text=rule["rule"])
        lines.append(f"  {texts[rule['status']]:<{status_width}}  {label}")
    return "\n".join(lines) + "\n"


def _explanation_csv(explanation: Mapping[str, object], texts: _Texts) -> str:
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "name", "positions", "value", "status", "text"])
    verdict = "valid" if explanation["valid"] else "invalid"
    writer.writerow(
        ["number", explanation["kind"], "", explanation["number"], verdict, explanation["region"]]
    )
    parts: list[dict[str, str]] = explanation["parts"]  # type: ignore[assignment]
    for part in parts:
        writer.writerow(
            ["part", part["name"], part["positions"], part["value"], "", part["meaning"]]
        )
    rules: list[dict[str, str]] = explanation["rules"]  # type: ignore[assignment]
    for rule in rules:
        writer.writerow(["rule", rule["code"], "", "", rule["status"], rule["rule"]])
    return buffer.getvalue()


# -- the link command -----------------------------------------------------------------


def _document_problems(residence: str, travel: str) -> tuple[_Outcome, _Outcome]:
    """Judge both documents on their own, reporting every problem of each."""
    residence_outcome = _judge(
        residence, "encoding" if _undecodable(residence) else None, "residence"
    )
    travel_outcome = _judge(travel, "encoding" if _undecodable(travel) else None, "travel")
    return residence_outcome, travel_outcome


def _link_problems(options: argparse.Namespace) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the link's (warnings, errors) for two valid documents.

    Each optional card check is made on its own, so a wrong birth date and a
    wrong sex are both reported.
    """
    from permitcheck.errors import LinkError  # noqa: PLC0415
    from permitcheck.linking import link  # noqa: PLC0415

    try:
        pair = link(options.residence, options.travel)
    except LinkError as error:
        return (), (error.code,)
    errors = []
    if options.birth_date is not None:
        try:
            link(pair.residence_permit, pair.travel_permit, birth_date=options.birth_date)
        except LinkError as error:
            errors.append(error.code)
    if options.sex is not None:
        try:
            link(pair.residence_permit, pair.travel_permit, sex=Sex(options.sex))
        except LinkError as error:
            errors.append(error.code)
    return pair.warnings, tuple(errors)


def _run_link(options: argparse.Namespace, texts: _Texts) -> int:
    residence, travel = _document_problems(options.residence, options.travel)
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    if residence[0] and travel[0]:
        warnings, errors = _link_problems(options)
    linked = residence[0] and travel[0] and not errors
    unmasked = options.unmasked
    documents = [
        {
            "number": _display(outcome, unmasked) if outcome[3] else None,
            "valid": outcome[0],
            "kind": outcome[1] or None,
            "region": outcome[2] or None,
            "errors": list(outcome[4]),
        }
        for outcome in (residence, travel)
    ]
    report = {
        "linked": linked,
        "residence_permit": documents[0],
        "travel_permit": documents[1],
        "warnings": list(warnings),
        "errors": list(errors),
    }
    output = _Output(sys.stdout)
    if options.format == "json":
        output.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif options.format == "csv":
        output.write(_link_csv(report))
    else:
        output.write(_link_text(residence, travel, report, unmasked, texts))
    return EXIT_VALID if linked else EXIT_INVALID


def _link_csv(report: Mapping[str, object]) -> str:
    documents: list[dict[str, object]] = [
        report["residence_permit"],  # type: ignore[list-item]
        report["travel_permit"],  # type: ignore[list-item]
    ]
    codes: list[str] = []
    for document in documents:
        codes.extend(document["errors"])  # type: ignore[arg-type]
    codes.extend(report["errors"])  # type: ignore[arg-type]
    cells = ["true" if report["linked"] else "false"]
    for document in documents:
        cells += [_csv_cell(str(document["number"] or "")), str(document["kind"] or "")]
        cells.append(str(document["region"] or ""))
    cells += [";".join(report["warnings"]), ";".join(codes)]  # type: ignore[arg-type]
    header = (
        "linked,residence_permit,residence_kind,residence_region,"
        "travel_permit,travel_kind,travel_region,warnings,errors\n"
    )
    return header + ",".join(cells) + "\n"


def _link_text(
    residence: _Outcome,
    travel: _Outcome,
    report: Mapping[str, object],
    unmasked: bool,
    texts: _Texts,
) -> str:
    slow = _text_formatters(unmasked, texts)[2]
    # The check command's line for each document, without its row number.
    lines = [slow(0, outcome).partition("  ")[2] for outcome in (residence, travel)]
    language = texts["language"]
    lines.append((texts["linked"] if report["linked"] else texts["not_linked"]) + "\n")
    for heading, codes in (("warnings", report["warnings"]), ("errors", report["errors"])):
        if codes:
            lines.append(texts[heading] + "\n")
            lines.extend(f"  [{code}] {MESSAGES[code][language]}\n" for code in codes)  # type: ignore[attr-defined]
    return "".join(lines)


# -- the generate command --------------------------------------------------------------

_GENERATE_KINDS: Final = (
    "residence",
    "home_return",
    "home_return_non_chinese",
    "taiwan_compatriot",
)
_LETTER_REGION: Final = {"H": "HK", "M": "MO"}
_GENERATE_BATCH: Final = 10_000  # lines written at once
_KIND_REGIONS: Final = {
    "residence": ("HK", "MO", "TW"),
    "home_return": ("HK", "MO"),
    "home_return_non_chinese": ("HK", "MO"),
    "taiwan_compatriot": ("TW",),
}


def _travel_number(
    generator: PermitGenerator, kind: str, regions: Sequence[str], form: str | None
) -> str:
    """Draw a travel permit number of *kind* whose letter names one of *regions*."""
    kinds = [TravelPermitKind(kind)]
    legacy = None if form is None else form == "legacy"
    while True:  # the generator draws H or M evenly: one more draw at most half the time
        number = generator.travel_permit_number(kinds=kinds, legacy=legacy)
        if _LETTER_REGION.get(number[0], "TW") in regions:
            return number


def _generate_options(options: argparse.Namespace) -> list[str]:
    """Check the combination of options; return the regions to draw from."""
    from permitcheck._synth import EARLIEST, today  # noqa: PLC0415

    kind = options.kind
    allowed = _KIND_REGIONS[kind]
    regions: list[str] = options.region or list(allowed)
    if not set(regions) <= set(allowed):
        raise CommandError("region_kind")
    residence_only = (options.sex, options.min_birth_date, options.max_birth_date, options.invalid)
    if kind != "residence" and any(value is not None for value in residence_only):
        raise CommandError("residence_only")
    if options.form is not None and kind == "residence":
        raise CommandError("travel_only")
    if options.form == "legacy" and kind == "home_return_non_chinese":
        raise CommandError("no_legacy")
    if options.invalid is not None and (
        options.region or any(value is not None for value in residence_only[:3])
    ):
        raise CommandError("invalid_alone")
    low = options.min_birth_date or EARLIEST
    high = options.max_birth_date or today()
    if not EARLIEST <= low <= high <= today():
        raise CommandError("bad_birth_dates")
    if options.count < 0:
        raise CommandError("bad_count")
    return regions


def _run_generate(options: argparse.Namespace, texts: _Texts) -> int:
    from permitcheck.generate import PermitGenerator  # noqa: PLC0415

    regions = _generate_options(options)
    seed: str | None = options.seed
    # As bytes: Random seeds a str with its UTF-8 bytes, and an argument that is
    # not UTF-8 (lone surrogates) has no UTF-8 form but has its own bytes.
    generator = PermitGenerator(None if seed is None else seed.encode("utf-8", "surrogateescape"))
    kind = options.kind
    output = _Output(sys.stdout)
    lines = ["number,kind,region,errors\n"] if options.format == "csv" else []
    for _ in range(options.count):
        if kind != "residence":
            number = _travel_number(generator, kind, regions, options.form)
        elif options.invalid is not None:
            number = generator.invalid_residence_permit_number(codes=options.invalid)
        else:
            number = generator.residence_permit_number(
                regions=[Region(region) for region in regions],
                sex=None if options.sex is None else Sex(options.sex),
                min_birth_date=options.min_birth_date,
                max_birth_date=options.max_birth_date,
            )
        lines.append(_generated_line(number, kind, options.format))
        if len(lines) >= _GENERATE_BATCH:  # memory stays flat, whatever the count
            output.write("".join(lines))
            lines.clear()
    output.write("".join(lines))
    return EXIT_VALID


def _generated_line(number: str, kind: str, fmt: str) -> str:
    """Return the output line of a generated *number* of *kind* in the format *fmt*."""
    if fmt == "text":
        return number + "\n"
    # Each number is judged by the checker itself: kind, region, error codes.
    _valid, judged_kind, region, _compact, codes = _judge(
        number, None, "residence" if kind == "residence" else "travel"
    )
    if fmt == "csv":
        return f"{number},{judged_kind},{region},{';'.join(codes)}\n"
    record = {"number": number, "kind": judged_kind, "region": region or None}
    record["errors"] = list(codes)  # type: ignore[assignment]
    return json.dumps(record, separators=(",", ":")) + "\n"


# -- argument parsing and main ---------------------------------------------------------


class _UsageError(Exception):
    """A command-line mistake found by argparse (exit status 2)."""


def _hide_digits(text: str) -> str:
    """Show every digit of *text* as ``*``: error messages never repeat a number.

    >>> _hide_digits("invalid choice: 'H10387877'")
    "invalid choice: 'H********'"
    """
    return _ANY_DIGIT.sub("*", text)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and do not exit the process.

    The message hides every digit: argparse quotes the values it rejects, and
    a value may be a number (the command's own words have no digits).
    """

    def error(self, message: str) -> NoReturn:
        message = _hide_digits(message)
        raise _UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="permitcheck",
        description=(
            "Check the identity numbers Hong Kong, Macao and Taiwan residents use in mainland"
            " China: residence permits and travel permits."
        ),
        epilog="Exit status: 0 all valid, 1 any invalid, 2 usage or I/O error.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"permitcheck {__version__}")
    language_help = "language of messages (default: from LC_ALL, LC_MESSAGES or LANG)"
    parser.add_argument("--lang", choices=LANGUAGES, help=language_help)
    common = _Parser(add_help=False)
    # SUPPRESS: the subcommand's --lang only overrides the global one when given.
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=language_help)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    kind_help = "judge as this document (default: auto-detect from the number's shape)"
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
        "--kind", choices=("auto", "residence", "travel"), default="auto", help=kind_help
    )
    check_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    check_parser.add_argument(
        "--unmasked", action="store_true", help="print numbers in full (they are personal data)"
    )
    check_parser.add_argument(
        "-q", "--quiet", action="store_true", help="no summary, note or progress line on stderr"
    )
    check_parser.set_defaults(run=_run_check)

    explain_parser = commands.add_parser(
        "explain",
        parents=[common],
        allow_abbrev=False,
        help="explain one number part by part, rule by rule",
        description="Break NUMBER into its parts and show each rule passed or failed.",
        epilog="Exit status: 0 valid, 1 invalid, 2 usage error.",
    )
    explain_parser.add_argument("number", metavar="NUMBER")
    explain_parser.add_argument(
        "--kind", choices=("auto", "residence", "travel"), default="auto", help=kind_help
    )
    explain_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    explain_parser.add_argument(
        "--unmasked",
        action="store_true",
        help="show the birth date, sequence and every digit (personal data)",
    )
    explain_parser.set_defaults(run=_run_explain)

    link_parser = commands.add_parser(
        "link",
        parents=[common],
        allow_abbrev=False,
        help="check that a residence permit and a travel permit can belong to one person",
        description=(
            "Judge RESIDENCE (a residence permit number) and TRAVEL (the travel permit number"
            " printed on the card), then the rules that link them. Prints the verdict,"
            " warnings and errors."
        ),
        epilog="Exit status: 0 linked (warnings allowed), 1 not linked, 2 usage error.",
    )
    link_parser.add_argument("residence", metavar="RESIDENCE")
    link_parser.add_argument("travel", metavar="TRAVEL")
    link_parser.add_argument(
        "--birth-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the birth date printed on the travel permit card, to cross-check",
    )
    link_parser.add_argument(
        "--sex", choices=("M", "F"), help="the sex printed on the travel permit card (M or F)"
    )
    link_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    link_parser.add_argument(
        "--unmasked", action="store_true", help="print numbers in full (they are personal data)"
    )
    link_parser.set_defaults(run=_run_link)

    generate_parser = commands.add_parser(
        "generate",
        parents=[common],
        allow_abbrev=False,
        help="write seeded, synthetic numbers for tests and demos",
        description=(
            "Write COUNT synthetic numbers of one kind, one per line (or as JSON Lines or"
            " CSV, with the checker's verdict). The same --seed gives the same numbers."
            " The numbers come from permitcheck.generate.PermitGenerator;"
            " --invalid makes near misses that fail with exactly one of the given codes."
            " Generated numbers are not personal data and are never masked."
        ),
        epilog="Exit status: 0 done, 2 usage error.",
    )
    generate_parser.add_argument(
        "-n", "--count", type=int, default=10, metavar="COUNT", help="how many (default: 10)"
    )
    generate_parser.add_argument(
        "--seed", help="any string; the same seed gives the same numbers (default: random)"
    )
    generate_parser.add_argument(
        "--kind", choices=_GENERATE_KINDS, default="residence", help="document (default: residence)"
    )
    generate_parser.add_argument(
        "--region",
        choices=("HK", "MO", "TW"),
        action="append",
        help="region; repeat for several (default: every region the kind allows)",
    )
    generate_parser.add_argument(
        "--sex", choices=("M", "F"), help="sex encoded in a residence permit (default: either)"
    )
    generate_parser.add_argument(
        "--min-birth-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="earliest birth date of a residence permit (default: 1900-01-01)",
    )
    generate_parser.add_argument(
        "--max-birth-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=(
            "latest birth date of a residence permit (default: today in UTC+8; give one for"
            " numbers that do not change from day to day)"
        ),
    )
    generate_parser.add_argument(
        "--form",
        choices=("current", "legacy"),
        help=(
            "travel permit number form: current (H/M + 8 digits, 8 Taiwan digits) or legacy"
            " (H/M + 10 digits, 10 Taiwan digits and an office code) (default: either)"
        ),
    )
    generate_parser.add_argument(
        "--invalid",
        choices=("checksum", "birth_date", "region", "length", "characters"),
        action="append",
        metavar="CODE",
        help=(
            "residence permit near misses that fail with exactly this code; repeat for several"
            " (checksum, birth_date, region, length, characters)"
        ),
    )
    generate_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    generate_parser.set_defaults(run=_run_generate)
    return parser


def _iso_date(text: str) -> date:
    """Parse a ``YYYY-MM-DD`` option value (argparse reports a ValueError as a usage error)."""
    from datetime import date  # noqa: PLC0415

    return date.fromisoformat(text)


# argparse names the type in its error: "invalid YYYY-MM-DD date value: '1994-13-01'".
_iso_date.__name__ = "YYYY-MM-DD date"


def _abandon_stdout() -> None:
    """Point stdout at the null device after a write failed.

    Python flushes stdout again at exit; the unwritten rest would fail again
    and turn the exit status into 120 with a second error message.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _fail(texts: _Texts, message: str) -> int:
    sys.stderr.write(texts["error"].format(message=message) + "\n")
    sys.stderr.flush()
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``permitcheck`` command with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 all valid, 1 any invalid, 2 usage or I/O error.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    language = language_from_environment(os.environ)
    try:
        options = _parser().parse_args(arguments)
    except _UsageError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_ERROR
    except SystemExit as done:  # --help and --version exit with status 0
        return int(done.code or 0)
    texts = TEXT[options.lang or language]
    run: Callable[[argparse.Namespace, _Texts], int] = options.run
    try:
        return run(options, texts)
    except CommandError as error:
        if error.key == "cannot_write":
            _abandon_stdout()
        # A path, a column name or header cells: values from the user, digits hidden.
        details = {key: _hide_digits(value) for key, value in error.details.items()}
        if "code" in details:
            details["message"] = MESSAGES[details["code"]][texts["language"]]
        return _fail(texts, texts[error.key].format(**details))
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly.
        _abandon_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover - python -m permitcheck runs __main__.py
    sys.exit(main())
