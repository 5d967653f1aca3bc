"""Benchmark the ``permitcheck check`` command against a plain ``is_valid`` loop.

Run on demand (never part of the test suite)::

    python benchmarks/bench_cli.py            # speed (1,000,000 rows) and memory (10,000,000 rows)
    python benchmarks/bench_cli.py --rows 200000 --memory-rows 1000000   # a quicker look

Speed: the wall-clock time of ``permitcheck check --format csv -q -i FILE``
(output to a file) against a plain Python loop that reads the same file and
calls ``permitcheck.is_valid`` on every line.  Both run as fresh ``python``
processes, so both include interpreter start-up; the best of ``--repeat``
runs of each is compared, and the ratio is what counts (absolute times depend
on the machine).

CSV records: the same command with ``--column`` on a CSV file of the same
numbers (and on one where a tenth of the records span two lines), against
the line reader.

Memory: the peak resident set size (``ru_maxrss``) of the command checking a
file of ``--memory-rows`` rows, measured by a small parent process with
``resource.getrusage(RUSAGE_CHILDREN)`` so that nothing else is counted; once
per engine (``--engine python``, and ``--engine polars`` when Polars is
installed: importing Polars and NumPy alone takes about 60 MiB more).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import permitcheck

# One million lines of a plain loop: read, strip the line end, is_valid.
BASELINE = """
import sys
from permitcheck import is_valid
valid = 0
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        valid += is_valid(line.rstrip("\\n"))
print(valid)
"""

MEASURE_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def valid_numbers(count: int, seed: int) -> list[str]:
    """Valid residence permit numbers from the three regions (seeded)."""
    rng = random.Random(seed)
    numbers = []
    for _ in range(count):
        prefix = rng.choice(("810000", "820000", "830000"))
        body = (
            f"{prefix}{rng.randint(1930, 2015)}{rng.randint(1, 12):02d}"
            f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        )
        numbers.append(body + permitcheck.calc_check_digit(body))
    return numbers


def mixed_lines(count: int, seed: int) -> list[str]:
    """90% valid residence permits, 5% travel permits, 5% invalid input of every kind."""
    rng = random.Random(seed)
    pool = valid_numbers(10_000, seed)
    junk = [
        "810000199408230022",  # wrong check character
        "81000019940823002",  # too short
        "710000199408230021",  # not our region
        "",  # empty line
        " 810000 19940823 0021 ",  # valid, with spaces (the general path)
        "H1038787",  # travel permit, too short
    ]
    travel = ["H10387877", "M1038787701", "00000000", "0561682001(D)", "HA1234567"]
    return mixed(count, rng, pool, lambda: rng.choice(travel), lambda: rng.choice(junk))


def mixed(
    count: int,
    rng: random.Random,
    pool: list[str],
    travel: Callable[[], str],
    bad: Callable[[], str],
) -> list[str]:
    """*count* lines: 90% drawn from *pool*, 5% from *travel*, 5% from *bad*."""
    lines = []
    for _ in range(count):
        draw = rng.random()
        if draw < 0.90:
            lines.append(rng.choice(pool))
        elif draw < 0.95:
            lines.append(travel())
        else:
            lines.append(bad())
    return lines


def write_lines(path: Path, lines: list[str], repeat: int = 1) -> None:
    block = ("\n".join(lines) + "\n").encode("utf-8")
    with path.open("wb") as file:
        for _ in range(repeat):
            file.write(block)


def best_times(commands: list[list[str]], repeat: int, output: Path) -> list[float]:
    """The best wall-clock time of each command; runs are interleaved to share the noise."""
    best = [float("inf")] * len(commands)
    for _ in range(repeat):
        for index, command in enumerate(commands):
            with output.open("wb") as sink:
                start = time.perf_counter()
                # The command exits 1 when a row is invalid: the output is checked instead.
                subprocess.run(command, stdout=sink, check=False)
                best[index] = min(best[index], time.perf_counter() - start)
    return best


def speed(directory: Path, name: str, lines: list[str], repeat: int) -> float:
    path = directory / f"{name}.txt"
    write_lines(path, lines)
    output = directory / "out.csv"
    baseline_command = [sys.executable, "-c", BASELINE, str(path)]
    cli_command = [sys.executable, "-m", "permitcheck", "check", "--format", "csv", "-q", "-i"]
    cli_command.append(str(path))
    baseline, cli = best_times([baseline_command, cli_command], repeat, output)
    rows = sum(1 for _ in output.open("rb")) - 1
    assert rows == len(lines), (rows, len(lines))
    ratio = cli / baseline
    print(
        f"{name:>10}: {len(lines):,} rows  baseline {baseline:.2f} s  "
        f"permitcheck check --format csv {cli:.2f} s  ratio {ratio:.2f}x"
    )
    return ratio


def peak_rss_mib(command: list[str]) -> float:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_RSS, *command],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout) / 1024  # ru_maxrss is in KiB on Linux


def memory(directory: Path, rows: int) -> None:
    path = directory / "memory.txt"
    block = mixed_lines(100_000, seed=7)
    write_lines(path, block, repeat=rows // len(block))
    small = directory / "small.txt"
    write_lines(small, block[:10])
    # The Python engine is the base install's (no Polars); the default "auto" engine is the
    # Polars one when the extra is installed (issue 13: its own limit is 1 GB).
    engines = ["python", "polars"] if importlib.util.find_spec("polars") else ["python"]
    for engine in engines:
        command = [sys.executable, "-m", "permitcheck", "check", "--engine", engine]
        command += ["--format", "csv", "-q", "-i"]
        print(
            f"    memory: {rows:,} rows ({path.stat().st_size / 2**20:.0f} MiB), "
            f"--engine {engine}  peak RSS {peak_rss_mib([*command, str(path)]):.1f} MiB  "
            f"(10 rows: {peak_rss_mib([*command, str(small)]):.1f} MiB)"
        )


def csv_records(directory: Path, lines: list[str], repeat: int) -> None:
    """The CSV record reader (--column) against the line reader, on the same numbers.

    Three files: the numbers one per line; a CSV file with the numbers and a
    name column; the same CSV file where every tenth record has a quoted
    address spanning two lines (the records that take the reader's slow path).
    """
    plain = directory / "lines.txt"
    write_lines(plain, lines)
    simple = directory / "records.csv"
    write_lines(simple, ["id,name", *(f"{number},A" for number in lines)])
    multiline = directory / "records-multiline.csv"
    write_lines(
        multiline,
        ["id,address"]
        + [
            f'{number},"Flat {index}\nBlock A"' if index % 10 == 0 else f"{number},Street"
            for index, number in enumerate(lines)
        ],
    )
    command = [sys.executable, "-m", "permitcheck", "check", "--format", "csv", "-q", "-i"]
    commands = [
        [*command, str(plain)],
        [*command, str(simple), "--column", "id"],
        [*command, str(multiline), "--column", "id"],
    ]
    output = directory / "out.csv"
    line_time, simple_time, multiline_time = best_times(commands, repeat, output)
    print(
        f"       csv: {len(lines):,} rows  lines {line_time:.2f} s  "
        f"records {simple_time:.2f} s ({simple_time / line_time:.2f}x)  "
        f"records, 10% spanning two lines {multiline_time:.2f} s "
        f"({multiline_time / line_time:.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--memory-rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    print(f"python {sys.version.split()[0]}, permitcheck {permitcheck.__version__}")
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        pool = valid_numbers(100_000, seed=1)
        speed(
            directory,
            "valid",
            (pool * (options.rows // len(pool) + 1))[: options.rows],
            options.repeat,
        )
        speed(directory, "mixed", mixed_lines(options.rows, seed=2), options.repeat)
        csv_records(directory, mixed_lines(options.rows, seed=3), options.repeat)
        if options.memory_rows:
            memory(directory, options.memory_rows)


if __name__ == "__main__":
    main()
