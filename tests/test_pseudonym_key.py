"""permitcheck.PseudonymKey: at least 32 bytes, opaque, never shown (issue 9)."""

from __future__ import annotations

import copy
import hashlib
import hmac
import secrets

import attrs
import pytest

import permitcheck
from permitcheck import (
    CheckResult,
    PseudonymKey,
    ResidencePermit,
    TravelPermit,
    WeakSecret,
    pseudonym,
)
from permitcheck.messages import LANGUAGES, message

HK_SPECIMEN = "810000199408230021"  # public specimen (Beijing PSB)


@pytest.mark.parametrize("size", [0, 1, 8, 31])
def test_a_secret_shorter_than_32_bytes_is_weak(size: int) -> None:
    with pytest.raises(WeakSecret):
        PseudonymKey(secrets.token_bytes(size))


@pytest.mark.parametrize("secret", [bytes(32), bytearray(32), bytes(64)])
def test_32_bytes_or_more_are_accepted(secret: bytes) -> None:
    assert bytes(secret) == PseudonymKey(secret).get_secret_value()


@pytest.mark.parametrize("secret", ["a" * 40, None, 42, memoryview(bytes(32))])
def test_a_secret_that_is_not_bytes_is_a_type_error(secret: object) -> None:
    with pytest.raises(TypeError, match="bytes"):
        PseudonymKey(secret)  # type: ignore[arg-type]


def test_weak_secret_is_a_value_error_with_a_stable_code_and_three_messages() -> None:
    assert (True, True, "weak_secret") == (
        issubclass(WeakSecret, ValueError),
        issubclass(WeakSecret, permitcheck.PermitError),
        WeakSecret.code,
    )
    assert all(message("weak_secret", language) for language in LANGUAGES)
    assert "32" in str(WeakSecret())


def test_generate_makes_32_random_bytes() -> None:
    first, second = PseudonymKey.generate(), PseudonymKey.generate()
    sizes = (len(first.get_secret_value()), len(second.get_secret_value()))
    assert ((32, 32), True) == (sizes, first.get_secret_value() != second.get_secret_value())


def test_a_key_made_from_a_key_has_the_same_secret() -> None:
    key = PseudonymKey.generate()
    assert key.get_secret_value() == PseudonymKey(key).get_secret_value()


def test_digest_is_hmac_sha256() -> None:
    secret = secrets.token_bytes(32)
    expected = hmac.new(secret, b"message", hashlib.sha256).digest()
    assert expected == PseudonymKey(secret).digest(b"message")


def test_a_key_cannot_be_changed() -> None:
    key = PseudonymKey.generate()
    with pytest.raises(AttributeError):
        key._secret = b"x" * 32  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del key._secret


def test_copies_are_the_same_key() -> None:
    key = PseudonymKey.generate()
    assert (key, key) == (copy.copy(key), copy.deepcopy(key))


def test_repr_and_str_are_redacted() -> None:
    assert ("PseudonymKey(<redacted>)", "<redacted>") == (
        repr(PseudonymKey.generate()),
        str(PseudonymKey.generate()),
    )


def test_pseudonym_takes_the_key_positionally_or_as_secret() -> None:
    secret = secrets.token_bytes(32)
    key = PseudonymKey(secret)
    results = {
        pseudonym(HK_SPECIMEN, key),
        pseudonym(HK_SPECIMEN, secret),
        pseudonym(HK_SPECIMEN, secret=key),
        pseudonym(HK_SPECIMEN, secret=secret),
    }
    assert 1 == len(results)


def test_pseudonym_needs_the_key_exactly_once() -> None:
    key = PseudonymKey.generate()
    with pytest.raises(TypeError, match="once"):
        pseudonym(HK_SPECIMEN)
    with pytest.raises(TypeError, match="once"):
        pseudonym(HK_SPECIMEN, key, secret=key)


# -- the masking repr attrs gives tools that read attrs.fields() --------------------------


@pytest.mark.parametrize("cls", [ResidencePermit, TravelPermit, CheckResult])
def test_a_repr_built_from_the_attrs_fields_leaves_the_number_out(cls: type) -> None:
    # The classes write their own masked reprs; attrs' repr flag is off for the number.
    shown = [field.name for field in attrs.fields(cls) if field.repr]
    assert ("number" in attrs.fields_dict(cls), "number" in shown) == (True, False)
