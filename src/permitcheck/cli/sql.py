"""``permitcheck sql``: print the SQL check functions for a database (:mod:`permitcheck.sql`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from permitcheck.cli.judge import EXIT_VALID, _Texts
from permitcheck.cli.output import _Output

if TYPE_CHECKING:
    from permitcheck.cli.parser import Commands


def _run_sql(options: argparse.Namespace, texts: _Texts) -> int:
    from permitcheck.sql import script  # noqa: PLC0415 - loaded only for this subcommand

    _Output(sys.stdout).write(script(options.dialect))
    return EXIT_VALID


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add the ``sql`` subcommand to *commands* (its options: *common* and its own)."""
    sql_parser = commands.add_parser(
        "sql",
        parents=[common],
        allow_abbrev=False,
        help="print SQL functions that check numbers inside a database",
        description=(
            "Print the definitions of permit_is_valid(text), permit_error_code(text),"
            " travel_permit_is_valid(text) and travel_permit_error_code(text) in plain SQL"
            " for the chosen database, to run there once (for example with psql -f)."
            " They read numbers as the core does; today is the database's date in UTC+8."
            " SQLite has no CREATE FUNCTION: its output says how to register the functions"
            " from Python."
        ),
        epilog="Exit status: 0, or 2 for a usage or output error.",
    )
    sql_parser.add_argument(
        "--dialect",
        required=True,
        choices=("postgresql", "duckdb", "sqlite"),
        help="the database the SQL is for",
    )
    sql_parser.set_defaults(run=_run_sql)
