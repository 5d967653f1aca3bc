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

if TYPE_CHECKING:
    from datetime import date

    from permitcheck.model import Region, Sex

__all__ = ["PermitProvider", "Provider"]


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
        regions: Iterable[Region] | None = None,
        min_birth_date: date | None = None,
        max_birth_date: date | None = None,
        sex: Sex | None = None,
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


#: The name Faker looks for when a provider is given as a module path,
#: ``Faker(providers=["permitcheck.faker_provider"])``.
Provider = PermitProvider
