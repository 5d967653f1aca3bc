"""Benchmark travel permit parsing and the SQLite IdentityIndex (run on demand).

    python benchmarks/bench_travel.py [--links 100000] [--repeat 7]

1. ``parse_travel_permit`` against the core's ``permitcheck.is_valid`` on valid
   input, per travel permit form and over a mix: the ratio of the best times
   of the two loops over the same number of inputs, measured alternately in
   one process.  Target: at most 3.
2. ``IdentityIndex`` in an SQLite file: ``add_many`` of N links in one
   transaction, then N ``resolve`` calls (half by residence permit number,
   half by a travel permit number in another spelling), then reopening.
   Reported as rates (per second) and as ratios to a plain loop of
   ``permitcheck.is_valid`` over N residence permit numbers in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import permitcheck
from permitcheck import IdentityIndex, PermitLink, Region, calc_check_digit, link
from permitcheck.travel import parse_travel_permit

REGIONS = (Region.HK, Region.MO, Region.TW)


def residence_numbers(count: int, rng: random.Random) -> list[str]:
    numbers = []
    for position in range(count):
        region = REGIONS[position % 3]
        rest = position // 3
        birth = date(1900, 1, 1) + timedelta(days=rest % 40_000)
        body = f"{region.prefix}{birth:%Y%m%d}{rest // 40_000:02d}{rng.randrange(10)}"
        numbers.append(body + calc_check_digit(body))
    return numbers


def travel_numbers(form: str, count: int, rng: random.Random) -> list[str]:
    def make() -> str:
        lifelong = f"{rng.randrange(10**8):08d}"
        renewal = f"{rng.randrange(100):02d}"
        return {
            "H/M 9": rng.choice("HM") + lifelong,
            "H/M 11": rng.choice("HM") + lifelong + renewal,
            "HA/MA 9": rng.choice(["HA", "MA"]) + lifelong[:7],
            "TW 8": lifelong,
            "TW 10": lifelong + renewal,
            "TW 13": f"{lifelong}{renewal}({rng.choice('ABD')})",
        }[form]

    return [make() for _ in range(count)]


FORMS = ("H/M 9", "H/M 11", "HA/MA 9", "TW 8", "TW 10", "TW 13")


def best(function: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(function, number=1, repeat=repeat))


def compare(
    numbers: Sequence[str], baseline: Sequence[str], repeat: int
) -> tuple[float, float, float]:
    """Return (parse time, is_valid time, ratio), timed alternately, best of *repeat*."""
    is_valid = permitcheck.is_valid
    parse = parse_travel_permit

    def run_parse() -> None:
        for number in numbers:
            parse(number)

    def run_is_valid() -> None:
        for number in baseline:
            is_valid(number)

    parse_times, valid_times = [], []
    for _ in range(repeat):
        parse_times.append(best(run_parse, 1))
        valid_times.append(best(run_is_valid, 1))
    parse_best, valid_best = min(parse_times), min(valid_times)
    return parse_best, valid_best, parse_best / valid_best


def generated_links(count: int, rng: random.Random) -> list[PermitLink]:
    residences = residence_numbers(count, rng)
    lifelong_numbers = rng.sample(range(10**8), count)
    links = []
    for residence, lifelong in zip(residences, lifelong_numbers, strict=True):
        if residence.startswith("83"):
            travel = f"{lifelong:08d}" + rng.choice(["", "01", "02(B)"])
        else:
            travel = rng.choice("HM") + f"{lifelong:08d}" + rng.choice(["", "00"])
        links.append(link(residence, travel))
    return links


def other_spelling(pair: PermitLink, rng: random.Random) -> str:
    travel = pair.travel_permit
    if rng.random() < 0.5:
        return travel.lifelong_number  # the new short form
    return " ".join(travel.number).lower()  # spaced, lower case


def bench_index(count: int, repeat: int, rng: random.Random) -> None:
    started = time.perf_counter()
    links = generated_links(count, rng)
    build = time.perf_counter() - started
    queries = [
        pair.key if position % 2 == 0 else other_spelling(pair, rng)
        for position, pair in enumerate(links)
    ]
    residences = [pair.key for pair in links]
    is_valid = permitcheck.is_valid

    def loop_is_valid() -> None:
        for number in residences:
            is_valid(number)

    baseline = best(loop_is_valid, repeat)
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "links.db")
        with IdentityIndex.open(path) as index:
            started = time.perf_counter()
            index.add_many(links)
            add = time.perf_counter() - started
        size = os.path.getsize(path)
        started = time.perf_counter()
        index = IdentityIndex.open(path)
        reopen = time.perf_counter() - started
        with index:
            resolve = best(lambda: [index.resolve(query) for query in queries], min(repeat, 3))
            found = sum(index.resolve(query) is not None for query in queries)
    print(f"\nIdentityIndex (SQLite file, WAL, synchronous=FULL), {count:,} links")
    print(f"  building {count:,} PermitLink objects (not in the rates): {build:.2f} s")
    print(f"  add_many, one transaction: {count / add:>10,.0f} links/s  ({add:.2f} s)")
    print(f"  resolve (1/2 residence, 1/2 travel spelling): {count / resolve:>10,.0f} lookups/s")
    print(f"    ({resolve:.2f} s, {found:,} of {count:,} found)")
    print(f"  reopen: {reopen * 1000:.1f} ms; file size {size / 1e6:.1f} MB")
    print(f"  baseline is_valid loop over {count:,} residence numbers: {baseline:.3f} s")
    print(
        f"  ratios to that loop: add_many {add / baseline:.1f}x, resolve {resolve / baseline:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--inputs", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(2024)
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}),"
        f" SQLite {sqlite3.sqlite_version}, {platform.machine()}, {os.cpu_count()} CPUs"
    )
    baseline = residence_numbers(args.inputs, rng)
    print(
        f"\nparse_travel_permit vs permitcheck.is_valid, {args.inputs:,} valid inputs each,"
        f" best of {args.repeat}"
    )
    print(f"  {'form':<8} {'parse ns':>9} {'is_valid ns':>12} {'ratio':>6}")
    mix: list[str] = []
    for form in FORMS:
        numbers = travel_numbers(form, args.inputs, rng)
        mix.extend(numbers[: args.inputs // len(FORMS)])
        parse, valid, ratio = compare(numbers, baseline, args.repeat)
        per = 1e9 / args.inputs
        print(f"  {form:<8} {parse * per:>9.0f} {valid * per:>12.0f} {ratio:>5.2f}x")
    rng.shuffle(mix)
    parse, valid, ratio = compare(mix, baseline[: len(mix)], args.repeat)
    per = 1e9 / len(mix)
    print(f"  {'mix':<8} {parse * per:>9.0f} {valid * per:>12.0f} {ratio:>5.2f}x")
    bench_index(args.links, args.repeat, rng)


if __name__ == "__main__":
    main()
