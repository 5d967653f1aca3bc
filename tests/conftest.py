"""Shared fixtures: one throw-away PostgreSQL server for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import pg_server


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a PostgreSQL 15 server that lives as long as the test session."""
    server = pg_server.start()
    try:
        yield server.url
    finally:
        server.stop()
