from datetime import date

from django.urls import reverse

from routines.models import DayRecord


def test_habit_page_requires_login(client, habit):
    response = client.get(reverse("habit", args=[habit.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_habit_page_of_another_user_is_404(logged_in_client, other_habit):
    assert logged_in_client.get(reverse("habit", args=[other_habit.pk])).status_code == 404


def test_habit_page_rejects_post(logged_in_client, habit):
    assert logged_in_client.post(reverse("habit", args=[habit.pk])).status_code == 405


def test_habit_page_shows_details_and_recent_days_with_notes(logged_in_client, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 24), status="partial", value=6.5, note="Noisy street.")
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 25), status="none")
    body = logged_in_client.get(reverse("habit", args=[measurable_habit.pk])).content.decode()
    assert "<h1>Sleep</h1>" in body and "At least 7 hours" in body and "Morning · Every day" in body
    assert "Partly done · 6.5 hours" in body and "Noisy street." in body
    assert "Wed 25 Nov" not in body  # an empty day is not listed


def test_habit_page_shows_why_it_matters(logged_in_client, habit):
    habit.why = "I sleep better after."
    habit.save()
    assert "I sleep better after." in logged_in_client.get(reverse("habit", args=[habit.pk])).content.decode()
