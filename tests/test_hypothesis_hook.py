"""The ``hypothesis`` entry point: st.from_type() knows permitcheck's types, lazily and safely.

Hypothesis runs every ``hypothesis`` entry point while it is imported, so the
important checks run in a fresh interpreter (a subprocess): there nothing but
the entry point can have registered the types.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import warnings
from collections.abc import Callable

import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st

from permitcheck import PermitLink, ResidencePermit, is_valid, link

ENTRY_POINT = "permitcheck._hypothesis_hook:_hypothesis_setup_hook"


def run_python(code: str) -> str:
    """Run *code* in a fresh interpreter with Hypothesis plugins enabled; return its stdout."""
    env = {key: value for key, value in os.environ.items() if key != "HYPOTHESIS_NO_PLUGINS"}
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert "" == completed.stderr
    return completed.stdout.strip()


def setup_hook() -> Callable[[], None]:
    """Load the hook through the entry point, as Hypothesis does."""
    (entry_point,) = importlib.metadata.entry_points(group="hypothesis", name="permitcheck")
    hook: Callable[[], None] = entry_point.load()
    return hook


def test_the_package_declares_the_hypothesis_entry_point() -> None:
    entry_points = importlib.metadata.entry_points(group="hypothesis", name="permitcheck")
    assert [ENTRY_POINT] == [entry_point.value for entry_point in entry_points]


FROM_TYPE = """
from hypothesis import given, settings, strategies as st
import permitcheck

cls = permitcheck.{name}
drawn = []

@settings(max_examples=50, database=None)
@given(st.from_type(cls))
def collect(value):
    drawn.append(value)

collect()
# Every drawn value is of the type, and rebuilding it from its parts (which
# validates them) gives it back.
print(len(drawn), sum(type(value) is cls and cls({parts}) == value for value in drawn))
"""


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("ResidencePermit", "value.number"),
        ("TravelPermit", "value.number"),
        ("PermitLink", "value.residence_permit.number, value.travel_permit.number"),
        ("MainlandId", "value.number"),
        ("MainlandId15", "value.number"),
        ("ForeignPermanentResident", "value.number"),
        ("ForeignPermanentResident15", "value.number"),
        ("HongKongId", "value.number"),
        ("MacaoId", "value.number"),
        ("TaiwanId", "value.number"),
        ("TaiwanResidentCertificate", "value.number"),
    ],
)
def test_from_type_draws_valid_values_in_a_fresh_interpreter(name: str, parts: str) -> None:
    assert "50 50" == run_python(FROM_TYPE.format(name=name, parts=parts))


def test_importing_hypothesis_does_not_import_the_strategies_module() -> None:
    code = "import sys, hypothesis; print('permitcheck.strategies' in sys.modules)"
    assert "False" == run_python(code)


@pytest.mark.parametrize("module", ["permitcheck", "permitcheck.generate"])
def test_importing_permitcheck_imports_neither_hypothesis_nor_faker(module: str) -> None:
    code = f"import sys, {module}; print(sorted({{'hypothesis', 'faker'}} & set(sys.modules)))"
    assert "[]" == run_python(code)


def test_importing_hypothesis_with_warnings_as_errors_succeeds() -> None:
    code = "import warnings; warnings.simplefilter('error'); import hypothesis; print('ok')"
    assert "ok" == run_python(code)


@given(st.from_type(ResidencePermit))
def test_from_type_draws_valid_residence_permits(permit: ResidencePermit) -> None:
    assert is_valid(permit.number)


@given(st.from_type(PermitLink))
def test_from_type_draws_links_that_obey_the_rules(pair: PermitLink) -> None:
    assert pair == link(pair.residence_permit.number, pair.travel_permit.number)


def test_the_hook_does_not_raise_when_registration_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("registration failed")

    monkeypatch.setattr(st, "register_type_strategy", broken)
    with pytest.warns(RuntimeWarning) as caught:
        setup_hook()()
    expected = [
        f"permitcheck could not register {name} with Hypothesis; st.from_type() will not know them"
        for name in (
            "ResidencePermit",
            "TravelPermit",
            "PermitLink",
            "MainlandId",
            "MainlandId15",
            "ForeignPermanentResident",
            "ForeignPermanentResident15",
            "HongKongId",
            "MacaoId",
            "TaiwanId",
            "TaiwanResidentCertificate",
        )
    ]
    assert expected == [str(warning.message) for warning in caught]


def test_the_hook_does_not_raise_when_hypothesis_is_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(hypothesis, "strategies")
    monkeypatch.setitem(sys.modules, "hypothesis.strategies", None)
    with pytest.warns(RuntimeWarning, match="could not register its types"):
        setup_hook()()


def test_the_hook_stays_silent_when_warnings_are_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("registration failed")

    monkeypatch.setattr(st, "register_type_strategy", broken)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert setup_hook()() is None
