"""Input folding shared by every document kind.

One rule for every module keeps numbers comparable across documents: what
:func:`fold` accepts as "the same number" for a residence permit is what it
accepts for a travel permit, and the command uses it too.  Vectorised and SQL
implementations replicate it; :data:`REMOVED` is the exact set of characters
it deletes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from datetime import date

__all__ = ["REMOVED", "as_date", "fold"]

#: Every character :func:`fold` deletes wherever it occurs.  Separators people
#: type or paste into a number:
#:
#: - spaces: SPACE, TAB, NO-BREAK SPACE U+00A0, the typographic spaces
#:   U+2000-U+200A (en quad ... hair space), NARROW NO-BREAK SPACE U+202F,
#:   MEDIUM MATHEMATICAL SPACE U+205F, IDEOGRAPHIC SPACE U+3000;
#: - invisible characters: ZERO WIDTH SPACE U+200B, ZERO WIDTH NON-JOINER
#:   U+200C, ZERO WIDTH JOINER U+200D, WORD JOINER U+2060, and the byte order
#:   mark / ZERO WIDTH NO-BREAK SPACE U+FEFF;
#: - hyphens and dashes: HYPHEN-MINUS, HYPHEN U+2010, NON-BREAKING HYPHEN
#:   U+2011, FIGURE DASH U+2012, EN DASH U+2013, EM DASH U+2014, HORIZONTAL
#:   BAR U+2015, MINUS SIGN U+2212 and FULLWIDTH HYPHEN-MINUS U+FF0D.
#:
#: Other whitespace (line breaks, U+1680, U+180E) is only stripped at the ends,
#: and other format characters stay and make a number invalid.
REMOVED: Final = (
    " \t\u00a0"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u202f\u205f\u3000"
    + "\u200b\u200c\u200d\u2060\ufeff"
    + "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d"
)

# Full-width ASCII forms U+FF01..U+FF5E map to U+0021..U+007E (a fixed offset of
# 0xFEE0); ASCII letters are upper-cased in the same pass, and the characters of
# REMOVED are deleted.  Nothing else is folded on purpose: '²', '⑱',
# Arabic-Indic digits and the like must stay as they are and fail validation
# (a lenient fold would turn garbage into someone else's number).
_TABLE: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
for _lower in range(ord("a"), ord("z") + 1):
    _TABLE[_lower] = _lower - 32  # ASCII a-z -> A-Z
    _TABLE[_lower + 0xFEE0] = _lower - 32  # full-width a-z -> A-Z
del _lower
_TABLE.update(dict.fromkeys(map(ord, REMOVED)))


# What the table changes beyond space and hyphen-minus: if none of these
# occurs, folding is only removing separators and stripping (str.translate
# with a dict is slow, per character).  Compiled on the first non-ASCII input,
# not at import; the name is then rebound to the compiled pattern's search
# method.
def _compile_and_search(text: str) -> re.Match[str] | None:
    global _search_table_characters  # noqa: PLW0603
    _search_table_characters = re.compile(
        "[" + re.escape(REMOVED.replace(" ", "").replace("-", "")) + "\uff01-\uff5ea-z]"
    ).search
    return _search_table_characters(text)


_search_table_characters: Callable[[str], re.Match[str] | None] = _compile_and_search


def fold(number: str, /) -> str:
    r"""Fold full-width forms, strip surrounding space, drop spaces, hyphens and dashes.

    Deletes every character of :data:`REMOVED` (spaces, tabs, NBSP, Unicode
    dashes, zero-width characters, BOM), maps full-width ASCII to ASCII,
    upper-cases letters and strips surrounding whitespace.  Raises
    :class:`TypeError` for anything that is not a ``str``.

    >>> fold(" ８１００００-1994０８２３ 0021\u3000")
    '810000199408230021'
    >>> fold("\ufeff810000\u00a019940823\u20130021\u200b")
    '810000199408230021'
    """
    # The type, not isinstance(): a Mock(spec=str) claims __class__ == str.
    if not issubclass(type(number), str):
        raise TypeError(f"expected a str, got {type(number).__name__}")
    # The str methods are called unbound: a str subclass cannot override
    # them, and the result is always an exact str.  Strip last: removing
    # separators can uncover surrounding whitespace ("...0021\n-"), and
    # folding twice must give the same result as folding once.
    if str.isascii(number):
        # Nothing full-width to fold, and on ASCII str.upper() changes only a-z.
        return str.upper(number).replace(" ", "").replace("-", "").replace("\t", "").strip()
    if _search_table_characters(number) is None:
        return str.replace(number, " ", "").replace("-", "").strip()
    return str.translate(number, _TABLE).replace(" ", "").replace("-", "").strip()


def as_date(value: object, name: str) -> date:
    """Return *value* as a :class:`datetime.date`: the one rule for every date argument.

    A :class:`datetime.date` is taken as it is; a :class:`datetime.datetime`
    stands for its calendar date as given (``value.date()``: no time-zone
    conversion, an aware datetime keeps its own zone's date).  Anything else
    raises :class:`TypeError` naming the argument *name*.
    """
    from datetime import date, datetime  # noqa: PLC0415 - datetime is imported only when needed

    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(
            f"{name} must be a datetime.date or datetime.datetime, got {type(value).__name__}"
        )
    return value
