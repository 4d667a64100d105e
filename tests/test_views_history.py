from datetime import date, timedelta

import pytest
from django.urls import reverse

from routines.models import DayRecord, Habit

from .conftest import habits_with_history

TODAY = date(2026, 11, 26)


pytestmark = pytest.mark.usefixtures("on_thursday")


def test_history_lists_each_habit_with_streak_and_strength(logged_in_client, habit, other_habit):
    for days_ago in range(1, 4):
        DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=days_ago), status="done")
    body = logged_in_client.get(reverse("history")).content.decode()
    assert f'href="{reverse("habit", args=[habit.pk])}"' in body
    assert "Done on 3 of the last 29 planned days. Current run: 3 days." in body
    assert 'aria-label="Strength of Stretch when I wake: 15%"' in body
    assert other_habit.name not in body


def test_history_calendar_shows_the_share_of_due_habits_done(logged_in_client, user, habit, measurable_habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 24), status="done")
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 24), status="done", value=8)
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 25), status="done")
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 25), status="skipped")
    body = logged_in_client.get(reverse("history")).content.decode()
    assert "Tuesday 24 November: 2 of 2 done" in body and "Wednesday 25 November: 1 of 1 done" in body
    assert "Monday 23 November: 0 of 2 done" in body
    assert "November 2026" in body and "October 2026" in body and "September 2026" in body


def test_history_query_count_is_fixed_for_20_habits_with_3_years(logged_in_client, user, django_assert_num_queries):
    habits_with_history(user, 1, 0, TODAY, 3 * 365, rest_every=3)
    # session, user, habits, pauses, records, moods; and the nudge cards drawn with the page (the habits with reminders:
    # none here, so their pauses are not read)
    with django_assert_num_queries(7) as one:
        logged_in_client.get(reverse("history"))
    habits_with_history(user, 19, 1, TODAY, 3 * 365, rest_every=3)
    with django_assert_num_queries(len(one.captured_queries)):
        body = logged_in_client.get(reverse("history")).content.decode()
    assert body.count("Current run: ") == 20


def test_a_new_habit_in_history_gets_a_kind_line_and_no_zeros(logged_in_client, user):
    Habit.objects.create(owner=user, name="Drink a glass of water", start_date=TODAY)
    body = logged_in_client.get(reverse("history")).content.decode()
    assert "Your first days will show here." in body
    assert "in a row" not in body and "strength 0%" not in body and "Strength of" not in body


def test_an_empty_history_says_so_kindly(logged_in_client):
    assert "Nothing here yet." in logged_in_client.get(reverse("history")).content.decode()
