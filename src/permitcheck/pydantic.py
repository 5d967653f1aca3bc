"""pydantic v2 field types (extra ``permitcheck[pydantic]``).

Annotated string types that validate and return the compact form:

- :data:`ResidencePermitNumber`, :data:`TravelPermitNumber`,
- :data:`IdentityNumber` (any kind :func:`permitcheck.identify` accepts;
  ``Annotated[str, NumberCheck("identity", kinds=[...])]`` limits the kinds).

The parsed values :class:`permitcheck.ResidencePermit` and
:class:`permitcheck.TravelPermit` work as field types directly; they validate
from a string and serialise (in JSON mode) back to the compact form.

Errors are :class:`pydantic_core.PydanticCustomError` whose ``type`` is
permitcheck's stable error code and whose message is in the language chosen
by ``NumberCheck(..., language=...)`` or, per call, by the validation context
``{"permitcheck_language": "zh-Hans"}``.  The error context never holds the
number; pydantic itself shows the input in ``str(error)`` unless the model
sets ``hide_input_in_errors=True``, and ``errors()`` always holds it as
``input``: send clients :func:`client_errors` instead.

>>> from pydantic import BaseModel, ConfigDict, ValidationError
>>> class Applicant(BaseModel):
...     model_config = ConfigDict(hide_input_in_errors=True)
...     permit: ResidencePermitNumber
>>> Applicant(permit="810000 19940823 0021").permit
'810000199408230021'
>>> try:
...     Applicant.model_validate({"permit": "810000199408230022"},
...                              context={"permitcheck_language": "zh-Hans"})
... except ValidationError as error:
...     print(client_errors(error))
[{'type': 'checksum', 'loc': ('permit',), 'msg': '校验码（第 18 位）与号码其余部分不符。'}]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Final

try:
    from pydantic_core import PydanticCustomError, core_schema
except ImportError as error:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "permitcheck.pydantic needs pydantic 2: pip install 'permitcheck[pydantic]'"
    ) from error

from permitcheck import residence, schema, travel
from permitcheck._integration import identify, identity_compact, resolve_language
from permitcheck.errors import PermitError
from permitcheck.messages import MESSAGES
from permitcheck.model import DocumentKind

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "LANGUAGE_CONTEXT_KEY",
    "IdentityNumber",
    "NumberCheck",
    "ResidencePermitNumber",
    "TravelPermitNumber",
    "client_errors",
    "resolve_language",
]

#: The validation-context key that chooses the message language per call.
LANGUAGE_CONTEXT_KEY: Final = "permitcheck_language"

_NUMBER_KINDS: Final = ("residence_permit", "travel_permit", "identity")


def _language_or_error(language: str) -> str:
    resolved = resolve_language(language)
    if resolved is None:
        raise ValueError(f"no messages in {language!r}; use one of en, zh-Hans, zh-Hant")
    return resolved


class NumberCheck:
    """Annotated metadata: check a field as a number of *kind*.

    *kind* is ``"residence_permit"``, ``"travel_permit"`` or ``"identity"``
    (any kind :func:`permitcheck.identify` accepts, or only *kinds*).  On a
    ``str`` field the value becomes the compact form; on a
    :class:`~permitcheck.ResidencePermit` or :class:`~permitcheck.TravelPermit`
    field (or :class:`~permitcheck.Identification` for ``"identity"``) the
    parsed value.  *language* (``en``, ``zh-Hans``, ``zh-Hant``; default
    ``en``) is the message language unless the validation context names one.
    Raises :class:`ValueError` for an unknown kind or language.

    >>> from typing import Annotated
    >>> from pydantic import TypeAdapter
    >>> hant = TypeAdapter(Annotated[str, NumberCheck("travel_permit", language="zh-Hant")])
    >>> hant.validate_python("h1038-7877")
    'H10387877'
    """

    __slots__ = ("kind", "kinds", "language")

    kind: str
    kinds: tuple[str, ...] | None
    language: str

    def __init__(
        self, kind: str, /, *, kinds: Iterable[str] | None = None, language: str = "en"
    ) -> None:
        if kind not in _NUMBER_KINDS:
            raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(_NUMBER_KINDS)}")
        if kinds is not None and kind != "identity":
            raise ValueError("kinds= limits only the 'identity' kind")
        self.kind = kind
        self.kinds = None if kinds is None else tuple(str(each) for each in kinds)
        self.language = _language_or_error(language)

    def __repr__(self) -> str:
        kinds = "" if self.kinds is None else f", kinds={list(self.kinds)!r}"
        return f"NumberCheck({self.kind!r}{kinds}, language={self.language!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NumberCheck):
            return NotImplemented
        return (self.kind, self.kinds, self.language) == (other.kind, other.kinds, other.language)

    def __hash__(self) -> int:
        return hash((self.kind, self.kinds, self.language))

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _core_schema(self, source)

    def __get_pydantic_json_schema__(
        self, schema_: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _json_schema(self)


#: A residence permit number; validates any spelling and gives the compact form.
ResidencePermitNumber = Annotated[str, NumberCheck("residence_permit")]
#: A home-return or Taiwan compatriot permit number, in the compact form.
TravelPermitNumber = Annotated[str, NumberCheck("travel_permit")]
#: A number of any kind :func:`permitcheck.identify` accepts, in the compact form.
IdentityNumber = Annotated[str, NumberCheck("identity")]


def _message_language(check: NumberCheck, info: core_schema.ValidationInfo) -> str:
    context = info.context
    if isinstance(context, Mapping):
        chosen = resolve_language(context.get(LANGUAGE_CONTEXT_KEY))
        if chosen is not None:
            return chosen
    return check.language


def _custom_error(code: str, language: str) -> PydanticCustomError:
    # No context: the error carries the code and a message, never the number.
    return PydanticCustomError(code, MESSAGES[code][language])


def _not_a_string() -> PydanticCustomError:
    # pydantic's own type and wording for a non-str input.
    return PydanticCustomError("string_type", "Input should be a valid string")


def _parsers(check: NumberCheck, source: Any) -> tuple[type | None, Callable[[str], Any]]:
    """Return (the parsed class or None for str, the function turning a str into the value)."""
    if check.kind == "residence_permit":
        if source is residence.ResidencePermit:
            return residence.ResidencePermit, residence.parse
        return None, residence.validate
    if check.kind == "travel_permit":
        if source is travel.TravelPermit:
            return travel.TravelPermit, travel.parse_travel_permit
        return None, travel.validate
    kinds = check.kinds
    if source is not str:
        return source, lambda number: identify(number, kinds)
    return None, lambda number: identity_compact(number, kinds)


def _core_schema(check: NumberCheck, source: Any) -> core_schema.CoreSchema:
    parsed_class, convert = _parsers(check, source)

    def validate(value: Any, info: core_schema.ValidationInfo) -> Any:
        if parsed_class is not None and isinstance(value, parsed_class):
            parsed: Any = value
            if check.kinds is None or parsed.kind in check.kinds:
                return parsed
            # An identification of a kind not allowed here: identify() raises the right error.
            value = _compact_of(parsed)
        if not isinstance(value, str):
            raise _not_a_string()
        try:
            return convert(value)
        except PermitError as error:
            raise _custom_error(error.code, _message_language(check, info)) from None

    if parsed_class is None:
        return core_schema.with_info_plain_validator_function(validate)
    return core_schema.with_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(
            _compact_of, when_used="json-unless-none"
        ),
    )


def _compact_of(value: Any) -> str:
    number = value.number if hasattr(value, "number") else value.document.number
    return str(number)


def _json_schema(check: NumberCheck) -> dict[str, Any]:
    if check.kind != "identity":
        return schema.json_schema(check.kind)
    kinds = check.kinds if check.kinds is not None else tuple(DocumentKind)
    which = (
        "of any kind permitcheck recognises"
        if check.kinds is None
        else "of one of these kinds: " + ", ".join(kinds)
    )
    result: dict[str, Any] = {
        "type": "string",
        "format": "identity-number",
        "description": f"An identity document number {which}. The pattern checks the shape"
        " of the compact form (no spaces, hyphens or brackets around a check character,"
        " upper case) only, not check characters or dates.",
    }
    if all(kind in schema.KINDS for kind in kinds):
        # Every allowed kind has a published pattern: offer their alternation.
        patterns = "|".join(schema.pattern(kind, anchored=False) for kind in kinds)
        result["pattern"] = f"^(?:{patterns})$"
    return result


def _parsed_json_schema(kind: str) -> dict[str, Any]:
    """JSON Schema for the parsed types used as field types."""
    return _json_schema(NumberCheck(kind))


def _parsed_core_schema(kind: str, source: Any) -> core_schema.CoreSchema:
    """Core schema for ResidencePermit and TravelPermit used as field types."""
    return _core_schema(NumberCheck(kind), source)


def client_errors(errors: Any, /, *, language: str | None = None) -> list[dict[str, Any]]:
    """Return validation errors as dicts that are safe to send to a client or log.

    *errors* is a :class:`pydantic.ValidationError`, a FastAPI
    ``RequestValidationError`` or the list its ``errors()`` returns.  Each
    dict keeps ``type``, ``loc`` and ``msg`` only: never ``input`` (the
    submitted number) or ``ctx``.  With *language*, the messages of
    permitcheck's own error codes are given in that language.  Raises
    :class:`ValueError` for an unknown language.

    >>> from pydantic import TypeAdapter, ValidationError
    >>> try:
    ...     TypeAdapter(TravelPermitNumber).validate_python("H1038787")
    ... except ValidationError as error:
    ...     client_errors(error, language="zh-Hant")[0]["type"]
    'travel_length'
    """
    chosen = None if language is None else _language_or_error(language)
    items: Sequence[Mapping[str, Any]] = errors.errors() if hasattr(errors, "errors") else errors
    safe: list[dict[str, Any]] = []
    for item in items:
        code = str(item["type"])
        text = str(item["msg"])
        if chosen is not None and code in MESSAGES:
            text = MESSAGES[code][chosen]
        safe.append({"type": code, "loc": tuple(item["loc"]), "msg": text})
    return safe
