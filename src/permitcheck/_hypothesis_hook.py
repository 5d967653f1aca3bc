"""Register permitcheck's types with Hypothesis (the ``hypothesis`` entry point).

Hypothesis calls :func:`_hypothesis_setup_hook` while it is being imported,
in every project of the environment, so the hook must never raise: a
raising hook would break ``import hypothesis`` for everyone.  It registers
only permitcheck's own types, and lazily: :mod:`permitcheck.strategies` is
imported the first time Hypothesis needs one of its strategies.
"""

from __future__ import annotations

import contextlib
import importlib
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["_hypothesis_setup_hook"]

# (module, type name, strategy function in permitcheck.strategies)
_TYPES: Final = (
    ("permitcheck.residence", "ResidencePermit", "residence_permits"),
    ("permitcheck.travel", "TravelPermit", "travel_permits"),
    ("permitcheck.linking", "PermitLink", "permit_links"),
    # The other document kinds: "document:<kind>" draws identifications of that kind.
    ("permitcheck.documents.mainland_id", "MainlandId", "document:mainland_id"),
    ("permitcheck.documents.mainland_id_15", "MainlandId15", "document:mainland_id_15"),
    (
        "permitcheck.documents.foreign_permanent_resident",
        "ForeignPermanentResident",
        "document:foreign_permanent_resident",
    ),
    (
        "permitcheck.documents.foreign_permanent_resident_15",
        "ForeignPermanentResident15",
        "document:foreign_permanent_resident_15",
    ),
    ("permitcheck.documents.hong_kong_id", "HongKongId", "document:hong_kong_id"),
    ("permitcheck.documents.macao_id", "MacaoId", "document:macao_id"),
    ("permitcheck.documents.taiwan_id", "TaiwanId", "document:taiwan_id"),
    (
        "permitcheck.documents.taiwan_resident_certificate",
        "TaiwanResidentCertificate",
        "document:taiwan_resident_certificate",
    ),
)


def _resolver(strategy_name: str) -> Callable[[type], SearchStrategy[Any]]:
    # Hypothesis calls this with the registered type itself (it resolves a
    # subclass only through a strategy registered for that subclass).
    def resolve(thing: type) -> SearchStrategy[Any]:
        strategies = importlib.import_module("permitcheck.strategies")
        prefix, _, kind = strategy_name.partition("document:")
        if kind:
            return strategies.identifications(kinds=[kind]).map(_document)  # type: ignore[no-any-return]
        strategy: SearchStrategy[Any] = getattr(strategies, prefix)()
        return strategy

    return resolve


def _document(identification: Any) -> Any:
    return identification.document


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each permitcheck type; never raises."""
    try:
        from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis runs us

        for module_name, type_name, strategy_name in _TYPES:
            try:
                cls = getattr(importlib.import_module(module_name), type_name)
                st.register_type_strategy(cls, _resolver(strategy_name))
            except Exception:  # one broken type must not stop the others
                _warn(type_name)
    except Exception:  # never break `import hypothesis`
        _warn("its types")


def _warn(what: str) -> None:
    # With warnings turned into errors, stay silent rather than raise.
    with contextlib.suppress(Exception):
        warnings.warn(
            f"permitcheck could not register {what} with Hypothesis; "
            "st.from_type() will not know them",
            RuntimeWarning,
            stacklevel=3,
        )
