"""The user's day: which calendar date "today" is for them.

Everything that asks "what day is it?" goes through `user_today`, so the
time zone, the day-start hour and daylight saving are handled in one place.
"""

from functools import cache
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.utils import timezone


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_day(moment: datetime, time_zone: str, day_start_hour: int) -> date:
    """The day a moment belongs to for someone whose day starts at `day_start_hour`.

    The shift is done on the local wall clock, so with a start hour of 3,
    01:30 belongs to the day before on every date, daylight saving or not.
    """
    local = moment.astimezone(zone(time_zone)).replace(tzinfo=None)
    return (local - timedelta(hours=day_start_hour)).date()


def user_today(user, now: datetime | None = None) -> date:
    return local_day(now or timezone.now(), user.time_zone, user.day_start_hour)


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    # Region/City names only: the list people recognise, without aliases
    # such as "posixrules" or "Factory" that some systems ship.
    names = sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/")))
    return [("UTC", "UTC"), *((n, n.replace("_", " ")) for n in names)]
