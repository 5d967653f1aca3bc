"""Issue 8, point 8: the docs stand alone and build as a site.

The docs used to cite "FORMATS.md §2b", a file outside the repository; the
facts and their URLs now live in docs/sources.md.  ``mkdocs build --strict``
(run by .ci/run) fails on a broken link or a docstring role without a target.
"""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).parent.parent
DOCS = ROOT / "docs"
TEXT_FILES = sorted(
    [ROOT / "README.md", *DOCS.glob("*.md"), *(ROOT / "src" / "permitcheck").glob("*.py")]
)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda path: path.name)
def test_no_file_cites_the_outside_fact_sheet(path: pathlib.Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert [] == re.findall(r"FORMATS\.md|§\s*\d", text)


def test_sources_has_the_two_sections_others_append_to() -> None:
    headings = re.findall(r"^## (.+)$", (DOCS / "sources.md").read_text(encoding="utf-8"), re.M)
    assert ["Residence permits", "Travel permits"] == headings[:2]


def test_sources_gives_urls() -> None:
    text = (DOCS / "sources.md").read_text(encoding="utf-8")
    assert len(re.findall(r"<https?://[^>]+>", text)) >= 25


def test_the_site_lists_every_page() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"^  - [^:]+: (\S+\.md)$", config, re.M))
    assert {path.name for path in DOCS.glob("*.md")} == listed


def test_the_build_is_strict_with_an_api_reference() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    assert (True, True) == ("strict: true" in config, "::: permitcheck.residence" in api)
