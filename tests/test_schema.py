"""permitcheck.schema: published patterns and JSON Schema snippets (issue 12).

The rule: every number the core accepts matches the published pattern (in
Python with re.fullmatch and in an ECMAScript engine, anchored as JSON Schema
needs), and the pattern is the library's own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import permitcheck
from number_leaks import digit_runs, leaked
from permitcheck import RESIDENCE_PERMIT_PATTERN, DocumentKind, TravelPermitKind, schema, travel
from permitcheck.generate import PermitGenerator
from permitcheck.strategies import (
    document_numbers,
    invalid_residence_permit_numbers,
    residence_permit_numbers,
    travel_permit_numbers,
)

KINDS = (
    "residence_permit",
    "home_return_permit",
    "taiwan_compatriot_permit",
    "travel_permit",
    "mainland_id",
    "mainland_id_15",
    "foreign_permanent_resident",
    "foreign_permanent_resident_15",
    "hong_kong_id",
    "macao_id",
    "taiwan_id",
    "taiwan_resident_certificate",
)
TRAVEL_KIND = {
    TravelPermitKind.HOME_RETURN: "home_return_permit",
    TravelPermitKind.HOME_RETURN_NON_CHINESE: "home_return_permit",
    TravelPermitKind.TAIWAN_COMPATRIOT: "taiwan_compatriot_permit",
}
NODE = shutil.which("node")


def test_kinds_are_published() -> None:
    assert KINDS == schema.KINDS


def test_every_document_kind_has_a_pattern() -> None:
    assert set(DocumentKind) <= set(schema.KINDS)
    assert {"travel_permit"} == set(schema.KINDS) - set(DocumentKind)


def test_residence_pattern_is_the_library_constant() -> None:
    assert f"^(?:{RESIDENCE_PERMIT_PATTERN})$" == schema.pattern("residence_permit")


def test_travel_pattern_is_the_library_constant() -> None:
    assert f"^(?:{travel.PATTERN})$" == schema.pattern("travel_permit")


def test_travel_pattern_is_the_alternation_of_the_two_permits() -> None:
    home = schema.pattern("home_return_permit", anchored=False)
    taiwan = schema.pattern("taiwan_compatriot_permit", anchored=False)
    assert travel.PATTERN == f"(?:{home}|{taiwan})"


@pytest.mark.parametrize("kind", KINDS)
def test_json_schema_carries_the_anchored_pattern(kind: str) -> None:
    snippet = permitcheck.json_schema(kind)
    assert ("string", schema.pattern(kind)) == (snippet["type"], snippet["pattern"])
    assert snippet["pattern"].startswith("^(?:")
    assert snippet["pattern"].endswith(")$")


@pytest.mark.parametrize("kind", KINDS)
def test_json_schema_examples_match_and_are_valid(kind: str) -> None:
    snippet = permitcheck.json_schema(kind)
    for example in snippet["examples"]:
        assert re.fullmatch(snippet["pattern"], example)
        assert snippet["minLength"] <= len(example) <= snippet["maxLength"]
        kinds = None if kind == "travel_permit" else [kind]
        assert example == permitcheck.identify(example, kinds=kinds).document.number


@pytest.mark.parametrize("kind", KINDS)
def test_json_schema_says_what_the_pattern_cannot_check(kind: str) -> None:
    description = permitcheck.json_schema(kind)["description"]
    assert "shape" in description
    assert "cannot check" in description


@given(document_numbers(spelled=False))
def test_every_valid_document_number_matches_its_kind(number: str) -> None:
    found = permitcheck.identify(number)
    assert number == found.document.number
    for kind in (found.kind, *found.candidates):
        assert re.fullmatch(schema.pattern(kind), number)
    snippet = schema.json_schema(found.kind)
    assert snippet["minLength"] <= len(number) <= snippet["maxLength"]


@given(st.data())
def test_a_number_that_is_valid_for_a_kind_matches_only_if_valid_for_its_shape(
    data: st.DataObject,
) -> None:
    # Any valid number of any kind: the kinds whose pattern it matches include its own.
    kind = data.draw(st.sampled_from(list(DocumentKind)))
    number = data.draw(document_numbers(kinds=[kind], spelled=False))
    matching = {other for other in DocumentKind if re.fullmatch(schema.pattern(other), number)}
    assert kind in matching


def test_json_schema_is_a_new_dict_each_time() -> None:
    first = permitcheck.json_schema("residence_permit")
    first["examples"].clear()
    assert [] != permitcheck.json_schema("residence_permit")["examples"]


@pytest.mark.parametrize("kind", ["mainland", "", None, 18])
def test_unknown_kind_is_refused(kind: object) -> None:
    with pytest.raises(ValueError, match="unknown number kind"):
        schema.pattern(kind)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown number kind"):
        schema.json_schema(kind)  # type: ignore[arg-type]


@given(residence_permit_numbers())
def test_every_valid_residence_number_matches(number: str) -> None:
    assert re.fullmatch(schema.pattern("residence_permit"), permitcheck.compact(number))


@given(travel_permit_numbers())
def test_every_valid_travel_number_matches_its_kind_and_the_union(number: str) -> None:
    permit = permitcheck.parse_travel_permit(number)
    assert re.fullmatch(schema.pattern("travel_permit"), permit.number)
    assert re.fullmatch(schema.pattern(TRAVEL_KIND[permit.kind]), permit.number)


@given(invalid_residence_permit_numbers(codes=["length", "characters", "region"]))
def test_shape_errors_do_not_match(number: str) -> None:
    # Length, characters and region are shape: the pattern must reject them too.
    assert re.fullmatch(schema.pattern("residence_permit"), permitcheck.compact(number)) is None


@given(st.text(alphabet="0123456789HMAX()D", max_size=14))
@settings(max_examples=300)
def test_a_travel_pattern_match_is_a_valid_travel_permit(text: str) -> None:
    # Travel permits have no check digit: the pattern is the whole rule.
    matched = re.fullmatch(schema.pattern("travel_permit"), text) is not None
    assert travel.is_valid(text) == matched


def test_python_dollar_needs_fullmatch() -> None:
    # Why the docs say re.fullmatch: Python's $ also matches before a final newline.
    anchored = schema.pattern("residence_permit")
    assert re.search(anchored, "810000199408230021\n") is not None
    assert re.fullmatch(anchored, "810000199408230021\n") is None


def _corpus() -> dict[str, list[str]]:
    generator = PermitGenerator("issue 12 patterns")
    valid_residence = [generator.residence_permit_number() for _ in range(1500)]
    valid_travel = [generator.travel_permit_number() for _ in range(1500)]
    invalid = [generator.invalid_residence_permit_number() for _ in range(1500)]
    documents = [generator.document_number(kind) for kind in DocumentKind for _ in range(300)]
    invalid += [generator.invalid_document_number(kind) for kind in DocumentKind for _ in range(50)]
    tricky = [
        "810000199408230021\n",
        "x810000199408230021",
        "8100001994082300211",
        "H10387877\n",
        "0561682001(D)",
        "0561682001(d)",
        "HA1234567",
        "HA12345678",
        "",
    ]
    return {
        "valid_residence": valid_residence,
        "valid_travel": valid_travel,
        "documents": documents,
        "other": invalid + tricky + valid_travel[:50] + valid_residence[:50],
    }


@pytest.mark.skipif(NODE is None, reason="needs node (ECMAScript RegExp)")
def test_patterns_agree_in_ecmascript(tmp_path: Path) -> None:
    corpus = _corpus()
    kinds = {kind: schema.pattern(kind) for kind in KINDS}
    inputs = sorted({text for texts in corpus.values() for text in texts})
    (tmp_path / "in.json").write_text(json.dumps({"patterns": kinds, "inputs": inputs}))
    script = (
        "const fs = require('fs');"
        "const data = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));"
        "const out = {};"
        "for (const [kind, p] of Object.entries(data.patterns)) {"
        "  for (const flags of ['', 'u', 'v']) {"
        "    const re = new RegExp(p, flags);"
        "    out[kind + '/' + flags] = data.inputs.filter((s) => re.test(s));"
        "  }"
        "}"
        "process.stdout.write(JSON.stringify(out));"
    )
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", script, str(tmp_path / "in.json")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    matched = json.loads(result.stdout)
    for kind, anchored in kinds.items():
        python = [text for text in inputs if re.fullmatch(anchored, text)]
        for flags in ("", "u", "v"):
            assert python == matched[f"{kind}/{flags}"], (kind, flags)
    residence_matches = set(matched["residence_permit/"])
    assert set(corpus["valid_residence"]) <= residence_matches
    assert set(corpus["valid_travel"]) <= set(matched["travel_permit/"])
    for number in corpus["documents"]:
        found = permitcheck.identify(number)
        assert number in matched[f"{found.kind.value}/v"]
    # ECMAScript's $ is the end of the input: the newline case is refused.
    assert "810000199408230021\n" not in residence_matches


def test_leak_helper_can_fail() -> None:
    assert digit_runs("H10387877") == {"10387877"}
    assert ["10387877"] == leaked("H10387877", "your number 1038-7877 is wrong")


def test_docs_table_shows_the_published_patterns() -> None:
    page = (Path(__file__).parent.parent / "docs" / "integrations.md").read_text()
    rows = {
        cells[0].strip("`"): cells[3].strip("`").replace(r"\|", "|")
        for line in page.splitlines()
        if line.startswith("| `")
        and len(cells := [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]) == 4
    }
    assert {kind: schema.pattern(kind) for kind in KINDS} == rows
