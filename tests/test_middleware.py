from django.test import Client
from django.urls import reverse

from routines.models import DayRecord


def test_an_expired_session_sends_htmx_to_the_login_page_as_a_whole_page(client, habit):
    response = client.post(
        reverse("check_off", args=[habit.pk]),
        {"state": "done", "day": "2026-11-26"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/today/"},
    )
    assert response.status_code == 200 and response.content == b""
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Ftoday%2F"
    assert not DayRecord.objects.exists()


def test_an_expired_session_on_a_plain_post_comes_back_to_the_page_after_login(client, habit, user):
    response = client.post(
        reverse("check_off", args=[habit.pk]), {"state": "done", "day": "2026-11-26"}, HTTP_REFERER="http://testserver/today/"
    )
    assert response.status_code == 302 and response.url == "/accounts/login/?next=%2Ftoday%2F"
    login_page = client.get(response.url).content.decode()
    assert "You were logged out, so that last change wasn" in login_page
    after = client.post(response.url, {"username": "sam", "password": "a-calm-morning-42", "next": "/today/"})
    assert after.url == "/today/"


def test_a_referer_from_elsewhere_is_not_followed(client, habit):
    response = client.post(reverse("habit_archive", args=[habit.pk]), HTTP_REFERER="https://evil.example/phish")
    assert response.url == "/accounts/login/?next=%2Ftoday%2F"


def test_a_plain_get_keeps_djangos_own_next(client):
    response = client.get("/routine/")
    assert response.url == "/accounts/login/?next=/routine/"


def test_a_stale_csrf_token_refreshes_an_htmx_page_with_a_note(habit, user):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(reverse("check_off", args=[habit.pk]), {"state": "done"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    assert "open a while" in strict.get(reverse("today")).content.decode()
    assert not DayRecord.objects.exists()


def test_a_stale_csrf_token_on_a_plain_form_is_a_calm_page(habit, user):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(reverse("check_off", args=[habit.pk]), {"state": "done"})
    assert response.status_code == 403 and "Please try again" in response.content.decode()


def test_a_current_url_or_referer_that_is_not_a_url_of_ours_sends_back_to_today(client, habit):
    htmx = client.post(
        reverse("check_off", args=[habit.pk]), {"state": "done"}, headers={"HX-Request": "true", "HX-Current-URL": "http://["}
    )
    assert htmx["HX-Redirect"] == "/accounts/login/?next=%2Ftoday%2F"
    plain = client.post(reverse("check_off", args=[habit.pk]), {"state": "done"}, HTTP_REFERER="foo")
    assert plain.url == "/accounts/login/?next=%2Ftoday%2F"
