"""permitcheck.identify and permitcheck.check_identity: one field for every document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import permitcheck
from permitcheck import (
    DocumentKind,
    Identification,
    IdentityCheck,
    PermitError,
    Sex,
    TravelPermitKind,
    UnknownDocument,
    check_identity,
    identify,
)
from permitcheck import travel as travel_module
from permitcheck._normalize import fold
from permitcheck.documents import (
    foreign_permanent_resident,
    foreign_permanent_resident_15,
    hong_kong_id,
    macao_id,
    mainland_id,
    mainland_id_15,
    taiwan_id,
    taiwan_resident_certificate,
)
from permitcheck.generate import PermitGenerator
from permitcheck.strategies import (
    document_numbers,
    identifications,
    invalid_document_numbers,
)

K = DocumentKind


def _travel_of(kinds: set[TravelPermitKind]) -> Callable[[object], bool]:
    def is_valid(number: object) -> bool:
        if not travel_module.is_valid(number):
            return False
        return permitcheck.parse_travel_permit(number).kind in kinds  # type: ignore[arg-type]

    return is_valid


#: Each kind's own is_valid, which identify must agree with.
IS_VALID: dict[DocumentKind, Callable[[object], bool]] = {
    K.RESIDENCE_PERMIT: permitcheck.is_valid,
    K.HOME_RETURN_PERMIT: _travel_of(
        {TravelPermitKind.HOME_RETURN, TravelPermitKind.HOME_RETURN_NON_CHINESE}
    ),
    K.TAIWAN_COMPATRIOT_PERMIT: _travel_of({TravelPermitKind.TAIWAN_COMPATRIOT}),
    K.MAINLAND_ID: mainland_id.is_valid,
    K.MAINLAND_ID_15: mainland_id_15.is_valid,
    K.FOREIGN_PERMANENT_RESIDENT: foreign_permanent_resident.is_valid,
    K.FOREIGN_PERMANENT_RESIDENT_15: foreign_permanent_resident_15.is_valid,
    K.HONG_KONG_ID: hong_kong_id.is_valid,
    K.MACAO_ID: macao_id.is_valid,
    K.TAIWAN_ID: taiwan_id.is_valid,
    K.TAIWAN_RESIDENT_CERTIFICATE: taiwan_resident_certificate.is_valid,
}

# -- the specimens of every kind ---------------------------------------------------

SPECIMENS = [
    # (number, kind, candidates, birth date, sex)
    ("810000199408230021", K.RESIDENCE_PERMIT, (), date(1994, 8, 23), Sex.FEMALE),
    ("830000199201300022", K.RESIDENCE_PERMIT, (), date(1992, 1, 30), Sex.FEMALE),
    ("81000019980902013X", K.RESIDENCE_PERMIT, (), date(1998, 9, 2), Sex.MALE),  # hutool
    ("830000200209060065", K.RESIDENCE_PERMIT, (), date(2002, 9, 6), Sex.FEMALE),  # hutool
    ("H10387877", K.HOME_RETURN_PERMIT, (), None, None),  # Alibaba Cloud OCR doc
    ("H1038787701", K.HOME_RETURN_PERMIT, (), None, None),
    ("HA1234567", K.HOME_RETURN_PERMIT, (), None, None),
    ("00000000", K.TAIWAN_COMPATRIOT_PERMIT, (), None, None),  # Volcengine OCR doc
    ("12345678", K.TAIWAN_COMPATRIOT_PERMIT, (K.MACAO_ID,), None, None),
    ("0561682001(D)", K.TAIWAN_COMPATRIOT_PERMIT, (), None, None),
    ("11010519491231002X", K.MAINLAND_ID, (), date(1949, 12, 31), Sex.FEMALE),  # GB 11643
    ("321083197812162119", K.MAINLAND_ID, (), date(1978, 12, 16), Sex.MALE),  # hutool
    ("150102880730303", K.MAINLAND_ID_15, (), date(1988, 7, 30), Sex.MALE),  # hutool
    ("932682198501010017", K.FOREIGN_PERMANENT_RESIDENT, (), date(1985, 1, 1), Sex.MALE),
    ("911124198108030024", K.FOREIGN_PERMANENT_RESIDENT, (), date(1981, 8, 3), Sex.FEMALE),
    ("KAZ110090123105", K.FOREIGN_PERMANENT_RESIDENT_15, (), date(1990, 12, 31), Sex.FEMALE),
    ("A123456(3)", K.HONG_KONG_ID, (), None, None),
    ("CA182361(1)", K.HONG_KONG_ID, (), None, None),
    ("Z437626A", K.HONG_KONG_ID, (), None, None),
    ("P174468(6)", K.HONG_KONG_ID, (), None, None),  # hutool
    ("1002483(3)", K.MACAO_ID, (), None, None),
    ("A123456789", K.TAIWAN_ID, (), None, Sex.MALE),
    ("B221690311", K.TAIWAN_ID, (), None, Sex.FEMALE),  # hutool
    ("AC01234567", K.TAIWAN_RESIDENT_CERTIFICATE, (), None, Sex.MALE),
    ("A800000014", K.TAIWAN_RESIDENT_CERTIFICATE, (), None, Sex.MALE),
]


@pytest.mark.parametrize(("number", "kind", "candidates", "born", "sex"), SPECIMENS)
def test_specimens(
    number: str,
    kind: DocumentKind,
    candidates: tuple[DocumentKind, ...],
    born: date | None,
    sex: Sex | None,
) -> None:
    result = identify(number)
    assert (kind, candidates, born, sex, ()) == (
        result.kind,
        result.candidates,
        result.birth_date,
        result.sex,
        result.warnings,
    )
    assert IS_VALID[kind](number)
    checked = check_identity(number)
    assert (True, kind, result, (), candidates) == (
        checked.valid,
        checked.kind,
        checked.identification,
        checked.problems,
        checked.candidates,
    )


def test_an_unbracketed_home_return_shape_can_also_be_an_hkid() -> None:
    # HA + 7 digits is the non-Chinese home-return permit; "HA" + 6 digits + a
    # check character is also an HKID shape.  Both are listed when both are valid.
    body = "HA123456"
    number = body + hong_kong_id.calc_check_digit(body)
    result = identify(number)
    assert (K.HOME_RETURN_PERMIT, (K.HONG_KONG_ID,)) == (result.kind, result.candidates)
    assert K.HONG_KONG_ID == identify(number, kinds=[K.HONG_KONG_ID]).kind


def test_warnings_come_from_the_document() -> None:
    result = identify("KAZ110090123109")
    assert ("foreign_permanent_resident_15_check",) == result.warnings


# -- shape fits, rules fail: the kind's own error ---------------------------------------


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105194912310021", "mainland_id_checksum"),
        ("990426199112010074", "foreign_permanent_resident_province"),
        ("932682198501010018", "foreign_permanent_resident_checksum"),
        ("810000199408230022", "checksum"),
        ("81000019940823002x", "checksum"),
        ("820000 1994 0230 0021", "birth_date"),
        ("360198910283844", "mainland_id_15_birth_date"),
        ("XXX110090123105", "foreign_permanent_resident_15_nationality"),
        ("A123456(4)", "hong_kong_id_checksum"),
        ("2002483(3)", "macao_id_format"),
        ("A123456788", "taiwan_id_checksum"),
        ("M517086311", "taiwan_id_format"),
        ("A800000015", "taiwan_resident_certificate_checksum"),
        ("HB1234567", "travel_format"),  # home-return first, though HK-shaped too
        ("H1234567890Z", "unknown_document"),
    ],
)
def test_shape_fits_but_rules_fail(number: str, code: str) -> None:
    with pytest.raises(PermitError) as info:
        identify(number)
    assert code == info.value.code
    result = check_identity(number)
    assert (False, None, code) == (result.valid, result.identification, result.problems[0].code)


def test_check_identity_reports_every_problem() -> None:
    result = check_identity("831234180002301234")
    assert K.MAINLAND_ID == result.kind
    assert ["mainland_id_province", "mainland_id_birth_date", "mainland_id_checksum"] == [
        problem.code for problem in result.problems
    ]


def test_check_identity_lists_other_shapes_when_invalid() -> None:
    result = check_identity("HB1234567")
    assert (K.HOME_RETURN_PERMIT, (K.HONG_KONG_ID,)) == (result.kind, result.candidates)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "hello",
        "not a number",
        "T60426199101010078",  # python-stdnum's invalid format: a letter first
        "B2216903112",  # hutool: 11 characters
        "81000019940823002",  # 17 characters
        "A1234567890123",
        "(1234567)",
        "1234567",
        "AB12345678X",
        "٣٣٣٣٣٣٣٣",
    ],
)
def test_unknown_document(number: str) -> None:
    with pytest.raises(UnknownDocument) as info:
        identify(number)
    assert "unknown_document" == info.value.code
    result = check_identity(number)
    assert (False, None, None, ("unknown_document",), ()) == (
        result.valid,
        result.kind,
        result.identification,
        tuple(problem.code for problem in result.problems),
        result.candidates,
    )


# -- kinds= and today= ----------------------------------------------------------------


def test_kinds_limit_the_search() -> None:
    assert K.MACAO_ID == identify("12345678", kinds=[K.MACAO_ID]).kind
    assert K.MACAO_ID == identify("12345678", kinds=["macao_id"]).kind
    assert () == identify("12345678", kinds=["taiwan_compatriot_permit"]).candidates
    with pytest.raises(UnknownDocument):
        identify("810000199408230021", kinds=[K.MAINLAND_ID])
    assert K.RESIDENCE_PERMIT == identify("810000199408230021", kinds=list(K)).kind
    result = check_identity("810000199408230021", kinds=[K.MAINLAND_ID])
    assert ("unknown_document",) == tuple(problem.code for problem in result.problems)


def test_an_invalid_macao_shape_is_still_a_taiwan_permit() -> None:
    result = identify("20024833")
    assert (K.TAIWAN_COMPATRIOT_PERMIT, ()) == (result.kind, result.candidates)
    with pytest.raises(permitcheck.InvalidMacaoIdFormat):
        identify("20024833", kinds=[K.MACAO_ID])


@pytest.mark.parametrize("kinds", ["macao_id", b"macao_id"])
def test_kinds_must_not_be_a_string(kinds: object) -> None:
    with pytest.raises(TypeError):
        identify("12345678", kinds=kinds)  # type: ignore[arg-type]


def test_kinds_must_be_known() -> None:
    with pytest.raises(ValueError, match="passport"):
        identify("12345678", kinds=["passport"])


def test_today() -> None:
    body = "11010520250101001"
    number = body + mainland_id.calc_check_digit(body)
    assert date(2025, 1, 1) == identify(number, today=date(2025, 1, 1)).birth_date
    with pytest.raises(permitcheck.InvalidMainlandIdBirthDate):
        identify(number, today=date(2024, 12, 31))
    permit = "810000202501010000"
    permit = permit[:17] + permitcheck.calc_check_digit(permit[:17])
    with pytest.raises(permitcheck.InvalidBirthDate):
        identify(permit, today=date(2024, 12, 31))
    assert not check_identity(number, today=date(2024, 12, 31)).valid
    with pytest.raises(TypeError):
        identify(number, today="2025-01-01")  # type: ignore[arg-type]


@pytest.mark.parametrize("junk", [None, 42, b"810000199408230021", ["810000199408230021"]])
def test_non_strings_raise_type_error(junk: object) -> None:
    with pytest.raises(TypeError):
        identify(junk)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        check_identity(junk)  # type: ignore[arg-type]


# -- the result types ------------------------------------------------------------------


def test_identification_repr_is_masked() -> None:
    assert (
        "Identification(kind='residence_permit', document=ResidencePermit('810000***********1',"
        " region=Region.HK), candidates=())"
    ) == repr(identify("810000199408230021"))
    assert "macao_id" in repr(identify("12345678"))
    assert "12345678" not in repr(identify("12345678"))


def test_identification_can_be_built_from_a_document() -> None:
    card = permitcheck.parse_macao_id("12345678")
    result = Identification(card, (K.TAIWAN_COMPATRIOT_PERMIT,))
    assert (K.MACAO_ID, None, None) == (result.kind, result.birth_date, result.sex)
    assert K.HOME_RETURN_PERMIT == Identification(permitcheck.parse_travel_permit("HA1234567")).kind


def test_identification_cannot_be_inconsistent() -> None:
    card = permitcheck.parse_macao_id("12345678")
    with pytest.raises(TypeError):
        Identification("12345678")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="other kinds"):
        Identification(card, (K.MACAO_ID,))
    with pytest.raises(ValueError, match="other kinds"):
        Identification(card, (K.TAIWAN_ID, K.TAIWAN_ID))
    with pytest.raises(TypeError):
        Identification(card, [K.TAIWAN_ID])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Identification(card, ("taiwan_id",))  # type: ignore[arg-type]


def test_identity_check_cannot_be_inconsistent() -> None:
    result = identify("A123456789")
    with pytest.raises(ValueError, match="disagree"):
        IdentityCheck(True, K.TAIWAN_ID, None, (), ())
    with pytest.raises(ValueError, match="disagree"):
        IdentityCheck(False, K.TAIWAN_ID, result, (), ())
    with pytest.raises(ValueError, match="kind"):
        IdentityCheck(True, K.HONG_KONG_ID, result, (), ())
    assert IdentityCheck(True, K.TAIWAN_ID, result, (), ())


def test_identity_check_bool_and_repr() -> None:
    bad = check_identity("A123456788")
    assert (False, True) == (bool(bad), bool(check_identity("A123456789")))
    assert "IdentityCheck(valid=False, kind='taiwan_id', problems=('taiwan_id_checksum',))" == (
        repr(bad)
    )
    assert "IdentityCheck(valid=False, kind=None, problems=('unknown_document',))" == repr(
        check_identity("?")
    )


def test_names_of_every_kind_are_public() -> None:
    assert {kind: kind.chinese_name for kind in K}[K.MACAO_ID] == "澳门居民身份证"


# -- properties ------------------------------------------------------------------------

KINDS = list(DocumentKind)
#: Kinds whose check character is ISO 7064 MOD 11-2: every single change is detected.
MOD_11_2 = {
    K.RESIDENCE_PERMIT: "0123456789",
    K.MAINLAND_ID: "0123456789",
    K.FOREIGN_PERMANENT_RESIDENT: "0123456789",
}
CHECKED = [
    K.RESIDENCE_PERMIT,
    K.MAINLAND_ID,
    K.FOREIGN_PERMANENT_RESIDENT,
    K.HONG_KONG_ID,
    K.TAIWAN_ID,
    K.TAIWAN_RESIDENT_CERTIFICATE,
]


@st.composite
def kind_and_number(draw: st.DrawFn, kinds: list[DocumentKind] = KINDS) -> tuple[DocumentKind, str]:
    kind = draw(st.sampled_from(kinds))
    return kind, draw(document_numbers(kinds=[kind]))


class TestEveryGeneratedNumberIsIdentified:
    """Every generated number of every kind is identified as its kind, or lists it."""

    @given(kind_and_number())
    def test_identified(self, pair: tuple[DocumentKind, str]) -> None:
        kind, number = pair
        result = identify(number)
        assert kind == result.kind or kind in result.candidates
        assert kind == identify(number, kinds=[kind]).kind
        assert IS_VALID[kind](number)

    @given(kind_and_number())
    def test_folding_does_not_change_the_answer(self, pair: tuple[DocumentKind, str]) -> None:
        _kind, number = pair
        assert identify(number) == identify(fold(number))


class TestSingleChangesAreDetected:
    """A single-character change is detected for every kind with a check character."""

    @given(
        st.sampled_from(CHECKED).flatmap(
            lambda k: st.tuples(st.just(k), document_numbers(kinds=[k], spelled=False))
        ),
        st.data(),
    )
    def test_a_changed_check_character(
        self, pair: tuple[DocumentKind, str], data: st.DataObject
    ) -> None:
        kind, number = pair
        alphabet = "0123456789A" if kind is K.HONG_KONG_ID else "0123456789X"
        other = data.draw(st.sampled_from([char for char in alphabet if char != number[-1]]))
        assert not IS_VALID[kind](number[:-1] + other)

    @given(
        st.sampled_from(list(MOD_11_2)).flatmap(
            lambda k: st.tuples(st.just(k), document_numbers(kinds=[k], spelled=False))
        ),
        st.data(),
    )
    def test_mod_11_2_detects_every_single_change(
        self, pair: tuple[DocumentKind, str], data: st.DataObject
    ) -> None:
        kind, number = pair
        position = data.draw(st.integers(0, 17))
        alphabet = "0123456789X" if position == 17 else "0123456789"
        other = data.draw(st.sampled_from([char for char in alphabet if char != number[position]]))
        changed = number[:position] + other + number[position + 1 :]
        assert not IS_VALID[kind](changed)

    @given(
        st.sampled_from([K.TAIWAN_ID, K.TAIWAN_RESIDENT_CERTIFICATE]).flatmap(
            lambda k: st.tuples(st.just(k), document_numbers(kinds=[k], spelled=False))
        ),
        st.integers(2, 8),
        st.integers(1, 9),
    )
    def test_taiwan_detects_every_digit_change_its_weight_can_see(
        self, pair: tuple[DocumentKind, str], position: int, step: int
    ) -> None:
        # The 3rd to 9th characters weigh 7, 6, ..., 1 (mod 10): a change by delta goes
        # unnoticed exactly when weight * delta is a multiple of 10 (weight 5 and an even
        # change, weight 2, 4 or 6 and a change of 5; docs/documents.md says so).
        kind, number = pair
        digit = (int(number[position]) + step) % 10
        changed = number[:position] + str(digit) + number[position + 1 :]
        weight = 9 - position
        assert IS_VALID[kind](changed) == (weight * (digit - int(number[position])) % 10 == 0)

    @given(document_numbers(kinds=[K.HONG_KONG_ID], spelled=False), st.data())
    def test_hkid_detects_every_digit_change(self, number: str, data: st.DataObject) -> None:
        position = data.draw(st.integers(len(number) - 7, len(number) - 2))
        other = data.draw(
            st.sampled_from([char for char in "0123456789" if char != number[position]])
        )
        assert not hong_kong_id.is_valid(number[:position] + other + number[position + 1 :])


class TestIdentifyAgreesWithEachKind:
    """identify(number, kinds=[kind]) succeeds exactly when the kind's own is_valid is true."""

    @given(
        st.one_of(
            document_numbers(),
            invalid_document_numbers(),
            st.text(alphabet="0123456789XAHM()（） -", max_size=20),
            st.text(max_size=20),
        ),
        st.sampled_from(KINDS),
    )
    def test_agreement(self, number: str, kind: DocumentKind) -> None:
        try:
            identified = identify(number, kinds=[kind]).kind == kind
        except PermitError:
            identified = False
        assert IS_VALID[kind](number) == identified

    @given(st.text(max_size=30))
    def test_check_identity_never_raises_for_a_str(self, number: str) -> None:
        result = check_identity(number)
        assert result.valid == (result.identification is not None)

    @given(
        st.sampled_from(KINDS).flatmap(
            lambda k: st.tuples(st.just(k), invalid_document_numbers(kinds=[k]))
        )
    )
    def test_near_misses_are_rejected(self, pair: tuple[DocumentKind, str]) -> None:
        kind, number = pair
        assert not IS_VALID[kind](number)


@given(identifications(kinds=[K.MAINLAND_ID_15]))
def test_identifications_strategy(result: Identification) -> None:
    assert (K.MAINLAND_ID_15, True) == (
        result.kind,
        mainland_id.is_valid(result.document.to_18().number),
    )


@pytest.mark.parametrize("kinds", [[], "macao_id", [1], ["passport"]])
def test_strategy_arguments_are_checked(kinds: object) -> None:
    with pytest.raises(InvalidArgument):
        document_numbers(kinds=kinds).example()  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        invalid_document_numbers(kinds=kinds).example()  # type: ignore[arg-type]


# -- the generator and the Faker provider -------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_generator_covers_every_kind(kind: DocumentKind) -> None:
    generator = PermitGenerator(10)
    for _ in range(50):
        number = generator.document_number(kind)
        result = identify(number)
        assert kind == result.kind or kind in result.candidates
        assert IS_VALID[kind](generator.document_number(kind, spelled=True))
        assert not IS_VALID[kind](generator.invalid_document_number(kind))
        assert kind == generator.identification(kind).kind


def test_generator_default_kind_and_seed() -> None:
    first = [PermitGenerator(5).document_number() for _ in range(3)]
    assert first == [PermitGenerator(5).document_number() for _ in range(3)]
    generator = PermitGenerator(5)
    kinds = {generator.identification().kind for _ in range(300)}
    assert set(KINDS) - {K.MACAO_ID} <= kinds
    assert any(not identify_ok(generator.invalid_document_number()) for _ in range(20))


def identify_ok(number: str) -> bool:
    return check_identity(number).valid


@pytest.mark.parametrize("kind", ["passport", 3])
def test_generator_rejects_unknown_kinds(kind: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        PermitGenerator(1).document_number(kind)  # type: ignore[arg-type]


def test_generator_rejects_a_non_collection() -> None:
    from permitcheck import _synth_documents  # noqa: PLC0415

    with pytest.raises(TypeError):
        _synth_documents.document_kinds(3)  # type: ignore[arg-type]


def test_faker_provider_covers_every_kind() -> None:
    from faker import Faker  # noqa: PLC0415

    from permitcheck.faker_provider import PermitProvider  # noqa: PLC0415

    fake = Faker()
    fake.seed_instance(7)
    fake.add_provider(PermitProvider)
    for kind in KINDS:
        number = fake.document_number(kind)
        assert IS_VALID[kind](number)
        assert not IS_VALID[kind](fake.invalid_document_number(kind))
    assert check_identity(fake.document_number()).valid


def test_kind_options_drop_repeats() -> None:
    from permitcheck import _synth_documents  # noqa: PLC0415

    assert (K.MACAO_ID,) == _synth_documents.document_kinds(["macao_id", K.MACAO_ID])


@given(identifications(kinds=[K.MACAO_ID]))
def test_identifications_strategy_keeps_the_kind_asked_for(result: Identification) -> None:
    assert (K.MACAO_ID, ()) == (result.kind, result.candidates)


PATTERNS = {
    K.RESIDENCE_PERMIT: permitcheck.RESIDENCE_PERMIT_PATTERN,
    K.HOME_RETURN_PERMIT: travel_module.PATTERN,
    K.TAIWAN_COMPATRIOT_PERMIT: travel_module.PATTERN,
    K.MAINLAND_ID: mainland_id.PATTERN,
    K.MAINLAND_ID_15: mainland_id_15.PATTERN,
    K.FOREIGN_PERMANENT_RESIDENT: foreign_permanent_resident.PATTERN,
    K.FOREIGN_PERMANENT_RESIDENT_15: foreign_permanent_resident_15.PATTERN,
    K.HONG_KONG_ID: hong_kong_id.PATTERN,
    K.MACAO_ID: macao_id.PATTERN,
    K.TAIWAN_ID: taiwan_id.PATTERN,
    K.TAIWAN_RESIDENT_CERTIFICATE: taiwan_resident_certificate.PATTERN,
}


@given(kind_and_number())
def test_every_valid_number_matches_its_kinds_pattern(pair: tuple[DocumentKind, str]) -> None:
    # The unanchored PATTERN of each module describes the compact form (HKID and
    # Macao ID without brackets).
    import re  # noqa: PLC0415

    kind, number = pair
    compact = identify(number, kinds=[kind]).document.number
    assert re.fullmatch(PATTERNS[kind], compact)


@given(st.sampled_from(KINDS), st.text(alphabet="0123456789ABCDHMX", max_size=19))
def test_a_pattern_mismatch_is_never_valid(kind: DocumentKind, number: str) -> None:
    import re  # noqa: PLC0415

    if not re.fullmatch(PATTERNS[kind], number):
        assert not IS_VALID[kind](number)


def test_half_built_results_render_without_raising() -> None:
    identification = Identification.__new__(Identification)
    check = IdentityCheck.__new__(IdentityCheck)
    assert ("Identification(<unset>)", "IdentityCheck(valid=None, kind=None, problems=())") == (
        repr(identification),
        repr(check),
    )


# -- found by mutation testing (issue 11) --------------------------------------------------


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        # 15 characters: three letters (2004/2017 card) or a leading digit, nothing else.
        ("AB1234567890123", None),
        # 9 characters starting with a letter other than H or M: only a Hong Kong ID.
        ("A12345678", K.HONG_KONG_ID),
        # An HKID's brackets come in pairs: one alone is not an HKID's shape.
        ("A123456(3X", K.TAIWAN_ID),
        ("AB123456(7X", None),
        ("H1234567(89", K.HOME_RETURN_PERMIT),
    ],
)
def test_the_shape_table_decides_the_kind_of_an_invalid_number(
    number: str, kind: DocumentKind | None
) -> None:
    result = check_identity(number)
    assert (False, kind, ()) == (result.valid, result.kind, result.candidates)
    if kind is None:
        with pytest.raises(UnknownDocument):
            identify(number)


@pytest.mark.parametrize(
    ("build", "error", "text"),
    [
        (
            lambda: Identification("12345678"),
            TypeError,
            "document must be a parsed document of a known kind",
        ),  # type: ignore[arg-type]
        (
            lambda: Identification(permitcheck.parse_macao_id("12345678"), ["taiwan_id"]),
            TypeError,
            "candidates must be a tuple of DocumentKind",
        ),  # type: ignore[arg-type]
        (
            lambda: Identification(permitcheck.parse_macao_id("12345678"), (K.MACAO_ID,)),
            ValueError,
            "candidates must be other kinds than the document's, each once",
        ),
        (
            lambda: identify("12345678", kinds="macao_id"),
            TypeError,
            "kinds must be a collection of DocumentKind, not a single string",
        ),
        (
            lambda: IdentityCheck(True, K.TAIWAN_ID, None, (), ()),
            ValueError,
            "valid, identification and problems disagree",
        ),
        (
            lambda: IdentityCheck(True, K.HONG_KONG_ID, identify("A123456789"), (), ()),
            ValueError,
            "kind does not match the identification",
        ),
    ],
)
def test_inconsistent_results_are_refused_with_their_reason(
    build: Callable[[], object], error: type[Exception], text: str
) -> None:
    with pytest.raises(error) as caught:
        build()
    assert text == str(caught.value)


def test_identification_repr_names_the_other_kinds() -> None:
    assert (
        "Identification(kind='taiwan_compatriot_permit', document=TravelPermit('********',"
        " kind=TravelPermitKind.TAIWAN_COMPATRIOT, region=Region.TW), candidates=('macao_id',))"
    ) == repr(identify("12345678"))


def test_a_half_built_identification_in_a_traceback_renders() -> None:
    # attrs sets the fields, then its validators refuse them: the instance
    # left in the traceback's locals holds the refused candidates.
    card = permitcheck.parse_macao_id("12345678")
    with pytest.raises(TypeError) as caught:
        Identification(card, ("taiwan_id",))  # type: ignore[arg-type]
    shown = []
    traceback = caught.value.__traceback__
    while traceback is not None:
        value = traceback.tb_frame.f_locals.get("self")
        if type(value) is Identification:
            shown.append(repr(value))
        traceback = traceback.tb_next
    # Only the document set (a subclass's __init__ may stop half-way).
    only_document = Identification.__new__(Identification)
    object.__setattr__(only_document, "document", card)
    expected = "Identification(kind='macao_id', document=MacaoId('*******(*)'), candidates={})"
    assert [expected.format("('taiwan_id',)"), expected.format("()")] == [
        *shown,
        repr(only_document),
    ]


def test_a_problem_without_a_code_shows_as_a_question_mark() -> None:
    result = IdentityCheck(False, None, None, ("not a Problem",), ())  # type: ignore[arg-type]
    assert "IdentityCheck(valid=False, kind=None, problems=('?',))" == repr(result)
