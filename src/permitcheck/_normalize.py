"""Input folding shared by every document kind.

One rule for every module keeps numbers comparable across documents: what
:func:`fold` accepts as "the same number" for a residence permit is what it
accepts for a travel permit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["fold"]

# Full-width ASCII forms U+FF01..U+FF5E map to U+0021..U+007E (a fixed offset of
# 0xFEE0) and the ideographic space U+3000 to an ASCII space.  ASCII letters are
# upper-cased in the same pass.  Nothing else is folded on purpose: '²', '⑱',
# Arabic-Indic digits and the like must stay as they are and fail validation
# (a lenient fold would turn garbage into someone else's number).
_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE[0x3000] = 0x20
for _lower in range(ord("a"), ord("z") + 1):
    _TABLE[_lower] = _lower - 32  # ASCII a-z -> A-Z
    _TABLE[_lower + 0xFEE0] = _lower - 32  # full-width a-z -> A-Z
del _lower


# What the table changes: if none of these occurs, folding is only removing
# separators and stripping (str.translate with a dict is slow, per character).
# Compiled on the first non-ASCII input, not at import; the name is then
# rebound to the compiled pattern's search method.
def _compile_and_search(text: str) -> re.Match[str] | None:
    global _search_table_characters  # noqa: PLW0603
    _search_table_characters = re.compile("[\u3000\uff01-\uff5ea-z]").search
    return _search_table_characters(text)


_search_table_characters: Callable[[str], re.Match[str] | None] = _compile_and_search


def fold(number: str, /) -> str:
    r"""Fold full-width forms, strip surrounding space, drop spaces and hyphens.

    Raises :class:`TypeError` for anything that is not a ``str``.

    >>> fold(" ８１００００-1994０８２３ 0021\u3000")
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
        return str.upper(number).replace(" ", "").replace("-", "").strip()
    if _search_table_characters(number) is None:
        return str.replace(number, " ", "").replace("-", "").strip()
    return str.translate(number, _TABLE).replace(" ", "").replace("-", "").strip()
