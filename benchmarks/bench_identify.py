"""Benchmark permitcheck.identify against each kind's own parse (run on demand).

    python benchmarks/bench_identify.py [--count 20000] [--repeat 7]

1. Residence permits: ``identify(number)`` against ``permitcheck.parse(number)``
   over the same valid numbers.  Target: at most 1.5.
2. A mix of every document kind (equal shares, compact valid numbers from the
   seeded generator): ``identify(number)`` against the number's own kind's
   ``parse`` function.  Target: at most 3.

Each ratio is the best time of one loop over the best time of the other,
measured alternately in one process.
"""

from __future__ import annotations

import argparse
import platform
import timeit
from collections.abc import Callable

import permitcheck
from permitcheck import DocumentKind, identify
from permitcheck.documents import (
    foreign_permanent_resident,
    foreign_permanent_resident_15,
    hong_kong_id,
    macao_id,
    mainland_id,
    mainland_id_15,
    taiwan_id,
    taiwan_resident_certificate,
)
from permitcheck.generate import PermitGenerator

PARSERS: dict[DocumentKind, Callable[[str], object]] = {
    DocumentKind.RESIDENCE_PERMIT: permitcheck.parse,
    DocumentKind.HOME_RETURN_PERMIT: permitcheck.parse_travel_permit,
    DocumentKind.TAIWAN_COMPATRIOT_PERMIT: permitcheck.parse_travel_permit,
    DocumentKind.MAINLAND_ID: mainland_id.parse,
    DocumentKind.MAINLAND_ID_15: mainland_id_15.parse,
    DocumentKind.FOREIGN_PERMANENT_RESIDENT: foreign_permanent_resident.parse,
    DocumentKind.FOREIGN_PERMANENT_RESIDENT_15: foreign_permanent_resident_15.parse,
    DocumentKind.HONG_KONG_ID: hong_kong_id.parse,
    DocumentKind.MACAO_ID: macao_id.parse,
    DocumentKind.TAIWAN_ID: taiwan_id.parse,
    DocumentKind.TAIWAN_RESIDENT_CERTIFICATE: taiwan_resident_certificate.parse,
}


def best(function: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(function, number=1, repeat=repeat))


def ratio(
    identify_loop: Callable[[], object], parse_loop: Callable[[], object], repeat: int
) -> tuple[float, float, float]:
    identify_times, parse_times = [], []
    for _ in range(repeat):
        identify_times.append(best(identify_loop, 1))
        parse_times.append(best(parse_loop, 1))
    identify_best, parse_best = min(identify_times), min(parse_times)
    return identify_best, parse_best, identify_best / parse_best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    generator = PermitGenerator(2026)
    print(f"CPython {platform.python_version()}, {options.count} numbers per corpus")

    residence = [generator.residence_permit_number() for _ in range(options.count)]
    parse = permitcheck.parse

    def identify_residence() -> None:
        for number in residence:
            identify(number)

    def parse_residence() -> None:
        for number in residence:
            parse(number)

    took, base, value = ratio(identify_residence, parse_residence, options.repeat)
    per = 1e9 / options.count
    print(
        f"residence permits: identify {took * per:.0f} ns, parse {base * per:.0f} ns,"
        f" ratio {value:.2f} (target <= 1.5)"
    )

    kinds = list(DocumentKind)
    pairs = []
    for position in range(options.count):
        kind = kinds[position % len(kinds)]
        pairs.append((PARSERS[kind], generator.document_number(kind)))
    numbers = [number for _parse, number in pairs]

    def identify_mix() -> None:
        for number in numbers:
            identify(number)

    def parse_mix() -> None:
        for own_parse, number in pairs:
            own_parse(number)

    took, base, value = ratio(identify_mix, parse_mix, options.repeat)
    print(
        f"mix of {len(kinds)} kinds: identify {took * per:.0f} ns, own parse {base * per:.0f} ns,"
        f" ratio {value:.2f} (target <= 3)"
    )
    for kind in kinds:
        subset = numbers[kinds.index(kind) :: len(kinds)]
        own = PARSERS[kind]

        def identify_kind(subset: list[str] = subset) -> None:
            for number in subset:
                identify(number)

        def parse_kind(subset: list[str] = subset, own: Callable[[str], object] = own) -> None:
            for number in subset:
                own(number)

        took, base, value = ratio(identify_kind, parse_kind, options.repeat)
        print(f"  {kind.value:30} ratio {value:.2f}")


if __name__ == "__main__":
    main()
