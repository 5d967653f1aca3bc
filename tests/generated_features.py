"""What 10,000 generated residence permits must include (issue 4's acceptance).

Shared by the Hypothesis strategy tests and the seeded generator tests, so both
are held to one list.  Each check gets the permit and the first and last day
that counted as "today" in UTC+8 while drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from permitcheck import Region, ResidencePermit, Sex

Feature = tuple[str, Callable[[ResidencePermit, date, date], bool]]

FEATURES: list[Feature] = [
    ("a Hong Kong number", lambda permit, first, last: permit.region is Region.HK),
    ("a Macao number", lambda permit, first, last: permit.region is Region.MO),
    ("a Taiwan number", lambda permit, first, last: permit.region is Region.TW),
    ("a man", lambda permit, first, last: permit.sex is Sex.MALE),
    ("a woman", lambda permit, first, last: permit.sex is Sex.FEMALE),
    (
        "a Feb 29 birth",
        lambda permit, first, last: (permit.birth_date.month, permit.birth_date.day) == (2, 29),
    ),
    ("a birth on 1900-01-01", lambda permit, first, last: permit.birth_date == date(1900, 1, 1)),
    ("a birth today in UTC+8", lambda permit, first, last: first <= permit.birth_date <= last),
]
