"""Writing day records: one per habit and day, safe against double taps, retries and two devices."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import DayRecord, Habit, RestDay, User


def write_day(habit: Habit, day: date, **fields: object) -> None:
    """Store only the given fields of the habit's day; the others keep what they hold.

    One INSERT ... ON CONFLICT DO UPDATE on the habit-and-day constraint: concurrent
    requests end with one record in the state asked for last, and nothing is read back.
    """
    DayRecord.objects.bulk_create(
        [DayRecord(habit=habit, day=day, **fields)],
        update_conflicts=True,
        unique_fields=["habit", "day"],
        update_fields=[*fields, "updated"],
    )


def set_status(habit: Habit, day: date, status: str) -> None:
    """Store `status` for the habit's day. A note or value already written stays,
    so undoing a check-off never loses words or numbers."""
    write_day(habit, day, status=status)


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


def set_value(habit: Habit, day: date, value: Decimal | None) -> str:
    """Store a measurement (None clears it) and the status it earns against the target (returned)."""
    status = status_for_value(habit, value)
    write_day(habit, day, status=status, value=value)
    return status


def unskip_status(habit: Habit, value: Decimal | None) -> str:
    """What a skipped day goes back to: its measurement's status, or simply not done."""
    return status_for_value(habit, value) if habit.is_measurable else DayRecord.Status.NONE


def take_rest_day(owner: User, day: date, open_habits: list[Habit]) -> RestDay:
    """Mark every habit still open on `day` as skipped (rest), remembering which, to undo."""
    with transaction.atomic():
        rest, _ = RestDay.objects.select_for_update().get_or_create(owner=owner, day=day)
        DayRecord.objects.bulk_create(
            [DayRecord(habit=habit, day=day, status=DayRecord.Status.SKIPPED) for habit in open_habits],
            update_conflicts=True,
            unique_fields=["habit", "day"],
            update_fields=["status", "updated"],
        )
        rest.habit_ids = sorted(set(rest.habit_ids) | {habit.id for habit in open_habits})
        rest.save(update_fields=["habit_ids"])
    return rest


def undo_rest_day(owner: User, day: date) -> None:
    """Give back the habits the rest day set aside; ones changed since are left as they are."""
    with transaction.atomic():
        rest = RestDay.objects.select_for_update().filter(owner=owner, day=day).first()
        if rest is None:
            return
        records = list(
            DayRecord.objects.filter(
                habit__owner=owner, habit_id__in=rest.habit_ids, day=day, status=DayRecord.Status.SKIPPED
            ).select_related("habit")
        )
        now = timezone.now()  # bulk_update leaves auto_now fields alone
        for record in records:
            record.status = unskip_status(record.habit, record.value)
            record.updated = now
        DayRecord.objects.bulk_update(records, ["status", "updated"])
        rest.delete()
