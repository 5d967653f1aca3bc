# Type-checked by tests/test_typing.py with mypy --strict; imported by the doctest
# collector only, so everything sits under TYPE_CHECKING (mypy checks it, Python skips it).
# Every line marked "error" must be reported, and no other.
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    import permitcheck
    from permitcheck.generate import PermitGenerator

    permitcheck.message("checksum")
    permitcheck.message("chksum")  # error: a misspelt code
    permitcheck.message("link_swapped", "zh-HK")
    permitcheck.message("region", "zh_TW.UTF-8")
    permitcheck.vaildate("810000199408230021")  # error: a misspelt function
    print(permitcheck.travel.PATTERN, permitcheck.linking.link)  # lazy submodules are typed

    result = permitcheck.check("810000199408230021")
    if result.valid:
        print(result.permit.region.english_name)  # narrowed: no assert needed
    else:
        print([problem.code for problem in result.problems])
    print(result.permit.region)  # error: not narrowed outside the if

    error = permitcheck.InvalidChecksum()
    print(permitcheck.message(error.code, "zh-Hant"))

    language: permitcheck.Language = permitcheck.resolve_language("zh-CN")
    wrong: permitcheck.Language = "zh-CN"  # error: not a message language
    code: permitcheck.ErrorCode = "checksum"

    permitcheck.validate("810000199408230021", today=datetime(2024, 1, 1, 12))
    PermitGenerator(1).residence_permit_number(regions=["HK", permitcheck.Region.TW], sex="F")
    PermitGenerator(1).residence_permit_number(regions=["HX"])  # error: not a region
    PermitGenerator(1).travel_permit_number(kinds=["taiwan_compatriot"])
