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
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from permitcheck.errors import IndexConflict
from permitcheck.index import _PLAIN as _SQLITE_PLAIN
from permitcheck.index import _PSEUDONYMISED as _SQLITE_PSEUDONYMISED
from permitcheck.index import IdentityIndex
from permitcheck.linking import PermitLink, _document, pseudonym
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

__all__ = [
    "BATCH_SIZE",
    "PSEUDONYMISED_SCHEMA",
    "PSEUDONYMISED_SCHEMA_VERSION",
    "SCHEMA",
    "SCHEMA_VERSION",
    "PostgresIdentityIndex",
    "copy_links",
]

#: The schema version of a plain index, as in the SQLite file (``PRAGMA user_version``).
SCHEMA_VERSION: Final = 1
#: Links sent to the server in one statement by :meth:`PostgresIdentityIndex.add_many`.
BATCH_SIZE: Final = 10_000
#: How often a transaction PostgreSQL aborted to break a deadlock is tried again.
RETRIES: Final = 8

#: The schema version of a pseudonymised index (``secret=``), as in the SQLite file.
PSEUDONYMISED_SCHEMA_VERSION: Final = 2

#: The one table definition both backends create: the SQLite index's own
#: statement (:mod:`permitcheck.index`), from which the PostgreSQL one is
#: derived (without ``WITHOUT ROWID``).  One row per person: ``travel_key`` is
#: the travel permit's lifelong number, the same for every spelling and
#: renewal of one permit.
SCHEMA: Final = _SQLITE_PLAIN.create[0].strip()
#: The tables of a pseudonymised index: keyed pseudonyms instead of numbers,
#: and the check that recognises the key (as in the SQLite file).
PSEUDONYMISED_SCHEMA: Final = _SQLITE_PSEUDONYMISED.create
# The number whose pseudonym recognises the key: a public specimen.
_KEY_CHECK: Final = "810000199408230021"

# The version stamp: SQLite keeps it in PRAGMA user_version, PostgreSQL here.
_META: Final = "CREATE TABLE permit_index_meta (schema_version integer NOT NULL)"
# Serialises the creation of the tables by concurrent first openers (a lock
# of the database, held to the end of that transaction).
_SETUP_LOCK: Final = "SELECT pg_advisory_xact_lock(7092648313827541099)"
# A query of the catalog (not to_regclass, whose cache may lag behind another
# session's commit): which of the names are tables in the schema tables go to.
_TABLES: Final = (
    "SELECT tablename FROM pg_catalog.pg_tables"
    " WHERE schemaname = current_schema() AND tablename = ANY(%s)"
)


class _Statements(NamedTuple):
    """The SQL of one kind of index, written once for both kinds by :func:`_statements`."""

    version: int
    tables: tuple[str, ...]
    create: tuple[str, ...]
    add: str
    add_batch: str
    keys_of: str
    update_batch: str | None
    by_residence: str
    by_travel: str
    every: str
    count_all: str
    delete_by_residence: str
    delete_by_travel: str


def _table_name(create: str) -> str:
    # "CREATE TABLE [IF NOT EXISTS] name (" -> name
    return create.split("(", 1)[0].rsplit(maxsplit=1)[-1]


def _statements(  # noqa: PLR0913, PLR0917 - one parameter per schema fact
    version: int, create: tuple[str, ...], table: str, residence: str, travel: str | None, key: str
) -> _Statements:
    # A plain index stores the travel permit number as given (travel); a
    # pseudonymised one has no number to store (travel is None), and its rows
    # are (residence pseudonym, travel pseudonym).
    columns = f"{residence}, {travel}, {key}" if travel else f"{residence}, {key}"
    values = "%s, %s, %s" if travel else "%s, %s"
    update = f"{travel} = EXCLUDED.{travel}" if travel else f"{key} = EXCLUDED.{key}"
    arrays = "%s::text[], %s::text[], %s::text[]" if travel else "%s::text[], %s::text[]"
    names = "r, t, k" if travel else "r, k"
    shown = travel or residence
    return _Statements(
        version=version,
        tables=(*(_table_name(statement) for statement in create), "permit_index_meta"),
        create=tuple(statement.removesuffix(" WITHOUT ROWID") for statement in create),
        add=(
            f"INSERT INTO {table} ({columns}) VALUES ({values})"
            f" ON CONFLICT ({residence}) DO UPDATE SET {update}"
            f" WHERE {table}.{key} = EXCLUDED.{key} RETURNING 1"
        ),
        add_batch=(
            f"INSERT INTO {table} ({columns}) SELECT {names} FROM unnest({arrays})"
            f" WITH ORDINALITY AS u({names}, n) ORDER BY n ON CONFLICT DO NOTHING"
            f" RETURNING {residence}, {key}"
        ),
        keys_of=f"SELECT {residence}, {key} FROM {table} WHERE {residence} = ANY(%s)",
        update_batch=(
            f"UPDATE {table} SET {travel} = u.t FROM unnest(%s::text[], %s::text[]) AS u(r, t)"
            f" WHERE {table}.{residence} = u.r"
            if travel
            else None
        ),
        by_residence=f"SELECT {residence}, {shown} FROM {table} WHERE {residence} = %s",
        by_travel=f"SELECT {residence}, {shown} FROM {table} WHERE {key} = %s",
        every=f"SELECT {residence}, {shown} FROM {table} ORDER BY {residence}",
        count_all=f"SELECT count(*) FROM {table}",
        delete_by_residence=f"DELETE FROM {table} WHERE {residence} = %s",
        delete_by_travel=f"DELETE FROM {table} WHERE {key} = %s",
    )


_PLAIN: Final = _statements(
    SCHEMA_VERSION, (SCHEMA,), "permit_links", "residence_permit", "travel_permit", "travel_key"
)
_PSEUDONYMISED: Final = _statements(
    PSEUDONYMISED_SCHEMA_VERSION,
    PSEUDONYMISED_SCHEMA,
    "permit_pseudonyms",
    "residence_pseudonym",
    None,
    "travel_pseudonym",
)
# The errors after which PostgreSQL has rolled the whole transaction back and
# trying it again may succeed.
_TRANSIENT: Final = (_errors.DeadlockDetected, _errors.SerializationFailure)

_Row = tuple[str, ...]


def _check_link(link: object) -> PermitLink:
    if not isinstance(link, PermitLink):
        raise TypeError(f"expected a PermitLink, got {type(link).__name__}")
    return link


def _secret_or_none(secret: object) -> object:
    if isinstance(secret, bytes | bytearray):
        from permitcheck.privacy import PseudonymKey  # noqa: PLC0415

        return PseudonymKey(bytes(secret))  # raises WeakSecret under 32 bytes
    return secret  # None, or a key object: pseudonym() judges it


class PostgresIdentityIndex(IdentityIndex):
    """An :class:`~permitcheck.IdentityIndex` kept in a PostgreSQL database.

    Open it with ``IdentityIndex.open(url)`` for a ``postgresql://`` URL (any
    libpq connection string works here too).  The tables are created in the
    connection's first schema on first use.  *timeout* is how many seconds
    a write waits for another transaction's lock (``lock_timeout``) and for
    the connection.  One object holds one connection and belongs to one
    thread.  With *secret* (a :class:`~permitcheck.PseudonymKey`, or at least
    32 random bytes) the index is pseudonymised: it
    stores only keyed pseudonyms, :meth:`resolve_pseudonym` finds a person's
    pseudonym from any spelling of either number, and :meth:`resolve` and
    iteration raise :class:`TypeError`.  Raises :class:`ValueError` for an
    index of an unknown schema version, of the other kind (plain or
    pseudonymised) than *secret* asks for, created with another key, or a
    table of that name that is not ours.
    """

    __slots__ = ("_key", "_pg", "_sql")

    _pg: psycopg.Connection[tuple[Any, ...]]

    def __init__(self, url: str, *, timeout: float = 30.0, secret: object = None) -> None:
        self._key = _secret_or_none(secret)
        self._sql = _PLAIN if self._key is None else _PSEUDONYMISED
        self._depth = 0
        self._path = url
        connection = psycopg.connect(url, autocommit=True, connect_timeout=max(1, round(timeout)))
        self._pg = connection
        try:
            connection.execute(f"SET lock_timeout = {int(timeout * 1000)}")
            self._create_tables()
        except BaseException:
            connection.close()
            raise

    def _exists(self) -> list[bool]:
        names = self._sql.tables
        found = {row[0] for row in self._pg.execute(_TABLES, (list(names),)).fetchall()}
        return [name in found for name in names]

    def _create_tables(self) -> None:
        if all(self._exists()):
            self._check_version()
            return
        execute = self._pg.execute
        for attempt in range(RETRIES):  # pragma: no branch - the last attempt raises
            try:
                with self.transaction():
                    execute(_SETUP_LOCK)
                    *data, meta = self._exists()
                    if meta:
                        self._check_version()
                    if not (meta and all(data)):
                        if meta or any(data):  # a stamp without tables, or tables without one
                            raise ValueError(
                                "the database has tables of the index's names that are not an index"
                            )
                        for statement in self._sql.create:
                            execute(statement)
                        if self._key is not None:
                            execute("INSERT INTO permit_index_key VALUES (%s)", (self._check(),))
                        execute(_META)
                        execute("INSERT INTO permit_index_meta VALUES (%s)", (self._sql.version,))
                return
            except (_errors.DuplicateTable, _errors.UniqueViolation):
                # Another process created the tables after this one looked
                # (catalog lookups may see a slightly old state): look again.
                if attempt == RETRIES - 1:
                    raise

    def _check_version(self) -> None:
        execute = self._pg.execute
        versions = execute("SELECT schema_version FROM permit_index_meta").fetchall()
        if versions != [(self._sql.version,)]:
            if versions == [(_PSEUDONYMISED.version,)]:
                raise ValueError("the index is pseudonymised: open it with its secret=")
            if versions == [(_PLAIN.version,)]:
                raise ValueError("the index stores numbers: open it without secret=")
            raise ValueError(f"unsupported identity index schema version {versions}")
        if self._key is not None:
            stored = execute("SELECT key_check FROM permit_index_key").fetchall()
            if stored != [(self._check(),)]:
                raise ValueError("the pseudonym key does not fit the index")

    def _check(self) -> str:
        # Hashed once more, so that it equals no stored pseudonym.
        import hashlib  # noqa: PLC0415 - only pseudonymised indexes need it

        return hashlib.sha256(self._pseudonym(_KEY_CHECK).encode("ascii")).hexdigest()

    def _pseudonym(self, value: object) -> str:
        return pseudonym(value, secret=self._key)  # type: ignore[arg-type]

    def _row(self, link: object) -> _Row:
        pair = _check_link(link)
        travel = pair.travel_permit
        if self._key is None:
            return (pair.residence_permit.number, travel.number, travel.lifelong_number)
        return (self._pseudonym(pair.residence_permit), self._pseudonym(travel))

    def _lookup_key(self, document: ResidencePermit | TravelPermit) -> str:
        if self._key is not None:
            return self._pseudonym(document)
        if isinstance(document, ResidencePermit):
            return document.number
        return document.lifelong_number

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        /,
        *,
        timeout: float = 30.0,
        secret: object = None,
    ) -> IdentityIndex:
        """Open (or create) the index in the PostgreSQL database at the URL *path*."""
        return cls(os.fspath(path), timeout=timeout, secret=secret)

    @property
    def pseudonymised(self) -> bool:
        """Whether the index stores pseudonyms instead of numbers."""
        return self._key is not None

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
        row = self._row(link)
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
            stored = self._pg.execute(self._sql.add, row).fetchone()
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
        rows = [self._row(link) for link in links]
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
        sql = self._sql
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            columns = [list(column) for column in zip(*batch, strict=True)]
            inserted = set(map(tuple, execute(sql.add_batch, columns).fetchall()))
            if len(inserted) == len(batch):
                continue
            # A link not inserted is only the same person again if its
            # residence permit is stored with this very travel key; then the
            # travel permit number given last is kept.
            rest: list[_Row] = []
            for row in batch:
                pair = (row[0], row[-1])
                if pair in inserted:
                    inserted.discard(pair)
                else:
                    rest.append(row)
            stored = dict(execute(sql.keys_of, ([row[0] for row in rest],)).fetchall())
            latest: dict[str, str] = {}
            for row in rest:
                if stored.get(row[0]) != row[-1]:
                    raise IndexConflict()
                latest[row[0]] = row[1]
            if sql.update_batch is not None:
                execute(sql.update_batch, (list(latest), list(latest.values())))

    def remove(self, number: str | ResidencePermit | TravelPermit, /) -> bool:
        """Delete the link holding *number* (either document, any spelling); return whether one was.

        Raises like :meth:`resolve` for an invalid number.  PostgreSQL keeps
        deleted rows on disk until ``VACUUM`` reclaims them, and in its
        write-ahead log and backups: see docs/services.md.
        """
        document = _document(number)
        sql = self._sql
        if isinstance(document, ResidencePermit):
            statement = sql.delete_by_residence
        else:
            statement = sql.delete_by_travel
        return self._pg.execute(statement, (self._lookup_key(document),)).rowcount > 0

    def checkpoint(self) -> None:
        """Do nothing: PostgreSQL manages its own write-ahead log (see :meth:`remove`)."""

    # -- reading -----------------------------------------------------------------------

    def _plain_only(self, what: str) -> None:
        if self._key is not None:
            raise TypeError(
                f"a pseudonymised index holds no numbers to {what}: use resolve_pseudonym()"
            )

    def resolve(self, number: str | ResidencePermit | TravelPermit, /) -> PermitLink | None:
        """Return the stored link for a residence or travel permit number, or None.

        Any accepted spelling finds the link, as with :meth:`IdentityIndex.resolve`.
        Raises :class:`TypeError` for a pseudonymised index.
        """
        document = _document(number)
        self._plain_only("resolve")
        execute = self._pg.execute
        if isinstance(document, ResidencePermit):
            row = execute(_PLAIN.by_residence, (document.number,)).fetchone()
            return None if row is None else PermitLink(document, row[1])
        row = execute(_PLAIN.by_travel, (document.lifelong_number,)).fetchone()
        if row is None:
            return None
        return PermitLink(row[0], document if row[1] == document.number else row[1])

    def resolve_pseudonym(self, number: str | ResidencePermit | TravelPermit, /) -> str | None:
        """Return the holder's pseudonym for a residence or travel permit number, or None.

        Only for a pseudonymised index: ``permitcheck.pseudonym(residence_permit,
        secret=key)`` of the person's residence permit, found from any spelling
        of either number.
        """
        document = _document(number)
        if self._key is None:
            raise TypeError(
                "resolve_pseudonym() needs a pseudonymised index (open it with secret=)"
            )
        statement = (
            _PSEUDONYMISED.by_residence
            if isinstance(document, ResidencePermit)
            else _PSEUDONYMISED.by_travel
        )
        row = self._pg.execute(statement, (self._pseudonym(document),)).fetchone()
        return None if row is None else str(row[0])

    def __iter__(self) -> Iterator[PermitLink]:
        """Yield every stored link, ordered by residence permit number."""
        self._plain_only("list")
        for residence, travel in self._pg.execute(_PLAIN.every).fetchall():
            yield PermitLink(residence, travel)

    def __len__(self) -> int:
        row = self._pg.execute(self._sql.count_all).fetchone()
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
