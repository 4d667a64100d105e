import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from routines.models import DayRecord, Habit

TODAY = date(2026, 11, 26)


pytestmark = pytest.mark.usefixtures("on_thursday")


def page(client, habit, **params) -> str:
    return client.get(reverse("habit", args=[habit.pk]), params).content.decode()


def test_habit_page_shows_why_schedule_streak_strength_and_rates(logged_in_client, habit):
    habit.why = "I sleep better after."
    habit.save()
    for days_ago in range(1, 6):
        DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=days_ago), status="done")
    body = page(logged_in_client, habit)
    assert "I sleep better after." in body and "Morning · Every day" in body
    assert "Done on 5 of the last 29 planned days." in body  # today is still open, so not counted
    assert "Current run: 5 days. Longest run: 5 days." in body
    assert '<label class="figure-label" for="strength">Strength: 23%</label>' in body  # 1 - 0.5 ** (5 / 13)
    assert '<progress id="strength" max="100" value="23">' in body
    assert "<dt>Last 7 days</dt><dd>83%</dd>" in body


def test_a_new_habits_page_leads_kindly_without_zeros(logged_in_client, user):
    new = Habit.objects.create(owner=user, name="Drink a glass of water", start_date=TODAY)
    body = page(logged_in_client, new)
    assert "Your first days will show here." in body
    assert "Days done will fill in here." in body
    assert not re.search(r"\b0 (days?|of)\b|\b0%|in a row|<strong>0|>0<", body)


def test_a_missed_run_is_told_gently_and_the_longest_one_kept(logged_in_client, habit):
    for days_ago in (9, 8, 7, 3):
        DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=days_ago), status="done")
    DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=1), status="none")
    body = page(logged_in_client, habit)
    assert "A new run starts with the next one. Longest run: 3 days." in body
    assert "Current run" not in body and not re.search(r"\b0 days", body)


def test_planned_days_with_nothing_done_yet_are_not_summed_up_as_zero(logged_in_client, user):
    fresh = Habit.objects.create(owner=user, name="Walk", start_date=TODAY - timedelta(days=3))
    body = page(logged_in_client, fresh)
    assert "The days you do it will show here, whenever you&#x27;re ready." in body
    assert "0 of" not in body and "Strength:" not in body and "Longest run" not in body


def test_a_partly_done_measurable_day_counts_for_its_share_and_keeps_the_run(logged_in_client, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=TODAY - timedelta(days=3), status="done", value=Decimal("7"))
    DayRecord.objects.create(habit=measurable_habit, day=TODAY - timedelta(days=2), status="partial", value=Decimal("6.5"))
    DayRecord.objects.create(habit=measurable_habit, day=TODAY - timedelta(days=1), status="done", value=Decimal("8"))
    body = page(logged_in_client, measurable_habit)
    assert "Done on 2 of the last 29 planned days, and partly on 1 more." in body
    assert "Current run: 2 days." in body


def test_month_calendar_shows_states_and_links_past_days_to_the_editor(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 10), status="done")
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 11), status="skipped")
    body = page(logged_in_client, habit)
    assert "<h2 id=\"month-title\">November 2026</h2>" in body
    assert "Tuesday 10 November: done. Edit" in body and "Wednesday 11 November: rest. Edit" in body
    assert "Friday 27 November: still to come" in body and "Friday 27 November: still to come. Edit" not in body
    assert f'href="/week/habits/{habit.pk}/2026-11-10/?next=' in body


def test_month_navigation_uses_real_urls_and_never_goes_past_this_month(logged_in_client, habit):
    body = page(logged_in_client, habit, month="2026-09")
    assert "September 2026" in body and 'href="?month=2026-08"' in body and 'href="?month=2026-10"' in body
    this_month = page(logged_in_client, habit)
    assert "Next month" not in this_month
    assert "November 2026" in page(logged_in_client, habit, month="2027-05")
    assert "November 2026" in page(logged_in_client, habit, month="garbage")


@pytest.mark.parametrize("month", ["0001-01", "1899-12", "9999-12", "2025-02"])
def test_months_stay_between_the_start_and_now(logged_in_client, habit, month):
    response = logged_in_client.get(reverse("habit", args=[habit.pk]), {"month": month})
    assert response.status_code == 200
    body = response.content.decode()
    assert "January 2026" in body or "November 2026" in body


def test_there_is_no_month_before_the_habit_started(logged_in_client, habit):
    body = page(logged_in_client, habit, month="2026-01")
    assert "January 2026" in body and "Previous month" not in body


def test_a_past_day_can_be_edited_from_the_month_calendar(logged_in_client, habit):
    back = f"/habits/{habit.pk}/?month=2026-11"
    editor = logged_in_client.get(reverse("week_day", args=[habit.pk, date(2026, 11, 10)]), {"next": back})
    assert 'name="status"' in editor.content.decode() and f'value="{back}"' in editor.content.decode()
    response = logged_in_client.post(
        reverse("week_day", args=[habit.pk, date(2026, 11, 10)]),
        {"action": "save", "status": "done", "note": "Late, but done.", "next": back},
    )
    assert response.status_code == 302 and response.url == back
    record = DayRecord.objects.get(habit=habit, day=date(2026, 11, 10))
    assert (record.status, record.note) == ("done", "Late, but done.")


def test_the_editor_never_redirects_elsewhere(logged_in_client, habit):
    response = logged_in_client.post(
        reverse("week_day", args=[habit.pk, date(2026, 11, 10)]),
        {"action": "save", "status": "done", "note": "", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response.url.startswith("/week/2026-11-09/")


def test_year_heatmap_is_an_svg_with_a_text_alternative(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 20), status="done")
    body = page(logged_in_client, habit)
    assert '<svg class="heatmap"' in body and 'role="img" aria-labelledby="heat-title heat-desc"' in body
    assert "1 of " in body and "planned days done" in body
    assert body.count("<rect ") > 360


def test_measurable_habits_get_a_values_chart_with_the_target(logged_in_client, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 20), status="partial", value=Decimal("6"))
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 21), status="done", value=Decimal("8"))
    body = page(logged_in_client, measurable_habit)
    assert '<svg class="value-chart"' in body and 'class="chart-target"' in body and "<polyline" in body
    assert "2 days logged, averaging 7 hours" in body
    assert "last 90 days" in page(logged_in_client, measurable_habit, range="90")
    assert "last 30 days" in page(logged_in_client, measurable_habit, range="9999")


def test_check_habits_have_no_values_chart(logged_in_client, habit):
    assert '<svg class="value-chart"' not in page(logged_in_client, habit)


def test_notes_are_listed_newest_first(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 1), status="done", note="First week.")
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 20), status="none", note="Hard day, gentle with myself.")
    body = page(logged_in_client, habit)
    assert body.index("Hard day, gentle with myself.") < body.index("First week.")


def test_habit_page_query_count_does_not_grow_with_three_years(logged_in_client, user, habit, django_assert_num_queries):
    with django_assert_num_queries(5) as short:  # session, user, habit, pauses, records
        page(logged_in_client, habit)
    habit.start_date = TODAY - timedelta(days=3 * 365)
    habit.save()
    DayRecord.objects.bulk_create(
        DayRecord(habit=habit, day=TODAY - timedelta(days=d), status="done" if d % 4 else "none") for d in range(1, 3 * 365)
    )
    with django_assert_num_queries(len(short.captured_queries)):
        page(logged_in_client, habit)


def test_a_times_per_week_habits_year_counts_n_planned_days_a_week(logged_in_client, user):
    run = Habit.objects.create(owner=user, name="Run", schedule="per_week", times_per_week=2, start_date=date(2026, 11, 2))
    for day in (date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 16)):
        DayRecord.objects.create(habit=run, day=day, status="done")
    # Weeks of 2, 9, 16 and 23 November ask 2 each (the current week too): 5 of 8.
    assert "Done on 5 of 8 planned days in the past year." in page(logged_in_client, run)
