"""A Faker provider for residence and travel permit numbers (extra ``permitcheck[faker]``).

Add it with ``Faker.add_provider``; it draws from Faker's own random
generator, so ``Faker.seed()`` and ``seed_instance()`` make it repeatable.

>>> from faker import Faker
>>> import permitcheck
>>> fake = Faker()
>>> fake.add_provider(PermitProvider)
>>> fake.seed_instance(2024)
>>> permitcheck.is_valid(fake.residence_permit_number())
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

try:
    from faker.providers import BaseProvider
except ImportError as error:
    raise ImportError(
        "permitcheck.faker_provider needs Faker: pip install permitcheck[faker]"
    ) from error

from permitcheck.generate import PermitGenerator
from permitcheck.model import TravelPermitKind

if TYPE_CHECKING:
    from datetime import date

    from permitcheck.model import DocumentKind, Region, RegionCode, Sex, SexCode

__all__ = ["PermitProvider", "Provider"]

_HOME_RETURN = TravelPermitKind.HOME_RETURN
_TAIWAN = TravelPermitKind.TAIWAN_COMPATRIOT


class PermitProvider(BaseProvider):
    """Faker methods for the numbers Hong Kong, Macao and Taiwan residents carry.

    Each method builds the number with :class:`permitcheck.generate.PermitGenerator`
    on Faker's random generator.
    """

    def _permits(self) -> PermitGenerator:
        return PermitGenerator(self.generator.random)

    def residence_permit_number(
        self,
        *,
        regions: Iterable[Region | RegionCode] | None = None,
        min_birth_date: date | None = None,
        max_birth_date: date | None = None,
        sex: Sex | SexCode | None = None,
    ) -> str:
        """Return a valid residence permit number, e.g. ``'810000199408230021'``.

        The options are those of
        :meth:`permitcheck.generate.PermitGenerator.residence_permit_number`.

        >>> from faker import Faker
        >>> from permitcheck import Region, parse
        >>> fake = Faker()
        >>> fake.add_provider(PermitProvider)
        >>> parse(fake.residence_permit_number(regions=[Region.MO])).region
        <Region.MO: 'MO'>
        """
        return self._permits().residence_permit_number(
            regions=regions, min_birth_date=min_birth_date, max_birth_date=max_birth_date, sex=sex
        )

    def home_return_permit_number(self, *, legacy: bool = False) -> str:
        """Return a home-return permit number, e.g. ``'H10387877'`` (``'H1038787700'`` if *legacy*).

        The current card's ``H``/``M`` + 8 digits, or with *legacy* the
        1999-2012 card's ``H``/``M`` + 10 digits.  Compact form.

        >>> from faker import Faker
        >>> from permitcheck import parse_travel_permit
        >>> fake = Faker()
        >>> fake.add_provider(PermitProvider)
        >>> parse_travel_permit(fake.home_return_permit_number()).kind.value
        'home_return'
        """
        return self._permits().travel_permit_number(kinds=[_HOME_RETURN], legacy=legacy)

    def taiwan_compatriot_permit_number(self, *, legacy: bool = False) -> str:
        """Return a Taiwan compatriot permit number, e.g. ``'00000000'``.

        The current 8 digits, or with *legacy* the pre-2008 booklet's 10
        digits, most with an issuing-office code in brackets.  Compact form.

        >>> from faker import Faker
        >>> from permitcheck import parse_travel_permit
        >>> fake = Faker()
        >>> fake.add_provider(PermitProvider)
        >>> parse_travel_permit(fake.taiwan_compatriot_permit_number()).region
        <Region.TW: 'TW'>
        """
        return self._permits().travel_permit_number(kinds=[_TAIWAN], legacy=legacy)

    def document_number(self, kind: DocumentKind | str | None = None) -> str:
        """Return a valid number of *kind* (default: any kind), in compact form.

        >>> from faker import Faker
        >>> import permitcheck
        >>> fake = Faker()
        >>> fake.add_provider(PermitProvider)
        >>> permitcheck.identify(fake.document_number("hong_kong_id")).kind.value
        'hong_kong_id'
        """
        return self._permits().document_number(kind)

    def invalid_document_number(self, kind: DocumentKind | str | None = None) -> str:
        """Return a near miss of *kind* (default: any kind): one character dropped or changed.

        >>> from faker import Faker
        >>> from permitcheck.documents import mainland_id
        >>> fake = Faker()
        >>> fake.add_provider(PermitProvider)
        >>> mainland_id.is_valid(fake.invalid_document_number("mainland_id"))
        False
        """
        return self._permits().invalid_document_number(kind)


#: The name Faker looks for when a provider is given as a module path,
#: ``Faker(providers=["permitcheck.faker_provider"])``.
Provider = PermitProvider
