"""The index file: modes, refusals, damage, concurrency, deletion and pseudonyms (issues 9, 11).

Each test here is a regression test for a defect found by fault injection or
review: a file created world-readable, a symlink followed, 30 s of waiting in
a read-only directory, a truncated file opened silently, another
application's database written into, a reader blocked by a writer, a removed
number left in the write-ahead log.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path

import pytest
from stdnum import exceptions as stdnum_exceptions

import permitcheck
from permitcheck import (
    IdentityIndex,
    IndexConflict,
    IndexCorrupt,
    IndexForeignFile,
    IndexKeyMismatch,
    IndexNotWritable,
    IndexUnsafeFile,
    PermitError,
    PermitLink,
    error_class,
    index,
    link,
    pseudonym,
)
from permitcheck.generate import PermitGenerator
from permitcheck.messages import LANGUAGES, message

HK_RESIDENCE = "810000199408230021"  # public specimen
TW_RESIDENCE = "830000199201300022"  # public specimen
KEY = bytes(range(32))  # a test key: 32 bytes
OTHER_KEY = bytes(range(1, 33))
NOBODY = 65534


def distinct_links(count: int, seed: int = 11) -> list[PermitLink]:
    """*count* generated links of distinct people (no shared number or lifelong number)."""
    generator = PermitGenerator(seed)
    links: list[PermitLink] = []
    seen: set[str] = set()
    while len(links) < count:
        pair = generator.permit_link(max_birth_date=date(2020, 12, 31))
        keys = {pair.residence_permit.number, pair.travel_permit.lifelong_number}
        if not keys & seen:
            seen |= keys
            links.append(pair)
    return links


def raw_bytes(path: Path) -> bytes:
    """The database file and whatever its write-ahead log holds, as bytes."""
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def digit_runs(number: str, size: int = 8) -> set[bytes]:
    """Every run of *size* consecutive digits of *number*, as bytes."""
    digits = [run for run in re.findall(r"[0-9]+", number) if len(run) >= size]
    return {run[i : i + size].encode() for run in digits for i in range(len(run) - size + 1)}


def mode(path: Path | str) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def new_index(path: Path, links: list[PermitLink], **options: object) -> Path:
    with IdentityIndex.open(path, **options) as store:  # type: ignore[arg-type]
        store.add_many(links)
    return path


# -- file modes (issue 9.3) ------------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o000, 0o077, 0o277], ids=oct)
def test_the_file_and_its_log_are_created_0600_whatever_the_umask(
    tmp_path: Path, mask: int
) -> None:
    path = tmp_path / "links.db"
    with umask(mask), IdentityIndex.open(path) as store:
        store.add(link(HK_RESIDENCE, "H10387877"))
        modes = {suffix: mode(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")}
    assert {"": 0o600, "-wal": 0o600, "-shm": 0o600} == modes


@pytest.mark.parametrize("bits", [0o644, 0o666, 0o640, 0o604, 0o620, 0o602])
def test_an_existing_file_others_may_read_or_write_is_refused(tmp_path: Path, bits: int) -> None:
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H10387877")])
    path.chmod(bits)
    before = path.read_bytes()
    with pytest.raises(IndexUnsafeFile) as caught:
        IdentityIndex.open(path)
    assert ("index_unsafe_file", before, bits) == (caught.value.code, path.read_bytes(), mode(path))


def test_a_log_file_others_may_read_is_refused(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [])
    Path(f"{path}-wal").touch(mode=0o644)
    Path(f"{path}-wal").chmod(0o644)
    with pytest.raises(IndexUnsafeFile, match="-wal"):
        IdentityIndex.open(path)


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    target = new_index(tmp_path / "real.db", [link(HK_RESIDENCE, "H10387877")])
    path = tmp_path / "links.db"
    path.symlink_to(target)
    with pytest.raises(IndexUnsafeFile):
        IdentityIndex.open(path)


def test_a_dangling_symbolic_link_is_refused_and_its_target_not_created(tmp_path: Path) -> None:
    path = tmp_path / "links.db"
    path.symlink_to(tmp_path / "elsewhere.db")
    with pytest.raises(IndexUnsafeFile):
        IdentityIndex.open(path)
    assert not (tmp_path / "elsewhere.db").exists()


def test_a_directory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "links.db"
    path.mkdir(mode=0o700)
    with pytest.raises(IndexUnsafeFile):
        IdentityIndex.open(path)


def test_a_private_file_opens(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H10387877")])
    path.chmod(0o400 | 0o200)
    with IdentityIndex.open(path) as store:
        assert 1 == len(store)


# -- a read-only directory (issue 11) --------------------------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory an unprivileged user can reach (pytest's tmp_path is 0700 root's)."""
    path = Path(tempfile.mkdtemp(prefix="permitcheck-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        path.chmod(0o755)
        shutil.rmtree(path)


def unprivileged() -> AbstractContextManager[None]:
    """Run as nobody while inside: root ignores directory permissions, nobody does not."""
    if os.geteuid() != 0:
        return nullcontext()

    @contextmanager
    def as_nobody() -> Iterator[None]:
        os.seteuid(NOBODY)
        try:
            yield
        finally:
            os.seteuid(0)

    return as_nobody()


def _chown(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, NOBODY, -1)


def test_a_new_file_in_a_read_only_directory_fails_at_once(shared_dir: Path) -> None:
    read_only = shared_dir / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    start = time.monotonic()
    with unprivileged(), pytest.raises(IndexNotWritable) as caught:
        IdentityIndex.open(read_only / "links.db", timeout=30)
    elapsed = time.monotonic() - start
    assert ("index_not_writable", True) == (caught.value.code, elapsed < 1), elapsed


def test_an_index_in_a_read_only_directory_fails_at_once(shared_dir: Path) -> None:
    read_only = shared_dir / "ro"
    read_only.mkdir()
    path = new_index(read_only / "links.db", [link(HK_RESIDENCE, "H10387877")])
    _chown(path)
    read_only.chmod(0o555)
    start = time.monotonic()
    with unprivileged(), pytest.raises(IndexNotWritable) as caught:
        IdentityIndex.open(path, timeout=30)
    elapsed = time.monotonic() - start
    assert (True, True) == (isinstance(caught.value, sqlite3.OperationalError), elapsed < 1), (
        elapsed
    )


def test_a_side_file_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H10387877")])
    Path(f"{path}-shm").mkdir()
    Path(f"{path}-shm").chmod(0o700)
    with pytest.raises(IndexUnsafeFile, match="-shm"):
        IdentityIndex.open(path, timeout=30)


# -- damaged files (issue 11) ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def healthy_index(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("healthy") / "links.db"
    new_index(path, distinct_links(400))
    return path.read_bytes()


def write_private(path: Path, data: bytes) -> Path:
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("cut", [1, 16, 17, 100, 512, 1000, 4096, 8192])
def test_a_truncated_file_is_refused_as_corrupt(
    tmp_path: Path, healthy_index: bytes, cut: int
) -> None:
    path = write_private(tmp_path / "links.db", healthy_index[:-cut])
    with pytest.raises(IndexCorrupt) as caught:
        IdentityIndex.open(path)
    expected = ("index_corrupt", True, True)
    actual = (
        caught.value.code,
        isinstance(caught.value, sqlite3.DatabaseError),
        isinstance(caught.value, PermitError),
    )
    assert expected == actual


def test_the_healthy_file_itself_opens(tmp_path: Path, healthy_index: bytes) -> None:
    path = write_private(tmp_path / "links.db", healthy_index)
    with IdentityIndex.open(path) as store:
        assert 400 == len(list(store))


@pytest.mark.parametrize(
    ("offset", "replacement"),
    [(16, b"\x00\x03"), (16, b"\x00\x00"), (50, b"")],
    ids=["page size 3", "page size 0", "header cut at 50 bytes"],
)
def test_a_damaged_header_is_refused_as_corrupt(
    tmp_path: Path, healthy_index: bytes, offset: int, replacement: bytes
) -> None:
    data = healthy_index[:offset] + replacement
    if replacement:
        data += healthy_index[offset + len(replacement) :]
    path = write_private(tmp_path / "links.db", data)
    with pytest.raises(IndexCorrupt):
        IdentityIndex.open(path)


def test_a_damaged_page_is_found_when_opening(tmp_path: Path, healthy_index: bytes) -> None:
    # Garbage over the second page (a b-tree page): quick_check notices.
    data = healthy_index[:4096] + b"\xa5" * 4096 + healthy_index[8192:]
    path = write_private(tmp_path / "links.db", data)
    with pytest.raises(IndexCorrupt):
        IdentityIndex.open(path)


def test_a_stored_row_that_is_not_a_link_raises_corrupt_not_a_validation_error(
    tmp_path: Path,
) -> None:
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H1038787700")])
    data = path.read_bytes()
    assert 1 == data.count(b"H1038787700")
    write_private(path, data.replace(b"H1038787700", b"H103878770!"))
    with IdentityIndex.open(path) as store:
        with pytest.raises(IndexCorrupt):
            store.resolve("H10387877")
        with pytest.raises(IndexCorrupt):
            list(store)
        assert store.resolve(TW_RESIDENCE) is None  # other lookups still work


def test_a_stored_row_of_the_wrong_type_raises_corrupt(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [])
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO permit_links VALUES (?, ?, ?)", (HK_RESIDENCE, 7, "H10387877"))
    connection.commit()
    connection.close()
    with IdentityIndex.open(path) as store, pytest.raises(IndexCorrupt):
        store.resolve(HK_RESIDENCE)


def test_a_file_that_is_not_a_database_is_refused_as_corrupt(tmp_path: Path) -> None:
    path = write_private(tmp_path / "notes.txt", b"not a database, just some words " * 100)
    with pytest.raises(IndexCorrupt):
        IdentityIndex.open(path)
    assert b"not a database, just some words " * 100 == path.read_bytes()


# -- another application's file (issue 11) ---------------------------------------------------------


def foreign_database(path: Path, *statements: str) -> Path:
    path.touch(mode=0o600)
    path.chmod(0o600)
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize(
    "statements",
    [
        ("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)",),
        ("PRAGMA application_id = 1234",),
        ("PRAGMA user_version = 7",),
        (
            "CREATE TABLE permit_links (residence_permit, travel_permit, travel_key)",
            "CREATE TABLE notes (text)",
            "PRAGMA user_version = 1",
        ),
        ("CREATE TABLE permit_links (x)", "PRAGMA user_version = 3"),
        ("CREATE TABLE permit_pseudonyms (x)", "PRAGMA user_version = 2"),
        (
            "CREATE TABLE permit_pseudonyms (x)",
            "CREATE TABLE permit_index_key (x)",
            "PRAGMA user_version = 2",
        ),
        (
            "CREATE TABLE permit_links (residence_permit, travel_permit, travel_key)",
            "PRAGMA user_version = 1",
            "PRAGMA application_id = 1234",
        ),
    ],
    ids=[
        "a table",
        "an application id",
        "a user version",
        "an extra table",
        "v3",
        "v2 no id",
        "v2 tables, no id",
        "our tables, another id",
    ],
)
def test_another_applications_database_is_refused_and_left_untouched(
    tmp_path: Path, statements: tuple[str, ...]
) -> None:
    path = foreign_database(tmp_path / "app.db", *statements)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(IndexForeignFile) as caught:
        IdentityIndex.open(path)
    after = hashlib.sha256(path.read_bytes()).hexdigest()
    assert ("index_foreign", before) == (caught.value.code, after)


def test_an_empty_sqlite_database_is_adopted(tmp_path: Path) -> None:
    path = foreign_database(tmp_path / "empty.db", "PRAGMA page_size = 1024", "VACUUM")
    with IdentityIndex.open(path) as store:
        store.add(link(HK_RESIDENCE, "H10387877"))
    connection = sqlite3.connect(path)
    stamp = connection.execute("PRAGMA application_id").fetchone()[0]
    connection.close()
    assert index.APPLICATION_ID == stamp


def test_a_permitcheck_1_0_file_is_still_opened(tmp_path: Path) -> None:
    # 1.0 wrote the same table and user_version 1, but no application id.
    path = foreign_database(
        tmp_path / "old.db",
        "PRAGMA journal_mode = WAL",
        """CREATE TABLE permit_links (residence_permit TEXT NOT NULL PRIMARY KEY,
           travel_permit TEXT NOT NULL, travel_key TEXT NOT NULL UNIQUE) WITHOUT ROWID""",
        f"INSERT INTO permit_links VALUES ('{HK_RESIDENCE}', 'H1038787700', 'H10387877')",
        "PRAGMA user_version = 1",
    )
    with IdentityIndex.open(path) as store:
        found = store.resolve("H10387877")
    assert link(HK_RESIDENCE, "H1038787700") == found


# -- readers, writers and the timeout (issue 11) ---------------------------------------------------


def test_a_reader_opens_at_once_during_another_connections_long_import(tmp_path: Path) -> None:
    links = distinct_links(60)
    path = new_index(tmp_path / "links.db", links[:10])
    with IdentityIndex.open(path, timeout=30) as importer, importer.transaction():
        importer.add_many(links[10:])  # the import holds the write lock from here
        start = time.monotonic()
        with IdentityIndex.open(path, timeout=30) as reader:
            elapsed = time.monotonic() - start
            seen = (len(reader), reader.resolve(links[0].key), reader.resolve(links[-1].key))
    assert ((10, links[0], None), True) == (seen, elapsed < 1), elapsed


def test_the_outermost_transaction_takes_the_write_lock_at_once(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [])
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        # Nothing written yet, but no other writer may start.
        with (
            IdentityIndex.open(path) as store,
            store.transaction(),
            pytest.raises(sqlite3.OperationalError, match="locked"),
        ):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_concurrent_read_then_write_transactions_never_fail(tmp_path: Path) -> None:
    # Each transaction reads, then writes: with a deferred BEGIN, a writer
    # whose snapshot went stale fails at once with "database is locked".
    links = distinct_links(600, seed=5)
    path = new_index(tmp_path / "links.db", [])
    failures: list[BaseException] = []

    def work(batch: list[PermitLink]) -> None:
        with IdentityIndex.open(path, timeout=60) as store:
            for pair in batch:
                try:
                    with store.transaction():
                        store.resolve(pair.key)
                        len(store)
                        store.add(pair)
                except sqlite3.OperationalError as error:
                    failures.append(error)

    threads = [threading.Thread(target=work, args=(links[part::2],)) for part in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with IdentityIndex.open(path) as store:
        stored = len(store)
    assert ([], 600) == (failures, stored)


def test_a_write_waits_for_the_timeout_given_to_open_and_no_longer(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with IdentityIndex.open(path, timeout=0.4) as store:
            start = time.monotonic()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                store.add(link(HK_RESIDENCE, "H10387877"))
            elapsed = time.monotonic() - start
    finally:
        holder.close()
    assert 0.35 <= elapsed < 5, elapsed


# -- remove (issue 9.9) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [HK_RESIDENCE, "810000 19940823 0021", "H1038787700", "ｈ１０３８７８７７", "H1038787705"],
)
def test_remove_deletes_the_link_by_either_number_in_any_spelling(
    tmp_path: Path, spelling: str
) -> None:
    kept = link(TW_RESIDENCE, "0561682001(D)")
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H1038787700"), kept])
    with IdentityIndex.open(path) as store:
        removed = store.remove(spelling)
        again = store.remove(spelling)
        after = (store.resolve(HK_RESIDENCE), store.resolve("H10387877"), list(store))
    assert (True, False, (None, None, [kept])) == (removed, again, after)


def test_remove_leaves_no_trace_of_the_numbers_in_the_file_or_its_log(tmp_path: Path) -> None:
    links = distinct_links(50)
    gone, kept = links[7], links[8]
    path = new_index(tmp_path / "links.db", links)
    with IdentityIndex.open(path) as store:
        store.add(gone)  # again: the log holds it once more
        store.remove(gone.travel_permit.number)
        while_open = raw_bytes(path)
    after_close = raw_bytes(path)

    others = b" ".join(
        pair.residence_permit.number.encode() + b" " + pair.travel_permit.number.encode()
        for pair in links
        if pair is not gone
    )

    def traces(number: str, data: bytes) -> set[bytes]:
        # Runs the remaining links share (a region and century) do not count.
        runs = digit_runs(number) | {number.encode()}
        return {run for run in runs if run in data and run not in others}

    gone_numbers = [gone.residence_permit.number, gone.travel_permit.number]
    kept_numbers = [kept.residence_permit.number, kept.travel_permit.lifelong_number]
    expected = ([set(), set()], [set(), set()], [True, True])
    actual = (
        [traces(number, while_open) for number in gone_numbers],
        [traces(number, after_close) for number in gone_numbers],
        [number.encode() in after_close for number in kept_numbers],  # the test can see numbers
    )
    assert expected == actual


def test_a_removal_rolled_back_keeps_the_link(tmp_path: Path) -> None:
    class Stop(Exception):
        pass

    stored = link(HK_RESIDENCE, "H10387877")
    path = new_index(tmp_path / "links.db", [stored])

    def remove_then_fail(store: IdentityIndex) -> None:
        with store.transaction():
            store.remove(HK_RESIDENCE)
            raise Stop

    with IdentityIndex.open(path) as store:
        with pytest.raises(Stop):
            remove_then_fail(store)
        store.add(link(TW_RESIDENCE, "00000000"))  # commits without a pending removal
        assert stored == store.resolve(HK_RESIDENCE)


def test_remove_inside_a_transaction_empties_the_log_when_it_commits(tmp_path: Path) -> None:
    gone = link(HK_RESIDENCE, "H10387877")
    path = new_index(tmp_path / "links.db", [gone, link(TW_RESIDENCE, "00000000")])
    with IdentityIndex.open(path) as store:
        with store.transaction():
            with store.transaction():
                store.remove(HK_RESIDENCE)
            inside = HK_RESIDENCE.encode() in raw_bytes(path)
        after = HK_RESIDENCE.encode() in raw_bytes(path)
    assert (True, False) == (inside, after)


def test_remove_while_another_connection_reads_raises_and_checkpoint_finishes_later(
    tmp_path: Path,
) -> None:
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H10387877")])
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM permit_links").fetchone()  # holds a snapshot
    with IdentityIndex.open(path, timeout=0.2) as store:
        store.add(link(TW_RESIDENCE, "00000000"))
        with pytest.raises(sqlite3.OperationalError, match="write-ahead log"):
            store.remove(HK_RESIDENCE)
        removed = store.resolve(HK_RESIDENCE) is None
        reader.execute("COMMIT")
        reader.close()
        store.checkpoint()
        left = HK_RESIDENCE.encode() in raw_bytes(path)
    assert (True, False) == (removed, left)


def test_remove_refuses_an_invalid_number(tmp_path: Path) -> None:
    with IdentityIndex() as store, pytest.raises(permitcheck.InvalidChecksum):
        store.remove("810000199408230022")


# -- the pseudonymised index (issue 9.10) ----------------------------------------------------------


def test_a_pseudonymised_index_resolves_any_spelling_of_either_number(tmp_path: Path) -> None:
    path = tmp_path / "pseudonyms.db"
    with IdentityIndex.open(path, secret=KEY) as store:
        store.add(link(HK_RESIDENCE, "H1038787700"))
        store.add(link(TW_RESIDENCE, "0561682001(D)"))
    person = pseudonym(HK_RESIDENCE, secret=KEY)
    with IdentityIndex.open(path, secret=bytearray(KEY)) as store:
        found = [
            store.resolve_pseudonym(spelling)
            for spelling in (HK_RESIDENCE, "h10387877", "Ｈ1038787703", " H-1038-7877 ")
        ]
        taiwan = store.resolve_pseudonym("05616820")
        missing = store.resolve_pseudonym("M12345678")
        flags = (store.pseudonymised, len(store))
    expected = ([person] * 4, pseudonym(TW_RESIDENCE, secret=KEY), None, (True, 2))
    assert expected == (found, taiwan, missing, flags)


def test_a_pseudonymised_file_holds_no_run_of_input_digits(tmp_path: Path) -> None:
    links = distinct_links(40, seed=9)
    path = tmp_path / "pseudonyms.db"
    with IdentityIndex.open(path, secret=KEY) as store:
        store.add_many(links)
        data = raw_bytes(path)
    data += raw_bytes(path)
    runs = set().union(
        *(digit_runs(pair.residence_permit.number) for pair in links),
        *(digit_runs(pair.travel_permit.number) for pair in links),
    )
    assert set() == {run for run in runs if run in data}
    # The same links in a plain index: the check finds them.
    plain = new_index(tmp_path / "plain.db", links)
    assert runs & set(re.findall(rb"[0-9]{8}", raw_bytes(plain)))


def test_a_pseudonymised_index_detects_conflicts_and_removes(tmp_path: Path) -> None:
    with IdentityIndex.open(tmp_path / "p.db", secret=KEY) as store:
        store.add(link(HK_RESIDENCE, "H1038787700"))
        store.add(link(HK_RESIDENCE, "H10387877"))  # the same person: no conflict
        with pytest.raises(IndexConflict):
            store.add(link(HK_RESIDENCE, "H12345678"))
        with pytest.raises(IndexConflict):
            store.add(link("820000200001010024", "H10387877"))
        removed = store.remove("h1038787701")
        after = (store.resolve_pseudonym(HK_RESIDENCE), len(store))
    assert (True, (None, 0)) == (removed, after)


def test_a_pseudonymised_index_removes_by_residence_permit_leaving_no_trace(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.db"
    gone = pseudonym(HK_RESIDENCE, secret=KEY).encode()
    with IdentityIndex.open(path, secret=KEY) as store:
        store.add_many([link(HK_RESIDENCE, "H10387877"), link(TW_RESIDENCE, "00000000")])
        store.remove(HK_RESIDENCE)
        left = (
            gone in raw_bytes(path),
            pseudonym(TW_RESIDENCE, secret=KEY).encode() in raw_bytes(path),
        )
    assert (False, True) == left


def test_a_pseudonymised_index_in_memory() -> None:
    with IdentityIndex(secret=KEY) as store:
        store.add(link(HK_RESIDENCE, "H10387877"))
        assert pseudonym("H10387877", secret=KEY) != store.resolve_pseudonym("H10387877")
        assert pseudonym(HK_RESIDENCE, secret=KEY) == store.resolve_pseudonym("H10387877")


def test_a_pseudonymised_index_has_no_numbers_to_resolve_or_iterate() -> None:
    with IdentityIndex(secret=KEY) as store:
        with pytest.raises(TypeError, match="resolve_pseudonym"):
            store.resolve(HK_RESIDENCE)
        with pytest.raises(TypeError, match="resolve_pseudonym"):
            list(store)


def test_a_plain_index_has_no_pseudonyms() -> None:
    with IdentityIndex() as store, pytest.raises(TypeError, match="secret="):
        store.resolve_pseudonym(HK_RESIDENCE)
    with IdentityIndex() as store:
        assert not store.pseudonymised


@pytest.mark.parametrize(
    ("created_with", "opened_with"),
    [(KEY, OTHER_KEY), (KEY, None), (None, KEY)],
    ids=["another key", "no key for a pseudonymised index", "a key for a plain index"],
)
def test_a_key_that_does_not_fit_is_refused(
    tmp_path: Path, created_with: bytes | None, opened_with: bytes | None
) -> None:
    path = new_index(tmp_path / "p.db", [link(HK_RESIDENCE, "H10387877")], secret=created_with)
    before = path.read_bytes()
    with pytest.raises(IndexKeyMismatch) as caught:
        IdentityIndex.open(path, secret=opened_with)
    assert ("index_key", before) == (caught.value.code, path.read_bytes())


@pytest.mark.parametrize("secret", [b"", b"k", b"changeme", bytes(31)])
def test_a_short_secret_is_refused(secret: bytes) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        IdentityIndex(secret=secret)


def test_a_secret_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(TypeError):
        IdentityIndex(secret="a string is not a key, however long it is")


def test_the_repr_does_not_show_the_secret(tmp_path: Path) -> None:
    with IdentityIndex.open(tmp_path / "p.db", secret=KEY) as store:
        text = repr(store)
    assert (False, True) == (repr(KEY) in text or KEY.hex() in text, "p.db" in text)


# -- the error classes -----------------------------------------------------------------------------

ERRORS = [IndexCorrupt, IndexForeignFile, IndexUnsafeFile, IndexNotWritable, IndexKeyMismatch]


@pytest.mark.parametrize("cls", ERRORS, ids=lambda cls: cls.code)
def test_each_index_error_has_its_code_messages_and_pickles(cls: type[PermitError]) -> None:
    restored = pickle.loads(pickle.dumps(cls("with a path")))
    expected = (cls, True, True, cls, "with a path")
    actual = (
        error_class(cls.code),
        issubclass(cls, stdnum_exceptions.ValidationError),
        all(message(cls.code, language) for language in LANGUAGES),
        type(restored),
        str(restored),
    )
    assert expected == actual


def test_the_sqlite_error_classes_are_kept() -> None:
    assert (True, True, False) == (
        issubclass(IndexCorrupt, sqlite3.DatabaseError),
        issubclass(IndexNotWritable, sqlite3.OperationalError),
        issubclass(IndexForeignFile, sqlite3.Error),
    )


def test_error_class_loads_the_index_errors_on_demand() -> None:
    code = (
        "import sys, permitcheck; loaded = 'permitcheck.index' in sys.modules; "
        "print(loaded, permitcheck.error_class('index_corrupt').__name__)"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("COVERAGE_")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert "False IndexCorrupt" == result.stdout.strip()


def test_error_class_still_refuses_unknown_codes() -> None:
    with pytest.raises(KeyError):
        error_class("index_nonsense")
    with pytest.raises(KeyError):
        error_class("nonsense")


def test_the_messages_do_not_name_a_number() -> None:
    texts = [message(cls.code, language) for cls in ERRORS for language in LANGUAGES]
    assert [] == [text for text in texts if re.search(r"[0-9]{6}", text)]


# -- more damage, and the races of creating a new file ---------------------------------------------


def test_a_header_that_disagrees_with_the_pages_is_found_by_quick_check(
    tmp_path: Path, healthy_index: bytes
) -> None:
    # A freelist count of 5 where there is none: the size is right, the file is not.
    data = healthy_index[:36] + (5).to_bytes(4, "big") + healthy_index[40:]
    path = write_private(tmp_path / "links.db", data)
    with pytest.raises(IndexCorrupt):
        IdentityIndex.open(path)


def garbage_over_pages_holding(path: Path, needles: list[bytes]) -> None:
    """Overwrite each 4 KiB page of *path* that holds one of *needles* with garbage."""
    data = bytearray(path.read_bytes())
    for needle in needles:
        start = data.index(needle) // 4096 * 4096
        data[start : start + 4096] = b"\xa5" * 4096
    write_private(path, bytes(data))


def test_damage_found_by_a_lookup_raises_corrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.db"
    new_index(path, [link(HK_RESIDENCE, "H10387877"), *distinct_links(300, seed=2)], secret=KEY)
    person = pseudonym(HK_RESIDENCE, secret=KEY).encode()
    permit = pseudonym("H10387877", secret=KEY).encode()
    garbage_over_pages_holding(path, [person, permit])
    monkeypatch.setattr(index, "QUICK_CHECK_LIMIT", 0)  # as for a file too big to check
    with IdentityIndex.open(path, secret=KEY) as store:
        with pytest.raises(IndexCorrupt):
            store.resolve_pseudonym("H10387877")
        with pytest.raises(IndexCorrupt):
            store.resolve_pseudonym(HK_RESIDENCE)


def test_damage_found_while_iterating_raises_corrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = distinct_links(400)
    path = new_index(tmp_path / "links.db", links)
    garbage_over_pages_holding(path, [links[200].travel_permit.number.encode()])
    monkeypatch.setattr(index, "QUICK_CHECK_LIMIT", 0)
    with IdentityIndex.open(path) as store, pytest.raises(IndexCorrupt):
        list(store)


def test_switching_a_new_file_to_wal_waits_for_a_reader(tmp_path: Path) -> None:
    # A reader of the new (rollback-journal) file blocks the switch to WAL,
    # which SQLite reports at once as "locked": the index retries until the
    # reader is gone.
    path = foreign_database(tmp_path / "new.db")
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    release = threading.Timer(0.3, reader.execute, ["COMMIT"])
    release.start()
    try:
        with IdentityIndex.open(path, timeout=30) as store:
            store.add(link(HK_RESIDENCE, "H10387877"))
            count = len(store)
    finally:
        release.join()
        reader.close()
    assert 1 == count


def test_switching_a_new_file_to_wal_gives_up_after_the_timeout(tmp_path: Path) -> None:
    path = foreign_database(tmp_path / "new.db")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        start = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            IdentityIndex.open(path, timeout=0.3)
        elapsed = time.monotonic() - start
    finally:
        reader.close()
    assert 0.25 <= elapsed < 5, elapsed


def test_a_file_another_process_fills_while_this_one_waits_is_used_as_it_is(
    tmp_path: Path,
) -> None:
    # Both see an empty file; the other one creates the table first, so
    # this one must not create it again.
    path = foreign_database(tmp_path / "new.db", "PRAGMA journal_mode = WAL")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        """CREATE TABLE permit_links (residence_permit TEXT NOT NULL PRIMARY KEY,
           travel_permit TEXT NOT NULL, travel_key TEXT NOT NULL UNIQUE) WITHOUT ROWID"""
    )
    other.execute(f"INSERT INTO permit_links VALUES ('{HK_RESIDENCE}', 'H10387877', 'H10387877')")
    other.execute(f"PRAGMA application_id = {index.APPLICATION_ID}")
    other.execute(f"PRAGMA user_version = {index.SCHEMA_VERSION}")
    release = threading.Timer(0.3, other.execute, ["COMMIT"])
    release.start()
    try:
        with IdentityIndex.open(path, timeout=30) as store:
            found = store.resolve("H10387877")
    finally:
        release.join()
        other.close()
    assert link(HK_RESIDENCE, "H10387877") == found


# -- the exact texts, and what a closed index raises (found by mutation testing, issue 11) ---------


def names_the_file(cls: type[PermitError], path: Path | str) -> str:
    """The text of *cls* raised for *path*: its English message, then the file in brackets."""
    return f"{cls.message} ({path})"


def test_a_file_that_is_not_a_database_is_named_in_the_error(tmp_path: Path) -> None:
    path = write_private(tmp_path / "notes.txt", b"not a database, just some words " * 100)
    with pytest.raises(IndexCorrupt) as caught:
        IdentityIndex.open(path)
    assert names_the_file(IndexCorrupt, path) == str(caught.value)


def test_damage_found_reading_names_the_file(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H1038787700")])
    write_private(path, path.read_bytes().replace(b"H1038787700", b"H103878770!"))
    with IdentityIndex.open(path) as store:
        with pytest.raises(IndexCorrupt) as by_lookup:
            store.resolve("H10387877")
        with pytest.raises(IndexCorrupt) as by_iterating:
            list(store)
    expected = names_the_file(IndexCorrupt, path)
    assert (expected, expected) == (str(by_lookup.value), str(by_iterating.value))


def test_damage_found_by_a_pseudonym_lookup_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.db"
    new_index(path, [link(HK_RESIDENCE, "H10387877"), *distinct_links(300, seed=2)], secret=KEY)
    garbage_over_pages_holding(path, [pseudonym("H10387877", secret=KEY).encode()])
    monkeypatch.setattr(index, "QUICK_CHECK_LIMIT", 0)  # as for a file too big to check
    with IdentityIndex.open(path, secret=KEY) as store, pytest.raises(IndexCorrupt) as caught:
        store.resolve_pseudonym("H10387877")
    assert names_the_file(IndexCorrupt, path) == str(caught.value)


def test_an_index_in_a_read_only_directory_is_named_in_the_error(shared_dir: Path) -> None:
    read_only = shared_dir / "ro"
    read_only.mkdir()
    path = new_index(read_only / "links.db", [link(HK_RESIDENCE, "H10387877")])
    _chown(path)
    read_only.chmod(0o555)
    with unprivileged(), pytest.raises(IndexNotWritable) as caught:
        IdentityIndex.open(path, timeout=30)
    assert names_the_file(IndexNotWritable, path) == str(caught.value)


def test_a_closed_index_raises_sqlites_own_error_not_damage() -> None:
    # Using a closed index is the caller's mistake (sqlite3.ProgrammingError),
    # not a damaged file (IndexCorrupt, also an sqlite3.DatabaseError).
    plain = IdentityIndex()
    plain.close()
    pseudonymised = IdentityIndex(secret=KEY)
    pseudonymised.close()
    calls = [
        lambda: plain.resolve("H10387877"),
        lambda: list(plain),
        lambda: next(iter(plain)),  # list() asks len() first
        lambda: pseudonymised.resolve_pseudonym("H10387877"),
        lambda: pseudonymised.resolve_pseudonym(HK_RESIDENCE),
    ]
    raised = []
    for call in calls:
        with pytest.raises(sqlite3.DatabaseError) as caught:
            call()
        raised.append(type(caught.value))
    assert [sqlite3.ProgrammingError] * len(calls) == raised


def test_the_type_errors_of_the_index_are_exact() -> None:
    with IdentityIndex(secret=KEY) as pseudonymised, IdentityIndex() as plain:
        calls = [
            lambda: pseudonymised.resolve(HK_RESIDENCE),
            lambda: list(pseudonymised),
            lambda: plain.resolve_pseudonym(HK_RESIDENCE),
            lambda: plain.add("810000199408230021 H10387877"),  # type: ignore[arg-type]
            lambda: pseudonymised.add_many([None]),  # type: ignore[list-item]
        ]
        texts = []
        for call in calls:
            with pytest.raises(TypeError) as caught:
                call()
            texts.append(str(caught.value))
    assert [
        "a pseudonymised index holds no numbers to resolve: use resolve_pseudonym()",
        "a pseudonymised index holds no numbers to iterate over: use resolve_pseudonym()",
        "resolve_pseudonym() needs a pseudonymised index (open it with secret=)",
        "expected a PermitLink, got str",
        "expected a PermitLink, got NoneType",
    ] == texts


def test_a_removal_while_another_connection_reads_says_what_to_do(tmp_path: Path) -> None:
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H10387877")])
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM permit_links").fetchone()  # holds a snapshot
    try:
        with (
            IdentityIndex.open(path, timeout=0.2) as store,
            pytest.raises(sqlite3.OperationalError) as caught,
        ):
            store.remove(HK_RESIDENCE)
    finally:
        reader.close()
    assert (
        "database is locked: the link was removed, but another connection is reading,"
        " so the write-ahead log still holds it; call checkpoint() again later"
    ) == str(caught.value)


def test_switching_to_wal_gives_up_within_moments_of_the_timeout(tmp_path: Path) -> None:
    # The switch is retried in small steps: giving up comes moments after the
    # timeout, not a long step later.
    path = foreign_database(tmp_path / "new.db")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        start = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            IdentityIndex.open(path, timeout=0.2)
        elapsed = time.monotonic() - start
    finally:
        reader.close()
    assert 0.15 <= elapsed < 0.8, elapsed


def test_a_new_file_waits_for_another_writer_for_the_timeout_given_to_open(
    tmp_path: Path,
) -> None:
    # A new file is switched to WAL first (which waits in steps of its own):
    # afterwards a write still waits for the timeout given to open().
    with IdentityIndex.open(tmp_path / "new.db", timeout=0.4) as store:
        holder = sqlite3.connect(tmp_path / "new.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            start = time.monotonic()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                store.add(link(HK_RESIDENCE, "H10387877"))
            elapsed = time.monotonic() - start
        finally:
            holder.close()
    assert 0.35 <= elapsed < 5, elapsed


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:50],  # cut inside the 100-byte header
        lambda data: data[:4096] + b"\xa5" * 4096 + data[8192:],  # a damaged page
        lambda data: data[:36] + (5).to_bytes(4, "big") + data[40:],  # found by quick_check
        lambda data: data[:-4096],  # a page short of what the header says
    ],
    ids=["header cut", "damaged page", "a freelist that is not there", "a page short"],
)
def test_each_kind_of_damage_found_when_opening_names_the_file(
    tmp_path: Path, healthy_index: bytes, damage: object
) -> None:
    path = write_private(tmp_path / "links.db", damage(healthy_index))  # type: ignore[operator]
    with pytest.raises(IndexCorrupt) as caught:
        IdentityIndex.open(path)
    assert names_the_file(IndexCorrupt, path) == str(caught.value)


def test_a_file_with_64_kib_pages_opens(tmp_path: Path) -> None:
    # SQLite writes the largest page size, 65536, as 1 in the header.
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H10387877")])
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA page_size = 65536")
    connection.execute("VACUUM")
    connection.close()
    header = path.read_bytes()[:100]
    with IdentityIndex.open(path) as store:
        found = store.resolve("H10387877")
    assert (b"\x00\x01", link(HK_RESIDENCE, "H10387877")) == (header[16:18], found)


def test_a_large_damaged_file_is_refused_without_reading_it_whole(
    tmp_path: Path, healthy_index: bytes
) -> None:
    # The size check reads the 100-byte header only: 64 MiB of (sparse) pages
    # beyond what the header says are refused without being read.
    import tracemalloc  # noqa: PLC0415

    path = write_private(tmp_path / "links.db", healthy_index)
    os.truncate(path, 64 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(IndexCorrupt):
            IdentityIndex.open(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, peak


@pytest.mark.parametrize("pages", [-1, 1], ids=["a page short", "a page too many"])
def test_a_size_that_disagrees_with_the_header_is_refused_even_when_too_big_for_quick_check(
    tmp_path: Path, healthy_index: bytes, monkeypatch: pytest.MonkeyPatch, pages: int
) -> None:
    # The header's page count alone tells that the file is not the one SQLite wrote.
    data = healthy_index[:-4096] if pages < 0 else healthy_index + healthy_index[-4096:]
    path = write_private(tmp_path / "links.db", data)
    monkeypatch.setattr(index, "QUICK_CHECK_LIMIT", 0)
    with pytest.raises(IndexCorrupt) as caught:
        IdentityIndex.open(path)
    assert names_the_file(IndexCorrupt, path) == str(caught.value)


def test_a_page_count_of_more_than_three_bytes_is_read_whole(tmp_path: Path) -> None:
    # 2**24 + n pages of 512 bytes (8 GiB, sparse): the header's 4-byte page
    # count agrees with the size, so the file opens.
    path = new_index(tmp_path / "links.db", [link(HK_RESIDENCE, "H10387877")])
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA page_size = 512")
    connection.execute("VACUUM")
    connection.close()
    data = bytearray(path.read_bytes())
    pages = (1 << 24) + int.from_bytes(data[28:32], "big")
    data[28:32] = pages.to_bytes(4, "big")
    write_private(path, bytes(data))
    os.truncate(path, pages * 512)
    with IdentityIndex.open(path) as store:
        found = store.resolve("H10387877")
    assert link(HK_RESIDENCE, "H10387877") == found


def test_a_file_whose_log_holds_newer_pages_is_not_judged_by_its_header(tmp_path: Path) -> None:
    # A crash in the middle of a checkpoint: page 1 (the header, counting the
    # new pages) is already in the file, the new pages are only in the
    # write-ahead log.  SQLite recovers from the log: the file opens whole.
    links = distinct_links(400, seed=3)
    path = new_index(tmp_path / "links.db", links[:10])
    with IdentityIndex.open(path) as store:
        store.add_many(links[10:])  # fewer pages than an automatic checkpoint takes
        data, log = path.read_bytes(), Path(f"{path}-wal").read_bytes()
    page = int.from_bytes(log[8:12], "big")
    frames = range(32, len(log), 24 + page)  # each frame: 24-byte header, then the page
    header = [log[at + 24 : at + 24 + page] for at in frames if log[at : at + 4] == b"\0\0\0\1"]
    crashed = write_private(tmp_path / "crashed.db", header[-1] + data[page:])
    write_private(tmp_path / "crashed.db-wal", log)
    stated = int.from_bytes(header[-1][28:32], "big")
    with IdentityIndex.open(crashed) as store:
        stored = len(store)
    assert (True, 400) == (stated * page > len(data), stored)


def test_a_new_file_in_a_read_only_directory_is_named_in_the_error(shared_dir: Path) -> None:
    read_only = shared_dir / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    with unprivileged(), pytest.raises(IndexNotWritable) as caught:
        IdentityIndex.open(read_only / "links.db")
    assert names_the_file(IndexNotWritable, read_only / "links.db") == str(caught.value)


def test_the_file_is_private_from_the_moment_it_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not only after a chmod: whoever opened the file in between would keep
    # reading it.  The mode is looked at when the index fixes it up.
    seen: list[int] = []
    fchmod = os.fchmod

    def watching(descriptor: int, bits: int) -> None:
        seen.append(stat.S_IMODE(os.fstat(descriptor).st_mode))
        fchmod(descriptor, bits)

    monkeypatch.setattr(os, "fchmod", watching)
    with umask(0o000), IdentityIndex.open(tmp_path / "links.db"):
        pass
    assert [0o600] == seen


def test_the_default_timeout_is_30_seconds() -> None:
    import inspect  # noqa: PLC0415

    defaults = [
        inspect.signature(function).parameters["timeout"].default
        for function in (IdentityIndex, IdentityIndex.open)
    ]
    assert [30.0, 30.0] == defaults


def test_a_postgresql_url_is_opened_in_postgresql_not_as_a_file(tmp_path: Path) -> None:
    import psycopg  # noqa: PLC0415

    url = f"postgresql://nobody@/permitcheck?host={tmp_path / 'no-server'}"
    with pytest.raises(psycopg.OperationalError, match="no-server"):
        IdentityIndex.open(url, timeout=1)
    assert [] == list(tmp_path.iterdir())


def new_schema(postgres_url: str) -> str:
    """A URL of the test server whose tables land in a new, empty schema."""
    import uuid  # noqa: PLC0415
    from urllib.parse import quote  # noqa: PLC0415

    import psycopg  # noqa: PLC0415

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return f"{postgres_url}&options={quote(f'-c search_path={schema}', safe='')}"


def test_open_passes_the_secret_to_postgresql(postgres_url: str) -> None:
    with IdentityIndex.open(new_schema(postgres_url), secret=KEY) as store:
        store.add(link(HK_RESIDENCE, "H10387877"))
        found = (store.pseudonymised, store.resolve_pseudonym("H10387877"))
    assert (True, pseudonym(HK_RESIDENCE, secret=KEY)) == found


def test_open_passes_the_timeout_to_postgresql(postgres_url: str) -> None:
    import psycopg  # noqa: PLC0415

    url = new_schema(postgres_url)
    with IdentityIndex.open(url, timeout=0.5) as store, psycopg.connect(url) as holder:
        holder.execute("LOCK TABLE permit_links IN EXCLUSIVE MODE")  # until the rollback
        start = time.monotonic()
        with pytest.raises(psycopg.errors.LockNotAvailable):
            store.add(link(HK_RESIDENCE, "H10387877"))
        elapsed = time.monotonic() - start
        holder.rollback()
    assert 0.4 <= elapsed < 5, elapsed


def test_a_file_of_exactly_the_quick_check_limit_is_checked(
    tmp_path: Path, healthy_index: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Files up to this size": the limit itself included.  Damage only
    # quick_check finds (a freelist count where there is no freelist).
    data = healthy_index[:36] + (5).to_bytes(4, "big") + healthy_index[40:]
    path = write_private(tmp_path / "links.db", data)
    monkeypatch.setattr(index, "QUICK_CHECK_LIMIT", len(data))
    with pytest.raises(IndexCorrupt):
        IdentityIndex.open(path)
