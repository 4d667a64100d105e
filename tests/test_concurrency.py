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
