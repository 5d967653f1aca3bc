"""The examples in docs/cli.md are real: each ``$ command`` is run and its output compared.

A ``console`` block holds ``$ command`` lines, each followed by the exact
output (stdout and stderr together, as a terminal shows them).  Commands run
in one temporary directory, in document order, with the installed
``permitcheck`` script first on the PATH and an English locale unless the
command sets its own.  ``$ echo $?`` shows the previous command's exit status.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def console_examples(text: str) -> list[tuple[str, str]]:
    """Return (command, expected output) for every ``$`` line of every console block."""
    examples: list[tuple[str, str]] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = line == "```console"
        elif inside and line.startswith("$ "):
            examples.append((line[2:], ""))
        elif inside:
            command, output = examples[-1]
            examples[-1] = (command, output + line + "\n")
    return examples


def test_the_page_has_examples() -> None:
    assert 20 < len(console_examples(DOC.read_text(encoding="utf-8")))


def test_every_example_prints_what_the_page_shows(tmp_path: Path) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LC_ALL", "LC_MESSAGES", "LANGUAGE"}
    }
    environment["LANG"] = "C.UTF-8"
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    status = 0
    for command, expected in console_examples(DOC.read_text(encoding="utf-8")):
        if command == "echo $?":
            assert (command, expected) == (command, f"{status}\n")
            continue
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=60,
            check=False,
        )
        status = result.returncode
        assert (command, expected) == (command, result.stdout.decode("utf-8"))
