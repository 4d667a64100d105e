from datetime import date

import pytest
from django.urls import reverse

from routines.models import DayRecord

SECRET = "Today I cried in the car and that was fine."


@pytest.fixture
def admin_client_with_note(admin_client, habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 25), status="done", note=SECRET)
    return admin_client


def test_day_record_list_never_shows_notes(admin_client_with_note):
    response = admin_client_with_note.get(reverse("admin:routines_dayrecord_changelist"))
    assert response.status_code == 200
    assert "Stretch when I wake" in response.content.decode()
    assert SECRET not in response.content.decode()


def test_day_record_list_cannot_be_searched_by_note(admin_client_with_note):
    response = admin_client_with_note.get(reverse("admin:routines_dayrecord_changelist"), {"q": "cried"})
    assert SECRET not in response.content.decode()


def test_habit_list_shows_habits(admin_client, habit):
    response = admin_client.get(reverse("admin:routines_habit_changelist"))
    assert response.status_code == 200 and habit.name in response.content.decode()


@pytest.mark.parametrize("model", ["restday", "nudgestate", "user"])
def test_other_admin_lists_open(admin_client, habit, model):
    assert admin_client.get(reverse(f"admin:routines_{model}_changelist")).status_code == 200


def test_a_habit_shows_its_pauses(admin_client, habit):
    from routines.models import Pause

    Pause.objects.create(habit=habit, start=date(2026, 11, 1), until=date(2026, 11, 5))
    body = admin_client.get(reverse("admin:routines_habit_change", args=[habit.pk])).content.decode()
    assert "2026-11-05" in body
