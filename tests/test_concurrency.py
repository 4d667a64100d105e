"""Requests at the same moment: no errors, one record per habit and day, and nothing one request changed undone by another."""

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from routines.forms import HabitForm, PasswordChangeForm, SettingsForm, SignUpForm
from routines.models import DayRecord, Habit, User
from routines.records import set_status
from routines.views import routine as routine_views

from .conftest import PASSWORD, run_at_once

DAY = date(2026, 11, 26)


@pytest.fixture
def habit_to_race(transactional_db) -> Habit:
    if connection.vendor == "sqlite":
        # An in-memory SQLite database is one shared connection: it cannot show real concurrency.
        assert not connection.is_in_memory_db(), "the SQLite test database must be a file (settings: TEST NAME)"
    owner = User.objects.create_user("sam", password="x")
    return Habit.objects.create(owner=owner, name="Stretch", start_date=DAY)


def test_twenty_simultaneous_check_offs_end_with_one_done_record(habit_to_race):
    results = run_at_once(*[lambda: set_status(habit_to_race, DAY, DayRecord.Status.DONE)] * 20)
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert list(DayRecord.objects.filter(habit=habit_to_race).values_list("status", flat=True)) == ["done"]


def test_simultaneous_taps_through_the_view_end_with_one_record_in_an_asked_state(habit_to_race):
    def tap(state: str):
        def post() -> int:
            client = Client()
            client.force_login(habit_to_race.owner)
            url = f"/today/habits/{habit_to_race.pk}/check/"
            return client.post(url, {"state": state, "day": DAY.isoformat()}, headers={"HX-Request": "true"}).status_code

        return post

    statuses = run_at_once(*[tap("done" if i % 2 else "none") for i in range(10)])
    assert statuses == [200] * 10
    assert DayRecord.objects.filter(habit=habit_to_race).count() == 1
    assert DayRecord.objects.get(habit=habit_to_race).status in {"done", "none"}


# Lost updates: request A reads, B writes, A writes. Both changes must stay.

NEW_PASSWORD = "a-quiet-evening-17"


class Overlap:
    """Holds request A right after its read until request B has written: the order that loses updates."""

    def __init__(self, monkeypatch, owner: object, attribute: str) -> None:
        self.a_has_read, self.b_has_written = threading.Event(), threading.Event()
        original = getattr(owner, attribute)

        def held(*args, **kwargs):
            result = original(*args, **kwargs)
            if not self.a_has_read.is_set():  # only A, the first to get here
                self.a_has_read.set()
                self.b_has_written.wait(timeout=10)
            return result

        monkeypatch.setattr(owner, attribute, held)

    def run(self, a: Callable[[], object], b: Callable[[], object]) -> list:
        def b_after_a_has_read() -> object:
            self.a_has_read.wait(timeout=10)
            try:
                return b()
            finally:
                self.b_has_written.set()

        return run_at_once(a, b_after_a_has_read)


def post(user: User, url: str, data: dict | None = None) -> Callable[[], int]:
    def request() -> int:
        client = Client()
        client.force_login(user)
        return client.post(url, data or {}).status_code

    return request


@pytest.fixture
def person(transactional_db) -> User:
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
    return User.objects.create_user("kim", password=PASSWORD, time_zone="Europe/Berlin")


def settings_data(**changes) -> dict:
    return {"time_zone": "Europe/Berlin", "day_start_hour": "0", "week_start": "0", "email": "", **changes}


def test_saving_settings_does_not_undo_a_password_change_made_meanwhile(person, monkeypatch):
    overlap = Overlap(monkeypatch, SettingsForm, "clean")
    change = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    results = overlap.run(
        post(person, "/settings/", settings_data(week_start="6")), post(person, "/accounts/password_change/", change)
    )
    assert results == [302, 302]
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD) and not person.check_password(PASSWORD)
    assert person.week_start == 6


def test_saving_settings_does_not_undo_a_calendar_link_reset_made_meanwhile(person, monkeypatch):
    overlap = Overlap(monkeypatch, SettingsForm, "clean")
    results = overlap.run(post(person, "/settings/", settings_data(time_zone="Asia/Tokyo")), post(person, "/settings/calendar/"))
    assert results == [302, 302]
    person.refresh_from_db()
    assert person.calendar_token and person.time_zone == "Asia/Tokyo" and person.reminders_changed
    assert Client().get(f"/calendar/{person.calendar_token}.ics").status_code == 200


def test_a_password_change_does_not_undo_a_calendar_link_reset_made_meanwhile(person, monkeypatch):
    overlap = Overlap(monkeypatch, PasswordChangeForm, "clean_old_password")
    change = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    results = overlap.run(post(person, "/accounts/password_change/", change), post(person, "/settings/calendar/"))
    assert results == [302, 302]
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD) and person.calendar_token


def test_a_password_reset_does_not_undo_a_settings_change_made_meanwhile(person, monkeypatch):
    overlap = Overlap(monkeypatch, auth_forms.SetPasswordForm, "clean")

    def reset() -> int:
        client = Client()
        link = f"/accounts/reset/{urlsafe_base64_encode(force_bytes(person.pk))}/{default_token_generator.make_token(person)}/"
        form_url = client.get(link).url
        return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code

    results = overlap.run(reset, post(person, "/settings/", settings_data(week_start="6")))
    assert results == [302, 302]
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD) and person.week_start == 6


def routine_of(owner: User, *names: str) -> list[Habit]:
    return [Habit.objects.create(owner=owner, name=name, position=i, start_date=DAY) for i, name in enumerate(names)]


def edit_data(habit: Habit, **changes) -> dict:
    fields = ("name", "why", "time_of_day", "kind", "direction", "schedule", "colour", "emoji", "unit")
    return {**{field: getattr(habit, field) for field in fields}, "start_date": habit.start_date.isoformat(), **changes}


def active_positions(owner: User) -> list[tuple[str, int]]:
    return list(owner.habits.filter(archived=False).values_list("name", "position"))


def test_an_edit_does_not_undo_an_archive_made_meanwhile(person, monkeypatch):
    a, b = routine_of(person, "A", "B")
    overlap = Overlap(monkeypatch, HabitForm, "clean")
    results = overlap.run(post(person, f"/routine/{a.pk}/edit/", edit_data(a, why="Air")), post(person, f"/routine/{a.pk}/archive/"))
    assert results == [302, 302]
    a.refresh_from_db()
    assert a.archived and a.why == "Air"
    assert active_positions(person) == [("B", 0)]


def test_an_edit_does_not_undo_a_move_made_meanwhile(person, monkeypatch):
    a, b, c = routine_of(person, "A", "B", "C")
    overlap = Overlap(monkeypatch, HabitForm, "clean")
    results = overlap.run(
        post(person, f"/routine/{c.pk}/edit/", edit_data(c, name="C2")), post(person, f"/routine/{c.pk}/move/", {"direction": "up"})
    )
    assert results == [302, 302]
    assert active_positions(person) == [("A", 0), ("C2", 1), ("B", 2)]


def test_a_restore_does_not_undo_an_edit_made_meanwhile(person, monkeypatch):
    a, b = routine_of(person, "A", "B")
    Habit.objects.filter(pk=a.pk).update(archived=True, position=0)
    Habit.objects.filter(pk=b.pk).update(position=0)
    overlap = Overlap(monkeypatch, routine_views, "get_habit")  # A: the restore, reading the habit first
    results = overlap.run(post(person, f"/routine/{a.pk}/restore/"), post(person, f"/routine/{a.pk}/edit/", edit_data(a, why="Air")))
    assert results == [302, 302]
    a.refresh_from_db()
    assert not a.archived and a.why == "Air"
    assert active_positions(person) == [("B", 0), ("A", 1)]


def test_many_routine_changes_at_once_keep_positions_unique_and_gapless(person):
    habits = routine_of(person, *"ABCDEFGHI")
    Habit.objects.filter(pk=habits[7].pk).update(archived=True)
    calls = [
        post(person, f"/routine/{habits[1].pk}/move/", {"direction": "up"}),
        post(person, f"/routine/{habits[2].pk}/move/", {"direction": "down"}),
        post(person, f"/routine/{habits[5].pk}/move/", {"direction": "up"}),
        post(person, f"/routine/{habits[3].pk}/edit/", edit_data(habits[3], name="D2")),
        post(person, f"/routine/{habits[4].pk}/edit/", edit_data(habits[4], why="Air")),
        post(person, f"/routine/{habits[0].pk}/archive/"),
        post(person, f"/routine/{habits[6].pk}/archive/"),
        post(person, f"/routine/{habits[7].pk}/restore/"),
        post(person, "/routine/ideas/", {"idea": "0"}),
        post(person, "/routine/new/", edit_data(habits[0], name="New", time_of_day="evening")),
        post(person, f"/routine/{habits[8].pk}/delete/"),  # a habit no other request touches: no 404 by ordering
    ]
    assert run_at_once(*calls) == [302] * len(calls)
    positions = [position for _, position in active_positions(person)]
    assert positions == list(range(8))  # 8 active, 2 archived, 1 restored, 2 added, 1 deleted


# Names: two requests that both found a name free. The later write gets the form's message.


def test_two_new_habits_with_the_same_name_at_once_make_one_and_a_message(person, monkeypatch):
    overlap = Overlap(monkeypatch, HabitForm, "_post_clean")  # after every check the form makes
    data = edit_data(Habit(name="Walk", start_date=DAY, colour="sky"))

    def new_habit() -> tuple[int, str]:
        client = Client()
        client.force_login(person)
        response = client.post("/routine/new/", data)
        return response.status_code, response.content.decode()

    (first, body), (second, _) = overlap.run(new_habit, new_habit)
    assert (first, second) == (400, 302)
    assert "You already have a habit called “Walk”" in body
    assert active_positions(person) == [("Walk", 0)]


def test_two_sign_ups_with_the_same_username_at_once_make_one_account_and_a_message(transactional_db, monkeypatch):
    overlap = Overlap(monkeypatch, SignUpForm, "_post_clean")  # after every check the form makes
    data = {"username": "robin", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "time_zone": "UTC"}

    def sign_up() -> tuple[int, str]:
        response = Client().post("/signup/", data)
        return response.status_code, response.content.decode()

    (first, body), (second, _) = overlap.run(sign_up, sign_up)
    assert (first, second) == (400, 302)
    assert "A user with that username already exists." in body
    assert User.objects.filter(username="robin").count() == 1
