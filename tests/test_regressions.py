"""Regression tests for defects found in review, one behaviour per test."""

from __future__ import annotations

import permitcheck
from permitcheck import link, residence

HK = "810000199408230021"


class RaisingClassAttribute:
    """An object whose ``__class__`` lookup raises (isinstance() would propagate it)."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        raise RuntimeError("boom")


def test_is_valid_returns_false_when_class_lookup_raises() -> None:
    assert False is permitcheck.is_valid(RaisingClassAttribute())


def test_travel_is_valid_returns_false_when_class_lookup_raises() -> None:
    assert False is permitcheck.travel.is_valid(RaisingClassAttribute())


def test_links_of_every_spelling_of_one_travel_permit_are_equal() -> None:
    # Issue 3: every accepted spelling of the travel permit maps to the same link.
    spellings = ["H1038787700", "H1038787701", "h10387877", "Ｈ１０３８７８７７"]
    links = {link(HK, spelling) for spelling in spellings}
    assert 1 == len(links)


def test_links_of_different_travel_permits_differ() -> None:
    assert link(HK, "H10387877") != link(HK, "H10387878")


def test_format_of_a_short_input_has_no_trailing_spaces() -> None:
    assert "123" == residence.format("123")


def test_format_groups_a_full_number() -> None:
    assert "810000 19940823 0021" == residence.format(HK)
