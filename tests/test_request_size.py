"""Request bodies over the documented limit are refused before they are read; every text field has a limit."""

from datetime import date

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.test import Client
from django.urls import reverse

from routines.forms import (
    CellForm,
    CheckOffForm,
    DayNoteForm,
    HabitForm,
    MeasureForm,
    PasswordChangeForm,
    PauseForm,
    PushSubscriptionForm,
    RestoreForm,
    SetPasswordForm,
    SettingsForm,
    SignUpForm,
    SupportContactForm,
    SupportItemForm,
)
from routines.forms.journal import CheckInForm
from routines.forms.starter import StarterChoiceForm
from routines.models import DayRecord, JournalEntry


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read


def announcing(client: Client, url: str, length: int, **headers):
    return client.post(url, content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=str(length), **{"wsgi.input": Unreadable()}, headers=headers)


def test_a_body_over_the_limit_is_refused_unread_with_a_plain_message(logged_in_client, habit, settings):
    response = announcing(logged_in_client, reverse("check_off", args=[habit.pk]), settings.MAX_REQUEST_BYTES + 1)
    assert response.status_code == 413
    assert "(up to 2.5 MB)" in response.content.decode() and "nothing was saved" in response.content.decode()
    assert not DayRecord.objects.exists()


def test_the_limit_holds_for_htmx_and_logged_out_requests_too(client, settings):
    response = announcing(client, reverse("signup"), 50 * 1024 * 1024, **{"HX-Request": "true"})
    assert response.status_code == 413


def test_a_form_up_to_the_limit_is_read_as_usual(logged_in_client, on_thursday, settings):
    # A journal entry too long to save: read, and answered next to the field (not a 413).
    text = "x" * 20_000
    response = logged_in_client.post(reverse("check_in", args=[date(2026, 11, 26)]), {"text": text})
    assert response.status_code == 400 and "Please shorten it a little" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_an_upload_route_takes_more_up_to_its_own_limit(logged_in_client, settings):
    settings.UPLOAD_ROUTES = {"settings": settings.MAX_UPLOAD_BYTES}  # standing in for the import
    over_forms = settings.MAX_REQUEST_BYTES + 1
    assert announcing(logged_in_client, reverse("today"), over_forms).status_code == 413
    assert announcing(logged_in_client, reverse("settings"), settings.MAX_UPLOAD_BYTES + 1).status_code == 413
    # Under its own limit the request goes on to the view (which reads it: this body holds nothing).
    response = logged_in_client.post(reverse("settings"), b"", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=str(over_forms))
    assert response.status_code != 413


def test_the_documented_limits():
    from django.conf import settings

    assert settings.MIDDLEWARE[0] == "routines.middleware.RequestSizeLimitMiddleware"
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.MAX_REQUEST_BYTES == 2_621_440
    assert settings.MAX_UPLOAD_BYTES == 20 * 1024 * 1024


def test_an_email_longer_than_its_column_is_refused_in_plain_words(logged_in_client, user):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"  # a valid address, over 254 characters
    data = {"time_zone": "UTC", "day_start_hour": "0", "week_start": "0", "email": email}
    response = logged_in_client.post(reverse("settings"), data)
    assert response.status_code == 400
    assert "Please use an email address of at most 254 characters." in response.content.decode()
    user.refresh_from_db()
    assert user.email == "sam@example.com"


# Every form someone types into; password boxes are bounded by the request size (hashing
# does not grow with length) and are never shown back.
FORMS = [
    SignUpForm(),
    SettingsForm(),
    HabitForm(owner=None),
    RestoreForm(owner=None),
    StarterChoiceForm(),
    CheckInForm(offered=[]),
    SupportContactForm(),
    SupportItemForm(),
    PauseForm(today=date(2026, 11, 26)),
    PushSubscriptionForm(),
]


@pytest.mark.parametrize("form", [AuthenticationForm(), PasswordResetForm()], ids=lambda form: type(form).__name__)
def test_djangos_own_login_and_reset_forms_have_limits_too(form):
    assert all(field.max_length for field in form.fields.values() if not isinstance(field.widget, forms.PasswordInput))


@pytest.mark.parametrize("form", FORMS, ids=lambda form: type(form).__name__)
def test_every_text_field_has_a_size_limit_with_a_plain_message(form):
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        if (type(form), name) == (SignUpForm, "time_zone"):
            continue  # filled in by the browser; anything but a known zone becomes UTC, never an error
        assert field.max_length, f"{name} has no max_length"
        message = field.error_messages.get("max_length", "")
        assert message and "Ensure this value" not in message, f"{name}: {message!r}"
