import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse
from django.views.defaults import permission_denied


def test_help_is_public_and_offers_tappable_numbers(client, db):
    response = client.get(reverse("help"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:988"' in body and 'href="sms:988"' in body
    assert 'href="tel:+18006624357"' in body and "1-800-662-HELP (4357)" in body
    assert "not a substitute for professional diagnosis or treatment" in body


def test_every_page_links_to_help_in_its_footer(logged_in_client):
    for page_client, name in ((Client(), "landing"), (logged_in_client, "today"), (logged_in_client, "settings")):
        footer = page_client.get(reverse(name)).content.decode().split('<footer class="footer">')[1]
        assert f'href="{reverse("help")}"' in footer


def test_navigation_names_today_and_settings_and_marks_the_current_page(logged_in_client):
    body = logged_in_client.get(reverse("today")).content.decode()
    nav = body.split('<nav class="tabbar" aria-label="Main">')[1].split("</nav>")[0]
    assert re.search(rf'href="{reverse("today")}" aria-current="page">.*Today</a>', nav)
    assert re.search(rf'href="{reverse("settings")}" >.*Settings</a>', nav)


def test_htmx_is_configured_for_a_strict_csp_and_no_history_cache(client, db):
    body = client.get(reverse("landing")).content.decode()
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", body).group(1))
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False
    assert "style" not in config["attributesToSettle"]
    assert config["historyCacheSize"] == 0
    assert config["timeout"] > 0
    assert {"code": "400", "swap": True, "error": False} in config["responseHandling"]
    assert "/static/django_htmx/htmx-2.min.js" in body
    assert "<script>" not in body and " style=" not in body and "hx-on" not in body


def test_body_carries_the_csrf_token_for_htmx(logged_in_client):
    response = logged_in_client.get(reverse("today"))
    headers = json.loads(re.search(r"<body hx-headers='([^']+)'", response.content.decode()).group(1))
    assert headers["X-CSRFToken"] == response.context["csrf_token"]


# The app's own error pages: its look, Get help, a way back, and nothing about the server.


def assert_is_a_calm_error_page(response, status: int, heading: str) -> None:
    body = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in body
    assert '<header class="topbar">' in body and '/static/css/app.css"' in body
    assert body.count(f'href="{reverse("help")}"') >= 2 and f'href="{reverse("landing")}"' in body
    for detail in ("Django", "Traceback", "Exception", "settings", "Server", "/work", "sqlite", "psycopg", "SELECT"):
        assert detail not in body, detail
    assert 'id="nudges"' not in body and 'class="tabbar"' not in body


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


def test_a_missing_page_is_the_apps_own_404_without_the_address_echoed(client, db, production):
    response = client.get("/no-such-page/<b>here</b>")
    assert_is_a_calm_error_page(response, 404, "This page isn't here")
    assert "no-such-page" not in response.content.decode()


def test_another_persons_habit_is_the_same_404(logged_in_client, other_habit, production):
    assert_is_a_calm_error_page(logged_in_client.get(reverse("habit", args=[other_habit.pk])), 404, "This page isn't here")


def test_a_bad_request_is_the_apps_own_400(client, db, production):
    production.ALLOWED_HOSTS = ["selfcare.example"]
    response = client.get(reverse("landing"), HTTP_HOST="elsewhere.example")
    assert_is_a_calm_error_page(response, 400, "That request didn't work")
    assert "elsewhere.example" not in response.content.decode()


def test_a_refused_request_is_the_apps_own_403(rf, production):
    response = permission_denied(rf.get("/admin/"), PermissionDenied())
    assert_is_a_calm_error_page(response, 403, "This page isn't available to you")


def test_a_failing_page_is_the_apps_own_500_with_the_helplines_directory(user, production, monkeypatch):
    def broken(request):
        raise RuntimeError("a secret detail of the server")

    monkeypatch.setattr("routines.views.pages.help_page", broken)
    visitor = Client(raise_request_exception=False)
    visitor.force_login(user)
    response = visitor.get(reverse("help"))
    assert_is_a_calm_error_page(response, 500, "Something went wrong on our side")
    body = response.content.decode()
    assert "a secret detail" not in body and 'href="https://findahelpline.com/"' in body


def test_the_500_page_works_with_the_database_down(user, production, monkeypatch):
    visitor = Client(raise_request_exception=False)
    visitor.force_login(user)

    def unreachable(self):
        raise OperationalError("could not connect to server: Connection refused")

    with monkeypatch.context() as database_down:
        database_down.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
        response = visitor.get(reverse("today"))
    assert_is_a_calm_error_page(response, 500, "Something went wrong on our side")
    assert "Connection refused" not in response.content.decode()
    assert "'none'" in response["Content-Security-Policy"]


def test_error_pages_send_the_security_headers(client, db, production):
    response = client.get("/no-such-page/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
