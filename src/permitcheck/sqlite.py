"""The check functions on an SQLite connection: the core's own, registered from Python.

SQLite has no ``CREATE FUNCTION``, so :func:`register` adds the functions of
:mod:`permitcheck.sql` to one :class:`sqlite3.Connection` (call it on every
connection that needs them).  They are the core functions themselves, so they
agree with it by construction:

======================================= ================================================
function                                result
======================================= ================================================
``permit_is_valid(x)``                  1 or 0 (:func:`permitcheck.is_valid`; 0 for NULL)
``permit_error_code(x)``                the error code of :func:`permitcheck.validate`,
                                        NULL for a valid number and for NULL
``travel_permit_is_valid(x)``           1 or 0 (:func:`permitcheck.travel.is_valid`)
``travel_permit_error_code(x)``         the error code of
                                        :func:`permitcheck.travel.validate`, or NULL
======================================= ================================================

The residence permit functions read today's date (UTC+8: a birth date may
not be in the future), so they are registered as *not* deterministic: SQLite
evaluates them afresh for every row and refuses them in indexes and generated
columns, where a stored result could go stale.  SQLite does allow them in
``CHECK`` constraints, which is safe here: a number only ever goes from
invalid (born "tomorrow") to valid, never back.  The travel permit functions
depend on their argument alone and are registered ``deterministic=True``, so
they can be used in indexes too.  The error-code functions raise (an SQLite error) for a value that
is neither text nor NULL, as :func:`permitcheck.validate` does.

>>> import sqlite3
>>> connection = sqlite3.connect(":memory:")
>>> register(connection)
>>> connection.execute("SELECT permit_is_valid('810000 19940823 0021'),"
...                    " permit_error_code('810000199408230022')").fetchone()
(1, 'checksum')
>>> connection.close()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from permitcheck import travel
from permitcheck.errors import PermitError
from permitcheck.residence import is_valid, validate

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

__all__ = ["register"]


def _code(check: Callable[[str], str]) -> Callable[[str | None], str | None]:
    def error_code(value: str | None) -> str | None:
        if value is None:
            return None
        try:
            check(value)
        except PermitError as error:
            return error.code
        return None

    return error_code


def register(connection: sqlite3.Connection, /) -> None:
    """Register ``permit_is_valid``, ``permit_error_code`` and their travel permit pair."""
    connection.create_function("permit_is_valid", 1, is_valid, deterministic=False)
    connection.create_function("permit_error_code", 1, _code(validate), deterministic=False)
    connection.create_function("travel_permit_is_valid", 1, travel.is_valid, deterministic=True)
    connection.create_function(
        "travel_permit_error_code", 1, _code(travel.validate), deterministic=True
    )
