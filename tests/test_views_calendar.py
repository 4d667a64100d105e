from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from routines.models import DayRecord, Habit, Pause
from routines.schedule import weekday_mask

START = date(2026, 11, 2)  # a Monday


pytestmark = pytest.mark.usefixtures("on_thursday")


@pytest.fixture
def feed_user(user):
    user.calendar_token = "a-long-unguessable-token-for-tests-only-1234"
    user.save()
    return user


def add(user, name, reminders=("07:30",), position=0, **fields) -> Habit:
    return Habit.objects.create(owner=user, name=name, reminders=list(reminders), position=position, start_date=START, **fields)


def fetch(user, **params) -> bytes:
    response = Client().get(reverse("calendar_feed", args=[user.calendar_token]), params)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def events(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_each_reminder_is_a_recurring_event_with_an_alarm_at_its_time(feed_user):
    add(feed_user, "Stretch", ["07:30", "18:00"], why="Loosens my back.")
    calendar = Calendar.from_ical(fetch(feed_user))
    found = calendar.walk("VEVENT")
    assert len(found) == 2
    morning = next(e for e in found if e.decoded("dtstart").hour == 7)
    assert str(morning["summary"]) == "Stretch" and "Loosens my back." in str(morning["description"])
    assert morning["dtstart"].params["TZID"] == "Europe/Berlin"
    assert morning.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 11, 2, 7, 30)
    alarm = morning.walk("VALARM")[0]
    assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger") == timedelta(0)
    assert morning["rrule"].to_ical() == b"FREQ=DAILY"


def test_rrules_for_every_schedule_kind(feed_user):
    add(feed_user, "Daily")
    add(feed_user, "Swim", position=1, schedule="weekdays", weekdays=weekday_mask([0, 2, 4]))
    add(feed_user, "Plants", position=2, schedule="every_n", interval_days=3)
    add(feed_user, "Run", position=3, schedule="per_week", times_per_week=3)
    found = events(fetch(feed_user))
    assert found["Daily"]["rrule"].to_ical() == b"FREQ=DAILY"
    assert found["Swim"]["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert found["Plants"]["rrule"].to_ical() == b"FREQ=DAILY;INTERVAL=3"
    assert found["Run"]["rrule"].to_ical() == b"FREQ=DAILY"
    assert "3 times a week" in str(found["Run"]["description"])


def test_a_weekday_rule_starts_on_its_first_day_and_every_n_counts_from_the_start(feed_user):
    add(feed_user, "Swim", schedule="weekdays", weekdays=weekday_mask([3]))  # Thursdays, from Monday 2 November
    add(feed_user, "Plants", position=1, schedule="every_n", interval_days=3)
    found = events(fetch(feed_user))
    assert found["Swim"].decoded("dtstart").date() == date(2026, 11, 5)
    assert found["Plants"].decoded("dtstart").date() == START


def test_a_small_hours_reminder_with_a_late_day_start_rings_the_night_after(feed_user):
    feed_user.day_start_hour = 3
    feed_user.save()
    add(feed_user, "Journal", ["01:00"], schedule="weekdays", weekdays=weekday_mask([0]))  # Monday's day
    event = events(fetch(feed_user))["Journal"]
    assert event["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert event.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 11, 3, 1, 0)


def test_the_feed_always_has_its_time_zone_and_passes_validation(feed_user):
    for body in (fetch(feed_user), (add(feed_user, "Stretch") and fetch(feed_user))):
        calendar = Calendar.from_ical(body)
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
        calendar.validate()
        assert all(not component.errors for component in calendar.walk())


def test_a_daylight_saving_change_keeps_the_local_reminder_time(feed_user):
    feed_user.time_zone = "America/New_York"
    feed_user.save()
    add(feed_user, "Stretch", ["07:30"])
    calendar = Calendar.from_ical(fetch(feed_user))
    assert {c.name for c in calendar.walk("VTIMEZONE")[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start.tzinfo is not None
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    around_the_change = [d for d in rule.between(datetime(2027, 3, 12, tzinfo=ZoneInfo("UTC")), datetime(2027, 3, 17, tzinfo=ZoneInfo("UTC")))]
    assert {(d.hour, d.minute) for d in around_the_change} == {(7, 30)}
    assert {d.utcoffset() for d in around_the_change} == {timedelta(hours=-5), timedelta(hours=-4)}


def test_uids_are_stable_and_an_unchanged_routine_gives_identical_bytes(feed_user, time_machine):
    add(feed_user, "Stretch", ["07:30"])
    first = fetch(feed_user)
    time_machine.move_to(datetime(2026, 12, 24, 10, 0, tzinfo=timezone.utc), tick=False)
    assert fetch(feed_user) == first
    habit = Habit.objects.get(name="Stretch")
    assert [str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")] == [f"habit-{habit.pk}-reminder-0730@selfcare"]


def test_a_changed_habit_gets_a_new_dtstamp_and_keeps_its_uid(feed_user, time_machine):
    habit = add(feed_user, "Stretch", ["07:30"])
    before = Calendar.from_ical(fetch(feed_user)).walk("VEVENT")[0]
    time_machine.move_to(datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc), tick=False)
    habit.name = "Long stretch"
    habit.save()
    after = Calendar.from_ical(fetch(feed_user)).walk("VEVENT")[0]
    assert after["uid"] == before["uid"] and after.decoded("dtstamp") > before.decoded("dtstamp")


def test_archived_and_paused_habits_are_left_out(feed_user):
    add(feed_user, "Kept")
    add(feed_user, "Archived", position=1, archived=True)
    paused = add(feed_user, "Paused", position=2)
    Pause.objects.create(habit=paused, start=date(2026, 11, 20), until=date(2026, 12, 5))
    add(feed_user, "No reminders", [], position=3)
    assert set(events(fetch(feed_user))) == {"Kept"}


def test_paused_reminders_mean_no_events(feed_user):
    add(feed_user, "Stretch")
    feed_user.reminders_paused = True
    feed_user.save()
    calendar = Calendar.from_ical(fetch(feed_user))
    assert calendar.walk("VEVENT") == [] and len(calendar.walk("VTIMEZONE")) == 1


def test_notes_and_records_never_appear(feed_user):
    habit = add(feed_user, "Stretch")
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 20), status="done", note="A very private thought.")
    event = Calendar.from_ical(fetch(feed_user)).walk("VEVENT")[0]
    assert "private thought" not in event.to_ical().decode()
    texts = {str(event[key]) for key in ("summary", "description")}
    assert texts == {"Stretch", "From Selfcare."}


def test_the_download_holds_the_same_events_as_an_attachment(feed_user):
    add(feed_user, "Stretch")
    response = Client().get(reverse("calendar_feed", args=[feed_user.calendar_token]), {"download": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="selfcare-reminders.ics"'
    assert response.content == fetch(feed_user)


def test_a_wrong_token_is_404(feed_user):
    assert Client().get(reverse("calendar_feed", args=["not-the-token"])).status_code == 404
    assert Client().get("/calendar/.ics").status_code == 404


def test_no_token_until_asked_for(logged_in_client, user):
    body = logged_in_client.get(reverse("settings")).content.decode()
    assert "Create my private calendar link" in body and ".ics" not in body


def test_creating_and_resetting_the_link(logged_in_client, user):
    response = logged_in_client.post(reverse("calendar_link"))
    assert response.status_code == 302 and response.url == "/settings/#calendar"
    user.refresh_from_db()
    old = user.calendar_token
    assert old and len(old) >= 40
    body = logged_in_client.get(reverse("settings")).content.decode()
    assert f'value="http://testserver/calendar/{old}.ics"' in body
    assert f'href="webcal://testserver/calendar/{old}.ics"' in body and ">Download .ics</a>" in body
    assert "ICSx⁵" in body and "Google Calendar" in body and "reached from your phone" in body
    logged_in_client.post(reverse("calendar_link"))
    user.refresh_from_db()
    assert user.calendar_token != old
    assert Client().get(reverse("calendar_feed", args=[old])).status_code == 404
    assert Client().get(reverse("calendar_feed", args=[user.calendar_token])).status_code == 200


def test_the_link_needs_login_post_and_csrf(client, user):
    assert client.post(reverse("calendar_link")).status_code == 302
    client.force_login(user)
    assert client.get(reverse("calendar_link")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    strict.post(reverse("calendar_link"))
    user.refresh_from_db()
    assert user.calendar_token is None


def test_the_feed_query_count_is_fixed(feed_user, django_assert_max_num_queries):
    for i in range(20):
        add(feed_user, f"Habit {i}", ["07:00", "12:00", "21:00"], position=i)
    with django_assert_max_num_queries(3):  # user by token, habits, pauses
        fetch(feed_user)


def test_changing_the_time_zone_or_day_start_moves_the_dtstamp(feed_user, logged_in_client, time_machine):
    add(feed_user, "Journal", ["01:00"])
    before = Calendar.from_ical(fetch(feed_user)).walk("VEVENT")[0]
    time_machine.move_to(datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc), tick=False)
    logged_in_client.post(
        reverse("settings"), {"time_zone": "America/New_York", "day_start_hour": "3", "week_start": "0", "email": ""}
    )
    feed_user.refresh_from_db()
    after = Calendar.from_ical(fetch(feed_user)).walk("VEVENT")[0]
    assert after["dtstart"].params["TZID"] == "America/New_York"
    assert after.decoded("dtstamp") == after.decoded("last-modified") == datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)
    assert after.decoded("dtstamp") > before.decoded("dtstamp")


def test_saving_unrelated_settings_keeps_the_feed_identical(feed_user, logged_in_client, time_machine):
    add(feed_user, "Stretch")
    first = fetch(feed_user)
    time_machine.move_to(datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc), tick=False)
    logged_in_client.post(
        reverse("settings"), {"time_zone": "Europe/Berlin", "day_start_hour": "0", "week_start": "6", "email": "a@b.example"}
    )
    assert fetch(feed_user) == first


def test_a_pause_ahead_leaves_its_reminders_out_of_the_calendar(feed_user):
    habit = add(feed_user, "Swim", ["07:30"], schedule="weekdays", weekdays=weekday_mask([0, 2]))  # Mon, Wed
    Pause.objects.create(habit=habit, start=date(2026, 12, 1), until=date(2026, 12, 8))
    event = Calendar.from_ical(fetch(feed_user)).walk("VEVENT")[0]
    skipped = [d.dt.replace(tzinfo=None) for d in event.get("exdate").dts]
    assert skipped == [datetime(2026, 12, 2, 7, 30), datetime(2026, 12, 7, 7, 30)]
    assert event["exdate"].params["TZID"] == "Europe/Berlin"
