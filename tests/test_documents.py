"""The document kinds of issue 10, one module each: specimens, rules, error codes, value types.

Specimens are public: the GB 11643 standard's example, the National
Immigration Administration's examples of the 2023 foreign permanent resident
card, vendor and library documentation, and the test vectors of two peer
validators, carried in with attribution:

- python-stdnum, ``tests/test_cn_ric.doctest`` (LGPL-2.1+, Copyright (C) 2014
  Jiangge Zhang, (C) 2025 Arthur de Jong),
  https://github.com/arthurdejong/python-stdnum/blob/master/tests/test_cn_ric.doctest
- hutool, ``hutool-core/src/test/java/cn/hutool/core/util/IdcardUtilTest.java`` and
  ``IssueIBP6T1Test.java`` (Mulan PSL v2), https://github.com/dromara/hutool
"""

from __future__ import annotations

import pickle
from datetime import date

import attrs
import pytest
from stdnum import exceptions as stdnum_exceptions

import permitcheck
from permitcheck import (
    DocumentKind,
    ForeignPermanentResident,
    ForeignPermanentResident15,
    HongKongId,
    MacaoId,
    MainlandId,
    MainlandId15,
    Nationality,
    PermitError,
    Province,
    Sex,
    TaiwanId,
    TaiwanResidentCertificate,
)
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
from permitcheck.messages import LANGUAGES, message

MODULES = [
    mainland_id,
    mainland_id_15,
    foreign_permanent_resident,
    foreign_permanent_resident_15,
    hong_kong_id,
    macao_id,
    taiwan_id,
    taiwan_resident_certificate,
]


def code_of(module: object, number: str) -> str | None:
    """The code of the error the module's validate raises for *number*, or None if valid."""
    try:
        module.validate(number)  # type: ignore[attr-defined]
    except PermitError as error:
        return error.code
    return None


# -- mainland Resident Identity Card, 18 characters ----------------------------

MAINLAND_VALID = [
    # (number, province, birth date, sex, source)
    ("11010519491231002X", Province.BEIJING, date(1949, 12, 31), Sex.FEMALE),  # GB 11643
    ("321083197812162119", Province.JIANGSU, date(1978, 12, 16), Sex.MALE),  # hutool ID_18
    ("150102198807303035", Province.INNER_MONGOLIA, date(1988, 7, 30), Sex.MALE),  # hutool
    ("33010219200403064X", Province.ZHEJIANG, date(1920, 4, 3), Sex.FEMALE),  # hutool
    ("360426199101010071", Province.JIANGXI, date(1991, 1, 1), Sex.MALE),  # stdnum
    ("44011320141005001X", Province.GUANGDONG, date(2014, 10, 5), Sex.MALE),  # stdnum
    ("412723199010050012", Province.HENAN, date(1990, 10, 5), Sex.MALE),  # stdnum
    ("110102199101010078", Province.BEIJING, date(1991, 1, 1), Sex.MALE),  # stdnum
    ("120110198012010073", Province.TIANJIN, date(1980, 12, 1), Sex.MALE),  # stdnum
    ("120110199212010072", Province.TIANJIN, date(1992, 12, 1), Sex.MALE),  # stdnum
]


@pytest.mark.parametrize(("number", "province", "born", "sex"), MAINLAND_VALID)
def test_mainland_specimens(number: str, province: Province, born: date, sex: Sex) -> None:
    card = mainland_id.parse(number.lower())
    assert (number, province, born, sex) == (card.number, card.province, card.birth_date, card.sex)
    assert (number[:6], number[14:17], number[17]) == (
        card.address_code,
        card.sequence,
        card.check_digit,
    )


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("36042619910102009X", "mainland_id_checksum"),  # stdnum: invalid checksum
        ("360426199113010079", "mainland_id_birth_date"),  # stdnum: month 13
        ("T60426199101010078", "mainland_id_characters"),  # stdnum: invalid format
        ("3301022011022000D6", "mainland_id_characters"),  # hutool
        ("201511221897205960", "mainland_id_province"),  # hutool: province 20 (and the date)
        ("110105194912310021", "mainland_id_checksum"),
        ("11010519491231002", "mainland_id_length"),
        ("810000199408230021", "mainland_id_residence_permit"),
        ("820000200009100032", "mainland_id_residence_permit"),  # hutool: a Macao permit
        ("830000199201300022", "mainland_id_residence_permit"),
        ("831234199201300022", "mainland_id_province"),  # 83 is not a GB/T 2260 code
        ("932682198501010017", "mainland_id_province"),  # a foreigner's number
        ("110105190002290019", "mainland_id_birth_date"),  # 1900 was not a leap year
        ("110105189912310017", "mainland_id_birth_date"),
    ],
)
def test_mainland_errors(number: str, code: str) -> None:
    assert code == code_of(mainland_id, number)


def test_mainland_problems_are_all_reported() -> None:
    codes = [p.code for p in permitcheck.check_identity("201511221897205960").problems]
    assert ["mainland_id_province", "mainland_id_birth_date"] == codes[:2]


def test_mainland_birth_date_is_judged_against_today() -> None:
    number = "110105202501010010"
    body = number[:17]
    number = body + mainland_id.calc_check_digit(body)
    assert mainland_id.validate(number, today=date(2025, 1, 1)) == number
    with pytest.raises(permitcheck.InvalidMainlandIdBirthDate):
        mainland_id.validate(number, today=date(2024, 12, 31))


@pytest.mark.parametrize(
    ("number", "default", "strict"),
    [
        ("360426199101010071", True, True),  # stdnum: 德安县
        ("120110198012010073", True, True),  # stdnum: before 1991 (东郊区)
        ("110111198012010078", True, False),  # stdnum: county not registered yet at birth
        ("110201199312010077", True, False),  # stdnum: county deregistered at birth
    ],
)
def test_strict_address_uses_stdnum_table(number: str, default: bool, strict: bool) -> None:
    assert (default, strict) == (
        mainland_id.is_valid(number),
        mainland_id.is_valid(number, strict_address=True),
    )


def test_strict_address_error_code() -> None:
    with pytest.raises(permitcheck.InvalidMainlandIdAddress) as info:
        mainland_id.parse("110111198012010078", strict_address=True)
    assert "mainland_id_address" == info.value.code


def test_stdnum_key_error_never_reaches_the_caller() -> None:
    # python-stdnum's get_birth_place raises KeyError('county') for 8101... codes.
    body = "81010120000101001"
    number = body + mainland_id.calc_check_digit(body)
    assert mainland_id.is_valid(number)  # the province 81 (Hong Kong) is a GB/T 2260 code
    assert "mainland_id_address" == permitcheck.InvalidMainlandIdAddress.code
    with pytest.raises(permitcheck.InvalidMainlandIdAddress):
        mainland_id.validate(number, strict_address=True)


def test_mainland_calc_check_digit_errors() -> None:
    with pytest.raises(permitcheck.InvalidMainlandIdLength):
        mainland_id.calc_check_digit("1101051949123100")
    with pytest.raises(permitcheck.InvalidMainlandIdCharacters):
        mainland_id.calc_check_digit("1101051949123100A")


def test_mainland_format_and_compact() -> None:
    assert "110105 19491231 002X" == mainland_id.format("11010519491231002x")
    assert "11010519491231002X" == mainland_id.compact(" 110105-19491231-002x ")


# -- the 15-digit mainland number ------------------------------------------------


@pytest.mark.parametrize(
    ("number", "eighteen", "born", "sex"),
    [
        ("150102880730303", "150102198807303035", date(1988, 7, 30), Sex.MALE),  # hutool
        ("330102200403064", "33010219200403064X", date(1920, 4, 3), Sex.FEMALE),  # hutool
        ("111111111111111", "111111191111111113", date(1911, 11, 11), Sex.MALE),  # hutool I88YKM
        ("110105491231002", "11010519491231002X", date(1949, 12, 31), Sex.FEMALE),
    ],
)
def test_mainland_15_specimens(number: str, eighteen: str, born: date, sex: Sex) -> None:
    card = mainland_id_15.parse(number)
    assert (born, sex, eighteen) == (card.birth_date, card.sex, card.to_18().number)
    assert eighteen == mainland_id_15.to_18(number)
    assert mainland_id.is_valid(eighteen)
    assert (number[:6], number[12:]) == (card.address_code, card.sequence)
    assert card.province is Province(number[:2])


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("360198910283844", "mainland_id_15_birth_date"),  # hutool: invalid
        ("815727834224151", "mainland_id_15_birth_date"),  # hutool: invalid birthday
        ("990105491231002", "mainland_id_15_province"),
        ("810000491231002", "mainland_id_15_province"),
        ("11010549123100", "mainland_id_15_length"),
        ("11010549123100A", "mainland_id_15_characters"),
        ("110105000229002", "mainland_id_15_birth_date"),  # 1900-02-29 does not exist
    ],
)
def test_mainland_15_errors(number: str, code: str) -> None:
    assert code == code_of(mainland_id_15, number)


def test_mainland_15_format() -> None:
    assert "110105 491231 002" == mainland_id_15.format("110105491231002")
    assert "110105491231002" == mainland_id_15.compact("110105-491231-002")


# -- Foreign Permanent Resident ID Card, 2023 ------------------------------------


@pytest.mark.parametrize(
    ("number", "province", "alpha3", "numeric", "born", "sex"),
    [
        # NIA table 1 (GA 2102-2023), also hutool's FOREIGN_ID_18
        ("932682198501010017", Province.JIANGSU, "SAU", "682", date(1985, 1, 1), Sex.MALE),
        # NIA example: Canada (124), female, applied in Beijing (11)
        ("911124198108030024", Province.BEIJING, "CAN", "124", date(1981, 8, 3), Sex.FEMALE),
        # howardli/CredentialKit tests: Kazakhstan (398)
        ("911398199012310021", Province.BEIJING, "KAZ", "398", date(1990, 12, 31), Sex.FEMALE),
    ],
)
def test_foreign_resident_specimens(  # noqa: PLR0917 - one parameter per column
    number: str, province: Province, alpha3: str, numeric: str, born: date, sex: Sex
) -> None:
    card = foreign_permanent_resident.parse(number)
    assert (province, alpha3, numeric, born, sex) == (
        card.province,
        card.nationality.alpha3,
        card.nationality.numeric,
        card.birth_date,
        card.sex,
    )
    assert (number[14:17], number[17]) == (card.sequence, card.check_digit)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("932682198501010018", "foreign_permanent_resident_checksum"),
        ("93268219850101001", "foreign_permanent_resident_length"),
        ("93268219850101001A", "foreign_permanent_resident_characters"),
        ("832682198501010017", "foreign_permanent_resident_prefix"),
        ("990426199112010074", "foreign_permanent_resident_province"),  # stdnum's unknown 99
        ("932999198501010017", "foreign_permanent_resident_nationality"),
        ("932682198513010017", "foreign_permanent_resident_birth_date"),
    ],
)
def test_foreign_resident_errors(number: str, code: str) -> None:
    assert code == code_of(foreign_permanent_resident, number)


def test_foreign_resident_calc_check_digit() -> None:
    assert "7" == foreign_permanent_resident.calc_check_digit("93268219850101001")
    with pytest.raises(permitcheck.InvalidForeignResidentLength):
        foreign_permanent_resident.calc_check_digit("9326821985010100")
    with pytest.raises(permitcheck.InvalidForeignResidentCharacters):
        foreign_permanent_resident.calc_check_digit("9326821985010100A")


def test_foreign_resident_format() -> None:
    assert "932682 19850101 0017" == foreign_permanent_resident.format("932682198501010017")
    assert "932682198501010017" == foreign_permanent_resident.compact("932682 1985 0101 0017")


# -- Foreign Permanent Resident ID Card, 2004/2017 ---------------------------------


def test_foreign_resident_15_specimen() -> None:
    # CSDN summary of the NIA table / howardli/CredentialKit: KAZ110090123105.
    card = foreign_permanent_resident_15.parse("KAZ110090123105")
    assert ("KAZ", "398", "Kazakhstan") == (
        card.nationality.alpha3,
        card.nationality.numeric,
        card.nationality.name,
    )
    assert (date(1990, 12, 31), Sex.FEMALE, True, ()) == (
        card.birth_date,
        card.sex,
        card.check_digit_matches,
        card.warnings,
    )


@pytest.mark.parametrize("last", "012346789")
def test_foreign_resident_15_check_is_only_a_warning(last: str) -> None:
    card = foreign_permanent_resident_15.parse("KAZ11009012310" + last)
    assert (False, ("foreign_permanent_resident_15_check",)) == (
        card.check_digit_matches,
        card.warnings,
    )
    assert "warnings=('foreign_permanent_resident_15_check',)" in repr(card)


@pytest.mark.parametrize(
    ("yymmdd", "born"),
    [
        ("231130", date(2023, 11, 30)),
        ("240101", date(1924, 1, 1)),  # 2024 is after the last 15-character card
        ("000229", date(2000, 2, 29)),
        ("990101", date(1999, 1, 1)),
    ],
)
def test_foreign_resident_15_century(yymmdd: str, born: date) -> None:
    assert born == foreign_permanent_resident_15.parse(f"USA1100{yymmdd}10").birth_date


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("KAZ11009012310", "foreign_permanent_resident_15_length"),
        ("KA1110090123105", "foreign_permanent_resident_15_format"),
        ("KAZ11009012310A", "foreign_permanent_resident_15_format"),
        ("KAZ11009012310٣", "foreign_permanent_resident_15_format"),
        ("XXX110090123105", "foreign_permanent_resident_15_nationality"),
        ("KAZ110090133105", "foreign_permanent_resident_15_birth_date"),
    ],
)
def test_foreign_resident_15_errors(number: str, code: str) -> None:
    assert code == code_of(foreign_permanent_resident_15, number)


def test_foreign_resident_15_format() -> None:
    assert "KAZ110090123105" == foreign_permanent_resident_15.format("kaz 1100 9012 3105")
    assert "KAZ110090123105" == foreign_permanent_resident_15.compact("kaz-110090123105")


# -- Hong Kong Identity Card -----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "compact", "prefix"),
    [
        ("A123456(3)", "A1234563", "A"),  # mrszeto.net
        ("P103265(1)", "P1032651", "P"),  # cnblogs
        ("C668668(9)", "C6686689", "C"),
        ("CA182361(1)", "CA1823611", "CA"),  # iLexN/HKID-Check-Digit
        ("Z437626A", "Z437626A", "Z"),  # check character A
        ("P174468(6)", "P1744686", "P"),  # hutool isValidHKCardIdTest
        ("a123456（3）", "A1234563", "A"),  # full-width brackets
    ],
)
def test_hong_kong_specimens(number: str, compact: str, prefix: str) -> None:
    card = hong_kong_id.parse(number)
    assert (compact, prefix, compact[-7:-1], compact[-1]) == (
        card.number,
        card.prefix,
        card.digits,
        card.check_digit,
    )
    assert f"{compact[:-1]}({compact[-1]})" == hong_kong_id.format(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("C668668(E)", "hong_kong_id_format"),  # e-sign doc: E is no check character
        ("K034178(2)", "hong_kong_id_checksum"),  # regex crate example; should be 9
        ("A123456(4)", "hong_kong_id_checksum"),
        ("A123456", "hong_kong_id_length"),
        ("ABC123456(3)", "hong_kong_id_length"),
        ("1123456(3)", "hong_kong_id_format"),
        ("A12345B(3)", "hong_kong_id_format"),
        ("A12(3456)3", "hong_kong_id_length"),
    ],
)
def test_hong_kong_errors(number: str, code: str) -> None:
    assert code == code_of(hong_kong_id, number)


def test_hong_kong_calc_check_digit() -> None:
    assert ("3", "A") == (
        hong_kong_id.calc_check_digit("A123456"),
        hong_kong_id.calc_check_digit("Z437626"),
    )
    with pytest.raises(permitcheck.InvalidHongKongIdLength):
        hong_kong_id.calc_check_digit("A12345")
    with pytest.raises(permitcheck.InvalidHongKongIdFormat):
        hong_kong_id.calc_check_digit("A12345B")
    with pytest.raises(TypeError):
        hong_kong_id.calc_check_digit(1234567)  # type: ignore[arg-type]


def test_hong_kong_format_of_nothing() -> None:
    assert "" == hong_kong_id.format("")


def test_hong_kong_letter_changes_can_go_unnoticed() -> None:
    # A documented weakness of the algorithm: letter values 11 apart (A=10, L=21)
    # weigh the same modulo 11, so swapping them keeps the check character.
    assert (True, True) == (hong_kong_id.is_valid("A1234563"), hong_kong_id.is_valid("L1234563"))


# -- Macao Resident Identity Card ------------------------------------------------


@pytest.mark.parametrize(
    ("number", "compact"),
    [
        ("1002483(3)", "10024833"),  # e-sign vendor doc
        ("1608214(1)", "16082141"),  # hutool IssueIBP6T1Test (Macao card, issue #1832)
        ("1608214（1）", "16082141"),  # hutool IssueIBP6T1Test: full-width brackets
        ("5215299(8)", "52152998"),
        ("72152998", "72152998"),
    ],
)
def test_macao_specimens(number: str, compact: str) -> None:
    card = macao_id.parse(number)
    assert (compact, compact[0], compact[7]) == (card.number, card.first_digit, card.check_digit)
    assert f"{compact[:7]}({compact[7]})" == macao_id.format(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("2002483(3)", "macao_id_format"),
        ("1002483", "macao_id_length"),
        ("100248A(3)", "macao_id_format"),
        ("1002483(A)", "macao_id_format"),
    ],
)
def test_macao_errors(number: str, code: str) -> None:
    assert code == code_of(macao_id, number)


@pytest.mark.parametrize("last", "0123456789")
def test_macao_bracket_digit_is_not_checked(last: str) -> None:
    # No algorithm for the bracketed digit is public: any digit is accepted.
    assert macao_id.is_valid(f"1002483({last})")


def test_macao_format_of_nothing() -> None:
    assert "" == macao_id.format("")


# -- Taiwan ID and resident certificate -------------------------------------------


@pytest.mark.parametrize(
    ("number", "sex"),
    [
        ("A123456789", Sex.MALE),  # myfakeinfo.com
        ("B221690311", Sex.FEMALE),  # hutool isValidTWCardIdTest
        ("a123456789", Sex.MALE),
    ],
)
def test_taiwan_id_specimens(number: str, sex: Sex) -> None:
    card = taiwan_id.parse(number)
    assert (number.upper(), number[0].upper(), sex, number[9]) == (
        card.number,
        card.area,
        card.sex,
        card.check_digit,
    )


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("M517086311", "taiwan_id_format"),  # hutool: invalid
        ("B2216903112", "taiwan_id_length"),  # hutool: invalid
        ("A123456788", "taiwan_id_checksum"),  # guanting112/taiwan-id-validator
        ("A123456700", "taiwan_id_checksum"),  # guanting112/taiwan-id-validator
        ("A12345678A", "taiwan_id_format"),
        ("1123456789", "taiwan_id_format"),
    ],
)
def test_taiwan_id_errors(number: str, code: str) -> None:
    assert code == code_of(taiwan_id, number)


@pytest.mark.parametrize(
    ("number", "form", "sex"),
    [
        ("AC01234567", "old", Sex.MALE),  # guanting112/taiwan-id-validator
        ("AA00000009", "old", Sex.MALE),  # enylin/taiwan-id-validator
        ("A800000014", "new", Sex.MALE),  # guanting112/taiwan-id-validator
    ],
)
def test_resident_certificate_specimens(number: str, form: str, sex: Sex) -> None:
    card = taiwan_resident_certificate.parse(number)
    assert (form, sex, number[9]) == (card.form, card.sex, card.check_digit)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("A800000015", "taiwan_resident_certificate_checksum"),  # guanting112
        ("AE01234567", "taiwan_resident_certificate_format"),
        ("A80000001", "taiwan_resident_certificate_length"),
        ("A80000001A", "taiwan_resident_certificate_format"),
    ],
)
def test_resident_certificate_errors(number: str, code: str) -> None:
    assert code == code_of(taiwan_resident_certificate, number)


@pytest.mark.parametrize("module", [taiwan_id, taiwan_resident_certificate], ids=["id", "rc"])
def test_taiwan_calc_check_digit_errors(module: object) -> None:
    with pytest.raises(PermitError) as info:
        module.calc_check_digit("A1234567")  # type: ignore[attr-defined]
    assert info.value.code.endswith("_length")
    with pytest.raises(PermitError) as info:
        module.calc_check_digit("A1234567B")  # type: ignore[attr-defined]
    assert info.value.code.endswith("_format")
    with pytest.raises(TypeError):
        module.calc_check_digit(None)  # type: ignore[attr-defined]


def test_taiwan_calc_check_digit() -> None:
    assert ("9", "7", "4", "9") == (
        taiwan_id.calc_check_digit("A12345678"),
        taiwan_resident_certificate.calc_check_digit("AC0123456"),
        taiwan_resident_certificate.calc_check_digit("A80000001"),
        taiwan_resident_certificate.calc_check_digit("AA0000000"),
    )


def test_taiwan_format() -> None:
    assert ("A123456789", "AC01234567") == (
        taiwan_id.format("a 1234 56789"),
        taiwan_resident_certificate.format("ac-01234567"),
    )
    assert ("A123456789", "AC01234567") == (
        taiwan_id.compact("a 1234 56789"),
        taiwan_resident_certificate.compact("ac-01234567"),
    )


# -- every module: the shared contract ------------------------------------------------

VALID = {
    mainland_id: "11010519491231002X",
    mainland_id_15: "110105491231002",
    foreign_permanent_resident: "932682198501010017",
    foreign_permanent_resident_15: "KAZ110090123105",
    hong_kong_id: "A1234563",
    macao_id: "10024833",
    taiwan_id: "A123456789",
    taiwan_resident_certificate: "AC01234567",
}
CLASSES = {
    mainland_id: MainlandId,
    mainland_id_15: MainlandId15,
    foreign_permanent_resident: ForeignPermanentResident,
    foreign_permanent_resident_15: ForeignPermanentResident15,
    hong_kong_id: HongKongId,
    macao_id: MacaoId,
    taiwan_id: TaiwanId,
    taiwan_resident_certificate: TaiwanResidentCertificate,
}
IDS = [module.__name__.rsplit(".", 1)[1] for module in MODULES]
JUNK = [None, 42, 4.2, b"11010519491231002X", object(), [], "", "³", "⑱", "😀", "\x00" * 18]


@pytest.mark.parametrize("module", MODULES, ids=IDS)
@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_is_valid_never_raises(module: object, junk: object) -> None:
    assert False is module.is_valid(junk)  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_validate_rejects_non_strings(module: object) -> None:
    with pytest.raises(TypeError):
        module.validate(None)  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_value_type_contract(module: object) -> None:
    number = VALID[module]
    cls = CLASSES[module]
    card = module.parse(number)  # type: ignore[attr-defined]
    assert (cls, number, True) == (type(card), card.number, module.is_valid(number))  # type: ignore[attr-defined]
    assert card == cls(number)
    assert card is not cls(number)
    assert hash(card) == hash(cls(number))
    assert card == pickle.loads(pickle.dumps(card))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        card.number = number  # type: ignore[misc]
    # Masked: neither repr nor str shows the whole number; .number does.
    assert number not in repr(card)
    assert number not in str(card)
    assert number[-6:-1] not in str(card)
    assert card.to_dict()["number"] == number
    assert module.__dict__["parse_" + module.__name__.rsplit(".", 1)[1]] is module.parse  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_constructing_an_invalid_value_raises(module: object) -> None:
    with pytest.raises(PermitError):
        CLASSES[module]("0")


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_every_value_type_is_exported(module: object) -> None:
    cls = CLASSES[module]
    assert cls is getattr(permitcheck, cls.__name__)


def test_to_dict_fields() -> None:
    assert {
        "number": "11010519491231002X",
        "address_code": "110105",
        "province": "11",
        "birth_date": "1949-12-31",
        "sequence": "002",
        "sex": "F",
        "check_digit": "X",
    } == MainlandId("11010519491231002X").to_dict()
    assert {
        "number": "110105491231002",
        "address_code": "110105",
        "province": "11",
        "birth_date": "1949-12-31",
        "sequence": "002",
        "sex": "F",
    } == MainlandId15("110105491231002").to_dict()
    assert {
        "number": "932682198501010017",
        "province": "32",
        "nationality": "SAU",
        "birth_date": "1985-01-01",
        "sequence": "001",
        "sex": "M",
        "check_digit": "7",
    } == ForeignPermanentResident("932682198501010017").to_dict()
    assert {
        "number": "KAZ110090123105",
        "nationality": "KAZ",
        "birth_date": "1990-12-31",
        "sex": "F",
    } == ForeignPermanentResident15("KAZ110090123105").to_dict()
    assert {"number": "CA1823611", "prefix": "CA", "digits": "182361", "check_digit": "1"} == (
        HongKongId("CA182361(1)").to_dict()
    )
    assert {"number": "10024833", "check_digit": "3"} == MacaoId("1002483(3)").to_dict()
    assert {"number": "A123456789", "area": "A", "sex": "M"} == TaiwanId("A123456789").to_dict()
    assert {"number": "A800000014", "form": "new", "sex": "M"} == TaiwanResidentCertificate(
        "A800000014"
    ).to_dict()


def test_masks() -> None:
    assert [
        "MainlandId('*****************X')",
        "MainlandId15('***************')",
        "ForeignPermanentResident('9****************7')",
        "ForeignPermanentResident15('KAZ************')",
        "HongKongId('CA******(*)')",
        "MacaoId('*******(*)')",
        "TaiwanId('**********')",
        "TaiwanResidentCertificate('**********')",
    ] == [
        repr(MainlandId("11010519491231002X")),
        repr(MainlandId15("110105491231002")),
        repr(ForeignPermanentResident("932682198501010017")),
        repr(ForeignPermanentResident15("KAZ110090123105")),
        repr(HongKongId("CA1823611")),
        repr(MacaoId("10024833")),
        repr(TaiwanId("A123456789")),
        repr(TaiwanResidentCertificate("A800000014")),
    ]


# -- errors -----------------------------------------------------------------------------

NEW_ERRORS = [
    cls
    for name in permitcheck.__all__
    if isinstance(cls := getattr(permitcheck, name), type)
    and issubclass(cls, PermitError)
    and cls.__module__ == "permitcheck.errors"
    and cls.code.startswith(
        ("mainland_id", "foreign_permanent", "hong_kong", "macao", "taiwan", "unknown_document")
    )
]


def test_there_are_errors_for_every_kind() -> None:
    assert 34 == len(NEW_ERRORS)


@pytest.mark.parametrize("cls", NEW_ERRORS, ids=lambda cls: cls.code)
def test_errors_subclass_a_stdnum_exception(cls: type[PermitError]) -> None:
    # The most specific stdnum class that says what is wrong.
    suffix = cls.code.rsplit("_", 1)[1]
    parent = {
        "length": stdnum_exceptions.InvalidLength,
        "checksum": stdnum_exceptions.InvalidChecksum,
        "format": stdnum_exceptions.InvalidFormat,
        "characters": stdnum_exceptions.InvalidFormat,
        "document": stdnum_exceptions.InvalidFormat,
    }.get(suffix, stdnum_exceptions.InvalidComponent)
    assert issubclass(cls, parent)
    assert all(message(cls.code, language) for language in LANGUAGES)
    assert cls is permitcheck.error_class(cls.code)


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (permitcheck.InvalidMainlandIdLength, stdnum_exceptions.InvalidLength),
        (permitcheck.InvalidMainlandIdCharacters, stdnum_exceptions.InvalidFormat),
        (permitcheck.InvalidMainlandIdChecksum, stdnum_exceptions.InvalidChecksum),
        (permitcheck.MainlandIdIsResidencePermit, stdnum_exceptions.InvalidComponent),
        (permitcheck.InvalidHongKongIdChecksum, stdnum_exceptions.InvalidChecksum),
        (permitcheck.UnknownDocument, stdnum_exceptions.InvalidFormat),
    ],
)
def test_error_parents(cls: type[PermitError], parent: type[Exception]) -> None:
    assert issubclass(cls, parent)


def test_messages_never_echo_the_number() -> None:
    for number in VALID.values():
        for cls in NEW_ERRORS:
            assert all(number not in message(cls.code, lang) for lang in LANGUAGES)


# -- shared fields ------------------------------------------------------------------------


def test_nationality_table() -> None:
    assert Nationality("CAN", "124") == Nationality.from_numeric("124")
    assert "Canada" == Nationality.from_alpha3("CAN").name
    # The whole current ISO 3166-1 list ships with the package.
    from permitcheck.documents._iso3166 import COUNTRIES  # noqa: PLC0415

    assert 249 == len(COUNTRIES)
    assert {("TWN", "158"), ("HKG", "344"), ("MAC", "446"), ("CHN", "156")} <= {
        (alpha3, numeric) for alpha3, numeric, _name in COUNTRIES
    }


@pytest.mark.parametrize(
    ("call", "argument"),
    [(Nationality.from_alpha3, "XXX"), (Nationality.from_numeric, "999")],
)
def test_unknown_nationality(call: object, argument: str) -> None:
    with pytest.raises(ValueError, match="ISO 3166-1"):
        call(argument)  # type: ignore[operator]


def test_nationality_cannot_be_inconsistent() -> None:
    with pytest.raises(ValueError, match="not one ISO 3166-1 country"):
        Nationality("CAN", "682")
    with pytest.raises(ValueError, match="not one ISO 3166-1 country"):
        Nationality("XXX", "999")


def test_provinces() -> None:
    assert 34 == len(Province)
    assert ("Hong Kong", "香港") == (Province.HONG_KONG.english_name, Province("81").chinese_name)
    assert "83" not in {province.value for province in Province}


# -- document kinds -------------------------------------------------------------------------


def test_document_kind_values_are_stable() -> None:
    assert [
        "residence_permit",
        "home_return_permit",
        "taiwan_compatriot_permit",
        "mainland_id",
        "mainland_id_15",
        "foreign_permanent_resident",
        "foreign_permanent_resident_15",
        "hong_kong_id",
        "macao_id",
        "taiwan_id",
        "taiwan_resident_certificate",
    ] == [kind.value for kind in DocumentKind]


@pytest.mark.parametrize("kind", list(DocumentKind), ids=str)
def test_document_kind_names(kind: DocumentKind) -> None:
    assert kind == kind.value
    assert kind.english_name.isascii()
    assert not kind.chinese_name.isascii()
    assert not kind.chinese_name_hant.isascii()


def test_document_kind_name_examples() -> None:
    assert ("Hong Kong Identity Card", "香港身份证", "香港身份證") == (
        DocumentKind.HONG_KONG_ID.english_name,
        DocumentKind.HONG_KONG_ID.chinese_name,
        DocumentKind.HONG_KONG_ID.chinese_name_hant,
    )


# -- rendering: masked everywhere, never raising ----------------------------------------------


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_renderings_are_masked(module: object) -> None:
    from rich.pretty import pretty_repr  # noqa: PLC0415

    number = VALID[module]
    card = module.parse(number)  # type: ignore[attr-defined]
    printed: list[str] = []

    class Printer:
        def text(self, text: str) -> None:
            printed.append(text)

    card._repr_pretty_(Printer(), False)
    renderings = [str(card), repr(card), f"{card}", f"{card:>30}", pretty_repr(card), *printed]
    assert [] == [text for text in renderings if number[2:-2] in text]
    assert [str(card)] == list(card.__rich_repr__())


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_a_half_built_value_renders_without_raising(module: object) -> None:
    cls = CLASSES[module]
    value = cls.__new__(cls)
    assert ("<unset>", f"{cls.__name__}('<unset>')") == (str(value), repr(value))


def test_a_half_built_15_character_number_shows_no_warning() -> None:
    for planted in ("KAZ11009012310", "!" * 15, "KAZ110090123105"):
        value = ForeignPermanentResident15.__new__(ForeignPermanentResident15)
        object.__setattr__(value, "number", planted)
        assert "warnings" not in repr(value)
    assert "warnings" in repr(ForeignPermanentResident15("KAZ110090123109"))


def test_hong_kong_masks_keep_only_the_letters() -> None:
    assert ["A******(*)", "CA******(*)"] == [
        str(HongKongId("A1234563")),
        str(HongKongId("CA1823611")),
    ]
