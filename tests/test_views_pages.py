import json
import re

from django.test import Client
from django.urls import reverse


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
    assert config["historyCacheSize"] == 0
    assert config["timeout"] > 0
    assert {"code": "400", "swap": True, "error": False} in config["responseHandling"]
    assert "/static/django_htmx/htmx-2.min.js" in body
    assert "<script>" not in body and " style=" not in body and "hx-on" not in body


def test_body_carries_the_csrf_token_for_htmx(logged_in_client):
    response = logged_in_client.get(reverse("today"))
    headers = json.loads(re.search(r"<body hx-headers='([^']+)'", response.content.decode()).group(1))
    assert headers["X-CSRFToken"] == response.context["csrf_token"]
