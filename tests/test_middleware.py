import gzip
from datetime import date

import brotli
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from routines.models import DayRecord, JournalEntry


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


# Private pages stay private

PRIVATE = {"no-store", "private"}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_every_answer_to_a_logged_in_person_stays_out_of_caches(logged_in_client, habit, on_thursday):
    htmx = {"HX-Request": "true"}
    answers = {
        "page": logged_in_client.get(reverse("today")),
        "partial": logged_in_client.get(reverse("week"), headers=htmx),
        "editor": logged_in_client.get(reverse("week_day", args=[habit.pk, date(2026, 11, 25)])),
        "habit page": logged_in_client.get(reverse("habit", args=[habit.pk])),
        "nothing new": logged_in_client.get(reverse("nudges"), {"shown": "none"}, headers=htmx),
        "redirect": logged_in_client.post(reverse("check_off", args=[habit.pk]), {"state": "done", "day": "2026-11-26"}),
        "htmx write": logged_in_client.post(reverse("check_off", args=[habit.pk]), {"state": "none", "day": "2026-11-26"}, headers=htmx),
        "bad input": logged_in_client.post(reverse("check_off", args=[habit.pk]), {"state": "toggle", "day": "2026-11-26"}),
        "not found": logged_in_client.get(reverse("habit", args=[habit.pk + 1000])),
    }
    assert answers["nothing new"].status_code == 204 and answers["redirect"].status_code == 302
    for name, response in answers.items():
        assert PRIVATE <= cache_control(response), name


def test_public_pages_are_left_as_they_are_and_the_feed_keeps_its_own_rule(logged_in_client, user):
    assert cache_control(Client().get(reverse("landing"))) == set()
    assert PRIVATE <= cache_control(Client().get(reverse("login")))  # Django's own never_cache
    user.calendar_token = "a-long-unguessable-token-for-tests-only-1234"
    user.save()
    feed = logged_in_client.get(reverse("calendar_feed", args=[user.calendar_token]))
    assert cache_control(feed) == {"private", "max-age=3600"}


def test_static_files_keep_their_year_long_cache_and_go_out_in_brotli_to_a_browser_that_takes_it(logged_in_client, user, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    settings.WHITENOISE_AUTOREFRESH = settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    production = Client()  # a new client builds its middleware from these settings
    production.force_login(user)
    response = production.get(static("css/app.css"))
    assert response.status_code == 200 and "/app." in static("css/app.css") and static("css/app.css") != "/static/css/app.css"
    assert cache_control(response) == {"max-age=315360000", "public", "immutable"}
    script = production.get(static("js/app.js"), headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    original = (settings.BASE_DIR / "static/js/app.js").read_bytes()
    assert script["Content-Encoding"] == "br" and brotli.decompress(b"".join(script.streaming_content)) == original
    assert production.get(static("js/app.js"), headers={"Accept-Encoding": "gzip"})["Content-Encoding"] == "gzip"


GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_pages_and_htmx_answers_are_sent_compressed(logged_in_client, habit):
    page = logged_in_client.get(reverse("today"), headers=GZIP)
    assert page["Content-Encoding"] == "gzip" and "Accept-Encoding" in page["Vary"]
    assert habit.name in gzip.decompress(page.content).decode()
    assert len(page.content) < len(gzip.decompress(page.content)) / 3
    row = logged_in_client.post(
        reverse("check_off", args=[habit.pk]), {"state": "done", "day": "2026-11-26"}, headers={**GZIP, "HX-Request": "true"}
    )
    assert row["Content-Encoding"] == "gzip"


def test_an_answer_that_can_reflect_a_query_next_to_private_words_is_not_compressed(logged_in_client, user):
    """BREACH: a Journal search shows the words searched for beside the person's own writing."""
    JournalEntry.objects.create(owner=user, day=date(2026, 11, 20), text="a secret walk by the river")
    response = logged_in_client.get(reverse("journal"), {"q": "river"}, headers=GZIP)
    assert "Content-Encoding" not in response and "a secret walk by the river" in response.content.decode()


def test_a_browser_that_asks_for_no_compression_gets_none(logged_in_client):
    assert "Content-Encoding" not in logged_in_client.get(reverse("today"))


DOCUMENT_ONLY = ["Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy"]


def test_an_htmx_answer_comes_without_the_headers_only_a_document_uses(user, habit):
    """Its page brought them; on a phone's slow link a check-off's headers outweighed its row."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    page = strict.get(reverse("today"))
    assert all(page.has_header(header) for header in DOCUMENT_ONLY)
    token = page.cookies["csrftoken"].value
    row = strict.post(
        reverse("check_off", args=[habit.pk]),
        {"state": "done", "day": "2026-11-26"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert row.status_code == 200 and f'id="habit-{habit.pk}"' in row.content.decode()
    assert not any(row.has_header(header) for header in DOCUMENT_ONLY)
    assert row["X-Content-Type-Options"] == "nosniff" and row["Cache-Control"] == "no-store, private"
    assert "csrftoken" not in row.cookies  # the browser has this one, renewed with the page
    assert DayRecord.objects.get(habit=habit).status == "done"


def test_an_htmx_answer_still_sets_a_csrf_cookie_the_browser_does_not_have(logged_in_client, habit):
    row = logged_in_client.get(reverse("today_row", args=[habit.pk]), {"day": "2026-11-26"}, headers={"HX-Request": "true"})
    assert row.status_code == 200 and row.cookies["csrftoken"].value
    assert not row.has_header("Content-Security-Policy")
