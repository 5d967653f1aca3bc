"""The package surface: __all__, lazy names (PEP 562), __version__, python -m permitcheck."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import runpy
import subprocess
import sys
import types

import pytest

import permitcheck
from permit_reference import HK_SPECIMEN, TW_SPECIMEN, with_wrong_check
from permitcheck import residence
from permitcheck.__main__ import main

#: The names the helper brief says load lazily, and their modules.
LAZY = {
    "parse_travel_permit": "permitcheck.travel",
    "TravelPermit": "permitcheck.travel",
    "link": "permitcheck.linking",
    "PermitLink": "permitcheck.linking",
    "pseudonym": "permitcheck.linking",
    "IdentityIndex": "permitcheck.index",
    "json_schema": "permitcheck.schema",
    # issue 10: the other identity documents and identify()
    "Identification": "permitcheck.identification",
    "IdentityCheck": "permitcheck.identification",
    "identify": "permitcheck.identification",
    "check_identity": "permitcheck.identification",
    "Nationality": "permitcheck.documents.common",
    "Province": "permitcheck.documents.common",
    "MainlandId": "permitcheck.documents.mainland_id",
    "MainlandId15": "permitcheck.documents.mainland_id_15",
    "ForeignPermanentResident": "permitcheck.documents.foreign_permanent_resident",
    "ForeignPermanentResident15": "permitcheck.documents.foreign_permanent_resident_15",
    "HongKongId": "permitcheck.documents.hong_kong_id",
    "MacaoId": "permitcheck.documents.macao_id",
    "TaiwanId": "permitcheck.documents.taiwan_id",
    "TaiwanResidentCertificate": "permitcheck.documents.taiwan_resident_certificate",
    "parse_mainland_id": "permitcheck.documents.mainland_id",
    "parse_mainland_id_15": "permitcheck.documents.mainland_id_15",
    "parse_foreign_permanent_resident": "permitcheck.documents.foreign_permanent_resident",
    "parse_foreign_permanent_resident_15": "permitcheck.documents.foreign_permanent_resident_15",
    "parse_hong_kong_id": "permitcheck.documents.hong_kong_id",
    "parse_macao_id": "permitcheck.documents.macao_id",
    "parse_taiwan_id": "permitcheck.documents.taiwan_id",
    "parse_taiwan_resident_certificate": "permitcheck.documents.taiwan_resident_certificate",
    # The index file errors subclass sqlite3's errors: they load with the index.
    "IndexCorrupt": "permitcheck.index",
    "IndexForeignFile": "permitcheck.index",
    "IndexKeyMismatch": "permitcheck.index",
    "IndexNotWritable": "permitcheck.index",
    "IndexUnsafeFile": "permitcheck.index",
}

#: The residence functions issue 2 requires in both places (stdnum's module contract).
RESIDENCE_FUNCTIONS = [
    "compact",
    "validate",
    "is_valid",
    "format",
    "calc_check_digit",
    "parse",
    "check",
]


@pytest.mark.parametrize("name", RESIDENCE_FUNCTIONS)
def test_residence_functions_are_exported_at_the_top_level(name: str) -> None:
    assert getattr(residence, name) is getattr(permitcheck, name)


@pytest.mark.parametrize("name", sorted(LAZY))
def test_lazy_names_are_in_all(name: str) -> None:
    assert name in permitcheck.__all__


def test_all_has_no_duplicates() -> None:
    assert sorted(set(permitcheck.__all__)) == sorted(permitcheck.__all__)


def test_eager_names_in_all_exist() -> None:
    eager = [name for name in permitcheck.__all__ if name not in LAZY]
    assert [] == [name for name in eager if name not in vars(permitcheck)]


def test_dir_lists_every_public_name() -> None:
    assert [] == sorted(set(permitcheck.__all__) - set(dir(permitcheck)))


def test_dir_is_sorted() -> None:
    listing = dir(permitcheck)
    assert sorted(listing) == listing


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        permitcheck.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_unknown_attribute_keeps_hasattr_false() -> None:
    assert False is hasattr(permitcheck, "no_such_name")


@pytest.mark.parametrize(("name", "module"), sorted(LAZY.items()))
def test_lazy_name_imports_its_module_on_first_use(
    name: str, module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in module in sys.modules is what importlib.import_module
    # returns, so the mechanism is tested without the (later) real modules.
    sentinel = object()
    stand_in = types.ModuleType(module)
    setattr(stand_in, name, sentinel)
    monkeypatch.setitem(sys.modules, module, stand_in)
    monkeypatch.delitem(vars(permitcheck), name, raising=False)
    try:
        first = getattr(permitcheck, name)
        cached = vars(permitcheck).get(name)
    finally:
        vars(permitcheck).pop(name, None)
    assert (sentinel, sentinel) == (first, cached)


def modules_loaded_by_import(candidates: set[str]) -> list[str]:
    """Which of *candidates* a fresh ``import permitcheck`` loads.

    The child gets no COVERAGE_* variables: coverage measuring the child would
    import sqlite3 itself.
    """
    code = f"import sys, permitcheck; print(sorted({sorted(candidates)!r} & sys.modules.keys()))"
    env = {key: value for key, value in os.environ.items() if not key.startswith("COVERAGE_")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return ast.literal_eval(result.stdout)  # type: ignore[no-any-return]


def test_import_does_not_load_the_lazy_modules() -> None:
    # The residence hot path must not pay for travel permits, links or indexes.
    assert [] == modules_loaded_by_import(set(LAZY.values()))


def test_import_does_not_load_heavy_optional_modules() -> None:
    # Helper brief principle 4: never import these at package import.
    heavy = {"hypothesis", "faker", "sqlite3", "hmac", "csv", "argparse"}
    heavy |= {"pydantic", "pydantic_core", "django", "fastapi", "permitcheck.pydantic"}
    assert [] == modules_loaded_by_import(heavy)


def test_version_matches_the_distribution() -> None:
    assert importlib.metadata.version("permitcheck") == permitcheck.__version__


# -- python -m permitcheck ------------------------------------------------------
# ``python -m permitcheck`` is the ``permitcheck`` command (issue 5; its own
# tests are tests/test_cli*.py).  These check that __main__ hands over to it.


def test_main_returns_0_when_every_number_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", HK_SPECIMEN, TW_SPECIMEN])
    lines = capsys.readouterr().out.splitlines()
    assert (0, 2) == (status, len(lines))


def test_main_returns_1_when_a_number_is_invalid(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", HK_SPECIMEN, with_wrong_check(TW_SPECIMEN)])
    lines = capsys.readouterr().out.splitlines()
    assert (1, 2) == (status, len(lines))


def test_main_names_the_problem_codes_not_the_number(capsys: pytest.CaptureFixture[str]) -> None:
    number = with_wrong_check(TW_SPECIMEN)
    main(["check", number])
    output = capsys.readouterr().out
    assert (True, False) == ("checksum" in output, number in output)


def test_main_prints_the_parsed_fields(capsys: pytest.CaptureFixture[str]) -> None:
    main(["explain", "--unmasked", "--format", "json", TW_SPECIMEN])
    output = capsys.readouterr().out
    assert [] == [field for field in ('"TW"', "1992-01-30", '"002"') if field not in output]


def test_python_m_permitcheck_exits_with_main_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["permitcheck", "check", HK_SPECIMEN, "not a number"])
    monkeypatch.delitem(sys.modules, "permitcheck.__main__", raising=False)
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("permitcheck", run_name="__main__", alter_sys=True)
    capsys.readouterr()
    assert 1 == caught.value.code
