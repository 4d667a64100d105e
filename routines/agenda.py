"""A person's list for one day: the habits due, what is recorded, and how far along they are."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from django.db import connection
from django.db.models import Model, QuerySet

from .models import DayRecord, Habit, NudgeState, Pause, User
from .schedule import is_due, is_scheduled, week_start_for

SHORT_UNITS = {"hours": "h", "hour": "h", "minutes": "min", "minute": "min"}
UNCHANGED = object()  # a field a write leaves as it is


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

    def stored(self, status: str, value: Decimal | None | object = UNCHANGED) -> None:
        """The row as records.write_day leaves it (only the given fields change), without reading it back."""
        was_done = self.done
        if self.record is None:
            self.record = DayRecord(habit=self.habit, day=self.day)
        self.record.status = status
        if value is not UNCHANGED:
            self.record.value = value
        self.done_this_week += self.done - was_done


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

    def stored(self, habit: Habit, status: str, value: Decimal | None | object = UNCHANGED) -> None:
        """The agenda as a fresh read would give it after a write to the habit's day (records.write_day):
        the row changed and the lists (so the progress) sorted again, without reading it all back.
        A habit on neither list is left alone: its answer reads it (habit_day)."""
        rows = self.due + self.done_for_the_week
        row = next((row for row in rows if row.habit.pk == habit.pk), None)
        if row is None:
            return
        row.stored(status, value)
        order = {listed.pk: position for position, listed in enumerate(self.habits)}
        rows.sort(key=lambda row: order[row.habit.pk])
        self.due, self.done_for_the_week = [], []
        for row in rows:  # every row here is scheduled: due, or an N-times-a-week habit whose week is full
            (self.due if is_due(row.habit, row.day, row.done_this_week, row.done) else self.done_for_the_week).append(row)

    def habit(self, pk: int) -> Habit | None:
        """One of the person's active habits, with its pauses, when it is on this agenda."""
        return next((habit for habit in self.habits if habit.pk == pk), None)


def day_agenda(
    user: User, day: date, *, ask_ever_logged: bool = False, ask_rest_day: bool = False, reminders_only: bool = False
) -> Agenda:
    """The person's habits for `day`, in their order, in at most two queries whatever the history.

    One query fetches the habits, each with its record and its nudge state for the day
    beside it (joins on the unique habit and day), its count of days done this week
    (for N-times-a-week habits) and whether it was ever paused; the second, only then,
    their pauses. `ask_ever_logged` answers within the same query whether anything was
    ever done (Today's first-day hint), `ask_rest_day` whether the day is a rest day
    (Today's rest card). `reminders_only` reads only habits with reminders: all the nudge
    poll needs, every minute on every open tab.
    """
    sql = agenda_sql(ask_ever_logged, ask_rest_day, reminders_only)
    habits = list(Habit.objects.raw(sql, agenda_params(user, day, ask_ever_logged, ask_rest_day)))
    pauses: Iterable[Pause] = ()  # most people have never paused a habit: no second query for them
    if any(habit.has_pauses for habit in habits):  # then the same habits' pauses
        pauses = Pause.objects.raw(pauses_sql_for(reminders_only), [user.pk, False, connection.ops.adapt_datefield_value(day)])
    attach_pauses(habits, pauses)
    agenda = Agenda(
        due=[], done_for_the_week=[], ever_logged=False if ask_ever_logged else None, rest_day=False if ask_rest_day else None
    )
    for habit in habits:
        agenda.habits.append(habit)
        if ask_ever_logged and habit.ever_logged:
            agenda.ever_logged = True
        if ask_rest_day:
            agenda.rest_day = bool(habit.rest_day)
        record = None
        if habit.record_pk is not None:
            value = convert(RECORD_VALUE, habit.record_value)
            record = DayRecord(pk=habit.record_pk, habit=habit, day=day, status=habit.record_status, value=value)
        if habit.nudge_pk is not None:
            agenda.nudge_states[habit.pk] = NudgeState(
                pk=habit.nudge_pk,
                habit=habit,
                day=day,
                snoozed_until=convert(NUDGE_SNOOZED_UNTIL, habit.nudge_snoozed_until),
                dismissed=bool(habit.nudge_dismissed),
            )
        row = HabitDay(habit, day, record, habit.done_in_week or 0)
        if is_due(habit, day, row.done_this_week, row.done):
            agenda.due.append(row)
        elif row.weekly and is_scheduled(habit, day):
            agenda.done_for_the_week.append(row)
    return agenda


# The agenda's one read, written once: Django would build this SQL again on every request
# (joins, a subquery and two EXISTS), which cost more than running it. Same result as the
# ORM's FilteredRelation joins on the unique (habit, day) of records and nudge states.
AGENDA_SQL = """
SELECT {habit_columns}, r.id AS record_pk, r.status AS record_status, r.value AS record_value,
    (SELECT COUNT(*) FROM routines_dayrecord w
        WHERE w.habit_id = h.id AND w.status = %s AND w.day BETWEEN %s AND %s) AS done_in_week,
    n.id AS nudge_pk, n.snoozed_until AS nudge_snoozed_until, n.dismissed AS nudge_dismissed,
    EXISTS(SELECT 1 FROM routines_pause p WHERE p.habit_id = h.id) AS has_pauses{extra}
FROM routines_habit h
LEFT JOIN routines_dayrecord r ON r.habit_id = h.id AND r.day = %s
LEFT JOIN routines_nudgestate n ON n.habit_id = h.id AND n.day = %s
WHERE h.owner_id = %s AND h.archived = %s AND h.start_date <= %s{only}
ORDER BY h.position, h.id
"""
EVER_LOGGED_SQL = """,
    EXISTS(SELECT 1 FROM routines_dayrecord e WHERE e.habit_id = h.id AND e.status IN (%s, %s)) AS ever_logged"""
REST_DAY_SQL = """,
    EXISTS(SELECT 1 FROM routines_restday x WHERE x.owner_id = %s AND x.day = %s) AS rest_day"""
PAUSES_SQL = """
SELECT {pause_columns} FROM routines_pause p JOIN routines_habit h ON h.id = p.habit_id
WHERE h.owner_id = %s AND h.archived = %s AND h.start_date <= %s{only}
ORDER BY p.habit_id, p.start, p.id
"""
RECORD_VALUE = DayRecord._meta.get_field("value")
NUDGE_SNOOZED_UNTIL = NudgeState._meta.get_field("snoozed_until")


# No reminders is the JSON list "[]" (the field's default; routines.forms stores an empty list so too).
REMINDERS_ONLY_SQL = " AND h.reminders <> '[]'"


def columns(model: type[Model], alias: str) -> str:
    """The model's columns by name, as the ORM's own queries list them, not `*`: on PostgreSQL a kept
    connection prepares these statements, and one prepared with `*` fails once a migration adds a
    column ("cached plan must not change result type") until the connection is replaced."""
    return ", ".join(f"{alias}.{field.column}" for field in model._meta.concrete_fields)


@cache
def agenda_sql(ask_ever_logged: bool, ask_rest_day: bool, reminders_only: bool = False) -> str:
    extra = (EVER_LOGGED_SQL if ask_ever_logged else "") + (REST_DAY_SQL if ask_rest_day else "")
    return AGENDA_SQL.format(habit_columns=columns(Habit, "h"), extra=extra, only=REMINDERS_ONLY_SQL if reminders_only else "")


@cache
def pauses_sql_for(reminders_only: bool) -> str:
    return PAUSES_SQL.format(pause_columns=columns(Pause, "p"), only=REMINDERS_ONLY_SQL if reminders_only else "")


def agenda_params(user: User, day: date, ask_ever_logged: bool, ask_rest_day: bool) -> list:
    """The parameters in the order of agenda_sql's placeholders."""
    as_day = connection.ops.adapt_datefield_value
    done, partial = DayRecord.Status.DONE, DayRecord.Status.PARTIAL
    params: list = [done, as_day(week_start_for(day, user.week_start)), as_day(day)]
    params += [done, partial] if ask_ever_logged else []
    params += [user.pk, as_day(day)] if ask_rest_day else []
    return params + [as_day(day), as_day(day), user.pk, False, as_day(day)]


def attach_pauses(habits: list[Habit], pauses: Iterable[Pause]) -> None:
    """Each habit's pauses, as prefetch_related("pauses") leaves them (habit.pauses.all() reads no more),
    without the per-habit querysets prefetching builds."""
    by_habit: dict[int, list[Pause]] = {}
    for pause in pauses:
        by_habit.setdefault(pause.habit_id, []).append(pause)
    # Most habits have no pause: they share one empty result (nothing changes a prefetched result).
    none = prefetched([])
    for habit in habits:
        found = by_habit.get(habit.pk)
        for pause in found or ():
            Pause.habit.field.set_cached_value(pause, habit)
        habit._prefetched_objects_cache = {"pauses": prefetched(found) if found else none}


def prefetched(pauses: list[Pause]) -> QuerySet[Pause]:
    found: QuerySet[Pause] = QuerySet(Pause)
    found._result_cache = pauses
    found._prefetch_done = True
    return found


def convert(field, value):
    """A column read beside the habit, as the ORM would give it (SQLite returns text for datetimes)."""
    if value is None:
        return None
    col = field.get_col(field.model._meta.db_table)
    for converter in connection.ops.get_db_converters(col) + field.get_db_converters(connection):
        value = converter(value, col, connection)
    return value


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
