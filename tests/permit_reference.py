"""An independent reference for the residence permit rules, used to build test data.

Written from FORMATS.md §1 and issue 2, never from permitcheck: the tests build
numbers and expected outcomes with it and compare permitcheck against it, so a
bug in permitcheck cannot also hide in the expectations.  Nothing here imports
permitcheck.
"""

from __future__ import annotations

import datetime

#: GB 11643-1999 / ISO 7064 MOD 11-2 weights for characters 1-17 (2**(18-i) mod 11).
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: The check character for a weighted sum S is CHECK_CHARACTERS[S % 11].
CHECK_CHARACTERS = "10X98765432"
#: Address codes fixed by art. 3 of 国办发〔2018〕81号.
PREFIXES = {"HK": "810000", "MO": "820000", "TW": "830000"}
#: The earliest accepted birth date (issue 2, rule 4).
EARLIEST = datetime.date(1900, 1, 1)
#: China Standard Time: "today" for the birth-date rule.
CST = datetime.timezone(datetime.timedelta(hours=8))
#: A fixed "today" for tests that pass ``today=``.
TODAY = datetime.date(2024, 6, 1)

DIGITS = "0123456789"
#: The public specimens (FORMATS.md §1, "北京市公安局公布的居住证样式号码").
HK_SPECIMEN = "810000199408230021"
TW_SPECIMEN = "830000199201300022"


def check_character(body: str) -> str:
    """Return the MOD 11-2 check character of a 17-digit body (weighted-sum form)."""
    assert len(body) == 17, body
    assert all(c in DIGITS for c in body), body
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def recursive_check_character(body: str) -> str:
    """The same check character by the recursive form quoted in FORMATS.md §1."""
    p = 0
    for digit in body:
        p = (p + int(digit)) * 2 % 11
    c = (12 - p) % 11
    return "X" if c == 10 else str(c)


def ymd(day: datetime.date) -> str:
    """Return *day* as YYYYMMDD (zero-padded for every year)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def make(
    prefix: str = "810000", birth: str | datetime.date = "19940823", sequence: str = "002"
) -> str:
    """Build a number with a correct check character from its parts.

    *birth* may be a date or any 8 digits (so impossible dates can be built).
    """
    birth_text = birth if isinstance(birth, str) else ymd(birth)
    body = f"{prefix}{birth_text}{sequence}"
    return body + check_character(body)


def with_wrong_check(number: str) -> str:
    """Return *number* with a different (hence wrong) check character."""
    right = number[17]
    wrong = CHECK_CHARACTERS[(CHECK_CHARACTERS.index(right) + 1) % 11]
    return number[:17] + wrong


#: Issue 8: separators pasted into numbers, dropped like spaces and hyphens --
#: tab, NBSP, the Unicode spaces U+2000-U+200A, U+202F, U+205F, zero-width
#: space/joiners U+200B-U+200D, word joiner U+2060, BOM U+FEFF, the hyphens and
#: dashes U+2010-U+2015 and the minus sign U+2212.
ISSUE_8_SEPARATORS = frozenset(
    "\t\u00a0\u202f\u205f\u200b\u200c\u200d\u2060\ufeff\u2212"
    + "".join(chr(code) for code in range(0x2000, 0x200B))
    + "".join(chr(code) for code in range(0x2010, 0x2016))
)


def compact(text: str) -> str:
    """Fold *text* as issues 2 and 8 describe ``compact()`` (char by char, no table)."""
    out = []
    for original in text:
        code = ord(original)
        if 0xFF01 <= code <= 0xFF5E:
            char = chr(code - 0xFEE0)
        elif code == 0x3000:
            char = " "
        else:
            char = original
        if "a" <= char <= "z":
            char = char.upper()
        if char not in " -" and char not in ISSUE_8_SEPARATORS:
            out.append(char)
    return "".join(out).strip()


def _real_date(text: str) -> datetime.date | None:
    try:
        return datetime.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def problems(number: str, today: datetime.date) -> list[str]:
    """Every rule an 18-character compact *number* breaks, in the documented order.

    Mirrors ``check()``: region, birth date and checksum are judged together
    once length and characters are fine.
    """
    if len(number) != 18:
        return ["length"]
    if not (all(c in DIGITS for c in number[:17]) and number[17] in DIGITS + "X"):
        return ["characters"]
    found = []
    if number[:6] not in PREFIXES.values():
        found.append("region")
    birth = _real_date(number[6:14])
    if birth is None or not EARLIEST <= birth <= today:
        found.append("birth_date")
    if check_character(number[:17]) != number[17]:
        found.append("checksum")
    return found


def first_problem(text: str, today: datetime.date) -> str | None:
    """The code ``validate(text, today=today)`` must raise, or None if valid."""
    found = problems(compact(text), today)
    return found[0] if found else None


def cst_today() -> datetime.date:
    """Today's date in China Standard Time (UTC+8)."""
    return datetime.datetime.now(CST).date()


def ending_in(check: str, prefix: str = "820000", birth: str = "19991220") -> str:
    """Return the first number (lowest sequence) whose check character is *check*."""
    for sequence in range(1000):
        number = make(prefix, birth, f"{sequence:03d}")
        if number[17] == check:
            return number
    raise AssertionError(f"no sequence gives check character {check}")  # pragma: no cover
