"""Installing Selfcare: the manifest, the icons, the service worker and its offline page."""

import json
import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from routines.views import install

ICONS = ["icons/icon-192.png", "icons/icon-512.png", "icons/icon-maskable-512.png", "icons/apple-touch-icon.png"]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_the_manifest_names_the_app_its_start_its_icons_and_shortcuts(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    assert cache_control(response) == {"public", "max-age=86400"}
    manifest = json.loads(response.content)
    assert manifest["name"] == manifest["short_name"] == "Selfcare"
    assert manifest["start_url"] == "/today/" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == manifest["background_color"] == "#f6f4ef"
    assert [icon["src"] for icon in manifest["icons"]] == [static(path) for path in ICONS[:3]]
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}
    assert [(s["name"], s["url"]) for s in manifest["shortcuts"]] == [("Today", "/today/"), ("Week", "/week/"), ("Journal", "/journal/")]


def test_every_page_links_the_manifest_and_the_apple_touch_icon(client):
    body = client.get(reverse("landing")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert f'<link rel="apple-touch-icon" href="{static("icons/apple-touch-icon.png")}">' in body


@pytest.fixture
def production(user, settings, tmp_path) -> Client:
    """Static files as they are served live: hashed names, from collectstatic's folder."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    settings.WHITENOISE_AUTOREFRESH = settings.WHITENOISE_USE_FINDERS = False
    settings.DEBUG = False
    call_command("collectstatic", interactive=False, verbosity=0)
    install.cached_worker_source.cache_clear()
    yield Client()
    install.cached_worker_source.cache_clear()


@pytest.mark.parametrize("path", ICONS)
def test_icons_are_png_files_with_a_long_cache(production, path):
    response = production.get(static(path))
    assert static(path) != f"/static/{path}"  # hashed, so a year-long cache is safe
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG\r\n\x1a\n")
    assert cache_control(response) == {"max-age=315360000", "public", "immutable"}


def test_the_manifest_points_at_the_hashed_icons(production):
    manifest = json.loads(production.get("/manifest.webmanifest").content)
    for icon in manifest["icons"]:
        assert production.get(icon["src"]).status_code == 200 and "." in icon["src"].rsplit("/", 1)[1].removesuffix(".png")


def test_the_service_worker_is_served_from_the_root_and_checked_on_every_visit(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"] == "text/javascript; charset=utf-8"
    assert cache_control(response) == {"no-cache"}
    first_line = response.content.decode().splitlines()[0]
    settings_json = json.loads(first_line.removeprefix("const SETTINGS = ").removesuffix(";"))
    assert "/offline/" in settings_json["precache"] and static("css/app.css") in settings_json["precache"]
    # The taps kept offline are sent by the worker with the pages' own code, kept for the offline page too.
    assert settings_json["taps"] == static("js/taps.js") and {settings_json["taps"], static("js/app.js")} <= set(settings_json["precache"])
    assert all(client.get(url).status_code == 200 for url in settings_json["precache"] if not url.startswith("/static/"))


def test_the_worker_keeps_the_hashed_static_files_so_its_version_follows_them(production):
    live = json.loads(production.get("/sw.js").content.decode().splitlines()[0].removeprefix("const SETTINGS = ").removesuffix(";"))
    assert static("js/app.js") in live["precache"] and static("js/app.js") != "/static/js/app.js"
    assert all(production.get(url).status_code == 200 for url in live["precache"])
    assert len(live["version"]) == 16


def test_the_offline_page_is_calm_public_and_lists_crisis_lines(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("offline"))
    body = response.content.decode()
    assert response.status_code == 200 and "public" in cache_control(response)
    assert "You're offline right now" in body and "kept on this phone and sent when you're back online" in body
    assert 'href="tel:988"' in body and 'href="tel:116123"' in body and 'href="tel:112"' in body
    # Its only scripts list and send the taps kept on the phone; both are kept by the worker too.
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts == [f'<script src="{static(path)}" defer>' for path in ("js/app.js", "js/taps.js")]
    assert "findahelpline.com" in body


def test_the_offline_page_is_the_same_for_a_logged_in_person(client, user):
    anonymous = client.get(reverse("offline")).content
    client.force_login(user)
    assert client.get(reverse("offline")).content == anonymous and user.username.encode() not in anonymous


def test_logging_out_asks_the_browser_to_empty_its_cache(logged_in_client):
    response = logged_in_client.post(reverse("logout"))
    assert response.status_code == 302 and response["Clear-Site-Data"] == '"cache"'


def test_other_answers_leave_the_browsers_cache_alone(logged_in_client):
    assert not logged_in_client.get(reverse("today")).has_header("Clear-Site-Data")


def test_the_landing_page_after_logging_out_empties_the_workers_caches(client):
    assert b"data-logged-out" in client.get(reverse("landing")).content

