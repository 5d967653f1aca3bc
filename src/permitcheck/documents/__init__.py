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
