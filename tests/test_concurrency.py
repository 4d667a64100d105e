"""Twenty taps at once on the same habit and day end with one record and no errors."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from routines.models import DayRecord, Habit, User
from routines.records import set_status

DAY = date(2026, 11, 26)


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_check_offs_end_with_one_done_record():
    if connection.vendor == "sqlite":
        # An in-memory SQLite database is one shared connection: it cannot show real concurrency.
        assert not connection.is_in_memory_db(), "the SQLite test database must be a file (settings: TEST NAME)"
    owner = User.objects.create_user("sam", password="x")
    habit = Habit.objects.create(owner=owner, name="Stretch", start_date=DAY)
    errors: list[BaseException] = []
    start = threading.Barrier(20)

    def tap() -> None:
        try:
            start.wait()
            set_status(habit, DAY, DayRecord.Status.DONE)
        except BaseException as error:  # noqa: BLE001 - every failure must reach the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tap) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(DayRecord.objects.filter(habit=habit).values_list("status", flat=True)) == ["done"]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_taps_through_the_view_end_with_one_record_in_an_asked_state():
    from django.test import Client

    owner = User.objects.create_user("sam", password="x")
    habit = Habit.objects.create(owner=owner, name="Stretch", start_date=DAY)
    statuses: list[int] = []
    start = threading.Barrier(10)

    def tap(state: str) -> None:
        client = Client()
        client.force_login(owner)
        start.wait()
        try:
            url = f"/today/habits/{habit.pk}/check/"
            statuses.append(client.post(url, {"state": state, "day": DAY.isoformat()}, headers={"HX-Request": "true"}).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tap, args=("done" if i % 2 else "none",)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 10
    assert DayRecord.objects.filter(habit=habit).count() == 1
    assert DayRecord.objects.get(habit=habit).status in {"done", "none"}
