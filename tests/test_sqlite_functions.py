"""permitcheck.sqlite: the core's check functions registered on an SQLite connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from permitcheck.sqlite import register
from sql_inputs import inputs
from test_sql import core


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    register(connection)
    yield connection
    connection.close()


def test_the_functions_agree_with_the_core(connection: sqlite3.Connection) -> None:
    values = inputs(3_000, seed=5, nul=True)
    connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, x TEXT)")
    connection.executemany("INSERT INTO t (x) VALUES (?)", [(value,) for value in values])
    rows = connection.execute(
        "SELECT permit_is_valid(x), permit_error_code(x), travel_permit_is_valid(x),"
        " travel_permit_error_code(x) FROM t ORDER BY n"
    ).fetchall()
    assert [core(value) for value in values] == [(bool(a), b, bool(c), d) for a, b, c, d in rows]


def test_a_travel_check_constraint_refuses_invalid_rows(connection: sqlite3.Connection) -> None:
    connection.execute(
        "CREATE TABLE travellers (travel TEXT CHECK (travel_permit_is_valid(travel)))"
    )
    connection.execute("INSERT INTO travellers VALUES ('h1038 7877')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        connection.execute("INSERT INTO travellers VALUES ('H1038787')")
    assert [("h1038 7877",)] == connection.execute("SELECT * FROM travellers").fetchall()


def test_the_residence_functions_are_not_deterministic(connection: sqlite3.Connection) -> None:
    """They read today's date: SQLite refuses them in an index, not in a CHECK constraint."""
    connection.execute("CREATE TABLE people (id TEXT CHECK (permit_is_valid(id)))")
    with pytest.raises(sqlite3.OperationalError, match="non-deterministic"):
        connection.execute("CREATE INDEX people_valid ON people (permit_is_valid(id))")
    connection.execute("CREATE INDEX people_travel ON people (travel_permit_is_valid(id))")
    connection.execute("INSERT INTO people VALUES ('810000199408230021')")
    with pytest.raises(sqlite3.IntegrityError, match=r"CHECK constraint failed: permit_is_valid"):
        connection.execute("INSERT INTO people VALUES ('810000199408230022')")
    assert 1 == connection.execute("SELECT count(*) FROM people").fetchone()[0]


def test_an_error_code_of_a_number_that_is_not_text_is_an_error(
    connection: sqlite3.Connection,
) -> None:
    assert (0, None) == connection.execute(
        "SELECT permit_is_valid(810000199408230021), permit_error_code(NULL)"
    ).fetchone()
    with pytest.raises(sqlite3.OperationalError, match="user-defined function raised"):
        connection.execute("SELECT permit_error_code(810000199408230021)").fetchone()
