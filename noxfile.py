"""Developer sessions: ``nox -s mutation`` (mutation scores), ``nox -s fuzz`` (fuzz every parser).

Install with ``pip install -e '.[dev]'``.  See docs/reliability.md.
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["mutation"]
nox.options.reuse_existing_virtualenvs = True


@nox.session(python="3.11")
def mutation(session: nox.Session) -> None:
    """Run mutmut per module with its targeted tests; print each module's score.

    ``nox -s mutation -- residence travel`` limits the run to those modules;
    ``-- --survivors`` prints every surviving mutant's diff.
    """
    session.install("-e", ".[test]", "mutmut>=3.8,<4")
    session.run("python", "tools/mutation.py", *session.posargs)


@nox.session(python="3.11")
def fuzz(session: nox.Session) -> None:
    """Fuzz each parser (fuzz/fuzz_*.py) for 60 s, or the libFuzzer flags given after ``--``."""
    session.install("-e", ".[test]", "atheris")
    flags = session.posargs or ["-max_total_time=60"]
    for target in sorted(Path("fuzz").glob("fuzz_*.py")):
        session.run("python", str(target), *flags)
