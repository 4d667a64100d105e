import json
from datetime import date, datetime, timedelta, timezone

import pytest
from django.urls import reverse

from routines.models import DayRecord, Habit, Pause

from .conftest import habits_with_history

TODAY = date(2026, 11, 26)
HTMX = {"HX-Request": "true"}


pytestmark = pytest.mark.usefixtures("on_thursday")


def check(client, habit, state="done", day=TODAY, **headers):
    return client.post(reverse("check_off", args=[habit.pk]), {"state": state, "day": day.isoformat()}, headers=headers)


def measure(client, habit, value, day=TODAY, **headers):
    return client.post(reverse("measure", args=[habit.pk]), {"value": value, "day": day.isoformat()}, headers=headers)


def record(habit, day=TODAY) -> DayRecord:
    return DayRecord.objects.get(habit=habit, day=day)


# The page


def test_today_shows_the_date_in_the_users_time_zone(logged_in_client, user):
    user.time_zone = "Pacific/Kiritimati"  # UTC+14: already Friday there
    user.save()
    assert "Friday 27 November" in logged_in_client.get(reverse("today")).content.decode()


def test_today_groups_habits_and_shows_progress(logged_in_client, habit, measurable_habit, user):
    Habit.objects.create(owner=user, name="Warm bath", time_of_day="evening", position=2, start_date=TODAY)
    DayRecord.objects.create(habit=habit, day=TODAY, status="done")
    body = logged_in_client.get(reverse("today")).content.decode()
    assert body.index(">Morning<") < body.index("Stretch when I wake") < body.index(">Evening<") < body.index("Warm bath")
    assert "<strong>1 of 3</strong> done" in body
    assert f'href="{reverse("habit", args=[habit.pk])}"' in body


def test_today_toggle_is_a_pressed_button_in_a_form_that_asks_for_a_state(logged_in_client, habit):
    body = logged_in_client.get(reverse("today")).content.decode()
    row = body[body.index(f'id="habit-{habit.pk}"') :]
    assert f'action="{reverse("check_off", args=[habit.pk])}"' in row
    assert 'name="state" value="done"' in row and 'aria-pressed="false"' in row
    assert '<span class="visually-hidden">Stretch when I wake</span>' in row
    DayRecord.objects.create(habit=habit, day=TODAY, status="done")
    body = logged_in_client.get(reverse("today")).content.decode()
    assert 'name="state" value="none"' in body and 'aria-pressed="true"' in body


def test_an_empty_today_says_so_kindly_and_links_to_the_checklist(logged_in_client):
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "Your routine is empty for now" in body
    assert f'href="{reverse("welcome")}"' in body


def test_today_never_shows_another_users_habits(logged_in_client, other_habit):
    assert other_habit.name not in logged_in_client.get(reverse("today")).content.decode()


@pytest.mark.parametrize(("paused", "queries"), [(False, 4), (True, 5)])
def test_today_query_count_does_not_grow_with_habits_or_history(logged_in_client, user, django_assert_num_queries, paused, queries):
    def rested(habits):  # a pause long over: each habit is still due today
        if paused:
            Pause.objects.bulk_create(Pause(habit=h, start=TODAY - timedelta(days=200), until=TODAY - timedelta(days=190)) for h in habits)

    rested(habits_with_history(user, 1, 0, TODAY, 365))
    # session, user, habits (with the day's record, the week's count, the rest day and whether ever paused),
    # their pauses (only when one was ever paused), two weeks of check-ins
    with django_assert_num_queries(queries) as one_habit:
        logged_in_client.get(reverse("today"))
    rested(habits_with_history(user, 29, 1, TODAY, 365))
    with django_assert_num_queries(len(one_habit.captured_queries)):
        body = logged_in_client.get(reverse("today")).content.decode()
    assert "<strong>30 of 30</strong>" in body


# The first-day hint

HINT = "Tap the circle when it's done. Tap again to undo."
SHOWN = f'<p id="first-hint" class="first-hint">{HINT}</p>'
HIDDEN_OOB = f'<p id="first-hint" class="first-hint" hx-swap-oob="true" hidden>{HINT}</p>'
SHOWN_OOB = f'<p id="first-hint" class="first-hint" hx-swap-oob="true">{HINT}</p>'


def test_a_first_today_says_what_the_round_button_does(logged_in_client, habit):
    assert SHOWN in logged_in_client.get(reverse("today")).content.decode()


def test_the_first_check_off_hides_the_hint_at_once_and_an_undo_brings_it_back(logged_in_client, habit):
    assert HIDDEN_OOB in check(logged_in_client, habit, **HTMX).content.decode()
    assert SHOWN not in logged_in_client.get(reverse("today")).content.decode()
    assert SHOWN_OOB in check(logged_in_client, habit, "none", **HTMX).content.decode()
    assert SHOWN in logged_in_client.get(reverse("today")).content.decode()


@pytest.mark.parametrize(("status", "value"), [("done", None), ("partial", 3)])
def test_no_hint_once_anything_was_ever_done_or_partly_done(logged_in_client, habit, measurable_habit, status, value):
    DayRecord.objects.create(habit=measurable_habit, day=TODAY - timedelta(days=20), status=status, value=value)
    body = logged_in_client.get(reverse("today")).content.decode()
    assert HINT in body and SHOWN not in body  # in the page, hidden


def test_no_hint_when_only_numbers_are_asked_for_today(logged_in_client, measurable_habit):
    assert SHOWN not in logged_in_client.get(reverse("today")).content.decode()


def test_todays_query_count_stays_at_four_with_the_hint_and_a_long_history(logged_in_client, user, django_assert_num_queries):
    habits = Habit.objects.bulk_create(
        Habit(owner=user, name=f"Habit {i}", position=i, start_date=TODAY - timedelta(days=400)) for i in range(20)
    )
    # session, user, habits (with "ever done"; none ever paused), two weeks of check-ins
    with django_assert_num_queries(4):
        assert SHOWN in logged_in_client.get(reverse("today")).content.decode()
    DayRecord.objects.bulk_create(
        DayRecord(habit=h, day=TODAY - timedelta(days=d), status="done" if d % 2 else "none") for h in habits for d in range(1, 365)
    )
    with django_assert_num_queries(4):
        assert SHOWN not in logged_in_client.get(reverse("today")).content.decode()


# Checking off


def test_check_off_needs_the_csrf_token(habit, user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert check(strict, habit).status_code == 403  # a calm page: see test_middleware.py
    assert not DayRecord.objects.exists()


def test_plain_check_off_redirects_back_to_the_row_on_today(logged_in_client, habit):
    response = check(logged_in_client, habit)
    assert response.status_code == 302 and response.url == f"{reverse('today')}#habit-{habit.pk}"
    assert record(habit).status == "done"


def test_htmx_check_off_returns_the_row_and_the_progress_out_of_band(logged_in_client, habit, measurable_habit):
    response = check(logged_in_client, habit, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li id="habit-{habit.pk}"')
    assert 'aria-pressed="true"' in body and 'name="state" value="none"' in body
    assert '<p id="progress" class="progress" hx-swap-oob="true"><strong>1 of 2</strong> done' in body
    assert "<html" not in body and "Sleep" not in body
    assert len(response.content) < 4096
    assert "HX-Request" in response["Vary"]


def test_repeated_done_stays_done(logged_in_client, habit):
    check(logged_in_client, habit)
    check(logged_in_client, habit, **HTMX)
    check(logged_in_client, habit)
    assert DayRecord.objects.filter(habit=habit).count() == 1
    assert record(habit).status == "done"


def test_a_number_sent_twice_as_a_phone_sends_a_kept_tap_leaves_one_record(logged_in_client, measurable_habit):
    for _ in range(2):
        assert measure(logged_in_client, measurable_habit, "6,5", **HTMX).status_code == 200
    assert DayRecord.objects.filter(habit=measurable_habit).count() == 1
    assert (record(measurable_habit).status, str(record(measurable_habit).value)) == ("partial", "6.50")


def test_undo_sets_not_done_and_keeps_the_note(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=TODAY, status="done", note="Slow and lovely.")
    check(logged_in_client, habit, state="none")
    assert (record(habit).status, record(habit).note) == ("none", "Slow and lovely.")


@pytest.mark.parametrize("state", ["toggle", "", "DONE"])
def test_check_off_with_an_unknown_state_is_a_400_with_a_message_in_the_row(logged_in_client, habit, state):
    response = check(logged_in_client, habit, state=state, **HTMX)
    assert response.status_code == 400
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li id="habit-{habit.pk}"') and "Please tap the button again." in body
    assert not DayRecord.objects.exists()


@pytest.mark.parametrize("day", ["yesterday", "2026-13-01", "", "26/11/2026"])
def test_check_off_with_a_malformed_date_is_a_400_not_a_500(logged_in_client, habit, day):
    response = logged_in_client.post(reverse("check_off", args=[habit.pk]), {"state": "done", "day": day}, headers=HTMX)
    assert response.status_code == 400
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li id="habit-{habit.pk}"')
    assert "That date doesn" in body or "This field is required." in body
    assert not DayRecord.objects.exists()


def test_check_off_for_a_future_day_is_refused(logged_in_client, habit):
    response = check(logged_in_client, habit, day=TODAY + timedelta(days=1))
    assert response.status_code == 400
    assert "come yet, so it can" in response.content.decode()
    assert not DayRecord.objects.exists()


def test_a_page_left_open_past_midnight_records_the_day_it_showed(logged_in_client, habit, time_machine):
    time_machine.move_to(datetime(2026, 11, 26, 23, 30, tzinfo=timezone.utc), tick=False)  # 00:30 the next day in Berlin
    check(logged_in_client, habit, day=TODAY)
    assert record(habit, TODAY).status == "done"


def test_plain_invalid_check_off_shows_the_whole_page_with_the_message(logged_in_client, habit):
    response = check(logged_in_client, habit, state="flip")
    assert response.status_code == 400
    body = response.content.decode()
    assert "<html" in body and "Please tap the button again." in body


# Measurable habits


def test_measure_under_the_target_is_partly_done_and_shown_as_progress(logged_in_client, measurable_habit):
    response = measure(logged_in_client, measurable_habit, "6.5", **HTMX)
    body = response.content.decode()
    assert record(measurable_habit).status == "partial"
    assert "6.5 of 7 h, on the way" in body and "is-partial" in body


def test_measure_at_the_target_is_done(logged_in_client, measurable_habit):
    measure(logged_in_client, measurable_habit, "6.5")
    response = measure(logged_in_client, measurable_habit, "7.5", **HTMX)
    assert (record(measurable_habit).status, record(measurable_habit).value) == ("done", 7.5)
    assert "7.5 of 7 h, done" in response.content.decode()
    assert "<strong>1 of 1</strong>" in response.content.decode()


def test_measure_accepts_a_decimal_comma(logged_in_client, measurable_habit):
    measure(logged_in_client, measurable_habit, "6,5")
    assert record(measurable_habit).value == 6.5


def test_measure_for_an_at_most_habit_is_done_at_or_under_the_limit(logged_in_client, user):
    coffee = Habit.objects.create(
        owner=user, name="Coffee", kind="measurable", unit="cups", target=2, direction="at_most", start_date=TODAY
    )
    measure(logged_in_client, coffee, "2")
    assert record(coffee).status == "done"
    measure(logged_in_client, coffee, "3")
    assert record(coffee).status == "none" and record(coffee).value == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "greater than or equal to 0"),
        ("25", "from 0 to 24 hours"),
        ("lots", "Please enter a number, like 6.5."),
        ("NaN", "Please enter a number, like 6.5."),
        ("1e9", "from 0 to 24 hours"),
    ],
)
def test_measure_refuses_bad_numbers_with_a_message_in_the_row(logged_in_client, measurable_habit, value, message):
    response = measure(logged_in_client, measurable_habit, value, **HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert body.lstrip().startswith(f'<li id="habit-{measurable_habit.pk}"') and message in body
    assert f'value="{value}"' in body  # what was typed stays, to correct
    assert not DayRecord.objects.exists()


def test_measure_on_a_check_habit_is_refused(logged_in_client, habit):
    response = measure(logged_in_client, habit, "3", **HTMX)
    assert response.status_code == 400 and "checked off with a tap" in response.content.decode()
    assert not DayRecord.objects.exists()


def test_check_off_on_a_measurable_habit_is_refused(logged_in_client, measurable_habit):
    response = check(logged_in_client, measurable_habit, **HTMX)
    assert response.status_code == 400 and "This habit takes a number" in response.content.decode()
    assert not DayRecord.objects.exists()


def test_a_400_row_answers_for_the_day_the_page_showed(logged_in_client, measurable_habit, time_machine):
    yesterday = TODAY - timedelta(days=1)
    DayRecord.objects.create(habit=measurable_habit, day=yesterday, status="done", value=8)
    time_machine.move_to(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc), tick=False)
    response = measure(logged_in_client, measurable_habit, "99", day=yesterday, **HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert f'name="day" value="{yesterday.isoformat()}"' in body and "8 of 7 h, done" in body


def test_plain_measure_redirects_to_today(logged_in_client, measurable_habit):
    response = measure(logged_in_client, measurable_habit, "8")
    assert response.status_code == 302 and response.url.startswith(reverse("today"))


def test_emptying_the_number_clears_the_day(logged_in_client, measurable_habit):
    measure(logged_in_client, measurable_habit, "8")
    measure(logged_in_client, measurable_habit, "")
    assert (record(measurable_habit).status, record(measurable_habit).value) == ("none", None)


# The row as stored


def test_row_returns_what_is_stored_for_htmx(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=TODAY, status="done")
    response = logged_in_client.get(reverse("today_row", args=[habit.pk]), {"day": TODAY.isoformat()}, headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li id="habit-{habit.pk}"') and 'aria-pressed="true"' in body
    assert 'hx-swap-oob="true"><strong>1 of 1</strong>' in body


def test_row_without_htmx_goes_to_today(logged_in_client, habit):
    response = logged_in_client.get(reverse("today_row", args=[habit.pk]))
    assert response.status_code == 302 and response.url == f"{reverse('today')}#habit-{habit.pk}"


# Schedules on Today


def test_a_times_per_week_habit_shows_its_weeks_count_until_met(logged_in_client, user):
    run = Habit.objects.create(owner=user, name="Run", schedule="per_week", times_per_week=3, start_date=date(2026, 1, 1))
    for day in (date(2026, 11, 23), date(2026, 11, 24)):  # Monday and Tuesday of this week
        DayRecord.objects.create(habit=run, day=day, status="done")
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "2 of 3 this week" in body and "Done for this week" not in body
    check(logged_in_client, run)  # the third today: still listed, as done
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "3 of 3 this week" in body and "<strong>1 of 1</strong>" in body


def test_a_met_weekly_target_moves_the_habit_to_done_for_this_week(logged_in_client, user, habit):
    run = Habit.objects.create(owner=user, name="Run", schedule="per_week", times_per_week=2, position=1, start_date=date(2026, 1, 1))
    for day in (date(2026, 11, 23), date(2026, 11, 25)):
        DayRecord.objects.create(habit=run, day=day, status="done")
    body = logged_in_client.get(reverse("today")).content.decode()
    assert body.index("Done for this week") < body.index("Run") and "2 of 2 this week" in body
    assert ">0 of 1 done<" in body  # only the daily habit is asked for (and a zero is never in bold)


def test_the_week_follows_the_users_week_start(logged_in_client, user):
    run = Habit.objects.create(owner=user, name="Run", schedule="per_week", times_per_week=1, start_date=date(2026, 1, 1))
    DayRecord.objects.create(habit=run, day=date(2026, 11, 22), status="done")  # Sunday
    assert "0 of 1 this week" in logged_in_client.get(reverse("today")).content.decode()  # Monday weeks
    user.week_start = 6
    user.save()
    assert "Done for this week" in logged_in_client.get(reverse("today")).content.decode()  # Sunday weeks


def test_weekday_and_every_n_days_habits_show_only_on_their_days(logged_in_client, user):
    Habit.objects.create(owner=user, name="Swim", schedule="weekdays", weekdays=0b0001000, start_date=date(2026, 1, 1))  # Thu
    Habit.objects.create(owner=user, name="Yoga", schedule="weekdays", weekdays=0b0000001, position=1, start_date=date(2026, 1, 1))  # Mon
    Habit.objects.create(owner=user, name="Plants", schedule="every_n", interval_days=2, position=2, start_date=date(2026, 11, 25))
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "Swim" in body and "Yoga" not in body and "Plants" not in body


def test_a_day_done_before_a_habit_became_measurable_still_shows_done(logged_in_client, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=TODAY, status="done")
    body = logged_in_client.get(reverse("today")).content.decode()
    assert 'id="meta-{}">Done'.format(measurable_habit.pk) in body and "<strong>1 of 1</strong>" in body


def test_a_tab_left_open_after_archiving_writes_nothing(logged_in_client, habit, measurable_habit):
    Habit.objects.filter(pk__in=[habit.pk, measurable_habit.pk]).update(archived=True)
    for response in (check(logged_in_client, habit, **HTMX), measure(logged_in_client, measurable_habit, "7", **HTMX)):
        assert response.status_code == 200 and response["HX-Refresh"] == "true"
        assert json.loads(response["HX-Trigger"]) == {"habit-archived": {}}  # a kept tap sent later tells it from a stale token
    plain = check(logged_in_client, habit)
    assert plain.status_code == 302 and plain.url == reverse("today")
    assert not DayRecord.objects.exists()
    assert "is archived, so its days stay as they are" in logged_in_client.get(reverse("today")).content.decode()
