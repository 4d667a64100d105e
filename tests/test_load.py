"""Under load: many people (and devices) writing at once, against a real server, for ten seconds.

PostgreSQL: 50 clients, each a thread with its own session, toggle, log numbers, write
check-ins and edit habits; several share one person and the same habits. SQLite (the
default): two app processes on one database file, written to at once. Nobody gets an
error, each habit has one record a day, and every field ends on the last acknowledged
write of some client. Figures go to test-results/load-*.json.
"""

import http.client
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client

from benchmarks.ports import free_port, wait_for_port
from routines.days import user_today
from routines.models import DayRecord, Habit, JournalEntry, User

SECONDS = 10
CSRF = "loadtestcsrfsecret0123456789abcd"  # 32 characters: a valid token, sent as cookie and header
RESULTS = Path(settings.BASE_DIR) / "test-results"

pytestmark = pytest.mark.load


@dataclass
class Tally:
    """What the clients saw, shared by their threads."""

    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, status: int | str, what: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            if not isinstance(status, int) or status >= 500:
                self.errors.append(f"{what}: {status}")

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())


class Browser:
    """One device: its own session cookie, a new connection per request, htmx or not."""

    def __init__(self, base_url: str, session_key: str, tally: Tally) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookie = f"sessionid={session_key}; csrftoken={CSRF}"
        self.tally = tally

    def post(self, path: str, data: dict, htmx: bool = False) -> int | str:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": self.cookie,
            "X-CSRFToken": CSRF,
            "Connection": "close",
            **({"HX-Request": "true"} if htmx else {}),
        }
        conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
        try:
            conn.request("POST", path, urlencode(data, doseq=True), headers)
            response = conn.getresponse()
            response.read()
            status: int | str = response.status
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
        finally:
            conn.close()
        self.tally.count(status, path)
        return status


def run_clients(count: int, work: Callable[[int, float], None]) -> None:
    """`count` threads doing `work(index, deadline)`, released together; bounded in time."""
    start = threading.Barrier(count)
    deadline = time.monotonic() + SECONDS + 1  # the barrier's second included

    def run(index: int) -> None:
        start.wait()
        work(index, deadline)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 30)
    assert not any(thread.is_alive() for thread in threads), "a client never came back"


def write_figures(name: str, figures: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"load-{name}.json").write_text(json.dumps(figures, indent=2, default=str))


@contextmanager
def app_processes(database_url: str, count: int, log_dir: Path, threads: int) -> Iterator[tuple[list[str], Callable[[], str]]]:
    """`count` gunicorn processes on loopback ports against one database: their URLs, and their logs."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "LOG_LEVEL": "WARNING"}
    ports = [free_port() for _ in range(count)]
    logs = [log_dir / f"app-{port}.log" for port in ports]
    gunicorn = Path(sys.executable).parent / "gunicorn"
    apps = [
        subprocess.Popen(
            # The production settings (gunicorn.conf.py), on this port with one worker.
            [str(gunicorn), "--config", "gunicorn.conf.py", "selfcare.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", str(threads)],
            env=env, cwd=settings.BASE_DIR, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        for port, log in zip(ports, logs)
    ]
    try:
        for port, app in zip(ports, apps):
            wait_for_port(port, app)
        yield [f"http://127.0.0.1:{port}" for port in ports], lambda: "\n".join(log.read_text() for log in logs)
    finally:
        for app in apps:
            app.terminate()
        for app in apps:
            app.wait(timeout=10)


def session_key(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


HABIT_FORM = {"time_of_day": "morning", "kind": "check", "direction": "at_least", "schedule": "daily", "start_date": "2026-01-01", "colour": "sage"}


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql"},
    reason="the 50-client load test runs on PostgreSQL (DATABASE_URL=postgres://...); SQLite has its own two-process test",
)
def test_fifty_clients_at_once_on_postgresql_get_no_errors_and_lose_nothing(transactional_db, tmp_path):
    assert connection.vendor == "postgresql"
    shared = User.objects.create_user("shared", password="x", time_zone="UTC")
    walk = Habit.objects.create(owner=shared, name="Walk", start_date=date(2026, 1, 1), position=0)
    sleep = Habit.objects.create(owner=shared, name="Sleep", kind="measurable", unit="hours", target=7, start_date=date(2026, 1, 1), position=1)
    others = [User.objects.create_user(f"solo{i}", password="x", time_zone="UTC") for i in range(30)]
    own = {user.pk: Habit.objects.create(owner=user, name="Stretch", start_date=date(2026, 1, 1)) for user in others}
    # 20 clients share one person (phones, tablets, tabs), 30 are people of their own.
    people = [shared] * 20 + others
    keys = [session_key(user) for user in people]
    today = user_today(shared)
    tally = Tally()
    # Per client, the last value the server acknowledged for each field it wrote.
    acked: list[dict[tuple, object]] = [{} for _ in people]

    def work(index: int, deadline: float) -> None:
        person = people[index]
        browser = Browser(urls[index % len(urls)], keys[index], tally)
        rng = random.Random(index)
        check = walk if person is shared else own[person.pk]
        n = 0
        while time.monotonic() < deadline:
            n += 1
            htmx = rng.random() < 0.5
            action = rng.choice(["toggle", "measure", "journal", "edit"] if person is shared else ["toggle", "journal", "edit"])
            if action == "toggle":
                state = rng.choice(["done", "none"])
                if browser.post(f"/today/habits/{check.pk}/check/", {"state": state, "day": today}, htmx) in (200, 302):
                    acked[index][("status", check.pk)] = state
            elif action == "measure":
                value = f"{rng.randint(0, 2400) / 100:.2f}"
                if browser.post(f"/today/habits/{sleep.pk}/measure/", {"value": value, "day": today}, htmx) in (200, 302):
                    acked[index][("value", sleep.pk)] = value
            elif action == "journal":
                text = f"client {index} wrote {n}"
                if browser.post(f"/journal/{today}/", {"text": text}, htmx) in (200, 302):
                    acked[index][("journal", person.pk)] = text
            else:
                why = f"client {index} edit {n}"
                if browser.post(f"/routine/{check.pk}/edit/", {**HABIT_FORM, "name": check.name, "why": why}, htmx) in (200, 302):
                    acked[index][("why", check.pk)] = why

    db = connection.settings_dict  # the test database, whose rows this test has committed
    database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    with app_processes(database_url, 2, tmp_path, threads=8) as (urls, logs):
        started = time.monotonic()
        run_clients(len(people), work)
        elapsed = round(time.monotonic() - started, 1)
    figures = {"processes": 2, "clients": len(people), "seconds": elapsed, "requests": tally.requests,
               "statuses": dict(tally.statuses), "errors": tally.errors[:20], "error_count": len(tally.errors)}  # fmt: skip
    write_figures("postgresql", figures)

    assert tally.errors == [] and set(tally.statuses) <= {200, 302}, figures
    assert "Traceback" not in logs(), logs()
    assert tally.requests >= 100, figures  # it really was under load
    assert not DayRecord.objects.values("habit", "day").annotate(n=Count("id")).filter(n__gt=1).exists()
    finals = {
        ("status", walk.pk): DayRecord.objects.get(habit=walk, day=today).status,
        ("value", sleep.pk): f"{DayRecord.objects.get(habit=sleep, day=today).value:.2f}",
        ("journal", shared.pk): JournalEntry.objects.get(owner=shared, day=today).text,
        ("why", walk.pk): Habit.objects.get(pk=walk.pk).why,
    }
    for user in others:
        habit = own[user.pk]
        record = DayRecord.objects.filter(habit=habit, day=today).first()
        entry = JournalEntry.objects.filter(owner=user, day=today).first()
        finals.update({("status", habit.pk): record and record.status, ("journal", user.pk): entry and entry.text,
                       ("why", habit.pk): Habit.objects.get(pk=habit.pk).why})  # fmt: skip
    last_writes = defaultdict(set)
    for writes in acked:
        for key, value in writes.items():
            last_writes[key].add(value)
    for key, final in finals.items():
        if last_writes[key]:
            assert final in last_writes[key], (key, final)
    # What nobody edited stayed: names, places, kinds.
    assert list(Habit.objects.filter(owner=shared).values_list("name", "position", "kind")) == [
        ("Walk", 0, "check"),
        ("Sleep", 1, "measurable"),
    ]


# --- SQLite: two app processes, one database file ----------------------------------------

SETUP = """
import json, sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from routines.models import Habit, User

keys = {}
for i in range(int(sys.argv[1])):
    user = User.objects.create_user(f"writer{i}", password=None, time_zone="UTC")
    stretch = Habit.objects.create(owner=user, name="Stretch", start_date="2016-01-01", position=0)
    sleep = Habit.objects.create(owner=user, name="Sleep", kind="measurable", unit="hours", target=7, start_date="2016-01-01", position=1)
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    keys[user.pk] = [session.session_key, stretch.pk, sleep.pk]
print(json.dumps(keys))
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own test; the suite runs on PostgreSQL")
@pytest.mark.django_db  # for the migrated test database to copy
def test_two_app_processes_writing_one_sqlite_file_lose_nothing_and_never_say_locked(tmp_path):
    writers = 8
    # A copy of the migrated, empty test database; the app processes and the test share it.
    database = tmp_path / "selfcare.sqlite3"
    with closing(sqlite3.connect(connection.settings_dict["NAME"])) as source, closing(sqlite3.connect(database)) as copy:
        source.backup(copy)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "selfcare.settings", "PYTHONPATH": str(settings.BASE_DIR)}
    made = subprocess.run([sys.executable, "-c", SETUP, str(writers)], env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    keys = [(int(pk), *made) for pk, made in json.loads(made.stdout.strip().splitlines()[-1]).items()]
    tally = Tally()
    today = datetime.now(timezone.utc).date()  # the writers' today: they live in UTC
    journal: list[dict[date, str]] = [{} for _ in keys]
    values: list[dict[date, str]] = [{} for _ in keys]
    toggles: list[list[str]] = [[] for _ in keys]

    def work(index: int, deadline: float) -> None:
        _, key, stretch, sleep = keys[index]
        browsers = [Browser(url, key, tally) for url in urls]
        n = 0
        while time.monotonic() < deadline:
            n += 1
            browser = browsers[n % 2]  # the same person's two devices, one on each process
            day = today - timedelta(days=n % 3000)
            if browser.post(f"/journal/{day}/", {"text": f"writer {index} day {n}"}, htmx=n % 3 == 0) in (200, 302):
                journal[index][day] = f"writer {index} day {n}"
            value = f"{n % 24}.{n % 100:02d}"
            if browser.post(f"/week/habits/{sleep}/{day}/", {"value": value}) == 302:
                values[index][day] = value
            state = "done" if n % 2 else "none"
            if browser.post(f"/today/habits/{stretch}/check/", {"state": state, "day": today}, htmx=True) == 200:
                toggles[index].append(state)

    with app_processes(env["DATABASE_URL"], 2, tmp_path, threads=4) as (urls, logs):
        started = time.monotonic()
        run_clients(len(keys), work)
        elapsed = round(time.monotonic() - started, 1)
    log_text = logs()
    figures = {"processes": 2, "clients": len(keys), "seconds": elapsed, "requests": tally.requests,
               "statuses": dict(tally.statuses), "errors": tally.errors[:20], "error_count": len(tally.errors),
               "locked_in_logs": log_text.count("database is locked")}  # fmt: skip
    write_figures("sqlite", figures)

    assert tally.errors == [] and set(tally.statuses) <= {200, 302}, figures
    assert "database is locked" not in log_text and "Traceback" not in log_text, figures
    assert tally.requests >= 100, figures
    check = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=60, check=True)
    stored = json.loads(check.stdout.strip().splitlines()[-1])
    for index, (pk, *_) in enumerate(keys):
        assert {day.isoformat(): text for day, text in journal[index].items()}.items() <= stored["journal"][str(pk)].items()
        assert {day.isoformat(): value for day, value in values[index].items()}.items() <= stored["values"][str(pk)].items()
        if toggles[index]:
            assert stored["today"][str(pk)] == toggles[index][-1]  # one device at a time per person: the last one stays


CHECK = """
import json
from datetime import datetime, timezone
import django
django.setup()
from routines.models import DayRecord, JournalEntry, User

out = {"journal": {}, "values": {}, "today": {}}
for user in User.objects.all():
    out["journal"][str(user.pk)] = {e.day.isoformat(): e.text for e in JournalEntry.objects.filter(owner=user)}
    out["values"][str(user.pk)] = {
        r.day.isoformat(): f"{r.value:.2f}" for r in DayRecord.objects.filter(habit__owner=user, value__isnull=False)
    }
    today = DayRecord.objects.filter(habit__owner=user, habit__kind="check", day=datetime.now(timezone.utc).date()).first()
    out["today"][str(user.pk)] = today and today.status
print(json.dumps(out))
"""
