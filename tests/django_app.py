"""A minimal Django project for tests/test_django.py: settings, a form, a view, URLs.

The settings are applied by the test module with ``settings.configure``; nothing
here needs a database.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, JsonResponse
from django.urls import path

from permitcheck.django import (
    IdentityNumberField,
    ResidencePermitNumberField,
    TravelPermitNumberField,
)

SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "tests-only-not-secret",
    "ROOT_URLCONF": "django_app",
    "ALLOWED_HOSTS": ["testserver"],
    "INSTALLED_APPS": [],
    "DATABASES": {},
    "MIDDLEWARE": ["django.middleware.locale.LocaleMiddleware"],
    "USE_I18N": True,
    "LANGUAGE_CODE": "en",
    "LANGUAGES": [("en", "English"), ("zh-hans", "简体中文"), ("zh-hant", "繁體中文")],
    "LOGGING_CONFIG": None,
}


class RealNameForm(forms.Form):  # type: ignore[misc]  # Django is untyped
    name = forms.CharField(max_length=64)
    residence_permit = ResidencePermitNumberField()
    travel_permit = TravelPermitNumberField(required=False)
    any_document = IdentityNumberField(required=False)


def real_name(request: HttpRequest) -> JsonResponse:
    form = RealNameForm(request.POST)
    if form.is_valid():
        return JsonResponse({"status": "accepted"})
    return JsonResponse({"errors": form.errors.get_json_data()}, status=422)


urlpatterns = [path("real-name", real_name)]
