"""Tests for permitcheck.linking: residence permit <-> travel permit links, pseudonyms."""

from __future__ import annotations

import hashlib
import hmac
import pickle
import subprocess
import sys
from datetime import date

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
    InvalidChecksum,
    InvalidLength,
    InvalidTravelFormat,
    LinkBirthDateMismatch,
    LinkError,
    LinkNonChinesePermit,
    LinkRegionMismatch,
    LinkSexMismatch,
    PermitError,
    PermitLink,
    Region,
    Sex,
    TravelPermit,
    TravelPermitKind,
    WeakSecret,
    error_class,
    link,
    linking,
    parse,
    parse_travel_permit,
    pseudonym,
)
from permitcheck.messages import LANGUAGES, message
from permitcheck.strategies import (
    permit_links,
    residence_permit_numbers,
    travel_permit_numbers,
    travel_permits,
)

HK_RESIDENCE = "810000199408230021"  # public specimen: Hong Kong, female, 1994-08-23
TW_RESIDENCE = "830000199201300022"  # public specimen: Taiwan, female, 1992-01-30
MO_RESIDENCE = "820000200001010024"  # generated: Macao, female, 2000-01-01
SECRET = b"0123456789abcdef0123456789abcdef"
LETTER_REGION: ErrorCode = "link_letter_region"

# -- strategies --------------------------------------------------------------------
# Valid numbers and pairs come from the public strategies (permitcheck.strategies);
# the expectations come from the link rules, never from the strategies themselves.

HOME_RETURN = TravelPermitKind.HOME_RETURN
TAIWAN = TravelPermitKind.TAIWAN_COMPATRIOT


def _full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0)


@st.composite
def mixed_spellings(draw: st.DrawFn, compact: str) -> str:
    """A spelling of *compact* that mixes case, width and separators character by character.

    Kept local: permitcheck.strategies spells travel permit numbers only, and
    each of them one way (one case, one separator); residence permit numbers
    come compact, so their spellings are drawn here.
    """
    parts = [draw(st.sampled_from(["", " ", "\u3000"]))]
    for char in compact:
        spelt = char.lower() if char.isalpha() and draw(st.booleans()) else char
        parts.append(_full_width(spelt) if draw(st.booleans()) else spelt)
        parts.append(draw(st.sampled_from(["", "", " ", "-"])))
    return "".join(parts)


# -- the link rules -----------------------------------------------------------------------

CLEAN = [
    # HK and MO residents carry the home-return permit, H or M, old or new form.
    (HK_RESIDENCE, "H10387877"),
    (HK_RESIDENCE, "H1038787700"),
    (MO_RESIDENCE, "M12345678"),
    (MO_RESIDENCE, "M1234567801"),
    # TW residents carry the Taiwan compatriot permit, every form.
    (TW_RESIDENCE, "00000000"),
    (TW_RESIDENCE, "0561682001"),
    (TW_RESIDENCE, "0561682001(D)"),
]


@pytest.mark.parametrize(("residence", "travel"), CLEAN)
def test_a_matching_pair_links_without_warnings(residence: str, travel: str) -> None:
    assert () == link(residence, travel).warnings


@pytest.mark.parametrize(("residence", "travel"), CLEAN)
def test_the_link_holds_both_parsed_documents(residence: str, travel: str) -> None:
    pair = link(residence, travel)
    expected = (parse(residence), parse_travel_permit(travel))
    assert expected == (pair.residence_permit, pair.travel_permit)


@pytest.mark.parametrize(
    ("residence", "travel"),
    [
        # The letter records the place of first application, not residence (FORMATS.md §2b).
        (MO_RESIDENCE, "H10387877"),
        (HK_RESIDENCE, "M12345678"),
        (HK_RESIDENCE, "M1234567800"),
    ],
)
def test_the_other_letter_links_with_a_warning(residence: str, travel: str) -> None:
    assert (LETTER_REGION,) == link(residence, travel).warnings


@pytest.mark.parametrize(
    ("residence", "travel", "error"),
    [
        # HA/MA holders are not Chinese citizens: no residence permit (FORMATS.md §1, §2c).
        (HK_RESIDENCE, "HA1234567", LinkNonChinesePermit),
        (MO_RESIDENCE, "MA1234567", LinkNonChinesePermit),
        (MO_RESIDENCE, "HA1234567", LinkNonChinesePermit),
        (TW_RESIDENCE, "HA1234567", LinkNonChinesePermit),  # non-Chinese is reported first
        # Taiwan residence permit <-> Taiwan compatriot permit only.
        (TW_RESIDENCE, "H10387877", LinkRegionMismatch),
        (TW_RESIDENCE, "M1234567800", LinkRegionMismatch),
        (HK_RESIDENCE, "00000000", LinkRegionMismatch),
        (MO_RESIDENCE, "0561682001(D)", LinkRegionMismatch),
    ],
)
def test_a_pair_that_cannot_belong_to_one_person_is_refused(
    residence: str, travel: str, error: type[PermitError]
) -> None:
    with pytest.raises(error) as raised:
        link(residence, travel)
    assert (error, error.code) == (type(raised.value), raised.value.code)


def test_a_matching_birth_date_and_sex_link() -> None:
    pair = link(HK_RESIDENCE, "H10387877", birth_date=date(1994, 8, 23), sex=Sex.FEMALE)
    assert HK_RESIDENCE == pair.key


def test_another_birth_date_is_refused() -> None:
    with pytest.raises(LinkBirthDateMismatch) as raised:
        link(HK_RESIDENCE, "H10387877", birth_date=date(1994, 8, 24))
    assert "link_birth_date" == raised.value.code


def test_another_sex_is_refused() -> None:
    with pytest.raises(LinkSexMismatch) as raised:
        link(TW_RESIDENCE, "00000000", sex=Sex.MALE)
    assert "link_sex" == raised.value.code


def test_the_link_rules_come_before_the_card_checks() -> None:
    with pytest.raises(LinkRegionMismatch):
        link(TW_RESIDENCE, "H10387877", birth_date=date(2000, 1, 1))


@pytest.mark.parametrize("birth_date", ["1994-08-23", 19940823, object()])
def test_birth_date_must_be_a_date(birth_date: object) -> None:
    with pytest.raises(TypeError):
        link(HK_RESIDENCE, "H10387877", birth_date=birth_date)  # type: ignore[arg-type]


@pytest.mark.parametrize("sex", ["female", "f", 0, Sex])
def test_sex_must_be_a_sex(sex: object) -> None:
    with pytest.raises(TypeError):
        link(HK_RESIDENCE, "H10387877", sex=sex)  # type: ignore[arg-type]


def test_parsed_documents_are_accepted() -> None:
    pair = link(parse(HK_RESIDENCE), parse_travel_permit("H10387877"))
    assert link(HK_RESIDENCE, "H10387877") == pair


def test_an_invalid_residence_permit_raises_its_parse_error() -> None:
    with pytest.raises(InvalidChecksum) as raised:
        link("810000199408230022", "H10387877")
    assert "checksum" == raised.value.code


def test_an_invalid_travel_permit_raises_its_parse_error() -> None:
    with pytest.raises(InvalidTravelFormat) as raised:
        link(HK_RESIDENCE, "HB1234567")
    assert "travel_format" == raised.value.code


@pytest.mark.parametrize(
    ("residence", "travel"),
    [(None, "H10387877"), (HK_RESIDENCE, None), (b"810000199408230021", "H10387877")],
)
def test_documents_must_be_strings_or_parsed(residence: object, travel: object) -> None:
    with pytest.raises(TypeError):
        link(residence, travel)  # type: ignore[arg-type]


# -- identity keys -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("residence", "travel"),
    [
        (HK_RESIDENCE, "H1038787700"),  # old 11-character form
        (HK_RESIDENCE, "H10387877"),  # new 9-character form
        ("８１００００１９９４０８２３００２１", "ｈ１０３８７８７７"),  # full-width
        (" 810000 19940823 0021 ", "H-1038-7877-01"),
    ],
)
def test_every_spelling_gives_the_same_key(residence: str, travel: str) -> None:
    assert HK_RESIDENCE == link(residence, travel).key


# -- the PermitLink value type -----------------------------------------------------------


def test_construction_checks_the_link_rules() -> None:
    with pytest.raises(LinkRegionMismatch):
        PermitLink(TW_RESIDENCE, "H10387877")


def test_construction_equals_link() -> None:
    assert link(MO_RESIDENCE, "H10387877") == PermitLink(MO_RESIDENCE, "H10387877")


def test_warnings_are_not_an_init_argument() -> None:
    with pytest.raises(TypeError):
        PermitLink(HK_RESIDENCE, "H10387877", warnings=())  # type: ignore[call-arg]


def test_is_frozen() -> None:
    pair = link(HK_RESIDENCE, "H10387877")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pair.travel_permit = parse_travel_permit("H12345678")  # type: ignore[misc]


def test_evolve_checks_the_link_rules() -> None:
    with pytest.raises(LinkNonChinesePermit):
        attrs.evolve(link(HK_RESIDENCE, "H10387877"), travel_permit="HA1234567")


def test_evolve_rederives_the_warnings() -> None:
    evolved = attrs.evolve(link(HK_RESIDENCE, "H10387877"), travel_permit="M10387877")
    assert (LETTER_REGION,) == evolved.warnings


def test_links_with_equal_documents_are_equal_and_hash_alike() -> None:
    first, second = link(HK_RESIDENCE, "H10387877"), link(HK_RESIDENCE, "h 1038 7877")
    assert (first, hash(first)) == (second, hash(second))


def test_repr_masks_both_numbers() -> None:
    text = repr(link(HK_RESIDENCE, "H10387877"))
    assert ("19940823" in text, "10387877" in text) == (False, False)


def test_rich_and_pretty_printers_show_both_masked_documents() -> None:
    pair = link(HK_RESIDENCE, "H10387877")
    residence, travel = pair.residence_permit, pair.travel_permit
    assert [residence, travel, ("warnings", ())] == list(pair.__rich_repr__())
    expected = f"PermitLink({residence!r}, {travel!r}, warnings=())"
    assert (expected, expected) == (repr(pair), hypothesis_pretty(pair))


def test_a_half_built_link_renders_its_missing_fields_as_none() -> None:
    # A failed __init__ leaves such an instance in the traceback's locals.
    empty = object.__new__(PermitLink)
    assert "PermitLink(None, None, warnings=None)" == repr(empty)
    assert [None, None, ("warnings", None)] == list(empty.__rich_repr__())


def test_pickles() -> None:
    pair = link(MO_RESIDENCE, "H1038787700")
    restored = pickle.loads(pickle.dumps(pair))
    assert (pair, pair.warnings) == (restored, restored.warnings)


# -- errors -----------------------------------------------------------------------------------

LINK_ERRORS = [
    (LinkNonChinesePermit, "link_non_chinese"),
    (LinkRegionMismatch, "link_region"),
    (LinkBirthDateMismatch, "link_birth_date"),
    (LinkSexMismatch, "link_sex"),
]


@pytest.mark.parametrize(("error", "code"), LINK_ERRORS)
class TestLinkErrors:
    """Every link error: its code, its parents, its messages, pickling, export."""

    def test_code(self, error: type[PermitError], code: str) -> None:
        assert (code, error) == (error.code, error_class(code))

    def test_parents(self, error: type[PermitError], code: str) -> None:
        expected = (True, True, True)
        actual = (
            issubclass(error, LinkError),
            issubclass(error, PermitError),
            issubclass(error, stdnum_exceptions.InvalidComponent),
        )
        assert expected == actual

    def test_message_in_every_language(self, error: type[PermitError], code: ErrorCode) -> None:
        assert all(message(code, language) for language in LANGUAGES)

    def test_pickles(self, error: type[PermitError], code: str) -> None:
        restored = pickle.loads(pickle.dumps(error()))
        assert (error, str(error())) == (type(restored), str(restored))

    def test_exported_at_top_level(self, error: type[PermitError], code: str) -> None:
        assert error is getattr(permitcheck, error.__name__)


def test_the_warning_code_has_a_message_in_every_language() -> None:
    assert all(message(LETTER_REGION, language) for language in LANGUAGES)


def test_the_warning_code_is_published() -> None:
    assert LETTER_REGION == linking.LETTER_REGION_WARNING


# -- pseudonyms ---------------------------------------------------------------------------------


def _expected_pseudonym(identity: str, secret: bytes = SECRET) -> str:
    # The documented definition, computed independently: HMAC-SHA256 over
    # "permitcheck:v1:<kind of identity>:<stable number>".
    return hmac.new(secret, identity.encode("ascii"), hashlib.sha256).hexdigest()


@pytest.mark.parametrize(
    ("value", "identity"),
    [
        (HK_RESIDENCE, f"permitcheck:v1:residence_permit:{HK_RESIDENCE}"),
        ("H1038787700", "permitcheck:v1:home_return:H10387877"),
        ("H10387877", "permitcheck:v1:home_return:H10387877"),
        ("HA1234567", "permitcheck:v1:home_return_non_chinese:HA1234567"),
        ("0561682001(D)", "permitcheck:v1:taiwan_compatriot:05616820"),
        ("05616820", "permitcheck:v1:taiwan_compatriot:05616820"),
    ],
)
def test_pseudonym_is_the_documented_hmac(value: str, identity: str) -> None:
    assert _expected_pseudonym(identity) == pseudonym(value, secret=SECRET)


def test_a_link_has_its_residence_permit_pseudonym() -> None:
    pair = link(HK_RESIDENCE, "H10387877")
    assert pseudonym(HK_RESIDENCE, secret=SECRET) == pseudonym(pair, secret=SECRET)


@pytest.mark.parametrize("value", [parse(TW_RESIDENCE), parse_travel_permit("0561682001(D)")])
def test_parsed_documents_have_the_pseudonym_of_their_number(value: object) -> None:
    number = value.number  # type: ignore[attr-defined]
    assert pseudonym(number, secret=SECRET) == pseudonym(value, secret=SECRET)  # type: ignore[arg-type]


def test_another_secret_gives_another_pseudonym() -> None:
    other = b"another secret of 32 bytes or more"
    assert pseudonym(HK_RESIDENCE, secret=SECRET) != pseudonym(HK_RESIDENCE, secret=other)


def test_the_key_may_be_given_by_position_or_by_keyword() -> None:
    assert pseudonym(HK_RESIDENCE, SECRET) == pseudonym(HK_RESIDENCE, secret=SECRET)


@pytest.mark.parametrize("keys", [(), (SECRET,)])
def test_the_key_is_given_exactly_once(keys: tuple[bytes, ...]) -> None:
    secret = {"secret": SECRET} if keys else {}
    with pytest.raises(TypeError) as raised:
        pseudonym(HK_RESIDENCE, *keys, **secret)  # type: ignore[arg-type]
    assert "pass the pseudonym key once: pseudonym(number, key)" == str(raised.value)


def test_a_bytearray_secret_is_accepted() -> None:
    expected = pseudonym(HK_RESIDENCE, secret=SECRET)
    assert expected == pseudonym(HK_RESIDENCE, secret=bytearray(SECRET))


@pytest.mark.parametrize("secret", ["text", None, 42])
def test_the_secret_must_be_bytes(secret: object) -> None:
    with pytest.raises(TypeError):
        pseudonym(HK_RESIDENCE, secret=secret)  # type: ignore[arg-type]


@pytest.mark.parametrize("secret", [b"", b"k", b"changeme", SECRET[:31], bytearray(31)])
def test_a_secret_shorter_than_32_bytes_is_refused(secret: bytes) -> None:
    # Issue 9: a 1-byte or b"changeme" key was recovered from one known pair in ~1 ms.
    with pytest.raises(WeakSecret) as caught:
        pseudonym(HK_RESIDENCE, secret=secret)
    assert ("weak_secret", True) == (caught.value.code, isinstance(caught.value, ValueError))


@pytest.mark.parametrize(
    ("number", "error"),
    [
        # Longer than any travel permit number: judged as a residence permit.
        ("81000019940823002", InvalidLength),
        ("810000199408230022", InvalidChecksum),
        # Otherwise judged as a travel permit.
        ("HB1234567", InvalidTravelFormat),
    ],
)
def test_an_invalid_number_has_no_pseudonym(number: str, error: type[PermitError]) -> None:
    with pytest.raises(error) as raised:
        pseudonym(number, secret=SECRET)
    assert (error, error.code) == (type(raised.value), raised.value.code)


@pytest.mark.parametrize("value", [None, 810000199408230021, b"H10387877"])
def test_pseudonym_needs_a_number_or_a_document(value: object) -> None:
    with pytest.raises(TypeError):
        pseudonym(value, secret=SECRET)  # type: ignore[arg-type]


def test_exported_at_top_level() -> None:
    assert (linking.link, linking.PermitLink, linking.pseudonym) == (
        permitcheck.link,
        permitcheck.PermitLink,
        permitcheck.pseudonym,
    )


def test_importing_the_package_loads_no_linking_index_or_hmac() -> None:
    code = (
        "import sys, permitcheck; "
        "names = ('hmac', 'permitcheck.linking', 'permitcheck.index'); "
        "print(sorted(name for name in names if name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]" == result.stdout.strip()


def test_linking_does_not_load_hmac_until_a_pseudonym_is_asked_for() -> None:
    code = (
        "import sys, permitcheck; permitcheck.link('810000199408230021', 'H10387877'); "
        "print('hmac' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False" == result.stdout.strip()


# -- properties ---------------------------------------------------------------------------------


class TestProperties:
    """Rules that hold for every generated pair."""

    @given(residence_permit_numbers(), travel_permit_numbers())
    def test_region_rules_hold_for_every_pair(self, residence: str, travel: str) -> None:
        # HK/MO <-> H/M home-return permit; TW <-> Taiwan compatriot permit; HA/MA never.
        region = parse(residence).region
        travel_permit = parse_travel_permit(travel)
        if travel_permit.kind is TravelPermitKind.HOME_RETURN_NON_CHINESE:
            expected: object = LinkNonChinesePermit
        elif (region is Region.TW) != (travel_permit.kind is TravelPermitKind.TAIWAN_COMPATRIOT):
            expected = LinkRegionMismatch
        elif travel_permit.kind is TravelPermitKind.HOME_RETURN and travel_permit.region != region:
            expected = (LETTER_REGION,)
        else:
            expected = ()
        try:
            actual: object = link(residence, travel).warnings
        except LinkError as error:
            actual = type(error)
        assert expected == actual

    @given(
        residence_permit_numbers(regions=[Region.HK, Region.MO]),
        travel_permit_numbers(kinds=[HOME_RETURN]),
    )
    def test_every_hk_mo_permit_links_with_every_home_return_permit(
        self, residence: str, travel: str
    ) -> None:
        assert residence == link(residence, travel).key

    @given(residence_permit_numbers(regions=[Region.TW]), travel_permit_numbers(kinds=[TAIWAN]))
    def test_every_tw_permit_links_with_every_taiwan_permit(
        self, residence: str, travel: str
    ) -> None:
        assert residence == link(residence, travel).key

    @given(permit_links())
    def test_only_the_other_regions_letter_gives_the_warning(self, pair: PermitLink) -> None:
        # FORMATS.md §2b: H is issued in Hong Kong, M in Macao; the other letter
        # links with a warning, the region's own letter and Taiwan links without.
        own = {Region.HK: "H", Region.MO: "M"}.get(pair.residence_permit.region)
        other = own is not None and pair.travel_permit.number[0] != own
        assert ((LETTER_REGION,) if other else ()) == pair.warnings

    @given(permit_links())
    def test_a_link_is_rebuilt_from_its_two_numbers(self, pair: PermitLink) -> None:
        expected = (pair, pair.key, pair.warnings)
        rebuilt = link(pair.residence_permit.number, pair.travel_permit.number)
        assert expected == (rebuilt, rebuilt.key, rebuilt.warnings)

    @given(permit_links())
    def test_a_link_has_the_pseudonym_of_its_residence_permit(self, pair: PermitLink) -> None:
        expected = pseudonym(pair.residence_permit.number, secret=SECRET)
        assert expected == pseudonym(pair, secret=SECRET)

    @given(travel_permit_numbers())
    def test_every_spelling_of_a_travel_permit_has_the_same_pseudonym(self, spelling: str) -> None:
        # The compact form by the independent folding of tests/permit_reference.py.
        compact = reference_compact(spelling)
        assert pseudonym(compact, secret=SECRET) == pseudonym(spelling, secret=SECRET)

    @given(st.data())
    def test_every_mixed_spelling_of_a_travel_permit_has_the_same_pseudonym(
        self, data: st.DataObject
    ) -> None:
        number = data.draw(travel_permits()).number
        spelling = data.draw(mixed_spellings(number))
        assert pseudonym(number, secret=SECRET) == pseudonym(spelling, secret=SECRET)

    @given(st.data())
    def test_every_spelling_of_a_residence_permit_has_the_same_pseudonym(
        self, data: st.DataObject
    ) -> None:
        number = data.draw(residence_permit_numbers())
        spelling = data.draw(mixed_spellings(number))
        assert pseudonym(number, secret=SECRET) == pseudonym(spelling, secret=SECRET)

    @given(travel_permits(kinds=[HOME_RETURN], legacy=True))
    def test_old_and_new_home_return_forms_have_the_same_pseudonym(self, old: TravelPermit) -> None:
        # §2b: the new card's number is the first 9 characters of the old one.
        new = old.number[:9]
        assert pseudonym(new, secret=SECRET) == pseudonym(old.number, secret=SECRET)

    @given(travel_permits(kinds=[TAIWAN], legacy=True))
    def test_old_and_new_taiwan_forms_have_the_same_pseudonym(self, old: TravelPermit) -> None:
        # §3: the new permit keeps the first 8 digits, the lifelong number.
        new = old.number[:8]
        assert pseudonym(new, secret=SECRET) == pseudonym(old.number, secret=SECRET)
