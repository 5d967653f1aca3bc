"""Benchmark the identity index on SQLite and on PostgreSQL (run on demand).

    python benchmarks/bench_index_backends.py [--links 100000] [--lookups 20000]

Starts a throw-away PostgreSQL server (tests/pg_server.py: initdb + pg_ctl on a
Unix socket, run as the postgres user under root), then for each backend:

1. ``add_many`` of N links in batches of 10,000 (one call per batch, each its
   own transaction) into a new index;
2. ``add`` of 2,000 single links (each its own transaction);
3. M ``resolve`` calls, half by residence permit number, half by a travel
   permit number in another spelling.

Reported as rates (per second) and as the ratio PostgreSQL / SQLite measured
in the same run.  The server runs with fsync off (a test server); SQLite's
file keeps its default (synchronous=FULL in WAL mode).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable

import psycopg

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))

import pg_server
from permitcheck import IdentityIndex, PermitLink
from permitcheck.generate import PermitGenerator
from sql_inputs import LAST_BIRTH_DATE

BATCH = 10_000


def people(count: int, seed: int) -> list[PermitLink]:
    generator = PermitGenerator(seed)
    residences: set[str] = set()
    travels: set[str] = set()
    links: list[PermitLink] = []
    while len(links) < count:
        pair = generator.permit_link(max_birth_date=LAST_BIRTH_DATE)
        lifelong = pair.travel_permit.lifelong_number
        if pair.key not in residences and lifelong not in travels:
            residences.add(pair.key)
            travels.add(lifelong)
            links.append(pair)
    return links


def spelling(pair: PermitLink, rng: random.Random) -> str:
    number = pair.travel_permit.lifelong_number
    return number.lower() if rng.random() < 0.5 else " ".join([number[:4], number[4:]])


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def measure(
    target: str, links: list[PermitLink], singles: list[PermitLink], queries: list[str]
) -> dict[str, float]:
    with IdentityIndex.open(target) as index:

        def load() -> None:
            for start in range(0, len(links), BATCH):
                index.add_many(links[start : start + BATCH])

        def add_each() -> None:
            for pair in singles:
                index.add(pair)

        def lookups() -> None:
            for query in queries:
                assert index.resolve(query) is not None

        add_many_s = timed(load)
        add_s = timed(add_each)
        resolve_s = timed(lookups)
        assert len(index) == len(links) + len(singles)
    return {
        "add_many links/s": len(links) / add_many_s,
        "add links/s": len(singles) / add_s,
        "resolve lookups/s": len(queries) / resolve_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    options = parser.parse_args()
    rng = random.Random(0)
    everyone = people(options.links + 2_000, seed=1)
    links, singles = everyone[: options.links], everyone[options.links :]
    sample = rng.sample(links, options.lookups)
    queries = [
        pair.key if position % 2 else spelling(pair, rng) for position, pair in enumerate(sample)
    ]
    server = pg_server.start()
    try:
        with psycopg.connect(server.url) as connection:
            server_version = connection.info.server_version
        with tempfile.TemporaryDirectory() as directory:
            results = {
                "SQLite": measure(os.path.join(directory, "links.db"), links, singles, queries),
                "PostgreSQL": measure(server.url, links, singles, queries),
            }
    finally:
        server.stop()
    print(
        f"CPython {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
        f" PostgreSQL {server_version}, psycopg {psycopg.__version__},"
        f" {options.links:,} links in batches of {BATCH:,}, {options.lookups:,} lookups"
    )
    print(f"{'measure':<20} {'SQLite':>12} {'PostgreSQL':>12} {'PG/SQLite':>10}")
    for measure_name in results["SQLite"]:
        lite, pg = results["SQLite"][measure_name], results["PostgreSQL"][measure_name]
        print(f"{measure_name:<20} {lite:>12,.0f} {pg:>12,.0f} {pg / lite:>10.2f}")


if __name__ == "__main__":
    main()
