"""No rendering of a public value or error shows a number (issue 9, acceptance).

Every public value is built from valid inputs and near misses and rendered
through ``str``, ``repr``, f-strings, ``logging``, ``pprint``, rich
(``print``, ``Console.print``, ``pretty_repr``, tracebacks with locals),
``traceback.TracebackException(capture_locals=True)`` and a pickle round
trip; no output may contain 8 or more consecutive digits of the input.

To cover a new value type, add one line to ``SAMPLES``: a name, a callable
that builds the value from one input string (or raises the library's error),
and the inputs.  The inputs are generated, not written here, so that source
lines a traceback quotes cannot hold them.
"""

from __future__ import annotations

import importlib
import io
import logging
import pickle
import pprint
import re
import secrets
import traceback
from collections.abc import Callable, Iterator
from functools import partial

import attrs
import pytest
import rich
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.vendor.pretty import pretty as hypothesis_pretty
from rich.console import Console
from rich.pretty import pretty_repr
from rich.traceback import Traceback

import permitcheck
from permitcheck import (
    CheckResult,
    DocumentKind,
    Identification,
    IdentityCheck,
    PermitError,
    PermitLink,
    PseudonymKey,
    ResidencePermit,
    TravelPermit,
    TravelPermitKind,
    WeakSecret,
    check,
    check_identity,
    error_class,
    identify,
    link,
    mask,
    parse,
    parse_travel_permit,
    pseudonym,
)
from permitcheck.generate import PermitGenerator
from permitcheck.messages import MESSAGES

_GENERATOR = PermitGenerator(b"issue 9: privacy by default")


def _residence_inputs() -> tuple[str, ...]:
    valid = [_GENERATOR.residence_permit_number() for _ in range(3)]
    near = [
        _GENERATOR.invalid_residence_permit_number(codes=[code])
        for code in ("checksum", "birth_date", "region", "length", "characters")
    ]
    number = valid[0]
    spelled = [
        f" {number[:6]} {number[6:14]}-{number[14:]} ",  # spaces and hyphens
        number.translate({code: code + 0xFEE0 for code in range(0x30, 0x3A)}),  # full-width
        "110105" + number[6:],  # a mainland address code: the county is personal too
        number + "5",  # 19 characters
        number[:-1] + "Y",
    ]
    return (*valid, *near, *spelled)


def _travel_inputs() -> tuple[str, ...]:
    valid = [
        _GENERATOR.travel_permit_number(kinds=[kind], legacy=legacy)
        for kind in TravelPermitKind
        for legacy in (False, True)
        if not (legacy and kind is TravelPermitKind.HOME_RETURN_NON_CHINESE)
    ]
    spelled = [_GENERATOR.travel_permit_number(spelled=True) for _ in range(2)]
    home = _GENERATOR.travel_permit_number(kinds=[TravelPermitKind.HOME_RETURN], legacy=False)
    taiwan = _GENERATOR.travel_permit_number(
        kinds=[TravelPermitKind.TAIWAN_COMPATRIOT], legacy=False
    )
    near = [
        home[:-1],  # a digit missing
        home + "123",  # no format has 12 characters
        "HB" + home[2:],  # an unknown letter
        home[0] + "\u0661" + home[2:],  # an Arabic-Indic digit
        taiwan + "12(",  # a bracket out of place
        taiwan + "12(DE)",
    ]
    return (*valid, *spelled, *near)


def _document_inputs(kind: DocumentKind) -> tuple[str, ...]:
    # Issue 10's kinds: valid numbers (compact and as people type them) and near misses.
    valid = [_GENERATOR.document_number(kind) for _ in range(2)]
    spelled = [_GENERATOR.document_number(kind, spelled=True)]
    near = [_GENERATOR.invalid_document_number(kind) for _ in range(4)]
    return (*valid, *near, *spelled)


RESIDENCE_INPUTS = _residence_inputs()
TRAVEL_INPUTS = _travel_inputs()
DOCUMENT_INPUTS = {kind: _document_inputs(kind) for kind in DocumentKind}
#: Every kind's inputs, for identify() and check_identity().
ALL_DOCUMENT_INPUTS = tuple(text for inputs in DOCUMENT_INPUTS.values() for text in inputs)
#: The kinds with a module of their own in permitcheck.documents (named by the
#: kind's value, each with the same contract), and the module's value type.
_PERMITS = {
    DocumentKind.RESIDENCE_PERMIT,
    DocumentKind.HOME_RETURN_PERMIT,
    DocumentKind.TAIWAN_COMPATRIOT_PERMIT,
}
_DOCUMENT_MODULES = {
    kind: importlib.import_module(f"permitcheck.documents.{kind.value}")
    for kind in DocumentKind
    if kind not in _PERMITS
}
DOCUMENT_MODULES = {
    kind: (module, type(module.parse(DOCUMENT_INPUTS[kind][0])))
    for kind, module in _DOCUMENT_MODULES.items()
}
#: Partners for link(): valid documents of each region.
HK_PAIR = _GENERATOR.permit_link(regions=[permitcheck.Region.HK])
TW_PAIR = _GENERATOR.permit_link(regions=[permitcheck.Region.TW])
KEY = PseudonymKey.generate()


@attrs.frozen
class Sample:
    """A public value type: how to build one from an input, and the inputs to try."""

    name: str
    make: Callable[[str], object]
    inputs: tuple[str, ...]
    #: The result is the number itself by contract (validate): only errors are rendered.
    returns_number: bool = False


def _document_samples() -> Iterator[Sample]:
    # One line per way to build a value of each of issue 10's kinds.
    for kind, (module, cls) in DOCUMENT_MODULES.items():
        inputs = DOCUMENT_INPUTS[kind]
        yield Sample(f"{kind.value}.parse", module.parse, inputs)
        yield Sample(cls.__name__, cls, inputs)
        yield Sample(f"{kind.value}.validate", module.validate, inputs, returns_number=True)


# One line per way to build a public value.  The integrator extends this table
# (index objects).
SAMPLES = (
    Sample("parse", parse, RESIDENCE_INPUTS),
    Sample("ResidencePermit", ResidencePermit, RESIDENCE_INPUTS),
    Sample("check", check, RESIDENCE_INPUTS),
    Sample("validate", permitcheck.validate, RESIDENCE_INPUTS, returns_number=True),
    Sample("travel.validate", permitcheck.travel.validate, TRAVEL_INPUTS, returns_number=True),
    Sample("parse_travel_permit", parse_travel_permit, TRAVEL_INPUTS),
    Sample("TravelPermit", TravelPermit, TRAVEL_INPUTS),
    Sample("link(residence)", partial(link, travel_permit=HK_PAIR.travel_permit), RESIDENCE_INPUTS),
    Sample("link(travel)", partial(link, TW_PAIR.residence_permit), TRAVEL_INPUTS),
    Sample(
        "PermitLink", partial(PermitLink, travel_permit=TW_PAIR.travel_permit), RESIDENCE_INPUTS
    ),
    Sample("pseudonym(residence)", partial(pseudonym, secret=KEY), RESIDENCE_INPUTS),
    Sample("pseudonym(travel)", partial(pseudonym, secret=KEY), TRAVEL_INPUTS),
    Sample("mask(residence)", mask, RESIDENCE_INPUTS),
    Sample("mask(travel)", mask, TRAVEL_INPUTS),
    *_document_samples(),
    Sample("identify", identify, ALL_DOCUMENT_INPUTS),
    Sample("check_identity", check_identity, ALL_DOCUMENT_INPUTS),
)

#: The inputs every sample is rendered with in the default run: a valid
#: number and a near miss of each document.  The others run with -m slow
#: (rich renders a traceback in about 0.2 s).
QUICK = frozenset(
    (
        RESIDENCE_INPUTS[0],
        RESIDENCE_INPUTS[3],
        RESIDENCE_INPUTS[-3],
        TRAVEL_INPUTS[0],
        TRAVEL_INPUTS[-4],
        # Each of issue 10's kinds: a valid number and a near miss.
        *(inputs[0] for inputs in DOCUMENT_INPUTS.values()),
        *(inputs[2] for inputs in DOCUMENT_INPUTS.values()),
    )
)
CASES = [
    pytest.param(
        sample,
        text,
        id=f"{sample.name}-{index}",
        marks=() if text in QUICK else pytest.mark.slow,
    )
    for sample in SAMPLES
    for index, text in enumerate(sample.inputs)
]


# -- what counts as a leak ------------------------------------------------------

_DIGIT_RUN = re.compile(r"\d{8,}")
_SHORT_RUN = re.compile(r"\d{6,}")


def _windows(text: str) -> set[str]:
    """What of *text*'s digits no output may contain.

    Every 8 consecutive digits of *text*, as typed and as compacted.  A
    number with fewer than 8 digits in all (a Hong Kong ID: 6 digits and
    a check digit) must not show its whole run of 6 or 7 digits either,
    judged on the compact form, where a typed bracket no longer splits
    the run (``A123456(3)`` is ``A1234563``).
    """
    compacted = permitcheck.compact(text)
    runs = [*_DIGIT_RUN.findall(text), *_DIGIT_RUN.findall(compacted)]
    if sum(char in "0123456789" for char in compacted) < 8:
        runs += _SHORT_RUN.findall(compacted)
    found: set[str] = set()
    for run in runs:
        size = min(8, len(run))
        found.update(run[start : start + size] for start in range(len(run) - size + 1))
    return found


def assert_hidden(output: str, text: str) -> None:
    leaked = sorted(window for window in _windows(text) if window in output)
    assert [] == leaked, output


# -- the renderings ----------------------------------------------------------------


def _logged(value: object) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("permitcheck.tests.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("checked %s / %r", value, value)
        logger.warning(value)
        if isinstance(value, BaseException):
            logger.error("failed", exc_info=value)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def _rich_printed(value: object) -> str:
    stream = io.StringIO()
    rich.print(value, [value], {"key": value}, file=stream)
    Console(file=stream, width=100, color_system=None).print(value, {"key": value})
    return stream.getvalue()


def _raised_holding(value: object) -> BaseException:
    """An exception whose traceback has a frame that holds *value* as a local."""

    def holder(held: object) -> None:
        raise RuntimeError("holding a value")

    try:
        holder(value)
    except RuntimeError as error:
        return error
    raise AssertionError("unreachable")  # pragma: no cover


def _traceback_of(value: object) -> BaseException:
    return value if isinstance(value, BaseException) else _raised_holding(value)


def _traceback_exception(value: object) -> str:
    error = _traceback_of(value)
    summary = traceback.TracebackException.from_exception(error, capture_locals=True)
    return "".join(summary.format())


def _rich_traceback(value: object) -> str:
    error = _traceback_of(value)
    stream = io.StringIO()
    rendered = Traceback.from_exception(
        type(error), error, error.__traceback__, show_locals=True, width=100
    )
    Console(file=stream, width=100, color_system=None).print(rendered)
    return stream.getvalue()


def _pickled(value: object) -> str:
    data = pickle.dumps(value)
    restored = pickle.loads(data)
    text = f"{restored!s} {restored!r}"
    if isinstance(value, BaseException):
        # An error holds no number at all, so neither may its pickle.
        text += data.decode("latin-1")
    return text


RENDERERS: dict[str, Callable[[object], str]] = {
    "str": str,
    "repr": repr,
    "f-string": lambda value: f"{value} {value!r} {value!s} {value!a}",
    "format": lambda value: format(value, ""),
    "logging": _logged,
    "pprint": lambda value: pprint.pformat([value, {"key": (value,)}]),
    "rich.print": _rich_printed,
    "rich.pretty_repr": lambda value: pretty_repr([value, {"key": value}]),
    "rich traceback": _rich_traceback,
    "TracebackException": _traceback_exception,
    "pickle": _pickled,
    # Hypothesis prints falsifying examples with it (IPython's pretty printer).
    "hypothesis pretty": hypothesis_pretty,
}


def _outcome(make: Callable[[str], object], box: list[str]) -> object:
    """Build the value, or return the error; no frame of the traceback holds the input.

    The input travels in *box* and is popped on the call, so this frame (the
    first of the traceback) does not keep it: what remains in the
    traceback's locals is the library's doing.
    """
    try:
        return make(box.pop())
    except PermitError as error:
        return error


def assert_every_rendering_hidden(value: object, text: str) -> None:
    windows = _windows(text)
    outputs = {name: render(value) for name, render in RENDERERS.items()}
    leaked = {
        name: output
        for name, output in outputs.items()
        if any(window in output for window in windows)
    }
    assert {} == leaked


@pytest.mark.parametrize(("sample", "text"), CASES)
def test_no_rendering_shows_the_number(sample: Sample, text: str) -> None:
    value = _outcome(sample.make, [text])
    if sample.returns_number and not isinstance(value, PermitError):
        return  # raw by contract, like .number
    assert_every_rendering_hidden(value, text)


def test_the_table_has_valid_values_and_errors_of_every_kind() -> None:
    # The sweep above must see values and errors, or it proves little.
    outcomes = [_outcome(sample.make, [text]) for sample in SAMPLES for text in sample.inputs]
    # check() returns CheckResult's outcome subclasses (issue 8): count them as CheckResult.
    kinds = {
        CheckResult if isinstance(outcome, CheckResult) else type(outcome) for outcome in outcomes
    }
    expected = {ResidencePermit, TravelPermit, PermitLink, CheckResult, str}
    assert expected <= kinds
    errors = {
        kind.code for kind in kinds if isinstance(kind, type) and issubclass(kind, PermitError)
    }
    assert {"checksum", "birth_date", "region", "length", "characters"} <= errors
    assert {"travel_length", "travel_format", "travel_characters", "link_region"} <= errors
    # Issue 10's kinds: a value of every document type and an error of every kind.
    documents = {cls for _module, cls in DOCUMENT_MODULES.values()}
    assert {Identification, IdentityCheck} | documents <= kinds
    for kind in DOCUMENT_MODULES:
        prefix = f"{kind.value}_"
        rules = {code.removeprefix(prefix) for code in errors if code.startswith(prefix)}
        # mainland_id_15_length is mainland_id_15's rule, not mainland_id's.
        assert {rule for rule in rules if not rule.startswith("15_")}, kind


def test_a_renderer_notices_a_raw_number() -> None:
    # The check itself can fail: a raw number held in a traceback frame is caught.
    text = RESIDENCE_INPUTS[0]
    with pytest.raises(AssertionError):
        assert_hidden(_traceback_exception(text), text)


# -- every error class ----------------------------------------------------------------


def _error_classes() -> Iterator[type[PermitError]]:
    for code in MESSAGES:
        try:
            yield error_class(code)
        except KeyError:
            continue  # a warning code: no exception class


@pytest.mark.parametrize("cls", list(_error_classes()), ids=lambda cls: cls.code)
@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_no_error_shows_eight_digits(cls: type[PermitError], renderer: str) -> None:
    output = RENDERERS[renderer](cls())
    assert [] == re.findall(r"\d{8,}", output)


# -- half-built values: repr never raises ------------------------------------------------


HALF_BUILT = [
    (ResidencePermit, {}),
    (ResidencePermit, {"number": "110105194912310022"}),
    (ResidencePermit, {"number": 12}),
    (TravelPermit, {}),
    (TravelPermit, {"number": "H12345678"}),
    (TravelPermit, {"number": "H12345678", "_parts": None}),
    (PermitLink, {}),
    (CheckResult, {}),
    (CheckResult, {"number": "110105194912310022", "problems": (1,)}),
]


@pytest.mark.parametrize(("cls", "fields"), HALF_BUILT)
@pytest.mark.parametrize("renderer", ["str", "repr", "rich.pretty_repr", "TracebackException"])
def test_a_half_built_value_renders_without_raising(
    cls: type, fields: dict[str, object], renderer: str
) -> None:
    value = cls.__new__(cls)
    for name, field in fields.items():
        object.__setattr__(value, name, field)
    output = RENDERERS[renderer](value)
    # Issue 9: under --showlocals a KeyError showed the first 6 digits.
    planted = "".join(str(field) for field in fields.values())
    runs = re.findall(r"\d{6,}", planted)
    windows = {run[start : start + 6] for run in runs for start in range(len(run) - 5)}
    assert [] == sorted(window for window in windows if window in output)


@given(st.text(max_size=30))
def test_repr_of_a_half_built_permit_never_raises_nor_shows_six_digits(text: str) -> None:
    for cls in (ResidencePermit, TravelPermit, CheckResult):
        value = cls.__new__(cls)
        object.__setattr__(value, "number", text)
        for output in (repr(value), str(value), pretty_repr(value)):
            stripped = re.sub(r"8[123]0000", "", output)
            assert [] == [run for run in re.findall(r"\d{6,}", stripped) if run in text]


def test_a_failed_constructor_leaves_no_input_in_the_traceback() -> None:
    # Python 3.11's TracebackException(capture_locals=True) calls repr() on the
    # half-built `self` of __init__: it must neither raise nor show digits.
    text = RESIDENCE_INPUTS[3]  # a near miss
    error = _outcome(ResidencePermit, [text])
    assert isinstance(error, PermitError)
    frames = traceback.TracebackException.from_exception(error, capture_locals=True).stack
    shown = {name: value for frame in frames for name, value in (frame.locals or {}).items()}
    assert "number" not in shown
    assert_hidden(repr(shown), text)


# -- mask() ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Valid residence permit: region prefix and check character stay.
        ("810000 19940823 0021", "810000***********1"),
        # A mainland ID (GB 11643's own example): the county is personal.
        ("11010519491231002x", "*****************X"),
        # Invalid, 17 characters: the prefix stays, there is no 18th character.
        ("83000019920130002", "830000***********"),
        ("h1038 7877", "H********"),
        ("0561682001（Ｄ）", "**********(D)"),
        ("HB1234567", "H********"),  # invalid: the letter stays (issue 14)
        ("X1234567", "********"),
        ("", ""),
        ("8" * 40, "*" * 20 + "…"),
    ],
)
def test_mask(text: str, expected: str) -> None:
    assert expected == mask(text)


@given(st.text(max_size=40))
def test_mask_never_shows_eight_input_digits(text: str) -> None:
    assert_hidden(mask(text), text)


@given(st.text(max_size=25))
def test_check_result_repr_masks_like_mask(text: str) -> None:
    result = check(text)
    assert f"number={mask(result.number)!r}" in repr(result)


def test_mask_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        mask(b"810000199408230021")  # type: ignore[arg-type]


# -- str() is masked; raw access is explicit ----------------------------------------------


def test_str_and_format_of_a_residence_permit() -> None:
    permit = HK_PAIR.residence_permit
    masked = mask(permit.number)
    rendered = (str(permit), f"{permit}", f"{permit:>20}", permitcheck.format(permit))
    number = permit.number
    grouped = f"{number[:6]} {number[6:14]} {number[14:]}"
    assert (masked, masked, masked.rjust(20), grouped) == rendered


def test_str_of_a_travel_permit_and_a_link() -> None:
    pair = TW_PAIR
    assert (mask(pair.travel_permit.number), repr(pair)) == (str(pair.travel_permit), str(pair))


# -- PseudonymKey ----------------------------------------------------------------------------


def _secret_spellings(secret: bytes) -> list[str]:
    return [secret.hex(), repr(secret)[2:-1], secret.decode("latin-1")]


@pytest.mark.parametrize("renderer", sorted(set(RENDERERS) - {"pickle"}))
def test_no_rendering_shows_the_secret(renderer: str) -> None:
    secret = secrets.token_bytes(32)
    output = RENDERERS[renderer](PseudonymKey(secret))
    assert [] == [spelling for spelling in _secret_spellings(secret) if spelling in output]
    assert "<redacted>" in output


def test_a_key_is_not_pickled() -> None:
    with pytest.raises(TypeError, match="secret"):
        pickle.dumps(PseudonymKey.generate())


def test_a_weak_secret_is_not_in_the_traceback() -> None:
    secret = b"changeme-changeme"

    def attempt(box: list[bytes]) -> BaseException:
        try:
            PseudonymKey(box.pop())
        except WeakSecret as error:
            return error
        raise AssertionError("no WeakSecret")  # pragma: no cover

    output = _traceback_exception(attempt([secret])) + _rich_traceback(attempt([secret]))
    assert "changeme" not in output


def test_pseudonym_with_a_bad_number_keeps_neither_number_nor_key_in_the_traceback() -> None:
    secret = secrets.token_bytes(32)
    text = RESIDENCE_INPUTS[3]  # a near miss

    def attempt(box: list[object]) -> BaseException:
        try:
            pseudonym(box.pop(), secret=box.pop())  # type: ignore[arg-type]
        except PermitError as error:
            return error
        raise AssertionError("no error")  # pragma: no cover

    error = attempt([secret, text])
    output = _traceback_exception(error) + _rich_traceback(error)
    assert_hidden(output, text)
    assert [] == [spelling for spelling in _secret_spellings(secret) if spelling in output]


# -- a wrong type: the TypeError's traceback holds no input either ---------------------------

_BYTES_NUMBER = RESIDENCE_INPUTS[0].encode()
_TYPE_ERROR_CALLS: list[Callable[[object], object]] = [
    permitcheck.validate,
    permitcheck.parse,
    permitcheck.check,
    permitcheck.compact,
    permitcheck.format,
    mask,
    parse_travel_permit,
    permitcheck.travel.validate,
    permitcheck.travel.compact,
    permitcheck.travel.format,
    ResidencePermit,
    TravelPermit,
    partial(link, travel_permit=HK_PAIR.travel_permit),
    partial(pseudonym, secret=KEY),
    identify,
    check_identity,
    *(
        function
        for module, cls in DOCUMENT_MODULES.values()
        for function in (module.compact, module.validate, module.format, module.parse, cls)
    ),
]


@pytest.mark.parametrize(
    "function", _TYPE_ERROR_CALLS, ids=lambda function: getattr(function, "__qualname__", "partial")
)
def test_a_type_error_leaves_no_input_in_the_traceback(
    function: Callable[[object], object],
) -> None:
    def attempt(box: list[object]) -> BaseException:
        try:
            function(box.pop())
        except (TypeError, PermitError) as error:
            return error
        raise AssertionError("no error")  # pragma: no cover

    error = attempt([_BYTES_NUMBER])
    assert isinstance(error, TypeError)
    assert_hidden(_traceback_exception(error), RESIDENCE_INPUTS[0])
