"""Django validators and form fields (extra ``permitcheck[django]``).

The validators raise :class:`django.core.exceptions.ValidationError` with
permitcheck's stable error code as ``code`` and its message in the active
Django language (``zh-hans`` and ``zh-hant`` have their own messages, any
other language gets English) unless ``language=`` fixes one.  They never put
the number in the message or in ``params``.  They are deconstructible, so
migrations can serialise model fields that use them:

.. code-block:: python

    from django.db import models
    from permitcheck.django import ResidencePermitNumberValidator

    class Applicant(models.Model):
        permit = models.CharField(max_length=18, validators=[ResidencePermitNumberValidator()])

A model field's validators check but do not normalise: give forms the fields
below (:class:`ResidencePermitNumberField`, ...), whose ``cleaned_data`` holds
the compact form.

>>> ResidencePermitNumberField().clean("810000 19940823 0021")
'810000199408230021'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

try:
    from django import forms
    from django.core.exceptions import ValidationError
    from django.utils.deconstruct import deconstructible
    from django.utils.translation import get_language
except ImportError as error:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "permitcheck.django needs Django: pip install 'permitcheck[django]'"
    ) from error

from permitcheck import residence, travel
from permitcheck._integration import identity_compact, resolve_language
from permitcheck.errors import PermitError
from permitcheck.messages import MESSAGES

__all__ = [
    "IdentityNumberField",
    "IdentityNumberValidator",
    "ResidencePermitNumberField",
    "ResidencePermitNumberValidator",
    "TravelPermitNumberField",
    "TravelPermitNumberValidator",
]


class _NumberValidator:
    """Validate a number; subclasses name the kind."""

    def __init__(self, *, language: str | None = None) -> None:
        if language is not None and resolve_language(language) is None:
            raise ValueError(f"no messages in {language!r}; use one of en, zh-Hans, zh-Hant")
        self.language = language

    if TYPE_CHECKING:
        # Added by @deconstructible (Django has no type information).
        def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]: ...

    def _convert(self, value: str) -> str:
        raise NotImplementedError

    def _message_language(self) -> str:
        chosen = resolve_language(self.language or get_language())
        return chosen or "en"

    def compact(self, value: str) -> str:
        """Return the compact form of *value*, or raise :class:`ValidationError`."""
        try:
            return self._convert(value)
        except PermitError as error:
            language = self._message_language()
            raise ValidationError(MESSAGES[error.code][language], code=error.code) from None

    def __call__(self, value: str) -> None:
        self.compact(value)

    def _options(self) -> tuple[object, ...]:
        return (type(self), self.language)

    def __eq__(self, other: object) -> bool:
        # Migrations compare validators to detect changes: equal options, equal validators.
        if not isinstance(other, _NumberValidator):
            return NotImplemented
        return self._options() == other._options()

    def __hash__(self) -> int:
        return hash(self._options())


@deconstructible(path="permitcheck.django.ResidencePermitNumberValidator")
class ResidencePermitNumberValidator(_NumberValidator):
    """Check a residence permit number (any spelling :func:`permitcheck.validate` accepts).

    >>> ResidencePermitNumberValidator(language="zh-Hant")("810000199408230022")
    Traceback (most recent call last):
        ...
    django.core.exceptions.ValidationError: ['校驗碼（第 18 位）與號碼其餘部分不符。']
    """

    def _convert(self, value: str) -> str:
        return residence.validate(value)


@deconstructible(path="permitcheck.django.TravelPermitNumberValidator")
class TravelPermitNumberValidator(_NumberValidator):
    """Check a home-return or Taiwan compatriot permit number."""

    def _convert(self, value: str) -> str:
        return travel.validate(value)


@deconstructible(path="permitcheck.django.IdentityNumberValidator")
class IdentityNumberValidator(_NumberValidator):
    """Check a number of any kind :func:`permitcheck.identify` knows, or only of *kinds*."""

    def __init__(self, *, kinds: Iterable[str] | None = None, language: str | None = None) -> None:
        super().__init__(language=language)
        self.kinds = None if kinds is None else tuple(str(kind) for kind in kinds)

    def _options(self) -> tuple[object, ...]:
        return (*super()._options(), self.kinds)

    def _convert(self, value: str) -> str:
        return identity_compact(value, self.kinds)


class _NumberField(forms.CharField):
    """A text field whose ``cleaned_data`` is the compact, validated number."""

    def __init__(self, *, validator: _NumberValidator, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._number_validator = validator

    def clean(self, value: Any) -> Any:
        cleaned = super().clean(value)
        if cleaned in self.empty_values:
            return cleaned
        return self._number_validator.compact(cleaned)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs: dict[str, Any] = super().widget_attrs(widget)
        # Numbers are neither words nor names: no autocorrect, no suggestions.
        attrs.update({"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"})
        return attrs


class ResidencePermitNumberField(_NumberField):
    """A form field for a residence permit number; cleans to the compact form."""

    def __init__(self, *, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(validator=ResidencePermitNumberValidator(language=language), **kwargs)


class TravelPermitNumberField(_NumberField):
    """A form field for a travel permit number; cleans to the compact form."""

    def __init__(self, *, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(validator=TravelPermitNumberValidator(language=language), **kwargs)


class IdentityNumberField(_NumberField):
    """A form field for a number of any kind :func:`permitcheck.identify` knows (or of *kinds*)."""

    def __init__(
        self, *, kinds: Iterable[str] | None = None, language: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(
            validator=IdentityNumberValidator(kinds=kinds, language=language), **kwargs
        )
