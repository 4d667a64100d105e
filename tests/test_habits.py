"""routines/habits.py on its own: positions stay 0..n-1, writes keep what others changed, names clash kindly."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from routines import habits
from routines.models import Habit, Pause, User

START = date(2026, 1, 1)
TODAY = date(2026, 11, 26)


def new(user, name, **fields) -> Habit:
    return Habit(owner=user, name=name, start_date=START, **fields)


def routine(user, *names) -> list[Habit]:
    return [Habit.objects.create(owner=user, name=name, position=i, start_date=START) for i, name in enumerate(names)]


def order(user) -> list[tuple[str, int]]:
    return list(user.habits.filter(archived=False).values_list("name", "position"))


# The database


def test_two_active_habits_cannot_share_a_position(user):
    routine(user, "A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Habit.objects.create(owner=user, name="B", position=0, start_date=START)


def test_archived_habits_and_other_people_may_share_a_position(user, other_user):
    routine(user, "A")
    Habit.objects.create(owner=user, name="Old", position=0, archived=True, start_date=START)
    Habit.objects.create(owner=other_user, name="A", position=0, start_date=START)
    assert Habit.objects.filter(position=0).count() == 3


def test_the_migration_numbers_existing_positions_so_the_constraint_holds(transactional_db):
    before, after = [("routines", "0007_country_and_support")], [("routines", "0008_habit_positions")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    owner = old.get_model("routines", "User").objects.create(username="kim")
    OldHabit = old.get_model("routines", "Habit")
    for name, position, archived in (("C", 9, False), ("A", 2, False), ("B", 2, False), ("Old", 2, True)):
        OldHabit.objects.create(owner=owner, name=name, position=position, archived=archived, start_date=START)
    MigrationExecutor(connection).migrate(after)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # as the other tests expect
    kim = User.objects.get(username="kim")
    assert order(kim) == [("A", 0), ("B", 1), ("C", 2)]
    assert kim.habits.get(name="Old").position == 2


# Adding


def test_add_puts_the_habit_last_and_closes_old_gaps(user):
    Habit.objects.create(owner=user, name="A", position=3, start_date=START)
    habits.add(new(user, "B", position=99))
    assert order(user) == [("A", 0), ("B", 1)]


def test_add_answers_name_taken_when_the_name_was_taken_after_the_check(user):
    routine(user, "Walk")
    with pytest.raises(habits.NameTaken) as taken:
        habits.add(new(user, "walk"))
    assert "You already have a habit called “walk”" in taken.value.message
    assert order(user) == [("Walk", 0)]


def test_add_all_puts_the_checklist_last_in_its_order(user):
    routine(user, "A")
    habits.add_all(user, [new(user, "B"), new(user, "C")])
    assert order(user) == [("A", 0), ("B", 1), ("C", 2)]


def test_add_all_saves_none_when_one_name_is_taken(user):
    routine(user, "A")
    with pytest.raises(habits.NameTaken):
        habits.add_all(user, [new(user, "B"), new(user, "a")])
    assert order(user) == [("A", 0)]


def test_a_failure_that_is_not_about_the_name_is_not_hidden(user):
    with pytest.raises(IntegrityError):
        habits.add(new(user, "Swim", schedule=Habit.Schedule.WEEKDAYS, weekdays=0))


# Editing


def test_save_changes_writes_only_the_named_fields(user):
    (walk,) = routine(user, "Walk")
    stale = Habit.objects.get(pk=walk.pk)
    habits.archive(walk)  # meanwhile, in another request
    stale.name, stale.why = "Long walk", "Air"
    habits.save_changes(stale, ["name"])
    walk.refresh_from_db()
    assert (walk.name, walk.why, walk.archived) == ("Long walk", "", True)


def test_save_changes_answers_name_taken(user):
    walk, read = routine(user, "Walk", "Read")
    read.name = "WALK"
    with pytest.raises(habits.NameTaken):
        habits.save_changes(read, ["name"])
    read.refresh_from_db()
    assert read.name == "Read"


def test_save_changes_with_nothing_changed_writes_nothing(user, django_assert_num_queries):
    (walk,) = routine(user, "Walk")
    with django_assert_num_queries(0):
        habits.save_changes(walk, [])


# Moving


@pytest.mark.parametrize(
    ("moved", "step", "expected"),
    [("C", -1, "ACBD"), ("A", 1, "BACD"), ("A", -1, "ABCD"), ("D", 1, "ABCD"), ("B", 1, "ACBD")],
)
def test_move_swaps_with_the_neighbour_and_stays_at_either_end(user, moved, step, expected):
    routine(user, "A", "B", "C", "D")
    habits.move(user.habits.get(name=moved), step)
    assert order(user) == [(name, i) for i, name in enumerate(expected)]


def test_moving_an_archived_habit_only_tidies_the_order(user):
    a, b, c = routine(user, "A", "B", "C")
    Habit.objects.filter(pk=b.pk).update(archived=True)
    habits.move(b, -1)
    assert order(user) == [("A", 0), ("C", 1)]


# Archiving, restoring, deleting


def test_archive_moves_the_habits_below_up(user):
    a, b, c = routine(user, "A", "B", "C")
    habits.archive(a)
    assert order(user) == [("B", 0), ("C", 1)]
    assert user.habits.get(name="A").archived


def test_restore_puts_the_habit_last(user):
    a, b, c = routine(user, "A", "B", "C")
    habits.archive(a)
    habits.restore(a)
    assert order(user) == [("B", 0), ("C", 1), ("A", 2)]


def test_restore_under_a_new_name(user):
    (a,) = routine(user, "A")
    habits.archive(a)
    habits.restore(a, "A again")
    assert order(user) == [("A again", 0)]


def test_restore_answers_name_taken_and_leaves_the_habit_archived(user):
    (a,) = routine(user, "A")
    habits.archive(a)
    routine_now = Habit.objects.create(owner=user, name="a", position=0, start_date=START)
    with pytest.raises(habits.NameTaken):
        habits.restore(a)
    a.refresh_from_db()
    assert a.archived and order(user) == [(routine_now.name, 0)]


def test_delete_moves_the_habits_below_up(user):
    a, b, c = routine(user, "A", "B", "C")
    habits.delete(b)
    assert order(user) == [("A", 0), ("C", 1)]


# Pausing


def test_pause_starts_today_or_moves_the_end_of_the_running_pause(habit):
    habits.pause(habit, TODAY, date(2026, 12, 1))
    habits.pause(habit, TODAY, date(2026, 12, 10))
    assert list(Pause.objects.values_list("start", "until")) == [(TODAY, date(2026, 12, 10))]


def test_a_past_pause_is_left_alone_and_a_new_one_starts(habit):
    Pause.objects.create(habit=habit, start=date(2026, 11, 1), until=date(2026, 11, 5))
    habits.pause(habit, TODAY, date(2026, 12, 1))
    assert list(Pause.objects.values_list("start", "until")) == [
        (date(2026, 11, 1), date(2026, 11, 5)),
        (TODAY, date(2026, 12, 1)),
    ]


def test_resume_ends_a_running_pause_today_and_removes_one_begun_today(habit, measurable_habit):
    Pause.objects.create(habit=habit, start=date(2026, 11, 20), until=date(2026, 12, 5))
    Pause.objects.create(habit=measurable_habit, start=TODAY, until=date(2026, 12, 5))
    habits.resume(habit, TODAY)
    habits.resume(measurable_habit, TODAY)
    assert list(Pause.objects.values_list("habit", "start", "until")) == [(habit.pk, date(2026, 11, 20), TODAY)]


def test_resume_without_a_running_pause_changes_nothing(habit):
    Pause.objects.create(habit=habit, start=date(2026, 12, 1), until=date(2026, 12, 5))
    before = Habit.objects.get(pk=habit.pk).updated
    habits.resume(habit, TODAY)
    assert Pause.objects.count() == 1 and Habit.objects.get(pk=habit.pk).updated == before


def test_pause_and_resume_mark_the_habit_changed_for_the_calendar_feed(habit):
    before = Habit.objects.get(pk=habit.pk).updated
    habits.pause(habit, TODAY, date(2026, 12, 1))
    assert Habit.objects.get(pk=habit.pk).updated > before


# Queries: a fixed number, however long the routine


@pytest.mark.parametrize("length", [3, 30])
def test_actions_take_a_fixed_number_of_queries(user, length, django_assert_max_num_queries):
    many = routine(user, *[f"Habit {i}" for i in range(length)])
    with django_assert_max_num_queries(6):  # lock, read, two renumbering steps, savepoint in and out
        habits.move(many[1], -1)
    with django_assert_max_num_queries(7):
        habits.archive(many[0])
    with django_assert_max_num_queries(5):
        habits.restore(many[0])
    with django_assert_max_num_queries(5):
        habits.add(new(user, "New"))


# A smaller version, from the weekly look back


def test_make_smaller_makes_the_change_offered_once(user):
    walk = Habit.objects.create(owner=user, name="Walk", start_date=date(2026, 1, 1))
    offered = "4 times a week instead of every day"
    assert habits.make_smaller(walk, offered)
    assert not habits.make_smaller(walk, offered)  # a double tap: the habit is already smaller
    walk.refresh_from_db()
    assert (walk.schedule, walk.times_per_week) == ("per_week", 4)


def test_make_smaller_touches_nothing_else(user):
    read = Habit.objects.create(owner=user, name="Read", kind="measurable", unit="pages", target=20, start_date=date(2026, 1, 1))
    read.name = "Changed in memory only"
    assert habits.make_smaller(read, "10 pages instead of 20")
    read.refresh_from_db()
    assert (read.name, read.target) == ("Read", 10)
