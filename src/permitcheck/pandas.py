"""pandas: the ``Series.permit`` accessor, through Arrow and Polars (``permitcheck[pandas]``).

Importing this module registers the accessor.  Each method hands the column
to Arrow and runs the expressions of :mod:`permitcheck.polars` over it: no
Python loop over the rows.  ``None``, ``NaN`` and ``pd.NA`` are nulls and give
``<NA>``.  Results are Arrow-backed pandas series with the input's index and
name (``bool[pyarrow]``, ``large_string[pyarrow]``, ``date32[pyarrow]``).

>>> import pandas as pd
>>> import permitcheck.pandas
>>> ids = pd.Series(["810000199408230021", "810000 19940823 0022", None], name="id")
>>> ids.permit.is_valid().tolist()
[True, False, <NA>]
>>> ids.permit.error_code().tolist()
[<NA>, 'checksum', <NA>]

Identity numbers are text: read them with ``dtype=str`` (``pd.read_csv(path,
dtype={"id": str})``), or pandas turns a digits-only column into integers,
dropping leading zeros and failing on ``X``.  A column that is not text is
refused with a :class:`TypeError` that says so:

>>> pd.Series([810000199408230021]).permit.is_valid()
Traceback (most recent call last):
    ...
TypeError: permitcheck checks columns of strings, not int64: ...dtype=str...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

try:
    import pandas as pd
    import polars as pl
    import pyarrow as pa
except ImportError as error:  # pragma: no cover - the extra is installed for the tests
    raise ImportError(
        "permitcheck.pandas needs pandas, Polars and PyArrow: pip install 'permitcheck[pandas]'"
    ) from error

from permitcheck import polars as _expressions

if TYPE_CHECKING:
    from datetime import date

__all__ = ["PermitAccessor", "to_polars"]

_TEXT = (pa.string(), pa.large_string(), pa.string_view(), pa.null())


def _refuse(kind: object) -> TypeError:
    return TypeError(
        f"permitcheck checks columns of strings, not {kind}: identity numbers are text "
        "(leading zeros, a final X), so read the column with dtype=str, "
        "e.g. pd.read_csv(path, dtype={'id': str})"
    )


def to_polars(series: pd.Series, /) -> pl.Series:
    """Return *series* as a Polars string series (through Arrow), nulls for ``None``/``NaN``.

    Raises :class:`TypeError` unless the series holds strings (and nulls).

    >>> import pandas as pd
    >>> to_polars(pd.Series(["a", None, float("nan")])).to_list()
    ['a', None, None]
    """
    try:
        array = pa.array(series, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        raise _refuse("a mix of strings and other objects") from None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):  # a categorical column
        array = array.dictionary_decode()
    if array.type not in _TEXT:
        raise _refuse(series.dtype)
    return pl.Series(str(series.name), array.cast(pa.large_string()), dtype=pl.String)


@pd.api.extensions.register_series_accessor("permit")
class PermitAccessor:
    """``series.permit.<name>()``: the functions of :mod:`permitcheck.polars` on a pandas series.

    >>> import pandas as pd
    >>> pd.Series(["h1038 7877"]).permit.lifelong_number().tolist()
    ['H10387877']
    """

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def _apply(self, expr: pl.Expr) -> pd.Series:
        column = to_polars(self._series)
        result = column.to_frame("_").select(expr).to_series()
        out = result.to_pandas(use_pyarrow_extension_array=True)
        out.index = self._series.index
        out.name = self._series.name
        return out

    def compact(self) -> pd.Series:
        """See :func:`permitcheck.polars.compact`."""
        return self._apply(_expressions.compact("_"))

    def is_valid(self, *, today: date | None = None) -> pd.Series:
        """See :func:`permitcheck.polars.is_valid`."""
        return self._apply(_expressions.is_valid("_", today=today))

    def error_code(self, *, today: date | None = None) -> pd.Series:
        """See :func:`permitcheck.polars.error_code`."""
        return self._apply(_expressions.error_code("_", today=today))

    def region(self, *, today: date | None = None) -> pd.Series:
        """See :func:`permitcheck.polars.region`."""
        return self._apply(_expressions.region("_", today=today))

    def birth_date(self, *, today: date | None = None) -> pd.Series:
        """See :func:`permitcheck.polars.birth_date`."""
        return self._apply(_expressions.birth_date("_", today=today))

    def sex(self, *, today: date | None = None) -> pd.Series:
        """See :func:`permitcheck.polars.sex`."""
        return self._apply(_expressions.sex("_", today=today))

    def travel_is_valid(self) -> pd.Series:
        """See :func:`permitcheck.polars.travel_is_valid`."""
        return self._apply(_expressions.travel_is_valid("_"))

    def travel_error_code(self) -> pd.Series:
        """See :func:`permitcheck.polars.travel_error_code`."""
        return self._apply(_expressions.travel_error_code("_"))

    def travel_kind(self) -> pd.Series:
        """See :func:`permitcheck.polars.travel_kind`."""
        return self._apply(_expressions.travel_kind("_"))

    def travel_region(self) -> pd.Series:
        """See :func:`permitcheck.polars.travel_region`."""
        return self._apply(_expressions.travel_region("_"))

    def lifelong_number(self) -> pd.Series:
        """See :func:`permitcheck.polars.lifelong_number`."""
        return self._apply(_expressions.lifelong_number("_"))

    def kind(self, *, today: date | None = None) -> pd.Series:
        """See :func:`permitcheck.polars.kind`."""
        return self._apply(_expressions.kind("_", today=today))

    def mask(self) -> pd.Series:
        """See :func:`permitcheck.polars.mask`."""
        return self._apply(_expressions.mask("_"))
