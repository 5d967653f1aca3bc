"""Identity documents other than the residence and travel permits.

One module per document kind, each with the residence permit module's
contract (``compact``, ``validate``, ``is_valid``, ``format``, ``parse``
and, where the number has one, ``calc_check_digit``):

- :mod:`permitcheck.documents.mainland_id` - Resident Identity Card, 18 characters;
- :mod:`permitcheck.documents.mainland_id_15` - its first-generation 15-digit number;
- :mod:`permitcheck.documents.foreign_permanent_resident` - 2023 card, 18 characters;
- :mod:`permitcheck.documents.foreign_permanent_resident_15` - 2004/2017 cards, 15;
- :mod:`permitcheck.documents.hong_kong_id` - Hong Kong Identity Card;
- :mod:`permitcheck.documents.macao_id` - Macao Resident Identity Card;
- :mod:`permitcheck.documents.taiwan_id` - Taiwan National Identification Card;
- :mod:`permitcheck.documents.taiwan_resident_certificate` - Taiwan resident certificate.

:func:`permitcheck.identify` tells them apart.  Nothing here is imported by
``import permitcheck``; the public names load on first use.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from permitcheck.documents import common as common
    from permitcheck.documents import foreign_permanent_resident as foreign_permanent_resident
    from permitcheck.documents import (
        foreign_permanent_resident_15 as foreign_permanent_resident_15,
    )
    from permitcheck.documents import hong_kong_id as hong_kong_id
    from permitcheck.documents import macao_id as macao_id
    from permitcheck.documents import mainland_id as mainland_id
    from permitcheck.documents import mainland_id_15 as mainland_id_15
    from permitcheck.documents import taiwan_id as taiwan_id
    from permitcheck.documents import taiwan_resident_certificate as taiwan_resident_certificate

#: The document modules, each an attribute of this package at any time (loaded on first use).
_SUBMODULES = frozenset(
    {
        "common",
        "foreign_permanent_resident",
        "foreign_permanent_resident_15",
        "hong_kong_id",
        "macao_id",
        "mainland_id",
        "mainland_id_15",
        "taiwan_id",
        "taiwan_resident_certificate",
    }
)

if not TYPE_CHECKING:  # pragma: no branch - always true when the code runs

    def __getattr__(name: str) -> object:
        import importlib  # noqa: PLC0415 - keeps `importlib` out of the namespace

        if name in _SUBMODULES:
            return importlib.import_module(f"permitcheck.documents.{name}")
        raise AttributeError(f"module 'permitcheck.documents' has no attribute {name!r}")


__all__: list[str] = []
