"""Fuzz linking: link(), PermitLink and pseudonym() on two arbitrary strings.

Contract: ``link`` raises only :class:`permitcheck.PermitError`; a link
keeps the rules (no HA/MA permit, the region's permit kind); its pseudonym
is the residence permit's, stable across spellings; an index stores and
resolves it by both numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _runner import instrumented, main

with instrumented():
    import permitcheck


SECRET = bytes(range(32))


def test_one_input(data: bytes) -> None:
    left, _, right = data.partition(b"|")
    residence, travel = left.decode("utf-8", "replace"), right.decode("utf-8", "replace")
    try:
        pair = permitcheck.link(residence, travel)
    except permitcheck.PermitError as error:
        assert error.code, error
        return
    kind = pair.travel_permit.kind
    assert kind is not permitcheck.TravelPermitKind.HOME_RETURN_NON_CHINESE
    assert kind in pair.residence_permit.region.travel_permit_kinds
    person = permitcheck.pseudonym(pair, secret=SECRET)
    assert person == permitcheck.pseudonym(residence, secret=SECRET)
    assert pair == permitcheck.link(pair.residence_permit.number, pair.travel_permit.number)
    with permitcheck.IdentityIndex() as index:
        index.add(pair)
        assert index.resolve(travel) == pair == index.resolve(residence)
        assert index.remove(travel) and len(index) == 0


if __name__ == "__main__":
    main(test_one_input)
