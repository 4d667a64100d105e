from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from routines.models import DayRecord, Habit
from routines.records import set_status, set_value, status_for_value, write_day

DAY = date(2026, 11, 26)


def test_a_second_record_for_the_same_habit_and_day_fails_at_the_database(habit):
    DayRecord.objects.create(habit=habit, day=DAY, status="done")
    with pytest.raises(IntegrityError), transaction.atomic():
        DayRecord.objects.create(habit=habit, day=DAY, status="none")
    assert DayRecord.objects.filter(habit=habit).count() == 1


def test_the_same_day_of_two_habits_is_two_records(habit, measurable_habit):
    DayRecord.objects.create(habit=habit, day=DAY)
    DayRecord.objects.create(habit=measurable_habit, day=DAY)
    assert DayRecord.objects.filter(day=DAY).count() == 2


def test_an_unknown_status_is_refused_by_the_database(habit):
    with pytest.raises(IntegrityError), transaction.atomic():
        DayRecord.objects.create(habit=habit, day=DAY, status="failed")


def test_set_status_creates_the_record_once_and_updates_it_after(habit):
    set_status(habit, DAY, DayRecord.Status.DONE)
    set_status(habit, DAY, DayRecord.Status.DONE)
    record = DayRecord.objects.get(habit=habit, day=DAY)
    assert record.status == DayRecord.Status.DONE
    set_status(habit, DAY, DayRecord.Status.NONE)
    assert DayRecord.objects.filter(habit=habit).count() == 1
    assert DayRecord.objects.get(habit=habit, day=DAY).status == DayRecord.Status.NONE


def test_undoing_a_check_off_keeps_the_note(habit):
    DayRecord.objects.create(habit=habit, day=DAY, status="done", note="Felt the sun on my face.")
    set_status(habit, DAY, DayRecord.Status.NONE)
    record = DayRecord.objects.get(habit=habit, day=DAY)
    assert record.status == DayRecord.Status.NONE
    assert record.note == "Felt the sun on my face."


def test_undoing_a_measurement_keeps_the_value(measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=DAY, status="partial", value=Decimal("6.5"))
    set_status(measurable_habit, DAY, DayRecord.Status.NONE)
    assert DayRecord.objects.get(habit=measurable_habit, day=DAY).value == Decimal("6.5")


def test_a_measurable_habit_needs_a_positive_target(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Habit.objects.create(owner=user, name="Water", kind="measurable", unit="glasses", start_date=DAY)


def test_two_active_habits_cannot_share_a_name_in_any_case(user, habit):
    with pytest.raises(IntegrityError), transaction.atomic():
        Habit.objects.create(owner=user, name=habit.name.upper(), start_date=DAY)
    habit.archived = True
    habit.save()
    Habit.objects.create(owner=user, name=habit.name.upper(), start_date=DAY)


@pytest.mark.parametrize(
    ("direction", "target", "value", "status"),
    [
        ("at_least", 7, None, "none"),
        ("at_least", 7, "0", "none"),
        ("at_least", 7, "6.5", "partial"),
        ("at_least", 7, "7", "done"),
        ("at_least", 7, "9.25", "done"),
        ("at_most", 2, "0", "done"),
        ("at_most", 2, "2", "done"),
        ("at_most", 2, "3", "none"),
    ],
)
def test_status_for_value_follows_the_target_and_direction(direction, target, value, status):
    habit = Habit(kind="measurable", target=Decimal(target), direction=direction)
    assert status_for_value(habit, None if value is None else Decimal(value)) == status


def test_set_value_stores_the_number_and_the_status_it_earns(measurable_habit):
    set_value(measurable_habit, DAY, Decimal("6.5"))
    assert DayRecord.objects.get(habit=measurable_habit, day=DAY).status == "partial"
    set_value(measurable_habit, DAY, Decimal("7.5"))
    record = DayRecord.objects.get(habit=measurable_habit, day=DAY)
    assert (record.status, record.value) == ("done", Decimal("7.5"))
    assert DayRecord.objects.filter(habit=measurable_habit).count() == 1


def test_clearing_a_value_keeps_the_note(measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=DAY, status="done", value=8, note="Slept with the window open.")
    set_value(measurable_habit, DAY, None)
    record = DayRecord.objects.get(habit=measurable_habit, day=DAY)
    assert (record.status, record.value, record.note) == ("none", None, "Slept with the window open.")



def test_writing_a_day_is_one_statement_that_leaves_the_other_fields_alone(measurable_habit, django_assert_num_queries):
    DayRecord.objects.create(habit=measurable_habit, day=DAY, status="done", value=8, note="Slept well.")
    with django_assert_num_queries(1):
        write_day(measurable_habit, DAY, note="Slept well, window open.")
    record = DayRecord.objects.get(habit=measurable_habit, day=DAY)
    assert (record.status, record.value, record.note) == ("done", 8, "Slept well, window open.")
    with django_assert_num_queries(1):
        set_status(measurable_habit, DAY + timedelta(days=1), DayRecord.Status.SKIPPED)
