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

**What the file holds.**  A plain index file (and, until a checkpoint, its
``-wal`` file) holds every residence permit number and travel permit number
added to it, unmasked: personal data.  It is created readable and writable
by its owner only (mode 0600, whatever the umask), and a file that others may
read or write, or a symbolic link, is refused.  ``IdentityIndex.open(path,
secret=key)`` stores keyed pseudonyms (HMAC-SHA256) instead of numbers: a
stolen file then yields no number without the key.  :meth:`IdentityIndex.remove`
deletes a link and empties the write-ahead log, so the numbers are gone from
both files.

>>> from permitcheck import link
>>> with IdentityIndex() as index:
...     index.add(link("810000199408230021", "H1038787700"))
...     index.resolve("h10387877").residence_permit.number
'810000199408230021'
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final, NamedTuple, NoReturn

from permitcheck.errors import IndexConflict, PermitError
from permitcheck.linking import PermitLink, _document, pseudonym
from permitcheck.privacy import PseudonymKey
from permitcheck.residence import ResidencePermit

if TYPE_CHECKING:
    from types import TracebackType

    from permitcheck.travel import TravelPermit

__all__ = [
    "APPLICATION_ID",
    "PSEUDONYMISED_SCHEMA_VERSION",
    "QUICK_CHECK_LIMIT",
    "SCHEMA_VERSION",
    "IdentityIndex",
    "IndexCorrupt",
    "IndexForeignFile",
    "IndexKeyMismatch",
    "IndexNotWritable",
    "IndexUnsafeFile",
]

#: The schema version stored in ``PRAGMA user_version`` by a plain index (numbers).
SCHEMA_VERSION: Final = 1
#: The schema version of a pseudonymised index (``open(path, secret=key)``).
PSEUDONYMISED_SCHEMA_VERSION: Final = 2
#: ``PRAGMA application_id`` of every index file: the bytes ``pmck``.  Files
#: written by permitcheck 1.0 carry 0 and are recognised by their table.
APPLICATION_ID: Final = 0x706D636B


# -- errors ---------------------------------------------------------------------------
# Defined here, not in permitcheck.errors, because they also subclass sqlite3's
# errors and `import permitcheck` must not import sqlite3.


class IndexCorrupt(PermitError, sqlite3.DatabaseError):
    """The index file is damaged (truncated, overwritten) or not an SQLite database.

    Also a :class:`sqlite3.DatabaseError`, as SQLite's own error was.
    """

    code = "index_corrupt"


class IndexForeignFile(PermitError):
    """The file is another application's SQLite database, or an unknown schema version.

    Nothing is written into it.  An SQLite file with no table at all is
    adopted as a new index.
    """

    code = "index_foreign"


class IndexUnsafeFile(PermitError):
    """The index file (or its ``-wal``/``-shm``) is a symbolic link, or others may read or write it.

    An index holds personal data: it must be a regular file with mode 0600
    (no permission for group or others).  ``chmod 600`` the file to use it.
    """

    code = "index_unsafe_file"


class IndexNotWritable(PermitError, sqlite3.OperationalError):
    """The index file, or its directory, is read-only: SQLite cannot create the file or its log.

    A file index needs to write its ``-wal`` and ``-shm`` files beside the
    database, so its directory must be writable.  Also a
    :class:`sqlite3.OperationalError`, as SQLite's own error was.
    """

    code = "index_not_writable"


class IndexKeyMismatch(PermitError):
    """The pseudonym key does not fit the index.

    The index was created with another key, or a key was given for a plain
    index, or none for a pseudonymised one.
    """

    code = "index_key"


# -- the schema and statements --------------------------------------------------------
# Everything a backend needs to know about the tables, in one place.  The
# statements use the qmark parameter style ("?"); a backend with another
# style (PostgreSQL's "%s") can translate them mechanically.  Each row is one
# person: `residence` is the residence permit number (or its pseudonym),
# `travel_key` the travel permit's lifelong number (or its pseudonym): the
# same for every spelling and renewal of one permit, unique across kinds
# (H/M + 8 digits, 8 digits for Taiwan), so it identifies the holder's travel
# permit.  A plain index also keeps the travel permit number as given last.


class _Schema(NamedTuple):
    version: int
    tables: frozenset[str]
    create: tuple[str, ...]
    #: (residence, travel permit, travel key) for a plain index; (residence, travel key).
    insert: str
    key_of_residence: str
    #: (travel permit, residence); None for a pseudonymised index (nothing to update).
    update: str | None
    by_residence: str
    by_travel: str
    every: str
    count_all: str
    delete_by_residence: str
    delete_by_travel: str


_PLAIN: Final = _Schema(
    version=SCHEMA_VERSION,
    tables=frozenset({"permit_links"}),
    create=(
        """CREATE TABLE permit_links (
            residence_permit TEXT NOT NULL PRIMARY KEY,
            travel_permit TEXT NOT NULL,
            travel_key TEXT NOT NULL UNIQUE
        ) WITHOUT ROWID""",
    ),
    insert=(
        "INSERT INTO permit_links (residence_permit, travel_permit, travel_key) VALUES (?, ?, ?)"
    ),
    key_of_residence="SELECT travel_key FROM permit_links WHERE residence_permit = ?",
    update="UPDATE permit_links SET travel_permit = ? WHERE residence_permit = ?",
    by_residence=(
        "SELECT residence_permit, travel_permit FROM permit_links WHERE residence_permit = ?"
    ),
    by_travel="SELECT residence_permit, travel_permit FROM permit_links WHERE travel_key = ?",
    every="SELECT residence_permit, travel_permit FROM permit_links ORDER BY residence_permit",
    count_all="SELECT count(*) FROM permit_links",
    delete_by_residence="DELETE FROM permit_links WHERE residence_permit = ?",
    delete_by_travel="DELETE FROM permit_links WHERE travel_key = ?",
)

_PSEUDONYMISED: Final = _Schema(
    version=PSEUDONYMISED_SCHEMA_VERSION,
    tables=frozenset({"permit_pseudonyms", "permit_index_key"}),
    create=(
        """CREATE TABLE permit_pseudonyms (
            residence_pseudonym TEXT NOT NULL PRIMARY KEY,
            travel_pseudonym TEXT NOT NULL UNIQUE
        ) WITHOUT ROWID""",
        # One row: SHA-256 of the pseudonym of _KEY_CHECK, to recognise the key.
        "CREATE TABLE permit_index_key (key_check TEXT NOT NULL)",
    ),
    insert="INSERT INTO permit_pseudonyms (residence_pseudonym, travel_pseudonym) VALUES (?, ?)",
    key_of_residence=(
        "SELECT travel_pseudonym FROM permit_pseudonyms WHERE residence_pseudonym = ?"
    ),
    update=None,
    by_residence=(
        "SELECT residence_pseudonym FROM permit_pseudonyms WHERE residence_pseudonym = ?"
    ),
    by_travel="SELECT residence_pseudonym FROM permit_pseudonyms WHERE travel_pseudonym = ?",
    every="SELECT residence_pseudonym FROM permit_pseudonyms ORDER BY residence_pseudonym",
    count_all="SELECT count(*) FROM permit_pseudonyms",
    delete_by_residence="DELETE FROM permit_pseudonyms WHERE residence_pseudonym = ?",
    delete_by_travel="DELETE FROM permit_pseudonyms WHERE travel_pseudonym = ?",
)
_KEY_CHECK_INSERT: Final = "INSERT INTO permit_index_key (key_check) VALUES (?)"
_KEY_CHECK_SELECT: Final = "SELECT key_check FROM permit_index_key"
#: The number whose pseudonym recognises the key of a pseudonymised index:
#: a public specimen (Beijing Public Security Bureau), not a person's number.
_KEY_CHECK: Final = "810000199408230021"
_SCHEMAS: Final = {_PLAIN.version: _PLAIN, _PSEUDONYMISED.version: _PSEUDONYMISED}
_STAMP: Final = (
    "SELECT (SELECT application_id FROM pragma_application_id),"
    " (SELECT user_version FROM pragma_user_version),"
    " (SELECT group_concat(name, ' ') FROM sqlite_master"
    "  WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\')"
)

# SQLite's primary result codes (the low byte of sqlite_errorcode).
_SQLITE_PERM: Final = 3
_SQLITE_BUSY: Final = 5
_SQLITE_LOCKED: Final = 6
_SQLITE_READONLY: Final = 8
_SQLITE_CORRUPT: Final = 11
_SQLITE_CANTOPEN: Final = 14
_SQLITE_NOTADB: Final = 26
_CORRUPTION: Final = frozenset({_SQLITE_CORRUPT, _SQLITE_NOTADB})
_NOT_WRITABLE: Final = frozenset({_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN})
_WAITING: Final = frozenset({_SQLITE_BUSY, _SQLITE_LOCKED})

#: Files up to this size get ``PRAGMA quick_check`` when opened (a few ms per MiB).
QUICK_CHECK_LIMIT: Final = 16 * 1024 * 1024
_MEMORY: Final = ":memory:"
_PAGE_SIZES: Final = frozenset(1 << shift for shift in range(9, 17))
_HEADER: Final = b"SQLite format 3\x00"
# The files SQLite keeps beside a database.
_SIDE_FILES: Final = ("-wal", "-shm", "-journal")
# Read or write permission for group or others.
_SHARED_MODE: Final = 0o066
_POSIX: Final = os.name == "posix"
_CREATE_FLAGS: Final = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _primary(error: BaseException) -> int:
    code: int = getattr(error, "sqlite_errorcode", 0)
    return code & 0xFF


def _raise_translated(error: BaseException, path: str) -> NoReturn:
    """Raise our error for SQLite's *error* (any other error counts as damage), or *error*."""
    code = _primary(error) if isinstance(error, sqlite3.Error) else _SQLITE_CORRUPT
    if code in _CORRUPTION:
        raise IndexCorrupt(f"{IndexCorrupt.message} ({path})") from error
    if code in _NOT_WRITABLE:
        raise IndexNotWritable(f"{IndexNotWritable.message} ({path})") from error
    raise error  # "locked" and other operational errors stay SQLite's


def _check_file(path: str) -> None:
    """Refuse a symbolic link, a non-regular file, or one that others may read or write."""
    for name in (path, *(path + suffix for suffix in _SIDE_FILES)):
        try:
            info = os.lstat(name)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode) or (_POSIX and info.st_mode & _SHARED_MODE):
            raise IndexUnsafeFile(f"{IndexUnsafeFile.message} ({name})")


def _create_file(path: str) -> None:
    """Create *path* empty with mode 0600 unless it exists.

    SQLite creates the ``-wal`` and ``-shm`` files with the database file's
    mode, so they are 0600 too.
    """
    try:
        descriptor = os.open(path, _CREATE_FLAGS, 0o600)
    except FileExistsError:
        return  # or a symbolic link: _check_file refuses it
    except PermissionError as error:
        raise IndexNotWritable(f"{IndexNotWritable.message} ({path})") from error
    try:
        os.fchmod(descriptor, 0o600)  # the umask may have removed the owner's bits
    finally:
        os.close(descriptor)


def _check_size(path: str) -> None:
    """Refuse a file cut short: its size must be whole pages, as many as its header says.

    O(1): reads the 100-byte header.  The page count in the header is
    trusted only when it is current (its "valid-for" counter equals the
    change counter) and no write-ahead log holds newer pages.
    """
    with open(path, "rb") as file:
        header = file.read(100)
        size = os.fstat(file.fileno()).st_size
    if not header.startswith(_HEADER):
        return  # empty (a new index), or not SQLite at all: SQLite says which
    if len(header) < 100:
        raise IndexCorrupt(f"{IndexCorrupt.message} ({path})")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    current = header[24:28] == header[92:96]
    try:
        log = os.stat(path + "-wal").st_size
    except FileNotFoundError:
        log = 0
    if (
        page_size not in _PAGE_SIZES
        or size % page_size
        or (current and not log and pages * page_size != size)
    ):
        raise IndexCorrupt(f"{IndexCorrupt.message} ({path})")


_POSTGRES_SCHEMES: Final = ("postgresql://", "postgres://")


def _enable_wal(connection: sqlite3.Connection, timeout: float) -> None:
    # Write-ahead logging: readers never block the writer, and a crash rolls
    # back only the transaction that was not committed.  Switching a new file
    # to WAL needs an exclusive lock, and SQLite may report "locked" at once,
    # without waiting, while another process switches the same new file (its
    # deadlock avoidance).  So wait here, in small steps, up to *timeout*;
    # any other error (a read-only directory) is raised at once.
    deadline = time.monotonic() + timeout
    # The wait that sqlite3.connect(timeout=) set, restored afterwards.
    (waits,) = connection.execute("PRAGMA busy_timeout").fetchone()
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if _primary(error) not in _WAITING or time.monotonic() >= deadline:
                    raise
            time.sleep(0.005)
    finally:
        connection.execute(f"PRAGMA busy_timeout = {waits}")


def _key_or_none(secret: PseudonymKey | bytes | bytearray | None) -> PseudonymKey | None:
    # PseudonymKey refuses a secret shorter than 32 bytes (WeakSecret, a
    # ValueError) and anything but bytes or a key (TypeError).
    return None if secret is None else PseudonymKey(secret)


class IdentityIndex:
    """Links between residence permits and travel permits, one per person.

    ``IdentityIndex()`` keeps them in memory; ``IdentityIndex.open(path)`` in
    an SQLite file that survives restarts (created if missing, mode 0600).
    Use it as a context manager, or call :meth:`close`.  One index object
    belongs to one thread; open one per thread or process instead.

    Each write is a transaction: :meth:`add` one link, :meth:`add_many` a
    batch, :meth:`remove` one, or any mix inside ``with index.transaction():``.
    A link that contradicts a stored one -- the same residence permit with
    another travel permit, or the same travel permit with another residence
    permit -- raises :class:`~permitcheck.IndexConflict` and the whole
    transaction changes nothing.  Adding a link that agrees with a stored one
    (the same two documents, possibly another spelling or renewal of the
    travel permit) is not a conflict: the stored travel permit number becomes
    the one given last.

    With *secret* (a :class:`permitcheck.PseudonymKey`, or at least 32
    random bytes) the index is *pseudonymised*: it stores only keyed
    pseudonyms, :meth:`resolve_pseudonym` finds a person's pseudonym from
    any spelling of either number, and :meth:`resolve` and iteration, which
    would need the numbers, raise :class:`TypeError`.

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
    >>> index.remove("H10387877"), len(index)
    (True, 1)
    >>> index.close()
    """

    __slots__ = ("_connection", "_depth", "_path", "_removed", "_schema", "_secret")

    def __init__(
        self,
        path: str | os.PathLike[str] = _MEMORY,
        *,
        timeout: float = 30.0,
        secret: PseudonymKey | bytes | bytearray | None = None,
    ) -> None:
        self._path = name = os.fspath(path)
        self._secret = _key_or_none(secret)
        self._depth = 0
        self._removed = False
        in_file = name != _MEMORY
        if in_file:
            _create_file(name)
            _check_file(name)
            _check_size(name)
        # isolation_level=None: the sqlite3 module opens no transactions of
        # its own; transaction() issues BEGIN IMMEDIATE / COMMIT itself.
        connection = sqlite3.connect(name, timeout=timeout, isolation_level=None)
        self._connection = connection
        try:
            self._schema = self._setup(in_file, timeout)
        except sqlite3.Error as error:
            connection.close()
            _raise_translated(error, name)
        except BaseException:
            connection.close()
            raise

    def _setup(self, in_file: bool, timeout: float) -> _Schema:
        """Recognise (or create) the index in the open file; return its schema.

        Reads only, unless the file is new: a reader opens at once while
        another process holds the write lock for a long import.
        """
        connection = self._connection
        # Deleted content is overwritten with zeros, in the file and the log.
        connection.execute("PRAGMA secure_delete = ON")
        wanted = _PLAIN if self._secret is None else _PSEUDONYMISED
        schema = self._recognise(wanted)
        if in_file and connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _enable_wal(connection, timeout)
        if schema is None:
            with self.transaction():
                # Another process may have created it since: look again.
                schema = self._recognise(wanted)
                if schema is None:
                    schema = wanted
                    for statement in wanted.create:
                        connection.execute(statement)
                    if wanted is _PSEUDONYMISED:
                        connection.execute(_KEY_CHECK_INSERT, (self._key_check(),))
                    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    connection.execute(f"PRAGMA user_version = {wanted.version}")
        elif in_file and os.path.getsize(self._path) <= QUICK_CHECK_LIMIT:
            self._quick_check()
        if schema is _PSEUDONYMISED:
            stored = connection.execute(_KEY_CHECK_SELECT).fetchall()
            if stored != [(self._key_check(),)]:
                raise IndexKeyMismatch()
        return schema

    def _recognise(self, wanted: _Schema) -> _Schema | None:
        """Return the schema of the file, None if it holds nothing; refuse anything else."""
        application, version, names = self._connection.execute(_STAMP).fetchone()
        tables = frozenset(names.split()) if names else frozenset()
        if not tables and not version and application in (0, APPLICATION_ID):
            return None  # a new file, or an empty database: ours to fill
        schema = _SCHEMAS.get(version)
        ours = application == APPLICATION_ID or (application == 0 and schema is _PLAIN)
        if not ours or schema is None or tables != schema.tables:
            raise IndexForeignFile()
        if schema is not wanted:
            raise IndexKeyMismatch()
        return schema

    def _quick_check(self) -> None:
        rows = self._connection.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise IndexCorrupt(f"{IndexCorrupt.message} ({self._path})")

    def _key_check(self) -> str:
        # Hashed once more, so that it equals no stored pseudonym (the
        # specimen's own, should it ever be added).
        import hashlib  # noqa: PLC0415 - only pseudonymised indexes need it

        return hashlib.sha256(self._pseudonym(_KEY_CHECK).encode("ascii")).hexdigest()

    def _pseudonym(self, value: object) -> str:
        return pseudonym(value, self._secret)  # type: ignore[arg-type]

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        /,
        *,
        timeout: float = 30.0,
        secret: PseudonymKey | bytes | bytearray | None = None,
    ) -> IdentityIndex:
        """Open (or create) the index stored in the SQLite file *path*.

        A new file is created with mode 0600 (owner only), and SQLite gives
        its ``-wal`` and ``-shm`` files the same mode.  *timeout* is how many
        seconds a write waits for another process's transaction to finish
        before :class:`sqlite3.OperationalError` is raised; opening an
        existing index only reads, so it never waits for a writer.  *secret*
        makes a pseudonymised index (see the class).

        Raises :class:`IndexUnsafeFile` for a symbolic link or a file that
        others may read or write, :class:`IndexNotWritable` when the file or
        its directory is read-only, :class:`IndexCorrupt` for a damaged file
        or one that is not SQLite (checked in O(1) by size, and by
        ``PRAGMA quick_check`` for files up to :data:`QUICK_CHECK_LIMIT`),
        :class:`IndexForeignFile` for another application's SQLite database
        or an unknown schema version (an SQLite file with no table is
        adopted), and :class:`IndexKeyMismatch` for a *secret* that does not
        fit the file.  Nothing is written into a refused file.  A
        ``postgresql://`` URL opens the index in PostgreSQL instead
        (:mod:`permitcheck.index_postgres`, extra ``permitcheck[postgres]``).
        """
        if isinstance(path, str) and path.startswith(_POSTGRES_SCHEMES):
            from permitcheck.index_postgres import PostgresIdentityIndex  # noqa: PLC0415

            return PostgresIdentityIndex(path, timeout=timeout, secret=secret)
        return cls(path, timeout=timeout, secret=secret)

    @property
    def pseudonymised(self) -> bool:
        """Whether the index stores pseudonyms instead of numbers."""
        return self._schema is _PSEUDONYMISED

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[IdentityIndex]:
        """Group writes into one transaction: all of them are kept, or none.

        Transactions nest (inner ones are savepoints).  The outermost one
        takes the file's write lock at once (``BEGIN IMMEDIATE``), so
        concurrent writers wait for each other instead of failing midway,
        even when a transaction reads before it writes.

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
                self._removed = False
                connection.execute("ROLLBACK")
            else:
                connection.execute(f"ROLLBACK TO s{depth}")
                connection.execute(f"RELEASE s{depth}")
            raise
        self._depth = depth
        if depth:
            connection.execute(f"RELEASE s{depth}")
            return
        connection.execute("COMMIT")
        if self._removed:
            self._removed = False
            self._empty_log()

    def _empty_log(self) -> None:
        # Copy the log into the file (where secure_delete zeroed the removed
        # rows) and truncate it, so no old frame keeps a removed number.
        busy, _, _ = self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise sqlite3.OperationalError(
                "database is locked: the link was removed, but another connection is reading,"
                " so the write-ahead log still holds it; call checkpoint() again later"
            )

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it.

        :meth:`remove` does this itself; call it again if that raised
        because another connection was reading.  Waits up to *timeout*
        for readers, then raises :class:`sqlite3.OperationalError`.
        """
        self._empty_log()

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
        schema = self._schema
        travel = link.travel_permit
        if schema.update is None:
            residence = self._pseudonym(link.residence_permit)
            travel_key = self._pseudonym(travel)
            row: tuple[str, ...] = (residence, travel_key)
        else:
            residence = link.residence_permit.number
            travel_key = travel.lifelong_number
            row = (residence, travel.number, travel_key)
        execute = self._connection.execute
        try:
            execute(schema.insert, row)
        except sqlite3.IntegrityError:
            # Either key is taken.  It is the same person only if the
            # residence permit is stored with this very travel permit.
            stored = execute(schema.key_of_residence, (residence,)).fetchone()
            if stored is None or stored[0] != travel_key:
                raise IndexConflict() from None
            if schema.update is not None:
                execute(schema.update, (travel.number, residence))

    def remove(self, number: str | ResidencePermit | TravelPermit, /) -> bool:
        """Delete the link holding *number* (either document, any spelling); return whether one was.

        The removed numbers are overwritten with zeros (``PRAGMA
        secure_delete``) and, when the outermost transaction commits, the
        write-ahead log is copied into the file and truncated (``PRAGMA
        wal_checkpoint(TRUNCATE)``), so neither file keeps them -- for
        deletion requests (PIPL art. 47).  Copies elsewhere (backups, the
        file system's free blocks) are not reached: run ``VACUUM`` on a
        copy-on-write file system, and delete backups separately.  Raises
        like :meth:`resolve` for an invalid number, and
        :class:`sqlite3.OperationalError` if another connection kept reading
        for longer than *timeout* (the link is removed; the log is emptied
        by the next :meth:`checkpoint`).
        """
        document = _document(number)
        schema = self._schema
        with self.transaction():
            if isinstance(document, ResidencePermit):
                statement = schema.delete_by_residence
                key = document.number if schema.update else self._pseudonym(document)
            else:
                statement = schema.delete_by_travel
                key = document.lifelong_number if schema.update else self._pseudonym(document)
            removed = self._connection.execute(statement, (key,)).rowcount > 0
            if removed:
                self._removed = True
        return removed

    # -- reading -----------------------------------------------------------------------

    def _plain_only(self, what: str) -> None:
        if self._schema is _PSEUDONYMISED:
            raise TypeError(
                f"a pseudonymised index holds no numbers to {what}: use resolve_pseudonym()"
            )

    def resolve(self, number: str | ResidencePermit | TravelPermit, /) -> PermitLink | None:
        """Return the stored link for a residence or travel permit number, or None.

        Any accepted spelling finds the link: a string longer than 13
        characters (after folding) is read as a residence permit number,
        any other as a travel permit number, looked up by its lifelong
        number.  Parsed documents are accepted too.  Raises the validation
        errors of :func:`~permitcheck.parse` or
        :func:`~permitcheck.parse_travel_permit` for an invalid number,
        :class:`IndexCorrupt` for a stored row that is not a valid link, and
        :class:`TypeError` for a pseudonymised index.
        """
        document = _document(number)
        self._plain_only("resolve")
        execute = self._connection.execute
        try:
            # The document already parsed is reused when it is the stored one.
            if isinstance(document, ResidencePermit):
                row = execute(_PLAIN.by_residence, (document.number,)).fetchone()
                return None if row is None else PermitLink(document, row[1])
            row = execute(_PLAIN.by_travel, (document.lifelong_number,)).fetchone()
            if row is None:
                return None
            return PermitLink(row[0], document if row[1] == document.number else row[1])
        except (sqlite3.DatabaseError, PermitError, TypeError) as error:
            # A row that does not parse, or SQLite finding damage, means the
            # file is damaged: never the caller's error.
            _raise_translated(error, self._path)

    def resolve_pseudonym(self, number: str | ResidencePermit | TravelPermit, /) -> str | None:
        """Return the holder's pseudonym for a residence or travel permit number, or None.

        Only for a pseudonymised index.  The pseudonym is
        ``permitcheck.pseudonym(residence_permit, secret=key)`` of the
        person's residence permit, found from any spelling of either number.

        >>> from permitcheck import link, pseudonym
        >>> from permitcheck import PseudonymKey
        >>> key = PseudonymKey.generate()
        >>> with IdentityIndex(secret=key) as index:
        ...     index.add(link("810000199408230021", "H1038787700"))
        ...     found = index.resolve_pseudonym("h10387877")
        >>> found == pseudonym("810000199408230021", secret=key)
        True
        """
        document = _document(number)
        if self._schema is not _PSEUDONYMISED:
            raise TypeError(
                "resolve_pseudonym() needs a pseudonymised index (open it with secret=)"
            )
        statement = (
            _PSEUDONYMISED.by_residence
            if isinstance(document, ResidencePermit)
            else _PSEUDONYMISED.by_travel
        )
        try:
            row = self._connection.execute(statement, (self._pseudonym(document),)).fetchone()
        except sqlite3.DatabaseError as error:
            _raise_translated(error, self._path)
        return None if row is None else str(row[0])

    def __iter__(self) -> Iterator[PermitLink]:
        """Yield every stored link, ordered by residence permit number (a plain index only)."""
        self._plain_only("iterate over")
        try:
            for residence, travel in self._connection.execute(_PLAIN.every):
                yield PermitLink(residence, travel)
        except (sqlite3.DatabaseError, PermitError, TypeError) as error:
            # A row that does not parse, or SQLite finding damage, means the
            # file is damaged: never the caller's error.
            _raise_translated(error, self._path)

    def __len__(self) -> int:
        count: int = self._connection.execute(self._schema.count_all).fetchone()[0]
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
