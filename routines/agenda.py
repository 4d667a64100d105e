"""A person's list for one day: the habits due, what is recorded, and how far along they are."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .models import DayRecord, Habit, User
from .schedule import is_due

SHORT_UNITS = {"hours": "h", "hour": "h", "minutes": "min", "minute": "min"}


@dataclass
class HabitDay:
    habit: Habit
    day: date
    record: DayRecord | None = None

    @property
    def status(self) -> str:
        return self.record.status if self.record else DayRecord.Status.NONE

    @property
    def done(self) -> bool:
        return self.status == DayRecord.Status.DONE

    @property
    def partly_done(self) -> bool:
        return self.status == DayRecord.Status.PARTIAL

    @property
    def value(self) -> Decimal | None:
        return self.record.value if self.record else None

    @property
    def short_unit(self) -> str:
        return SHORT_UNITS.get(self.habit.unit.lower(), self.habit.unit)


@dataclass
class Progress:
    done: int
    total: int


@dataclass
class TimeOfDayGroup:
    label: str
    rows: list[HabitDay]


def habit_day(habit: Habit, day: date) -> HabitDay:
    return HabitDay(habit, day, DayRecord.objects.filter(habit=habit, day=day).first())


def due_on(user: User, day: date) -> list[HabitDay]:
    """The habits due on `day`, in the person's order, with that day's records (two queries)."""
    habits = [h for h in user.habits.filter(archived=False, start_date__lte=day) if is_due(h, day)]
    records = {r.habit_id: r for r in DayRecord.objects.filter(habit__owner=user, habit__archived=False, day=day)}
    return [HabitDay(h, day, records.get(h.id)) for h in habits]


def progress(rows: list[HabitDay]) -> Progress:
    return Progress(done=sum(row.done for row in rows), total=len(rows))


def by_time_of_day(rows: list[HabitDay]) -> list[TimeOfDayGroup]:
    groups = [TimeOfDayGroup(label, [r for r in rows if r.habit.time_of_day == value]) for value, label in Habit.TimeOfDay.choices]
    return [group for group in groups if group.rows]
