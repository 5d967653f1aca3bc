"""Converters and validators for your own attrs classes.

The converters take a number in any spelling, validate it and return the
compact form, raising permitcheck's own errors (``PermitError``, a
``ValueError``, with a stable ``code``); so an instance of your class holds
only valid, compact numbers:

>>> import attrs
>>> from permitcheck.attrs import residence_permit_number, travel_permit_number
>>> @attrs.frozen
... class Holder:
...     permit: str = attrs.field(converter=residence_permit_number)
...     travel: str = attrs.field(converter=travel_permit_number)
>>> Holder("810000 19940823 0021", "h1038-7877").permit
'810000199408230021'
>>> Holder("810000199408230022", "H10387877")
Traceback (most recent call last):
    ...
permitcheck.errors.InvalidChecksum: The check character (the 18th) does not match ...

The validators (:func:`is_residence_permit_number`,
:func:`is_travel_permit_number`, :func:`is_identity_number`) only check: a
value in any valid spelling passes and is stored as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from permitcheck import residence, travel
from permitcheck._integration import identity_compact

__all__ = [
    "identity_number",
    "is_identity_number",
    "is_residence_permit_number",
    "is_travel_permit_number",
    "residence_permit_number",
    "travel_permit_number",
]


def residence_permit_number(value: str, /) -> str:
    """Return the compact form of the residence permit number *value*.

    An attrs converter: raises like :func:`permitcheck.validate`.

    >>> residence_permit_number("８３００００ １９９２０１３０ ００２２")
    '830000199201300022'
    """
    return residence.validate(value)


def travel_permit_number(value: str, /) -> str:
    """Return the compact form of the travel permit number *value*.

    An attrs converter: raises like :func:`permitcheck.travel.validate`.

    >>> travel_permit_number("0561682001（d）")
    '0561682001(D)'
    """
    return travel.validate(value)


def identity_number(value: str, /, *, kinds: Iterable[str] | None = None) -> str:
    """Return the compact form of *value*, a number of any kind :func:`permitcheck.identify` knows.

    An attrs converter.  For only some kinds, wrap it in a named function
    (mypy's attrs plugin accepts named functions, not ``functools.partial``)
    that calls ``identity_number(value, kinds=[...])``.  Raises like
    :func:`permitcheck.identify`.
    """
    return identity_compact(value, kinds)


@attrs.frozen(repr=False)
class _CompactValidator:
    convert: Callable[[str], str]
    name: str

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        self.convert(value)  # raises the number's own error, or TypeError for a non-str

    def __repr__(self) -> str:
        return f"<{self.name} validator>"


def is_residence_permit_number() -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """Return an attrs validator: the value is a valid residence permit number.

    The validator raises the number's own error (a ``PermitError``) or
    :class:`TypeError` for a non-``str``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Row:
    ...     permit: str = attrs.field(validator=is_residence_permit_number())
    >>> Row("830000199201300022").permit
    '830000199201300022'
    """
    return _CompactValidator(residence_permit_number, "residence permit number")


def is_travel_permit_number() -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """Return an attrs validator: the value is a valid travel permit number.

    Raises as :func:`is_residence_permit_number`'s validator does.
    """
    return _CompactValidator(travel_permit_number, "travel permit number")


def is_identity_number(
    *, kinds: Iterable[str] | None = None
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """Return an attrs validator: the value is a valid identity number (of *kinds*).

    Raises as :func:`is_residence_permit_number`'s validator does.
    """
    allowed = None if kinds is None else tuple(kinds)

    def convert(value: str) -> str:
        return identity_number(value, kinds=allowed)

    return _CompactValidator(convert, "identity number")
