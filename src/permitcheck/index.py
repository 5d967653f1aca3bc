"""A store of residence permit <-> travel permit links, in memory or in an SQLite file.

:class:`IdentityIndex` answers "which link does this number belong to?" for
any residence or travel permit number, in any accepted spelling: a residence
permit is looked up by its number, a travel permit by its lifelong number, so
the old 11-character home-return permit, the new 9-character one and a Taiwan
booklet number with its office code all find their holder.

It keeps the links in SQLite (standard library :mod:`sqlite3`): in memory by
default, or in a file with :meth:`IdentityIndex.open`.  A file uses
write-ahead logging and ``BEGIN IMMEDIATE`` transactions, so several
processes can write to it at once (each waits up to *timeout* seconds for the
others), and a crash loses nothing that was committed.

>>> from permitcheck import link
>>> with IdentityIndex() as index:
...     index.add(link("810000199408230021", "H1038787700"))
...     index.resolve("h10387877").key
'810000199408230021'
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

from permitcheck.errors import IndexConflict
from permitcheck.linking import PermitLink, _document
from permitcheck.residence import ResidencePermit

if TYPE_CHECKING:
    from types import TracebackType

    from permitcheck.travel import TravelPermit

__all__ = ["SCHEMA_VERSION", "IdentityIndex"]

#: The schema version stored in ``PRAGMA user_version``.
SCHEMA_VERSION: Final = 1

# One row per person.  travel_key is the travel permit's lifelong number: it
# is the same for every spelling and every renewal of one permit, and unique
# across kinds (H/M + 8 digits, 8 digits for Taiwan), so it identifies the
# holder's travel permit.
_CREATE: Final = """
CREATE TABLE IF NOT EXISTS permit_links (
    residence_permit TEXT NOT NULL PRIMARY KEY,
    travel_permit TEXT NOT NULL,
    travel_key TEXT NOT NULL UNIQUE
) WITHOUT ROWID
"""
_INSERT: Final = (
    "INSERT INTO permit_links (residence_permit, travel_permit, travel_key) VALUES (?, ?, ?)"
)
_KEY_OF_RESIDENCE: Final = "SELECT travel_key FROM permit_links WHERE residence_permit = ?"
_UPDATE: Final = "UPDATE permit_links SET travel_permit = ? WHERE residence_permit = ?"
_BY_RESIDENCE: Final = (
    "SELECT residence_permit, travel_permit FROM permit_links WHERE residence_permit = ?"
)
_BY_TRAVEL: Final = "SELECT residence_permit, travel_permit FROM permit_links WHERE travel_key = ?"
_POSTGRES_SCHEMES: Final = ("postgresql://", "postgres://")
_ALL: Final = "SELECT residence_permit, travel_permit FROM permit_links ORDER BY residence_permit"


def _enable_wal(connection: sqlite3.Connection, timeout: float) -> None:
    # Write-ahead logging: readers never block the writer, and a crash rolls
    # back only the transaction that was not committed.  Switching a new file
    # to WAL needs an exclusive lock, and SQLite may report "locked" at once,
    # without waiting, while another process switches the same new file (its
    # deadlock avoidance).  So wait here, in small steps, up to *timeout*.
    deadline = time.monotonic() + timeout
    connection.execute("PRAGMA busy_timeout = 0")
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError:
            if time.monotonic() >= deadline:
                raise
        time.sleep(0.005)
    connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


class IdentityIndex:
    """Links between residence permits and travel permits, one per person.

    ``IdentityIndex()`` keeps them in memory; ``IdentityIndex.open(path)`` in
    an SQLite file that survives restarts (created if missing).  Use it as a
    context manager, or call :meth:`close`.  One index object belongs to one
    thread; open one per thread or process instead.

    Each write is a transaction: :meth:`add` one link, :meth:`add_many` a
    batch, or any mix inside ``with index.transaction():``.  A link that
    contradicts a stored one -- the same residence permit with another travel
    permit, or the same travel permit with another residence permit -- raises
    :class:`~permitcheck.IndexConflict` and the whole transaction changes
    nothing.  Adding a link that agrees with a stored one (the same two
    documents, possibly another spelling or renewal of the travel permit)
    is not a conflict: the stored travel permit number becomes the one given
    last.

    >>> from permitcheck import link
    >>> index = IdentityIndex()
    >>> index.add_many([link("810000199408230021", "H10387877"),
    ...                 link("830000199201300022", "0561682001(D)")])
    >>> index.resolve("05616820").travel_permit.number, len(index)
    ('0561682001(D)', 2)
    >>> index.add(link("810000199408230021", "H12345678"))
    Traceback (most recent call last):
        ...
    permitcheck.errors.IndexConflict: The link contradicts a stored one: ...
    >>> index.close()
    """

    __slots__ = ("_connection", "_depth", "_path")

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, timeout: float = 30.0) -> None:
        self._path = os.fspath(path)
        # isolation_level=None: the sqlite3 module opens no transactions of
        # its own; transaction() issues BEGIN IMMEDIATE / COMMIT itself.
        connection = sqlite3.connect(self._path, timeout=timeout, isolation_level=None)
        self._connection = connection
        self._depth = 0
        try:
            _enable_wal(connection, timeout)
            with self.transaction():
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    connection.execute(_CREATE)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                elif version != SCHEMA_VERSION:
                    raise ValueError(f"unsupported identity index schema version {version}")
        except BaseException:
            connection.close()
            raise

    @classmethod
    def open(cls, path: str | os.PathLike[str], /, *, timeout: float = 30.0) -> IdentityIndex:
        """Open (or create) the index stored in the SQLite file *path*.

        *timeout* is how many seconds a write waits for another process's
        transaction to finish before :class:`sqlite3.OperationalError` is
        raised.  Raises :class:`ValueError` for a file written by an
        unknown schema version and :class:`sqlite3.DatabaseError` for a
        file that is not an SQLite database.  A ``postgresql://`` URL opens
        the index in PostgreSQL instead (:mod:`permitcheck.index_postgres`).
        """
        if isinstance(path, str) and path.startswith(_POSTGRES_SCHEMES):
            from permitcheck.index_postgres import PostgresIdentityIndex  # noqa: PLC0415

            return PostgresIdentityIndex(path, timeout=timeout)
        return cls(path, timeout=timeout)

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[IdentityIndex]:
        """Group writes into one transaction: all of them are kept, or none.

        Transactions nest (inner ones are savepoints).  The outermost one
        takes the file's write lock at once (``BEGIN IMMEDIATE``), so
        concurrent writers wait for each other instead of failing midway.

        >>> from permitcheck import link
        >>> with IdentityIndex() as index:
        ...     with index.transaction():
        ...         index.add(link("810000199408230021", "H10387877"))
        ...         index.add(link("830000199201300022", "00000000"))
        ...     len(index)
        2
        """
        connection = self._connection
        depth = self._depth
        connection.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT s{depth}")
        self._depth = depth + 1
        try:
            yield self
        except BaseException:
            self._depth = depth
            if depth == 0:
                connection.execute("ROLLBACK")
            else:
                connection.execute(f"ROLLBACK TO s{depth}")
                connection.execute(f"RELEASE s{depth}")
            raise
        self._depth = depth
        connection.execute("COMMIT" if depth == 0 else f"RELEASE s{depth}")

    def add(self, link: PermitLink, /) -> None:
        """Store *link* in its own transaction (or the one open).

        Raises :class:`~permitcheck.IndexConflict` if it contradicts a stored
        link and :class:`TypeError` for anything but a
        :class:`~permitcheck.PermitLink`; either way nothing changes.
        """
        with self.transaction():
            self._insert(link)

    def add_many(self, links: Iterable[PermitLink], /) -> None:
        """Store every link of *links* in one transaction: all of them, or none.

        Raises like :meth:`add` for the first bad link, after undoing the
        batch.  This is the fast way to load many links.
        """
        with self.transaction():
            insert = self._insert
            for link in links:
                insert(link)

    def _insert(self, link: PermitLink) -> None:
        if not isinstance(link, PermitLink):
            raise TypeError(f"expected a PermitLink, got {type(link).__name__}")
        residence = link.residence_permit.number
        travel = link.travel_permit
        execute = self._connection.execute
        try:
            execute(_INSERT, (residence, travel.number, travel.lifelong_number))
        except sqlite3.IntegrityError:
            # Either key is taken.  It is the same person only if the
            # residence permit is stored with this very travel permit.
            stored = execute(_KEY_OF_RESIDENCE, (residence,)).fetchone()
            if stored is None or stored[0] != travel.lifelong_number:
                raise IndexConflict() from None
            execute(_UPDATE, (travel.number, residence))

    # -- reading -----------------------------------------------------------------------

    def resolve(self, number: str | ResidencePermit | TravelPermit, /) -> PermitLink | None:
        """Return the stored link for a residence or travel permit number, or None.

        Any accepted spelling finds the link: a string longer than 13
        characters (after folding) is read as a residence permit number,
        any other as a travel permit number, looked up by its lifelong
        number.  Parsed documents are accepted too.  Raises the validation
        errors of :func:`~permitcheck.parse` or
        :func:`~permitcheck.parse_travel_permit` for an invalid number.
        """
        document = _document(number)
        # The document already parsed is reused when it is the stored one.
        if isinstance(document, ResidencePermit):
            row = self._connection.execute(_BY_RESIDENCE, (document.number,)).fetchone()
            return None if row is None else PermitLink(document, row[1])
        row = self._connection.execute(_BY_TRAVEL, (document.lifelong_number,)).fetchone()
        if row is None:
            return None
        return PermitLink(row[0], document if row[1] == document.number else row[1])

    def __iter__(self) -> Iterator[PermitLink]:
        """Yield every stored link, ordered by residence permit number."""
        for residence, travel in self._connection.execute(_ALL):
            yield PermitLink(residence, travel)

    def __len__(self) -> int:
        count: int = self._connection.execute("SELECT count(*) FROM permit_links").fetchone()[0]
        return count

    # -- closing -----------------------------------------------------------------------

    def close(self) -> None:
        """Close the index; an open transaction is rolled back.  Closing twice is harmless."""
        self._connection.close()

    def __enter__(self) -> IdentityIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._path!r})"
