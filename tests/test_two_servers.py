"""Two app servers, one PostgreSQL: nothing lives in an app process, so a person can be served by either.

Each server is gunicorn with the production settings (gunicorn.conf.py) on its own loopback
port, against the test database. One login works on both; a check-off made through one is
what the other shows.
"""

import os
import re
from datetime import date
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.conf import global_settings
from django.db import connection

from routines.days import user_today
from routines.models import DayRecord, Habit, User

from .test_load import app_processes

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql"},
    reason="several app servers share a PostgreSQL database (DATABASE_URL=postgres://...); SQLite is one machine's file",
)
PASSWORD = "two-servers-one-database"


class Device:
    """A browser: one cookie jar, whichever server it talks to (cookies do not depend on the port)."""

    def __init__(self) -> None:
        self.cookies = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == name)

    def get(self, url: str) -> tuple[int, str, str]:
        with self.opener.open(url, timeout=15) as response:
            return response.status, response.url, response.read().decode()

    def post(self, url: str, data: dict, headers: dict | None = None) -> tuple[int, str, str]:
        request = Request(url, urlencode(data).encode(), headers={"X-CSRFToken": self.cookie("csrftoken"), **(headers or {})})
        with self.opener.open(request, timeout=15) as response:
            return response.status, response.url, response.read().decode()


def test_a_login_and_a_check_off_through_one_server_are_seen_through_the_other(transactional_db, tmp_path, settings):
    assert connection.vendor == "postgresql"
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # the servers' own, to log in with
    user = User.objects.create_user("sky", password=PASSWORD, time_zone="UTC")
    walk = Habit.objects.create(owner=user, name="Walk in the park", start_date=date(2026, 1, 1))
    today = user_today(user)
    db = connection.settings_dict  # the test database, whose rows this test has committed
    database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    phone = Device()
    with app_processes(database_url, 2, tmp_path, threads=2) as ((first, second), logs):
        _, _, page = phone.get(f"{first}/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, landed, _ = phone.post(f"{first}/accounts/login/", {"username": "sky", "password": PASSWORD, "csrfmiddlewaretoken": token})
        assert status == 200 and landed == f"{first}/today/"

        # The same session on the other server: logged in there too, and the tap is saved.
        status, landed, page = phone.get(f"{second}/today/")
        assert status == 200 and landed == f"{second}/today/" and "Walk in the park" in page
        status, _, row = phone.post(f"{second}/today/habits/{walk.pk}/check/", {"state": "done", "day": today.isoformat()}, {"HX-Request": "true"})
        assert status == 200 and 'aria-pressed="true"' in row

        # The first server shows what the second saved.
        _, _, page = phone.get(f"{first}/today/")
        row = re.search(rf'<li id="habit-{walk.pk}".*?</li>', page, re.S).group(0)
        assert 'aria-pressed="true"' in row and "is-done" in row
    assert DayRecord.objects.get(habit=walk, day=today).status == DayRecord.Status.DONE
    assert "Traceback" not in logs()
