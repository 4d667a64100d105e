"""A person's list for one day: the habits due, what is recorded, and how far along they are."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery

from .models import DayRecord, Habit, NudgeState, RestDay, User
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
    # Whether the person took `day` as a rest day (only when asked for, and only known when there are habits).
    rest_day: bool | None = None
    # Every habit begun by `day` and not archived, due or not, with its pauses.
    habits: list[Habit] = field(default_factory=list)
    # The day's snoozes and "not today"s, by habit id (routines.nudges).
    nudge_states: dict[int, NudgeState] = field(default_factory=dict)


def day_agenda(user: User, day: date, *, ask_ever_logged: bool = False, ask_rest_day: bool = False) -> Agenda:
    """The person's habits for `day`, in their order, in two queries whatever the history.

    One query fetches the habits, each with its record and its nudge state for the day
    beside it (joins on the unique habit and day) and its count of days done this week
    (for N-times-a-week habits); the second, their pauses. `ask_ever_logged` answers within the same query
    whether anything was ever done (Today's first-day hint), `ask_rest_day` whether the
    day is a rest day (Today's rest card).
    """
    done_this_week = (
        DayRecord.objects.filter(
            habit=OuterRef("pk"), status=DayRecord.Status.DONE, day__range=(week_start_for(day, user.week_start), day)
        )
        .order_by()
        .values("habit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    habits = (
        user.habits.filter(archived=False, start_date__lte=day)
        .prefetch_related("pauses")
        .annotate(
            on_day=FilteredRelation("records", condition=Q(records__day=day)),
            nudge_on_day=FilteredRelation("nudge_states", condition=Q(nudge_states__day=day)),
        )
        .annotate(
            record_pk=F("on_day__pk"),
            record_status=F("on_day__status"),
            record_value=F("on_day__value"),
            done_in_week=Subquery(done_this_week),
            nudge_pk=F("nudge_on_day__pk"),
            nudge_snoozed_until=F("nudge_on_day__snoozed_until"),
            nudge_dismissed=F("nudge_on_day__dismissed"),
        )
    )
    if ask_ever_logged:
        logged = DayRecord.objects.filter(habit=OuterRef("pk"), status__in=[DayRecord.Status.DONE, DayRecord.Status.PARTIAL])
        habits = habits.annotate(ever_logged=Exists(logged))
    if ask_rest_day:
        habits = habits.annotate(rest_day=Exists(RestDay.objects.filter(owner=user, day=day)))
    agenda = Agenda(
        due=[], done_for_the_week=[], ever_logged=False if ask_ever_logged else None, rest_day=False if ask_rest_day else None
    )
    for habit in habits:
        agenda.habits.append(habit)
        if ask_ever_logged and habit.ever_logged:
            agenda.ever_logged = True
        if ask_rest_day:
            agenda.rest_day = habit.rest_day
        record = None
        if habit.record_pk is not None:
            record = DayRecord(pk=habit.record_pk, habit=habit, day=day, status=habit.record_status, value=habit.record_value)
        if habit.nudge_pk is not None:
            agenda.nudge_states[habit.pk] = NudgeState(
                pk=habit.nudge_pk, habit=habit, day=day, snoozed_until=habit.nudge_snoozed_until, dismissed=habit.nudge_dismissed
            )
        row = HabitDay(habit, day, record, habit.done_in_week or 0)
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
