"""How long the figures take for 20 habits with 3 years of days each: `make bench`.

Times streaks, completion rates and strength (routines.stats.habit_stats), plus
what History adds (three months of daily shares), on records built in memory,
so only the computation is measured.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")

import django  # noqa: E402

django.setup()

from routines.history import daily_shares  # noqa: E402
from routines.models import DayRecord, Habit, Pause  # noqa: E402
from routines.stats import habit_stats  # noqa: E402

TODAY = date(2026, 11, 26)
DAYS = 3 * 365
SCHEDULES = [
    {},
    {"schedule": "weekdays", "weekdays": 0b0010101},
    {"schedule": "per_week", "times_per_week": 3},
    {"schedule": "every_n", "interval_days": 2},
    {"kind": "measurable", "unit": "hours", "target": Decimal(7)},
]


def build() -> tuple[list[Habit], dict[int, list[DayRecord]]]:
    rng = random.Random(7)
    start = TODAY - timedelta(days=DAYS - 1)
    habits, records = [], {}
    for number in range(20):
        habit = Habit(pk=number + 1, name=f"Habit {number}", start_date=start, **SCHEDULES[number % len(SCHEDULES)])
        pause_start = start + timedelta(days=rng.randrange(DAYS - 30))
        habit._prefetched_objects_cache = {"pauses": [Pause(start=pause_start, until=pause_start + timedelta(days=10))]}
        habits.append(habit)
        records[habit.pk] = []
        for offset in range(DAYS):
            roll = rng.random()
            day = start + timedelta(days=offset)
            if roll < 0.03:
                records[habit.pk].append(DayRecord(habit_id=habit.pk, day=day, status="skipped"))
            elif roll < 0.75:
                value = Decimal(rng.choice(["5.5", "6.5", "7", "8"])) if habit.is_measurable else None
                status = "partial" if value is not None and value < 7 else "done"
                records[habit.pk].append(DayRecord(habit_id=habit.pk, day=day, status=status, value=value))
    return habits, records


def timed(run, repeat: int = 7) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        runs.append((time.perf_counter() - began) * 1000)
    return min(runs), statistics.median(runs)


def main() -> None:
    habits, records = build()
    total = sum(len(r) for r in records.values())
    figures = timed(lambda: [habit_stats(h, records[h.pk], TODAY) for h in habits])
    by_key = {(r.habit_id, r.day): r for rs in records.values() for r in rs}
    months = [TODAY - timedelta(days=i) for i in range(92)]
    shares = timed(lambda: daily_shares(habits, by_key, months, TODAY))
    print(f"20 habits x 3 years ({total} records), best / median of 7 runs:")
    print(f"  streaks, rates and strength for all 20: {figures[0]:.0f} ms / {figures[1]:.0f} ms")
    print(f"  History's three months of daily shares: {shares[0]:.0f} ms / {shares[1]:.0f} ms")


if __name__ == "__main__":
    main()
