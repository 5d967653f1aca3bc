"""Masking numbers for display, and the key that pseudonyms are computed with.

:func:`mask` hides the personal part of any input -- valid or not -- exactly
as the ``permitcheck`` command and the ``repr()`` of every value type do.
:class:`PseudonymKey` holds the secret of :func:`~permitcheck.pseudonym`
(and of a pseudonymised :class:`~permitcheck.IdentityIndex`) in an object
that never shows it.

>>> mask("810000 19940823 0021")
'810000***********1'
>>> PseudonymKey.generate()
PseudonymKey(<redacted>)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final, NoReturn, ParamSpec, Protocol, TypeVar

from permitcheck._normalize import fold
from permitcheck.errors import PermitError, WeakSecret

__all__ = ["MIN_SECRET_BYTES", "PseudonymKey", "mask"]

#: The shortest secret :class:`PseudonymKey` accepts: 32 bytes (256 bits),
#: the output size of the HMAC-SHA256 that pseudonyms are.
MIN_SECRET_BYTES: Final = 32

_PREFIXES: Final = frozenset(("810000", "820000", "830000"))
_CHECK_CHARACTERS: Final = frozenset("0123456789X")
_STARS: Final = 20  # at most this many masking stars, then an ellipsis


class _Printer(Protocol):
    """The printer IPython and Hypothesis pass to ``_repr_pretty_``."""

    def text(self, text: str, /) -> object: ...


_P = ParamSpec("_P")
_R = TypeVar("_R")


def scrubbed(function: Callable[_P, _R], /) -> Callable[_P, _R]:
    """Wrap *function* so that its failure leaves no input in the traceback (docs/privacy.md).

    On a :class:`~permitcheck.PermitError`, :class:`TypeError` or
    :class:`ValueError` the wrapper drops its arguments and re-raises with
    the traceback cut at itself: the frames that held the input (the
    wrapped function and everything it called) are gone, so tracebacks with
    locals (pytest ``--showlocals``, rich, ``capture_locals=True``) cannot
    print it.  The one helper for the pattern; functions on the hot path
    that must not pay for a second call inline the same three lines
    (``del`` the input, ``raise error.with_traceback(None) from None``).
    """

    @functools.wraps(function)
    def scrubbing(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return function(*args, **kwargs)
        except (PermitError, TypeError, ValueError) as error:
            del args, kwargs
            raise error.with_traceback(None) from None

    return scrubbing


def _stars(count: int) -> str:
    return "*" * count if count <= _STARS else "*" * _STARS + "\u2026"


def _hide_digits(text: str) -> str:
    return "".join("*" if "0" <= char <= "9" else char for char in text)


def mask_compact(compact: str, /, *, residence: bool, valid: bool) -> str:
    """Mask the compact *compact* judged as a residence permit or a travel permit.

    The one implementation behind :func:`mask`, the value types' ``repr()``
    and the command (which knows the kind and validity already).  A
    residence permit keeps its region prefix (only 810000, 820000 or 830000:
    another address code, a mainland county say, is personal) and an
    18th character that can be a check character; a valid travel permit
    keeps its letters and office code, an invalid one the home-return
    permit letter(s) it starts with (``H``, ``M``, ``HA``, ``MA``: the kind
    it was meant to be, as the command shows it); anything else is all
    stars.  Long junk shows at most 20 stars and an ellipsis.
    """
    if residence:
        shown = compact[:6] if compact[:6] in _PREFIXES else ""
        tail = compact[17] if len(compact) == 18 and compact[17] in _CHECK_CHARACTERS else ""
        return shown + _stars(len(compact) - len(shown) - len(tail)) + tail
    if valid:
        return _hide_digits(compact)
    letters = compact[:2] if compact[1:2] == "A" else compact[:1]
    if letters[:1] not in ("H", "M"):
        letters = ""
    return letters + _stars(len(compact) - len(letters))


def mask(number: str, /) -> str:
    """Return *number*, valid or not, with its personal part hidden by ``*``.

    The input is compacted first (any spelling masks alike).  Like the
    command, a string of 14 or more characters that does not start with
    ``H`` or ``M`` is read as a residence permit number: it keeps the region
    prefix 810000, 820000 or 830000 and the 18th character; every other
    character is a star.  A travel permit number keeps its letters (the
    kind and region) and office code when it is valid; when it is not, it
    keeps only the ``H``, ``M``, ``HA`` or ``MA`` it starts with.  Raises
    :class:`TypeError` for anything but a ``str``.

    The characters kept say only the region and the check character; the
    check character still narrows the hidden digits: it removes
    log2(11) ≈ 3.46 bits.

    >>> mask("810000199408230021"), mask("h1038 7877"), mask("0561682001(D)")
    ('810000***********1', 'H********', '**********(D)')
    >>> mask("110105194912310022"), mask("H1038")
    ('*****************2', 'H****')
    """
    try:
        compact = fold(number)
    except TypeError as error:
        del number  # the traceback's locals must not show the input (docs/privacy.md)
        raise error.with_traceback(None) from None
    if len(compact) >= 14 and compact[:1] not in ("H", "M"):
        return mask_compact(compact, residence=True, valid=False)
    from permitcheck.travel import _fields  # noqa: PLC0415 - travel loads on first use

    return mask_compact(compact, residence=False, valid=_fields(compact) is not None)


class PseudonymKey:
    """The secret key of keyed pseudonyms: at least 32 bytes, never shown.

    ``repr()`` and ``str()`` are redacted, so logs, rich and tracebacks with
    locals do not print the secret; it cannot be pickled (which would write
    it out) and is read back only explicitly, with
    :meth:`get_secret_value`.  Raises :class:`~permitcheck.WeakSecret` for
    a secret shorter than 32 bytes and :class:`TypeError` for anything but
    ``bytes``, ``bytearray`` or another :class:`PseudonymKey`.

    Make one with :meth:`generate` (``secrets.token_bytes(32)``) and keep
    it in a secrets manager, apart from the data.

    >>> import secrets
    >>> key = PseudonymKey(secrets.token_bytes(32))
    >>> key, str(key)
    (PseudonymKey(<redacted>), '<redacted>')
    >>> PseudonymKey(b"changeme")
    Traceback (most recent call last):
        ...
    permitcheck.errors.WeakSecret: A pseudonym secret must be at least 32 bytes ...
    """

    __slots__ = ("_secret",)
    _secret: bytes

    def __init__(self, secret: PseudonymKey | bytes | bytearray, /) -> None:
        if isinstance(secret, PseudonymKey):
            value = secret._secret
        elif isinstance(secret, bytes | bytearray):
            value = bytes(secret)
        else:
            name = type(secret).__name__
            del secret
            raise TypeError(f"a pseudonym secret must be bytes, got {name}")
        del secret
        if len(value) < MIN_SECRET_BYTES:
            del value
            raise WeakSecret()
        object.__setattr__(self, "_secret", value)

    @classmethod
    def generate(cls) -> PseudonymKey:
        """Return a new key of 32 random bytes from :func:`secrets.token_bytes`.

        >>> PseudonymKey.generate().get_secret_value().__len__()
        32
        """
        import secrets  # noqa: PLC0415 - not needed by `import permitcheck`

        return cls(secrets.token_bytes(MIN_SECRET_BYTES))

    def get_secret_value(self) -> bytes:
        """Return the secret bytes (to store the key in a secrets manager)."""
        return self._secret

    def digest(self, message: bytes, /) -> bytes:
        """Return HMAC-SHA256 of *message* under this key (what a pseudonym is).

        >>> len(PseudonymKey(bytes(32)).digest(b"message"))
        32
        """
        import hmac  # noqa: PLC0415 - keeps hmac/hashlib out of `import permitcheck`

        return hmac.digest(self._secret, message, "sha256")

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("a PseudonymKey cannot be changed")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("a PseudonymKey cannot be changed")

    def __reduce__(self) -> NoReturn:
        raise TypeError(
            "a PseudonymKey is not pickled: that would write the secret out;"
            " pass get_secret_value() explicitly if you must"
        )

    def __copy__(self) -> PseudonymKey:
        return self

    def __deepcopy__(self, memo: object) -> PseudonymKey:
        return self

    def __repr__(self) -> str:
        return "PseudonymKey(<redacted>)"

    def __str__(self) -> str:
        return "<redacted>"


def _as_key(secret: object) -> PseudonymKey:
    """Return *secret* (a key or bytes) as a :class:`PseudonymKey`; raises like its constructor."""
    if type(secret) is PseudonymKey:
        return secret
    return PseudonymKey(secret)  # type: ignore[arg-type]
