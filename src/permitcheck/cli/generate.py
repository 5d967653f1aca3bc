"""``permitcheck generate``: write seeded, synthetic numbers for tests and demos."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from permitcheck.cli.input import CommandError
from permitcheck.cli.judge import EXIT_VALID, _judge, _Texts
from permitcheck.cli.output import _Output
from permitcheck.cli.parser import EXAMPLES_HEADING, _iso_date
from permitcheck.model import Region, Sex, TravelPermitKind

if TYPE_CHECKING:
    from permitcheck.cli.parser import Commands
    from permitcheck.generate import PermitGenerator

_GENERATE_KINDS: Final = (
    "residence",
    "home_return",
    "home_return_non_chinese",
    "taiwan_compatriot",
)
_LETTER_REGION: Final = {"H": "HK", "M": "MO"}
_GENERATE_BATCH: Final = 10_000  # lines written at once
_BULK_BATCH: Final = 100_000  # valid residence permits made and written at once
_KIND_REGIONS: Final = {
    "residence": ("HK", "MO", "TW"),
    "home_return": ("HK", "MO"),
    "home_return_non_chinese": ("HK", "MO"),
    "taiwan_compatriot": ("TW",),
}


def _travel_number(
    generator: PermitGenerator, kind: str, regions: Sequence[str], form: str | None
) -> str:
    """Draw a travel permit number of *kind* whose letter names one of *regions*."""
    kinds = [TravelPermitKind(kind)]
    legacy = None if form is None else form == "legacy"
    while True:  # the generator draws H or M evenly: one more draw at most half the time
        number = generator.travel_permit_number(kinds=kinds, legacy=legacy)
        if _LETTER_REGION.get(number[0], "TW") in regions:
            return number


def _generate_options(options: argparse.Namespace) -> list[str]:
    """Check the combination of options; return the regions to draw from."""
    from permitcheck._synth import EARLIEST, today  # noqa: PLC0415

    kind = options.kind
    allowed = _KIND_REGIONS[kind]
    regions: list[str] = options.region or list(allowed)
    if not set(regions) <= set(allowed):
        raise CommandError("region_kind")
    residence_only = (options.sex, options.min_birth_date, options.max_birth_date, options.invalid)
    if kind != "residence" and any(value is not None for value in residence_only):
        raise CommandError("residence_only")
    if options.form is not None and kind == "residence":
        raise CommandError("travel_only")
    if options.form == "legacy" and kind == "home_return_non_chinese":
        raise CommandError("no_legacy")
    if options.invalid is not None and (
        options.region or any(value is not None for value in residence_only[:3])
    ):
        raise CommandError("invalid_alone")
    low = options.min_birth_date or EARLIEST
    high = options.max_birth_date or today()
    if not EARLIEST <= low <= high <= today():
        raise CommandError("bad_birth_dates")
    if options.count < 0:
        raise CommandError("bad_count")
    return regions


def _run_generate(options: argparse.Namespace, texts: _Texts) -> int:
    from permitcheck.generate import PermitGenerator  # noqa: PLC0415

    regions = _generate_options(options)
    seed: str | None = options.seed
    # As bytes: Random seeds a str with its UTF-8 bytes, and an argument that is
    # not UTF-8 (lone surrogates) has no UTF-8 form but has its own bytes.
    generator = PermitGenerator(None if seed is None else seed.encode("utf-8", "surrogateescape"))
    kind = options.kind
    output = _Output(sys.stdout)
    lines = ["number,kind,region,errors\n"] if options.format == "csv" else []
    if kind == "residence" and options.invalid is None:
        # Valid residence permits come in bulk: vectorised with permitcheck[polars].
        output.write("".join(lines))
        _write_residence_numbers(generator, options, regions, output)
        return EXIT_VALID
    for _ in range(options.count):
        if kind != "residence":
            number = _travel_number(generator, kind, regions, options.form)
        else:  # valid residence permits were written above
            number = generator.invalid_residence_permit_number(codes=options.invalid)
        lines.append(_generated_line(number, kind, options.format))
        if len(lines) >= _GENERATE_BATCH:  # memory stays flat, whatever the count
            output.write("".join(lines))
            lines.clear()
    output.write("".join(lines))
    return EXIT_VALID


def _write_residence_numbers(
    generator: PermitGenerator,
    options: argparse.Namespace,
    regions: Sequence[str],
    output: _Output,
) -> None:
    """Write ``options.count`` valid residence permit numbers, a bulk batch at a time."""
    left = options.count
    while left:
        numbers = generator.residence_permit_numbers(
            min(left, _BULK_BATCH),
            regions=[Region(region) for region in regions],
            sex=None if options.sex is None else Sex(options.sex),
            min_birth_date=options.min_birth_date,
            max_birth_date=options.max_birth_date,
        )
        left -= len(numbers)
        if options.format == "text":
            output.write("\n".join(numbers) + "\n")
        else:
            output.write(
                "".join(_generated_line(number, "residence", options.format) for number in numbers)
            )


def _generated_line(number: str, kind: str, fmt: str) -> str:
    """Return the output line of a generated *number* of *kind* in the format *fmt*."""
    if fmt == "text":
        return number + "\n"
    # Each number is judged by the checker itself: kind, region, error codes.
    _valid, judged_kind, region, _compact, codes = _judge(
        number, None, "residence" if kind == "residence" else "travel"
    )
    if fmt == "csv":
        return f"{number},{judged_kind},{region},{';'.join(codes)}\n"
    record = {"number": number, "kind": judged_kind, "region": region or None}
    record["errors"] = list(codes)  # type: ignore[assignment]
    return json.dumps(record, separators=(",", ":")) + "\n"


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add the ``generate`` subcommand to *commands* (its options: *common* and its own)."""
    generate_parser = commands.add_parser(
        "generate",
        parents=[common],
        allow_abbrev=False,
        help="write seeded, synthetic numbers for tests and demos",
        description=(
            "Write COUNT synthetic numbers of one kind, one per line (or as JSON Lines or"
            " CSV, with the checker's verdict). The same --seed gives the same numbers."
            " The numbers come from permitcheck.generate.PermitGenerator;"
            " --invalid makes near misses that fail with exactly one of the given codes."
            " Generated numbers are not personal data and are never masked."
        ),
        epilog=EXAMPLES_HEADING
        + """
  permitcheck generate -n 3 --seed demo
  permitcheck generate --kind home_return --form legacy --format csv
  permitcheck generate --invalid checksum -n 1000 > near-misses.txt

Exit status: 0 done, 2 usage error.""",
    )
    generate_parser.add_argument(
        "-n", "--count", type=int, default=10, metavar="COUNT", help="how many (default: 10)"
    )
    generate_parser.add_argument(
        "--seed", help="any string; the same seed gives the same numbers (default: random)"
    )
    generate_parser.add_argument(
        "--kind", choices=_GENERATE_KINDS, default="residence", help="document (default: residence)"
    )
    generate_parser.add_argument(
        "--region",
        choices=("HK", "MO", "TW"),
        action="append",
        help="region; repeat for several (default: every region the kind allows)",
    )
    generate_parser.add_argument(
        "--sex", choices=("M", "F"), help="sex encoded in a residence permit (default: either)"
    )
    generate_parser.add_argument(
        "--min-birth-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="earliest birth date of a residence permit (default: 1900-01-01)",
    )
    generate_parser.add_argument(
        "--max-birth-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=(
            "latest birth date of a residence permit (default: today in UTC+8; give one for"
            " numbers that do not change from day to day)"
        ),
    )
    generate_parser.add_argument(
        "--form",
        choices=("current", "legacy"),
        help=(
            "travel permit number form: current (H/M + 8 digits, 8 Taiwan digits) or legacy"
            " (H/M + 10 digits, 10 Taiwan digits and an office code) (default: either)"
        ),
    )
    generate_parser.add_argument(
        "--invalid",
        choices=("checksum", "birth_date", "region", "length", "characters"),
        action="append",
        metavar="CODE",
        help=(
            "residence permit near misses that fail with exactly this code; repeat for several"
            " (checksum, birth_date, region, length, characters) (default: valid numbers)"
        ),
    )
    generate_parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default: text)",
    )
    generate_parser.set_defaults(run=_run_generate)
