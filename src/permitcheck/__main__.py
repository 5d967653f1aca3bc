"""``python -m permitcheck NUMBER...``: validate numbers and print their fields."""

from __future__ import annotations

import sys

from permitcheck.residence import check


def main(argv: list[str] | None = None) -> int:
    """Print each number's parsed fields or problems; return 1 if any is invalid."""
    numbers = sys.argv[1:] if argv is None else argv
    status = 0
    for index, number in enumerate(numbers, start=1):
        result = check(number)
        if result.permit is not None:
            permit = result.permit
            print(
                f"{index}: valid region={permit.region.value} birth_date={permit.birth_date}"
                f" sex={permit.sex.value} sequence={permit.sequence}"
                f" check_digit={permit.check_digit}"
            )
        else:
            status = 1
            codes = ",".join(problem.code for problem in result.problems)
            print(f"{index}: invalid {codes}")
    return status


if __name__ == "__main__":
    sys.exit(main())
