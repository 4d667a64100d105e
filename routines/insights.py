"""What the check-ins and the habits show together: plain counts, a weekly look back, and a safeguard.

Observations say what happened, never why: "on days you stretched, your mood was good
or better on 9 of 14 days". They appear only with enough days on both sides, so a
handful of days never looks like a pattern. Everything here is plain functions over
data already fetched: no queries.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .models import DayRecord, Habit, Mood
from .schedule import day_plans, schedule_in_words, week_start_for

MIN_DAYS = 10  # days with, and days without, the habit before an observation is shown
GOOD = Mood.GOOD
DID = (DayRecord.Status.DONE, DayRecord.Status.PARTIAL)

SAFEGUARD_WINDOW = 14  # days, today included
SAFEGUARD_MIN_CHECK_INS = 10
SAFEGUARD_MIN_LOW = 10
LOW = Mood.LOW

REVIEW_WINDOW = 14  # days looked at for habits that have been hard to keep


@dataclass
class MoodSide:
    days: int = 0
    good: int = 0  # good or very good
    total: int = 0  # the moods added up, for the average

    def add(self, mood: int) -> None:
        self.days += 1
        self.good += mood >= GOOD
        self.total += mood

    @property
    def average(self) -> float | None:
        return self.total / self.days if self.days else None

    @property
    def average_word(self) -> str:
        return Mood(int(self.average + 0.5)).label.lower() if self.days else ""  # halves up, never to even


@dataclass
class Observation:
    habit: Habit
    did: MoodSide
    other: MoodSide

    @property
    def ready(self) -> bool:
        return self.did.days >= MIN_DAYS and self.other.days >= MIN_DAYS

    @property
    def days_to_go(self) -> int:
        """How many more checked-in days (at the least) before anything is shown."""
        return max(0, MIN_DAYS - self.did.days) + max(0, MIN_DAYS - self.other.days)


def mood_observations(habits: Iterable[Habit], records: Iterable[DayRecord], moods: dict[date, int]) -> list[Observation]:
    """For each habit: the moods of days it was done (or partly done) and of the other days
    since it started. Only days with a mood count on either side."""
    did_days: dict[int, set[date]] = {}
    for record in records:
        if record.status in DID:
            did_days.setdefault(record.habit_id, set()).add(record.day)
    observations = []
    for habit in habits:
        observation = Observation(habit, MoodSide(), MoodSide())
        done = did_days.get(habit.id, set())
        for day, mood in moods.items():
            if day >= habit.start_date:
                (observation.did if day in done else observation.other).add(mood)
        observations.append(observation)
    return observations


def safeguard_due(moods: dict[date, int], today: date, hidden_until: date | None) -> bool:
    """Low or very low on at least 10 of the days checked in over the last 14 (with at least
    10 check-ins), and not put away. Days are the person's own calendar days, so a change of
    time zone or of the clocks never stretches or shrinks the window."""
    if hidden_until is not None and today < hidden_until:
        return False
    first = today - timedelta(days=SAFEGUARD_WINDOW - 1)
    window = [mood for day, mood in moods.items() if first <= day <= today]
    return len(window) >= SAFEGUARD_MIN_CHECK_INS and sum(mood <= LOW for mood in window) >= SAFEGUARD_MIN_LOW


@dataclass
class Smaller:
    """A smaller version of a habit: the fields to change, and the change in words."""

    changes: dict
    words: str


def smaller_version(habit: Habit) -> Smaller | None:
    """Half the amount of an "at least" number, or one day fewer a week; None when there is
    nothing sensible to take away (once a week, an "at most" limit)."""
    if habit.is_measurable:
        if habit.direction != Habit.Direction.AT_LEAST or habit.target is None or habit.target <= Decimal("0.01"):
            return None
        half = habit.target / 2
        target = half.quantize(Decimal("1")) if habit.target >= 2 else half.quantize(Decimal("0.01"))
        return Smaller({"target": target}, f"{amount(target)} {habit.unit} instead of {amount(habit.target)}".strip())
    if habit.schedule == Habit.Schedule.DAILY:
        count, was = 4, "every day"
    elif habit.schedule == Habit.Schedule.WEEKDAYS and bin(habit.weekdays).count("1") > 1:
        count, was = bin(habit.weekdays).count("1") - 1, schedule_in_words(habit)
    elif habit.schedule == Habit.Schedule.TIMES_PER_WEEK and habit.times_per_week > 1:
        count, was = habit.times_per_week - 1, f"{habit.times_per_week} times a week"
    elif habit.schedule == Habit.Schedule.EVERY_N_DAYS and habit.interval_days < 30:
        return Smaller({"interval_days": habit.interval_days + 1}, f"every {habit.interval_days + 1} days instead of every {habit.interval_days}")
    else:
        return None
    times = "once a week" if count == 1 else f"{count} times a week"
    changes = {"schedule": Habit.Schedule.TIMES_PER_WEEK, "times_per_week": count, "weekdays": 0}
    return Smaller(changes, f"{times} instead of {was}")


def amount(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass
class HardHabit:
    """A habit missed on most of its planned days lately: offered a smaller version, never a verdict."""

    habit: Habit
    planned: int
    done: int
    chosen: str = ""  # what the person chose in this week's look back: "smaller", "pause" or "keep"

    @property
    def smaller(self) -> Smaller | None:
        return smaller_version(self.habit)


@dataclass
class WeekReview:
    start: date  # the week looked back on
    showed_up: int  # days with at least one habit done or a check-in
    most_done: tuple[Habit, int] | None
    moods: list[tuple[date, int | None]]  # the week's seven days
    mood_change: str  # "lighter", "heavier", "steady" or "" when there is too little to say
    hard: list[HardHabit] = field(default_factory=list)


def review_due(today: date, week_start: int, dismissed_week: date | None) -> bool:
    """On the first day of the person's week, until they put it away."""
    return today == week_start_for(today, week_start) and dismissed_week != today


def week_review(
    today: date, habits: list[Habit], records: Iterable[DayRecord], moods: dict[date, int]
) -> WeekReview:
    """The week before `today` (the first day of a new week), and the habits that have been
    hard to keep over the last two weeks. `records` and `moods` cover at least those 14 days."""
    start = today - timedelta(days=7)
    week = [start + timedelta(days=i) for i in range(7)]
    records = list(records)
    did = [r for r in records if r.status in DID]
    showed_up = {r.day for r in did if start <= r.day < today} | {d for d in moods if start <= d < today}
    counts = Counter(r.habit_id for r in did if start <= r.day < today and r.status == DayRecord.Status.DONE)
    by_id = {habit.id: habit for habit in habits}
    most = next(((by_id[pk], n) for pk, n in counts.most_common() if pk in by_id), None)
    return WeekReview(
        start=start,
        showed_up=len(showed_up),
        most_done=most,
        moods=[(day, moods.get(day)) for day in week],
        mood_change=mood_change(moods, start),
        hard=hard_habits(habits, records, today),
    )


def mood_change(moods: dict[date, int], start: date) -> str:
    """The week's average against the week before, in words; nothing with fewer than 3 days in either."""
    this = [m for d, m in moods.items() if start <= d < start + timedelta(days=7)]
    before = [m for d, m in moods.items() if start - timedelta(days=7) <= d < start]
    if len(this) < 3 or len(before) < 3:
        return ""
    difference = sum(this) / len(this) - sum(before) / len(before)
    if difference >= 0.5:
        return "lighter"
    if difference <= -0.5:
        return "heavier"
    return "steady"


def hard_habits(habits: Iterable[Habit], records: Iterable[DayRecord], today: date) -> list[HardHabit]:
    """Habits missed on more than half of their planned days in the last 14 (rest days aside),
    with at least four days asked of them: too few days say nothing."""
    first = today - timedelta(days=REVIEW_WINDOW)
    days = [first + timedelta(days=i) for i in range(REVIEW_WINDOW)]
    status = {(r.habit_id, r.day): r.status for r in records}
    hard = []
    for habit in habits:
        plans = day_plans(habit, days)
        rested = {d for d in days if status.get((habit.id, d)) == DayRecord.Status.SKIPPED}
        done = sum(status.get((habit.id, d)) in DID for d in days)
        if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
            open_days = sum(plans[d][0] and d not in rested for d in days)
            # Asked its count a week, over the days it could be done (a new or paused habit, fewer).
            planned = min(open_days, round(habit.times_per_week * open_days / 7))
        else:
            planned = sum(plans[d][0] and d not in rested for d in days)
        if planned >= 4 and done * 2 < planned:
            hard.append(HardHabit(habit, planned, done))
    return hard
