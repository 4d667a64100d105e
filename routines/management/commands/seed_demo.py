"""Create (or refresh) a demo account with a starter routine, about eight weeks of history and check-ins.

Safe to run again: the account, its habits and its records are created only once.
"""

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from routines.days import user_today
from routines.journal import FEELINGS, prompt_for
from routines.models import DayRecord, Habit, JournalEntry, User
from routines.records import status_for_value
from routines.starter import STARTER_ROUTINE

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "selfcare-demo"
HISTORY_DAYS = 56
NOTES = (
    "Felt a little lighter afterwards.",
    "Hard to start, glad I did.",
    "Slow morning, and that was fine.",
    "Did it outside today.",
)


WORDS = (
    "A quiet day. The walk helped more than I expected.",
    "Tired, but I kept the small things going.",
    "Talked to a friend tonight. That was good.",
    "Heavy morning, lighter by the evening.",
)


def demo_check_in(owner: User, day: date, done: int) -> JournalEntry | None:
    """Most days a mood, a little better on days with more done; now and then a few words."""
    rng = random.Random(f"check-in:{day.isoformat()}")
    if rng.random() > 0.75:
        return None
    mood = max(1, min(5, round(2 + done / 3 + rng.uniform(-1, 1))))
    text = rng.choice(WORDS) if rng.random() < 0.3 else ""
    return JournalEntry(
        owner=owner, day=day, mood=mood, feelings=rng.sample(FEELINGS, 2), text=text, prompt=prompt_for(day) if text else ""
    )


def demo_record(habit: Habit, day: date, days_ago: int) -> DayRecord | None:
    """A plausible day: a gentle upward trend, imperfect, with the odd rest day."""
    rng = random.Random(f"{habit.name}:{day.isoformat()}")
    likelihood = 0.85 - 0.35 * days_ago / HISTORY_DAYS
    roll = rng.random()
    if roll > 0.97:
        return DayRecord(habit=habit, day=day, status=DayRecord.Status.SKIPPED)
    note = rng.choice(NOTES) if rng.random() < 0.06 else ""
    if habit.is_measurable:
        if habit.unit == "hours":
            value = Decimal(rng.choice(["5.5", "6", "6.5", "7", "7", "7.5", "8", "8.5"]))
        elif roll < likelihood:
            value = Decimal(rng.choice([5, 10, 10, 12, 15]))
        else:
            return None
        return DayRecord(habit=habit, day=day, status=status_for_value(habit, value), value=value, note=note)
    if roll < likelihood:
        return DayRecord(habit=habit, day=day, status=DayRecord.Status.DONE, note=note)
    return None


class Command(BaseCommand):
    help = "Create a demo account with a starter routine and eight weeks of history (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        user, created = User.objects.get_or_create(username=DEMO_USERNAME)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        today = user_today(user)
        first_day = today - timedelta(days=HISTORY_DAYS)
        if not user.habits.exists():
            Habit.objects.bulk_create(
                item.build(user, position, first_day) for position, item in enumerate(STARTER_ROUTINE)
            )
        records = []
        for habit in user.habits.all():
            if habit.records.exists():
                continue
            for days_ago in range(HISTORY_DAYS, 0, -1):
                record = demo_record(habit, today - timedelta(days=days_ago), days_ago)
                if record:
                    records.append(record)
        DayRecord.objects.bulk_create(records, ignore_conflicts=True)
        entries = []
        if not user.journal_entries.exists():
            done_by_day = Counter(DayRecord.objects.filter(habit__owner=user, status=DayRecord.Status.DONE).values_list("day", flat=True))
            for days_ago in range(HISTORY_DAYS, 0, -1):
                day = today - timedelta(days=days_ago)
                entry = demo_check_in(user, day, done_by_day.get(day, 0))
                if entry:
                    entries.append(entry)
            JournalEntry.objects.bulk_create(entries, ignore_conflicts=True)
        self.stdout.write(
            f"Demo account ready: log in as '{DEMO_USERNAME}' with password '{DEMO_PASSWORD}'"
            + (f" ({len(records)} days of history and {len(entries)} check-ins added)." if records or entries else ".")
        )
