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
import os
import sys
from collections.abc import Callable, Sequence

from permitcheck.cli.input import CommandError
from permitcheck.cli.judge import EXIT_ERROR, _Texts
from permitcheck.cli.output import _hide_digits, _stderr
from permitcheck.cli.parser import _parser, _UsageError
from permitcheck.cli.texts import TEXT, language_from_environment
from permitcheck.messages import MESSAGES

__all__ = ["main"]


def _abandon_stdout() -> None:
    """Point stdout at the null device after a write failed.

    Python flushes stdout again at exit; the unwritten rest would fail again
    and turn the exit status into 120 with a second error message.
    """
    if sys.stdout is None:  # closed from the start (``>&-``): nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _visible(text: str) -> str:
    r"""Escape control characters: a file name or CSV header cell can hold a terminal escape code.

    >>> _visible("column 'id' is not in the CSV header (columns: \x1b[2J, name)")
    "column 'id' is not in the CSV header (columns: \\x1b[2J, name)"
    """
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def _fail(texts: _Texts, message: str) -> int:
    _stderr(texts["error"].format(message=_visible(message)) + "\n")
    return EXIT_ERROR


def _language(arguments: Sequence[str], default: str) -> str:
    """Return the ``--lang`` among *arguments*, for errors found before they are parsed."""
    for index, argument in enumerate(arguments):
        if argument == "--lang":
            value = arguments[index + 1] if index + 1 < len(arguments) else ""
        elif argument.startswith("--lang="):
            value = argument.removeprefix("--lang=")
        else:
            continue
        if value in TEXT:
            return value
    return default


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``permitcheck`` command with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 all valid, 1 any invalid, 2 usage or I/O error.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    language = language_from_environment(os.environ)
    try:
        options = _parser().parse_args(arguments)
    except _UsageError as error:
        # The same prefix as every other error, in the language asked for.
        texts = TEXT[_language(arguments, language)]
        see = texts["see_help"].format(prog=error.prog)
        return _fail(texts, f"{error.message} {see}")
    except SystemExit as done:  # --help and --version exit with status 0
        return int(done.code or 0)
    texts = TEXT[options.lang or language]
    run: Callable[[argparse.Namespace, _Texts], int] = options.run
    try:
        return run(options, texts)
    except CommandError as error:
        if error.key == "cannot_write":
            _abandon_stdout()
        # A path, a column name or header cells: values from the user, digits hidden
        # (a codec the command names itself, such as gb18030, is not the user's).
        details = {
            key: value if key == "codec" else _hide_digits(value)
            for key, value in error.details.items()
        }
        if "code" in details:
            details["message"] = MESSAGES[details["code"]][texts["language"]]
        return _fail(texts, texts[error.key].format(**details))
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly.
        _abandon_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
