"""Private calendar addresses never reach a log line (routines/log_filters.py)."""

import logging
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse
from gunicorn.config import Config

from routines.log_filters import AccessLogger, HideCalendarTokens

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


def test_gunicorns_access_log_has_no_calendar_token_query_string_or_address(tmp_path):
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    # The format gunicorn.conf.py sets.
    namespace: dict = {}
    exec((settings.BASE_DIR / "gunicorn.conf.py").read_text(), namespace)
    config.set("access_log_format", namespace["access_log_format"])
    logger = AccessLogger(config)
    for path in (f"/calendar/{TOKEN}.ics", "/journal/"):
        environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"{path}?q=my+private+words", "PATH_INFO": path, "QUERY_STRING": "q=my+private+words",
                   "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "Phone"}  # fmt: skip
        logger.access(SimpleNamespace(status="200 OK", headers=[], sent=10), SimpleNamespace(headers=[]), environ, timedelta(milliseconds=3))
    written = (tmp_path / "access.log").read_text()
    assert '"GET /calendar/[hidden].ics" 200' in written and '"GET /journal/" 200' in written
    assert TOKEN not in written and "private" not in written and "203.0.113.9" not in written and "Phone" not in written

