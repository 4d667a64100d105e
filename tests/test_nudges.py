"""Which nudges are due now, with frozen time."""

from datetime import date, datetime, time, timedelta, timezone

import pytest
import time_machine

from routines.agenda import day_agenda
from routines.days import user_today
from routines.models import DayRecord, Habit, NudgeState, Pause, User
from routines.nudges import MAX_CARDS, due_nudges, kind_words

from .conftest import long_standing_habit

UTC = timezone.utc


def nudges_at(user: User, moment: datetime) -> list[str]:
    day = user_today(user, moment)
    states = {s.habit_id: s for s in NudgeState.objects.filter(habit__owner=user, day=day)}
    return [n.habit.name for n in due_nudges(user, moment, day, day_agenda(user, day).due, states).shown]


@pytest.fixture
def berlin(db) -> User:
    return User.objects.create_user("mia", password="x", time_zone="Europe/Berlin")


def add(user, name, reminders, position=0, **fields) -> Habit:
    return long_standing_habit(
        owner=user, name=name, reminders=reminders, position=position, start_date=date(2026, 1, 1), **fields
    )


# 07:30 in Berlin on Thursday 26 November 2026 is 06:30 UTC.
def berlin_time(hour: int, minute: int = 0, day: int = 26) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


def test_a_nudge_appears_once_the_reminder_time_has_passed(berlin):
    add(berlin, "Stretch", ["07:30"])
    assert nudges_at(berlin, berlin_time(7, 29)) == []
    assert nudges_at(berlin, berlin_time(7, 30)) == ["Stretch"]
    assert nudges_at(berlin, berlin_time(23, 0)) == ["Stretch"]


def test_no_nudge_on_a_day_the_habit_is_not_due(berlin):
    add(berlin, "Swim", ["07:30"], schedule="weekdays", weekdays=0b0000001)  # Mondays
    assert nudges_at(berlin, berlin_time(9)) == []
    assert nudges_at(berlin, berlin_time(9, day=30)) == ["Swim"]


def test_the_same_moment_is_a_different_local_time_in_each_zone(db):
    tokyo = User.objects.create_user("ken", password="x", time_zone="Asia/Tokyo")
    la = User.objects.create_user("ana", password="x", time_zone="America/Los_Angeles")
    add(tokyo, "Walk", ["20:00"])
    add(la, "Walk", ["20:00"])
    moment = datetime(2026, 11, 26, 11, 30, tzinfo=UTC)  # 20:30 in Tokyo, 03:30 in Los Angeles
    assert nudges_at(tokyo, moment) == ["Walk"]
    assert nudges_at(la, moment) == []


def test_with_a_late_day_start_a_small_hours_reminder_belongs_to_the_night_after(berlin):
    berlin.day_start_hour = 3
    berlin.save()
    add(berlin, "Journal", ["01:00"])
    assert nudges_at(berlin, berlin_time(23, 0)) == []  # Thursday evening: 01:00 is still ahead
    assert nudges_at(berlin, berlin_time(1, 30, day=27)) == ["Journal"]  # Friday 01:30 is still Thursday


def made_at(moment: datetime, user: User, name: str, reminders: list[str], start: date, **fields) -> Habit:
    """A habit added at `moment` (Habit.created is set by the database clock of the test)."""
    with time_machine.travel(moment, tick=False):
        return Habit.objects.create(owner=user, name=name, reminders=reminders, start_date=start, **fields)


def test_a_reminder_time_that_passed_before_the_habit_existed_never_nudges(berlin):
    # Signed up at 10:00 on Thursday: 07:30 had passed already, 12:00 had not.
    made_at(berlin_time(10), berlin, "Stretch", ["07:30"], date(2026, 11, 26))
    made_at(berlin_time(10), berlin, "Walk", ["07:30", "12:00"], date(2026, 11, 26), position=1)
    assert nudges_at(berlin, berlin_time(10, 5)) == []
    assert nudges_at(berlin, berlin_time(23, 0)) == ["Walk"]  # its 12:00 reminder, not the 07:30 one
    assert nudges_at(berlin, berlin_time(7, 30, day=27)) == ["Stretch", "Walk"]  # from the next day on, as usual


def test_a_habit_backdated_on_the_day_it_is_added_still_waits_for_its_next_reminder(berlin):
    made_at(berlin_time(10), berlin, "Stretch", ["07:30"], date(2026, 11, 1))
    assert nudges_at(berlin, berlin_time(10, 5)) == []
    assert nudges_at(berlin, berlin_time(7, 30, day=27)) == ["Stretch"]


def test_a_habit_starting_tomorrow_is_first_nudged_tomorrow(berlin):
    made_at(berlin_time(6), berlin, "Stretch", ["07:30"], date(2026, 11, 27))
    assert nudges_at(berlin, berlin_time(9)) == []
    assert nudges_at(berlin, berlin_time(7, 30, day=27)) == ["Stretch"]


def test_with_a_late_day_start_the_moment_a_habit_was_made_decides_not_the_clock_time(berlin):
    berlin.day_start_hour = 3
    berlin.save()
    # Made at 00:30 on Friday, which is still Thursday's day: 23:00 Thursday had passed, 01:00 had not.
    made_at(berlin_time(0, 30, day=27), berlin, "Journal", ["01:00", "23:00"], date(2026, 11, 26))
    assert nudges_at(berlin, berlin_time(0, 45, day=27)) == []
    assert nudges_at(berlin, berlin_time(1, 0, day=27)) == ["Journal"]


def test_quiet_hours_across_midnight_hold_nudges_back(berlin):
    berlin.quiet_start, berlin.quiet_end = time(22, 0), time(7, 0)
    berlin.save()
    add(berlin, "Read", ["21:30"])
    add(berlin, "Stretch", ["06:00"], 1)
    assert nudges_at(berlin, berlin_time(21, 45)) == ["Stretch", "Read"]  # 06:00 passed this morning
    assert nudges_at(berlin, berlin_time(22, 0)) == []
    assert nudges_at(berlin, berlin_time(6, 30)) == []
    assert nudges_at(berlin, berlin_time(7, 0)) == ["Stretch"]


def test_a_snooze_hides_a_nudge_until_it_expires(berlin):
    habit = add(berlin, "Stretch", ["07:30"])
    NudgeState.objects.create(habit=habit, day=date(2026, 11, 26), snoozed_until=berlin_time(8, 0))
    assert nudges_at(berlin, berlin_time(7, 45)) == []
    assert nudges_at(berlin, berlin_time(8, 0)) == ["Stretch"]


def test_not_today_lasts_until_the_next_day(berlin):
    habit = add(berlin, "Stretch", ["07:30"])
    NudgeState.objects.create(habit=habit, day=date(2026, 11, 26), dismissed=True)
    assert nudges_at(berlin, berlin_time(23, 59)) == []
    assert nudges_at(berlin, berlin_time(7, 30, day=27)) == ["Stretch"]


@pytest.mark.parametrize("status", ["done", "skipped"])
def test_done_or_resting_today_means_no_nudge(berlin, status):
    habit = add(berlin, "Stretch", ["07:30"])
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 26), status=status)
    assert nudges_at(berlin, berlin_time(9)) == []


def test_a_partly_done_measurable_habit_still_gets_its_nudge(berlin):
    habit = add(berlin, "Meditation", ["08:00"], kind="measurable", unit="minutes", target=10)
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 26), status="partial", value=4)
    assert nudges_at(berlin, berlin_time(9)) == ["Meditation"]


def test_a_paused_or_archived_habit_gets_no_nudge(berlin):
    paused = add(berlin, "Stretch", ["07:30"])
    Pause.objects.create(habit=paused, start=date(2026, 11, 20), until=date(2026, 12, 1))
    add(berlin, "Old", ["07:30"], 1, archived=True)
    assert nudges_at(berlin, berlin_time(9)) == []


def test_pausing_all_reminders_stops_every_nudge(berlin):
    add(berlin, "Stretch", ["07:30"])
    berlin.reminders_paused = True
    berlin.save()
    assert nudges_at(berlin, berlin_time(9)) == []


def test_habits_without_reminders_never_nudge(berlin):
    add(berlin, "Music", [])
    assert nudges_at(berlin, berlin_time(12)) == []


def test_at_most_three_earliest_first_and_how_many_more(berlin):
    for position, (name, at) in enumerate([("E", "09:00"), ("A", "07:00"), ("D", "08:30"), ("B", "07:30"), ("C", "08:00")]):
        add(berlin, name, [at], position)
    day = date(2026, 11, 26)
    listing = due_nudges(berlin, berlin_time(10), day, day_agenda(berlin, day).due, {})
    assert [n.habit.name for n in listing.shown] == ["A", "B", "C"] and listing.more == 2
    assert len(listing.shown) == MAX_CARDS


def test_the_earliest_passed_reminder_orders_a_habit_with_several(berlin):
    add(berlin, "Water", ["07:00", "12:00", "18:00"])
    add(berlin, "Read", ["08:00"], 1)
    assert nudges_at(berlin, berlin_time(19)) == ["Water", "Read"]


def test_the_fingerprint_changes_only_when_the_cards_change(berlin):
    add(berlin, "Stretch", ["07:30"])
    day = date(2026, 11, 26)
    first = due_nudges(berlin, berlin_time(8), day, day_agenda(berlin, day).due, {}).fingerprint
    again = due_nudges(berlin, berlin_time(8, 1), day, day_agenda(berlin, day).due, {}).fingerprint
    add(berlin, "Read", ["07:45"], 1)
    more = due_nudges(berlin, berlin_time(8, 2), day, day_agenda(berlin, day).due, {}).fingerprint
    assert first == again != more
    assert due_nudges(berlin, berlin_time(6), day, day_agenda(berlin, day).due, {}).fingerprint == "none"


def test_words_suit_the_habit_and_never_hurry():
    meditation = Habit(pk=1, name="Mindfulness meditation")
    lines = {kind_words(meditation, date(2026, 11, d)) for d in range(1, 8)}
    assert "When you're ready, ten quiet minutes are waiting for you." in lines and len(lines) > 1
    assert kind_words(Habit(pk=2, name="Something great"), date(2026, 11, 1)).startswith("“Something great”")
    every_line = [kind_words(Habit(pk=i, name=n), date(2026, 11, 1)) for i, n in enumerate(["Sleep", "Stretch", "Read", "Walk", "Water"])]
    for line in every_line:
        assert "!" not in line
        assert not any(words in line.lower() for words in ("you must", "you should", "forget", "missed", "hurry up", "streak"))
