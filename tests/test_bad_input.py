"""Whatever arrives, nothing breaks: generated input (hypothesis) on every form and htmx endpoint.

Empty, huge, unicode and NUL, HTML, negative numbers, NaN and infinities, far past and
future dates, wrong types, missing fields, several values for one field, and hostile
headers (HX-Current-URL, Referer). For every example: never a 500; an answer refusing the
input (4xx) leaves the database exactly as it was; whatever was saved is valid by the
models' own rules. Valid input round-trips: what is saved is what was sent.

Each example runs in a savepoint rolled back afterwards, so examples never see each other.
"""

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routines.models import (
    DayRecord,
    Habit,
    JournalEntry,
    NudgeState,
    Pause,
    RestDay,
    SupportContact,
    SupportItem,
    User,
)
from routines.starter import STARTER_ROUTINE

from .conftest import PASSWORD, stored_rows

TODAY = date(2026, 11, 26)
# Examples per endpoint (HYPOTHESIS_EXAMPLES=200 for a longer hunt); each runs in a rolled-back savepoint.
EXAMPLES = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- What arrives -------------------------------------------------------------------------

HOSTILE_WORDS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "-1",
    "-0",
    "0",
    "1e309",
    "-1e309",
    "1e-999",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "9" * 40,
    "1" * 5000,  # longer than Python's int() takes
    "0x10",
    "١٢",  # Arabic-Indic digits
    "６,５",
    "6,5",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-11-26T10:00",
    "25:61",
    "07:30:15",
    "true",
    "on",
    "null",
    "[]",
    "{}",
    "\u202e\u200b",
    "🧘" * 3,
    "é" * 300,
    "x" * 10_001,
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/today/",
]
TEXT = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.integers(min_value=0, max_value=20_000).map(lambda n: "ü" * n),
)
VALUE = st.one_of(TEXT, st.lists(TEXT, min_size=2, max_size=3))  # several values for one field
# Header values as a WSGI server passes them (latin-1), and the usual suspects.
HEADER = st.one_of(
    st.sampled_from(["javascript:alert(1)", "//evil.example", "http://[::1", "http://testserver/today/", "/today/", "today", "\x00", "h" * 5000]),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=60),
)


def form_data(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Any of the fields, each missing or holding anything."""
    return st.fixed_dictionaries({}, optional={name: VALUE for name in fields})


def headers() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "HX-Request": st.sampled_from(["true", "false", ""]),
            "HX-Current-URL": HEADER,
            "Referer": HEADER,
            "HX-History-Restore-Request": st.just("true"),
            "HX-Target": HEADER,
        },
    )


# --- The endpoints ------------------------------------------------------------------------

HABIT_FIELDS = [
    "name", "why", "time_of_day", "kind", "unit", "target", "direction", "schedule", "weekday_choices",
    "times_per_week", "interval_days", "start_date", "colour", "emoji", "reminder_1", "reminder_2", "reminder_3",
]  # fmt: skip
DAY_FIELDS = ["note", "value", "status", "rest", "next", "initial-note", "initial-value", "initial-status", "initial-rest"]
STARTER_FIELDS = ["starter-TOTAL_FORMS", "starter-INITIAL_FORMS", "starter-MIN_NUM_FORMS", "starter-MAX_NUM_FORMS"] + [
    f"starter-{i}-{name}" for i in range(len(STARTER_ROUTINE) + 1) for name in ("starter", "include", "remind", "name", "time_of_day", "target", "reminder")
]


class World:
    """The person posting, with one of each thing the endpoints act on."""

    def __init__(self) -> None:
        self.user = User.objects.create_user("sam", email="sam@example.com", password=PASSWORD, time_zone="Europe/Berlin")
        start = date(2026, 1, 1)
        self.habit = Habit.objects.create(owner=self.user, name="Stretch", start_date=start, reminders=["07:00"], position=0)
        self.measured = Habit.objects.create(
            owner=self.user, name="Sleep", kind="measurable", unit="hours", target=7, start_date=start, position=1
        )
        self.archived = Habit.objects.create(owner=self.user, name="Stretch", start_date=start, archived=True, position=5)
        DayRecord.objects.create(habit=self.habit, day=TODAY, status="done", note="kept")
        JournalEntry.objects.create(owner=self.user, day=TODAY, mood=3, text="kept words")
        self.contact = SupportContact.objects.create(owner=self.user, name="Jo", phone="+44 20 7946 0958")
        self.item = SupportItem.objects.create(owner=self.user, kind="helps", text="A walk")

        self.logged_in = Client()
        self.logged_in.force_login(self.user)

    def client(self, logged_in: bool = True) -> Client:
        """The person's browser (one session for every example), or a new one logged out."""
        return self.logged_in if logged_in else Client()


# name: (URL from the world, the fields it reads, GET or POST, logged in)
ENDPOINTS: dict[str, tuple[Callable[[World], str], list[str], str, bool]] = {
    "check_off": (lambda w: reverse("check_off", args=[w.habit.pk]), ["state", "day"], "POST", True),
    "check_off_measurable": (lambda w: reverse("check_off", args=[w.measured.pk]), ["state", "day"], "POST", True),
    "measure": (lambda w: reverse("measure", args=[w.measured.pk]), ["value", "day"], "POST", True),
    "week_cell": (lambda w: reverse("week_cell", args=[w.habit.pk, TODAY]), ["status", "day"], "POST", True),
    "week_day": (lambda w: reverse("week_day", args=[w.habit.pk, TODAY]), DAY_FIELDS, "POST", True),
    "week_day_measurable": (lambda w: reverse("week_day", args=[w.measured.pk, date(2026, 11, 20)]), DAY_FIELDS, "POST", True),
    "week_day_get": (lambda w: reverse("week_day", args=[w.habit.pk, TODAY]), ["next"], "GET", True),
    "habit_new": (lambda w: reverse("habit_new"), HABIT_FIELDS, "POST", True),
    "habit_edit": (lambda w: reverse("habit_edit", args=[w.measured.pk]), HABIT_FIELDS + [f"initial-{name}" for name in HABIT_FIELDS], "POST", True),
    "habit_pause": (lambda w: reverse("habit_pause", args=[w.habit.pk]), ["until"], "POST", True),
    "habit_move": (lambda w: reverse("habit_move", args=[w.habit.pk]), ["direction"], "POST", True),
    "habit_restore": (lambda w: reverse("habit_restore", args=[w.archived.pk]), ["name"], "POST", True),
    "add_idea": (lambda w: reverse("add_idea"), ["idea"], "POST", True),
    "settings": (
        lambda w: reverse("settings"),
        ["time_zone", "country", "day_start_hour", "week_start", "email", "quiet_start", "quiet_end", "reminders_paused", "theme"],
        "POST",
        True,
    ),
    "signup": (lambda w: reverse("signup"), ["username", "email", "password1", "password2", "time_zone"], "POST", False),
    "login": (lambda w: reverse("login"), ["username", "password", "next"], "POST", False),
    "welcome": (lambda w: reverse("welcome"), STARTER_FIELDS, "POST", True),
    "check_in": (
        lambda w: reverse("check_in", args=[TODAY]),
        ["mood", "feelings", "own_feelings", "prompt", "text_was", "text", "initial-mood"],
        "POST",
        True,
    ),
    "check_in_get": (lambda w: reverse("check_in", args=[TODAY]), ["turn"], "GET", True),
    "journal": (lambda w: reverse("journal"), ["q", "feeling", "mood", "page", "day"], "GET", True),
    "week": (lambda w: reverse("week"), ["day", "habit"], "GET", True),
    "today": (lambda w: reverse("today"), ["turn"], "GET", True),
    "today_row": (lambda w: reverse("today_row", args=[w.habit.pk]), ["day"], "GET", True),
    "history": (lambda w: reverse("history"), ["month", "year", "habit", "page"], "GET", True),
    "nudges": (lambda w: reverse("nudges"), ["shown"], "GET", True),
    "support_contact_add": (lambda w: reverse("support_contact_add"), ["name", "phone"], "POST", True),
    "support_contact_edit": (lambda w: reverse("support_contact_edit", args=[w.contact.pk]), ["name", "phone"], "POST", True),
    "support_item_add": (lambda w: reverse("support_item_add", args=["signs"]), ["text"], "POST", True),
    "support_item_edit": (lambda w: reverse("support_item_edit", args=[w.item.pk]), ["text"], "POST", True),
    "nudge_done": (lambda w: reverse("nudge_done", args=[w.habit.pk]), [], "POST", True),
    "nudge_snooze": (lambda w: reverse("nudge_snooze", args=[w.habit.pk]), [], "POST", True),
    "nudge_dismiss": (lambda w: reverse("nudge_dismiss", args=[w.habit.pk]), [], "POST", True),
    "push_subscribe": (lambda w: reverse("push_subscribe"), ["endpoint", "p256dh", "auth"], "POST", True),
    "push_action": (lambda w: reverse("push_action"), ["action", "token"], "POST", True),
    "look_back_choice": (lambda w: reverse("look_back_choice", args=[w.habit.pk]), ["choice", "offered"], "POST", True),
    "import_upload": (lambda w: reverse("import_upload"), ["file"], "POST", True),
    "account_delete": (lambda w: reverse("account_delete"), ["password"], "POST", True),
}

def assert_all_valid() -> None:
    """Whatever is stored passes the models' own validation (lengths, choices, ranges)."""
    for model in (User, Habit, DayRecord, Pause, NudgeState, RestDay, JournalEntry, SupportContact, SupportItem):
        for row in model.objects.all():
            row.full_clean(validate_unique=False, validate_constraints=False)  # the database holds those


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def world(db, time_machine) -> World:
    time_machine.move_to(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc), tick=False)
    return World()


def send(client: Client, method: str, url: str, data: dict, hdrs: dict, encoding: str):
    if method == "GET":
        return client.get(url, data, headers=hdrs)
    if encoding == "json":  # the wrong type of body altogether: no form fields at all
        return client.post(url, json.dumps(data), content_type="application/json", headers=hdrs)
    if encoding == "urlencoded":
        return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded", headers=hdrs)
    return client.post(url, data, headers=hdrs)


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_generated_input_never_breaks_an_endpoint_nor_saves_anything_invalid(world, endpoint):
    address, fields, method, logged_in = ENDPOINTS[endpoint]
    url = address(world)

    @EXAMPLES
    @given(data=form_data(fields), hdrs=headers(), encoding=st.sampled_from(["multipart", "urlencoded", "json"]))
    def example(data, hdrs, encoding):
        with rolled_back():
            before = stored_rows()
            response = send(world.client(logged_in), method, url, data, hdrs, encoding)  # a 500 raises here
            assert response.status_code < 500
            # However hostile HX-Current-URL, Referer or `next`, nobody is sent to another site.
            for header in ("Location", "HX-Redirect", "HX-Location"):
                assert urlsplit(response.get(header, "/")).netloc in {"", "testserver"}, response[header]
            if 400 <= response.status_code < 500:
                assert stored_rows() == before, f"{response.status_code} but something was written"
            assert_all_valid()

    example()


# --- Breakages found on the way (500s before their fixes), kept as plain examples ---------


def test_a_post_claiming_to_be_a_history_restore_gets_its_partial(world):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = world.client().post(reverse("check_off", args=[world.habit.pk]), {}, headers=headers)
    assert response.status_code == 400 and "<html" not in response.content.decode()


def test_a_history_restore_of_a_rows_address_gets_the_today_page(world):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = world.client().get(reverse("today_row", args=[world.habit.pk]), headers=headers)
    assert response.status_code == 302 and response.url == f"/today/#habit-{world.habit.pk}"


# --- Valid input round-trips ---------------------------------------------------------------

# What a person might type: any printable text without NUL (which the forms refuse).
WORDS = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=80)


def folded(text: str) -> str:
    return " ".join(text.split())


@given(name=WORDS.filter(lambda s: folded(s) and folded(s).casefold() not in {"stretch", "sleep"}), why=st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=200), target=st.decimals(min_value=Decimal("0.01"), max_value=Decimal(24), places=2))
@EXAMPLES
def test_a_new_habit_is_saved_as_typed(world, name, why, target):
    with rolled_back():
        data = {
            "name": name, "why": why, "time_of_day": "evening", "kind": "measurable", "unit": "hours", "target": str(target),
            "direction": "at_least", "schedule": "daily", "start_date": "2026-11-20", "colour": "sky", "reminder_1": "21:05",
        }  # fmt: skip
        response = world.client().post(reverse("habit_new"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        habit = Habit.objects.get(owner=world.user, archived=False, position=2)
        assert (habit.name, habit.why, habit.target, habit.reminders) == (folded(name), why.strip(), target, ["21:05"])


@given(
    text=st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=300)
    | st.integers(min_value=9_000, max_value=10_000).map(lambda n: ("A word. \n" * 1200)[:n]),
    mood=st.sampled_from(["", "1", "2", "3", "4", "5"]),
    feelings=st.lists(st.sampled_from(["calm", "sad", "tired", "hopeful"]), unique=True),
)
@EXAMPLES
def test_a_check_in_is_saved_as_written(world, text, mood, feelings):
    with rolled_back():
        response = world.client().post(reverse("check_in", args=[TODAY]), {"text": text, "mood": mood, "feelings": feelings})
        assert response.status_code == 302
        entry = JournalEntry.objects.get(owner=world.user, day=TODAY)
        assert (entry.text, entry.mood, entry.feelings) == (text.strip(), int(mood) if mood else None, feelings)


@given(note=st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=1000), value=st.decimals(min_value=0, max_value=24, places=2))
@EXAMPLES
def test_a_days_note_and_number_are_saved_as_typed(world, note, value):
    with rolled_back():
        day = date(2026, 11, 24)
        response = world.client().post(reverse("week_day", args=[world.measured.pk, day]), {"note": note, "value": str(value).replace(".", ",")})
        assert response.status_code == 302
        record = DayRecord.objects.get(habit=world.measured, day=day)
        assert (record.note, record.value) == (note.strip(), value)


@given(value=st.decimals(min_value=0, max_value=24, places=2) | st.integers(min_value=0, max_value=24))
@EXAMPLES
def test_a_measurement_from_today_is_saved_as_typed(world, value):
    with rolled_back():
        response = world.client().post(reverse("measure", args=[world.measured.pk]), {"value": str(value), "day": TODAY.isoformat()})
        assert response.status_code == 302
        assert DayRecord.objects.get(habit=world.measured, day=TODAY).value == Decimal(value)


@given(
    name=st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=60).filter(str.strip),
    phone=st.from_regex(r"\+?[0-9]{3,12}( [0-9]{2,6}){0,2}", fullmatch=True),
    text=st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=200).filter(str.strip),
)
@EXAMPLES
def test_support_entries_are_saved_as_typed(world, name, phone, text):
    with rolled_back():
        client = world.client()
        assert client.post(reverse("support_contact_edit", args=[world.contact.pk]), {"name": name, "phone": phone}).status_code == 302
        assert client.post(reverse("support_item_add", args=["signs"]), {"text": text}).status_code == 302
        contact = SupportContact.objects.get(pk=world.contact.pk)
        assert (contact.name, contact.phone) == (name.strip(), phone)
        assert SupportItem.objects.get(owner=world.user, kind="signs").text == text.strip()


@given(start=st.times(), end=st.times(), email=st.emails().filter(lambda e: len(e) <= 254))
@EXAMPLES
def test_settings_are_saved_as_chosen(world, start, end, email):
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    with rolled_back():
        data = {"time_zone": "Asia/Tokyo", "country": "JP", "day_start_hour": "3", "week_start": "6", "email": email,
                "quiet_start": f"{start:%H:%M}", "quiet_end": f"{end:%H:%M}"}  # fmt: skip
        response = world.client().post(reverse("settings"), data)
        user = User.objects.get(pk=world.user.pk)
        if start == end:  # no quiet hours at all: the form asks for two different times
            assert response.status_code == 400 and user.quiet_start is None
            return
        assert response.status_code == 302, response.content.decode()[:3000]
        assert (user.time_zone, user.day_start_hour, user.week_start, user.quiet_start, user.quiet_end) == ("Asia/Tokyo", 3, 6, start, end)
        assert user.email == User.objects.normalize_email(email)  # the domain in small letters, as Django keeps it
