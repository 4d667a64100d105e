from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from django.urls import reverse

from routines.models import DayRecord, RestDay

TODAY = date(2026, 11, 26)


pytestmark = pytest.mark.usefixtures("on_thursday")


def statuses(user) -> dict[str, str]:
    return {r.habit.name: r.status for r in DayRecord.objects.filter(habit__owner=user, day=TODAY).select_related("habit")}


def test_today_offers_a_rest_day_in_kind_words(logged_in_client, habit):
    body = logged_in_client.get(reverse("today")).content.decode()
    assert ">Take a rest day</button>" in body and "Rest is part of care." in body
    assert "missed" not in body.lower() and "failed" not in body.lower()


def test_a_rest_day_sets_aside_only_what_is_still_open(logged_in_client, user, habit, measurable_habit, other_habit):
    from routines.models import Habit

    music = Habit.objects.create(owner=user, name="Music", position=2, start_date=date(2026, 1, 1))
    DayRecord.objects.create(habit=music, day=TODAY, status="done")
    DayRecord.objects.create(habit=measurable_habit, day=TODAY, status="partial", value=Decimal("5"))
    response = logged_in_client.post(reverse("rest_day"))
    assert response.status_code == 302 and response.url == reverse("today") + "#rest-day"  # back to the card, in view
    assert statuses(user) == {"Stretch when I wake": "skipped", "Sleep": "skipped", "Music": "done"}
    assert not DayRecord.objects.filter(habit=other_habit).exists()
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "Today is a rest day." in body and ">Undo rest day</button>" in body
    assert '<div class="card rest-card" id="rest-day">' in body
    assert "<strong>1 of 1</strong>" in body  # rest is not asked for


def test_undo_rest_day_gives_back_the_days_as_they_were(logged_in_client, user, habit, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=TODAY, status="partial", value=Decimal("5"), note="Woke early.")
    logged_in_client.post(reverse("rest_day"))
    response = logged_in_client.post(reverse("undo_rest"))
    assert response.status_code == 302 and response.url == reverse("today") + "#rest-day"
    assert statuses(user) == {"Stretch when I wake": "none", "Sleep": "partial"}
    assert DayRecord.objects.get(habit=measurable_habit).note == "Woke early."
    assert not RestDay.objects.exists()
    body = logged_in_client.get(reverse("today")).content.decode()
    assert ">Take a rest day</button>" in body and '<form class="rest-form" id="rest-day"' in body


def test_undo_leaves_alone_a_habit_done_after_resting(logged_in_client, user, habit, measurable_habit):
    logged_in_client.post(reverse("rest_day"))
    logged_in_client.post(reverse("check_off", args=[habit.pk]), {"state": "done", "day": TODAY.isoformat()})
    logged_in_client.post(reverse("undo_rest"))
    assert statuses(user) == {"Stretch when I wake": "done", "Sleep": "none"}


def test_a_rest_day_is_for_today_only(logged_in_client, habit, time_machine):
    logged_in_client.post(reverse("rest_day"))
    time_machine.move_to(datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc), tick=False)
    body = logged_in_client.get(reverse("today")).content.decode()
    assert ">Take a rest day</button>" in body and "Undo rest day" not in body


def test_rest_day_actions_need_login_and_post(logged_in_client, habit):
    from django.test import Client

    assert Client().post(reverse("rest_day")).status_code == 302 and not DayRecord.objects.exists()
    assert logged_in_client.get(reverse("rest_day")).status_code == 405
    assert logged_in_client.get(reverse("undo_rest")).status_code == 405
    assert not DayRecord.objects.exists()


def test_taking_a_rest_day_twice_keeps_one(logged_in_client, user, habit):
    logged_in_client.post(reverse("rest_day"))
    logged_in_client.post(reverse("rest_day"))
    assert RestDay.objects.count() == 1 and statuses(user) == {"Stretch when I wake": "skipped"}
