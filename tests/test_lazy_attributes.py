"""Issue 8, points 1 and 6: submodules as attributes at any time; the namespace is the API.

After a plain ``import permitcheck``, ``permitcheck.travel.PATTERN`` used to
raise AttributeError unless something had loaded the submodule before.  Each
case runs in a fresh interpreter, because a submodule loaded once stays loaded.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import json
import os
import pathlib
import pydoc
import subprocess
import sys

import pytest

import permitcheck

PACKAGE = pathlib.Path(permitcheck.__file__).parent

#: Every documented submodule and something it defines.
SUBMODULES = {
    "attrs": "residence_permit_number",
    "cli": "main",
    "django": "ResidencePermitNumberValidator",
    "documents": "mainland_id",
    "errors": "PermitError",
    "faker_provider": "PermitProvider",
    "generate": "PermitGenerator",
    "identification": "identify",
    "index": "IdentityIndex",
    "index_postgres": "PostgresIdentityIndex",
    "linking": "link",
    "messages": "message",
    "model": "Region",
    "pandas": "PermitAccessor",
    "polars": "is_valid",
    "privacy": "mask",
    "pydantic": "ResidencePermitNumber",
    "residence": "PATTERN",
    "schema": "json_schema",
    "sql": "script",
    "sqlite": "register",
    "strategies": "residence_permit_numbers",
    "travel": "PATTERN",
}

#: What a program may touch first, each in its own way.
FIRST_USES = {
    "travel": "permitcheck.travel.PATTERN",
    "linking": "permitcheck.linking.LETTER_REGION_WARNING",
    "index": "permitcheck.index.IdentityIndex",
    "parse_travel_permit": "permitcheck.parse_travel_permit('H10387877').number",
}


def run_fresh(code: str) -> str:
    """Run *code* after ``import permitcheck`` in a fresh interpreter; return its stdout."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COVERAGE_")}
    result = subprocess.run(
        [sys.executable, "-c", f"import permitcheck\n{code}"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "" == result.stderr
    return result.stdout


@pytest.mark.parametrize(("module", "name"), sorted(SUBMODULES.items()))
def test_every_submodule_is_an_attribute_after_a_plain_import(module: str, name: str) -> None:
    code = f"print(hasattr(permitcheck.{module}, {name!r}), permitcheck.{module}.__name__)"
    assert f"True permitcheck.{module}\n" == run_fresh(code)


@pytest.mark.parametrize("order", list(itertools.permutations(FIRST_USES)), ids="-".join)
def test_every_order_of_first_use_works(order: tuple[str, ...]) -> None:
    code = "\n".join(f"print(bool({FIRST_USES[use]}))" for use in order)
    assert "True\n" * len(order) == run_fresh(code)


def test_travel_pattern_in_a_fresh_interpreter() -> None:
    # The issue's own example: a web form whose first request was a travel permit.
    assert f"{permitcheck.travel.PATTERN}\n" == run_fresh("print(permitcheck.travel.PATTERN)")


def test_an_explicit_submodule_import_and_the_attribute_agree() -> None:
    code = "import permitcheck.linking as linking\nprint(linking is permitcheck.linking)"
    assert "True\n" == run_fresh(code)


def test_submodule_attributes_do_not_load_at_import() -> None:
    # Reachable at any time, loaded on first use only: import permitcheck stays cheap.
    lazy = sorted(f"permitcheck.{module}" for module in ("travel", "linking", "index", "cli"))
    code = f"import sys\nprint(sorted(set({lazy!r}) & set(sys.modules)))"
    assert "[]\n" == run_fresh(code)


def test_the_package_attribute_is_the_module() -> None:
    import permitcheck.generate  # noqa: PLC0415

    assert sys.modules["permitcheck.generate"] is permitcheck.generate


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="'nonexistent'"):
        permitcheck.nonexistent  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize("module", sorted(permitcheck.documents._SUBMODULES))
def test_every_document_module_is_an_attribute_after_a_plain_import(module: str) -> None:
    code = f"print(permitcheck.documents.{module}.__name__)"
    assert f"permitcheck.documents.{module}\n" == run_fresh(code)


def test_an_unknown_document_module_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="'nonexistent'"):
        permitcheck.documents.nonexistent  # type: ignore[attr-defined]  # noqa: B018


def test_a_private_module_is_not_reachable_through_getattr() -> None:
    # Only documented submodules load on attribute access.
    assert "False\n" == run_fresh("print(hasattr(permitcheck, '_synth'))")


# -- the lazy table agrees with itself ----------------------------------------------


def init_source() -> ast.Module:
    return ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))


def type_checking_imports() -> set[str]:
    """The names the ``if TYPE_CHECKING:`` block of __init__.py imports."""
    for node in init_source().body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            return {
                alias.asname or alias.name
                for statement in node.body
                if isinstance(statement, ast.ImportFrom)
                for alias in statement.names
            }
    raise AssertionError("no TYPE_CHECKING block")


def test_lazy_names_are_public_and_typed() -> None:
    lazy = set(permitcheck._LAZY_NAMES)
    assert (set(), set()) == (lazy - set(permitcheck.__all__), lazy - type_checking_imports())


def test_lazy_names_come_from_their_modules() -> None:
    wrong = [
        name
        for name, module in permitcheck._LAZY_NAMES.items()
        if not (PACKAGE / f"{module.replace('.', '/')}.py").is_file()
        or name not in importlib.import_module(f"permitcheck.{module}").__all__
    ]
    assert [] == wrong


def test_submodule_table_lists_every_documented_submodule() -> None:
    assert set(SUBMODULES) == set(permitcheck._SUBMODULES)
    assert set(SUBMODULES) <= type_checking_imports()


def test_every_public_module_file_is_in_the_submodule_table() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    public = {name for name in modules | packages if not name.startswith("_")}
    assert public == set(permitcheck._SUBMODULES)


# -- point 6: dir() and help() ---------------------------------------------------------


def test_dir_is_exactly_the_public_api() -> None:
    assert sorted(permitcheck.__all__) == dir(permitcheck)


@pytest.mark.parametrize(
    "name", ["TYPE_CHECKING", "annotations", "importlib", "_LAZY_NAMES", "_normalize", "errors"]
)
def test_dir_hides_implementation_names(name: str) -> None:
    assert name not in dir(permitcheck)


def test_dir_is_the_public_api_in_a_fresh_interpreter_after_loading_everything() -> None:
    code = (
        "import json, permitcheck.travel, permitcheck.linking, permitcheck.index\n"
        "print(json.dumps([dir(permitcheck), sorted(permitcheck.__all__)]))"
    )
    listed, public = json.loads(run_fresh(code))
    assert public == listed


def test_namespace_holds_no_import_helpers() -> None:
    assert [] == [
        name for name in ("TYPE_CHECKING", "annotations", "importlib") if name in vars(permitcheck)
    ]


def help_sections() -> dict[str, list[str]]:
    """help(permitcheck) cut into its sections (NAME, CLASSES, FUNCTIONS, ...).

    Python 3.13's pydoc wraps a long signature over one line per parameter;
    each signature counts as one line here, as older Pythons print it, so the
    limits below measure the documentation, not the Python version.
    """
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    lines = iter(pydoc.plain(pydoc.render_doc(permitcheck)).splitlines())
    for first in lines:
        line = first
        if line.endswith("("):  # a wrapped signature: join it up to its ")"
            for part in lines:
                line += part.lstrip(" |")
                if part.lstrip(" |").startswith(")"):
                    break
        if line.isupper() and not line.startswith(" "):
            current = sections.setdefault(line, [])
        else:
            current.append(line)
    return sections


def test_help_is_the_api_and_no_more() -> None:
    # pydoc documents exactly the names of __all__: every section but CLASSES
    # (pydoc prints each exception class with ~100 lines of inherited
    # BaseException members) stays under 400 lines.
    sections = help_sections()
    outside_classes = sum(len(lines) for name, lines in sections.items() if name != "CLASSES")
    assert outside_classes <= 400


def test_help_has_no_more_than_120_lines_per_public_class() -> None:
    classes = [name for name in permitcheck.__all__ if isinstance(getattr(permitcheck, name), type)]
    assert len(help_sections()["CLASSES"]) <= 120 * len(classes)


def test_help_shows_no_private_names() -> None:
    text = pydoc.plain(pydoc.render_doc(permitcheck))
    assert [] == [name for name in ("_LAZY_NAMES", "_SUBMODULES", "TYPE_CHECKING") if name in text]


@pytest.mark.parametrize("module", ["travel", "linking", "index"])
def test_getattr_returns_the_submodule_in_process(
    module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same path the fresh interpreters above take, measured by coverage here.
    loaded = sys.modules[f"permitcheck.{module}"] if module in vars(permitcheck) else None
    monkeypatch.delitem(vars(permitcheck), module, raising=False)
    found = getattr(permitcheck, module)
    assert (f"permitcheck.{module}", True) == (
        found.__name__,
        loaded is None or found is loaded,
    )
