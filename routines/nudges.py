"""Gentle nudges: which habits to mention now, and in what words.

A nudge appears once a habit's reminder time has passed on a day it is due,
while it is neither done nor resting, not snoozed and not set aside for the
day, outside quiet hours and unless all reminders are paused. A reminder time
that passed before the habit existed never nudges (no "it's time" about 07:30
to someone who added the habit at 10:00).
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .agenda import Agenda, HabitDay
from .days import zone
from .models import DayRecord, Habit, NudgeState, User
from .records import set_status

MAX_CARDS = 3
SNOOZE = timedelta(minutes=30)


@dataclass
class Nudge:
    habit: Habit
    due_at: datetime  # the first reminder that has passed, in the person's time zone
    text: str


@dataclass
class NudgeList:
    shown: list[Nudge]
    more: int

    @property
    def fingerprint(self) -> str:
        """Names what is on screen, so an unchanged poll can be answered with 204."""
        if not self.shown:
            return "none"
        key = "|".join(f"{n.habit.pk}:{n.habit.name}:{n.habit.emoji}:{n.text}" for n in self.shown) + f"|+{self.more}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def parse_time(text: str) -> time:
    return time.fromisoformat(text)


def reminder_moment(day: date, at: time, user: User) -> datetime:
    """When a reminder time falls within the person's `day`.

    A day runs from its start hour to the same hour the next morning, so with
    the day starting at 03:00 a 01:00 reminder belongs to the night after.
    """
    calendar_day = day + timedelta(days=1) if at.hour < user.day_start_hour else day
    return datetime.combine(calendar_day, at, tzinfo=zone(user.time_zone))


def in_quiet_hours(user: User, local: datetime) -> bool:
    start, end = user.quiet_start, user.quiet_end
    if start is None or end is None or start == end:
        return False
    now = local.timetz().replace(tzinfo=None)
    return start <= now < end if start < end else now >= start or now < end


def silenced(user: User, now: datetime) -> bool:
    """Whether no nudge can show now, whatever the habits: all paused, or quiet hours."""
    return user.reminders_paused or in_quiet_hours(user, now.astimezone(zone(user.time_zone)))


def due_nudges(
    user: User, now: datetime, day: date, rows: list[HabitDay], states: dict[int, NudgeState], limit: int | None = MAX_CARDS
) -> NudgeList:
    """The nudges to show at `now`, earliest due first, at most `limit` (and how many more).

    `rows` are the habits due on the person's `day` with that day's records
    (routines.agenda); `states` the day's snoozes and "not today"s by habit id.
    """
    if silenced(user, now):
        return NudgeList([], 0)
    local = now.astimezone(zone(user.time_zone))
    nudges = []
    for row in rows:
        if not row.open or not row.habit.reminders:
            continue
        state = states.get(row.habit.pk)
        if state and (state.dismissed or (state.snoozed_until and state.snoozed_until > now)):
            continue
        moments = (reminder_moment(day, parse_time(t), user) for t in row.habit.reminders)
        passed = [m for m in moments if row.habit.created <= m <= local]
        if passed:
            nudges.append(Nudge(row.habit, min(passed), kind_words(row.habit, day)))
    nudges.sort(key=lambda nudge: (nudge.due_at, nudge.habit.position, nudge.habit.pk))
    shown = nudges if limit is None else nudges[:limit]
    return NudgeList(shown, len(nudges) - len(shown))


def mark_done(habit: Habit, day: date, agenda: Agenda) -> None:
    """Done from a nudge (in the app or a notification): only for a habit on the day's list and
    still open, not one archived, paused or resting since. `agenda` then shows it done."""
    row = next((row for row in agenda.due if row.habit.pk == habit.pk and row.open), None)
    if row:
        set_status(habit, day, DayRecord.Status.DONE)
        agenda.stored(habit, DayRecord.Status.DONE)


# Calm, varied words by what the habit is about; never urgency, never guilt.
WORDS = (
    (("meditat", "mindful", "breath"), (
        "When you're ready, ten quiet minutes are waiting for you.",
        "A few slow breaths could be a gentle place to start.",
        "Some stillness is here for you whenever it suits.",
    )),
    (("sleep", "bed"), (
        "How did you sleep? Jot it down whenever you like.",
        "A note about last night's sleep, when you have a moment.",
    )),
    (("stretch",), (
        "A gentle stretch might feel good right now.",
        "Your body might enjoy a slow stretch, whenever you're ready.",
    )),
    (("gratitude", "grateful", "prayer", "affirmation"), (
        "Is there one small thing you're glad about today?",
        "A kind word to yourself is always welcome.",
    )),
    (("breakfast", "eat", "meal", "lunch", "dinner"), (
        "Something nourishing is a lovely way to look after yourself.",
        "A bite of something good, whenever you're ready.",
    )),
    (("music", "song", "listen"), (
        "A song you love could keep you company for a while.",
        "Some uplifting music, if you feel like it.",
    )),
    (("shower", "bath"), (
        "A warm shower or bath could be a kind way to unwind.",
        "Some warm water and a few slow minutes, when it suits you.",
    )),
    (("read", "book"), (
        "A few pages of your book are there whenever you'd like them.",
        "Your book is waiting, no hurry.",
    )),
    (("journal", "write"), (
        "Your journal is here if you'd like to write a line or two.",
        "A few words about today, if you feel like it.",
    )),
    (("walk", "move", "run", "exercise", "yoga"), (
        "A little movement could feel good, at your own pace.",
        "A short walk might be nice, whenever it suits you.",
    )),
    (("water", "drink"), (
        "A glass of water, whenever it suits you.",
    )),
)


def kind_words(habit: Habit, day: date) -> str:
    """A gentle line for the habit, varied from day to day but steady within a day."""
    name = habit.name.casefold()
    for keys, lines in WORDS:
        if any(re.search(rf"\b{key}", name) for key in keys):
            return lines[(day.toordinal() + habit.pk) % len(lines)]
    return f"“{habit.name}” is here whenever you're ready. No rush."
