"""Tell which identity document a number belongs to: :func:`identify`, :func:`check_identity`.

One input field for every document a person may hold in mainland China.
The kind is chosen by the number's *shape* (its length and first
characters, after the usual folding), and only the kinds whose shape fits
are validated:

=========================================== =========================================
shape (compact)                             kinds, most likely first
=========================================== =========================================
18, starting 810000 / 820000 / 830000       residence permit
18, starting 9                              foreign permanent resident (2023)
18, starting with another digit             mainland ID
15, starting with 3 letters                 foreign permanent resident (2004/2017)
15, starting with a digit                   mainland ID, 15 digits
8 digits                                    Taiwan compatriot permit, Macao ID
``1234567(8)``                              Macao ID
8 starting with a letter                    Hong Kong ID
9 starting with H or M                      home-return permit, Hong Kong ID
9 or 11 starting with another letter        Hong Kong ID (11 only with brackets)
11 starting with H or M, no brackets        home-return permit (1999-2012 card)
10 digits, 13 with ``(X)``                  Taiwan compatriot permit (booklet)
10, letter + A-D / 8 / 9                    Taiwan resident certificate
10, letter + another digit                  Taiwan ID
=========================================== =========================================

>>> result = identify("932682198501010017")
>>> result.kind, result.document.nationality.alpha3, result.sex
(<DocumentKind.FOREIGN_PERMANENT_RESIDENT: 'foreign_permanent_resident'>, 'SAU', <Sex.MALE: 'M'>)
>>> identify("12345678").candidates
(<DocumentKind.MACAO_ID: 'macao_id'>,)
>>> check_identity("110105194912310021").problems[0].code
'mainland_id_checksum'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar

import attrs

from permitcheck import residence as _residence
from permitcheck import travel as _travel
from permitcheck._normalize import fold
from permitcheck.documents import (
    foreign_permanent_resident as _fpr,
)
from permitcheck.documents import (
    foreign_permanent_resident_15 as _fpr15,
)
from permitcheck.documents import (
    hong_kong_id as _hkid,
)
from permitcheck.documents import (
    macao_id as _macao,
)
from permitcheck.documents import (
    mainland_id as _mainland,
)
from permitcheck.documents import (
    mainland_id_15 as _mainland15,
)
from permitcheck.documents import (
    taiwan_id as _twid,
)
from permitcheck.documents import (
    taiwan_resident_certificate as _trc,
)
from permitcheck.errors import PermitError, Problem, UnknownDocument
from permitcheck.model import DocumentKind, Sex, TravelPermitKind
from permitcheck.privacy import scrubbed

if TYPE_CHECKING:
    from datetime import date

__all__ = ["Document", "Identification", "IdentityCheck", "check_identity", "identify"]

#: Any parsed document :func:`identify` can return.
Document: TypeAlias = (
    _residence.ResidencePermit
    | _travel.TravelPermit
    | _mainland.MainlandId
    | _mainland15.MainlandId15
    | _fpr.ForeignPermanentResident
    | _fpr15.ForeignPermanentResident15
    | _hkid.HongKongId
    | _macao.MacaoId
    | _twid.TaiwanId
    | _trc.TaiwanResidentCertificate
)

_K = DocumentKind
_D = TypeVar("_D")
_RESIDENCE_PREFIXES: Final = frozenset(("810000", "820000", "830000"))
_DIGITS: Final = frozenset("0123456789")
_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HM: Final = frozenset("HM")
_TRC_SECOND: Final = frozenset("ABCD89")

_RESIDENCE: Final = (_K.RESIDENCE_PERMIT,)
_FPR: Final = (_K.FOREIGN_PERMANENT_RESIDENT,)
_MAINLAND: Final = (_K.MAINLAND_ID,)
_FPR15: Final = (_K.FOREIGN_PERMANENT_RESIDENT_15,)
_MAINLAND15: Final = (_K.MAINLAND_ID_15,)
_EIGHT_DIGITS: Final = (_K.TAIWAN_COMPATRIOT_PERMIT, _K.MACAO_ID)
_MACAO: Final = (_K.MACAO_ID,)
_HONG_KONG: Final = (_K.HONG_KONG_ID,)
_HOME_RETURN_OR_HK: Final = (_K.HOME_RETURN_PERMIT, _K.HONG_KONG_ID)
_HOME_RETURN: Final = (_K.HOME_RETURN_PERMIT,)
_TAIWAN_COMPATRIOT: Final = (_K.TAIWAN_COMPATRIOT_PERMIT,)
_TRC: Final = (_K.TAIWAN_RESIDENT_CERTIFICATE,)
_TAIWAN_ID: Final = (_K.TAIWAN_ID,)
_NONE: Final[tuple[DocumentKind, ...]] = ()


def _shapes(number: str) -> tuple[DocumentKind, ...]:
    """Return the kinds whose shape the compact *number* has, most likely first."""
    size = len(number)
    first = number[:1]
    if size == 18:
        if first not in _DIGITS:
            return _NONE
        if number[:6] in _RESIDENCE_PREFIXES:
            return _RESIDENCE
        return _FPR if first == "9" else _MAINLAND
    if size == 15:
        if _LETTERS.issuperset(number[:3]):
            return _FPR15
        return _MAINLAND15 if first in _DIGITS else _NONE
    if first in _DIGITS:
        if size == 8:
            return _EIGHT_DIGITS
        if size == 10 and number[7] == "(" and number[9] == ")":
            return _MACAO
        return _TAIWAN_COMPATRIOT if size in (10, 13) else _NONE
    if first not in _LETTERS:
        return _NONE
    if size == 8:
        return _HONG_KONG
    if size == 9:
        return _HOME_RETURN_OR_HK if first in _HM else _HONG_KONG
    if size == 10:
        if number[7] == "(" and number[9] == ")":
            return _HONG_KONG
        second = number[1]
        if second in _TRC_SECOND:
            return _TRC
        return _TAIWAN_ID if second in _DIGITS else _NONE
    if size == 11:
        if number[8] == "(" and number[10] == ")":
            return _HONG_KONG
        return _HOME_RETURN if first in _HM else _NONE
    return _NONE


_Problems = Callable[[str, "str | None"], list[type[PermitError]]]


def _travel_problems(number: str, today: str | None) -> list[type[PermitError]]:
    return [] if _travel._fields(number) is not None else [_travel._error(number)]


# kind -> every problem of the compact number (for check_identity's report).
_RULES: Final[dict[DocumentKind, tuple[_Problems]]] = {
    _K.RESIDENCE_PERMIT: (_residence._problem_classes,),
    _K.HOME_RETURN_PERMIT: (_travel_problems,),
    _K.TAIWAN_COMPATRIOT_PERMIT: (_travel_problems,),
    _K.MAINLAND_ID: (lambda n, t: _mainland._problems(n, t, False),),
    _K.MAINLAND_ID_15: (lambda n, t: _mainland15._problems(n),),
    _K.FOREIGN_PERMANENT_RESIDENT: (_fpr._problems,),
    _K.FOREIGN_PERMANENT_RESIDENT_15: (lambda n, t: _fpr15._problems(n),),
    _K.HONG_KONG_ID: (lambda n, t: _hkid._problems(_hkid._unbracket(n)),),
    _K.MACAO_ID: (lambda n, t: _macao._problems(_hkid._unbracket(n)),),
    _K.TAIWAN_ID: (lambda n, t: _twid._problems(n),),
    _K.TAIWAN_RESIDENT_CERTIFICATE: (lambda n, t: _trc._problems(n),),
}


def _direct(cls: type[_D], number: str) -> _D:
    """Build a *cls* from a number already validated (no second check)."""
    value: _D = _new(cls)
    _setattr(value, "number", number)
    return value


_Attempt = Callable[[str, "str | None"], "Document | type[PermitError]"]


# The attempts are module-level functions bound with functools.partial, not
# closures made at import: each call runs this code (mutation testing can
# then change it, docs/reliability.md).
def _checked(
    problems_of: _Problems, build: Callable[[str], Document], number: str, today: str | None
) -> Document | type[PermitError]:
    found = problems_of(number, today)
    return found[0] if found else build(number)


def _unbracketed(
    problems_of: _Problems, build: Callable[[str], Document], number: str, today: str | None
) -> Document | type[PermitError]:
    number = _hkid._unbracket(number)
    found = problems_of(number, today)
    return found[0] if found else build(number)


def _travel_attempt(number: str, today: str | None) -> Document | type[PermitError]:
    try:
        return _travel.parse_travel_permit(number)
    except PermitError as error:
        return type(error)


_new = object.__new__
_setattr = object.__setattr__
# kind -> validate the compact number and build its document, or return the error class.
_ATTEMPTS: Final[dict[DocumentKind, _Attempt]] = {
    _K.RESIDENCE_PERMIT: partial(_checked, _residence._problem_classes, _residence._build),
    _K.HOME_RETURN_PERMIT: _travel_attempt,
    _K.TAIWAN_COMPATRIOT_PERMIT: _travel_attempt,
    _K.MAINLAND_ID: partial(_checked, _RULES[_K.MAINLAND_ID][0], _mainland._build),
    _K.MAINLAND_ID_15: partial(
        _checked, _RULES[_K.MAINLAND_ID_15][0], partial(_direct, _mainland15.MainlandId15)
    ),
    _K.FOREIGN_PERMANENT_RESIDENT: partial(
        _checked, _fpr._problems, partial(_direct, _fpr.ForeignPermanentResident)
    ),
    _K.FOREIGN_PERMANENT_RESIDENT_15: partial(
        _checked,
        _RULES[_K.FOREIGN_PERMANENT_RESIDENT_15][0],
        partial(_direct, _fpr15.ForeignPermanentResident15),
    ),
    _K.HONG_KONG_ID: partial(
        _unbracketed, lambda n, t: _hkid._problems(n), partial(_direct, _hkid.HongKongId)
    ),
    _K.MACAO_ID: partial(
        _unbracketed, lambda n, t: _macao._problems(n), partial(_direct, _macao.MacaoId)
    ),
    _K.TAIWAN_ID: partial(_checked, _RULES[_K.TAIWAN_ID][0], partial(_direct, _twid.TaiwanId)),
    _K.TAIWAN_RESIDENT_CERTIFICATE: partial(
        _checked,
        _RULES[_K.TAIWAN_RESIDENT_CERTIFICATE][0],
        partial(_direct, _trc.TaiwanResidentCertificate),
    ),
}


def _kind_of(document: object) -> DocumentKind:
    if type(document) is _travel.TravelPermit:
        if document.kind is TravelPermitKind.TAIWAN_COMPATRIOT:
            return _K.TAIWAN_COMPATRIOT_PERMIT
        return _K.HOME_RETURN_PERMIT
    return _KINDS[type(document)]


_KINDS: Final[dict[type, DocumentKind]] = {
    _residence.ResidencePermit: _K.RESIDENCE_PERMIT,
    _mainland.MainlandId: _K.MAINLAND_ID,
    _mainland15.MainlandId15: _K.MAINLAND_ID_15,
    _fpr.ForeignPermanentResident: _K.FOREIGN_PERMANENT_RESIDENT,
    _fpr15.ForeignPermanentResident15: _K.FOREIGN_PERMANENT_RESIDENT_15,
    _hkid.HongKongId: _K.HONG_KONG_ID,
    _macao.MacaoId: _K.MACAO_ID,
    _twid.TaiwanId: _K.TAIWAN_ID,
    _trc.TaiwanResidentCertificate: _K.TAIWAN_RESIDENT_CERTIFICATE,
}


def _check_document(instance: Identification, attribute: object, value: Document) -> None:
    if type(value) is not _travel.TravelPermit and type(value) not in _KINDS:
        raise TypeError("document must be a parsed document of a known kind")


def _check_candidates(
    instance: Identification, attribute: object, value: tuple[DocumentKind, ...]
) -> None:
    if type(value) is not tuple or not all(type(kind) is DocumentKind for kind in value):
        raise TypeError("candidates must be a tuple of DocumentKind")
    if instance.kind in value or len(set(value)) != len(value):
        raise ValueError("candidates must be other kinds than the document's, each once")


@attrs.frozen(repr=False)
class Identification:
    """What :func:`identify` found: the document and the other kinds the number also fits.

    Only :attr:`document` and :attr:`candidates` are stored; :attr:`kind`,
    :attr:`birth_date`, :attr:`sex` and :attr:`warnings` are read from the
    document, so they cannot disagree with it.  ``repr()`` masks the number.

    >>> identify("A123456(3)")
    Identification(kind='hong_kong_id', document=HongKongId('A******(*)'), candidates=())
    """

    #: The parsed document (a value of the kind's own module).
    document: Document = attrs.field(validator=_check_document)
    #: Every other kind the number is also valid as, most likely first.
    candidates: tuple[DocumentKind, ...] = attrs.field(default=(), validator=_check_candidates)

    # pydantic v2 field support (permitcheck[pydantic]): validate from a str,
    # serialise to the compact form.  pydantic is imported only when it asks.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from permitcheck.pydantic import _parsed_core_schema  # noqa: PLC0415

        return _parsed_core_schema("identity", source)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        from permitcheck.pydantic import _parsed_json_schema  # noqa: PLC0415

        return _parsed_json_schema("identity")

    @property
    def kind(self) -> DocumentKind:
        """The kind of :attr:`document`."""
        return _kind_of(self.document)

    @property
    def birth_date(self) -> date | None:
        """The birth date the number encodes, or None for kinds that encode none."""
        value: date | None = getattr(self.document, "birth_date", None)
        return value

    @property
    def sex(self) -> Sex | None:
        """The sex the number encodes, or None for kinds that encode none."""
        value: Sex | None = getattr(self.document, "sex", None)
        return value

    @property
    def warnings(self) -> tuple[str, ...]:
        """Warning codes (see :mod:`permitcheck.messages`); never reasons to reject."""
        value: tuple[str, ...] = getattr(self.document, "warnings", ())
        return value

    def __repr__(self) -> str:
        # Never raises, even half-built (a failed __init__ in a traceback's locals).
        document = getattr(self, "document", None)
        candidates = getattr(self, "candidates", ())
        if type(document) is not _travel.TravelPermit and type(document) not in _KINDS:
            return f"{type(self).__name__}(<unset>)"
        return (
            f"{type(self).__name__}(kind={_kind_of(document).value!r}, document={document!r},"
            f" candidates={tuple(getattr(kind, 'value', kind) for kind in candidates)!r})"
        )


_fast_valid = _residence._fast_valid
_build_residence = _residence._build


# The slots' own setters: a frozen class refuses setattr, and object.__setattr__
# would look the name up on every call.
_set_document = Identification.__dict__["document"].__set__
_set_candidates = Identification.__dict__["candidates"].__set__


def _identification(document: Document, candidates: tuple[DocumentKind, ...]) -> Identification:
    result: Identification = _new(Identification)
    _set_document(result, document)
    _set_candidates(result, candidates)
    return result


def _allowed(kinds: Iterable[DocumentKind | str]) -> frozenset[DocumentKind]:
    if isinstance(kinds, (str, bytes)):
        raise TypeError("kinds must be a collection of DocumentKind, not a single string")
    return frozenset(DocumentKind(kind) for kind in kinds)


def _candidate_shapes(
    number: str, kinds: Iterable[DocumentKind | str] | None
) -> tuple[DocumentKind, ...]:
    shapes = _shapes(number)
    if kinds is not None:
        allowed = _allowed(kinds)
        shapes = tuple(kind for kind in shapes if kind in allowed)
    return shapes


def identify(
    number: str,
    /,
    *,
    kinds: Iterable[DocumentKind | str] | None = None,
    today: date | None = None,
) -> Identification:
    """Return which document *number* is, parsed, with the other kinds it also fits.

    Only the kinds whose shape the number has are tried (see the module
    documentation); *kinds* limits them further.  A number whose shape fits
    a kind but breaks its rules raises that kind's error (for a shape two
    kinds share, the more likely one's); a number that fits no allowed
    kind's shape raises :class:`~permitcheck.UnknownDocument`.  *today*
    is as for :func:`permitcheck.validate`.

    >>> identify("11010519491231002X").birth_date
    datetime.date(1949, 12, 31)
    >>> identify("12345678", kinds=["macao_id"]).kind
    <DocumentKind.MACAO_ID: 'macao_id'>
    >>> identify("81000019940823002")
    Traceback (most recent call last):
        ...
    permitcheck.errors.UnknownDocument: The number has the shape of no identity document ...
    """
    if kinds is None and today is None and _fast_valid(number):
        # The hot path: a compact residence permit number the residence
        # module's own hot path proves valid, built without a second check.
        result: Identification = _new(Identification)
        _set_document(result, _build_residence(number))
        _set_candidates(result, ())
        return result
    # On failure no frame holds the input (docs/privacy.md).  Inlined rather
    # than privacy.scrubbed: the hot path above must not pay for a second call.
    try:
        return _identify(number, kinds, today)
    except (PermitError, TypeError, ValueError) as error:
        del number
        raise error.with_traceback(None) from None


def _identify(
    number: str, kinds: Iterable[DocumentKind | str] | None, today: date | None
) -> Identification:
    """Identify *number* the way :func:`identify` does after its hot path."""
    compacted = fold(number)
    today_text = None if today is None else _residence._today_arg(today)
    shapes = _candidate_shapes(compacted, kinds)
    if len(shapes) == 1:
        # One shape, one kind to try: the usual case.
        outcome = _ATTEMPTS[shapes[0]](compacted, today_text)
        if isinstance(outcome, type):
            raise outcome
        return _identification(outcome, ())
    if not shapes:
        raise UnknownDocument
    document: Document | None = None
    error: type[PermitError] | None = None
    candidates: list[DocumentKind] = []
    for kind in shapes:
        outcome = _ATTEMPTS[kind](compacted, today_text)
        if isinstance(outcome, type):
            error = error or outcome
        elif document is None:
            document = outcome
        else:
            candidates.append(kind)
    if document is None:
        assert error is not None  # every shape failed, so some error was found
        raise error
    return _identification(document, tuple(candidates))


def _check_result(instance: IdentityCheck, attribute: object, value: object) -> None:
    if instance.valid != (instance.identification is not None) or instance.valid == bool(
        instance.problems
    ):
        raise ValueError("valid, identification and problems disagree")
    if instance.identification is not None and instance.identification.kind is not instance.kind:
        raise ValueError("kind does not match the identification")


@attrs.frozen(repr=False)
class IdentityCheck:
    """The outcome of :func:`check_identity`: the best guess and every problem.

    ``valid`` is true exactly when ``problems`` is empty and
    ``identification`` is set.

    >>> result = check_identity("A123456(4)")
    >>> result.valid, result.kind.value, [problem.code for problem in result.problems]
    (False, 'hong_kong_id', ['hong_kong_id_checksum'])
    """

    #: Whether the number is a valid document of some (allowed) kind.
    valid: bool
    #: The best guess: the identified kind, else the most likely kind whose shape fits.
    kind: DocumentKind | None
    #: The identification when valid, else None.
    identification: Identification | None
    #: Every problem found for :attr:`kind` (``unknown_document`` when no shape fits).
    problems: tuple[Problem, ...]
    #: The other kinds: valid ones when valid, else the others whose shape fits.
    candidates: tuple[DocumentKind, ...] = attrs.field(validator=_check_result)

    def __bool__(self) -> bool:
        return self.valid

    def __repr__(self) -> str:
        # Never raises, even half-built; shows no number (the result holds none).
        kind = getattr(getattr(self, "kind", None), "value", None)
        codes = tuple(getattr(problem, "code", "?") for problem in getattr(self, "problems", ()))
        valid = getattr(self, "valid", None)
        return f"{type(self).__name__}(valid={valid}, kind={kind!r}, problems={codes})"


@scrubbed
def check_identity(
    number: str,
    /,
    *,
    kinds: Iterable[DocumentKind | str] | None = None,
    today: date | None = None,
) -> IdentityCheck:
    """Identify *number* and report every problem instead of raising.

    Raises only :class:`TypeError` for anything but a ``str`` (or for a bad
    *kinds* / *today* argument).

    >>> result = check_identity("not a number")
    >>> result.valid, result.kind, result.problems[0].code
    (False, None, 'unknown_document')
    """
    compacted = fold(number)
    today_text = _residence._today_arg(today)
    shapes = _candidate_shapes(compacted, kinds)
    if not shapes:
        return IdentityCheck(False, None, None, (Problem.from_code("unknown_document"),), ())
    try:
        identification = identify(compacted, kinds=shapes, today=today)
    except PermitError:
        guess = shapes[0]
        problems = _RULES[guess][0](compacted, today_text)
        return IdentityCheck(
            False,
            guess,
            None,
            tuple(Problem(cls.code, cls.message) for cls in problems),
            shapes[1:],
        )
    return IdentityCheck(True, identification.kind, identification, (), identification.candidates)
