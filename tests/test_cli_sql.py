"""``permitcheck sql``: the printed script defines working functions in the database."""

from __future__ import annotations

import duckdb
import psycopg
import pytest

from permitcheck import sql
from permitcheck.cli import main


@pytest.mark.parametrize("dialect", ["postgresql", "duckdb", "sqlite"])
def test_sql_prints_the_script_of_the_dialect(
    dialect: sql.Dialect, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert 0 == main(["sql", "--dialect", dialect])
    assert sql.script(dialect).encode("utf-8") == capsysbinary.readouterr().out


def test_sql_needs_a_known_dialect(capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["sql", "--dialect", "oracle"])
    assert "invalid choice: 'oracle'" in capsys.readouterr().err
    assert 2 == main(["sql"])


def test_the_printed_script_runs_in_postgresql_and_duckdb(
    postgres_url: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    query = (
        "SELECT permit_is_valid('８１００００ 19940823-0021'),"
        " permit_error_code('810000199408230022'),"
        " travel_permit_is_valid('h1038 7877'), travel_permit_error_code('H1038787')"
    )
    main(["sql", "--dialect", "postgresql"])
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE SCHEMA cli_sql")
        connection.execute("SET search_path TO cli_sql")
        connection.execute(capsysbinary.readouterr().out)
        assert (True, "checksum", True, "travel_length") == connection.execute(query).fetchone()
    main(["sql", "--dialect", "duckdb"])
    duck = duckdb.connect()
    duck.execute(capsysbinary.readouterr().out.decode("utf-8"))
    assert (True, "checksum", True, "travel_length") == duck.execute(query).fetchone()
    duck.close()
