"""Tests for permitcheck.index: the IdentityIndex store, in memory and in SQLite files."""

from __future__ import annotations

import pickle
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from stdnum import exceptions as stdnum_exceptions

import permitcheck
from permitcheck import (
    IdentityIndex,
    IndexConflict,
    InvalidChecksum,
    InvalidTravelFormat,
    PermitError,
    PermitLink,
    Region,
    calc_check_digit,
    error_class,
    index,
    link,
    parse,
    parse_travel_permit,
)
from permitcheck.generate import PermitGenerator
from permitcheck.messages import LANGUAGES, message
from permitcheck.strategies import permit_links

HK_RESIDENCE = "810000199408230021"  # public specimen
TW_RESIDENCE = "830000199201300022"  # public specimen
MO_RESIDENCE = "820000200001010024"  # generated


#: The latest birth date of generated links: a fixed one, so that a seed gives
#: the same links on every day (the default is today).
LAST_BIRTH_DATE = date(2020, 12, 31)


def generated_links(count: int, *, seed: int = 0) -> list[PermitLink]:
    """*count* links of distinct people, every region and travel permit form.

    Drawn by permitcheck.generate.PermitGenerator; a link that repeats a
    residence permit or a lifelong travel permit number already drawn (the
    same person again, or two people sharing a permit) is skipped.
    """
    generator = PermitGenerator(seed)
    links: list[PermitLink] = []
    residences: set[str] = set()
    travels: set[str] = set()
    while len(links) < count:
        pair = generator.permit_link(max_birth_date=LAST_BIRTH_DATE)
        if pair.key not in residences and pair.travel_permit.lifelong_number not in travels:
            residences.add(pair.key)
            travels.add(pair.travel_permit.lifelong_number)
            links.append(pair)
    return links


def private_file(path: Path) -> Path:
    """Create *path* empty with mode 0600, as an index file must be (the test's own SQLite use)."""
    path.touch(mode=0o600)
    path.chmod(0o600)
    return path


@pytest.fixture
def memory_index() -> Iterator[IdentityIndex]:
    with IdentityIndex() as store:
        yield store


# -- adding and resolving -------------------------------------------------------------------


def test_resolve_finds_a_link_by_its_residence_permit(memory_index: IdentityIndex) -> None:
    stored = link(HK_RESIDENCE, "H1038787700")
    memory_index.add(stored)
    assert stored == memory_index.resolve(HK_RESIDENCE)


@pytest.mark.parametrize(
    "spelling",
    [
        "H1038787700",  # as stored: the 1999-2012 card
        "H1038787703",  # another renewal of the same old card
        "H10387877",  # the 2013+ card keeps the first 9 characters
        "ｈ１０３８７８７７",  # full-width, lower case
        " H-1038-7877 ",
    ],
)
def test_resolve_finds_a_link_by_every_spelling_of_its_travel_permit(
    memory_index: IdentityIndex, spelling: str
) -> None:
    stored = link(HK_RESIDENCE, "H1038787700")
    memory_index.add(stored)
    assert stored == memory_index.resolve(spelling)


@pytest.mark.parametrize(
    "spelling", ["0561682001(D)", "0561682002", "05616820", "05616820 01（B）"]
)
def test_resolve_finds_a_taiwan_link_by_every_form(
    memory_index: IdentityIndex, spelling: str
) -> None:
    stored = link(TW_RESIDENCE, "0561682001(D)")
    memory_index.add(stored)
    assert stored == memory_index.resolve(spelling)


def test_resolve_finds_a_link_by_a_spelling_of_its_residence_permit(
    memory_index: IdentityIndex,
) -> None:
    stored = link(HK_RESIDENCE, "H10387877")
    memory_index.add(stored)
    assert stored == memory_index.resolve("８１００００ 1994-0823 0021")


@pytest.mark.parametrize("document", [parse(HK_RESIDENCE), parse_travel_permit("H1038787711")])
def test_resolve_accepts_parsed_documents(memory_index: IdentityIndex, document: object) -> None:
    stored = link(HK_RESIDENCE, "H10387877")
    memory_index.add(stored)
    assert stored == memory_index.resolve(document)  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [TW_RESIDENCE, "H12345678", "00000000"])
def test_resolve_returns_none_for_an_unknown_number(
    memory_index: IdentityIndex, number: str
) -> None:
    memory_index.add(link(HK_RESIDENCE, "H10387877"))
    assert memory_index.resolve(number) is None


@pytest.mark.parametrize(
    ("number", "error"),
    [("810000199408230022", InvalidChecksum), ("HB1234567", InvalidTravelFormat)],
)
def test_resolve_raises_for_an_invalid_number(
    memory_index: IdentityIndex, number: str, error: type[PermitError]
) -> None:
    with pytest.raises(error) as raised:
        memory_index.resolve(number)
    assert (error, error.code) == (type(raised.value), raised.value.code)


def test_resolve_raises_type_error_for_junk(memory_index: IdentityIndex) -> None:
    with pytest.raises(TypeError):
        memory_index.resolve(None)  # type: ignore[arg-type]


def test_resolve_keeps_the_warnings(memory_index: IdentityIndex) -> None:
    memory_index.add(link(MO_RESIDENCE, "H10387877"))
    resolved = memory_index.resolve(MO_RESIDENCE)
    assert ("link_letter_region",) == (resolved.warnings if resolved else None)


def test_adding_the_same_link_again_changes_nothing(memory_index: IdentityIndex) -> None:
    stored = link(HK_RESIDENCE, "H10387877")
    memory_index.add(stored)
    memory_index.add(stored)
    assert [stored] == list(memory_index)


def test_another_spelling_of_the_travel_permit_replaces_the_stored_one(
    memory_index: IdentityIndex,
) -> None:
    # The same person: the 2013+ card after the 1999-2012 card.
    memory_index.add(link(HK_RESIDENCE, "H1038787701"))
    memory_index.add(link(HK_RESIDENCE, "H10387877"))
    assert [link(HK_RESIDENCE, "H10387877")] == list(memory_index)


# -- conflicts --------------------------------------------------------------------------------

CONFLICTS = [
    # The same residence permit with another person's travel permit.
    (link(HK_RESIDENCE, "H10387877"), link(HK_RESIDENCE, "H12345678")),
    (link(HK_RESIDENCE, "H10387877"), link(HK_RESIDENCE, "M10387877")),  # H/M are distinct
    # The same travel permit (any form) with another residence permit.
    (link(HK_RESIDENCE, "H10387877"), link(MO_RESIDENCE, "H10387877")),
    (link(HK_RESIDENCE, "H10387877"), link(MO_RESIDENCE, "H1038787702")),
    (link(TW_RESIDENCE, "05616820"), link("830000200001010018", "0561682001(D)")),
]


@pytest.mark.parametrize(("stored", "contradiction"), CONFLICTS)
def test_a_contradicting_link_raises_a_conflict(
    memory_index: IdentityIndex, stored: PermitLink, contradiction: PermitLink
) -> None:
    memory_index.add(stored)
    with pytest.raises(IndexConflict) as raised:
        memory_index.add(contradiction)
    assert (IndexConflict, "index_conflict") == (type(raised.value), raised.value.code)


@pytest.mark.parametrize(("stored", "contradiction"), CONFLICTS)
def test_a_conflict_changes_nothing(
    memory_index: IdentityIndex, stored: PermitLink, contradiction: PermitLink
) -> None:
    memory_index.add(stored)
    with pytest.raises(IndexConflict):
        memory_index.add(contradiction)
    assert [stored] == list(memory_index)


def test_a_batch_with_a_conflict_stores_nothing(memory_index: IdentityIndex) -> None:
    memory_index.add(link(HK_RESIDENCE, "H10387877"))
    batch = [link(TW_RESIDENCE, "00000000"), link(MO_RESIDENCE, "H10387877")]
    with pytest.raises(IndexConflict):
        memory_index.add_many(batch)
    assert [link(HK_RESIDENCE, "H10387877")] == list(memory_index)


def test_a_batch_that_contradicts_itself_stores_nothing(memory_index: IdentityIndex) -> None:
    batch = [link(HK_RESIDENCE, "H10387877"), link(HK_RESIDENCE, "H12345678")]
    with pytest.raises(IndexConflict):
        memory_index.add_many(batch)
    assert 0 == len(memory_index)


@pytest.mark.parametrize("junk", [None, HK_RESIDENCE, (HK_RESIDENCE, "H10387877")])
def test_only_links_can_be_added(memory_index: IdentityIndex, junk: object) -> None:
    with pytest.raises(TypeError):
        memory_index.add(junk)  # type: ignore[arg-type]


def test_a_batch_with_a_non_link_stores_nothing(memory_index: IdentityIndex) -> None:
    with pytest.raises(TypeError):
        memory_index.add_many([link(HK_RESIDENCE, "H10387877"), None])  # type: ignore[list-item]
    assert 0 == len(memory_index)


# -- transactions -----------------------------------------------------------------------------


def test_a_transaction_keeps_all_its_writes(memory_index: IdentityIndex) -> None:
    with memory_index.transaction():
        memory_index.add(link(HK_RESIDENCE, "H10387877"))
        memory_index.add_many([link(TW_RESIDENCE, "00000000")])
    assert 2 == len(memory_index)


def test_an_exception_undoes_the_whole_transaction(memory_index: IdentityIndex) -> None:
    class Stop(Exception):
        pass

    def add_then_fail() -> None:
        with memory_index.transaction():
            memory_index.add(link(HK_RESIDENCE, "H10387877"))
            raise Stop

    with pytest.raises(Stop):
        add_then_fail()
    assert 0 == len(memory_index)


def test_a_caught_conflict_keeps_the_other_writes_of_the_transaction(
    memory_index: IdentityIndex,
) -> None:
    with memory_index.transaction():
        memory_index.add(link(HK_RESIDENCE, "H10387877"))
        with pytest.raises(IndexConflict):
            memory_index.add_many([link(TW_RESIDENCE, "00000000"), link(MO_RESIDENCE, "H10387877")])
    # The failed batch was undone (a savepoint), the first add committed.
    assert [link(HK_RESIDENCE, "H10387877")] == list(memory_index)


def test_transaction_yields_the_index(memory_index: IdentityIndex) -> None:
    with memory_index.transaction() as inside:
        assert memory_index is inside


# -- reading everything -----------------------------------------------------------------------


def test_iteration_yields_every_link_ordered_by_residence_permit(
    memory_index: IdentityIndex,
) -> None:
    links = [link(TW_RESIDENCE, "00000000"), link(HK_RESIDENCE, "H10387877")]
    memory_index.add_many(links)
    assert sorted(links, key=lambda pair: pair.key) == list(memory_index)


def test_len_counts_the_links(memory_index: IdentityIndex) -> None:
    memory_index.add_many(generated_links(30))
    assert 30 == len(memory_index)


# -- opening and closing ----------------------------------------------------------------------


def test_the_default_index_is_in_memory() -> None:
    with IdentityIndex() as first, IdentityIndex() as second:
        first.add(link(HK_RESIDENCE, "H10387877"))
        assert 0 == len(second)


def test_a_closed_index_refuses_work() -> None:
    with IdentityIndex() as store:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        store.resolve(HK_RESIDENCE)


def test_closing_twice_is_harmless() -> None:
    store = IdentityIndex()
    store.close()
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        len(store)


def test_repr_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "links.db"
    with IdentityIndex.open(path) as store:
        assert f"IdentityIndex({str(path)!r})" == repr(store)


def test_a_file_index_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "links.db"
    stored = link(MO_RESIDENCE, "H1038787700")
    with IdentityIndex.open(path) as store:
        store.add(stored)
    with IdentityIndex.open(str(path)) as store:
        assert stored == store.resolve("H10387877")


def test_a_file_index_uses_write_ahead_logging(tmp_path: Path) -> None:
    path = tmp_path / "links.db"
    IdentityIndex.open(path).close()
    connection = sqlite3.connect(path)
    try:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        connection.close()
    assert "wal" == mode


def test_a_file_index_records_its_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "links.db"
    IdentityIndex.open(path).close()
    connection = sqlite3.connect(path)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()
    assert index.SCHEMA_VERSION == version


def test_opening_waits_for_another_process_holding_the_file(tmp_path: Path) -> None:
    path = private_file(tmp_path / "busy.db")
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.3, holder.execute, ["COMMIT"])
    release.start()
    try:
        with IdentityIndex.open(path, timeout=30) as store:
            count = len(store)
    finally:
        release.join()
        holder.close()
    assert 0 == count


def test_opening_gives_up_after_the_timeout(tmp_path: Path) -> None:
    path = private_file(tmp_path / "busy.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            IdentityIndex.open(path, timeout=0.1)
    finally:
        holder.close()


def test_an_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    path = private_file(tmp_path / "future.db")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(ValueError, match="schema version"):
        IdentityIndex.open(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"not a database, just some words " * 100)
    path.chmod(0o600)
    with pytest.raises(sqlite3.DatabaseError):
        IdentityIndex.open(path)


def test_the_sqlite_index_returns_exactly_what_was_stored_after_reopening(
    tmp_path: Path,
) -> None:
    links = generated_links(10_000, seed=3)
    path = tmp_path / "links.db"
    with IdentityIndex.open(path) as store:
        store.add_many(links)
    with IdentityIndex.open(path) as store:
        by_residence = [store.resolve(pair.key) for pair in links]
        by_travel = [store.resolve(pair.travel_permit.lifelong_number) for pair in links]
        everything = list(store)
    expected = (links, links, sorted(links, key=lambda pair: pair.key))
    assert expected == (by_residence, by_travel, everything)


def test_the_generated_links_cover_every_region_and_form() -> None:
    links = generated_links(300)
    forms = {(pair.residence_permit.region, len(pair.travel_permit.number)) for pair in links}
    expected = {
        (Region.HK, 9),
        (Region.HK, 11),
        (Region.MO, 9),
        (Region.MO, 11),
        (Region.TW, 8),
        (Region.TW, 10),
        (Region.TW, 13),
    }
    assert expected == forms


# -- several processes, crashes -----------------------------------------------------------------

# A child process: links number START .. START+COUNT-1 of a simple family
# (one birth date and one H lifelong number per position), each added in its
# own transaction so that the writers interleave.  TRAVEL_SHIFT moves the
# travel permits, RESIDENCE_SHIFT the residence permits.
CHILD = textwrap.dedent(
    """
    import os, sys
    from datetime import date, timedelta
    from permitcheck import IdentityIndex, IndexConflict, calc_check_digit, link

    path, start, count, crash = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

    def pair(position):
        birth = date(1900, 1, 1) + timedelta(days=position)
        body = f"810000{birth:%Y%m%d}001"
        return link(body + calc_check_digit(body), f"H{position % 10000:08d}")

    added = conflicts = 0
    with IdentityIndex.open(path, timeout=60) as store:
        if crash == "crash":
            store.add_many(pair(position) for position in range(start, start + count))
            with store.transaction():
                later = range(start + count, start + 2 * count)
                store.add_many(pair(position) for position in later)
                os._exit(3)  # dies mid-transaction: nothing of this batch may survive
        for position in range(start, start + count):
            try:
                store.add(pair(position))
                added += 1
            except IndexConflict:
                conflicts += 1
    print(added, conflicts)
    """
)


def pair(position: int) -> PermitLink:
    # The same family as CHILD's pair().
    birth = date(1900, 1, 1) + timedelta(days=position)
    body = f"810000{birth:%Y%m%d}001"
    return link(body + calc_check_digit(body), f"H{position % 10000:08d}")


def run_children(path: Path, *arguments: tuple[int, int, str]) -> list[tuple[int, str]]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(start), str(count), crash],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for start, count, crash in arguments
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=240)
        results.append((process.returncode, out.strip() or err))
    return results


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        result: str = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    return result


def test_two_processes_writing_one_file_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    results = run_children(path, (0, 150, "-"), (1000, 150, "-"))
    with IdentityIndex.open(path) as store:
        stored = list(store)
    expected = (
        [(0, "150 0"), (0, "150 0")],
        "ok",
        [*map(pair, range(150)), *map(pair, range(1000, 1150))],
    )
    assert expected == (results, integrity(path), stored)


def test_two_processes_adding_contradicting_links_store_exactly_one_of_each(
    tmp_path: Path,
) -> None:
    # Positions p and p + 10000 share the travel permit H<p>: one link each.
    path = tmp_path / "race.db"
    results = run_children(path, (0, 150, "-"), (10000, 150, "-"))
    assert [0, 0] == [code for code, _ in results], results
    added = sum(int(out.split()[0]) for _, out in results)
    conflicts = sum(int(out.split()[1]) for _, out in results)
    with IdentityIndex.open(path) as store:
        winners = {pair.travel_permit.number for pair in store}
    expected = (0, 150, 150, {f"H{position:08d}" for position in range(150)}, "ok")
    actual = (max(code for code, _ in results), added, conflicts, winners, integrity(path))
    assert expected == actual


def test_a_crash_mid_transaction_loses_only_that_transaction(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    [(code, _)] = run_children(path, (0, 100, "crash"))
    with IdentityIndex.open(path) as store:
        stored = list(store)
    assert (3, [pair(position) for position in range(100)], "ok") == (code, stored, integrity(path))


# -- the conflict error -----------------------------------------------------------------------


def test_index_conflict_has_a_stable_code() -> None:
    assert (IndexConflict, "index_conflict") == (error_class("index_conflict"), IndexConflict.code)


def test_index_conflict_is_a_permit_error_and_a_stdnum_validation_error() -> None:
    expected = (True, True)
    actual = (
        issubclass(IndexConflict, PermitError),
        issubclass(IndexConflict, stdnum_exceptions.ValidationError),
    )
    assert expected == actual


def test_index_conflict_has_a_message_in_every_language() -> None:
    assert all(message("index_conflict", language) for language in LANGUAGES)


def test_index_conflict_pickles() -> None:
    restored = pickle.loads(pickle.dumps(IndexConflict()))
    assert (IndexConflict, str(IndexConflict())) == (type(restored), str(restored))


def test_exported_at_top_level() -> None:
    assert (index.IdentityIndex, IndexConflict) == (
        permitcheck.IdentityIndex,
        permitcheck.IndexConflict,
    )


# -- properties -----------------------------------------------------------------------------------


@given(
    st.lists(
        permit_links(),
        max_size=40,
        # Distinct people: no residence permit or lifelong travel permit number twice.
        unique_by=(lambda pair: pair.key, lambda pair: pair.travel_permit.lifelong_number),
    )
)
@settings(max_examples=25, deadline=None)  # SQLite work: no per-example deadline
def test_every_stored_link_resolves_from_both_numbers(links: list[PermitLink]) -> None:
    with IdentityIndex() as store:
        store.add_many(links)
        by_residence = [store.resolve(pair.key) for pair in links]
        by_travel = [store.resolve(pair.travel_permit.number) for pair in links]
    assert (links, links) == (by_residence, by_travel)


# A small world where conflicts are frequent: few people, shared travel permits.
RESIDENCES = [HK_RESIDENCE, MO_RESIDENCE, TW_RESIDENCE, "830000200001010018"]
TRAVELS = ["H10387877", "H1038787701", "M12345678", "M1234567800", "00000000", "0000000003(B)"]
PAIRS = [
    link(residence, travel)
    for residence in RESIDENCES
    for travel in TRAVELS
    if parse_travel_permit(travel).kind in parse(residence).region.travel_permit_kinds
]


class IndexAgainstAModel(RuleBasedStateMachine):
    """The index behaves like two dicts: residence -> link and travel key -> residence."""

    def __init__(self) -> None:
        super().__init__()
        self.store = IdentityIndex()
        self.links: dict[str, PermitLink] = {}
        self.owners: dict[str, str] = {}

    def _contradicts(self, pair: PermitLink) -> bool:
        stored = self.links.get(pair.key)
        owner = self.owners.get(pair.travel_permit.lifelong_number)
        return (
            stored is not None
            and stored.travel_permit.lifelong_number != pair.travel_permit.lifelong_number
        ) or (owner is not None and owner != pair.key)

    def _remember(self, pair: PermitLink) -> None:
        self.links[pair.key] = pair
        self.owners[pair.travel_permit.lifelong_number] = pair.key

    @rule(pair=st.sampled_from(PAIRS))
    def add(self, pair: PermitLink) -> None:
        if self._contradicts(pair):
            with pytest.raises(IndexConflict):
                self.store.add(pair)
        else:
            self.store.add(pair)
            self._remember(pair)

    @rule(batch=st.lists(st.sampled_from(PAIRS), max_size=4))
    def add_many(self, batch: list[PermitLink]) -> None:
        saved = (dict(self.links), dict(self.owners))
        conflict = False
        for pair in batch:
            if self._contradicts(pair):
                conflict = True
                break
            self._remember(pair)
        if conflict:
            self.links, self.owners = saved
            with pytest.raises(IndexConflict):
                self.store.add_many(batch)
        else:
            self.store.add_many(batch)

    @invariant()
    def resolves_like_the_model(self) -> None:
        expected = [self.links.get(residence) for residence in RESIDENCES]
        expected += [
            self.links.get(self.owners.get(parse_travel_permit(travel).lifelong_number, ""))
            for travel in TRAVELS
        ]
        actual = [self.store.resolve(residence) for residence in RESIDENCES]
        actual += [self.store.resolve(travel) for travel in TRAVELS]
        assert expected == actual

    def teardown(self) -> None:
        self.store.close()


IndexAgainstAModel.TestCase.settings = settings(
    max_examples=40, stateful_step_count=15, deadline=None
)
TestIndexAgainstAModel = IndexAgainstAModel.TestCase
