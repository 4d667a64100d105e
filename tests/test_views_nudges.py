import json
from datetime import date, datetime, time, timedelta, timezone

import pytest
from django.test import Client
from django.urls import reverse

from routines.agenda import day_agenda
from routines.models import DayRecord, Habit, NudgeState, Pause
from routines.nudges import due_nudges

from .conftest import long_standing_habit

TODAY = date(2026, 11, 26)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def morning(time_machine):
    time_machine.move_to(datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc), tick=False)  # 09:00 in Berlin


@pytest.fixture
def stretch(user) -> Habit:
    return long_standing_habit(owner=user, name="Stretch", reminders=["07:30"], start_date=date(2026, 1, 1))


def poll(client, shown=None):
    params = {} if shown is None else {"shown": shown}
    return client.get(reverse("nudges"), params, headers=HTMX)


def test_the_nudge_area_is_on_every_app_page(logged_in_client):
    for name in ("today", "week", "routine", "history", "settings"):
        body = logged_in_client.get(reverse(name)).content.decode()
        assert 'id="nudges"' in body and "{#" not in body, name  # (a template comment split over lines shows as text)
        # Every page draws its cards with it: none ask for them on load.
        assert 'hx-trigger="every 60s, tab-visible from:document, nudges-changed from:document"' in body, name
        assert '<p id="nudge-announce" class="visually-hidden" role="status"></p>' in body


def test_today_draws_its_cards_with_the_page_and_the_poll_finds_nothing_new(logged_in_client, stretch):
    body = logged_in_client.get(reverse("today")).content.decode()
    area = body[body.index('<section id="nudges"') : body.index("</section>", body.index('<section id="nudges"'))]
    assert f'<p id="nudge-{stretch.pk}" class="nudge-name">Stretch</p>' in area and "data-nudges-drawn" in area
    shown = area.split('id="nudge-shown" name="shown" value="')[1].split('"')[0]
    assert poll(logged_in_client, shown).status_code == 204


def test_every_app_page_draws_its_cards_with_it_so_nothing_pushes_the_page_down_later(logged_in_client, stretch):
    for name in ("week", "routine", "history", "settings"):
        body = logged_in_client.get(reverse(name)).content.decode()
        area = body[body.index('<section id="nudges"') : body.index("</section>", body.index('<section id="nudges"'))]
        assert f'<p id="nudge-{stretch.pk}" class="nudge-name">Stretch</p>' in area and "data-nudges-drawn" in area, name
        shown = area.split('id="nudge-shown" name="shown" value="')[1].split('"')[0]
        assert poll(logged_in_client, shown).status_code == 204, name


def test_a_fresh_page_gets_its_cards(logged_in_client, stretch):
    response = poll(logged_in_client)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert '<p id="nudge-{}" class="nudge-name">Stretch</p>'.format(stretch.pk) in body
    assert "Snooze 30 min" in body and "Not today" in body and ">Done<" in body
    assert len(response.content) < 4096


def test_an_unchanged_poll_gets_204(logged_in_client, stretch):
    body = poll(logged_in_client).content.decode()
    shown = body.split('name="shown" value="')[1].split('"')[0]
    assert poll(logged_in_client, shown).status_code == 204
    assert poll(logged_in_client, "stale").status_code == 200


def test_nothing_due_answers_an_empty_region_then_204(logged_in_client, user):
    response = poll(logged_in_client)
    assert response.status_code == 200 and "nudge-card" not in response.content.decode()
    assert poll(logged_in_client, "none").status_code == 204


def test_polling_never_writes(logged_in_client, stretch):
    poll(logged_in_client)
    poll(logged_in_client, "x")
    assert not NudgeState.objects.exists() and not DayRecord.objects.exists()


def test_the_nudges_page_without_htmx_lists_every_card(logged_in_client, user, stretch):
    for i in range(4):
        long_standing_habit(owner=user, name=f"Extra {i}", reminders=["08:00"], position=i + 1, start_date=date(2026, 1, 1))
    body = logged_in_client.get(reverse("nudges")).content.decode()
    assert "<html" in body and body.count('class="nudge-card') == 5 and "more</a>" not in body
    assert body.count('id="nudges"') == 1 and 'hx-trigger="load' not in body  # its own list, not the polling area
    area = poll(logged_in_client).content.decode()
    assert area.count('class="nudge-card') == 3 and "and 2 more" in area


def test_acting_on_the_nudges_page_keeps_the_whole_list(logged_in_client, user, stretch):
    for i in range(4):
        long_standing_habit(owner=user, name=f"Extra {i}", reminders=["08:00"], position=i + 1, start_date=date(2026, 1, 1))
    response = logged_in_client.post(
        reverse("nudge_snooze", args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": "http://testserver/nudges/"}
    )
    assert response.content.decode().count('class="nudge-card') == 4


def test_the_204_also_varies_on_hx_request(logged_in_client, stretch):
    shown = poll(logged_in_client).content.decode().split('name="shown" value="')[1].split('"')[0]
    assert "HX-Request" in poll(logged_in_client, shown)["Vary"]


def test_done_from_a_nudge_writes_nothing_for_a_habit_not_on_todays_list(logged_in_client, stretch):
    stretch.archived = True
    stretch.save()
    logged_in_client.post(reverse("nudge_done", args=[stretch.pk]), headers=HTMX)
    assert not DayRecord.objects.exists()


def test_renaming_a_habit_changes_the_fingerprint(logged_in_client, stretch):
    shown = poll(logged_in_client).content.decode().split('name="shown" value="')[1].split('"')[0]
    stretch.name = "Stretch gently"
    stretch.save()
    assert poll(logged_in_client, shown).status_code == 200


def test_done_records_the_day_and_removes_the_card(logged_in_client, stretch):
    response = logged_in_client.post(reverse("nudge_done", args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": "http://testserver/journal/"})
    body = response.content.decode()
    assert DayRecord.objects.get(habit=stretch, day=TODAY).status == "done"
    assert "nudge-card" not in body and "hx-swap-oob" not in body  # a page without rows: nothing out of band


@pytest.mark.parametrize("week_page", ["/week/", "/week/2026-11-23/"])
def test_done_from_the_week_showing_today_also_updates_its_cell_and_totals(logged_in_client, stretch, week_page):
    current_url = f"http://testserver{week_page}"
    response = logged_in_client.post(reverse("nudge_done", args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": current_url})
    body = response.content.decode()
    assert f'id="cell-{stretch.pk}-2026-11-26" class="cell state-done is-today" hx-swap-oob="true"' in body
    assert f'<span class="row-total" id="row-total-{stretch.pk}" hx-swap-oob="true">1/' in body
    assert '<td id="day-total-2026-11-26" class="day-total" hx-swap-oob="true">1/1</td>' in body


def test_done_from_another_week_updates_no_cell_it_does_not_show(logged_in_client, stretch):
    current_url = "http://testserver/week/2026-11-16/"
    body = logged_in_client.post(reverse("nudge_done", args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": current_url}).content.decode()
    assert DayRecord.objects.get(habit=stretch, day=TODAY).status == "done" and "hx-swap-oob" not in body


def test_done_from_today_also_updates_the_row_and_progress(logged_in_client, stretch):
    response = logged_in_client.post(reverse("nudge_done", args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": "http://testserver/today/"})
    body = response.content.decode()
    assert f'<li id="habit-{stretch.pk}" hx-swap-oob="true" class="habit-row' in body and 'aria-pressed="true"' in body
    assert '<p id="progress" class="progress" hx-swap-oob="true"><strong>1 of 1</strong>' in body


def shown_in(response) -> str:
    return response.content.decode().split('name="shown" value="')[1].split('"')[0]


def check_off(client, habit, state="done", day=TODAY):
    return client.post(reverse("check_off", args=[habit.pk]), {"state": state, "day": day.isoformat()}, headers=HTMX)


def test_a_check_off_on_today_asks_the_nudge_area_to_look_again_and_its_card_is_gone(logged_in_client, stretch):
    shown = shown_in(poll(logged_in_client))
    response = check_off(logged_in_client, stretch)
    assert response.status_code == 200 and json.loads(response["HX-Trigger-After-Settle"]) == {"nudges-changed": {}}
    again = poll(logged_in_client, shown)
    assert again.status_code == 200 and "nudge-card" not in again.content.decode()


def test_undoing_a_check_off_brings_the_card_back_at_once(logged_in_client, stretch):
    check_off(logged_in_client, stretch)
    shown = shown_in(poll(logged_in_client))
    response = check_off(logged_in_client, stretch, state="none")
    assert "nudges-changed" in response["HX-Trigger-After-Settle"]
    assert f'id="nudge-{stretch.pk}"' in poll(logged_in_client, shown).content.decode()


def test_a_number_on_today_asks_the_nudge_area_too(logged_in_client, user):
    sleep = Habit.objects.create(
        owner=user, name="Sleep", kind="measurable", unit="hours", target=7, reminders=["08:00"], start_date=date(2026, 1, 1)
    )
    response = logged_in_client.post(reverse("measure", args=[sleep.pk]), {"value": "7,5", "day": TODAY.isoformat()}, headers=HTMX)
    assert "nudges-changed" in response["HX-Trigger-After-Settle"]
    assert "nudge-card" not in poll(logged_in_client).content.decode()


def test_a_tap_on_todays_cell_in_the_week_asks_the_nudge_area_too(logged_in_client, stretch):
    shown = shown_in(poll(logged_in_client))
    response = logged_in_client.post(reverse("week_cell", args=[stretch.pk, TODAY]), {"status": "done"}, headers=HTMX)
    assert response.status_code == 200 and "nudges-changed" in response["HX-Trigger-After-Settle"]
    assert "nudge-card" not in poll(logged_in_client, shown).content.decode()


def test_the_day_editor_saving_today_asks_the_nudge_area_too(logged_in_client, stretch):
    response = logged_in_client.post(
        reverse("week_day", args=[stretch.pk, TODAY]), {"action": "save", "status": "done", "note": ""}, headers=HTMX
    )
    assert response.status_code == 200 and "nudges-changed" in response["HX-Trigger-After-Settle"]


def test_other_days_habits_without_reminders_refusals_and_plain_posts_ask_nothing(logged_in_client, user, stretch):
    quiet = Habit.objects.create(owner=user, name="Quiet", position=1, start_date=date(2026, 1, 1))
    yesterday = TODAY - timedelta(days=1)
    assert "HX-Trigger-After-Settle" not in check_off(logged_in_client, quiet)
    assert "HX-Trigger-After-Settle" not in check_off(logged_in_client, stretch, day=yesterday)
    assert "HX-Trigger-After-Settle" not in check_off(logged_in_client, stretch, state="flip")
    assert "HX-Trigger-After-Settle" not in logged_in_client.post(reverse("week_cell", args=[stretch.pk, yesterday]), {"status": "done"}, headers=HTMX)
    plain = logged_in_client.post(reverse("check_off", args=[stretch.pk]), {"state": "done", "day": TODAY.isoformat()})
    assert plain.status_code == 302 and DayRecord.objects.get(habit=stretch, day=TODAY).status == "done"


def test_the_check_off_answer_costs_no_extra_query_for_the_nudges(logged_in_client, user, stretch, django_assert_num_queries):
    quiet = Habit.objects.create(owner=user, name="Quiet", position=1, start_date=date(2026, 1, 1))
    # session, user, the day's agenda (habits with their records; the habit comes from it), the upsert
    with django_assert_num_queries(4) as without_reminders:
        check_off(logged_in_client, quiet)
    with django_assert_num_queries(len(without_reminders.captured_queries)):
        response = check_off(logged_in_client, stretch)
    assert "nudges-changed" in response["HX-Trigger-After-Settle"]


def test_done_on_a_card_for_a_habit_already_done_in_the_week_still_removes_it(logged_in_client, stretch):
    assert f'id="nudge-{stretch.pk}"' in poll(logged_in_client).content.decode()
    logged_in_client.post(reverse("week_cell", args=[stretch.pk, TODAY]), {"status": "done"})  # on the Week, in another tab
    response = logged_in_client.post(
        reverse("nudge_done", args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": "http://testserver/today/"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "nudge-card" not in body
    assert f'<li id="habit-{stretch.pk}" hx-swap-oob="true"' in body and 'aria-pressed="true"' in body
    assert DayRecord.objects.get(habit=stretch, day=TODAY).status == "done"


def test_done_from_a_nudge_on_today_hides_the_first_day_hint(logged_in_client, stretch):
    response = logged_in_client.post(reverse("nudge_done", args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": "http://testserver/today/"})
    assert '<p id="first-hint" class="first-hint" hx-swap-oob="true" hidden>' in response.content.decode()


def test_snooze_hides_the_card_for_30_minutes(logged_in_client, stretch, time_machine):
    response = logged_in_client.post(reverse("nudge_snooze", args=[stretch.pk]), headers=HTMX)
    assert "nudge-card" not in response.content.decode()
    assert NudgeState.objects.get(habit=stretch).snoozed_until == datetime(2026, 11, 26, 8, 30, tzinfo=timezone.utc)
    time_machine.move_to(datetime(2026, 11, 26, 8, 31, tzinfo=timezone.utc), tick=False)
    assert "nudge-card" in poll(logged_in_client).content.decode()


def test_not_today_keeps_it_away_until_tomorrow(logged_in_client, stretch, time_machine):
    logged_in_client.post(reverse("nudge_dismiss", args=[stretch.pk]), headers=HTMX)
    time_machine.move_to(datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc), tick=False)
    assert "nudge-card" not in poll(logged_in_client).content.decode()
    time_machine.move_to(datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc), tick=False)
    assert "nudge-card" in poll(logged_in_client).content.decode()


@pytest.mark.parametrize("name", ["nudge_done", "nudge_snooze", "nudge_dismiss"])
def test_nudge_actions_need_the_csrf_token(user, stretch, name):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    strict.post(reverse(name, args=[stretch.pk]))
    assert not NudgeState.objects.exists() and not DayRecord.objects.exists()


def test_plain_nudge_actions_go_back_to_the_page(logged_in_client, stretch):
    response = logged_in_client.post(reverse("nudge_snooze", args=[stretch.pk]), HTTP_REFERER="http://testserver/week/")
    assert response.status_code == 302 and response.url == "/week/"
    elsewhere = logged_in_client.post(reverse("nudge_dismiss", args=[stretch.pk]), HTTP_REFERER="https://evil.example/")
    assert elsewhere.url == reverse("today")


def test_the_poll_query_count_is_fixed(logged_in_client, user, django_assert_num_queries):
    habits = [
        long_standing_habit(owner=user, name=f"H{i}", reminders=["07:00"], position=i, start_date=TODAY - timedelta(days=100))
        for i in range(15)
    ]
    with django_assert_num_queries(3):  # session, user, habits (with the day's records and nudge states, none ever paused)
        poll(logged_in_client)
    Pause.objects.bulk_create(Pause(habit=h, start=TODAY - timedelta(days=50), until=TODAY - timedelta(days=40)) for h in habits)
    with django_assert_num_queries(4):  # and their pauses
        poll(logged_in_client)


@pytest.mark.parametrize("name", ["nudge_done", "nudge_snooze", "nudge_dismiss"])
@pytest.mark.parametrize("current", ["http://[", "not a url", "https://evil.example/today/"])
def test_an_odd_current_url_still_answers_with_the_cards(logged_in_client, stretch, name, current):
    response = logged_in_client.post(reverse(name, args=[stretch.pk]), headers={**HTMX, "HX-Current-URL": current})
    assert response.status_code == 200 and 'id="nudge-shown"' in response.content.decode()
    assert NudgeState.objects.exists() or DayRecord.objects.get(habit=stretch).status == "done"


def test_a_referer_that_is_not_a_page_of_ours_goes_to_today(logged_in_client, stretch):
    for referer in ("http://[", "foo", "0"):
        response = logged_in_client.post(reverse("nudge_snooze", args=[stretch.pk]), HTTP_REFERER=referer)
        assert response.status_code == 302 and response.url == reverse("today")


def test_done_from_today_reads_the_day_once_and_answers_as_it_now_stands(logged_in_client, user, django_assert_num_queries):
    walk = Habit.objects.create(owner=user, name="Walk", schedule="per_week", times_per_week=3, reminders=["07:00"], start_date=TODAY - timedelta(days=30))
    DayRecord.objects.create(habit=walk, day=TODAY - timedelta(days=1), status="done", note="Long one.")
    DayRecord.objects.create(habit=walk, day=TODAY, note="Before breakfast.")
    # session, user, habit and its pauses; the day's agenda (habits with their records and nudge states); ONE write
    with django_assert_num_queries(6):
        response = logged_in_client.post(reverse("nudge_done", args=[walk.pk]), headers={**HTMX, "HX-Current-URL": "http://testserver/today/"})
    body = response.content.decode()
    assert "nudge-card" not in body and "2 of 3 this week" in body and "<strong>1 of 1</strong>" in body
    assert (DayRecord.objects.get(habit=walk, day=TODAY).status, DayRecord.objects.get(habit=walk, day=TODAY).note) == ("done", "Before breakfast.")


@pytest.mark.parametrize(
    "settings_now",
    [
        {"reminders_paused": True},
        {"quiet_start": time(8, 30), "quiet_end": time(10, 0)},  # 09:00 in Berlin
        {"quiet_start": time(22, 0), "quiet_end": time(9, 30)},  # across midnight
    ],
)
def test_a_poll_while_nudges_are_silenced_reads_no_habits_and_matches_the_full_answer(
    logged_in_client, user, stretch, settings_now, django_assert_max_num_queries
):
    for field, value in settings_now.items():
        setattr(user, field, value)
    user.save()
    full = due_nudges(user, datetime.now(timezone.utc), TODAY, day_agenda(user, TODAY).due, {})
    with django_assert_max_num_queries(2):  # the session and the person: no agenda
        response = poll(logged_in_client, full.fingerprint)
    assert (full.fingerprint, response.status_code) == ("none", 204)


def test_a_poll_outside_quiet_hours_still_reads_the_day(logged_in_client, user, stretch):
    user.quiet_start, user.quiet_end = time(21, 0), time(7, 0)
    user.save()
    assert "Stretch" in poll(logged_in_client).content.decode()
