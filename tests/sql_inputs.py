"""Generated inputs for comparing the SQL check functions with the core.

:func:`inputs` mixes, from one seed: valid residence and travel permit numbers
in the spellings people type (lower case, full-width forms, spaces, hyphens,
and the separators and invisible characters folding removes), near misses of
every residence permit error code (``PermitGenerator``), travel permit near
misses (a character changed, dropped or added), digits from other scripts,
random strings over an alphabet of troublesome characters, and ``None`` (SQL
NULL).  With ``nul=True`` some strings hold a NUL character (PostgreSQL's
``text`` cannot store one; DuckDB and SQLite can).
"""

from __future__ import annotations

import random
from datetime import date

from permitcheck.generate import PermitGenerator

#: A fixed latest birth date keeps a seed's inputs the same on every day.
LAST_BIRTH_DATE = date(2020, 12, 31)
RESIDENCE_CODES = ("length", "characters", "region", "birth_date", "checksum")

#: Characters folding may remove or map, and look-alikes it must not.
SEPARATORS = (
    " -\t\n\r\x0b\x0c\u00a0\u1680\u2000\u2007\u200a\u200b\u200c\u200d\u2010\u2011\u2012"
    "\u2013\u2014\u2015\u2028\u2029\u202f\u205f\u2060\u2212\u3000\ufeff\uff0d\u00ad\x85\x1c"
)
OTHER_DIGITS = "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९²³¹①⑱๓"
ALPHABET = "0123456789XxHhMmAa()（）ｘＸｈＨ" + SEPARATORS + OTHER_DIGITS + "ßéİı_+.,/*"


def _spell(rng: random.Random, number: str) -> str:
    """Insert separators and swap characters for full-width forms or lower case."""
    out: list[str] = []
    for character in number:
        roll = rng.random()
        if roll < 0.1 and "!" <= character <= "~":
            out.append(chr(ord(character) + 0xFEE0))
        elif roll < 0.2:
            out.append(character.lower())
        else:
            out.append(character)
        if rng.random() < 0.08:
            out.append(rng.choice(SEPARATORS))
    if rng.random() < 0.3:
        out.insert(0, rng.choice(SEPARATORS))
    if rng.random() < 0.3:
        out.append(rng.choice(SEPARATORS))
    return "".join(out)


def _mutate(rng: random.Random, number: str) -> str:
    position = rng.randrange(len(number) + 1)
    roll = rng.random()
    if roll < 0.3 and number:
        return number[: max(position - 1, 0)] + number[position:]
    if roll < 0.6:
        return number[:position] + rng.choice(ALPHABET) + number[position:]
    if roll < 0.8 and position < len(number):
        return number[:position] + rng.choice(OTHER_DIGITS) + number[position + 1 :]
    return number[:position] + rng.choice("0123456789HMAX()") + number[position + 1 :]


def inputs(count: int, *, seed: int = 0, nul: bool = False) -> list[str | None]:
    """Return *count* inputs drawn from *seed* (see the module doc)."""
    rng = random.Random(seed)
    generator = PermitGenerator(rng)
    result: list[str | None] = []
    while len(result) < count:
        kind = rng.randrange(12)
        if kind == 0:
            value: str | None = generator.residence_permit_number(max_birth_date=LAST_BIRTH_DATE)
        elif kind == 1:
            value = _spell(rng, generator.residence_permit_number(max_birth_date=LAST_BIRTH_DATE))
        elif kind in (2, 3):
            value = generator.invalid_residence_permit_number(codes=[rng.choice(RESIDENCE_CODES)])
        elif kind == 4:
            value = _spell(rng, generator.invalid_residence_permit_number())
        elif kind == 5:
            value = generator.travel_permit_number(spelled=rng.random() < 0.5)
        elif kind == 6:
            value = _mutate(rng, generator.travel_permit_number())
        elif kind == 7:
            value = _mutate(rng, generator.residence_permit_number(max_birth_date=LAST_BIRTH_DATE))
        elif kind == 8:
            value = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 22)))
        elif kind == 9:
            # A birth date around today, the date the database must judge in UTC+8.
            number = generator.residence_permit_number()
            value = _spell(rng, number) if rng.random() < 0.3 else number
        elif kind == 10:
            value = None if rng.random() < 0.2 else _spell(rng, generator.travel_permit_number())
        else:
            number = generator.residence_permit_number(max_birth_date=LAST_BIRTH_DATE)
            value = number[:17] + "x" if number[17] == "X" else number.lower()
        if nul and value is not None and rng.random() < 0.02:
            position = rng.randrange(len(value) + 1)
            value = value[:position] + "\x00" + value[position:]
        result.append(value)
    return result
