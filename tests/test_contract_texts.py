"""The exact texts and shapes the other tests take for granted (found by mutation testing).

Each test here pins down something a mutant changed without any other test
noticing: the type named in a TypeError, the class name in a repr, the
fields of ``to_dict()``, the messages of the errors, the HA/MA third
character and two-digit renewal counts.
"""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest

import permitcheck
from permitcheck import (
    PermitLink,
    ResidencePermit,
    Sex,
    TravelPermit,
    TravelPermitKind,
    check,
    link,
    parse,
    parse_travel_permit,
    pseudonym,
)
from permitcheck.errors import error_class
from permitcheck.messages import MESSAGES

HK_RESIDENCE = "810000199408230021"  # public specimen
TW_RESIDENCE = "830000199201300022"  # public specimen


# -- TypeErrors name the type they got --------------------------------------------------------


def _resolve_in_a_new_index(value: object) -> object:
    with permitcheck.IdentityIndex() as store:
        return store.resolve(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: PermitLink(18, "H10387877"), "expected a str or ResidencePermit, got int"),
        (lambda: PermitLink(HK_RESIDENCE, 9.5), "expected a str or TravelPermit, got float"),
        (
            lambda: _resolve_in_a_new_index(b"H10387877"),
            "expected a str or a parsed permit, got bytes",
        ),
        (
            lambda: link(HK_RESIDENCE, "H10387877", birth_date="1994-08-23"),
            "birth_date must be a datetime.date or datetime.datetime, got str",
        ),
        (
            lambda: link(HK_RESIDENCE, "H10387877", sex=2),
            "sex must be a permitcheck.Sex, 'M' or 'F', got int",
        ),
    ],
)
def test_type_errors_say_what_was_expected_and_what_came(call: object, expected: str) -> None:
    with pytest.raises(TypeError) as caught:
        call()  # type: ignore[operator]
    assert expected == str(caught.value)


def test_a_bad_secret_type_is_named() -> None:
    with pytest.raises(TypeError, match="got str"):
        pseudonym(HK_RESIDENCE, secret="not bytes")  # type: ignore[arg-type]


# -- reprs and dicts ----------------------------------------------------------------------------


def test_permit_link_repr_names_its_class() -> None:
    assert repr(link(HK_RESIDENCE, "H10387877")).startswith("PermitLink(ResidencePermit(")


def test_check_result_repr_is_exact() -> None:
    expected = (
        "CheckResult(valid=False, number='810000***********2', problems=('checksum',))",
        "CheckResult(valid=True, number='830000***********2', problems=())",
        "CheckResult(valid=False, number='*****', problems=('length',))",
    )
    actual = (
        repr(check("810000199408230022")),
        repr(check(TW_RESIDENCE)),
        repr(check("81000")),
    )
    assert expected == actual


def test_residence_permit_to_dict_is_exact() -> None:
    expected = {
        "number": HK_RESIDENCE,
        "region": "HK",
        "birth_date": "1994-08-23",
        "sequence": "002",
        "sex": "F",
        "check_digit": "1",
    }
    assert expected == parse(HK_RESIDENCE).to_dict()


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            "0561682012(D)",
            {
                "number": "0561682012(D)",
                "kind": "taiwan_compatriot",
                "region": "TW",
                "lifelong_number": "05616820",
                "renewal_count": 12,
                "issuing_office": "D",
            },
        ),
        (
            "MA1234567",
            {
                "number": "MA1234567",
                "kind": "home_return_non_chinese",
                "region": "MO",
                "lifelong_number": "MA1234567",
                "renewal_count": None,
                "issuing_office": None,
            },
        ),
    ],
)
def test_travel_permit_to_dict_is_exact(number: str, expected: dict[str, object]) -> None:
    assert expected == parse_travel_permit(number).to_dict()


# -- HA/MA and renewal counts -------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["HAA234567", "MAB234567", "HA123456X", "HAX234567", "MA12345678", "HA123456"]
)
def test_ha_ma_needs_seven_digits_after_the_letters(number: str) -> None:
    assert (False, True) == (
        permitcheck.travel.is_valid(number),
        number.startswith(("HA", "MA")),
    )


@pytest.mark.parametrize(
    ("number", "count"),
    [
        ("H1038787710", 10),
        ("H1038787712", 12),
        ("M1234567899", 99),
        ("0561682010", 10),
        ("0561682045(A)", 45),
    ],
)
def test_renewal_counts_of_ten_and_more_are_read_whole(number: str, count: int) -> None:
    permit = TravelPermit(number)
    assert (count, permit.kind) == (
        permit.renewal_count,
        TravelPermitKind.TAIWAN_COMPATRIOT if number[0] == "0" else TravelPermitKind.HOME_RETURN,
    )


# -- messages -------------------------------------------------------------------------------------


#: Every code with an exception class (the warning codes have none).
WARNING_CODES = frozenset({"link_letter_region", "foreign_permanent_resident_15_check"})
ERROR_CODES = sorted(code for code in MESSAGES if code not in WARNING_CODES)


@pytest.mark.parametrize("code", ERROR_CODES)
def test_an_errors_str_is_its_english_message(code: str) -> None:
    cls = error_class(code)
    assert (MESSAGES[code]["en"], MESSAGES[code]["en"]) == (str(cls()), cls.message)


def test_link_checks_pass_for_matching_card_fields() -> None:
    pair = link(HK_RESIDENCE, "H10387877", birth_date=date(1994, 8, 23), sex=Sex.FEMALE)
    assert HK_RESIDENCE == pair.residence_permit.number


# -- which length error a prefix announces --------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "HA123456789",  # HA/MA: 9 characters only, never the H/M 11
        "MA12345678",
        "012345678",  # a leading digit: Taiwan's 8, 10 or 13
        "912345678",
        "01234567890",
    ],
)
def test_the_prefix_decides_the_lengths_a_number_may_have(number: str) -> None:
    with pytest.raises(permitcheck.InvalidTravelLength):
        permitcheck.travel.validate(number)


@pytest.mark.parametrize("number", ["HX123456789", "MA123456789", "H-12345678"])
def test_an_h_or_m_number_of_11_has_ten_digits_after_the_letter(number: str) -> None:
    assert not permitcheck.travel.is_valid(number.replace("-", "A"))


# -- residence.py: texts, reprs and renderers (issue 11, mutation survivors) -----------------------


LENGTH_TEXT = "Give the 17-digit body or the whole 18-character number."
LAST_TEXT = "The 18th character of a residence permit number is 0-9 or X."
BODY_TEXT = "The body of a residence permit number is 17 digits 0-9."


@pytest.mark.parametrize(
    ("number", "error", "text"),
    [
        ("8100001994082300", permitcheck.InvalidLength, LENGTH_TEXT),
        ("8100001994082300211", permitcheck.InvalidLength, LENGTH_TEXT),
        ("81000019940823002A", permitcheck.InvalidCharacters, LAST_TEXT),
        ("8100001994082300A1", permitcheck.InvalidCharacters, BODY_TEXT),
        ("8100001994082300A", permitcheck.InvalidCharacters, BODY_TEXT),
    ],
)
def test_calc_check_digit_says_what_is_wrong(
    number: str, error: type[Exception], text: str
) -> None:
    with pytest.raises(error) as caught:
        permitcheck.calc_check_digit(number)
    assert text == str(caught.value)


@pytest.mark.parametrize("number", [HK_RESIDENCE, TW_RESIDENCE, "81000019980902013X"])
def test_calc_check_digit_of_a_whole_number_is_its_18th_character(number: str) -> None:
    assert (number[17], number[17]) == (
        permitcheck.calc_check_digit(number),
        permitcheck.calc_check_digit(number[:17]),
    )


def test_calc_check_digit_names_the_type_it_got() -> None:
    with pytest.raises(TypeError) as caught:
        permitcheck.calc_check_digit(81000019940823002)  # type: ignore[arg-type]
    assert "expected a str, got int" == str(caught.value)


@pytest.mark.parametrize("call", [permitcheck.validate, permitcheck.check, permitcheck.parse])
def test_a_bad_today_is_named_today(call: object) -> None:
    with pytest.raises(TypeError) as caught:
        call(HK_RESIDENCE, today="2020-01-01")  # type: ignore[operator]
    assert "today must be a datetime.date or datetime.datetime, got str" == str(caught.value)


def test_residence_permit_renders_masked_the_same_everywhere() -> None:
    from hypothesis.vendor.pretty import pretty  # noqa: PLC0415
    from rich.pretty import pretty_repr  # noqa: PLC0415

    permit = parse(HK_RESIDENCE)
    masked = "810000***********1"
    assert (
        f"ResidencePermit('{masked}', region=Region.HK)",
        f"ResidencePermit('{masked}', region=<Region.HK: 'HK'>)",
        f"ResidencePermit('{masked}', region=Region.HK)",
        masked,
        f"  {masked}|",
        False,
    ) == (
        repr(permit),
        pretty_repr(permit),
        pretty(permit),
        str(permit),
        f"{permit:>20}|",
        # The class writes its reprs; one built from attrs' fields skips the number.
        attrs.fields(ResidencePermit).number.repr,
    )


def test_check_result_renders_masked_the_same_everywhere() -> None:
    from hypothesis.vendor.pretty import pretty  # noqa: PLC0415
    from rich.pretty import pretty_repr  # noqa: PLC0415

    result = check("810000199408230022")
    shown = "CheckResult(valid=False, number='810000***********2', problems=('checksum',))"
    rich_shown = (
        "InvalidCheckResult(\n    valid=False,\n    number='810000***********2',\n"
        "    problems=('checksum',)\n)"
    )
    assert (shown, rich_shown, False) == (
        pretty(result),
        pretty_repr(result),
        attrs.fields(permitcheck.CheckResult).number.repr,
    )


def test_half_built_values_render_without_raising() -> None:
    # A failed __init__ leaves such an instance in a traceback's locals
    # (rich and pytest --showlocals print them): nothing may be assumed set.
    permit = object.__new__(ResidencePermit)
    result = object.__new__(permitcheck.CheckResult)
    assert (
        "ResidencePermit(<unset>)",
        "<unset>",
        "CheckResult(valid=None, number='<unset>', problems=())",
    ) == (repr(permit), str(permit), repr(result))


def test_a_problem_without_a_code_shows_as_a_question_mark() -> None:
    result = permitcheck.CheckResult(False, "81000", None, ("not a Problem",))  # type: ignore[arg-type]
    assert "CheckResult(valid=False, number='*****', problems=('?',))" == repr(result)


@pytest.mark.parametrize(
    ("fields", "cls", "text"),
    [
        (
            (True, HK_RESIDENCE, None, ()),
            permitcheck.CheckResult,
            "valid, permit and problems disagree",
        ),
        (
            (False, HK_RESIDENCE, None, ()),
            permitcheck.CheckResult,
            "valid, permit and problems disagree",
        ),
        ((True, TW_RESIDENCE, "p", ()), permitcheck.CheckResult, "permit does not match number"),
    ],
)
def test_an_inconsistent_check_result_is_refused_with_its_reason(
    fields: tuple[object, ...], cls: type, text: str
) -> None:
    values = list(fields)
    if values[2] == "p":
        values[2] = parse(HK_RESIDENCE)
    with pytest.raises(ValueError, match=re.escape(text)) as caught:
        cls(*values)
    assert text == str(caught.value)


@pytest.mark.parametrize(
    ("cls", "fields", "text"),
    [
        ("ValidCheckResult", (False, "81000", None), "a ValidCheckResult cannot have valid=False"),
        (
            "InvalidCheckResult",
            (True, HK_RESIDENCE, 0),
            "a InvalidCheckResult cannot have valid=True",
        ),
    ],
)
def test_a_check_result_subclass_cannot_claim_the_other_validity(
    cls: str, fields: tuple[object, ...], text: str
) -> None:
    valid, number, permit = fields
    problems = () if valid else check(number).problems  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=re.escape(text)) as caught:
        getattr(permitcheck.residence, cls)(
            valid, number, None if permit is None else parse(HK_RESIDENCE), problems
        )
    assert text == str(caught.value)
