"""Speed of the residence permit core, as ratios on one corpus (issue 2).

Run on demand, never in the suite::

    python benchmarks/bench_core.py [--size 20000] [--repeat 15]

Targets (issue 2):

- ``is_valid`` costs at most 4x the floor ``lambda s: len(s) == 18 and s[:17].isdigit()``;
- ``is_valid`` is at least 40x faster than ``stdnum.cn.ric.is_valid``;
- ``parse`` costs at most 3x ``is_valid``.

Method: one corpus from a fixed seed, 70 % valid permits spread over the
three regions and 30 % invalid ones in five equal kinds (length, characters,
region, birth_date, checksum).  Numbers are built with this file's own
MOD 11-2, not with permitcheck.  Each candidate runs ``for s in corpus: f(s)``
under :mod:`timeit`, in chunks of 500 numbers; the rounds are interleaved
(every candidate once per round, in a rotating order) and each chunk keeps its
minimum over the rounds, so load from other processes on the machine is
filtered out rather than averaged in.  Ratios
are reported with the loop included (what a caller pays) and, for the floor
ratio, also with an empty loop's time subtracted from both sides (the
stricter reading).

``parse`` raises on invalid input, so it is measured two ways and both are
reported: inside ``try/except PermitError`` on the whole corpus, and plainly
on the valid 70 % (against ``is_valid`` on the same subset).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import timeit
from collections.abc import Callable

import stdnum
import stdnum.cn.ric

import permitcheck

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PREFIXES = ("810000", "820000", "830000")
TODAY = datetime.date(2024, 6, 1)
EARLIEST = datetime.date(1900, 1, 1)


def check_character(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def make(prefix: str, ymd: str, sequence: str) -> str:
    body = prefix + ymd + sequence
    return body + check_character(body)


def build_corpus(size: int, seed: int = 20180901) -> tuple[list[str], list[str]]:
    """Return (corpus, valid subset): 70 % valid, 30 % invalid in five kinds."""
    rng = random.Random(seed)
    span = (TODAY - EARLIEST).days

    def valid() -> str:
        birth = EARLIEST + datetime.timedelta(days=rng.randrange(span + 1))
        return make(rng.choice(PREFIXES), birth.strftime("%Y%m%d"), f"{rng.randrange(1000):03d}")

    def wrong_length() -> str:
        number = valid()
        return number[:17] if rng.random() < 0.5 else number + str(rng.randrange(10))

    def wrong_characters() -> str:
        number = valid()
        index = rng.randrange(18)
        return number[:index] + rng.choice("AO٣²⑱_+") + number[index + 1 :]

    def wrong_region() -> str:
        prefix = rng.choice(("710000", "110105", "440305", "800000", "932682"))
        return make(prefix, "19940823", f"{rng.randrange(1000):03d}")

    def wrong_birth_date() -> str:
        ymd = rng.choice(("19000229", "18991231", "19940230", "19941301", "20991231", "19940800"))
        return make(rng.choice(PREFIXES), ymd, f"{rng.randrange(1000):03d}")

    def wrong_checksum() -> str:
        number = valid()
        right = "10X98765432".index(number[17])
        return number[:17] + "10X98765432"[(right + rng.randrange(1, 11)) % 11]

    invalid = [wrong_length, wrong_characters, wrong_region, wrong_birth_date, wrong_checksum]
    corpus, subset = [], []
    for _ in range(size):
        if rng.random() < 0.7:
            number = valid()
            subset.append(number)
        else:
            number = rng.choice(invalid)()
        corpus.append(number)
    return corpus, subset


def parse_or_none(number: str) -> permitcheck.ResidencePermit | None:
    try:
        return permitcheck.parse(number)
    except permitcheck.PermitError:
        return None


def measure(
    candidates: dict[str, tuple[Callable[[str], object], list[str]]],
    repeat: int,
    chunk: int = 500,
) -> dict[str, float]:
    """Best time per call in ns for each candidate (loop over its corpus included).

    Each corpus is cut into chunks of *chunk* numbers (well under a
    millisecond each, so most timings run without being preempted on a busy
    machine); every chunk is timed once per round, the rounds interleave the
    candidates in a rotating order, and each chunk keeps its minimum.  The
    candidate's time is the sum of its chunk minima.
    """
    timers = {
        name: [
            timeit.Timer("for s in part: f(s)", globals={"part": corpus[i : i + chunk], "f": f})
            for i in range(0, len(corpus), chunk)
        ]
        for name, (f, corpus) in candidates.items()
    }
    best = {name: [float("inf")] * len(parts) for name, parts in timers.items()}
    names = list(timers)
    for round_ in range(repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            for index, timer in enumerate(timers[name]):
                best[name][index] = min(best[name][index], timer.timeit(number=1))
    return {name: sum(best[name]) / len(candidates[name][1]) * 1e9 for name in candidates}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    corpus, valid = build_corpus(args.size)
    # Sanity: permitcheck agrees with how the corpus was built.
    assert sum(map(permitcheck.is_valid, corpus)) == len(valid), "corpus and is_valid disagree"
    # Warm up lazy parts (stdnum's loc.dat, datetime in parse) outside timing.
    for number in corpus[:200]:
        stdnum.cn.ric.is_valid(number)
        parse_or_none(number)

    def floor(s: str) -> bool:
        return len(s) == 18 and s[:17].isdigit()

    def empty(s: str) -> None:
        return None

    times = measure(
        {
            "empty call": (empty, corpus),
            "floor": (floor, corpus),
            "is_valid": (permitcheck.is_valid, corpus),
            "stdnum.cn.ric.is_valid": (stdnum.cn.ric.is_valid, corpus),
            "parse in try/except": (parse_or_none, corpus),
            "check": (permitcheck.check, corpus),
            "is_valid, valid subset": (permitcheck.is_valid, valid),
            "parse, valid subset": (permitcheck.parse, valid),
        },
        args.repeat,
    )

    print(
        f"python {sys.version.split()[0]}, permitcheck {permitcheck.__version__}, "
        f"python-stdnum {stdnum.__version__}"
    )
    print(
        f"corpus: {len(corpus)} numbers, {len(valid)} valid ({len(valid) / len(corpus):.0%}), "
        f"seed 20180901; per 500-number chunk, best of {args.repeat} interleaved rounds\n"
    )
    for name, ns in times.items():
        print(f"  {name:26} {ns:8.1f} ns per call")

    def ratio(label: str, value: float, target: str, ok: bool) -> None:
        print(f"  {label:50} {value:7.2f}x   target {target:8} {'met' if ok else 'MISSED'}")

    net = times["empty call"]
    print()
    floor_ratio = times["is_valid"] / times["floor"]
    floor_net = (times["is_valid"] - net) / (times["floor"] - net)
    stdnum_ratio = times["stdnum.cn.ric.is_valid"] / times["is_valid"]
    parse_all = times["parse in try/except"] / times["is_valid"]
    parse_valid = times["parse, valid subset"] / times["is_valid, valid subset"]
    ratio("is_valid / floor", floor_ratio, "<= 4", floor_ratio <= 4)
    ratio("is_valid / floor, empty-call time subtracted", floor_net, "<= 4", floor_net <= 4)
    ratio("stdnum.cn.ric.is_valid / is_valid", stdnum_ratio, ">= 40", stdnum_ratio >= 40)
    ratio("parse in try/except / is_valid (whole corpus)", parse_all, "<= 3", parse_all <= 3)
    ratio("parse / is_valid (valid subset)", parse_valid, "<= 3", parse_valid <= 3)
    print(
        f"  {'check / is_valid (whole corpus, information)':50} "
        f"{times['check'] / times['is_valid']:7.2f}x"
    )


if __name__ == "__main__":
    main()
