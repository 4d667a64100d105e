from datetime import date
from decimal import Decimal
from pathlib import Path

from routines.models import DayRecord, Habit, Pause
from routines.week import CellState, week_of

WED = date(2026, 11, 25)  # today in these tests; the week is Mon 23 - Sun 29 November


def add(user, name, position=0, **fields) -> Habit:
    return Habit.objects.create(owner=user, name=name, position=position, start_date=date(2026, 1, 1), **fields)


def states(row) -> list[str]:
    return [cell.state for cell in row.cells]


def test_the_week_starts_on_the_users_week_start(user):
    assert week_of(user, WED, WED).days[0] == date(2026, 11, 23)
    user.week_start = 6
    assert week_of(user, WED, WED).days[0] == date(2026, 11, 22)


def test_cells_show_done_partial_rest_open_and_future(user, measurable_habit, habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 23), status="done")
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 24), status="skipped")
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 23), status="partial", value=Decimal("6.5"))
    week = week_of(user, WED, WED)
    stretch, sleep = week.rows
    assert states(stretch) == ["done", "skipped", "open", "future", "future", "future", "future"]
    assert states(sleep)[:2] == ["partial", "open"]
    assert sleep.cells[0].description == "partly done, 6.5 of 7 hours"
    assert stretch.cells[1].description == "rest" and stretch.cells[3].description == "still to come"
    assert stretch.cells[2].is_today and not stretch.cells[1].is_today


def test_unscheduled_days_include_other_weekdays_pauses_and_days_before_the_start(user):
    add(user, "Swim", schedule="weekdays", weekdays=0b0000101)  # Mon, Wed
    late = add(user, "Late", 1)
    late.start_date = date(2026, 11, 24)
    late.save()
    resting = add(user, "Resting", 2)
    Pause.objects.create(habit=resting, start=date(2026, 11, 20), until=date(2026, 11, 25))
    week = week_of(user, WED, WED)
    by_name = {row.habit.name: states(row)[:3] for row in week.rows}
    assert by_name == {
        "Swim": ["open", "unscheduled", "open"],
        "Late": ["unscheduled", "open", "open"],
        "Resting": ["unscheduled", "unscheduled", "open"],
    }


def test_a_stored_record_wins_over_a_changed_schedule(user, habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 24), status="done")
    habit.schedule, habit.weekdays = "weekdays", 0b0000001  # now Mondays only
    habit.save()
    assert states(week_of(user, WED, WED).rows[0])[:3] == ["open", "done", "unscheduled"]


def test_the_cycle_of_a_check_cell_is_done_rest_empty(user, habit):
    day = date(2026, 11, 23)
    cycle = []
    for status in ("none", "done", "skipped"):
        DayRecord.objects.update_or_create(habit=habit, day=day, defaults={"status": status})
        cell = week_of(user, WED, WED).rows[0].cells[0]
        cycle.append((cell.state, cell.next_status))
    assert cycle == [(CellState.OPEN, "done"), (CellState.DONE, "skipped"), (CellState.SKIPPED, "none")]


def test_row_totals_leave_rest_out_and_count_a_weekly_target(user, habit):
    run = add(user, "Run", 1, schedule="per_week", times_per_week=3)
    swim = add(user, "Swim", 2, schedule="weekdays", weekdays=0b0010101)  # Mon, Wed, Fri
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 23), status="done")
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 24), status="skipped")
    DayRecord.objects.create(habit=run, day=date(2026, 11, 24), status="done")
    DayRecord.objects.create(habit=swim, day=date(2026, 11, 23), status="done")
    rows = {row.habit.name: (row.done, row.expected) for row in week_of(user, WED, WED).rows}
    assert rows == {"Stretch when I wake": (1, 6), "Run": (1, 3), "Swim": (1, 3)}


def test_day_totals_count_due_habits_and_weekly_ones_only_when_done(user, habit):
    run = add(user, "Run", 1, schedule="per_week", times_per_week=3)
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 23), status="done")
    DayRecord.objects.create(habit=run, day=date(2026, 11, 24), status="done")
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 24), status="skipped")
    totals = week_of(user, WED, WED).totals
    assert [(t.done, t.due, t.future) for t in totals[:4]] == [(1, 1, False), (1, 1, False), (0, 1, False), (0, 0, True)]


def test_cell_states_and_day_statuses_are_one_vocabulary_down_to_the_css():
    css = (Path(__file__).resolve().parent.parent / "static/css/app.css").read_text()
    recorded = {DayRecord.Status.DONE, DayRecord.Status.PARTIAL, DayRecord.Status.SKIPPED}
    assert recorded <= {state.value for state in CellState}
    assert [state.label for state in CellState] == ["done", "partly done", "rest", "not done", "not planned", "still to come"]
    for state in CellState:
        if state != CellState.OPEN:  # an open day has the plain circle
            assert f".state-{state} .cell-mark" in css, state
