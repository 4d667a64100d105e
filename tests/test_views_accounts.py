import re

import pytest
from django.core import mail
from django.urls import reverse

from routines.forms import SignUpForm
from routines.models import User

from .conftest import PASSWORD

NEW_PASSWORD = "a-quiet-evening-77"


def sign_up_data(**overrides) -> dict[str, str]:
    return {
        "username": "robin",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "America/Chicago",
        **overrides,
    }


# Landing


def test_landing_offers_sign_up_and_log_in_to_visitors(client):
    response = client.get(reverse("landing"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{reverse("signup")}"' in body and ">Sign up<" in body
    assert f'href="{reverse("login")}"' in body and ">Log in<" in body


def test_landing_sends_people_who_are_logged_in_to_today(logged_in_client):
    response = logged_in_client.get(reverse("landing"))
    assert response.status_code == 302 and response.url == reverse("today")


# Sign up


def test_sign_up_page_explains_why_an_email_helps(client):
    response = client.get(reverse("signup"))
    assert response.status_code == 200
    assert "reset a forgotten password" in response.content.decode()
    assert 'name="time_zone"' in response.content.decode()


def test_sign_up_creates_the_account_logs_in_and_offers_the_starter_checklist(client, db):
    response = client.post(reverse("signup"), sign_up_data(email="robin@example.com"))
    assert response.status_code == 302 and response.url == reverse("welcome")
    person = User.objects.get(username="robin")
    assert person.email == "robin@example.com"
    assert person.time_zone == "America/Chicago"
    assert person.check_password(PASSWORD)
    assert client.get(reverse("today")).status_code == 200


def test_sign_up_without_email_works(client, db):
    client.post(reverse("signup"), sign_up_data())
    assert User.objects.get(username="robin").email == ""


@pytest.mark.parametrize("time_zone", ["", "Not/AZone", "<script>"])
def test_sign_up_with_an_unknown_time_zone_starts_in_utc(client, db, time_zone):
    client.post(reverse("signup"), sign_up_data(time_zone=time_zone))
    assert User.objects.get(username="robin").time_zone == "UTC"


def test_sign_up_with_a_taken_username_in_other_case_says_so_next_to_the_field(client, user):
    response = client.post(reverse("signup"), sign_up_data(username=user.username.upper()))
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert User.objects.filter(username__iexact=user.username).count() == 1


def test_sign_up_with_mismatched_passwords_keeps_the_username(client, db):
    response = client.post(reverse("signup"), sign_up_data(password2="something-else-12"))
    assert response.status_code == 400
    assert 'value="robin"' in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_sends_people_who_are_logged_in_to_today(logged_in_client):
    assert logged_in_client.get(reverse("signup")).url == reverse("today")


# Log in and out


def test_log_in_with_username_and_password(client, user):
    response = client.post(reverse("login"), {"username": "sam", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("today")


def test_log_in_with_a_wrong_password_stays_on_the_form(client, user):
    response = client.post(reverse("login"), {"username": "sam", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_log_out_needs_post(logged_in_client):
    assert logged_in_client.get(reverse("logout")).status_code == 405
    response = logged_in_client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("landing")
    assert logged_in_client.get(reverse("today")).status_code == 302


# Password change and reset


def test_password_change_requires_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_password_change_works_and_keeps_you_logged_in(logged_in_client, user):
    response = logged_in_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_client.get(reverse("today")).status_code == 200


def test_password_reset_sends_a_link_that_sets_a_new_password(client, user):
    response = client.post(reverse("password_reset"), {"email": "SAM@example.com"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.com"]
    assert "Selfcare" in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(client, user):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_username_taken_after_the_check_gets_the_forms_message(client, user, monkeypatch):
    monkeypatch.setattr(SignUpForm, "clean_username", lambda form: form.cleaned_data["username"])
    monkeypatch.setattr(SignUpForm, "validate_unique", lambda form: None)  # as when the other sign-up lands right after it
    response = client.post(reverse("signup"), sign_up_data(username=user.username))
    assert response.status_code == 400
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.filter(username=user.username).count() == 1
