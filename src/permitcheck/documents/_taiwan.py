"""The check digit shared by Taiwan's national ID and resident certificate numbers."""

from __future__ import annotations

from typing import Final

# Area letter -> value: A=10, B=11, ... in this order (I=34, O=35, W=32, ...).
_AREA: Final = {letter: value for value, letter in enumerate("ABCDEFGHJKLMNPQRSTUVXYWZIO", 10)}
AREA_LETTERS: Final = frozenset(_AREA)
_WEIGHTS: Final = (9, 8, 7, 6, 5, 4, 3, 2, 1)


def weighted_sum(body: str) -> int:
    """Return the weighted sum of the 9-character *body* (the number without its check digit).

    The area letter's value gives two digits weighing 1 and 9; the second
    character (a digit, or an old resident certificate's letter, counting
    as the last digit of its letter value) and the next seven weigh 8 to 1.
    The check digit, weighing 1, makes the total divisible by 10.
    """
    area = _AREA[body[0]]
    second = body[1]
    values = [area % 10, _AREA[second] % 10 if second in _AREA else int(second)]
    values.extend(int(char) for char in body[2:9])
    return area // 10 + sum(value * weight for value, weight in zip(values, _WEIGHTS, strict=True))


def check_digit(body: str) -> str:
    """Return the check digit that makes the sum of *body* + digit divisible by 10."""
    return str(-weighted_sum(body) % 10)
