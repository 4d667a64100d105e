import html
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from django.urls import reverse

from routines.models import DayRecord, Habit

from .conftest import habits_with_history

TODAY = date(2026, 11, 25)  # Wednesday; the week is Mon 23 - Sun 29 November
MONDAY = date(2026, 11, 23)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc), tick=False)


def tap(client, habit, day, status, **headers):
    return client.post(reverse("week_cell", args=[habit.pk, day]), {"status": status}, headers=headers)


def edit(client, habit, day, **data):
    headers = data.pop("headers", {})
    return client.post(reverse("week_day", args=[habit.pk, day]), {"action": "save", "note": "", "value": "", **data}, headers=headers)


def record(habit, day) -> DayRecord:
    return DayRecord.objects.get(habit=habit, day=day)


# The page


def test_week_shows_seven_days_from_the_week_start_with_today_marked(logged_in_client, habit):
    body = logged_in_client.get(reverse("week")).content.decode()
    assert body.count('<th scope="col"') == 7
    assert 'class="is-today" aria-current="date"' in body and "Wednesday 25 November, today" in body
    assert "Monday 23 November" in body and "Sunday 29 November" in body
    assert f'id="cell-{habit.pk}-2026-11-23"' in body


def test_week_of_any_day_redirects_to_its_weeks_start(logged_in_client):
    response = logged_in_client.get(reverse("week_of", args=[date(2026, 11, 19)]))
    assert response.status_code == 302 and response.url == reverse("week_of", args=[date(2026, 11, 16)])


def test_an_impossible_date_is_404(logged_in_client):
    assert logged_in_client.get("/week/2026-02-30/").status_code == 404


def test_week_navigation_has_real_links(logged_in_client, habit):
    body = logged_in_client.get(reverse("week_of", args=[date(2026, 11, 16)])).content.decode()
    assert 'href="/week/2026-11-09/"' in body and ">Previous week</a>" in body
    assert 'href="/week/2026-11-23/"' in body and "Next week" in body
    assert 'href="/week/"' in body and ">This week</a>" in body


def test_week_navigation_with_htmx_swaps_only_the_grid_and_varies(logged_in_client, habit):
    response = logged_in_client.get(reverse("week_of", args=[date(2026, 11, 16)]), headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="week-grid">') and "<html" not in body
    assert "HX-Request" in response["Vary"]
    restore = logged_in_client.get(
        reverse("week_of", args=[date(2026, 11, 16)]), headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_week_never_shows_another_users_habits(logged_in_client, other_habit):
    assert other_habit.name not in logged_in_client.get(reverse("week")).content.decode()


def test_week_query_count_is_the_same_for_1_and_20_habits_with_3_years(logged_in_client, user, django_assert_num_queries):
    habits_with_history(user, 1, 0, TODAY, 3 * 365, rest_every=3)
    # session, user, habits, pauses, the week's records, its check-ins; and the nudge cards drawn with the page (the habits
    # with reminders: none here, so their pauses are not read)
    with django_assert_num_queries(7) as one:
        logged_in_client.get(reverse("week"))
    habits_with_history(user, 19, 1, TODAY, 3 * 365, rest_every=3)
    with django_assert_num_queries(len(one.captured_queries)):
        body = logged_in_client.get(reverse("week")).content.decode()
    assert body.count('class="name-row"') == 21  # and the mood row


# Tapping a day


def test_the_cycle_of_states_done_rest_empty(logged_in_client, habit):
    tap(logged_in_client, habit, MONDAY, "done")
    assert record(habit, MONDAY).status == "done"
    tap(logged_in_client, habit, MONDAY, "skipped")
    assert record(habit, MONDAY).status == "skipped"
    tap(logged_in_client, habit, MONDAY, "none")
    assert record(habit, MONDAY).status == "none"


def test_a_tap_asks_for_the_next_state_in_the_cycle(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=MONDAY, status="done")
    body = logged_in_client.get(reverse("week")).content.decode()
    cell = body[body.index(f'id="cell-{habit.pk}-2026-11-23"') :]
    assert 'name="status" value="skipped"' in cell[:1500]


def test_htmx_tap_returns_the_cell_and_totals_out_of_band(logged_in_client, habit):
    response = tap(logged_in_client, habit, MONDAY, "done", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<td id="cell-{habit.pk}-2026-11-23" class="cell state-done')
    assert f'<span class="row-total" id="row-total-{habit.pk}" hx-swap-oob="true">1/7' in body
    assert '<td id="day-total-2026-11-23" class="day-total" hx-swap-oob="true">1/1</td>' in body
    assert f'id="editor-{habit.pk}"' in body and "Add note" in body
    assert "<html" not in body and len(response.content) < 6000


def test_plain_tap_redirects_back_to_the_week_naming_the_day(logged_in_client, habit):
    response = tap(logged_in_client, habit, MONDAY, "done")
    assert response.status_code == 302
    assert response.url == f"/week/2026-11-23/?habit={habit.pk}&day=2026-11-23#week-habit-{habit.pk}"
    page = logged_in_client.get(response.url).content.decode()
    assert "Monday 23: done." in page and "Add note" in page


def test_last_weeks_days_can_be_filled_in(logged_in_client, habit):
    tap(logged_in_client, habit, date(2026, 11, 18), "done")
    assert record(habit, date(2026, 11, 18)).status == "done"


def test_a_future_day_is_refused_with_a_message(logged_in_client, habit):
    response = tap(logged_in_client, habit, date(2026, 11, 26), "done", **HTMX)
    assert response.status_code == 400
    assert "come yet, so it can" in response.content.decode()
    assert not DayRecord.objects.exists()
    plain = tap(logged_in_client, habit, date(2026, 11, 26), "done")
    assert plain.status_code == 400 and "<html" in plain.content.decode()


@pytest.mark.parametrize("status", ["", "toggle", "partial"])
def test_an_unknown_status_is_a_400(logged_in_client, habit, status):
    assert tap(logged_in_client, habit, MONDAY, status, **HTMX).status_code == 400
    assert not DayRecord.objects.exists()


def test_a_measurable_cell_is_not_tapped_but_edited(logged_in_client, measurable_habit):
    assert tap(logged_in_client, measurable_habit, MONDAY, "done", **HTMX).status_code == 400


def test_notes_are_kept_when_the_status_changes(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=MONDAY, status="done", note="Outside, in the sun.")
    tap(logged_in_client, habit, MONDAY, "skipped")
    tap(logged_in_client, habit, MONDAY, "none")
    assert record(habit, MONDAY).note == "Outside, in the sun."


def test_an_archived_habits_days_are_never_written(logged_in_client, habit):
    habit.archived = True
    habit.save()
    response = tap(logged_in_client, habit, MONDAY, "done", **HTMX)
    assert response["HX-Refresh"] == "true"
    assert edit(logged_in_client, habit, MONDAY, note="hello").status_code == 302
    assert not DayRecord.objects.exists()
    assert "is archived, so its days stay as they are" in logged_in_client.get(reverse("week")).content.decode()


# The day editor: notes, numbers, rest


def test_the_day_editor_is_a_page_without_htmx_and_a_small_form_with(logged_in_client, measurable_habit):
    page = logged_in_client.get(reverse("week_day", args=[measurable_habit.pk, MONDAY]))
    assert "<html" in page.content.decode() and "Sleep, hours" in page.content.decode()
    assert "hx-post" not in page.content.decode().split('<form class="form day-editor"')[1].split(">")[0]
    partial = logged_in_client.get(reverse("week_day", args=[measurable_habit.pk, MONDAY]), headers=HTMX)
    assert '<form class="form day-editor"' in partial.content.decode() and "hx-post" in partial.content.decode()


def test_a_note_can_be_added_to_a_past_day_and_shows_on_the_habit_page(logged_in_client, habit):
    response = edit(logged_in_client, habit, MONDAY, note="  Felt lighter.  ")
    assert response.status_code == 302
    assert record(habit, MONDAY).note == "Felt lighter." and record(habit, MONDAY).status == "none"
    assert "Felt lighter." in logged_in_client.get(reverse("habit", args=[habit.pk])).content.decode()


def test_a_note_keeps_the_days_status(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=MONDAY, status="done")
    edit(logged_in_client, habit, MONDAY, note="Short one today.", headers=HTMX)
    assert (record(habit, MONDAY).status, record(habit, MONDAY).note) == ("done", "Short one today.")


def test_a_measurable_day_takes_a_value_and_the_cell_shows_it(logged_in_client, measurable_habit):
    response = edit(logged_in_client, measurable_habit, MONDAY, value="6.5", headers=HTMX)
    body = response.content.decode()
    assert record(measurable_habit, MONDAY).status == "partial"
    assert body.lstrip().startswith(f'<td id="cell-{measurable_habit.pk}-2026-11-23" class="cell state-partial')
    assert "partly done, 6.5 of 7 hours" in body


def test_a_measurable_day_can_be_a_rest_day_and_back_keeping_its_value(logged_in_client, measurable_habit):
    edit(logged_in_client, measurable_habit, MONDAY, value="5")
    edit(logged_in_client, measurable_habit, MONDAY, rest="on", value="5", **{"initial-value": "5.00"})
    assert (record(measurable_habit, MONDAY).status, record(measurable_habit, MONDAY).value) == ("skipped", 5)
    edit(logged_in_client, measurable_habit, MONDAY, value="5", **{"initial-value": "5.00", "initial-rest": "True"})
    assert (record(measurable_habit, MONDAY).status, record(measurable_habit, MONDAY).value) == ("partial", 5)


def test_a_bad_value_goes_back_into_the_editor_with_a_message(logged_in_client, measurable_habit):
    response = edit(logged_in_client, measurable_habit, MONDAY, value="30", note="typed words", headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert response["HX-Retarget"] == f"#editor-{measurable_habit.pk}" and response["HX-Reswap"] == "innerHTML"
    assert "from 0 to 24 hours" in body and 'value="30"' in body and "typed words" in body
    assert not DayRecord.objects.exists()


def test_a_note_over_1000_characters_is_refused(logged_in_client, habit):
    response = edit(logged_in_client, habit, MONDAY, note="x" * 1001)
    assert response.status_code == 400 and "1000 characters" in response.content.decode()


def test_the_editor_refuses_a_future_day(logged_in_client, habit):
    assert edit(logged_in_client, habit, date(2026, 11, 27), note="not yet").status_code == 400
    assert not DayRecord.objects.exists()


def test_a_habit_turned_from_measurable_to_check_keeps_its_days_on_the_week(logged_in_client, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=MONDAY, status="done", value=8)
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 11, 24), status="partial", value=3)
    measurable_habit.kind, measurable_habit.unit, measurable_habit.target = "check", "", None
    measurable_habit.save()
    body = logged_in_client.get(reverse("week")).content.decode()
    assert "Sleep, Monday 23 November: done, 8." in body and "Sleep, Tuesday 24 November: partly done, 3." in body


@pytest.mark.parametrize("url", ["/week/0001-01-01/", "/week/9999-12-31/", "/week/1899-12-31/", "/week/3000-01-01/"])
def test_dates_far_outside_the_calendar_are_404(logged_in_client, habit, url):
    assert logged_in_client.get(url).status_code == 404
    assert logged_in_client.post(f"/week/habits/{habit.pk}/0001-01-01/state/", {"status": "done"}).status_code == 404


def test_a_paused_or_unplanned_day_is_refused(logged_in_client, user, habit):
    from routines.models import Pause

    Pause.objects.create(habit=habit, start=MONDAY, until=date(2026, 11, 25))
    response = tap(logged_in_client, habit, MONDAY, "done", **HTMX)
    assert response.status_code == 400 and "planned for that day" in response.content.decode()
    swim = Habit.objects.create(owner=user, name="Swim", schedule="weekdays", weekdays=0b0000100, position=1, start_date=date(2026, 1, 1))
    assert tap(logged_in_client, swim, MONDAY, "done").status_code == 400  # Wednesdays only
    today = logged_in_client.post(reverse("check_off", args=[habit.pk]), {"state": "done", "day": MONDAY.isoformat()})
    assert today.status_code == 400
    assert not DayRecord.objects.exists()


def test_a_day_logged_before_a_schedule_change_can_still_be_edited(logged_in_client, user):
    swim = Habit.objects.create(owner=user, name="Swim", schedule="weekdays", weekdays=0b0000100, start_date=date(2026, 1, 1))
    DayRecord.objects.create(habit=swim, day=MONDAY, status="done")
    assert edit(logged_in_client, swim, MONDAY, status="done", note="Back when it was daily.").status_code == 302
    assert record(swim, MONDAY).note == "Back when it was daily."


def test_weekly_row_totals_shrink_with_pauses(logged_in_client, user):
    from routines.models import Pause

    run = Habit.objects.create(owner=user, name="Run", schedule="per_week", times_per_week=3, start_date=date(2026, 1, 1))
    Pause.objects.create(habit=run, start=date(2026, 11, 20), until=date(2026, 11, 28))  # only Sat 28 and Sun 29 left
    body = logged_in_client.get(reverse("week")).content.decode()
    assert f'<span class="row-total" id="row-total-{run.pk}">0/2' in body


def test_choosing_a_date_offers_notes_for_every_habit_without_changing_anything(logged_in_client, habit, measurable_habit):
    DayRecord.objects.create(habit=habit, day=MONDAY, status="done")
    body = logged_in_client.get(reverse("week_of", args=[MONDAY]), {"day": "2026-11-23"}).content.decode()
    assert f"Add note<span class=\"visually-hidden\"> for {habit.name} on Monday 23 November" in body
    assert "Add note<span class=\"visually-hidden\"> for Sleep on Monday 23 November" in body
    assert 'href="/week/2026-11-23/?day=2026-11-24"' in body
    assert 'href="/week/2026-11-23/?day=2026-11-26"' not in body  # no notes for days to come
    assert record(habit, MONDAY).status == "done" and DayRecord.objects.count() == 1


def test_a_check_cell_says_what_a_tap_will_do(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=MONDAY, status="done")
    body = logged_in_client.get(reverse("week")).content.decode()
    assert f"{habit.name}, Monday 23 November: done. Tap to mark as rest." in body
    assert f"{habit.name}, Tuesday 24 November: not done. Tap to mark as done." in body


def test_a_tap_announces_the_new_state(logged_in_client, habit):
    body = tap(logged_in_client, habit, MONDAY, "skipped", **HTMX).content.decode()
    # Only the words are swapped in: the live region itself stays, so screen readers read the change.
    assert f'<p id="week-status" class="visually-hidden" role="status" hx-swap-oob="innerHTML">{habit.name}, Monday 23 November: rest.</p>' in body


# Whatever the editor's `next` says, the note is saved and the answer is a page

NOT_OUR_PAGES = [
    *("foo", "0", "NaN", "week", "today", "http://[", "//evil.example/", "https://evil.example/", "javascript:alert(1)"),
    *("http://testserver//evil.example/", "http://testserver/\\evil.example", "/\\evil.example"),  # our host, another site
]


@pytest.mark.parametrize("back", NOT_OUR_PAGES)
def test_a_next_that_is_not_one_of_our_pages_goes_back_to_the_week(logged_in_client, habit, back):
    response = edit(logged_in_client, habit, MONDAY, status="done", note="Saved all the same.", next=back)
    assert response.status_code == 302
    assert response.url == f"/week/2026-11-23/?habit={habit.pk}&day=2026-11-23#week-habit-{habit.pk}"
    assert record(habit, MONDAY).note == "Saved all the same."


@pytest.mark.parametrize("back", NOT_OUR_PAGES)
def test_the_editors_back_link_ignores_a_next_that_is_not_one_of_our_pages(logged_in_client, habit, back):
    body = logged_in_client.get(reverse("week_day", args=[habit.pk, MONDAY]), {"next": back}).content.decode()
    assert 'name="next"' not in body and f'href="/week/2026-11-23/#week-habit-{habit.pk}">← Back' in body


def test_a_next_on_our_site_keeps_its_query_and_fragment(logged_in_client, habit):
    back = f"http://testserver/habits/{habit.pk}/?month=2026-11#month-title"
    response = edit(logged_in_client, habit, MONDAY, status="done", next=back)
    assert response.url == f"/habits/{habit.pk}/?month=2026-11#month-title"


# Notes never become unreachable


def cell_html(body: str, habit, day) -> str:
    return body.split(f'id="cell-{habit.pk}-{day.isoformat()}"')[1].split("</td>")[0]


def test_a_note_on_a_day_that_is_no_longer_planned_stays_visible_and_editable(logged_in_client, habit):
    edit(logged_in_client, habit, MONDAY, note="Felt lighter.")
    habit.schedule, habit.weekdays = "weekdays", 0b0000100  # Wednesdays only now
    habit.save()
    grid = logged_in_client.get(reverse("week_of", args=[MONDAY]), {"day": "2026-11-23"}).content.decode()
    assert "cell-button" in cell_html(grid, habit, MONDAY) and "Monday 23 November: not planned" in grid
    assert f"Edit note<span class=\"visually-hidden\"> for {habit.name} on Monday 23 November" in grid
    editor = logged_in_client.get(reverse("week_day", args=[habit.pk, MONDAY]))
    assert editor.status_code == 200 and "Felt lighter." in editor.content.decode()
    assert edit(logged_in_client, habit, MONDAY, note="Felt lighter, still.").status_code == 302
    assert edit(logged_in_client, habit, MONDAY, note="Felt lighter, still!", headers=HTMX).status_code == 200
    assert record(habit, MONDAY).note == "Felt lighter, still!"
    habit_page = logged_in_client.get(reverse("habit", args=[habit.pk])).content.decode()
    assert "Felt lighter, still!" in habit_page
    assert f'href="{reverse("week_day", args=[habit.pk, MONDAY])}?next=' in habit_page


def test_a_number_under_an_at_most_limit_on_a_day_no_longer_planned_stays_editable(logged_in_client, measurable_habit):
    measurable_habit.direction = "at_most"
    measurable_habit.save()
    edit(logged_in_client, measurable_habit, MONDAY, value="9")  # over the limit: kept, status none
    measurable_habit.schedule, measurable_habit.weekdays = "weekdays", 0b0000100
    measurable_habit.save()
    grid = logged_in_client.get(reverse("week")).content.decode()
    assert "cell-button" in cell_html(grid, measurable_habit, MONDAY)
    assert edit(logged_in_client, measurable_habit, MONDAY, value="6").status_code == 302
    assert record(measurable_habit, MONDAY).status == "done"


def test_an_unplanned_day_without_a_record_is_still_not_a_day_to_log(logged_in_client, user):
    swim = Habit.objects.create(owner=user, name="Swim", schedule="weekdays", weekdays=0b0000100, start_date=date(2026, 1, 1))
    grid = logged_in_client.get(reverse("week")).content.decode()
    assert "cell-button" not in cell_html(grid, swim, MONDAY)
    assert edit(logged_in_client, swim, MONDAY, note="no").status_code == 400


def test_moving_the_start_back_opens_the_days_before_it(logged_in_client, habit):
    habit.start_date = TODAY
    habit.save()
    assert edit(logged_in_client, habit, MONDAY, note="Too early").status_code == 400
    habit.start_date = date(2026, 11, 1)
    habit.save()
    grid = logged_in_client.get(reverse("week")).content.decode()
    assert "cell-button" in cell_html(grid, habit, MONDAY)
    assert edit(logged_in_client, habit, MONDAY, status="done", note="Started earlier").status_code == 302
    month = logged_in_client.get(reverse("habit", args=[habit.pk]), {"month": "2026-11"}).content.decode()
    assert f'href="{reverse("week_day", args=[habit.pk, date(2026, 11, 2)])}?next=' in month


def test_a_record_from_before_the_start_date_stays_reachable(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 10, 15), note="From before the restart.")
    habit.start_date = date(2026, 11, 20)
    habit.save()
    november = logged_in_client.get(reverse("habit", args=[habit.pk])).content.decode()
    assert "?month=2026-10" in november and "From before the restart." in november
    october = logged_in_client.get(reverse("habit", args=[habit.pk]), {"month": "2026-10"}).content.decode()
    assert "October 2026" in october
    assert f'href="{reverse("week_day", args=[habit.pk, date(2026, 10, 15)])}?next=' in october
    grid = logged_in_client.get(reverse("week_of", args=[date(2026, 10, 12)])).content.decode()
    assert "cell-button" in cell_html(grid, habit, date(2026, 10, 15))
    assert edit(logged_in_client, habit, date(2026, 10, 15), note="Still mine.").status_code == 302
    assert record(habit, date(2026, 10, 15)).note == "Still mine."


# The editor: one clear choice, and a save writes only what the person changed


def shown(client, habit, day) -> dict[str, str]:
    """What the editor showed when it opened: the values it posts back with a save."""
    body = client.get(reverse("week_day", args=[habit.pk, day])).content.decode()
    return {name: html.unescape(value) for name, value in re.findall(r'<input type="hidden" name="(initial-\w+)"(?: value="([^"]*)")?', body)}


def test_the_editor_offers_one_choice_for_how_the_day_went(logged_in_client, habit, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=MONDAY, status="skipped", value=6)
    check = logged_in_client.get(reverse("week_day", args=[habit.pk, MONDAY])).content.decode()
    assert re.findall(r'<input type="radio" name="status" value="(\w+)"', check) == ["done", "skipped", "none"]
    assert "<legend>This day</legend>" in check and f'id="day{habit.pk}_status_1"> Rest</label>' in check and 'name="rest"' not in check
    sleep = logged_in_client.get(reverse("week_day", args=[measurable_habit.pk, MONDAY])).content.decode()
    assert 'type="radio"' not in sleep and f'id="day-rest-{measurable_habit.pk}" name="rest" checked' in sleep
    assert 'value="6"' in sleep
    for body in (check, sleep):
        assert "Skip (rest)" not in body and "Not resting" not in body and 'name="action"' not in body


def test_a_note_saved_from_an_editor_opened_earlier_keeps_a_check_off_made_meanwhile(logged_in_client, habit):
    opened = shown(logged_in_client, habit, MONDAY)
    DayRecord.objects.create(habit=habit, day=MONDAY, status="done")  # another device, meanwhile
    edit(logged_in_client, habit, MONDAY, status="none", note="Written on the bus.", **opened)
    assert (record(habit, MONDAY).status, record(habit, MONDAY).note) == ("done", "Written on the bus.")


def test_a_note_saved_from_an_editor_opened_earlier_keeps_a_number_typed_meanwhile(logged_in_client, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=MONDAY, status="partial", value=6)
    opened = shown(logged_in_client, measurable_habit, MONDAY)
    DayRecord.objects.filter(habit=measurable_habit, day=MONDAY).update(value=8, status="done")  # another device
    edit(logged_in_client, measurable_habit, MONDAY, value="6", note="Woke once.", **opened)
    stored = record(measurable_habit, MONDAY)
    assert (stored.status, stored.value, stored.note) == ("done", 8, "Woke once.")


def test_a_rest_day_and_a_number_are_saved_together_in_one_write(logged_in_client, measurable_habit, django_assert_num_queries):
    opened = shown(logged_in_client, measurable_habit, MONDAY)
    # session, user, habit and its pauses; ONE write; the week's answer (habits, pauses, records)
    with django_assert_num_queries(8):
        edit(logged_in_client, measurable_habit, MONDAY, value="4", rest="on", note="Ill.", headers=HTMX, **opened)
    stored = record(measurable_habit, MONDAY)
    assert (stored.status, stored.value, stored.note) == ("skipped", 4, "Ill.")


def test_a_plain_save_goes_back_to_the_week_without_building_it(logged_in_client, habit, django_assert_num_queries):
    with django_assert_num_queries(5):  # session, user, habit and its pauses; ONE write
        response = edit(logged_in_client, habit, MONDAY, status="done", note="Done early.")
    assert response.status_code == 302 and (record(habit, MONDAY).status, record(habit, MONDAY).note) == ("done", "Done early.")


def test_a_refused_tap_without_javascript_shows_the_whole_week_with_its_mood_row(logged_in_client, measurable_habit):
    response = logged_in_client.post(reverse("week_cell", args=[measurable_habit.pk, MONDAY]), {"status": "done"})
    assert response.status_code == 400 and 'id="week-moods"' in response.content.decode()
