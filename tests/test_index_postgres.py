"""The identity index on PostgreSQL (permitcheck.index_postgres), and the same tests on SQLite.

Semantic tests run against both backends; the concurrency tests start
worker processes (tests/index_worker.py) against one index.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from permitcheck import (
    IdentityIndex,
    IndexConflict,
    InvalidChecksum,
    PermitLink,
    PseudonymKey,
    Region,
    WeakSecret,
    index_postgres,
    link,
    pseudonym,
)
from permitcheck.generate import PermitGenerator
from permitcheck.index_postgres import BATCH_SIZE, SCHEMA, PostgresIdentityIndex, copy_links
from sql_inputs import LAST_BIRTH_DATE

WORKER = Path(__file__).with_name("index_worker.py")
HK_RESIDENCE = "810000199408230021"  # public specimen
TW_RESIDENCE = "830000199201300022"  # public specimen


def fresh_schema_url(postgres_url: str) -> str:
    """A URL whose tables land in a new, empty schema of the test server."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return f"{postgres_url}&options={quote(f'-c search_path={schema}', safe='')}"


@pytest.fixture
def pg_url(postgres_url: str) -> str:
    return fresh_schema_url(postgres_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where an index lives: an SQLite file or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "links.db")
    return fresh_schema_url(request.getfixturevalue("postgres_url"))


@pytest.fixture
def index(target: str) -> Iterator[IdentityIndex]:
    with IdentityIndex.open(target) as store:
        yield store


class People:
    """Distinct people's links drawn from a seed: no residence or lifelong number repeats."""

    def __init__(self, seed: int) -> None:
        self.generator = PermitGenerator(seed)
        self.residences: set[str] = set()
        self.travels: set[str] = set()

    def link(self, region: Region | None = None) -> PermitLink:
        regions = None if region is None else [region]
        while True:
            pair = self.generator.permit_link(regions=regions, max_birth_date=LAST_BIRTH_DATE)
            lifelong = pair.travel_permit.lifelong_number
            if pair.key not in self.residences and lifelong not in self.travels:
                self.residences.add(pair.key)
                self.travels.add(lifelong)
                return pair

    def links(self, count: int) -> list[PermitLink]:
        return [self.link() for _ in range(count)]


# -- the same semantics on both backends ---------------------------------------------------


def test_open_dispatches_on_the_url(index: IdentityIndex, target: str) -> None:
    assert isinstance(index, IdentityIndex)
    assert isinstance(index, PostgresIdentityIndex) == target.startswith("postgresql://")


def test_resolve_finds_any_spelling(index: IdentityIndex) -> None:
    index.add(link(HK_RESIDENCE, "H1038787700"))
    index.add(link(TW_RESIDENCE, "0561682001(D)"))
    found = index.resolve("h1038 7877")
    assert found is not None
    assert (HK_RESIDENCE, "H1038787700") == (found.key, found.travel_permit.number)
    assert found == index.resolve("８１００００１９９４０８２３００２１")
    assert TW_RESIDENCE == index.resolve("05616820").key  # type: ignore[union-attr]
    assert index.resolve("810000200001010030") is None
    assert index.resolve("H99999999") is None
    assert 2 == len(index)
    assert [HK_RESIDENCE, TW_RESIDENCE] == [pair.key for pair in index]
    with pytest.raises(InvalidChecksum):
        index.resolve("810000199408230022")


def test_the_travel_number_given_last_is_kept(index: IdentityIndex) -> None:
    index.add(link(HK_RESIDENCE, "H1038787700"))
    index.add(link(HK_RESIDENCE, "h10387877"))
    index.add_many([link(HK_RESIDENCE, "H1038787701"), link(HK_RESIDENCE, "H1038787702")])
    assert "H1038787702" == index.resolve(HK_RESIDENCE).travel_permit.number  # type: ignore[union-attr]
    assert 1 == len(index)


@pytest.mark.parametrize(
    "rival",
    [(HK_RESIDENCE, "H12345678"), ("820000200001010024", "H10387877")],
    ids=["residence-taken", "travel-taken"],
)
def test_a_conflict_changes_nothing(index: IdentityIndex, rival: tuple[str, str]) -> None:
    index.add(link(HK_RESIDENCE, "H10387877"))
    before = list(index)
    with pytest.raises(IndexConflict):
        index.add(link(*rival))
    assert before == list(index)
    # In a batch, the whole batch is undone.
    with pytest.raises(IndexConflict):
        index.add_many([link(TW_RESIDENCE, "00000000"), link(*rival)])
    assert before == list(index)
    with pytest.raises(IndexConflict):
        index.add_many([link(TW_RESIDENCE, "00000000"), link(TW_RESIDENCE, "00000001")])
    assert before == list(index)


def test_a_conflict_inside_a_transaction_leaves_it_usable(index: IdentityIndex) -> None:
    with index.transaction():
        index.add(link(HK_RESIDENCE, "H10387877"))
        with pytest.raises(IndexConflict):
            index.add(link(HK_RESIDENCE, "H12345678"))
        with pytest.raises(IndexConflict):
            index.add_many([link(TW_RESIDENCE, "00000000"), link(HK_RESIDENCE, "M12345678")])
        index.add_many([link(TW_RESIDENCE, "00000001")])
    assert [(HK_RESIDENCE, "H10387877"), (TW_RESIDENCE, "00000001")] == [
        (pair.key, pair.travel_permit.number) for pair in index
    ]


def add_then_fail(index: IdentityIndex, pair: PermitLink) -> None:
    with index.transaction():
        index.add(pair)
        raise RuntimeError


def test_an_exception_rolls_back_every_level(index: IdentityIndex) -> None:
    with index.transaction():
        index.add(link(HK_RESIDENCE, "H10387877"))
        with pytest.raises(RuntimeError):
            add_then_fail(index, link(TW_RESIDENCE, "00000000"))
        assert 1 == len(index)
    with pytest.raises(RuntimeError):
        add_then_fail(index, link(TW_RESIDENCE, "00000000"))
    assert 1 == len(index)


def test_remove_by_either_number(pg_url: str) -> None:
    index = IdentityIndex.open(pg_url)
    index.add_many([link(HK_RESIDENCE, "H1038787700"), link(TW_RESIDENCE, "00000000")])
    assert index.remove("h10387877")
    assert not index.remove("H10387877")
    assert index.remove(TW_RESIDENCE)
    assert 0 == len(index)
    # Removed links can be added again, with another travel permit.
    index.add(link(HK_RESIDENCE, "M12345678"))
    assert "M12345678" == index.resolve(HK_RESIDENCE).travel_permit.number  # type: ignore[union-attr]
    index.close()


def test_type_errors_change_nothing(index: IdentityIndex) -> None:
    with pytest.raises(TypeError, match="expected a PermitLink, got str"):
        index.add(HK_RESIDENCE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a PermitLink, got tuple"):
        index.add_many([link(HK_RESIDENCE, "H10387877"), (1, 2)])  # type: ignore[list-item]
    assert 0 == len(index)


def test_reopening_finds_the_links(target: str) -> None:
    with IdentityIndex.open(target) as first:
        first.add(link(HK_RESIDENCE, "H10387877"))
    with IdentityIndex.open(target) as second:
        assert HK_RESIDENCE == second.resolve("H10387877").key  # type: ignore[union-attr]


pool = st.sampled_from(
    [
        (HK_RESIDENCE, "H10387877"),
        (HK_RESIDENCE, "H1038787701"),
        (HK_RESIDENCE, "M12345678"),
        ("820000200001010024", "H10387877"),
        ("820000200001010024", "M12345678"),
        (TW_RESIDENCE, "00000000"),
        (TW_RESIDENCE, "0000000102(A)"),
        ("830000200001010034", "00000000"),
        ("830000200001010034", "12345678"),
    ]
)


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(st.tuples(st.booleans(), st.lists(pool, min_size=1, max_size=4)), max_size=8))
def test_postgresql_behaves_like_sqlite(
    postgres_url: str, steps: list[tuple[bool, list[tuple[str, str]]]]
) -> None:
    """The same adds and batches give the same conflicts and the same contents."""
    with (
        IdentityIndex() as model,
        IdentityIndex.open(fresh_schema_url(postgres_url)) as store,
    ):
        for single, pairs in steps:
            links = [link(*pair) for pair in pairs]
            outcomes = []
            for index in (model, store):
                try:
                    if single:
                        for one in links:
                            index.add(one)
                    else:
                        index.add_many(links)
                    outcomes.append("ok")
                except IndexConflict:
                    outcomes.append("conflict")
                if not single:
                    continue
            assert outcomes[0] == outcomes[1]
            assert [(p.key, p.travel_permit.number) for p in model] == [
                (p.key, p.travel_permit.number) for p in store
            ]


# -- PostgreSQL specifics --------------------------------------------------------------------


def test_the_schema_is_the_sqlite_one(pg_url: str) -> None:
    with IdentityIndex.open(pg_url):
        pass
    with psycopg.connect(pg_url) as connection:
        columns = connection.execute(
            "SELECT column_name, is_nullable FROM information_schema.columns"
            " WHERE table_name = 'permit_links' AND table_schema = current_schema()"
            " ORDER BY ordinal_position"
        ).fetchall()
        version = connection.execute("SELECT schema_version FROM permit_index_meta").fetchall()
    assert [("residence_permit", "NO"), ("travel_permit", "NO"), ("travel_key", "NO")] == columns
    assert [(1,)] == version
    assert "WITHOUT ROWID" in SCHEMA


def test_an_unknown_version_or_a_foreign_table_is_refused(postgres_url: str) -> None:
    url = fresh_schema_url(postgres_url)
    with IdentityIndex.open(url):
        pass
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE permit_index_meta SET schema_version = 9")
    with pytest.raises(ValueError, match="unsupported identity index schema version"):
        PostgresIdentityIndex(url, secret=KEY)
    with pytest.raises(ValueError, match="unsupported identity index schema version"):
        IdentityIndex.open(url)
    foreign = fresh_schema_url(postgres_url)
    with psycopg.connect(foreign, autocommit=True) as connection:
        connection.execute("CREATE TABLE permit_links (id int)")
    with pytest.raises(ValueError, match="not an index"):
        PostgresIdentityIndex.open(foreign)
    # A version stamp without its table.
    dropped = fresh_schema_url(postgres_url)
    with IdentityIndex.open(dropped):
        pass
    with psycopg.connect(dropped, autocommit=True) as connection:
        connection.execute("DROP TABLE permit_links")
    with pytest.raises(ValueError, match="not an index"):
        IdentityIndex.open(dropped)


def test_repr_shows_no_password(pg_url: str) -> None:
    with IdentityIndex.open(pg_url.replace("postgres@", "postgres:s3cret@")) as index:
        assert "s3cret" not in repr(index)
        assert repr(index).startswith("PostgresIdentityIndex(dbname='postgres'")


def test_a_deadlock_is_retried(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A transaction PostgreSQL aborted is run again; after RETRIES failures the error is raised."""
    with IdentityIndex.open(pg_url) as index:
        assert isinstance(index, PostgresIdentityIndex)
        calls: list[str] = []
        real_add, real_rows = PostgresIdentityIndex._add, PostgresIdentityIndex._add_rows

        def flaky_add(self: PostgresIdentityIndex, row: tuple[str, str, str]) -> None:
            calls.append("add")
            if len(calls) < 3:
                raise psycopg.errors.DeadlockDetected
            real_add(self, row)

        def flaky_rows(self: PostgresIdentityIndex, rows: list[tuple[str, str, str]]) -> None:
            calls.append("rows")
            real_rows(self, rows)
            if calls.count("rows") < 3:
                raise psycopg.errors.SerializationFailure

        monkeypatch.setattr(PostgresIdentityIndex, "_add", flaky_add)
        monkeypatch.setattr(PostgresIdentityIndex, "_add_rows", flaky_rows)
        index.add(link(HK_RESIDENCE, "H10387877"))
        index.add_many([link(TW_RESIDENCE, "00000000")])
        assert ["add"] * 3 + ["rows"] * 3 == calls
        assert 2 == len(index)
        monkeypatch.setattr(index_postgres, "RETRIES", 2)
        calls.clear()
        with pytest.raises(psycopg.errors.DeadlockDetected):
            index.add(link("820000200001010024", "M12345678"))

        def deadlocked_rows(self: PostgresIdentityIndex, rows: list[tuple[str, str, str]]) -> None:
            raise psycopg.errors.DeadlockDetected

        monkeypatch.setattr(PostgresIdentityIndex, "_add_rows", deadlocked_rows)
        with pytest.raises(psycopg.errors.DeadlockDetected):
            index.add_many([link("820000200001010024", "M12345678")])
        assert 2 == len(index)


def test_tables_found_once_the_setup_lock_is_held_are_used(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with IdentityIndex.open(pg_url) as first:
        first.add(link(HK_RESIDENCE, "H10387877"))
    # Missing at the first look, there once the lock is held.
    looks: list[list[bool]] = []
    real = PostgresIdentityIndex._exists

    def exists(self: PostgresIdentityIndex) -> list[bool]:
        looks.append(real(self))
        return [False, False] if len(looks) == 1 else looks[-1]

    monkeypatch.setattr(PostgresIdentityIndex, "_exists", exists)
    with IdentityIndex.open(pg_url) as second:
        assert 1 == len(second)
    assert [[True, True], [True, True]] == looks


def test_tables_created_by_another_opener_meanwhile_are_looked_up_again(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with IdentityIndex.open(pg_url):
        pass
    # As if another process created the tables just after each look.
    monkeypatch.setattr(PostgresIdentityIndex, "_exists", lambda self: [False, False])
    monkeypatch.setattr(index_postgres, "RETRIES", 2)
    with pytest.raises(psycopg.errors.DuplicateTable):
        IdentityIndex.open(pg_url)


# -- the pseudonymised index -----------------------------------------------------------------

KEY = bytes(range(32))


def test_a_pseudonymised_index_stores_no_number_and_resolves_pseudonyms(pg_url: str) -> None:
    links = [link(HK_RESIDENCE, "H1038787700"), link(TW_RESIDENCE, "0561682001(D)")]
    with PostgresIdentityIndex.open(pg_url, secret=KEY) as index:
        assert isinstance(index, PostgresIdentityIndex)
        assert index.pseudonymised
        index.add(links[0])
        index.add_many([links[1], link(TW_RESIDENCE, "05616820")])
        assert 2 == len(index)
        expected = pseudonym(HK_RESIDENCE, secret=KEY)
        assert expected == index.resolve_pseudonym("h1038 7877")
        assert expected == index.resolve_pseudonym("８１００００１９９４０８２３００２１")
        assert pseudonym(TW_RESIDENCE, secret=KEY) == index.resolve_pseudonym("05616820")
        assert index.resolve_pseudonym("H12345678") is None
        with pytest.raises(IndexConflict):
            index.add(link(HK_RESIDENCE, "M12345678"))
        with pytest.raises(IndexConflict):
            index.add_many([link("820000200001010024", "H10387877")])
        with pytest.raises(TypeError, match="resolve_pseudonym"):
            index.resolve(HK_RESIDENCE)
        with pytest.raises(TypeError, match="holds no numbers to list"):
            list(index)
        index.checkpoint()
    with psycopg.connect(pg_url) as connection:
        rows = connection.execute("SELECT * FROM permit_pseudonyms").fetchall()
        text = repr(rows) + repr(connection.execute("SELECT * FROM permit_index_key").fetchall())
    assert 2 == len(rows)
    assert not any(number in text for number in ("19940823", "10387877", "05616820"))


def test_the_key_and_the_kind_must_fit(postgres_url: str) -> None:
    secret_url, plain_url = fresh_schema_url(postgres_url), fresh_schema_url(postgres_url)
    with PostgresIdentityIndex(secret_url, secret=KEY) as index:
        index.add(link(HK_RESIDENCE, "H10387877"))
        assert index.remove("H10387877")
        assert not index.remove(HK_RESIDENCE)
    with PostgresIdentityIndex(secret_url, secret=KEY) as again:
        assert 0 == len(again)
    with pytest.raises(ValueError, match="key does not fit"):
        PostgresIdentityIndex(secret_url, secret=bytes(32))
    with pytest.raises(ValueError, match="pseudonymised: open it with its secret"):
        IdentityIndex.open(secret_url)
    with IdentityIndex.open(plain_url) as plain:
        assert not plain.pseudonymised  # type: ignore[attr-defined]
        with pytest.raises(TypeError, match="needs a pseudonymised index"):
            plain.resolve_pseudonym(HK_RESIDENCE)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="stores numbers: open it without secret"):
        PostgresIdentityIndex(plain_url, secret=KEY)
    with pytest.raises(WeakSecret, match="at least 32 bytes"):
        PostgresIdentityIndex(plain_url, secret=b"short")
    with PostgresIdentityIndex(secret_url, secret=PseudonymKey(KEY)) as keyed:
        assert keyed.pseudonymised


# -- bulk and migration ----------------------------------------------------------------------


def test_add_many_in_several_batches(index: IdentityIndex) -> None:
    links = People(7).links(BATCH_SIZE + 500)
    index.add_many(links[: BATCH_SIZE + 400])
    index.add_many(links[BATCH_SIZE:])  # 400 again, 100 new
    assert BATCH_SIZE + 500 == len(index)
    sample = random.Random(1).sample(links, 200)
    assert sample == [index.resolve(pair.travel_permit.number) for pair in sample]


@pytest.mark.slow
def test_bulk_add_of_100000_links_in_one_call(pg_url: str) -> None:
    links = People(8).links(100_000)
    with IdentityIndex.open(pg_url) as index:
        index.add_many(links)
        assert 100_000 == len(index)
        assert links[-1] == index.resolve(links[-1].key)


def test_copy_links_migrates_an_sqlite_file_to_postgresql(tmp_path: Path, pg_url: str) -> None:
    links = People(9).links(250)
    with IdentityIndex.open(tmp_path / "old.db") as old:
        old.add_many(links)
        with IdentityIndex.open(pg_url) as new:
            assert 250 == copy_links(old, new, batch_size=100)
            assert 250 == copy_links(old, new, batch_size=1000)  # again: nothing changes
            assert sorted(links, key=lambda pair: pair.key) == list(new)


# -- many processes at once ------------------------------------------------------------------


def contested_workload(
    workers: int, per_worker: int, seed: int
) -> tuple[list[list[PermitLink]], list[tuple[PermitLink, int, PermitLink, int]]]:
    """Each worker's links; a tenth of them in pairs that contradict each other.

    Returns the workers' link lists and the contested pairs as
    (link, worker, rival, rival's worker).
    """
    rng = random.Random(seed)
    people = People(seed)
    contested_each = per_worker // 10
    groups = workers * contested_each // 2
    lists: list[list[PermitLink]] = [[] for _ in range(workers)]
    pairs: list[tuple[PermitLink, int, PermitLink, int]] = []
    for group in range(groups):
        first = group % workers
        second = (first + 1 + (group // workers) % (workers - 1)) % workers
        original = people.link()
        region = original.residence_permit.region
        other = people.link(region)
        if group % 2:  # the same residence permit with another travel permit
            rival = PermitLink(original.residence_permit, other.travel_permit)
        else:  # the same travel permit with another residence permit
            rival = PermitLink(other.residence_permit, original.travel_permit)
        lists[first].append(original)
        lists[second].append(rival)
        pairs.append((original, first, rival, second))
    for links in lists:
        links.extend(people.links(per_worker - len(links)))
        rng.shuffle(links)
    return lists, pairs


def run_workers(
    target: str, lists: list[list[PermitLink]], tmp_path: Path, batch: int
) -> list[set[int]]:
    processes = []
    for number, links in enumerate(lists):
        source = tmp_path / f"links{number}.json"
        source.write_text(json.dumps([[p.key, p.travel_permit.number] for p in links]))
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    str(WORKER),
                    target,
                    str(source),
                    str(tmp_path / f"result{number}.json"),
                    str(batch),
                ],
                stdout=subprocess.DEVNULL,
            )
        )
    codes = [process.wait(timeout=3000) for process in processes]
    assert [0] * len(processes) == codes
    return [
        set(json.loads((tmp_path / f"result{number}.json").read_text()))
        for number in range(len(lists))
    ]


def check_outcome(
    target: str,
    lists: list[list[PermitLink]],
    pairs: list[tuple[PermitLink, int, PermitLink, int]],
    conflicts: list[set[int]],
) -> None:
    with IdentityIndex.open(target) as index:
        stored = {(p.key, p.travel_permit.lifelong_number): p for p in index}
    contested = set()
    for original, first, rival, second in pairs:
        contested.update({(original.key, first), (rival.key, second)})
        present = [
            (pair, worker)
            for pair, worker in ((original, first), (rival, second))
            if (pair.key, pair.travel_permit.lifelong_number) in stored
        ]
        assert 1 == len(present), "exactly one of two contradicting links is stored"
        ((winner, winner_worker),) = present
        loser, loser_worker = (rival, second) if winner is original else (original, first)
        assert lists[loser_worker].index(loser) in conflicts[loser_worker]
        assert lists[winner_worker].index(winner) not in conflicts[winner_worker]
    uncontested = 0
    for worker, links in enumerate(lists):
        reported = {links[position].key for position in conflicts[worker]}
        for pair in links:
            if (pair.key, worker) in contested and pair.key in reported:
                continue
            assert (pair.key, pair.travel_permit.lifelong_number) in stored
            uncontested += (pair.key, worker) not in contested
    assert sum(map(len, conflicts)) == len(pairs), "every conflict reported once"
    assert len(stored) == uncontested + len(pairs), "nothing lost, nothing extra"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_writers_small(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    target = (
        str(tmp_path / "links.db")
        if backend == "sqlite"
        else fresh_schema_url(request.getfixturevalue("postgres_url"))
    )
    lists, pairs = contested_workload(4, 300, seed=11)
    conflicts = run_workers(target, lists, tmp_path, batch=20)
    check_outcome(target, lists, pairs, conflicts)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_8_processes_x_10000_links_with_10_percent_conflicts(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    target = (
        str(tmp_path / "links.db")
        if backend == "sqlite"
        else fresh_schema_url(request.getfixturevalue("postgres_url"))
    )
    lists, pairs = contested_workload(8, 10_000, seed=12)
    conflicts = run_workers(target, lists, tmp_path, batch=100)
    check_outcome(target, lists, pairs, conflicts)
    print(f"{backend}: {len(pairs)} conflicts reported, {sum(map(len, lists))} links")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_worker_killed_mid_batch_leaves_whole_batches(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    target = (
        str(tmp_path / "links.db")
        if backend == "sqlite"
        else fresh_schema_url(request.getfixturevalue("postgres_url"))
    )
    size = 50
    links = People(13).links(40 * size)
    source = tmp_path / "links.json"
    source.write_text(json.dumps([[p.key, p.travel_permit.number] for p in links]))
    process = subprocess.Popen(
        [
            sys.executable,
            str(WORKER),
            target,
            str(source),
            str(tmp_path / "r.json"),
            str(size),
            "0.05",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    committed = [int(process.stdout.readline()) for _ in range(5)]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stdout.close()
    assert [0, 1, 2, 3, 4] == committed
    with IdentityIndex.open(target) as index:
        stored = {pair.key for pair in index}
    counts = [
        sum(pair.key in stored for pair in links[start : start + size])
        for start in range(0, len(links), size)
    ]
    assert counts[:5] == [size] * 5, "every committed batch is there"
    assert set(counts) <= {0, size}, "no batch is half-written"
    assert counts.count(size) <= 7
