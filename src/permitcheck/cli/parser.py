"""Argument parsing for the ``permitcheck`` command.

Each subcommand lives in its own module of :mod:`permitcheck.cli` with a
``register(commands, common)`` function that adds its subparser; adding a
subcommand is one more name in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeAlias

from permitcheck import __version__
from permitcheck.cli.output import _hide_digits
from permitcheck.messages import LANGUAGES

if TYPE_CHECKING:
    from datetime import date

    #: What ``register`` functions add their subparser to.
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

#: The subcommands, in ``--help`` order: modules of :mod:`permitcheck.cli`.
COMMANDS: Final = ("check", "identify", "explain", "link", "generate", "sql", "completion")

KIND_HELP: Final = "judge as this document (default: auto-detect from the number's shape)"
#: Starts each subcommand's epilog; the examples follow, one per line, indented.
EXAMPLES_HEADING: Final = "examples:"


class _UsageError(Exception):
    """A command-line mistake found by argparse (exit status 2): the message and the help to see."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.message = message
        self.prog = prog


class _Formatter(argparse.HelpFormatter):
    """Wrap descriptions and epilogs, but keep indented lines (the examples) as they are."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            if "\n  " in paragraph:
                paragraphs.append("\n".join(indent + line for line in paragraph.splitlines()))
            else:
                paragraphs.append(super()._fill_text(paragraph, width, indent))
        return "\n\n".join(paragraphs)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and do not exit the process.

    The message hides every digit: argparse quotes the values it rejects, and
    a value may be a number (the command's own words have no digits).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise _UsageError(_hide_digits(message), self.prog)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="permitcheck",
        description=(
            "Check the identity numbers Hong Kong, Macao and Taiwan residents use in mainland"
            " China: residence permits and travel permits."
        ),
        epilog=EXAMPLES_HEADING
        + """
  permitcheck check 810000199408230021
  permitcheck check -i export.csv --column id_number --format csv
  permitcheck explain H10387877
  permitcheck COMMAND --help

Exit status: 0 all valid, 1 any invalid, 2 usage or I/O error.""",
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"permitcheck {__version__}",
        help="show the version and exit",
    )
    language_help = "language of messages (default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)"
    parser.add_argument("--lang", choices=LANGUAGES, help=language_help)
    common = _Parser(add_help=False)
    # SUPPRESS: the subcommand's --lang only overrides the global one when given.
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=language_help)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    for name in COMMANDS:
        importlib.import_module(f"permitcheck.cli.{name}").register(commands, common)
    return parser


def _iso_date(text: str) -> date:
    """Parse a ``YYYY-MM-DD`` option value (argparse reports a ValueError as a usage error)."""
    from datetime import date  # noqa: PLC0415

    return date.fromisoformat(text)


# argparse names the type in its error: "invalid YYYY-MM-DD date value: '1994-13-01'".
_iso_date.__name__ = "YYYY-MM-DD date"
