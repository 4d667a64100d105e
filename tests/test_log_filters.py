"""Private calendar addresses never reach a log line (routines/log_filters.py)."""

import logging

from django.urls import reverse

from routines.log_filters import HideCalendarTokens

TOKEN = "a-secret-calendar-token-that-must-stay-private-123"


def test_a_wrong_calendar_address_is_logged_without_its_token(client, db, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("calendar_feed", args=[TOKEN])).status_code == 404
    assert "Not Found: /calendar/[hidden].ics" in caplog.text
    assert TOKEN not in caplog.text
    assert all(TOKEN not in str(record.args) for record in caplog.records)


def test_a_calendar_address_with_a_query_is_logged_without_its_token(user, client, caplog):
    user.calendar_token = TOKEN
    user.save()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.put(reverse("calendar_feed", args=[TOKEN]) + "?download=1")  # 405: logged as well
    assert "/calendar/[hidden].ics" in caplog.text and TOKEN not in caplog.text


def test_the_development_servers_request_lines_hide_the_token():
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s', (f"GET /calendar/{TOKEN}.ics?download=1 HTTP/1.1", "200", "512"), None)
    assert HideCalendarTokens().filter(record)
    assert record.getMessage() == '"GET /calendar/[hidden].ics?download=1 HTTP/1.1" 200 512'


def test_other_log_lines_are_left_as_they_are():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/habits/12/",), None)
    assert HideCalendarTokens().filter(record)
    assert record.getMessage() == "Not Found: /habits/12/" and record.args == ("/habits/12/",)
