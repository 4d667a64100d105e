"""A person's list for one day: the habits due, what is recorded, and how far along they are."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef

from .models import DayRecord, Habit, User
from .schedule import is_due, is_scheduled, week_start_for

SHORT_UNITS = {"hours": "h", "hour": "h", "minutes": "min", "minute": "min"}


@dataclass
class HabitDay:
    habit: Habit
    day: date
    record: DayRecord | None = None
    done_this_week: int = 0

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
    def resting(self) -> bool:
        return self.status == DayRecord.Status.SKIPPED

    @property
    def open(self) -> bool:
        return not (self.done or self.resting)

    @property
    def value(self) -> Decimal | None:
        return self.record.value if self.record else None

    @property
    def short_unit(self) -> str:
        return SHORT_UNITS.get(self.habit.unit.lower(), self.habit.unit)

    @property
    def weekly(self) -> bool:
        return self.habit.schedule == Habit.Schedule.TIMES_PER_WEEK

    def mark_done(self) -> None:
        """The row as records.set_status(DONE) leaves it (only the status changes), without reading it back."""
        if self.record is None:
            self.record = DayRecord(habit=self.habit, day=self.day)
        self.record.status = DayRecord.Status.DONE
        self.done_this_week += 1


@dataclass
class Progress:
    done: int
    total: int  # rest is not asked for, so resting habits are not in the total
    resting: int = 0


@dataclass
class TimeOfDayGroup:
    label: str
    rows: list[HabitDay]


@dataclass
class Agenda:
    due: list[HabitDay]
    # N-times-a-week habits whose week is already complete: shown calmly, not asked for.
    done_for_the_week: list[HabitDay]
    # Whether any of these habits was ever done or partly done (only when asked for).
    ever_logged: bool | None = None


def day_agenda(user: User, day: date, *, ask_ever_logged: bool = False) -> Agenda:
    """The person's habits for `day`, in their order, in a fixed number of queries.

    One query fetches the week's records so far, which gives both the day's
    record and each N-times-a-week habit's count. `ask_ever_logged` answers,
    within the habits' own query, whether anything was ever done (Today's
    first-day hint).
    """
    habits = user.habits.filter(archived=False, start_date__lte=day).prefetch_related("pauses")
    if ask_ever_logged:
        logged = DayRecord.objects.filter(habit=OuterRef("pk"), status__in=[DayRecord.Status.DONE, DayRecord.Status.PARTIAL])
        habits = habits.annotate(ever_logged=Exists(logged))
    week = DayRecord.objects.filter(
        habit__owner=user, habit__archived=False, day__range=(week_start_for(day, user.week_start), day)
    )
    records: dict[int, DayRecord] = {}
    done_in_week: dict[int, int] = {}
    for record in week:
        if record.day == day:
            records[record.habit_id] = record
        if record.status == DayRecord.Status.DONE:
            done_in_week[record.habit_id] = done_in_week.get(record.habit_id, 0) + 1
    agenda = Agenda(due=[], done_for_the_week=[], ever_logged=False if ask_ever_logged else None)
    for habit in habits:
        if ask_ever_logged and habit.ever_logged:
            agenda.ever_logged = True
        row = HabitDay(habit, day, records.get(habit.id), done_in_week.get(habit.id, 0))
        if is_due(habit, day, row.done_this_week, row.done):
            agenda.due.append(row)
        elif row.weekly and is_scheduled(habit, day):
            agenda.done_for_the_week.append(row)
    return agenda


def row_and_progress(user: User, habit: Habit, day: date, agenda: Agenda | None = None) -> tuple[HabitDay, Progress]:
    """A habit's row and the day's progress from one agenda (the answer after a change)."""
    agenda = agenda or day_agenda(user, day)
    row = next((r for r in agenda.due + agenda.done_for_the_week if r.habit.pk == habit.pk), None)
    return row or habit_day(habit, day, user.week_start), progress(agenda.due)


def habit_day(habit: Habit, day: date, week_start: int) -> HabitDay:
    """One habit's row for `day` (the htmx answer after a change)."""
    week = list(DayRecord.objects.filter(habit=habit, day__range=(week_start_for(day, week_start), day)))
    record = next((r for r in week if r.day == day), None)
    return HabitDay(habit, day, record, sum(r.status == DayRecord.Status.DONE for r in week))


def progress(rows: list[HabitDay]) -> Progress:
    resting = sum(row.resting for row in rows)
    return Progress(done=sum(row.done for row in rows), total=len(rows) - resting, resting=resting)


def by_time_of_day(rows: list[HabitDay]) -> list[TimeOfDayGroup]:
    groups = [TimeOfDayGroup(label, [r for r in rows if r.habit.time_of_day == value]) for value, label in Habit.TimeOfDay.choices]
    return [group for group in groups if group.rows]
