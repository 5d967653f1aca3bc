"""Tests for permitcheck.travel: home-return and Taiwan compatriot permit numbers."""

from __future__ import annotations

import pickle
import re
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.vendor.pretty import pretty as hypothesis_pretty
from stdnum import exceptions as stdnum_exceptions

import permitcheck
from permit_reference import compact as reference_compact
from permitcheck import (
    ErrorCode,
    InvalidTravelCharacters,
    InvalidTravelFormat,
    InvalidTravelLength,
    PermitError,
    Region,
    TravelPermit,
    TravelPermitKind,
    error_class,
    parse_travel_permit,
    travel,
)
from permitcheck.messages import LANGUAGES, message
from permitcheck.strategies import travel_permit_numbers, travel_permits

HOME_RETURN = TravelPermitKind.HOME_RETURN
NON_CHINESE = TravelPermitKind.HOME_RETURN_NON_CHINESE
TAIWAN = TravelPermitKind.TAIWAN_COMPATRIOT

# -- strategies --------------------------------------------------------------------
# Valid numbers come from the public strategies (permitcheck.strategies); the
# expectations come from the rules and from the independent folding of
# tests/permit_reference.py, never from the strategies themselves.


def _full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0)


@st.composite
def mixed_spellings(draw: st.DrawFn, compact: str) -> str:
    """A spelling of *compact* that mixes case, width and separators character by character.

    Kept local because the public travel_permit_numbers() spells a whole number
    one way (all upper or all lower case, one separator between every group or
    every character, the same whitespace at both ends): it cannot give
    "Ｈa1 2-34..." or a leading hyphen, which a folding bug that looks at the
    whole string rather than each character would mishandle.
    """
    parts = [draw(st.sampled_from(["", "", " ", "-", "\u3000"]))]
    for char in compact:
        spelt = char.lower() if char.isalpha() and draw(st.booleans()) else char
        parts.append(_full_width(spelt) if draw(st.booleans()) else spelt)
        parts.append(draw(st.sampled_from(["", "", "", " ", "-"])))
    parts.append(draw(st.sampled_from(["", " ", "\t", "\u3000"])))
    return "".join(parts)


# -- the accepted formats -------------------------------------------------------

# (number, kind, region, lifelong_number, renewal_count, issuing_office); the
# expected fields are read off the rules in FORMATS.md §2-§3 by hand.
VALID = [
    # §2b 2013+ card: H/M + 8 digits, "号码终身不变"; the count is printed separately.
    ("H10387877", HOME_RETURN, Region.HK, "H10387877", None, None),
    ("M12345678", HOME_RETURN, Region.MO, "M12345678", None, None),
    # §2a 1999-2012 card: letter + 8-digit lifelong number + 2-digit renewal count.
    ("H1234567800", HOME_RETURN, Region.HK, "H12345678", 0, None),
    ("M8765432112", HOME_RETURN, Region.MO, "M87654321", 12, None),
    # §2c non-Chinese version: HA (Hong Kong) / MA (Macao) + 7 digits, all lifelong.
    ("HA1234567", NON_CHINESE, Region.HK, "HA1234567", None, None),
    ("MA0000001", NON_CHINESE, Region.MO, "MA0000001", None, None),
    # §3 2008-09-25+: 8 digits, "一人一号、终身不变".
    ("00000000", TAIWAN, Region.TW, "00000000", None, None),
    # §3 1992-2008 booklet: 8-digit lifelong number + 2-digit issue count ...
    ("0561682001", TAIWAN, Region.TW, "05616820", 1, None),
    # ... optionally followed by the issuing-office code in brackets.
    ("0561682001(D)", TAIWAN, Region.TW, "05616820", 1, "D"),
    ("1234567899(B)", TAIWAN, Region.TW, "12345678", 99, "B"),
]


@pytest.mark.parametrize("expected", VALID)
def test_parse_travel_permit_reads_the_fields(expected: tuple[object, ...]) -> None:
    permit = parse_travel_permit(str(expected[0]))
    actual = (
        permit.number,
        permit.kind,
        permit.region,
        permit.lifelong_number,
        permit.renewal_count,
        permit.issuing_office,
    )
    assert expected == actual


@pytest.mark.parametrize("number", [row[0] for row in VALID])
def test_validate_returns_the_compact_number(number: str) -> None:
    assert number == travel.validate(number)


@pytest.mark.parametrize("number", [row[0] for row in VALID])
def test_is_valid_accepts_every_format(number: str) -> None:
    assert travel.is_valid(number) is True


@pytest.mark.parametrize("office", list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_any_letter_or_digit_is_an_office_code(office: str) -> None:
    # FORMATS.md §3: "括号内的英文字母或者阿拉伯数字为签发机关代码"; not only A/B/D.
    assert office == parse_travel_permit(f"0561682001({office})").issuing_office


# -- input folding ------------------------------------------------------------------

SPELLINGS = [
    ("h10387877", "H10387877"),  # lower case
    (" H1038 7877 ", "H10387877"),  # spaces
    ("H-1038-7877", "H10387877"),  # hyphens
    ("Ｈ１０３８７８７７", "H10387877"),  # full-width
    ("ｈａ１２３４５６７", "HA1234567"),  # full-width lower case
    ("0561682001（Ｄ）", "0561682001(D)"),  # full-width brackets
    ("0561682001 (d)", "0561682001(D)"),  # space before the office code
    ("\u300000000000\u3000", "00000000"),  # ideographic spaces
]


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_validate_folds_the_input(spelling: str, expected: str) -> None:
    assert expected == travel.validate(spelling)


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_parse_travel_permit_stores_the_compact_form(spelling: str, expected: str) -> None:
    assert expected == parse_travel_permit(spelling).number


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_compact_folds_the_input(spelling: str, expected: str) -> None:
    assert expected == travel.compact(spelling)


def test_compact_does_not_validate() -> None:
    expected = "X1("
    assert expected == travel.compact("x 1（")


def test_format_prints_the_compact_form() -> None:
    expected = "0561682001(D)"
    assert expected == travel.format(" 0561682001 （d） ")


# -- invalid numbers ------------------------------------------------------------------

INVALID = [
    # Length, judged by the kind the prefix announces.
    ("", InvalidTravelLength),  # nothing at all
    ("H1038787", InvalidTravelLength),  # H/M: 9 or 11 characters
    ("H103878770", InvalidTravelLength),  # H/M: not 10
    ("H103878770012", InvalidTravelLength),  # H/M: not 13
    ("HA12345678", InvalidTravelLength),  # HA/MA: 9 characters only
    ("MA123456", InvalidTravelLength),  # HA/MA: 9 characters only
    ("1234567", InvalidTravelLength),  # Taiwan: 8, 10 or 13
    ("123456789", InvalidTravelLength),  # Taiwan: not 9
    ("12345678901", InvalidTravelLength),  # Taiwan: not 11
    ("0561682001(DD)", InvalidTravelLength),  # one office character only
    ("X1234", InvalidTravelLength),  # unknown prefix, no format this long
    # Characters: ASCII digits, letters and round brackets only.
    ("H1038787²", InvalidTravelCharacters),  # superscript two is not a digit
    ("H1038787٣", InvalidTravelCharacters),  # nor is an Arabic-Indic three
    ("0561682001[D]", InvalidTravelCharacters),  # square brackets
    ("1234567.", InvalidTravelCharacters),
    ("⑱⑱⑱⑱⑱⑱⑱⑱", InvalidTravelCharacters),  # circled numbers
    ("😀😀😀😀😀😀😀😀😀", InvalidTravelCharacters),
    # Format: right length and characters, wrong arrangement.
    ("X12345678", InvalidTravelFormat),  # only H and M are prefixes
    ("HB1234567", InvalidTravelFormat),  # only HA and MA are two-letter prefixes
    ("HA123456A", InvalidTravelFormat),  # digits after HA
    ("H1234567A", InvalidTravelFormat),  # digits after H
    ("H123456789A", InvalidTravelFormat),  # no office code on a home-return permit
    ("1234567A", InvalidTravelFormat),  # Taiwan: digits only
    ("123456789A", InvalidTravelFormat),  # Taiwan 10: digits only
    ("0561682001D()", InvalidTravelFormat),  # the bracket encloses the code
    ("0561682001(()", InvalidTravelFormat),  # a bracket is no office code
    ("05616820A1(D)", InvalidTravelFormat),  # digits before the bracket
    ("12345678(B)", InvalidTravelLength),  # the office code goes only with 10 digits
]


@pytest.mark.parametrize(("number", "error"), INVALID)
def test_validate_raises_the_first_broken_rule(number: str, error: type[PermitError]) -> None:
    with pytest.raises(error) as raised:
        travel.validate(number)
    assert (error, error.code) == (type(raised.value), raised.value.code)


@pytest.mark.parametrize(("number", "error"), INVALID)
def test_parse_travel_permit_raises_the_first_broken_rule(
    number: str, error: type[PermitError]
) -> None:
    with pytest.raises(error) as raised:
        parse_travel_permit(number)
    assert (error, error.code) == (type(raised.value), raised.value.code)


@pytest.mark.parametrize(("number", "error"), INVALID)
def test_is_valid_rejects_invalid_numbers(number: str, error: type[PermitError]) -> None:
    assert travel.is_valid(number) is False


@pytest.mark.parametrize(("number", "error"), INVALID[1:])
def test_the_error_message_does_not_echo_the_number(number: str, error: type[PermitError]) -> None:
    with pytest.raises(error) as raised:
        travel.validate(number)
    assert number not in str(raised.value)


@pytest.mark.parametrize(
    ("error", "code", "stdnum_parent"),
    [
        (InvalidTravelLength, "travel_length", stdnum_exceptions.InvalidLength),
        (InvalidTravelCharacters, "travel_characters", stdnum_exceptions.InvalidFormat),
        (InvalidTravelFormat, "travel_format", stdnum_exceptions.InvalidFormat),
    ],
)
class TestErrorClasses:
    """Every error: a stable code, a stdnum parent, PermitError, messages, pickling."""

    def test_code(self, error: type[PermitError], code: str, stdnum_parent: type) -> None:
        assert code == error.code

    def test_error_class_finds_it_by_code(
        self, error: type[PermitError], code: str, stdnum_parent: type
    ) -> None:
        assert error is error_class(code)

    def test_stdnum_parent(self, error: type[PermitError], code: str, stdnum_parent: type) -> None:
        assert issubclass(error, stdnum_parent)

    def test_permit_error_parent(
        self, error: type[PermitError], code: str, stdnum_parent: type
    ) -> None:
        assert issubclass(error, PermitError)

    def test_message_in_every_language(
        self, error: type[PermitError], code: ErrorCode, stdnum_parent: type
    ) -> None:
        assert all(message(code, language) for language in LANGUAGES)

    def test_default_message_is_english(
        self, error: type[PermitError], code: ErrorCode, stdnum_parent: type
    ) -> None:
        assert message(code) == str(error())

    def test_pickles(self, error: type[PermitError], code: str, stdnum_parent: type) -> None:
        restored = pickle.loads(pickle.dumps(error()))
        assert (error, str(error())) == (type(restored), str(restored))

    def test_exported_at_top_level(
        self, error: type[PermitError], code: str, stdnum_parent: type
    ) -> None:
        assert error is getattr(permitcheck, error.__name__)


class Hostile(str):
    """A str subclass whose str methods all misbehave."""

    __slots__ = ()

    def _boom(self, *args: object, **kwargs: object) -> str:
        raise RuntimeError("hostile")

    translate = strip = replace = upper = lower = isdigit = isascii = _boom  # type: ignore[assignment]
    __len__ = __getitem__ = __iter__ = __contains__ = __eq__ = __ne__ = _boom  # type: ignore[assignment]
    __hash__ = str.__hash__


JUNK: list[object] = [
    None,
    12345678,
    1.5,
    b"H10387877",
    bytearray(b"H10387877"),
    ["H10387877"],
    object(),
    pytest.param(mock.Mock(spec=str), id="Mock(spec=str)"),  # claims __class__ == str
    pytest.param(mock.MagicMock(spec=str), id="MagicMock(spec=str)"),
]
JUNK_TEXT = [
    pytest.param("", id="empty"),
    pytest.param("\ud800" * 9, id="lone surrogates"),
    pytest.param("\x00" * 8, id="NULs"),
    pytest.param("8" * 1_000_000, id="a million eights"),
    pytest.param("H" + "1" * 100_000, id="H and many digits"),
    pytest.param(Hostile("junk"), id="hostile str subclass"),
]


@pytest.mark.parametrize("junk", JUNK_TEXT)
def test_is_valid_returns_false_for_junk_text(junk: str) -> None:
    assert travel.is_valid(junk) is False


@pytest.mark.parametrize("junk", JUNK_TEXT)
def test_validate_raises_a_travel_error_for_junk_text(junk: str) -> None:
    with pytest.raises(PermitError) as raised:
        travel.validate(junk)
    assert raised.value.code in {"travel_length", "travel_characters", "travel_format"}


HOSTILE_VALID = [
    pytest.param(Hostile("H10387877"), id="H10387877"),
    pytest.param(Hostile("0561682001(D)"), id="0561682001(D)"),
]


@pytest.mark.parametrize("number", HOSTILE_VALID)
def test_is_valid_judges_a_hostile_str_subclass_by_its_characters(number: str) -> None:
    assert travel.is_valid(number) is True


@pytest.mark.parametrize(
    ("number", "expected"), [("H10387877", "H10387877"), ("0561682001(d)", "0561682001(D)")]
)
def test_validate_returns_a_plain_str_for_a_hostile_str_subclass(
    number: str, expected: str
) -> None:
    result = travel.validate(Hostile(number))
    assert (str, expected) == (type(result), str.__str__(result))


@pytest.mark.parametrize("junk", JUNK)
def test_is_valid_never_raises_on_junk(junk: object) -> None:
    assert travel.is_valid(junk) is False


@pytest.mark.parametrize("junk", JUNK)
def test_validate_raises_type_error_for_non_strings(junk: object) -> None:
    with pytest.raises(TypeError):
        travel.validate(junk)  # type: ignore[arg-type]


@pytest.mark.parametrize("junk", JUNK)
def test_parse_travel_permit_raises_type_error_for_non_strings(junk: object) -> None:
    with pytest.raises(TypeError):
        parse_travel_permit(junk)  # type: ignore[arg-type]


def test_a_str_subclass_is_stored_as_a_plain_str() -> None:
    class Number(str):
        pass

    assert str is type(parse_travel_permit(Number("H10387877")).number)


# -- the TravelPermit value type ------------------------------------------------------


def test_construction_validates() -> None:
    with pytest.raises(InvalidTravelFormat) as raised:
        TravelPermit("HB1234567")
    expected = (InvalidTravelFormat, "travel_format")
    assert expected == (type(raised.value), raised.value.code)


def test_construction_folds_and_derives_the_fields() -> None:
    permit = TravelPermit("ｍ８７６５４３２１１２")
    expected = ("M8765432112", HOME_RETURN, Region.MO, "M87654321", 12, None)
    actual = (
        permit.number,
        permit.kind,
        permit.region,
        permit.lifelong_number,
        permit.renewal_count,
        permit.issuing_office,
    )
    assert expected == actual


def test_construction_equals_parsing() -> None:
    assert parse_travel_permit("0561682001(D)") == TravelPermit("0561682001(D)")


@pytest.mark.parametrize(
    "field", ["kind", "region", "lifelong_number", "renewal_count", "issuing_office"]
)
def test_derived_fields_are_not_init_arguments(field: str) -> None:
    with pytest.raises(TypeError):
        TravelPermit("H10387877", **{field: None})


def test_is_frozen() -> None:
    permit = parse_travel_permit("H10387877")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        permit.region = Region.MO  # type: ignore[misc]


def test_evolve_validates_the_new_number() -> None:
    with pytest.raises(InvalidTravelLength):
        attrs.evolve(parse_travel_permit("H10387877"), number="H1038787")


def test_evolve_rederives_the_fields() -> None:
    evolved = attrs.evolve(parse_travel_permit("H10387877"), number="M1038787703")
    expected = (Region.MO, "M10387877", 3)
    assert expected == (
        evolved.region,
        evolved.lifelong_number,
        evolved.renewal_count,
    )


def test_equal_numbers_are_equal_and_hash_alike() -> None:
    first, second = parse_travel_permit("H10387877"), parse_travel_permit("h 1038 7877")
    assert (first, hash(first)) == (second, hash(second))


def test_old_and_new_forms_are_different_documents() -> None:
    assert parse_travel_permit("H1038787700") != parse_travel_permit("H10387877")


def test_str_is_the_masked_compact_number() -> None:
    # 2.0: str() masks like repr() (issue 9); .number is the explicit raw access.
    permit = parse_travel_permit("0561682001（D）")
    assert ("**********(D)", "0561682001(D)") == (str(permit), permit.number)


def test_format_of_a_permit_is_its_compact_number() -> None:
    assert "H1038787700" == travel.format(parse_travel_permit("h1038787700"))


@pytest.mark.parametrize("number", [row[0] for row in VALID])
def test_repr_hides_every_digit(number: str) -> None:
    assert re.search("[0-9]", repr(parse_travel_permit(number)).split(",")[0]) is None


def test_repr_shows_kind_and_region() -> None:
    expected = (
        "TravelPermit('HA*******', kind=TravelPermitKind.HOME_RETURN_NON_CHINESE, region=Region.HK)"
    )
    assert expected == repr(parse_travel_permit("HA1234567"))


def test_rich_and_pretty_printers_show_the_masked_number_kind_and_region() -> None:
    permit = parse_travel_permit("h1038787700")
    fields = [("kind", HOME_RETURN), ("region", Region.HK)]
    assert ["H**********", *fields] == list(permit.__rich_repr__())
    expected = "TravelPermit('H**********', kind=TravelPermitKind.HOME_RETURN, region=Region.HK)"
    assert (expected, expected) == (repr(permit), hypothesis_pretty(permit))
    assert "[H**********  ]" == f"[{permit:<13}]"


def test_a_half_built_permit_renders_as_unset() -> None:
    # A failed __init__ leaves such an instance in the traceback's locals.
    empty = object.__new__(TravelPermit)
    assert ("TravelPermit(<unset>)", "<unset>", "[  <unset>]") == (
        repr(empty),
        str(empty),
        f"[{empty:>9}]",
    )
    assert ["<unset>"] == list(empty.__rich_repr__())
    numbered = object.__new__(TravelPermit)
    object.__setattr__(numbered, "number", "H10387877")
    assert ("TravelPermit('H********')", ["H********"]) == (
        repr(numbered),
        list(numbered.__rich_repr__()),
    )


@pytest.mark.parametrize("number", [row[0] for row in VALID])
def test_pickles(number: str) -> None:
    permit = parse_travel_permit(number)
    restored = pickle.loads(pickle.dumps(permit))
    assert (permit, permit.lifelong_number, permit.renewal_count, permit.issuing_office) == (
        restored,
        restored.lifelong_number,
        restored.renewal_count,
        restored.issuing_office,
    )


def test_exported_at_top_level() -> None:
    assert (travel.parse_travel_permit, travel.TravelPermit) == (
        permitcheck.parse_travel_permit,
        permitcheck.TravelPermit,
    )


# -- properties ------------------------------------------------------------------------


class TestProperties:
    """Rules that hold for every generated number."""

    @given(travel_permits())
    def test_every_valid_number_matches_the_pattern(self, permit: TravelPermit) -> None:
        # PATTERN is the documented shape of every accepted compact number.
        assert re.fullmatch(travel.PATTERN, permit.number) is not None

    @given(st.text(alphabet="0123456789HMA()BDX", max_size=14))
    def test_pattern_and_is_valid_agree(self, number: str) -> None:
        # No check digit: the shape is the whole rule, so the two must agree.
        assert (re.fullmatch(travel.PATTERN, number) is not None) == travel.is_valid(number)

    @given(travel_permit_numbers())
    def test_every_spelling_validates_to_the_independently_folded_number(
        self, spelling: str
    ) -> None:
        # The folding every document kind shares (issue 2's compact()), here
        # computed by tests/permit_reference.py rather than by permitcheck.
        assert reference_compact(spelling) == travel.validate(spelling)

    @given(travel_permit_numbers())
    def test_every_spelling_gives_the_same_lifelong_number(self, spelling: str) -> None:
        # "新旧通行证号码前9位相同，表明为签发给同一持证人" and the Taiwan rule
        # "保留通行证号码中前8位台胞终身号码": the old long form, the new short form
        # and any folded spelling name the same holder.
        compact = reference_compact(spelling)
        expected = parse_travel_permit(compact).lifelong_number
        assert expected == parse_travel_permit(spelling).lifelong_number

    @given(st.data())
    def test_every_mixed_spelling_gives_the_same_lifelong_number(self, data: st.DataObject) -> None:
        # As above, for the character-by-character spellings of mixed_spellings().
        permit = data.draw(travel_permits())
        spelling = data.draw(mixed_spellings(permit.number))
        assert permit.lifelong_number == parse_travel_permit(spelling).lifelong_number

    @given(travel_permits(kinds=[HOME_RETURN], legacy=True))
    def test_old_and_new_home_return_forms_share_the_lifelong_number(
        self, old: TravelPermit
    ) -> None:
        # §2b: "新版通行证将使用旧版通行证号码的前9位作为证件号码"; the last two
        # digits of the old form are the renewal count.
        new = parse_travel_permit(old.number[:9])
        expected = (new.lifelong_number, int(old.number[9:11]))
        assert expected == (old.lifelong_number, old.renewal_count)

    @given(travel_permits(kinds=[TAIWAN], legacy=True))
    def test_old_and_new_taiwan_forms_share_the_lifelong_number(self, old: TravelPermit) -> None:
        # §3: the first 8 digits of the old booklet are the lifelong number the
        # new 8-digit permit keeps ("保留通行证号码中前8位台胞终身号码").
        new = parse_travel_permit(old.number[:8])
        assert (old.number[:8], old.number[:8]) == (old.lifelong_number, new.lifelong_number)

    @given(travel_permits())
    def test_the_letter_gives_the_region(self, permit: TravelPermit) -> None:
        # H/HA: Hong Kong, M/MA: Macao, digits: Taiwan.
        expected = {"H": Region.HK, "M": Region.MO}.get(permit.number[0], Region.TW)
        assert expected == permit.region

    @given(travel_permits())
    def test_validate_is_idempotent(self, permit: TravelPermit) -> None:
        assert permit.number == travel.validate(travel.validate(permit.number))

    @given(st.text(max_size=16))
    def test_is_valid_never_raises_on_any_text(self, text: str) -> None:
        assert travel.is_valid(text) == (
            re.fullmatch(travel.PATTERN, travel.compact(text)) is not None
        )
