"""A crash between the steps of an action never leaves half of it: every multi-row write is one transaction.

Each test lets the action run until a step in its middle, makes that step fail (after it
has written, where it writes), and finds the database exactly as it was before.
(The import's own test is in test_importing.py: an error on its last row leaves nothing.)
"""

from collections.abc import Callable
from datetime import date

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from routines import habits, journal, records, support
from routines.models import DayRecord, Habit, JournalEntry, NudgeState, Pause, RestDay, SupportItem

from .conftest import stored_rows
from .test_views_onboarding import checklist_data

TODAY = date(2026, 11, 26)

pytestmark = pytest.mark.usefixtures("on_thursday")


class Crash(Exception):
    """The power going out half-way through."""


def crash_after(monkeypatch, owner: object, name: str, when: Callable[..., bool] = lambda *a, **k: True) -> None:
    """`owner.name` does its work, then fails (only on the calls `when` picks)."""
    original = getattr(owner, name)

    def step(*args, **kwargs):
        result = original(*args, **kwargs)
        if when(*args, **kwargs):
            raise Crash(name)
        return result

    monkeypatch.setattr(owner, name, step)


def of_model(model: type) -> Callable[..., bool]:
    """For QuerySet methods: only when they write `model`'s rows."""
    return lambda queryset, *args, **kwargs: queryset.model is model


@pytest.fixture
def routine(user) -> list[Habit]:
    """Three habits, each with a record, a pause and a nudge state: deleting one cascades."""
    made = []
    for position, name in enumerate(["Stretch", "Music", "Read"]):
        habit = Habit.objects.create(owner=user, name=name, position=position, start_date=date(2026, 1, 1))
        DayRecord.objects.create(habit=habit, day=TODAY, note=f"{name} note")
        Pause.objects.create(habit=habit, start=date(2026, 12, 1), until=date(2026, 12, 3))
        NudgeState.objects.create(habit=habit, day=TODAY, dismissed=True)
        made.append(habit)
    return made


def fails_and_changes_nothing(action: Callable[[], object]) -> None:
    before = stored_rows()
    with pytest.raises(Crash):
        action()
    assert stored_rows() == before


def test_a_move_that_crashes_after_lifting_the_positions_moves_nothing(monkeypatch, routine):
    # The first step lifts the moving habits above every position; the second places them.
    crash_after(monkeypatch, QuerySet, "update", of_model(Habit))
    fails_and_changes_nothing(lambda: habits.move(routine[0], 1))


def test_a_move_that_crashes_at_its_last_statement_moves_nothing(monkeypatch, routine):
    crash_after(monkeypatch, QuerySet, "bulk_update", of_model(Habit))
    fails_and_changes_nothing(lambda: habits.move(routine[2], -1))


def test_a_move_through_the_page_that_crashes_moves_nothing(monkeypatch, routine, logged_in_client):
    crash_after(monkeypatch, QuerySet, "bulk_update", of_model(Habit))
    fails_and_changes_nothing(lambda: logged_in_client.post(reverse("habit_move", args=[routine[0].pk]), {"direction": "down"}))


def test_a_rest_day_that_crashes_after_setting_the_habits_aside_sets_nothing_aside(monkeypatch, user, routine):
    crash_after(monkeypatch, QuerySet, "bulk_create", of_model(DayRecord))
    fails_and_changes_nothing(lambda: records.take_rest_day(user, TODAY, routine))


def test_a_rest_day_that_crashes_at_its_last_step_leaves_no_rest_day(monkeypatch, user, routine):
    crash_after(monkeypatch, RestDay, "save", lambda self, *a, **k: bool(k.get("update_fields")))
    fails_and_changes_nothing(lambda: records.take_rest_day(user, TODAY, routine))


def test_taking_a_rest_day_on_the_page_is_all_or_nothing(monkeypatch, user, routine, logged_in_client):
    crash_after(monkeypatch, RestDay, "save", lambda self, *a, **k: bool(k.get("update_fields")))
    fails_and_changes_nothing(lambda: logged_in_client.post(reverse("rest_day")))


def test_undoing_a_rest_day_that_crashes_gives_nothing_back_half_way(monkeypatch, user, routine):
    records.take_rest_day(user, TODAY, routine)
    crash_after(monkeypatch, QuerySet, "bulk_update", of_model(DayRecord))
    fails_and_changes_nothing(lambda: records.undo_rest_day(user, TODAY))


def test_starting_the_routine_that_crashes_after_saving_the_habits_saves_none(monkeypatch, user, logged_in_client):
    # A habit from before with a gap in the positions, so the renumbering writes too.
    Habit.objects.create(owner=user, name="Already mine", position=3, start_date=date(2026, 1, 1))
    crash_after(monkeypatch, QuerySet, "bulk_create", of_model(Habit))
    fails_and_changes_nothing(lambda: logged_in_client.post(reverse("welcome"), checklist_data()))


def test_adding_the_starter_habits_is_all_or_nothing(monkeypatch, user):
    Habit.objects.create(owner=user, name="Already mine", position=3, start_date=date(2026, 1, 1))
    new = [Habit(owner=user, name=name, start_date=TODAY) for name in ("One", "Two", "Three")]
    crash_after(monkeypatch, QuerySet, "bulk_create", of_model(Habit))
    fails_and_changes_nothing(lambda: habits.add_all(user, new))


def test_deleting_a_habit_that_crashes_while_renumbering_keeps_it_and_all_its_days(monkeypatch, routine, logged_in_client):
    crash_after(monkeypatch, QuerySet, "update", of_model(Habit))
    fails_and_changes_nothing(lambda: logged_in_client.post(reverse("habit_delete", args=[routine[0].pk])))


def test_archiving_a_habit_that_crashes_while_renumbering_keeps_it_in_the_routine(monkeypatch, routine):
    crash_after(monkeypatch, QuerySet, "bulk_update", of_model(Habit))
    fails_and_changes_nothing(lambda: habits.archive(routine[0]))


def test_restoring_a_habit_that_crashes_half_way_leaves_it_archived(monkeypatch, user, routine):
    habits.archive(routine[0])
    crash_after(monkeypatch, Habit, "save")
    fails_and_changes_nothing(lambda: habits.restore(Habit.objects.get(pk=routine[0].pk), name="Stretch again"))


def test_adding_a_habit_that_crashes_after_renumbering_adds_nothing(monkeypatch, user, routine):
    Habit.objects.filter(pk=routine[2].pk).update(position=7)  # a gap, so the renumbering writes
    crash_after(monkeypatch, QuerySet, "bulk_update", of_model(Habit))
    fails_and_changes_nothing(lambda: habits.add(Habit(owner=user, name="New", start_date=TODAY)))


def test_a_pause_that_crashes_after_its_row_leaves_no_pause(monkeypatch, routine):
    crash_after(monkeypatch, Habit, "save")
    fails_and_changes_nothing(lambda: habits.pause(routine[0], TODAY, date(2026, 11, 30)))


def test_resuming_that_crashes_after_ending_the_pause_keeps_the_pause(monkeypatch, routine):
    Pause.objects.create(habit=routine[0], start=date(2026, 11, 20), until=date(2026, 11, 30))
    crash_after(monkeypatch, Habit, "save")
    fails_and_changes_nothing(lambda: habits.resume(Habit.objects.get(pk=routine[0].pk), TODAY))


def test_a_check_in_that_crashes_while_remembering_its_words_saves_nothing(monkeypatch, user):
    crash_after(monkeypatch, journal, "remember_feelings")
    changes = {"mood": 2, "feelings": ["my own word"], "prompt": "", "text": "a heavy day"}
    fails_and_changes_nothing(lambda: journal.save_entry(user, TODAY, changes))
    assert not JournalEntry.objects.exists()


def test_a_support_line_that_crashes_after_it_is_written_is_not_kept(monkeypatch, user):
    crash_after(monkeypatch, SupportItem, "save")
    fails_and_changes_nothing(lambda: support.add(SupportItem(owner=user, kind="helps", text="A walk")))


def test_a_crash_on_the_page_is_not_a_half_saved_page(monkeypatch, routine, user):
    """Through the real request path: the person gets the error page; the routine is as it was."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    crash_after(monkeypatch, QuerySet, "bulk_update", of_model(Habit))
    before = stored_rows()
    assert client.post(reverse("habit_move", args=[routine[0].pk]), {"direction": "down"}).status_code == 500
    assert stored_rows() == before


def test_leaving_selfcare_is_all_or_nothing(user, routine, monkeypatch):
    from axes.models import AccessFailureLog

    from routines.accounts import delete_account

    JournalEntry.objects.create(owner=user, day=TODAY, text="kept if anything fails")
    before = stored_rows(user)
    crash_after(monkeypatch, QuerySet, "delete", of_model(AccessFailureLog))  # after the person's rows are gone
    with pytest.raises(Crash):
        delete_account(user)
    assert stored_rows(user) == before
