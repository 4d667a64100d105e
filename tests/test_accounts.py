"""Sessions: an idle timeout, and logging out on every other device (routines/accounts.py)."""

from datetime import datetime, timedelta, timezone

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from routines.models import User

from .conftest import PASSWORD

START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


def log_in(user: User) -> Client:
    """Through the login page, as a person does (the login throttle needs the request)."""
    device = Client()
    response = device.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("today")
    return device


def stored_end(device: Client) -> datetime:
    return Session.objects.get(session_key=device.session.session_key).expire_date


def test_a_session_ends_after_thirty_days_without_a_visit(user, time_machine):
    time_machine.move_to(START, tick=False)
    device = log_in(user)
    assert stored_end(device) == START + 30 * DAY
    time_machine.move_to(START + 30 * DAY + timedelta(minutes=1), tick=False)
    response = device.get(reverse("today"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_each_visit_after_half_the_time_moves_the_end_on(user, time_machine):
    time_machine.move_to(START, tick=False)
    device = log_in(user)
    time_machine.move_to(START + 16 * DAY, tick=False)
    response = device.get(reverse("today"))
    assert response.status_code == 200
    assert stored_end(device) == START + 46 * DAY
    assert response.cookies["sessionid"]["max-age"] == 30 * 24 * 60 * 60
    time_machine.move_to(START + 45 * DAY, tick=False)
    assert device.get(reverse("today")).status_code == 200


def test_a_visit_early_in_the_session_writes_nothing(user, time_machine, django_assert_num_queries):
    time_machine.move_to(START, tick=False)
    device = log_in(user)
    device.get(reverse("help"))
    time_machine.move_to(START + 2 * DAY, tick=False)
    with django_assert_num_queries(4) as queries:  # the session, the user, My support's two lists
        response = device.get(reverse("help"))
    assert not [query for query in queries.captured_queries if not query["sql"].startswith("SELECT")]
    assert "sessionid" not in response.cookies
    assert stored_end(device) == START + 30 * DAY


def test_a_session_from_before_stored_end_dates_gets_one(user, time_machine):
    time_machine.move_to(START, tick=False)
    device = log_in(user)
    session = device.session
    del session["_session_expiry"]
    session.save()
    time_machine.move_to(START + DAY, tick=False)
    device.get(reverse("today"))
    assert stored_end(device) == START + 31 * DAY


@pytest.mark.parametrize("days", [7, 90])
def test_the_idle_time_comes_from_the_settings(user, settings, time_machine, days):
    settings.SESSION_COOKIE_AGE = days * 24 * 60 * 60
    time_machine.move_to(START, tick=False)
    assert stored_end(log_in(user)) == START + days * DAY


def test_logging_out_elsewhere_ends_every_other_session_and_keeps_this_one(user, other_user):
    phone, laptop, tablet = log_in(user), log_in(user), log_in(user)
    someone_else = log_in(other_user)
    response = phone.post(reverse("log_out_elsewhere"))
    assert response.status_code == 302 and response.url == reverse("settings")
    assert "You are still logged in here" in phone.get(response.url).content.decode()
    for device in (laptop, tablet):
        answer = device.get(reverse("today"))
        assert answer.status_code == 302 and answer.url.startswith(reverse("login"))
    assert someone_else.get(reverse("today")).status_code == 200
    user.refresh_from_db()
    assert user.session_version == 1 and user.check_password(PASSWORD)
    # Logging in again on the laptop works as ever.
    assert log_in(user).get(reverse("today")).status_code == 200


def test_logging_out_elsewhere_twice_keeps_this_session(user):
    phone, laptop = log_in(user), log_in(user)
    phone.post(reverse("log_out_elsewhere"))
    laptop = log_in(user)
    phone.post(reverse("log_out_elsewhere"))
    assert phone.get(reverse("today")).status_code == 200
    assert laptop.get(reverse("today")).status_code == 302
    user.refresh_from_db()
    assert user.session_version == 2


def test_sessions_from_before_the_version_field_stay_logged_in(user):
    """Version 0 hashes exactly as Django does, so deploying this logs nobody out."""
    assert user.session_version == 0
    assert user.get_session_auth_hash() == AbstractBaseUser._get_session_auth_hash(user)
    user.session_version = 1
    assert user.get_session_auth_hash() != AbstractBaseUser._get_session_auth_hash(user)


def test_an_old_secret_key_still_verifies_a_raised_version(user, settings):
    user.session_version = 3
    old = user.get_session_auth_hash()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert old in list(user.get_session_auth_fallback_hash())
    assert old != user.get_session_auth_hash()
