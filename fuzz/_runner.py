"""Run one fuzz target: with atheris (coverage-guided) when it is installed, else with Hypothesis.

Each ``fuzz_*.py`` file defines ``test_one_input(data: bytes)``, which raises
``AssertionError`` (or any exception outside the library's contract) when it
finds a bug, and ends with ``main(test_one_input)``.  Usage::

    python fuzz/fuzz_residence.py -max_total_time=20        # atheris: libFuzzer flags
    python fuzz/fuzz_residence.py -max_total_time=20 corpus/ # keep a corpus directory
    PERMITCHECK_FUZZ_ENGINE=hypothesis python fuzz/fuzz_residence.py -max_total_time=20

Atheris builds only where it has wheels (CPython 3.11 on Linux x86-64 here);
elsewhere the Hypothesis fallback feeds random and shrinking byte strings to
the same function for the same time (not coverage-guided).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any


def _engine() -> str:
    return os.environ.get("PERMITCHECK_FUZZ_ENGINE", "atheris")


def instrumented() -> AbstractContextManager[Any]:
    """Import permitcheck inside this context: atheris then sees its branches (coverage)."""
    if _engine() == "atheris":
        try:
            import atheris
        except ImportError:
            return nullcontext()
        return atheris.instrument_imports(include=["permitcheck"])
    return nullcontext()


def _seconds(argv: list[str]) -> float:
    for argument in argv:
        if argument.startswith("-max_total_time="):
            return float(argument.split("=", 1)[1])
    return 60.0


def _with_hypothesis(target: Callable[[bytes], None], seconds: float) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(
        max_examples=2_000,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.binary(max_size=4096))
    def run(data: bytes) -> None:
        target(data)

    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        run()
        rounds += 1
    print(f"hypothesis fallback: {rounds * 2_000} inputs in {seconds:.0f} s, no failure")


def main(target: Callable[[bytes], None]) -> None:
    """Fuzz *target* with the engine chosen by PERMITCHECK_FUZZ_ENGINE (default: atheris)."""
    if _engine() == "atheris":
        try:
            import atheris
        except ImportError:
            print("atheris is not installed: using the Hypothesis fallback", file=sys.stderr)
        else:
            atheris.Setup(sys.argv, target)
            atheris.Fuzz()
            return
    _with_hypothesis(target, _seconds(sys.argv[1:]))
