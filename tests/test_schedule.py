from datetime import date, datetime, timedelta, timezone

import pytest

from routines.days import local_day
from routines.models import Habit, Pause
from routines.schedule import (
    is_due,
    is_paused,
    is_scheduled,
    schedule_in_words,
    week_start_for,
    weekday_mask,
    weekdays_in,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
# A week that crosses a month boundary: Monday 30 November to Sunday 6 December 2026.
MONDAY = date(2026, 11, 30)


def days_from(start: date, count: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def habit_with(**fields) -> Habit:
    """An unsaved habit with no pauses, as if fetched with prefetch_related("pauses")."""
    habit = Habit(**{"pk": 1, "name": "Walk", "start_date": date(2026, 1, 1), **fields})
    habit._prefetched_objects_cache = {"pauses": Pause.objects.none()}
    return habit


def test_weekday_masks_round_trip():
    assert weekdays_in(weekday_mask([MON, WED, FRI])) == [MON, WED, FRI]
    assert weekday_mask([]) == 0 and weekday_mask(range(7)) == 127


@pytest.mark.parametrize(
    ("day", "week_start", "expected"),
    [
        (date(2026, 12, 2), MON, date(2026, 11, 30)),  # Wednesday, Monday weeks
        (date(2026, 12, 6), MON, date(2026, 11, 30)),  # Sunday ends a Monday week
        (date(2026, 12, 6), SUN, date(2026, 12, 6)),  # Sunday starts a Sunday week
        (date(2026, 12, 5), SUN, date(2026, 11, 29)),  # Saturday ends a Sunday week
        (date(2026, 11, 30), SUN, date(2026, 11, 29)),
    ],
)
def test_week_start_for_both_week_starts(day, week_start, expected):
    assert week_start_for(day, week_start) == expected


def test_a_daily_habit_is_due_every_day_from_its_start_date():
    habit = habit_with(start_date=date(2026, 12, 2))
    assert [is_due(habit, d) for d in days_from(MONDAY, 7)] == [False, False, True, True, True, True, True]


def test_a_weekday_habit_is_due_on_its_days_across_a_week_and_month_boundary():
    habit = habit_with(schedule="weekdays", weekdays=weekday_mask([MON, WED, FRI]))
    due = [d for d in days_from(date(2026, 11, 26), 14) if is_due(habit, d)]
    assert due == [date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 4), date(2026, 12, 7), date(2026, 12, 9)]


def test_an_every_n_days_habit_counts_from_its_start_date():
    habit = habit_with(schedule="every_n", interval_days=3, start_date=date(2026, 11, 28))
    due = [d for d in days_from(date(2026, 11, 26), 10) if is_due(habit, d)]
    assert due == [date(2026, 11, 28), date(2026, 12, 1), date(2026, 12, 4)]


def test_a_times_per_week_habit_is_due_until_the_weeks_target_is_met():
    habit = habit_with(schedule="per_week", times_per_week=3)
    assert is_scheduled(habit, MONDAY)
    assert is_due(habit, MONDAY, done_this_week=2)
    assert not is_due(habit, MONDAY, done_this_week=3)
    # On the day that met the target it stays on the list, shown as done.
    assert is_due(habit, MONDAY, done_this_week=3, done_today=True)


def test_archived_habits_are_never_due_but_their_days_stay_scheduled():
    habit = habit_with(archived=True)
    assert not is_due(habit, MONDAY) and is_scheduled(habit, MONDAY)


@pytest.mark.django_db
def test_a_pause_covers_its_start_up_to_the_day_before_until(user):
    habit = Habit.objects.create(owner=user, name="Walk", start_date=date(2026, 1, 1))
    Pause.objects.create(habit=habit, start=date(2026, 12, 1), until=date(2026, 12, 4))
    Pause.objects.create(habit=habit, start=date(2026, 11, 1), until=date(2026, 11, 3))  # a past pause is kept
    habit = Habit.objects.prefetch_related("pauses").get(pk=habit.pk)
    assert [is_due(habit, d) for d in days_from(MONDAY, 6)] == [True, False, False, False, True, True]
    assert is_paused(habit, date(2026, 11, 2)) and not is_paused(habit, date(2026, 11, 3))


@pytest.mark.django_db
def test_a_pause_also_stops_weekday_and_every_n_schedules(user):
    habit = Habit.objects.create(
        owner=user, name="Swim", schedule="weekdays", weekdays=weekday_mask([TUE]), start_date=date(2026, 1, 1)
    )
    Pause.objects.create(habit=habit, start=MONDAY, until=MONDAY + timedelta(days=7))
    habit = Habit.objects.prefetch_related("pauses").get(pk=habit.pk)
    assert not is_due(habit, date(2026, 12, 1)) and is_due(habit, date(2026, 12, 8))


def test_the_due_day_follows_the_users_time_zone_far_from_utc():
    # 20:00 UTC on Sunday 29 November is already Monday morning in Kiritimati (UTC+14).
    habit = habit_with(schedule="weekdays", weekdays=weekday_mask([MON]))
    moment = datetime(2026, 11, 29, 20, 0, tzinfo=timezone.utc)
    assert is_due(habit, local_day(moment, "Pacific/Kiritimati", 0))
    assert not is_due(habit, local_day(moment, "America/Los_Angeles", 0))


@pytest.mark.parametrize(
    ("fields", "week_start", "words"),
    [
        ({}, MON, "Every day"),
        ({"schedule": "weekdays", "weekdays": weekday_mask([MON, WED, FRI])}, MON, "Mon, Wed, Fri"),
        ({"schedule": "weekdays", "weekdays": weekday_mask([SUN, MON])}, MON, "Mon, Sun"),
        ({"schedule": "weekdays", "weekdays": weekday_mask([SUN, MON])}, SUN, "Sun, Mon"),
        ({"schedule": "weekdays", "weekdays": 127}, MON, "Every day"),
        ({"schedule": "per_week", "times_per_week": 3}, MON, "3 times a week"),
        ({"schedule": "per_week", "times_per_week": 1}, MON, "Once a week"),
        ({"schedule": "every_n", "interval_days": 2}, MON, "Every 2 days"),
    ],
)
def test_schedule_in_words(fields, week_start, words):
    assert schedule_in_words(habit_with(**fields), week_start) == words
