"""Taps at the same moment on the same habit and day end with one record and no errors."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client

from routines.models import DayRecord, Habit, User
from routines.records import set_status

from .conftest import run_at_once

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
