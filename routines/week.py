"""The week at a glance: each active habit's seven days, and the totals."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models

from .models import DayRecord, Habit, JournalEntry, User
from .schedule import is_scheduled, week_start_for


class CellState(models.TextChoices):
    """What a day shows, in the words a screen reader says. A recorded status is its own
    state (the same value as DayRecord.Status, so templates' and CSS's `state-done` and
    the database's "done" cannot drift apart); the others say why nothing is recorded."""

    DONE = DayRecord.Status.DONE.value, "done"
    PARTIAL = DayRecord.Status.PARTIAL.value, "partly done"
    SKIPPED = DayRecord.Status.SKIPPED.value, "rest"
    OPEN = "open", "not done"  # due and nothing logged: just a day, not a failure
    UNSCHEDULED = "unscheduled", "not planned"  # not one of the habit's days, paused, or before it started
    FUTURE = "future", "still to come"


RECORDED = (DayRecord.Status.DONE, DayRecord.Status.PARTIAL, DayRecord.Status.SKIPPED)

# A check habit's cell cycles done -> skipped (rest) -> empty -> done.
NEXT_STATUS = {
    CellState.OPEN: DayRecord.Status.DONE,
    CellState.DONE: DayRecord.Status.SKIPPED,
    CellState.SKIPPED: DayRecord.Status.NONE,
    CellState.PARTIAL: DayRecord.Status.DONE,
}
NEXT_WORDS = {DayRecord.Status.DONE: "mark as done", DayRecord.Status.SKIPPED: "mark as rest", DayRecord.Status.NONE: "clear"}


def cell_state(habit: Habit, day: date, record: DayRecord | None, today: date) -> CellState:
    """What a day shows. A stored record wins over today's schedule: changing the
    schedule never rewrites what was logged."""
    if day > today:
        return CellState.FUTURE
    if record and record.status in RECORDED:
        return CellState(record.status)
    return CellState.OPEN if is_scheduled(habit, day) else CellState.UNSCHEDULED


@dataclass
class Cell:
    habit: Habit
    day: date
    record: DayRecord | None
    state: CellState
    is_today: bool

    @property
    def editable(self) -> bool:
        """A day that has begun and was planned; or any day with a record, so what was
        written there stays reachable after the schedule or start date changed."""
        return self.state != CellState.FUTURE and (self.state != CellState.UNSCHEDULED or self.record is not None)

    @property
    def next_status(self) -> str:
        return NEXT_STATUS.get(self.state, DayRecord.Status.DONE)

    @property
    def value(self):
        return self.record.value if self.record else None

    @property
    def note(self) -> str:
        return self.record.note if self.record else ""

    @property
    def description(self) -> str:
        """The state in plain words, for screen readers: shape and colour are never all there is."""
        words = self.state.label
        if self.value is None or self.state not in (CellState.DONE, CellState.PARTIAL):
            return words
        amount = format(self.value.normalize(), "f")
        if self.habit.target is None:  # logged while the habit was measurable
            return f"{words}, {amount}"
        return f"{words}, {amount} of {format(self.habit.target.normalize(), 'f')} {self.habit.unit}".rstrip()

    @property
    def next_words(self) -> str:
        """What a tap on a check habit's day does, for screen readers."""
        return NEXT_WORDS[self.next_status]


@dataclass
class WeekRow:
    habit: Habit
    cells: list[Cell]

    @property
    def done(self) -> int:
        return sum(cell.state == CellState.DONE for cell in self.cells)

    @property
    def expected(self) -> int:
        """Days asked for this week: rest days are not asked for; an N-times habit asks N."""
        if self.habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
            # Pauses, rest and days before the start shorten what a week can hold.
            open_days = sum(is_scheduled(self.habit, c.day) and c.state != CellState.SKIPPED for c in self.cells)
            return min(self.habit.times_per_week, open_days)
        asked = (CellState.DONE, CellState.PARTIAL, CellState.OPEN)
        return sum(
            cell.state in asked or (cell.state == CellState.FUTURE and is_scheduled(self.habit, cell.day))
            for cell in self.cells
        )


@dataclass
class DayTotal:
    day: date
    done: int
    due: int
    future: bool


@dataclass
class Week:
    start: date
    today: date
    days: list[date]
    rows: list[WeekRow] = field(default_factory=list)
    # Each day's check-in, when the page shows the mood row (a cell's answer does not need it).
    check_ins: list[tuple[date, JournalEntry | None]] = field(default_factory=list)

    @property
    def previous(self) -> date:
        return self.start - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.start + timedelta(days=7)

    @property
    def is_this_week(self) -> bool:
        return self.start <= self.today < self.next

    @property
    def totals(self) -> list[DayTotal]:
        return [
            DayTotal(day, *tally([row.cells[index] for row in self.rows]), day > self.today)
            for index, day in enumerate(self.days)
        ]


def tally(cells: list[Cell]) -> tuple[int, int]:
    """(done, due) for one day's cells. Rest is not asked for; an N-times-a-week
    habit only counts on a day it was done."""
    done = due = 0
    for cell in cells:
        is_done = cell.state == CellState.DONE
        done += is_done
        if cell.habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
            due += is_done
        else:
            due += cell.state in (CellState.DONE, CellState.PARTIAL, CellState.OPEN)
    return done, due


def week_of(user: User, any_day: date, today: date, with_moods: bool = False) -> Week:
    """The week holding `any_day` for the person's active habits, in two queries (three with
    pauses, four with the week's check-ins)."""
    start = week_start_for(any_day, user.week_start)
    days = [start + timedelta(days=i) for i in range(7)]
    habits = list(user.habits.filter(archived=False).prefetch_related("pauses"))
    records = {
        (r.habit_id, r.day): r
        for r in DayRecord.objects.filter(habit__owner=user, habit__archived=False, day__range=(days[0], days[-1]))
    }
    week = Week(start=start, today=today, days=days)
    for habit in habits:
        cells = [
            Cell(habit, day, records.get((habit.id, day)), cell_state(habit, day, records.get((habit.id, day)), today), day == today)
            for day in days
        ]
        week.rows.append(WeekRow(habit, cells))
    if with_moods:
        entries = {e.day: e for e in JournalEntry.objects.filter(owner=user, day__range=(days[0], days[-1])).only("day", "mood")}
        week.check_ins = [(day, entries.get(day)) for day in days]
    return week
