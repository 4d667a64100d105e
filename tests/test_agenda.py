import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from routines.agenda import agenda_sql, by_time_of_day, day_agenda, pauses_sql_for, progress
from routines.models import DayRecord, Habit, NudgeState, Pause, RestDay
from routines.records import set_status, set_value

DAY = date(2026, 11, 26)


def add(user, name, time_of_day="anytime", position=0, **fields) -> Habit:
    return Habit.objects.create(
        owner=user, name=name, time_of_day=time_of_day, position=position, start_date=date(2026, 1, 1), **fields
    )


def test_the_agenda_lists_active_habits_in_the_persons_order(user):
    add(user, "Read", position=2)
    add(user, "Stretch", position=0)
    add(user, "Music", position=1)
    assert [row.habit.name for row in day_agenda(user, DAY).due] == ["Stretch", "Music", "Read"]


def test_the_agenda_leaves_out_archived_habits_and_habits_not_started_yet(user, other_user):
    add(user, "Stretch")
    add(user, "Old habit", archived=True)
    Habit.objects.create(owner=user, name="Starts tomorrow", position=1, start_date=date(2026, 11, 27))
    add(other_user, "Someone else's")
    assert [row.habit.name for row in day_agenda(user, DAY).due] == ["Stretch"]


def test_the_agenda_for_the_nudge_poll_reads_only_habits_with_reminders(user):
    add(user, "Stretch", reminders=["08:00"])
    add(user, "Read", position=1)
    add(user, "Walk", position=2, reminders=["18:30", "09:00"])
    add(user, "Music", position=3, reminders=[])
    assert [row.habit.name for row in day_agenda(user, DAY, reminders_only=True).due] == ["Stretch", "Walk"]
    assert len(day_agenda(user, DAY).due) == 4


def test_the_agenda_attaches_only_that_days_records(user):
    habit = add(user, "Stretch")
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 25), status="done")
    assert day_agenda(user, DAY).due[0].done is False
    DayRecord.objects.create(habit=habit, day=DAY, status="done")
    assert day_agenda(user, DAY).due[0].done is True


def test_progress_counts_done_habits_only(user, measurable_habit):
    add(user, "Stretch", position=2)
    add(user, "Music", position=3)
    DayRecord.objects.create(habit=Habit.objects.get(name="Stretch"), day=DAY, status="done")
    DayRecord.objects.create(habit=measurable_habit, day=DAY, status="partial", value=5)
    result = progress(day_agenda(user, DAY).due)
    assert (result.done, result.total) == (1, 3)


def test_by_time_of_day_groups_morning_to_anytime_and_skips_empty_groups(user):
    add(user, "Music", "anytime", 0)
    add(user, "Bath", "evening", 1)
    add(user, "Stretch", "morning", 2)
    add(user, "Breakfast", "morning", 3)
    groups = by_time_of_day(day_agenda(user, DAY).due)
    assert [(g.label, [r.habit.name for r in g.rows]) for g in groups] == [
        ("Morning", ["Stretch", "Breakfast"]),
        ("Evening", ["Bath"]),
        ("Anytime", ["Music"]),
    ]


def test_a_paused_habit_is_off_the_agenda_and_every_habits_pauses_come_with_it(user, other_user, django_assert_num_queries):
    walk, read = add(user, "Walk"), add(user, "Read", position=1)
    Pause.objects.create(habit=walk, start=date(2026, 11, 20), until=date(2026, 12, 1))
    Pause.objects.create(habit=walk, start=date(2026, 3, 1), until=date(2026, 3, 8))
    Pause.objects.create(habit=add(other_user, "Someone else's"), start=date(2026, 11, 20), until=date(2026, 12, 1))
    with django_assert_num_queries(2):
        agenda = day_agenda(user, DAY)
        pauses = {habit.name: [(p.start, p.habit.name) for p in habit.pauses.all()] for habit in agenda.habits}
    assert [row.habit for row in agenda.due] == [read]
    assert pauses == {"Walk": [(date(2026, 3, 1), "Walk"), (date(2026, 11, 20), "Walk")], "Read": []}


def test_without_a_pause_ever_the_agenda_is_one_query_and_its_habits_know_they_have_none(user, other_user, django_assert_num_queries):
    add(user, "Walk"), add(user, "Read", position=1)
    Pause.objects.create(habit=add(other_user, "Someone else's"), start=date(2026, 11, 20), until=date(2026, 12, 1))
    with django_assert_num_queries(1):
        agenda = day_agenda(user, DAY)
        assert {habit.name: list(habit.pauses.all()) for habit in agenda.habits} == {"Walk": [], "Read": []}
    assert [row.habit.name for row in agenda.due] == ["Walk", "Read"]


@pytest.mark.parametrize("reminders_only", [False, True])
def test_the_agendas_statements_name_their_columns_so_a_prepared_one_outlives_a_new_column(reminders_only):
    """PostgreSQL refuses a statement prepared with `*` once a migration adds a column to its table."""
    for sql in (agenda_sql(True, True, reminders_only), pauses_sql_for(reminders_only)):
        assert not re.search(r"SELECT\s+\w+\.\*", sql)
    assert "h.next_push_at" in agenda_sql(False, False, reminders_only) and "p.until" in pauses_sql_for(reminders_only)


def test_the_agenda_reads_the_days_record_nudge_state_week_and_rest_as_the_orm_stores_them(user):
    habit = add(user, "Water", kind="measurable", unit="glasses", target=Decimal(8), time_of_day="morning")
    weekly = add(user, "Swim", position=1, schedule="per_week", times_per_week=3)
    DayRecord.objects.create(habit=habit, day=DAY, status="partial", value=Decimal("2.50"))
    DayRecord.objects.bulk_create(DayRecord(habit=weekly, day=DAY - timedelta(days=d), status="done") for d in (1, 2))
    DayRecord.objects.create(habit=weekly, day=DAY - timedelta(days=7), status="done")  # the week before
    later = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    NudgeState.objects.create(habit=habit, day=DAY, snoozed_until=later)
    NudgeState.objects.create(habit=weekly, day=DAY, dismissed=True)
    RestDay.objects.create(owner=user, day=DAY)
    agenda = day_agenda(user, DAY, ask_ever_logged=True, ask_rest_day=True)
    water, swim = agenda.due
    assert (water.record.status, water.value, water.record.pk) == ("partial", Decimal("2.50"), DayRecord.objects.get(habit=habit, day=DAY).pk)
    assert (swim.record, swim.done_this_week) == (None, 2)
    assert agenda.nudge_states[habit.pk].snoozed_until == later
    assert agenda.nudge_states[habit.pk].dismissed is False
    assert agenda.nudge_states[weekly.pk].dismissed is True
    assert (agenda.ever_logged, agenda.rest_day) == (True, True)
    assert (day_agenda(user, DAY - timedelta(days=1), ask_ever_logged=True, ask_rest_day=True).rest_day) is False


def lists(agenda) -> tuple[list, list]:
    def rows(found):
        return [(row.habit.pk, row.status, row.value, row.done_this_week) for row in found]

    return rows(agenda.due), rows(agenda.done_for_the_week)


@pytest.mark.parametrize(
    "habit_name, status, value",
    [
        ("Stretch", "done", None),
        ("Stretch", "none", None),
        ("Swim", "done", None),  # the week's third: it stays on the list today
        ("Run", "none", None),  # undone when the week was full anyway: off to "done for the week"
        ("Run", "done", None),  # done again
        ("Sleep", "partial", Decimal("5.00")),
        ("Sleep", "done", Decimal("8.00")),
        ("Sleep", "none", None),
    ],
)
def test_an_agenda_after_a_stored_change_is_what_a_fresh_read_gives(user, habit_name, status, value):
    add(user, "Stretch")
    swim = add(user, "Swim", position=1, schedule=Habit.Schedule.TIMES_PER_WEEK, times_per_week=3)
    run = add(user, "Run", position=2, schedule=Habit.Schedule.TIMES_PER_WEEK, times_per_week=2)
    add(user, "Sleep", position=3, kind=Habit.Kind.MEASURABLE, unit="hours", target=Decimal("7"))
    monday = DAY - timedelta(days=DAY.weekday())
    for day in (monday, monday + timedelta(days=1)):
        DayRecord.objects.create(habit=swim, day=day, status="done")
        DayRecord.objects.create(habit=run, day=day, status="done")
    DayRecord.objects.create(habit=run, day=DAY, status="done")
    agenda = day_agenda(user, DAY)
    assert [row.habit.name for row in agenda.due] == ["Stretch", "Swim", "Run", "Sleep"]
    habit = agenda.habit(Habit.objects.get(name=habit_name).pk)
    if habit.is_measurable:
        status = set_value(habit, DAY, value)
        agenda.stored(habit, status, value)
    else:
        set_status(habit, DAY, status)
        agenda.stored(habit, status)
    assert lists(agenda) == lists(day_agenda(user, DAY))
    assert progress(agenda.due) == progress(day_agenda(user, DAY).due)
