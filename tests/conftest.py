import os
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import TypeVar

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings
from django.db import connections

from routines.models import DayRecord, Habit, User

PASSWORD = "a-calm-morning-42"

# In CI the generated examples are the same on every run, so a red run is a change's doing;
# on a developer's machine they vary from run to run, to keep finding new ones.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def long_standing_habit(**fields) -> Habit:
    """A habit that has existed since its start date (Habit.created is otherwise the test's "now"),
    so every reminder time on the days tested passed after it was made."""
    habit = Habit.objects.create(**fields)
    habit.created = datetime.combine(habit.start_date, time(0, 0), tzinfo=timezone.utc)
    habit.save(update_fields=["created"])
    return habit


def habits_with_history(owner: User, count: int, first: int, today: date, days: int, rest_every: int = 0) -> list[Habit]:
    """`count` daily habits ("Habit N", numbered on from `first`) with `days` days of records up
    to `today`: done, and rest on every `rest_every`-th day. For query counts that must not grow."""
    habits = Habit.objects.bulk_create(
        Habit(owner=owner, name=f"Habit {first + i}", position=first + i, start_date=today - timedelta(days=days))
        for i in range(count)
    )
    DayRecord.objects.bulk_create(
        DayRecord(habit=h, day=today - timedelta(days=d), status="skipped" if rest_every and d % rest_every == 0 else "done")
        for h in habits
        for d in range(days)
    )
    return habits


@pytest.fixture
def user(db) -> User:
    return User.objects.create_user("sam", email="sam@example.com", password=PASSWORD, time_zone="Europe/Berlin")


@pytest.fixture
def other_user(db) -> User:
    return User.objects.create_user("alex", password=PASSWORD)


@pytest.fixture
def habit(user) -> Habit:
    return Habit.objects.create(owner=user, name="Stretch when I wake", time_of_day="morning", start_date=date(2026, 1, 1))


@pytest.fixture
def measurable_habit(user) -> Habit:
    return Habit.objects.create(
        owner=user,
        name="Sleep",
        kind=Habit.Kind.MEASURABLE,
        unit="hours",
        target=7,
        time_of_day="morning",
        position=1,
        start_date=date(2026, 1, 1),
    )


@pytest.fixture
def other_habit(other_user) -> Habit:
    return Habit.objects.create(owner=other_user, name="Someone else's walk", start_date=date(2026, 1, 1))


@pytest.fixture
def logged_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def on_thursday(time_machine):
    """The tests' usual "now": Thursday 26 November 2026, 11:00 in Berlin, where `user` lives."""
    time_machine.move_to(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc), tick=False)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is deliberately slow; the tests only need it to be a hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_limits():
    """The password-reset limit lives in the cache, which outlives each test's transaction
    (axes keeps its login counts in the database, so those go with the transaction)."""
    cache.clear()
    yield
    cache.clear()


Result = TypeVar("Result")


def run_at_once(*calls: Callable[[], Result]) -> list[Result | BaseException]:
    """Run each call in its own thread, all released together; results (or errors) in order.

    Each thread closes its database connections, as a request-serving thread would.
    """
    results: list[Result | BaseException] = [None] * len(calls)  # type: ignore[list-item]
    start = threading.Barrier(len(calls))

    def run(index: int, call: Callable[[], Result]) -> None:
        start.wait()
        try:
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 - every failure must reach the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def stored_rows(owner: User | None = None) -> dict[str, list[dict]]:
    """Every row people's actions write (every field but last_login), or only one person's:
    compared before and after, it shows whether anything at all was written."""
    from routines.models import (
        DayRecord, JournalEntry, NudgeState, Pause, PendingImport, PushSent, PushSubscription, RestDay, SupportContact, SupportItem,
    )  # fmt: skip

    owned_through = {
        User: "pk",
        Habit: "owner",
        DayRecord: "habit__owner",
        Pause: "habit__owner",
        NudgeState: "habit__owner",
        RestDay: "owner",
        JournalEntry: "owner",
        SupportContact: "owner",
        SupportItem: "owner",
        PendingImport: "owner",
        PushSubscription: "owner",
        PushSent: "habit__owner",
    }
    rows = {}
    for model, path in owned_through.items():
        query = model.objects.order_by("pk") if owner is None else model.objects.filter(**{path: owner.pk}).order_by("pk")
        rows[model.__name__] = [{k: v for k, v in row.items() if k != "last_login"} for row in query.values()]
    return rows


class FakePushService:
    """A push service on loopback (ports 8200-8249) that keeps every request it gets.

    `answers` maps a path to the status to answer with (201, as push services do, otherwise).
    """

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.requests: list[dict] = []
        self.answers: dict[str, int] = {}
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {name.lower(): value for name, value in self.headers.items()}
                service.requests.append({"path": self.path, "headers": headers, "body": body})
                self.send_response(service.answers.get(self.path, 201))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        for port in range(8200, 8250):
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def push_service(settings):
    """The fake push service, and the app's VAPID settings for tests."""
    settings.VAPID_PRIVATE_KEY = "IRkcFRR6dhWX8vB5roDMzu45UIJqhtIFkoAXbfBuKTk"
    settings.VAPID_SUBJECT = "mailto:care@selfcare.example"
    service = FakePushService()
    yield service
    service.close()
