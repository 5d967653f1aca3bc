"""The SQL check functions (permitcheck.sql) agree with the core on PostgreSQL and DuckDB."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import duckdb
import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import permitcheck
from permitcheck import PermitError, sql, travel
from permitcheck.strategies import (
    invalid_residence_permit_numbers,
    residence_permit_numbers,
    travel_permit_numbers,
)
from sql_inputs import ALPHABET, inputs

Row = tuple[bool, str | None, bool, str | None]

SELECT = (
    "permit_is_valid(x), permit_error_code(x), travel_permit_is_valid(x), "
    "travel_permit_error_code(x)"
)


def core(value: str | None) -> Row:
    """What the core says about *value*: the four results the SQL functions must give."""
    if value is None:
        return (False, None, False, None)
    try:
        permitcheck.validate(value)
        code = None
    except PermitError as error:
        code = error.code
    try:
        travel.validate(value)
        travel_code = None
    except PermitError as error:
        travel_code = error.code
    return (permitcheck.is_valid(value), code, travel.is_valid(value), travel_code)


@pytest.fixture(scope="module")
def pg(postgres_url: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE SCHEMA IF NOT EXISTS sql_checks")
        connection.execute("SET search_path TO sql_checks")
        for statement in sql.statements("postgresql"):
            connection.execute(statement.encode())
        yield connection


@pytest.fixture(scope="module")
def duck() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    for statement in sql.statements("duckdb"):
        connection.execute(statement)
    yield connection
    connection.close()


def pg_rows(
    connection: psycopg.Connection[tuple[object, ...]], values: Sequence[str | None]
) -> list[Row]:
    cursor = connection.execute(
        f"SELECT {SELECT} FROM unnest(%s::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n",
        (list(values),),
    )
    return [tuple(row) for row in cursor.fetchall()]  # type: ignore[misc]


def duck_rows(connection: duckdb.DuckDBPyConnection, values: Sequence[str | None]) -> list[Row]:
    result = connection.execute(
        f"SELECT {SELECT} FROM (SELECT unnest($v) AS x, unnest(range(len($v))) AS n) ORDER BY n",
        {"v": list(values)},
    ).fetchall()
    return [tuple(row) for row in result]  # type: ignore[misc]


def disagreements(
    values: Sequence[str | None], rows: list[Row]
) -> list[tuple[str | None, Row, Row]]:
    assert len(rows) == len(values)
    return [
        (value, row, core(value))
        for value, row in zip(values, rows, strict=True)
        if row != core(value)
    ]


# -- the generated script ---------------------------------------------------------------------


def test_every_dialect_has_a_script_naming_its_functions() -> None:
    names = [
        "permit_is_valid",
        "permit_error_code",
        "travel_permit_is_valid",
        "travel_permit_error_code",
    ]
    for dialect in ("postgresql", "duckdb"):
        text = sql.script(dialect)
        for name in names:
            assert f" {name}(number" in text
        assert text.count(";\n") == len(sql.statements(dialect))
    sqlite_text = sql.script("sqlite")
    assert "permitcheck.sqlite.register(connection)" in sqlite_text
    assert sql.statements("sqlite") == []
    assert all(line.startswith("--") for line in sqlite_text.splitlines())


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown SQL dialect 'oracle'"):
        sql.script("oracle")  # type: ignore[arg-type]


# The blocks where folding happens (ASCII, Latin-1, general punctuation, CJK symbols,
# specials and half/full-width forms), and every code point in the slow suite.
FOLDING_BLOCKS = [*range(1, 0x3100), *range(0xFE00, 0x10000)]
EVERY_CODE_POINT = [*range(1, 0xD800), *range(0xE000, 0x110000)]


@pytest.mark.parametrize(
    "points",
    [FOLDING_BLOCKS, pytest.param(EVERY_CODE_POINT, marks=pytest.mark.slow)],
    ids=["folding-blocks", "all"],
)
def test_the_fold_model_reproduces_fold_on_every_character(points: list[int]) -> None:
    """Each code point, inside a number and at either end, folds in SQL's way as in fold()."""
    source, target, deleted, stripped = sql._fold_model()
    table = str.maketrans(source, target, deleted)
    for point in points:
        character = chr(point)
        for text in (f"1{character}2", f"{character}3", f"4{character}"):
            assert permitcheck.compact(text) == text.translate(table).strip(stripped), hex(point)


def test_a_fold_sql_cannot_express_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql, "fold", lambda text: text.replace("Q", "QQ"))
    sql._fold_model.cache_clear()
    try:
        with pytest.raises(sql.FoldModelError, match="U\\+0051 beyond one character"):
            sql._fold_model()
        monkeypatch.setattr(
            sql,
            "fold",
            lambda text: (
                text.replace("\u3000", " ").strip()
                if text.startswith("\u3000")
                else text.replace("\u3000", "_")
            ),
        )
        sql._fold_model.cache_clear()
        with pytest.raises(sql.FoldModelError, match="U\\+3000 differently at an end"):
            sql._fold_model()
    finally:
        monkeypatch.undo()
        sql._fold_model.cache_clear()


# -- agreement with the core ------------------------------------------------------------------

DEFAULT_COUNT = 5_000
FULL_COUNT = 100_000


def test_postgresql_agrees_with_the_core(pg: psycopg.Connection[tuple[object, ...]]) -> None:
    values = inputs(DEFAULT_COUNT, seed=1)
    assert [] == disagreements(values, pg_rows(pg, values))


def test_duckdb_agrees_with_the_core(duck: duckdb.DuckDBPyConnection) -> None:
    values = inputs(DEFAULT_COUNT, seed=2, nul=True)
    assert [] == disagreements(values, duck_rows(duck, values))


def test_the_inputs_reach_every_result() -> None:
    """The generated inputs include valid numbers and every error code of both kinds."""
    results = [core(value) for value in inputs(DEFAULT_COUNT, seed=1)]
    assert {row[1] for row in results} == {
        None,
        "length",
        "characters",
        "region",
        "birth_date",
        "checksum",
    }
    assert {row[3] for row in results} == {
        None,
        "travel_length",
        "travel_characters",
        "travel_format",
    }
    assert sum(row[0] for row in results) > DEFAULT_COUNT // 10


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["postgresql", "duckdb"])
def test_100000_inputs_agree_with_the_core(engine: str, request: pytest.FixtureRequest) -> None:
    values = inputs(FULL_COUNT, seed=100, nul=engine == "duckdb")
    if engine == "postgresql":
        rows = pg_rows(request.getfixturevalue("pg"), values)
    else:
        rows = duck_rows(request.getfixturevalue("duck"), values)
    assert [] == disagreements(values, rows)


text_inputs = st.one_of(
    st.text(alphabet=ALPHABET, max_size=24),
    residence_permit_numbers(),
    invalid_residence_permit_numbers(),
    travel_permit_numbers(),
    st.text(max_size=20).filter(lambda text: "\x00" not in text),
)


# One query per example, over a list: a DuckDB query spends most of its time planning.
@settings(max_examples=40, deadline=None)
@given(values=st.lists(text_inputs, min_size=1, max_size=60))
def test_postgresql_agrees_on_drawn_input(
    pg: psycopg.Connection[tuple[object, ...]], values: list[str]
) -> None:
    assert [] == disagreements(values, pg_rows(pg, values))


@settings(max_examples=25, deadline=None)
@given(values=st.lists(text_inputs | st.text(alphabet="\x00" + ALPHABET, max_size=20), max_size=60))
def test_duckdb_agrees_on_drawn_input(duck: duckdb.DuckDBPyConnection, values: list[str]) -> None:
    assert [] == disagreements(values, duck_rows(duck, values))


# -- CHECK constraints ------------------------------------------------------------------------


def test_a_postgresql_check_constraint_refuses_every_invalid_row(
    pg: psycopg.Connection[tuple[object, ...]],
) -> None:
    pg.execute("DROP TABLE IF EXISTS people")
    # NULL is not a valid number: a nullable column says "IS NULL OR".
    pg.execute(
        "CREATE TABLE people"
        " (id_number text CHECK (id_number IS NULL OR permit_is_valid(id_number)),"
        " travel text CHECK (travel IS NULL OR travel_permit_is_valid(travel)))"
    )
    values = [value for value in inputs(1_500, seed=3) if value is not None]
    refused = 0
    for value in values:
        try:
            pg.execute("INSERT INTO people (id_number) VALUES (%s)", (value,))
        except psycopg.errors.CheckViolation as error:
            refused += error.diag.constraint_name == "people_id_number_check"
            assert not permitcheck.is_valid(value)
        else:
            assert permitcheck.is_valid(value)
        try:
            pg.execute("INSERT INTO people (travel) VALUES (%s)", (value,))
        except psycopg.errors.CheckViolation:
            assert not travel.is_valid(value)
        else:
            assert travel.is_valid(value)
    stored = pg.execute("SELECT count(id_number), count(travel) FROM people").fetchone()
    assert stored == (
        sum(map(permitcheck.is_valid, values)),
        sum(map(travel.is_valid, values)),
    )
    assert refused == len(values) - stored[0] > 0
    pg.execute("CREATE TABLE strict_people (id_number text CHECK (permit_is_valid(id_number)))")
    with pytest.raises(psycopg.errors.CheckViolation):
        pg.execute("INSERT INTO strict_people VALUES (NULL)")
    # A data team's report: one row per error code.
    report = dict(
        pg.execute(
            "SELECT permit_error_code(x), count(*) FROM unnest(%s::text[]) AS t(x) GROUP BY 1",
            (values,),
        ).fetchall()
    )
    assert report[None] == stored[0]
    assert set(report) == {None, "length", "characters", "region", "birth_date", "checksum"}


def test_a_duckdb_check_constraint_refuses_every_invalid_row(
    duck: duckdb.DuckDBPyConnection,
) -> None:
    duck.execute(
        "CREATE OR REPLACE TABLE people (id_number VARCHAR CHECK (permit_is_valid(id_number)))"
    )
    duck.execute(
        "CREATE OR REPLACE TABLE travellers (travel VARCHAR CHECK (travel_permit_is_valid(travel)))"
    )
    values = [value for value in inputs(120, seed=4, nul=True) if value is not None]
    for value in values:
        for table, is_valid in (("people", permitcheck.is_valid), ("travellers", travel.is_valid)):
            insert = f"INSERT INTO {table} VALUES (?)"
            if is_valid(value):
                duck.execute(insert, [value])
            else:
                with pytest.raises(duckdb.ConstraintException, match="CHECK constraint failed"):
                    duck.execute(insert, [value])
    stored = duck.execute(
        "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM travellers)"
    ).fetchone()
    assert stored == (
        sum(map(permitcheck.is_valid, values)),
        sum(map(travel.is_valid, values)),
    )
