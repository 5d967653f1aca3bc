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

from permitcheck import ResidencePermit, is_valid

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
from permitcheck import ResidencePermit, is_valid

drawn = []

@settings(max_examples=50, database=None)
@given(st.from_type(ResidencePermit))
def collect(permit):
    drawn.append(permit)

collect()
print(len(drawn), sum(type(p) is ResidencePermit and is_valid(p.number) for p in drawn))
"""


def test_from_type_draws_valid_residence_permits_in_a_fresh_interpreter() -> None:
    assert "50 50" == run_python(FROM_TYPE)


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


def test_the_hook_does_not_raise_when_registration_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("registration failed")

    monkeypatch.setattr(st, "register_type_strategy", broken)
    with pytest.warns(RuntimeWarning, match="could not register ResidencePermit"):
        setup_hook()()


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
