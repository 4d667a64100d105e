from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from routines.days import local_day, time_zone_choices, user_today
from routines.models import User

UTC = ZoneInfo("UTC")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_utc_user_changes_day_at_midnight():
    assert local_day(at(2026, 11, 26, 23, 59), "UTC", 0) == date(2026, 11, 26)
    assert local_day(at(2026, 11, 27, 0, 0), "UTC", 0) == date(2026, 11, 27)


def test_tokyo_is_already_tomorrow_in_the_utc_afternoon():
    assert local_day(at(2026, 11, 26, 16, 0), "Asia/Tokyo", 0) == date(2026, 11, 27)


def test_los_angeles_is_still_yesterday_in_the_utc_early_morning():
    assert local_day(at(2026, 11, 26, 5, 0), "America/Los_Angeles", 0) == date(2026, 11, 25)


def test_kiritimati_and_pago_pago_are_a_whole_day_apart_at_the_same_moment():
    moment = at(2026, 11, 26, 12, 0)
    assert local_day(moment, "Pacific/Kiritimati", 0) == date(2026, 11, 27)
    assert local_day(moment, "Pacific/Pago_Pago", 0) == date(2026, 11, 26)


def test_day_start_hour_counts_late_night_for_the_day_before():
    # 00:30 UTC in November is 01:30 in Berlin.
    assert local_day(at(2026, 11, 27, 0, 30), "Europe/Berlin", 3) == date(2026, 11, 26)
    assert local_day(at(2026, 11, 27, 0, 30), "Europe/Berlin", 0) == date(2026, 11, 27)


def test_day_start_hour_begins_the_new_day_exactly_at_that_hour():
    assert local_day(at(2026, 11, 27, 1, 59), "Europe/Berlin", 3) == date(2026, 11, 26)  # 02:59 local
    assert local_day(at(2026, 11, 27, 2, 0), "Europe/Berlin", 3) == date(2026, 11, 27)  # 03:00 local


def test_spring_forward_keeps_the_local_day_start_hour():
    # New York moves from 02:00 EST to 03:00 EDT on 8 March 2026.
    assert local_day(at(2026, 3, 8, 6, 30), "America/New_York", 3) == date(2026, 3, 7)  # 01:30 EST
    assert local_day(at(2026, 3, 8, 6, 59), "America/New_York", 3) == date(2026, 3, 7)  # 01:59 EST
    assert local_day(at(2026, 3, 8, 7, 0), "America/New_York", 3) == date(2026, 3, 8)  # 03:00 EDT


def test_fall_back_hour_that_happens_twice_belongs_to_the_day_before():
    # New York repeats 01:00-02:00 on 1 November 2026.
    assert local_day(at(2026, 11, 1, 5, 30), "America/New_York", 3) == date(2026, 10, 31)  # first 01:30 (EDT)
    assert local_day(at(2026, 11, 1, 6, 30), "America/New_York", 3) == date(2026, 10, 31)  # second 01:30 (EST)
    assert local_day(at(2026, 11, 1, 7, 59), "America/New_York", 3) == date(2026, 10, 31)  # 02:59 EST
    assert local_day(at(2026, 11, 1, 8, 0), "America/New_York", 3) == date(2026, 11, 1)  # 03:00 EST


def test_unknown_time_zone_falls_back_to_utc():
    assert local_day(at(2026, 11, 26, 23, 0), "Mars/Olympus_Mons", 0) == date(2026, 11, 26)


def test_user_today_uses_the_users_settings_and_the_current_time():
    person = User(username="kai", time_zone="Asia/Tokyo", day_start_hour=0)
    with time_machine.travel(at(2026, 11, 26, 15, 30), tick=False):
        assert user_today(person) == date(2026, 11, 27)
    person.day_start_hour = 3
    with time_machine.travel(at(2026, 11, 26, 16, 30), tick=False):  # 01:30 in Tokyo
        assert user_today(person) == date(2026, 11, 26)


def test_time_zone_choices_list_real_places_only():
    names = dict(time_zone_choices())
    assert "Europe/Berlin" in names and "America/Los_Angeles" in names and "UTC" in names
    assert names["America/Los_Angeles"] == "America/Los Angeles"
    assert "posixrules" not in names and "Factory" not in names
