"""Pieces the parsers of other apps' files share: names, notes, numbers and the nearest schedule.

Other apps allow what Selfcare doesn't (longer names, "3 times in 30 days"); these
helpers read such things into what Selfcare keeps, and say in words what changed.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from ..forms.days import value_limit
from ..models import DayRecord, Habit
from .plan import ImportedHabit, ImportPlan, UnreadableFile

NAME_LIMIT = Habit._meta.get_field("name").max_length
UNIT_LIMIT = Habit._meta.get_field("unit").max_length
WHY_LIMIT = Habit._meta.get_field("why").max_length
NOTE_LIMIT = DayRecord._meta.get_field("note").max_length
TARGET_LIMIT = Decimal("999999.99")  # Habit.target: 8 digits, 2 after the point
CENT = Decimal("0.01")
# The longest gap an every-few-days habit has (the Habit model's constraint).
LONGEST_INTERVAL = 30


def habit_name(raw: object, plan: ImportPlan, source: str) -> str:
    """A habit's name with its whitespace folded (as the habit form does); a name too long is
    shortened, and the preview says so: a label can be renamed, refusing the file helps no one."""
    name = " ".join(str(raw or "").split())
    if not name:
        raise UnreadableFile(f"A habit in this {source} file has no name.")
    if len(name) > NAME_LIMIT:
        short = name[:NAME_LIMIT].rstrip()
        plan.notes.append(f"“{name}” was shortened to {NAME_LIMIT} characters: “{short}”.")
        return short
    return name


def short_text(raw: object, limit: int, what: str, habit: str, plan: ImportPlan) -> str:
    """A unit or a "why" with its whitespace folded, shortened (and said) past Selfcare's limit."""
    text = " ".join(str(raw or "").split())
    if len(text) > limit:
        text = text[:limit].rstrip()
        plan.notes.append(f"The {what} of “{habit}” was shortened to {limit} characters.")
    return text


def day_note(raw: object, habit: str, day: date, source: str) -> str:
    """A day's note exactly as written (newlines kept). One longer than Selfcare keeps refuses
    the file: cutting someone's own words silently would lose them."""
    note = str(raw or "").strip()
    if len(note) > NOTE_LIMIT:
        raise UnreadableFile(
            f"The note for “{habit}” on {day:%-d %B %Y} is {len(note)} characters long; Selfcare keeps notes "
            f"up to {NOTE_LIMIT}. Please shorten it in {source} and export again."
        )
    return note


def day_value(number: Decimal, habit: ImportedHabit, day: date) -> Decimal:
    """A day's amount at Selfcare's precision (hundredths), refused past what a day can hold."""
    limit = value_limit(habit.unit)
    if number < 0 or number > limit:
        unit = f" {habit.unit}" if habit.unit else ""
        raise UnreadableFile(
            f"“{habit.name}” has {number.normalize():f}{unit} on {day:%-d %B %Y}; Selfcare takes "
            f"0 to {limit}{unit} a day, so this file was not imported."
        )
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def target_value(number: Decimal, habit: ImportedHabit, plan: ImportPlan) -> Decimal:
    """A target Selfcare can hold: above 0, two decimals, no more than a day can hold."""
    limit = min(Decimal(value_limit(habit.unit)), TARGET_LIMIT)
    target = number.quantize(CENT, rounding=ROUND_HALF_UP)
    if target <= 0:
        plan.notes.append(f"“{habit.name}” had a target of 0; it is 0.01 here, the smallest Selfcare keeps.")
        return CENT
    if target > limit:
        plan.notes.append(f"“{habit.name}” had a target of {number.normalize():f}; it is {limit} here, the most a day holds.")
        return limit
    return target


def times_in_words(times: int) -> str:
    return {1: "once", 2: "twice"}.get(times, f"{times} times")


def schedule_in_words(habit: ImportedHabit) -> str:
    if habit.schedule == Habit.Schedule.TIMES_PER_WEEK:
        return f"{times_in_words(habit.times_per_week)} a week"
    if habit.schedule == Habit.Schedule.EVERY_N_DAYS:
        return f"every {habit.interval_days} days"
    return "every day"


def set_nearest_schedule(habit: ImportedHabit, times: int, days: int, said: str, approximate: bool = False) -> None:
    """Sets the Selfcare schedule nearest to "`times` in `days` days".

    Exact forms first: as often as every day is daily, N in 7 days is N times a week,
    once in 2..30 days is every N days. Anything else goes by its weekly rate, rounded:
    7 or more is every day, 1 to 6 is that many times a week; under half a time a week
    is every N days (days / times, rounded, at most 30). The preview hears of every
    approximation through schedule_note, `said` being the source's words ("Loop: 3 times in 30 days");
    `approximate` when `days` already is (a month read as 30 days).
    """
    if times <= 0 or days <= 0:
        raise UnreadableFile(f"“{habit.name}” has a frequency that can't be read ({times} in {days} days).")
    exact = not approximate
    if times >= days:
        exact = exact and times == days
        habit.schedule = Habit.Schedule.DAILY
    elif days == 7:
        habit.schedule, habit.times_per_week = Habit.Schedule.TIMES_PER_WEEK, times
    elif times == 1 and days <= LONGEST_INTERVAL:
        habit.schedule, habit.interval_days = Habit.Schedule.EVERY_N_DAYS, days
    else:
        exact = False
        weekly = floor(Fraction(7 * times, days) + Fraction(1, 2))
        if weekly >= 7:
            habit.schedule = Habit.Schedule.DAILY
        elif weekly >= 1:
            habit.schedule, habit.times_per_week = Habit.Schedule.TIMES_PER_WEEK, weekly
        else:
            interval = floor(Fraction(days, times) + Fraction(1, 2))
            habit.schedule, habit.interval_days = Habit.Schedule.EVERY_N_DAYS, min(interval, LONGEST_INTERVAL)
    if not exact:
        habit.schedule_note = f"{said} → {schedule_in_words(habit)}"
