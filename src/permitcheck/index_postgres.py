"""The identity index on PostgreSQL: many processes and machines writing one index at once.

``IdentityIndex.open("postgresql://...")`` returns a :class:`PostgresIdentityIndex`
(extra ``permitcheck[postgres]``, psycopg 3): the same API and semantics as the
SQLite file -- :meth:`~PostgresIdentityIndex.add`,
:meth:`~PostgresIdentityIndex.add_many`, :meth:`~PostgresIdentityIndex.resolve`
by any spelling, :meth:`~PostgresIdentityIndex.remove`, conflicts that change
nothing and raise :class:`~permitcheck.IndexConflict`, nested transactions --
on the same tables (:data:`SCHEMA`, one definition for both backends).

Concurrency rests on the database alone: the primary key on the residence
permit and the unique travel key decide which of two contradicting links is
stored, inside each writer's transaction; no lock is taken in Python.  A
single :meth:`~PostgresIdentityIndex.add` is one ``INSERT ... ON CONFLICT``
statement: its own transaction, and retried when PostgreSQL reports a
deadlock.  :meth:`~PostgresIdentityIndex.add_many` sends its links in
batches of :data:`BATCH_SIZE` (one statement each) inside one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

from permitcheck.errors import IndexConflict
from permitcheck.index import IdentityIndex
from permitcheck.linking import PermitLink, _document
from permitcheck.residence import ResidencePermit

try:
    import psycopg
    from psycopg import errors as _errors
except ImportError as error:  # pragma: no cover - the test extra installs psycopg
    raise ImportError(
        "the PostgreSQL identity index needs psycopg 3: pip install 'permitcheck[postgres]'"
    ) from error

if TYPE_CHECKING:
    from permitcheck.travel import TravelPermit

__all__ = ["BATCH_SIZE", "SCHEMA", "SCHEMA_VERSION", "PostgresIdentityIndex", "copy_links"]

#: The schema version of a plain index, as in the SQLite file (``PRAGMA user_version``).
SCHEMA_VERSION: Final = 1
#: Links sent to the server in one statement by :meth:`PostgresIdentityIndex.add_many`.
BATCH_SIZE: Final = 10_000
#: How often a transaction PostgreSQL aborted to break a deadlock is tried again.
RETRIES: Final = 8

#: The one table definition both backends create: SQLite's statement, from
#: which the PostgreSQL one is derived (without ``WITHOUT ROWID``).  One row per
#: person: ``travel_key`` is the travel permit's lifelong number, the same for
#: every spelling and renewal of one permit.
SCHEMA: Final = """CREATE TABLE permit_links (
    residence_permit TEXT NOT NULL PRIMARY KEY,
    travel_permit TEXT NOT NULL,
    travel_key TEXT NOT NULL UNIQUE
) WITHOUT ROWID"""

_POSTGRES_SCHEMA: Final = SCHEMA.removesuffix(" WITHOUT ROWID")
# The version stamp: SQLite keeps it in PRAGMA user_version, PostgreSQL here.
_META: Final = "CREATE TABLE permit_index_meta (schema_version integer NOT NULL)"
# Serialises the creation of the tables by concurrent first openers (a lock
# of the database, held to the end of that transaction).
_SETUP_LOCK: Final = "SELECT pg_advisory_xact_lock(7092648313827541099)"
_TABLES: Final = (
    "SELECT coalesce(to_regclass('permit_links') IS NOT NULL, false),"
    " coalesce(to_regclass('permit_index_meta') IS NOT NULL, false)"
)
_ADD: Final = (
    "INSERT INTO permit_links (residence_permit, travel_permit, travel_key) VALUES (%s, %s, %s)"
    " ON CONFLICT (residence_permit) DO UPDATE SET travel_permit = EXCLUDED.travel_permit"
    " WHERE permit_links.travel_key = EXCLUDED.travel_key RETURNING 1"
)
_ADD_BATCH: Final = (
    "INSERT INTO permit_links (residence_permit, travel_permit, travel_key)"
    " SELECT r, t, k FROM unnest(%s::text[], %s::text[], %s::text[])"
    " WITH ORDINALITY AS u(r, t, k, n)"
    " ORDER BY n ON CONFLICT DO NOTHING RETURNING residence_permit, travel_key"
)
_KEYS_OF: Final = (
    "SELECT residence_permit, travel_key FROM permit_links WHERE residence_permit = ANY(%s)"
)
_UPDATE_BATCH: Final = (
    "UPDATE permit_links SET travel_permit = u.t FROM unnest(%s::text[], %s::text[]) AS u(r, t)"
    " WHERE permit_links.residence_permit = u.r"
)
_BY_RESIDENCE: Final = (
    "SELECT residence_permit, travel_permit FROM permit_links WHERE residence_permit = %s"
)
_BY_TRAVEL: Final = "SELECT residence_permit, travel_permit FROM permit_links WHERE travel_key = %s"
_ALL: Final = "SELECT residence_permit, travel_permit FROM permit_links ORDER BY residence_permit"
_DELETE_BY_RESIDENCE: Final = "DELETE FROM permit_links WHERE residence_permit = %s"
_DELETE_BY_TRAVEL: Final = "DELETE FROM permit_links WHERE travel_key = %s"
# The errors after which PostgreSQL has rolled the whole transaction back and
# trying it again may succeed.
_TRANSIENT: Final = (_errors.DeadlockDetected, _errors.SerializationFailure)

_Row = tuple[str, str, str]


def _row(link: object) -> _Row:
    if not isinstance(link, PermitLink):
        raise TypeError(f"expected a PermitLink, got {type(link).__name__}")
    travel = link.travel_permit
    return (link.residence_permit.number, travel.number, travel.lifelong_number)


class PostgresIdentityIndex(IdentityIndex):
    """An :class:`~permitcheck.IdentityIndex` kept in a PostgreSQL database.

    Open it with ``IdentityIndex.open(url)`` for a ``postgresql://`` URL (any
    libpq connection string works here too).  The tables are created in the
    connection's first schema on first use.  *timeout* is how many seconds
    a write waits for another transaction's lock (``lock_timeout``) and for
    the connection.  One object holds one connection and belongs to one
    thread.  Raises :class:`ValueError` for a database whose index has an
    unknown schema version, or a ``permit_links`` table that is not ours.
    """

    __slots__ = ("_pg", "_url")

    _pg: psycopg.Connection[tuple[Any, ...]]

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        self._url = url
        self._depth = 0
        self._path = url
        connection = psycopg.connect(url, autocommit=True, connect_timeout=max(1, round(timeout)))
        self._pg = connection
        try:
            connection.execute(f"SET lock_timeout = {int(timeout * 1000)}")
            self._setup()
        except BaseException:
            connection.close()
            raise

    def _setup(self) -> None:
        execute = self._pg.execute
        row = execute(_TABLES).fetchone()
        if row == (True, True):
            self._check_version()
            return
        for attempt in range(RETRIES):  # pragma: no branch - the last attempt raises
            try:
                with self.transaction():
                    execute(_SETUP_LOCK)
                    links, meta = execute(_TABLES).fetchone() or (False, False)
                    if links and not meta:
                        raise ValueError(
                            "the database has a permit_links table that is not an index"
                        )
                    if not links:
                        execute(_POSTGRES_SCHEMA)
                        execute(_META)
                        execute("INSERT INTO permit_index_meta VALUES (%s)", (SCHEMA_VERSION,))
                    self._check_version()
                return
            except (_errors.DuplicateTable, _errors.UniqueViolation):
                # Another process created the tables after this one looked
                # (catalog lookups may see a slightly old state): look again.
                if attempt == RETRIES - 1:
                    raise

    def _check_version(self) -> None:
        versions = self._pg.execute("SELECT schema_version FROM permit_index_meta").fetchall()
        if versions != [(SCHEMA_VERSION,)]:
            raise ValueError(f"unsupported identity index schema version {versions}")

    @classmethod
    def open(cls, path: str | os.PathLike[str], /, *, timeout: float = 30.0) -> IdentityIndex:
        """Open (or create) the index in the PostgreSQL database at the URL *path*."""
        return cls(os.fspath(path), timeout=timeout)

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[IdentityIndex]:
        """Group writes into one transaction: all of them are kept, or none.

        Transactions nest (inner ones are savepoints).  PostgreSQL's own
        isolation (READ COMMITTED) and the table's unique keys keep
        concurrent writers apart; a transaction PostgreSQL aborts to break a
        deadlock raises :class:`psycopg.errors.DeadlockDetected` and changes
        nothing (run it again).
        """
        execute = self._pg.execute
        depth = self._depth
        execute("BEGIN" if depth == 0 else f"SAVEPOINT s{depth}")
        self._depth = depth + 1
        try:
            yield self
        except BaseException:
            self._depth = depth
            if depth == 0:
                execute("ROLLBACK")
            else:
                execute(f"ROLLBACK TO SAVEPOINT s{depth}")
                execute(f"RELEASE SAVEPOINT s{depth}")
            raise
        self._depth = depth
        execute("COMMIT" if depth == 0 else f"RELEASE SAVEPOINT s{depth}")

    def add(self, link: PermitLink, /) -> None:
        """Store *link* in its own transaction (or the one open); see :meth:`IdentityIndex.add`."""
        row = _row(link)
        if self._depth:
            with self.transaction():  # a savepoint: a conflict leaves the transaction usable
                self._add(row)
            return
        for attempt in range(RETRIES):  # pragma: no branch - the last attempt raises
            try:
                self._add(row)  # one statement: a transaction of its own
                return
            except _TRANSIENT:
                if attempt == RETRIES - 1:
                    raise

    def _add(self, row: _Row) -> None:
        try:
            stored = self._pg.execute(_ADD, row).fetchone()
        except _errors.UniqueViolation:
            raise IndexConflict() from None  # the travel key is another person's
        if stored is None:
            raise IndexConflict()  # the residence permit has another travel key

    def add_many(self, links: Iterable[PermitLink], /) -> None:
        """Store every link of *links* in one transaction: all of them, or none.

        Links go to the server in batches of :data:`BATCH_SIZE`, one
        statement each.  Raises like :meth:`add` for a bad link, after undoing
        everything.  Outside a transaction, a deadlock with another writer
        rolls back and the whole call is tried again.
        """
        rows = [_row(link) for link in links]
        if self._depth:
            with self.transaction():
                self._add_rows(rows)
            return
        for attempt in range(RETRIES):  # pragma: no branch - the last attempt raises
            try:
                with self.transaction():
                    self._add_rows(rows)
                return
            except _TRANSIENT:
                if attempt == RETRIES - 1:
                    raise

    def _add_rows(self, rows: Sequence[_Row]) -> None:
        execute = self._pg.execute
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            columns = [list(column) for column in zip(*batch, strict=True)] or [[], [], []]
            inserted = set(map(tuple, execute(_ADD_BATCH, columns).fetchall()))
            if len(inserted) == len(batch):
                continue
            # A link not inserted is only the same person again if its
            # residence permit is stored with this very travel key; then the
            # travel permit number given last is kept.
            rest: list[_Row] = []
            for residence, travel, key in batch:
                if (residence, key) in inserted:
                    inserted.discard((residence, key))
                else:
                    rest.append((residence, travel, key))
            stored = dict(execute(_KEYS_OF, ([row[0] for row in rest],)).fetchall())
            latest: dict[str, str] = {}
            for residence, travel, key in rest:
                if stored.get(residence) != key:
                    raise IndexConflict()
                latest[residence] = travel
            execute(_UPDATE_BATCH, (list(latest), list(latest.values())))

    def remove(self, number: str | ResidencePermit | TravelPermit, /) -> bool:
        """Delete the link holding *number* (either document, any spelling); return whether one was.

        Raises like :meth:`resolve` for an invalid number.  PostgreSQL keeps
        deleted rows on disk until ``VACUUM`` reclaims them, and in its
        write-ahead log and backups: see docs/services.md.
        """
        document = _document(number)
        if isinstance(document, ResidencePermit):
            cursor = self._pg.execute(_DELETE_BY_RESIDENCE, (document.number,))
        else:
            cursor = self._pg.execute(_DELETE_BY_TRAVEL, (document.lifelong_number,))
        return cursor.rowcount > 0

    # -- reading -----------------------------------------------------------------------

    def resolve(self, number: str | ResidencePermit | TravelPermit, /) -> PermitLink | None:
        """Return the stored link for a residence or travel permit number, or None.

        Any accepted spelling finds the link, as with :meth:`IdentityIndex.resolve`.
        """
        document = _document(number)
        execute = self._pg.execute
        if isinstance(document, ResidencePermit):
            row = execute(_BY_RESIDENCE, (document.number,)).fetchone()
            return None if row is None else PermitLink(document, row[1])
        row = execute(_BY_TRAVEL, (document.lifelong_number,)).fetchone()
        if row is None:
            return None
        return PermitLink(row[0], document if row[1] == document.number else row[1])

    def __iter__(self) -> Iterator[PermitLink]:
        """Yield every stored link, ordered by residence permit number."""
        for residence, travel in self._pg.execute(_ALL).fetchall():
            yield PermitLink(residence, travel)

    def __len__(self) -> int:
        row = self._pg.execute("SELECT count(*) FROM permit_links").fetchone()
        return int(row[0]) if row else 0

    # -- closing -----------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; an open transaction is rolled back.  Closing twice is harmless."""
        self._pg.close()

    def __repr__(self) -> str:
        # The URL may hold a password: show where the index is, not how to log in.
        info = self._pg.info
        return f"{type(self).__name__}(dbname={info.dbname!r}, host={info.host!r})"


def copy_links(
    source: IdentityIndex, target: IdentityIndex, /, *, batch_size: int = BATCH_SIZE
) -> int:
    """Copy every link of *source* into *target* in batches; return how many were copied.

    The migration path from an SQLite index file (1.0 or later) to
    PostgreSQL: ``copy_links(IdentityIndex.open("links.db"),
    IdentityIndex.open("postgresql://..."))``.  Each batch is one transaction
    of *target*; running it again after an interruption is safe (a link
    already there is not a conflict).  Raises
    :class:`~permitcheck.IndexConflict` if *target* holds a contradicting link.
    """
    copied = 0
    batch: list[PermitLink] = []
    for link in source:
        batch.append(link)
        if len(batch) >= batch_size:
            target.add_many(batch)
            copied += len(batch)
            batch = []
    target.add_many(batch)
    return copied + len(batch)
