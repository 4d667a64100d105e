"""Writing day records: one per habit and day, safe against double taps and retries."""

from datetime import date

from .models import DayRecord, Habit


def set_status(habit: Habit, day: date, status: str) -> DayRecord:
    """Store `status` for the habit's day, creating the record if needed.

    A single INSERT ... ON CONFLICT DO UPDATE, so two requests at once end with
    one record in the state asked for last. Only the status changes: a note
    or value already written stays, so undoing a check-off never loses words.
    """
    DayRecord.objects.bulk_create(
        [DayRecord(habit=habit, day=day, status=status)],
        update_conflicts=True,
        unique_fields=["habit", "day"],
        update_fields=["status", "updated"],
    )
    return DayRecord.objects.get(habit=habit, day=day)
