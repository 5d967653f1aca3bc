"""PermitGenerator.residence_permit_numbers: many valid numbers at once (issue 13)."""

from __future__ import annotations

import contextlib
import io
import random
from datetime import date

import pytest

import permitcheck
from permitcheck import Region, Sex, _bulk, _synth
from permitcheck.cli import generate as command
from permitcheck.cli import main
from permitcheck.generate import PermitGenerator


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"regions": [Region.TW]},
        {"regions": [Region.HK, Region.MO], "sex": Sex.MALE},
        {"sex": Sex.FEMALE, "max_birth_date": date(2000, 1, 1)},
        {"min_birth_date": date(2001, 3, 1), "max_birth_date": date(2003, 2, 28)},  # no Feb 29
        {"min_birth_date": date(2000, 2, 29), "max_birth_date": date(2000, 2, 29)},  # one day
    ],
)
def test_polars_and_python_give_the_same_valid_numbers(options: dict[str, object]) -> None:
    checked = _synth.residence_options(
        regions=options.get("regions"),  # type: ignore[arg-type]
        min_birth_date=options.get("min_birth_date"),  # type: ignore[arg-type]
        max_birth_date=options.get("max_birth_date"),  # type: ignore[arg-type]
        sex=options.get("sex"),  # type: ignore[arg-type]
    )
    vectorised = _bulk.residence_numbers(random.Random(9), 3000, checked, vectorise=True)
    looped = _bulk.residence_numbers(random.Random(9), 3000, checked, vectorise=False)
    assert vectorised == looped
    permits = [permitcheck.parse(number) for number in vectorised]
    low = checked.min_birth_date
    high = checked.max_birth_date or _synth.today()
    assert all(low <= permit.birth_date <= high for permit in permits)
    assert {permit.region for permit in permits} == set(checked.regions)
    if checked.sex is not None:
        assert {checked.sex} == {permit.sex for permit in permits}
    else:
        assert set(Sex) == {permit.sex for permit in permits}


def test_edge_dates_come_up() -> None:
    numbers = PermitGenerator(3).residence_permit_numbers(5000, max_birth_date=date(2024, 6, 1))
    dates = {permitcheck.parse(number).birth_date for number in numbers}
    assert {date(1900, 1, 1), date(2024, 6, 1)} <= dates
    assert any((day.month, day.day) == (2, 29) for day in dates)
    assert len(dates) > 3000  # the rest are spread over the range


def test_same_seed_same_numbers_and_batches_continue_the_sequence() -> None:
    whole = PermitGenerator("s").residence_permit_numbers(4000)
    generator = PermitGenerator("s")
    parts = generator.residence_permit_numbers(2500) + generator.residence_permit_numbers(1500)
    assert whole == parts
    assert whole != PermitGenerator("t").residence_permit_numbers(4000)


@pytest.mark.parametrize("count", [-1, 1.5, "3"])
def test_bad_counts_are_refused(count: object) -> None:
    with pytest.raises(ValueError, match="count must be an int"):
        PermitGenerator(1).residence_permit_numbers(count)  # type: ignore[arg-type]


def test_zero_numbers() -> None:
    assert [] == PermitGenerator(1).residence_permit_numbers(0)


def test_options_are_checked_like_the_single_number_method() -> None:
    with pytest.raises(ValueError, match="min_birth_date"):
        PermitGenerator(1).residence_permit_numbers(3, min_birth_date=date(1899, 12, 31))


def generate(*args: str) -> str:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        assert 0 == main(["generate", *args])
    stdout.flush()
    return stdout.buffer.getvalue().decode()


def test_generate_writes_travel_and_invalid_numbers_in_batches() -> None:
    # More than one batch of 10,000 lines on the per-number path.
    lines = generate("--seed", "1", "-n", "10001", "--kind", "taiwan_compatriot").splitlines()
    assert 10001 == len(lines)
    assert all(permitcheck.travel.is_valid(line) for line in lines)


def test_generate_text_of_invalid_numbers() -> None:
    lines = generate("--seed", "1", "-n", "5", "--invalid", "checksum").splitlines()
    assert [["checksum"]] * 5 == [
        [problem.code for problem in permitcheck.check(line).problems] for line in lines
    ]


def test_generate_bulk_in_several_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "_BULK_BATCH", 7)
    lines = generate("--seed", "1", "-n", "20", "--format", "csv").splitlines()
    assert "number,kind,region,errors" == lines[0]
    assert 20 == len(lines[1:])
    assert all(line.endswith(",residence_permit," + line.split(",")[2] + ",") for line in lines[1:])
