"""The private calendar feed: each habit's reminders as recurring events with alarms.

A calendar app that subscribes gets the reminders onto the phone with no app
store and no push service. Only habits' names, reminder times and "why" are
in it: never records or notes.
"""

from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, Timezone, vRecur

from .models import Habit, User
from .nudges import parse_time
from .schedule import current_pause, follows_schedule, weekdays_in

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVENT_LENGTH = timedelta(minutes=5)
TZ_FROM, TZ_UNTIL = date(2000, 1, 1), date(2100, 1, 1)


def reminder_calendar(user: User, habits: list[Habit], today: date) -> Calendar:
    """The calendar for `user`: archived and paused habits are left out, and all of
    them while reminders are paused. It always carries the user's VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", "-//Selfcare//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Selfcare reminders")
    calendar.add("x-wr-timezone", user.time_zone)
    # A fixed span (not "now"-based), so an unchanged routine gives the same bytes.
    calendar.add_component(Timezone.from_tzid(user.time_zone, first_date=TZ_FROM, last_date=TZ_UNTIL))
    if user.reminders_paused:
        return calendar
    for habit in habits:
        if habit.archived or current_pause(habit, today):
            continue
        for at in habit.reminders:
            calendar.add_component(reminder_event(user, habit, parse_time(at), today))
    return calendar


def reminder_event(user: User, habit: Habit, at: time, today: date) -> Event:
    # A reminder before the day's start hour belongs to the night after that day.
    shift = 1 if at.hour < user.day_start_hour else 0
    rule, first = recurrence(habit, shift)
    event = Event()
    event.add("uid", f"habit-{habit.pk}-reminder-{at:%H%M}@selfcare")
    event.add("summary", habit.name)
    event.add("description", description(habit))
    # The last change to anything the event shows: unchanged routine, unchanged feed.
    changed = max(filter(None, (habit.updated, user.reminders_changed)))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    start = datetime.combine(first, at)
    event.add("dtstart", start, parameters={"TZID": user.time_zone})
    event.add("dtend", start + EVENT_LENGTH, parameters={"TZID": user.time_zone})
    event.add("rrule", rule)
    skipped = paused_occurrences(habit, at, shift, today)
    if skipped:
        event.add("exdate", skipped, parameters={"TZID": user.time_zone})
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", habit.name)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def paused_occurrences(habit: Habit, at: time, shift: int, today: date) -> list[datetime]:
    """Reminders that fall in pauses still ahead, so the calendar leaves them out too."""
    days = []
    for pause in habit.pauses.all():
        day = max(pause.start, today)
        while day < pause.until:
            if follows_schedule(habit, day):
                days.append(datetime.combine(day + timedelta(days=shift), at))
            day += timedelta(days=1)
    return sorted(days)


def recurrence(habit: Habit, shift: int) -> tuple[vRecur, date]:
    """The rule and its first day, from the start date (every N days counts from it)."""
    start = habit.start_date + timedelta(days=shift)
    if habit.schedule == Habit.Schedule.WEEKDAYS:
        days = [(weekday + shift) % 7 for weekday in weekdays_in(habit.weekdays)]
        first = next(start + timedelta(days=i) for i in range(7) if (start + timedelta(days=i)).weekday() in days)
        return vRecur(freq="WEEKLY", byday=[ICAL_DAYS[d] for d in sorted(days)]), first
    if habit.schedule == Habit.Schedule.EVERY_N_DAYS:
        return vRecur(freq="DAILY", interval=habit.interval_days), start
    return vRecur(freq="DAILY"), start


def description(habit: Habit) -> str:
    lines = [habit.why] if habit.why else []
    if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
        count = "once" if habit.times_per_week == 1 else f"{habit.times_per_week} times"
        lines.append(f"You plan this {count} a week, so the reminder comes every day; any day will do.")
    lines.append("From Selfcare.")
    return "\n".join(lines)
