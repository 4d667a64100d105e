"""How a habit is growing: streaks, completion rates and strength.

Everything is computed in one pass over a habit's records (fetched once),
with plain functions: no queries here.

Strength follows Loop Habit Tracker's score: each day
    score = previous * m + completion * (1 - m),  m = 0.5 ** (sqrt(f) / 13)
with f the habit's frequency in times per day. Rest (skipped) days, paused
days and days before the start leave it unchanged, so rest never lowers it.
A partly done measurable day counts for its share (value / target, at most 1)
there, and in streaks it keeps a run going: 6.5 of 7 hours of sleep is not a zero.
"""

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .models import DayRecord, Habit
from .schedule import day_plans, week_start_for

DONE = DayRecord.Status.DONE
PARTIAL = DayRecord.Status.PARTIAL
SKIPPED = DayRecord.Status.SKIPPED


def frequency(habit: Habit) -> tuple[int, int]:
    """The habit's frequency as N times in D days: (1, 1) daily, (3, 7) for Mon/Wed/Fri or 3 a week."""
    if habit.schedule == Habit.Schedule.WEEKDAYS:
        chosen = bin(habit.weekdays).count("1")
        return (1, 1) if chosen == 7 else (chosen, 7)  # all seven days is simply every day
    if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
        return habit.times_per_week, 7
    if habit.schedule == Habit.Schedule.EVERY_N_DAYS:
        return 1, habit.interval_days
    return 1, 1


def score_multiplier(habit: Habit) -> float:
    times, days = frequency(habit)
    return 0.5 ** (math.sqrt(times / days) / 13)


def day_completion(habit: Habit, record: DayRecord | None) -> float:
    """How complete one logged day is, from 0 to 1.

    A done record is a full check whatever the target is now (also for days
    logged before a check habit became measurable).
    """
    if record is None or record.status == SKIPPED:
        return 0.0
    if record.status == DONE:
        return 1.0
    if not habit.is_measurable or record.value is None or not habit.target:
        return 0.0
    value, target = float(record.value), float(habit.target)
    if habit.direction == Habit.Direction.AT_MOST:
        return 1.0 if value <= target else max(0.0, 1 - (value - target) / target)
    return min(1.0, value / target)


@dataclass
class Recent:
    """The last RECENT_DAYS days in plain counts: days done in full, partly, and planned."""

    done: int
    partly: int
    planned: int  # an N-times-a-week habit: N a week

    @property
    def in_words(self) -> str:
        """Leads with what was done; where nothing was, says so gently, without a bare zero."""
        if self.done or self.partly:
            if self.planned == 1:
                of_planned = f"the one day planned in the last {RECENT_DAYS} days"
            else:
                of_planned = f"{self.done or self.partly} of the last {self.planned} planned days"
            if not self.done:
                return f"Partly done on {of_planned}."
            return f"Done on {of_planned}" + (f", and partly on {self.partly} more." if self.partly else ".")
        if self.planned:
            return "The days you do it will show here, whenever you're ready."
        return f"Nothing was planned in the last {RECENT_DAYS} days."


@dataclass
class HabitStats:
    current_streak: int
    best_streak: int
    streak_unit: str  # "day" or "week"
    strength: float  # 0..1
    rates: dict[str, float | None]  # "7", "30", "90", "all" -> share of planned days done
    recent: Recent

    @property
    def strength_percent(self) -> int:
        return round(self.strength * 100)

    @property
    def is_new(self) -> bool:
        """No day has been asked for yet (today while open does not count): nothing to sum up."""
        return self.rates["all"] is None


def habit_stats(habit: Habit, records: Iterable[DayRecord], today: date, week_start: int = 0) -> HabitStats:
    """All of a habit's figures up to `today`, in one pass over its days."""
    by_day = {record.day: record for record in records}
    days = [habit.start_date + timedelta(days=i) for i in range((today - habit.start_date).days + 1)]
    plans = day_plans(habit, days)
    if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
        current, best = weekly_streaks(habit, by_day, plans, today, week_start)
        unit = "week"
    else:
        current, best = daily_streaks(by_day, plans, today)
        unit = "day"
    planned = asked_days(habit, by_day, plans, today)
    rates = completion_rates(habit, planned, today)
    return HabitStats(current, best, unit, strength(habit, by_day, plans, today), rates, recent(habit, planned, today))


Plans = dict[date, tuple[bool, bool]]  # day -> (scheduled, paused), from the start date to today


def daily_streaks(by_day: dict[date, DayRecord], plans: Plans, today: date) -> tuple[int, int]:
    """Planned days done in a row. Days not planned, rest days and partly done days bridge a run;
    today never breaks it."""
    run = best = 0
    for day, (scheduled, _) in plans.items():
        record = by_day.get(day)
        status = record.status if record else None
        if not scheduled or status in (SKIPPED, PARTIAL):
            continue  # not planned, rest, or part of the target: it neither adds to a run nor breaks it
        if status == DONE:
            run += 1
            best = max(best, run)
        elif day == today:
            continue
        else:
            run = 0
    return run, best


def weekly_streaks(habit: Habit, by_day: dict[date, DayRecord], plans: Plans, today: date, week_start: int) -> tuple[int, int]:
    """Weeks in a row whose target was met.

    Rest days, partly done days, paused days and days before the start count
    towards what a week could hold: a week that rest made short bridges the run
    instead of breaking it, and the current week never breaks it while it is open.
    """
    run = best = 0
    if not plans:
        return 0, 0
    first = week_start_for(habit.start_date, week_start)
    current_week = week_start_for(today, week_start)
    week = first
    while week <= current_week:
        week_days = [week + timedelta(days=i) for i in range(7)]
        done = sum(1 for d in week_days if d <= today and by_day.get(d) and by_day[d].status == DONE)
        allowed = sum(
            1
            for d in week_days
            if d < habit.start_date
            or plans.get(d, (False, False))[1]
            or (by_day.get(d) and by_day[d].status in (SKIPPED, PARTIAL))
        )
        if done >= habit.times_per_week:
            run += 1
            best = max(best, run)
        elif week == current_week or done + allowed >= habit.times_per_week:
            pass
        else:
            run = 0
        week += timedelta(days=7)
    return run, best


def strength(habit: Habit, by_day: dict[date, DayRecord], plans: Plans, today: date) -> float:
    """Loop Habit Tracker's score, from 0 to 1.

    A daily habit's completion is the day's own; for others it is
    min(1, checks in the last D days / N), where rest and paused days count as
    checks. Rest, paused and not-yet-started days leave the score as it was, and
    so does today while nothing is logged for it.
    """
    times, window_days = frequency(habit)
    multiplier = score_multiplier(habit)
    window: deque[float] = deque(maxlen=window_days)
    score = 0.0
    for day, (_, paused) in plans.items():
        record = by_day.get(day)
        resting = record is not None and record.status == SKIPPED
        window.append(1.0 if paused or resting else day_completion(habit, record))
        if paused or resting or (day == today and (record is None or record.status == DayRecord.Status.NONE)):
            continue
        completion = min(1.0, sum(window) / times)
        score = score * multiplier + completion * (1 - multiplier)
    return score


RATE_WINDOWS = {"7": 7, "30": 30, "90": 90}


RECENT_DAYS = 30


def asked_days(habit: Habit, by_day: dict[date, DayRecord], plans: Plans, today: date) -> list[tuple[date, float]]:
    """Each day asked for, with how complete it was (0..1).

    Only planned days count: not planned, paused and rest days are left out, and
    so is today while it is open. For an N-times-a-week habit every day it is
    not paused is a candidate; completion_rates asks N of them a week.
    """
    planned: list[tuple[date, float]] = []
    for day, (scheduled, paused) in plans.items():
        record = by_day.get(day)
        if record is not None and record.status == SKIPPED:
            continue
        completion = day_completion(habit, record)
        if day == today and completion == 0:
            continue
        if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
            if not paused:
                planned.append((day, completion))
        elif scheduled:
            planned.append((day, completion))
    return planned


def completion_rates(habit: Habit, planned: list[tuple[date, float]], today: date) -> dict[str, float | None]:
    """Share of planned days done over the last 7, 30 and 90 days and all time.

    An N-times-a-week habit is asked N times a week. None where no day was asked for yet.
    """
    rates: dict[str, float | None] = {}
    for name, length in (*RATE_WINDOWS.items(), ("all", None)):
        since = today - timedelta(days=length - 1) if length else date.min
        in_window = [(d, c) for d, c in planned if d >= since]
        if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
            asked = len(in_window) * habit.times_per_week / 7
            rates[name] = min(1.0, sum(c for _, c in in_window) / asked) if asked else None
        else:
            rates[name] = sum(c for _, c in in_window) / len(in_window) if in_window else None
    return rates


def recent(habit: Habit, planned: list[tuple[date, float]], today: date) -> Recent:
    """The last RECENT_DAYS days as counts, for "Done on 12 of the last 20 planned days"."""
    since = today - timedelta(days=RECENT_DAYS - 1)
    in_window = [c for d, c in planned if d >= since]
    done = sum(c >= 1 for c in in_window)
    # Over an "at most" limit is stored as not done and stays so here: only an
    # "at least" target is partly reached.
    partly = 0 if habit.direction == Habit.Direction.AT_MOST else sum(0 < c < 1 for c in in_window)
    if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
        asked = round(len(in_window) * habit.times_per_week / 7)
        return Recent(done, partly, max(asked, done + partly))
    return Recent(done, partly, len(in_window))
