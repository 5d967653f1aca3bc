"""Exception classes and their stable error codes.

Every error is a subclass of the matching :mod:`stdnum.exceptions` class, so
code written for python-stdnum catches it, and of :class:`PermitError`, so
code written for permitcheck can catch them all.  Each class has a stable
``code`` for programs and an English ``message`` for people; the message never
contains the number (it is personal data).

>>> from permitcheck import validate
>>> try:
...     validate("810000199408230022")
... except PermitError as error:
...     print(error.code, "-", error)
checksum - The check character (the 18th) does not match the rest of the number.
"""

from __future__ import annotations

from typing import ClassVar, cast

import attrs
from stdnum import exceptions as _stdnum

from permitcheck.messages import MESSAGES, ErrorCode

__all__ = [
    "EmptyRow",
    "ErrorCode",
    "ExcelNumber",
    "IndexConflict",
    "InvalidBirthDate",
    "InvalidCharacters",
    "InvalidChecksum",
    "InvalidCsvRow",
    "InvalidEncoding",
    "InvalidForeignResident15BirthDate",
    "InvalidForeignResident15Format",
    "InvalidForeignResident15Length",
    "InvalidForeignResident15Nationality",
    "InvalidForeignResidentBirthDate",
    "InvalidForeignResidentCharacters",
    "InvalidForeignResidentChecksum",
    "InvalidForeignResidentLength",
    "InvalidForeignResidentNationality",
    "InvalidForeignResidentPrefix",
    "InvalidForeignResidentProvince",
    "InvalidHongKongIdChecksum",
    "InvalidHongKongIdFormat",
    "InvalidHongKongIdLength",
    "InvalidLength",
    "InvalidMacaoIdFormat",
    "InvalidMacaoIdLength",
    "InvalidMainlandId15BirthDate",
    "InvalidMainlandId15Characters",
    "InvalidMainlandId15Length",
    "InvalidMainlandId15Province",
    "InvalidMainlandIdAddress",
    "InvalidMainlandIdBirthDate",
    "InvalidMainlandIdCharacters",
    "InvalidMainlandIdChecksum",
    "InvalidMainlandIdLength",
    "InvalidMainlandIdProvince",
    "InvalidRegion",
    "InvalidTaiwanIdChecksum",
    "InvalidTaiwanIdFormat",
    "InvalidTaiwanIdLength",
    "InvalidTaiwanResidentCertificateChecksum",
    "InvalidTaiwanResidentCertificateFormat",
    "InvalidTaiwanResidentCertificateLength",
    "InvalidTravelCharacters",
    "InvalidTravelFormat",
    "InvalidTravelLength",
    "LinkBirthDateMismatch",
    "LinkError",
    "LinkNonChinesePermit",
    "LinkRegionMismatch",
    "LinkSexMismatch",
    "LinkSwapped",
    "MainlandIdIsResidencePermit",
    "MissingColumn",
    "NulCharacter",
    "PermitError",
    "Problem",
    "RowTooLong",
    "UnknownDocument",
    "WeakSecret",
    "error_class",
]

_BY_CODE: dict[str, type[PermitError]] = {}


class PermitError(_stdnum.ValidationError):
    """Base class of every permitcheck error (a :class:`ValueError`).

    Subclasses set :attr:`code`; each code belongs to exactly one class.
    """

    #: Stable machine-readable code, e.g. ``"checksum"`` (a :data:`ErrorCode`).
    #: The base class's ``"invalid"`` is a placeholder: only subclasses are raised.
    code: ClassVar[ErrorCode] = cast("ErrorCode", "invalid")
    #: Default English message (see :mod:`permitcheck.messages` for translations).
    message: ClassVar[str] = "The number is not valid."

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:
            if cls.code in _BY_CODE:  # pragma: no cover - a programming error
                raise TypeError(f"error code {cls.code!r} is already used")
            _BY_CODE[cls.code] = cls
            cls.message = MESSAGES[cls.code]["en"]

    # No __init__: raised without arguments, an error's args are empty and
    # str() falls back to the class's message (stdnum's ValidationError.__str__);
    # a custom message is args[0].  Either way the default pickling
    # (``cls(*args)``) round-trips, and raising costs no Python-level call.

    def problem(self) -> Problem:
        """Return this error as a :class:`Problem` (code and message).

        >>> InvalidLength().problem()
        Problem(code='length', message='A residence permit number has 18 characters.')
        """
        return Problem(self.code, str(self))


class InvalidLength(PermitError, _stdnum.InvalidLength):
    """The residence permit number does not have 18 characters."""

    code = "length"


class InvalidCharacters(PermitError, _stdnum.InvalidFormat):
    """A character is not an ASCII digit (or ``X`` in the last place)."""

    code = "characters"


class InvalidRegion(PermitError, _stdnum.InvalidComponent):
    """The address code is not 810000, 820000 or 830000."""

    code = "region"


class InvalidBirthDate(PermitError, _stdnum.InvalidComponent):
    """The birth date is not a real date from 1900-01-01 to today (UTC+8)."""

    code = "birth_date"


class InvalidChecksum(PermitError, _stdnum.InvalidChecksum):
    """The ISO 7064 MOD 11-2 check character does not match."""

    code = "checksum"


# -- travel permits (permitcheck.travel) ----------------------------------------


class InvalidTravelLength(PermitError, _stdnum.InvalidLength):
    """The travel permit number's length fits no format of the kind its prefix announces."""

    code = "travel_length"


class InvalidTravelCharacters(PermitError, _stdnum.InvalidFormat):
    """A character is not an ASCII digit, a letter or a round bracket."""

    code = "travel_characters"


class InvalidTravelFormat(PermitError, _stdnum.InvalidFormat):
    """The travel permit number's characters are arranged as in no accepted format."""

    code = "travel_format"


# -- links between documents (permitcheck.linking, permitcheck.index) ----------


class LinkError(PermitError, _stdnum.InvalidComponent):
    """Base class of the errors raised when two documents cannot belong to one person.

    Only its subclasses are raised; each has its own code.
    """


class LinkNonChinesePermit(LinkError):
    """An ``HA``/``MA`` permit: its non-Chinese holders cannot hold a residence permit."""

    code = "link_non_chinese"


class LinkRegionMismatch(LinkError):
    """The travel permit kind does not go with the residence permit's region."""

    code = "link_region"


class LinkBirthDateMismatch(LinkError):
    """The birth date read from the travel permit differs from the residence permit's."""

    code = "link_birth_date"


class LinkSexMismatch(LinkError):
    """The sex read from the travel permit differs from the residence permit's."""

    code = "link_sex"


class LinkSwapped(LinkError):
    """A travel permit was given where the residence permit goes: the arguments look swapped."""

    code = "link_swapped"


class IndexConflict(PermitError):
    """A link contradicts a stored one: one of its documents is linked to another document."""

    code = "index_conflict"


# -- pseudonym keys (permitcheck.privacy) ------------------------------------------


class WeakSecret(PermitError):
    """The pseudonym secret is shorter than 32 bytes (a :class:`ValueError`).

    A short or guessable secret is recovered from one known (number,
    pseudonym) pair, and with it every pseudonym is reversed: the numbers
    have few possible values.
    """

    code = "weak_secret"


# -- input rows (the ``permitcheck`` command reads files line by line) -----------
# A row that cannot even be read as text has no number to judge; these codes
# say why, so a report still has exactly one result per input row.


class InvalidEncoding(PermitError, _stdnum.InvalidFormat):
    """The input line is not valid UTF-8."""

    code = "encoding"


class NulCharacter(PermitError, _stdnum.InvalidFormat):
    """The input line contains a NUL character (U+0000)."""

    code = "nul"


class EmptyRow(PermitError, _stdnum.InvalidLength):
    """The input line (or its CSV field) is empty or only white space."""

    code = "empty"


class RowTooLong(PermitError, _stdnum.InvalidLength):
    """The input line is longer than the reader's limit (1 MiB) and was skipped."""

    code = "too_long"


class InvalidCsvRow(PermitError, _stdnum.InvalidFormat):
    """The CSV line is malformed (a quoted field is not closed, or text follows a closing quote)."""

    code = "csv"


class MissingColumn(PermitError, _stdnum.InvalidFormat):
    """The CSV line has fewer fields than the header: the chosen column is missing."""

    code = "column"


class ExcelNumber(PermitError, _stdnum.InvalidFormat):
    """The workbook cell holds an Excel number, not text: its digits (and any X) may be lost."""

    code = "excel_number"


# -- other identity documents (permitcheck.documents, permitcheck.identify) ------


class InvalidMainlandIdLength(PermitError, _stdnum.InvalidLength):
    """The mainland ID number does not have 18 characters."""

    code = "mainland_id_length"


class InvalidMainlandIdCharacters(PermitError, _stdnum.InvalidFormat):
    """A character is not an ASCII digit (or ``X`` in the last place)."""

    code = "mainland_id_characters"


class MainlandIdIsResidencePermit(PermitError, _stdnum.InvalidComponent):
    """The number starts with 810000, 820000 or 830000: it is a residence permit number."""

    code = "mainland_id_residence_permit"


class InvalidMainlandIdProvince(PermitError, _stdnum.InvalidComponent):
    """The first two digits are not a GB/T 2260 province code."""

    code = "mainland_id_province"


class InvalidMainlandIdBirthDate(PermitError, _stdnum.InvalidComponent):
    """The birth date is not a real date from 1900-01-01 to today (UTC+8)."""

    code = "mainland_id_birth_date"


class InvalidMainlandIdChecksum(PermitError, _stdnum.InvalidChecksum):
    """The ISO 7064 MOD 11-2 check character does not match."""

    code = "mainland_id_checksum"


class InvalidMainlandIdAddress(PermitError, _stdnum.InvalidComponent):
    """The address code is not in python-stdnum's table (``strict_address=True`` only)."""

    code = "mainland_id_address"


class InvalidMainlandId15Length(PermitError, _stdnum.InvalidLength):
    """The old mainland ID number does not have 15 digits."""

    code = "mainland_id_15_length"


class InvalidMainlandId15Characters(PermitError, _stdnum.InvalidFormat):
    """A character is not an ASCII digit."""

    code = "mainland_id_15_characters"


class InvalidMainlandId15Province(PermitError, _stdnum.InvalidComponent):
    """The first two digits are not a GB/T 2260 province code."""

    code = "mainland_id_15_province"


class InvalidMainlandId15BirthDate(PermitError, _stdnum.InvalidComponent):
    """Characters 7-12 are not a real date YYMMDD of the 1900s."""

    code = "mainland_id_15_birth_date"


class InvalidForeignResidentLength(PermitError, _stdnum.InvalidLength):
    """The foreign permanent resident number does not have 18 characters."""

    code = "foreign_permanent_resident_length"


class InvalidForeignResidentCharacters(PermitError, _stdnum.InvalidFormat):
    """A character is not an ASCII digit (or ``X`` in the last place)."""

    code = "foreign_permanent_resident_characters"


class InvalidForeignResidentPrefix(PermitError, _stdnum.InvalidComponent):
    """The number does not start with 9."""

    code = "foreign_permanent_resident_prefix"


class InvalidForeignResidentProvince(PermitError, _stdnum.InvalidComponent):
    """Characters 2-3 are not a GB/T 2260 province code."""

    code = "foreign_permanent_resident_province"


class InvalidForeignResidentNationality(PermitError, _stdnum.InvalidComponent):
    """Characters 4-6 are not an ISO 3166-1 numeric country code."""

    code = "foreign_permanent_resident_nationality"


class InvalidForeignResidentBirthDate(PermitError, _stdnum.InvalidComponent):
    """The birth date is not a real date from 1900-01-01 to today (UTC+8)."""

    code = "foreign_permanent_resident_birth_date"


class InvalidForeignResidentChecksum(PermitError, _stdnum.InvalidChecksum):
    """The ISO 7064 MOD 11-2 check character does not match."""

    code = "foreign_permanent_resident_checksum"


class InvalidForeignResident15Length(PermitError, _stdnum.InvalidLength):
    """The old foreign permanent resident number does not have 15 characters."""

    code = "foreign_permanent_resident_15_length"


class InvalidForeignResident15Format(PermitError, _stdnum.InvalidFormat):
    """The number is not 3 letters followed by 12 digits."""

    code = "foreign_permanent_resident_15_format"


class InvalidForeignResident15Nationality(PermitError, _stdnum.InvalidComponent):
    """The 3 letters are not an ISO 3166-1 alpha-3 country code."""

    code = "foreign_permanent_resident_15_nationality"


class InvalidForeignResident15BirthDate(PermitError, _stdnum.InvalidComponent):
    """Characters 8-13 are not a real date YYMMDD."""

    code = "foreign_permanent_resident_15_birth_date"


class InvalidHongKongIdLength(PermitError, _stdnum.InvalidLength):
    """The HKID number does not have 8 or 9 characters (without brackets)."""

    code = "hong_kong_id_length"


class InvalidHongKongIdFormat(PermitError, _stdnum.InvalidFormat):
    """The HKID number is not 1 or 2 letters, 6 digits and a check character."""

    code = "hong_kong_id_format"


class InvalidHongKongIdChecksum(PermitError, _stdnum.InvalidChecksum):
    """The HKID check character does not match."""

    code = "hong_kong_id_checksum"


class InvalidMacaoIdLength(PermitError, _stdnum.InvalidLength):
    """The Macao ID number does not have 8 digits (without brackets)."""

    code = "macao_id_length"


class InvalidMacaoIdFormat(PermitError, _stdnum.InvalidFormat):
    """The Macao ID number is not 8 digits starting with 1, 5 or 7."""

    code = "macao_id_format"


class InvalidTaiwanIdLength(PermitError, _stdnum.InvalidLength):
    """The Taiwan ID number does not have 10 characters."""

    code = "taiwan_id_length"


class InvalidTaiwanIdFormat(PermitError, _stdnum.InvalidFormat):
    """The Taiwan ID number is not a letter, 1 or 2, and 8 digits."""

    code = "taiwan_id_format"


class InvalidTaiwanIdChecksum(PermitError, _stdnum.InvalidChecksum):
    """The Taiwan ID check digit does not match."""

    code = "taiwan_id_checksum"


class InvalidTaiwanResidentCertificateLength(PermitError, _stdnum.InvalidLength):
    """The resident certificate number does not have 10 characters."""

    code = "taiwan_resident_certificate_length"


class InvalidTaiwanResidentCertificateFormat(PermitError, _stdnum.InvalidFormat):
    """The number is not a letter, then A-D, 8 or 9, and 8 digits."""

    code = "taiwan_resident_certificate_format"


class InvalidTaiwanResidentCertificateChecksum(PermitError, _stdnum.InvalidChecksum):
    """The resident certificate check digit does not match."""

    code = "taiwan_resident_certificate_checksum"


class UnknownDocument(PermitError, _stdnum.InvalidFormat):
    """The number has the shape of no document kind permitcheck knows (or of none allowed)."""

    code = "unknown_document"


@attrs.frozen(repr=False)
class Problem:
    """One reason a number is invalid: a stable ``code`` and a plain ``message``.

    >>> Problem.from_code("region").message
    'The number must start with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan).'
    """

    code: ErrorCode
    message: str

    def __repr__(self) -> str:
        # Hand-written: attrs' generated repr costs import time for no gain.
        return f"Problem(code={self.code!r}, message={self.message!r})"

    @classmethod
    def from_code(cls, code: str, /) -> Problem:
        """Return the problem for *code* with its default English message.

        Raises :class:`KeyError` for an unknown code.
        """
        error = error_class(code)
        return cls(error.code, error.message)


def error_class(code: str, /) -> type[PermitError]:
    """Return the exception class for an error *code*.

    Raises :class:`KeyError` for an unknown code.

    >>> error_class("birth_date").__name__
    'InvalidBirthDate'
    >>> error_class("index_corrupt").__name__
    'IndexCorrupt'
    """
    cls = _BY_CODE.get(code)
    if cls is None and code.startswith("index_"):
        # The index file errors subclass sqlite3's errors, so they live in
        # permitcheck.index, imported only when needed.
        import permitcheck.index  # noqa: F401, PLC0415

        cls = _BY_CODE.get(code)
    if cls is None:
        raise KeyError(code)
    return cls
