"""Writing day records: one per habit and day, safe against double taps, retries and two devices."""

from datetime import date
from decimal import Decimal

from .models import DayRecord, Habit


def _upsert(record: DayRecord, fields: list[str]) -> DayRecord:
    # A single INSERT ... ON CONFLICT DO UPDATE on the habit-and-day constraint:
    # concurrent requests end with one record in the state asked for last.
    DayRecord.objects.bulk_create(
        [record],
        update_conflicts=True,
        unique_fields=["habit", "day"],
        update_fields=[*fields, "updated"],
    )
    return DayRecord.objects.get(habit=record.habit, day=record.day)


def set_status(habit: Habit, day: date, status: str) -> DayRecord:
    """Store `status` for the habit's day. A note or value already written stays,
    so undoing a check-off never loses words or numbers."""
    return _upsert(DayRecord(habit=habit, day=day, status=status), ["status"])


def status_for_value(habit: Habit, value: Decimal | None) -> str:
    """Reaching the target is done; some progress under an "at least" target is partly done.

    Over an "at most" limit is simply not done: the value is kept, nothing is marked as failed.
    """
    if value is None:
        return DayRecord.Status.NONE
    if habit.direction == Habit.Direction.AT_MOST:
        return DayRecord.Status.DONE if value <= habit.target else DayRecord.Status.NONE
    if value >= habit.target:
        return DayRecord.Status.DONE
    return DayRecord.Status.PARTIAL if value > 0 else DayRecord.Status.NONE


def set_value(habit: Habit, day: date, value: Decimal | None) -> DayRecord:
    """Store a measurement (None clears it) and the status it earns against the target."""
    record = DayRecord(habit=habit, day=day, status=status_for_value(habit, value), value=value)
    return _upsert(record, ["status", "value"])
