"""Mutation testing, one module at a time: ``python tools/mutation.py [module ...]``.

For each module named in ``[tool.permitcheck.mutation.modules]`` of
``pyproject.toml`` (all of them by default), this copies the project into a
scratch directory, points mutmut (3.x, ``[tool.mutmut]``) at that one module
and its targeted test files, runs it, and prints one line per module::

    module       mutants  killed  equivalent  survived  score
    residence        412     400           5         7  98.3 %

``killed`` counts mutants a test failed on or that timed out; ``equivalent``
the survivors listed in ``[tool.permitcheck.mutation.equivalent]``, each with
the reason it cannot change behaviour; the score is (killed + equivalent) /
mutants.  ``--survivors`` prints the diff of every other survivor.  The exit
status is 1 if a module scores below ``--minimum`` (95 by default).

Targeted test files keep the run within minutes on two cores; a survivor
may still be killed by a test elsewhere in the suite (run the whole suite
against it with ``mutmut apply``-style checks before calling it equivalent).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("src", "tests", "docs", "README.md", "pyproject.toml")


_CONFTEST = """

from hypothesis import HealthCheck as _HealthCheck, settings as _settings

_settings.register_profile(
    "mutation",
    suppress_health_check=[_HealthCheck.differing_executors, _HealthCheck.too_slow],
    deadline=None,
    database=None,
    derandomize=True,
)
_settings.load_profile("mutation")

# Polars is not safe to use after fork(), and mutmut forks once per mutant:
# a forked test that checks a file in this process would hang in Polars'
# thread pool.  Hidden, the command's "auto" engine reads with Python.
import sys as _sys

_sys.modules["polars"] = None  # type: ignore[assignment]

# mutmut calls every function of the mutated module through a trampoline whose
# frame holds the call's arguments: a number passed in.  The privacy tests
# render tracebacks with their frames' locals and find it there.  That frame
# is mutmut's, not the library's: drop it from the tracebacks they render.
import pytest as _pytest


def _without_mutmut_frames(error):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        kept = []
        frame = error.__traceback__
        while frame is not None:
            if "/site-packages/mutmut/" not in frame.tb_frame.f_code.co_filename:
                kept.append(frame)
            frame = frame.tb_next
        for first, second in zip(kept, kept[1:]):
            first.tb_next = second
        if kept:
            kept[-1].tb_next = None
        error.__traceback__ = kept[0] if kept else None
        error = error.__cause__ or error.__context__
    return error


@_pytest.fixture(autouse=True)
def _mutmut_frames_dropped(request, monkeypatch):
    traceback_of = getattr(request.module, "_traceback_of", None)
    if traceback_of is not None:

        def without(value):
            error = traceback_of(value)
            _without_mutmut_frames(error)
            return error

        monkeypatch.setattr(request.module, "_traceback_of", without)
"""


def _config() -> dict[str, object]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return data["tool"]["permitcheck"]["mutation"]  # type: ignore[no-any-return]


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def _source(module: str) -> str:
    """Return the file of *module*, a dotted name under ``permitcheck`` (``cli.input``)."""
    return f"src/permitcheck/{module.replace('.', '/')}.py"


def _prepare(scratch: Path, module: str, tests: list[str]) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, scratch / name)
    pyproject = scratch / "pyproject.toml"
    text = pyproject.read_text("utf-8")
    # This run mutates only *module* and selects only its tests.
    text = text.replace(
        "[tool.mutmut]",
        "[tool.mutmut]\n"
        f"only_mutate = {_toml_list([_source(module)])}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(tests)}",
        1,
    )
    pyproject.write_text(text, "utf-8")
    # mutmut runs the tests several times in one process (to map tests to
    # functions, then clean): Hypothesis must not call that flaky, and
    # derandomized examples make every mutant face the same inputs.
    with (scratch / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:
        conftest.write(_CONFTEST)


def _run(scratch: Path, children: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("COVERAGE")}
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run(
        [*mutmut, "run", "--max-children", str(children)],
        cwd=scratch,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    listing = subprocess.run(
        [*mutmut, "results", "--all", "true"],
        cwd=scratch,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    statuses: dict[str, str] = {}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            statuses[name] = status
    return statuses


def main() -> int:
    """Run each module, print the table; return 1 if a module scores below the minimum."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("modules", nargs="*")
    parser.add_argument("--children", type=int, default=2)
    parser.add_argument("--minimum", type=float, default=95.0)
    parser.add_argument("--survivors", action="store_true", help="show each survivor's diff")
    arguments = parser.parse_args()
    config = _config()
    modules: dict[str, list[str]] = config["modules"]  # type: ignore[assignment]
    equivalent: dict[str, str] = config.get("equivalent", {})  # type: ignore[assignment]
    # A module inside a package may be named cli.input or cli/input.
    names = [name.replace("/", ".") for name in arguments.modules] or list(modules)
    rows = []
    failed = False
    for module in names:
        with tempfile.TemporaryDirectory(prefix=f"mutation-{module}-") as directory:
            scratch = Path(directory)
            _prepare(scratch, module, modules[module])
            statuses = _run(scratch, arguments.children)
            killed = sum(status in {"killed", "timeout"} for status in statuses.values())
            survivors = [
                name for name, status in statuses.items() if status not in {"killed", "timeout"}
            ]
            excused = [name for name in survivors if name in equivalent]
            left = [name for name in survivors if name not in equivalent]
            total = len(statuses)
            score = 100.0 * (killed + len(excused)) / total if total else 0.0
            failed |= score < arguments.minimum
            rows.append((module, total, killed, len(excused), len(left), score))
            if arguments.survivors:
                for name in left:
                    print(f"--- {name}: {statuses[name]}")
                    diff = subprocess.run(
                        [sys.executable, "-m", "mutmut", "show", name],
                        cwd=scratch,
                        capture_output=True,
                        text=True,
                        check=False,
                    ).stdout
                    print(diff)
    width = max([len("module"), *(len(row[0]) for row in rows)])
    heads = f"{'mutants':>7} {'killed':>7} {'equivalent':>10} {'survived':>8}  score"
    print(f"{'module':<{width}} {heads}")
    for module, total, killed, excused, left, score in rows:
        print(f"{module:<{width}} {total:>7} {killed:>7} {excused:>10} {left:>8}  {score:.1f} %")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
