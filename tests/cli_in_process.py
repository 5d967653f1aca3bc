"""Run the ``permitcheck`` command in the test process, in English (for the CLI test files).

In-process calls are what mutation testing and coverage see; a test file imports
:func:`call` and the :func:`english` fixture (autouse in the importing module).
"""

from __future__ import annotations

import contextlib
import io
import subprocess

import pytest

from permitcheck.cli import main


def call(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``permitcheck *args`` in this process (English locale: see ``english``)."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main(list(args))
    stdout.flush()
    output: bytes = stdout.buffer.getvalue()
    return subprocess.CompletedProcess(list(args), status, output, stderr.getvalue().encode())


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process calls read the locale too: make it English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
