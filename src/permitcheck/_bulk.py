"""Valid residence permit numbers in bulk, for ``PermitGenerator.residence_permit_numbers``.

Each number comes from one 64-bit draw of the caller's :class:`random.Random`
(``randbytes``), cut by arithmetic into a date bucket, a region, a sequence and
a day.  The same arithmetic runs as Polars expressions when Polars and NumPy
are installed (``permitcheck[polars]``) and as a Python loop otherwise, so a
seed gives the same numbers either way; the tests compare the two.
"""

from __future__ import annotations

import sys
from array import array
from datetime import date
from typing import TYPE_CHECKING, Final

from permitcheck import _synth
from permitcheck.model import Sex
from permitcheck.residence import _CHECK, _ymd

if TYPE_CHECKING:
    from random import Random

__all__ = ["residence_numbers"]

_BYTES: Final = 8  # one unsigned 64-bit draw per number
#: Below this many numbers the Python loop is as fast as setting up Polars.
VECTORISE_FROM: Final = 2_000


class _Plan:
    """The options of a batch, as the numbers the arithmetic needs."""

    def __init__(self, options: _synth.ResidenceOptions) -> None:
        self.low = options.min_birth_date
        high = _synth.today() if options.max_birth_date is None else options.max_birth_date
        self.span = (high - self.low).days
        self.leap = [(day - self.low).days for day in _synth._leap_days(self.low, high)]
        self.prefixes = [region.prefix for region in options.regions]
        self.parity = None if options.sex is None else int(options.sex is Sex.MALE)


def _draws(source: Random, count: int) -> bytes:
    return source.randbytes(count * _BYTES)


def _python(data: bytes, plan: _Plan) -> list[str]:
    draws = array("Q")
    draws.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover - the draws are read as little-endian
        draws.byteswap()
    ordinal = plan.low.toordinal()
    regions, leap, parity = len(plan.prefixes), plan.leap, plan.parity
    numbers = []
    for draw in draws:
        bucket, rest = draw & 31, draw >> 5
        region, rest = rest % regions, rest // regions
        if parity is None:
            sequence, rest = rest % 1000, rest // 1000
        else:
            sequence = rest % 100 * 10 + 2 * (rest // 100 % 5) + parity
            rest //= 500
        if bucket == 0:
            offset = 0
        elif bucket == 1:
            offset = plan.span
        elif bucket == 2 and leap:
            offset = leap[rest % len(leap)]
        else:
            offset = rest % (plan.span + 1)
        body = f"{plan.prefixes[region]}{_ymd(date.fromordinal(ordinal + offset))}{sequence:03d}"
        numbers.append(body + _CHECK[2 * int(body, 13) % 11])
    return numbers


def _polars(data: bytes, plan: _Plan, count: int) -> list[str]:
    import numpy as np  # noqa: PLC0415 - the optional extra, loaded on use
    import polars as pl  # noqa: PLC0415

    # NumPy reads the draws in place (PyArrow would too, but takes longer to import).
    draws = pl.Series("draw", np.frombuffer(data, dtype="<u8", count=count))
    draw = pl.col("draw")
    bucket, rest = draw % 32, draw // 32
    regions = len(plan.prefixes)
    region, rest = rest % regions, rest // regions
    if plan.parity is None:
        sequence, rest = rest % 1000, rest // 1000
    else:
        sequence = rest % 100 * 10 + 2 * (rest // 100 % 5) + plan.parity
        rest = rest // 500
    leap = pl.lit(pl.Series(plan.leap or [0], dtype=pl.UInt64))
    offset = (
        pl.when(bucket == 0)
        .then(0)
        .when(bucket == 1)
        .then(plan.span)
        .when((bucket == 2) & bool(plan.leap))
        .then(leap.gather(rest % max(len(plan.leap), 1)))
        .otherwise(rest % (plan.span + 1))
    )
    born = (pl.lit(plan.low) + pl.duration(days=offset)).dt.strftime("%Y%m%d")
    prefix = pl.lit(pl.Series(plan.prefixes)).gather(region)
    body = pl.concat_str(prefix, born, sequence.cast(pl.String).str.zfill(3))
    # int(body, 13) < 13**17 fits in an Int64; doubling it first would not.
    check = pl.lit(pl.Series(list(_CHECK))).gather(body.str.to_integer(base=13) % 11 * 2 % 11)
    frame = draws.to_frame()
    return frame.select(pl.concat_str(body, check)).to_series().to_list()


def _vectorised() -> bool:
    try:
        import numpy  # noqa: F401, PLC0415
        import polars  # noqa: F401, PLC0415
    except ImportError:  # pragma: no cover - the extra is installed for the tests
        return False
    return sys.byteorder == "little"


def residence_numbers(
    source: Random, count: int, options: _synth.ResidenceOptions, *, vectorise: bool | None = None
) -> list[str]:
    """Return *count* valid residence permit numbers drawn from *source*.

    *vectorise* forces the Polars path (True) or the Python loop (False);
    by default Polars is used for large counts when it is installed.
    """
    plan = _Plan(options)
    data = _draws(source, count)
    if vectorise is None:
        vectorise = count >= VECTORISE_FROM and _vectorised()
    return _polars(data, plan, count) if vectorise else _python(data, plan)
