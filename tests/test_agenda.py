from datetime import date

from routines.agenda import by_time_of_day, day_agenda, progress
from routines.models import DayRecord, Habit

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
