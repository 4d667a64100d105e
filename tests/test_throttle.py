"""Guessing slowed down: five failed logins for a name, then fifteen calm minutes; reset emails limited."""

import re
from datetime import timedelta

import pytest

from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from routines.throttle import client_ip
from routines.views.accounts import LOCKED_OUT

from .conftest import PASSWORD

WRONG = "not-the-password"


def log_in(client, username: str, password: str, path: str = "login"):
    return client.post(reverse(path), {"username": username, "password": password})


def calm_words(response) -> list[str]:
    return re.findall(r'<p class="card" role="alert">(.*?)</p>', response.content.decode())


def fail_five_times(client, username: str) -> None:
    for _ in range(5):
        log_in(client, username, WRONG)


def test_five_wrong_passwords_then_the_right_one_is_refused_calmly(client, user):
    for _ in range(4):
        assert log_in(client, "sam", WRONG).status_code == 200
    response = log_in(client, "sam", WRONG)
    assert response.status_code == 429 and calm_words(response) == [escape(LOCKED_OUT)]
    response = log_in(client, "sam", PASSWORD)
    assert response.status_code == 429 and calm_words(response) == [escape(LOCKED_OUT)]
    assert "_auth_user_id" not in client.session


def test_the_locked_out_page_is_the_login_form_with_the_name_kept(client, user):
    fail_five_times(client, "sam")
    body = log_in(client, "sam", PASSWORD).content.decode()
    assert 'name="password"' in body and 'value="sam"' in body and reverse("password_reset") in body


def test_an_unknown_name_gets_the_same_words_so_nothing_tells_whether_it_exists(client, user):
    fail_five_times(client, "sam")
    known = log_in(client, "sam", WRONG)
    fail_five_times(client, "nobody-here")
    unknown = log_in(client, "nobody-here", WRONG)
    assert known.status_code == unknown.status_code == 429
    assert calm_words(known) == calm_words(unknown) == [escape(LOCKED_OUT)]


def test_fifteen_minutes_later_the_right_password_works(client, user, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    fail_five_times(client, "sam")
    time_machine.shift(timedelta(minutes=14))
    assert log_in(client, "sam", PASSWORD).status_code == 429
    time_machine.shift(timedelta(minutes=1, seconds=1))
    response = log_in(client, "sam", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("today")


def test_one_name_locked_out_leaves_other_names_alone(client, user, other_user):
    fail_five_times(client, "sam")
    assert log_in(client, "alex", PASSWORD).status_code == 302


def test_a_success_clears_the_count(client, user):
    for _ in range(4):
        log_in(client, "sam", WRONG)
    assert log_in(client, "sam", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        log_in(client, "sam", WRONG)
    assert log_in(client, "sam", PASSWORD).status_code == 302


def test_the_admin_login_counts_and_is_refused_too(client, admin_user):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "admin", "password": WRONG})
    response = client.post(reverse("admin:login"), {"username": "admin", "password": "password"})
    assert response.status_code == 429 and calm_words(response) == [escape(LOCKED_OUT)]
    assert "_auth_user_id" not in client.session
    # The app's login knows the name is locked too: one count, wherever the tries came from.
    assert log_in(client, "admin", "password").status_code == 429


# The client's address


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_trusted_proxy_the_address_it_saw_counts_not_what_the_client_wrote(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote 1.2.3.4 itself; our proxy appended the address it really came from.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"


def test_behind_two_trusted_proxies_the_second_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"


def test_the_lockout_records_the_forwarded_address_only_behind_a_trusted_proxy(client, user, settings):
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = 1
    client.post(reverse("login"), {"username": "sam", "password": WRONG}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


# Password reset


def ask_for_reset(client, email: str, ip: str = "203.0.113.5"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_reset_emails_stop_after_five_an_hour_with_the_same_calm_answer(client, user):
    for _ in range(5):
        response = ask_for_reset(client, "sam@example.com")
        assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 5
    response = ask_for_reset(client, "SAM@example.com", ip="203.0.113.6")
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 5


def test_reset_emails_flow_again_after_an_hour(client, user, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(6):
        ask_for_reset(client, "sam@example.com")
    assert len(mail.outbox) == 5
    time_machine.shift(timedelta(hours=1, seconds=1))
    ask_for_reset(client, "sam@example.com")
    assert len(mail.outbox) == 6


def test_one_address_asking_for_many_emails_is_limited_too(client, user):
    for number in range(20):
        ask_for_reset(client, f"someone{number}@example.com")
    ask_for_reset(client, "sam@example.com")
    assert mail.outbox == []
    ask_for_reset(client, "sam@example.com", ip="198.51.100.200")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("address", ["/accounts/login/", "/admin/login/"])
def test_a_name_longer_than_any_account_is_refused_calmly_on_both_databases(client, db, address):
    response = client.post(address, {"username": "ü" * 256, "password": " "})
    assert response.status_code == 200 and "Usernames are at most 150 characters" in response.content.decode()


def change_password(client, old: str):
    new = "a-new-long-passphrase"
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


def delete_account(client, password: str):
    return client.post(reverse("account_delete"), {"password": password})


@pytest.mark.parametrize("attempt", [change_password, delete_account], ids=["changing the password", "deleting the account"])
def test_guessing_the_password_while_logged_in_is_paused_like_a_login(logged_in_client, user, attempt):
    for _ in range(4):
        assert attempt(logged_in_client, WRONG).status_code in (200, 400)  # the form again, with its message
    response = attempt(logged_in_client, WRONG)
    assert response.status_code == 429 and "paused for 15 minutes" in response.content.decode()
    # Even the right password waits now, and nothing changed or went.
    assert attempt(logged_in_client, PASSWORD).status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # The pause is the login's too: the name is paused everywhere.
    assert log_in(Client(), "sam", PASSWORD).status_code == 429


def test_the_right_password_while_logged_in_still_works(logged_in_client, user):
    assert change_password(logged_in_client, PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase")
