"""Benchmark ``check --engine polars`` against ``--engine python``, and bulk ``generate``.

Run on demand (never part of the test suite)::

    python benchmarks/bench_engine.py                      # 10,000,000 rows, 1,000,000 generated
    python benchmarks/bench_engine.py --rows 1000000 --generate 200000   # a quicker look

The command: both engines check the same files (``--format csv -q``, output to a file), each
in a fresh ``python`` process, alternately ``--repeat`` times; the best time of each is
compared, the outputs must be byte for byte the same, and the peak resident set size of each
engine is read with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small parent process. Three
files: *valid* (valid, compact residence permits of all three regions), *mixed* (90 %
valid residence permits, 5 % travel permits, 5 % bad input; ``bench_cli.mixed_lines``) and
*varied* (90 % valid residence permits, 10 % generated travel permits and near misses that
do not repeat within 1,000,000 lines; :func:`varied_lines`).

``generate``: ``permitcheck generate -n N`` (bulk and vectorised now) against the per-number
loop it ran before (``PermitGenerator.residence_permit_number`` N times, written the same
way), each in a fresh process.
"""

from __future__ import annotations

import argparse
import filecmp
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_cli import mixed, mixed_lines, valid_numbers
from permitcheck.generate import PermitGenerator

MEASURE_RSS = """
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    subprocess.run(sys.argv[2:], stdout=out, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

# What `permitcheck generate -n N` did before the bulk method: one draw per number.
OLD_GENERATE = """
import sys
from permitcheck.generate import PermitGenerator
generator = PermitGenerator(b"bench")
count = int(sys.argv[1])
out = sys.stdout
lines = []
for _ in range(count):
    lines.append(generator.residence_permit_number() + "\\n")
    if len(lines) >= 10_000:
        out.write("".join(lines))
        lines.clear()
out.write("".join(lines))
"""


def varied_lines(count: int, seed: int) -> list[str]:
    """90 % valid residence permits; 10 % other lines, each generated (none repeats).

    Half of the others are travel permits of every kind (a third of them spelled with
    separators or in lower case), half near misses of residence permits (one rule broken,
    some with digits of other scripts).
    """
    generator = PermitGenerator(seed)
    rng = random.Random(seed)
    return mixed(
        count,
        rng,
        valid_numbers(10_000, seed),
        lambda: generator.travel_permit_number(spelled=rng.random() < 1 / 3),
        generator.invalid_residence_permit_number,
    )


def write_file(path: Path, rows: int, kind: str) -> None:
    if kind == "valid":
        block = valid_numbers(100_000, 1)
    elif kind == "mixed":
        block = mixed_lines(100_000, 2)
    else:  # a block of 1,000,000 lines, so that its other lines recur ten times at most
        block = varied_lines(min(rows, 1_000_000), 3)
    text = "\n".join(block) + "\n"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(rows // len(block)):
            out.write(text)
        out.write("\n".join(block[: rows % len(block)]) + ("\n" if rows % len(block) else ""))


def timed(command: list[str], output: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_RSS, str(output), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, int(result.stdout)


def engines(directory: Path, rows: int, repeat: int) -> None:
    for kind in ("valid", "mixed", "varied"):
        path = directory / f"{kind}.txt"
        write_file(path, rows, kind)
        size = path.stat().st_size / 2**20
        best = {"python": float("inf"), "polars": float("inf")}
        peak = {"python": 0, "polars": 0}
        for _ in range(repeat):
            for engine in ("python", "polars"):
                command = [sys.executable, "-m", "permitcheck", "check", "-i", str(path)]
                command += ["--format", "csv", "-q", "--engine", engine]
                elapsed, rss = timed(command, directory / f"{engine}.csv")
                best[engine] = min(best[engine], elapsed)
                peak[engine] = max(peak[engine], rss)
        same = filecmp.cmp(directory / "python.csv", directory / "polars.csv", shallow=False)
        ratio = best["python"] / best["polars"]
        print(
            f"check {kind}, {rows:,} rows ({size:.0f} MiB): python {best['python']:.1f} s,"
            f" polars {best['polars']:.1f} s, ratio {ratio:.2f}x (target 5x:"
            f" {'met' if ratio >= 5 else 'NOT met'}); identical output: {same};"
            f" peak RSS python {peak['python'] / 1024:.0f} MiB,"
            f" polars {peak['polars'] / 1024:.0f} MiB (target < 1024 MiB)",
            flush=True,
        )
        if not same:
            raise SystemExit("the engines' outputs differ")


def generate(directory: Path, count: int, repeat: int) -> None:
    old = new = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        with (directory / "old.txt").open("wb") as out:
            subprocess.run([sys.executable, "-c", OLD_GENERATE, str(count)], stdout=out, check=True)
        old = min(old, time.perf_counter() - start)
        start = time.perf_counter()
        with (directory / "new.txt").open("wb") as out:
            command = [sys.executable, "-m", "permitcheck", "generate", "-n", str(count)]
            subprocess.run([*command, "--seed", "bench"], stdout=out, check=True)
        new = min(new, time.perf_counter() - start)
    lines = (directory / "new.txt").read_bytes().count(b"\n")
    ratio = old / new
    print(
        f"generate {count:,} residence permits: per-number loop {old:.1f} s"
        f" ({count / old:,.0f}/s), bulk {new:.1f} s ({count / new:,.0f}/s), ratio {ratio:.1f}x"
        f" (target 10x: {'met' if ratio >= 10 else 'NOT met'}); {lines:,} lines",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--generate", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        if options.generate:
            generate(directory, options.generate, options.repeat)
        if options.rows:
            engines(directory, options.rows, options.repeat)


if __name__ == "__main__":
    main()
