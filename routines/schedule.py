"""When a habit is due: schedule kinds, start dates, pauses and weeks.

Every function here is plain: it takes habits (with their pauses prefetched
where it matters), dates and numbers, and asks the database nothing.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from .models import Habit, Pause

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_mask(weekdays: Iterable[int]) -> int:
    """Weekday numbers (Monday 0 ... Sunday 6) as the bits the Habit model stores."""
    mask = 0
    for weekday in weekdays:
        mask |= 1 << int(weekday)
    return mask


def weekdays_in(mask: int) -> list[int]:
    return [weekday for weekday in range(7) if mask & (1 << weekday)]


def week_start_for(day: date, week_start: int) -> date:
    """The first day of the week that holds `day`, for a week starting on `week_start` (0 Monday, 6 Sunday)."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def current_pause(habit: Habit, day: date) -> Pause | None:
    """The pause covering `day`, if the habit is resting then."""
    return next((pause for pause in habit.pauses.all() if pause.covers(day)), None)


def is_paused(habit: Habit, day: date) -> bool:
    return current_pause(habit, day) is not None


def is_scheduled(habit: Habit, day: date) -> bool:
    """Whether `day` is one of the habit's days at all.

    Before the start date and while paused, no day is. For an N-times-a-week
    habit every day of the week is a possible day; `is_due` adds the week's count.
    """
    return follows_schedule(habit, day) and not is_paused(habit, day)


def day_plans(habit: Habit, days: Iterable[date]) -> dict[date, tuple[bool, bool]]:
    """(scheduled, paused) for many days at once, reading the habit's pauses once."""
    pauses = list(habit.pauses.all())
    plans = {}
    for day in days:
        paused = any(pause.covers(day) for pause in pauses)
        plans[day] = (not paused and follows_schedule(habit, day), paused)
    return plans


def follows_schedule(habit: Habit, day: date) -> bool:
    """The schedule and start date alone, pauses aside."""
    if day < habit.start_date:
        return False
    if habit.schedule == Habit.Schedule.WEEKDAYS:
        return bool(habit.weekdays & (1 << day.weekday()))
    if habit.schedule == Habit.Schedule.EVERY_N_DAYS:
        return (day - habit.start_date).days % habit.interval_days == 0
    return True


def is_due(habit: Habit, day: date, done_this_week: int = 0, done_today: bool = False) -> bool:
    """Whether the habit belongs on the day's list.

    An N-times-a-week habit stays on the list until the week's target is met
    (counting the days done so far this week), and on the day that met it.
    """
    if habit.archived or not is_scheduled(habit, day):
        return False
    if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
        return done_today or done_this_week < habit.times_per_week
    return True


def schedule_in_words(habit: Habit, week_start: int = 0) -> str:
    """ "Every day", "Mon, Wed, Fri", "3 times a week", "Every 2 days"; weekdays listed from the week's start."""
    if habit.schedule == Habit.Schedule.WEEKDAYS:
        chosen = set(weekdays_in(habit.weekdays))
        if len(chosen) == 7:
            return "Every day"
        order = [(week_start + offset) % 7 for offset in range(7)]
        return ", ".join(WEEKDAY_NAMES[d] for d in order if d in chosen)
    if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
        count = habit.times_per_week
        return "Once a week" if count == 1 else f"{count} times a week"
    if habit.schedule == Habit.Schedule.EVERY_N_DAYS:
        return f"Every {habit.interval_days} days"
    return "Every day"

