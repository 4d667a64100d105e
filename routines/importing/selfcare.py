"""Reading Selfcare's own selfcare.json (routines/exporting.py writes it) into an ImportPlan.

Every value is checked here, with the same limits as the forms, so the write that follows
never meets a surprise: a file edited by hand gets a message naming what is wrong.
"""

from datetime import date, time
from decimal import Decimal, InvalidOperation

from ..days import time_zone_choices
from ..exporting import SCHEMA_VERSION
from ..journal import FEELINGS_PER_ENTRY, TEXT_LIMIT
from ..models import DayRecord, Habit, Mood, SupportItem, User
from .plan import ImportedDay, ImportedEntry, ImportedHabit, ImportPlan, UnreadableFile

SOURCE = "Selfcare"


def looks_like_selfcare(document: object) -> bool:
    return isinstance(document, dict) and document.get("format") == "selfcare"


class _Reader:
    """Typed access to one JSON object, naming where a bad value was found."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise UnreadableFile(f"The file is not a Selfcare export Selfcare can read: {where} is not as expected.")
        self.value = value
        self.where = where

    def fail(self, key: str) -> UnreadableFile:
        return UnreadableFile(f"The file is not a Selfcare export Selfcare can read: {self.where}, “{key}” is not as expected.")

    def get(self, key: str, kind: type | tuple[type, ...], default: object = ..., optional: bool = False):
        if key not in self.value:
            if default is ...:
                raise self.fail(key)
            return default
        value = self.value[key]
        if value is None and optional:
            return None
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise self.fail(key)
        return value

    def text(self, key: str, limit: int, default: str | object = "") -> str:
        value = self.get(key, str, default)
        if len(value) > limit:
            raise self.fail(key)
        return value

    def choice(self, key: str, choices, default: object = ...) -> str:
        value = self.get(key, str, default)
        if value not in choices.values:
            raise self.fail(key)
        return value

    def number(self, key: str, low: int, high: int, optional: bool = False, default: object = ...) -> int | None:
        value = self.get(key, int, default, optional=optional)
        if value is not None and not low <= value <= high:
            raise self.fail(key)
        return value

    def day(self, key: str, optional: bool = False) -> date | None:
        value = self.get(key, str, None if optional else ..., optional=optional)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(key) from None

    def decimal(self, key: str, optional: bool = True) -> Decimal | None:
        value = self.get(key, (str, int, float), None, optional=optional)
        if value is None:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(key) from None
        if not number.is_finite() or abs(number) >= 1_000_000 or number != number.quantize(Decimal("0.01")):
            raise self.fail(key)
        return number

    def list(self, key: str) -> list:
        return self.get(key, list, [])

    def hour(self, key: str) -> str | None:
        value = self.get(key, str, None, optional=True)
        if value is None:
            return None
        try:
            return time.fromisoformat(value).strftime("%H:%M")
        except ValueError:
            raise self.fail(key) from None


def _habit(value: object, index: int) -> ImportedHabit:
    r = _Reader(value, f"habit {index + 1}")
    name = r.text("name", 80, ...)
    if not name.strip():
        raise r.fail("name")
    habit = ImportedHabit(
        name=name,
        kind=r.choice("kind", Habit.Kind, "check"),
        unit=r.text("unit", 20),
        target=r.decimal("target"),
        direction=r.choice("direction", Habit.Direction, "at_least"),
        schedule=r.choice("schedule", Habit.Schedule, "daily"),
        weekdays=r.number("weekdays", 0, 127, default=0),
        times_per_week=r.number("times_per_week", 1, 6, optional=True, default=None),
        interval_days=r.number("interval_days", 2, 30, optional=True, default=None),
        time_of_day=r.choice("time_of_day", Habit.TimeOfDay, "anytime"),
        colour=r.choice("colour", Habit.Colour, "sage"),
        emoji=r.text("emoji", 8),
        why=r.text("why", 200),
        start_date=r.day("start_date", optional=True),
        archived=r.get("archived", bool, False),
    )
    reminders = r.list("reminders")
    if len(reminders) > 3 or not all(isinstance(each, str) for each in reminders):
        raise r.fail("reminders")
    habit.reminders = [_Reader({"at": each}, r.where).hour("at") for each in reminders]
    if habit.kind == Habit.Kind.MEASURABLE and (habit.target is None or habit.target <= 0):
        raise r.fail("target")
    if (
        (habit.schedule == Habit.Schedule.WEEKDAYS and not habit.weekdays)
        or (habit.schedule == Habit.Schedule.TIMES_PER_WEEK and habit.times_per_week is None)
        or (habit.schedule == Habit.Schedule.EVERY_N_DAYS and habit.interval_days is None)
    ):
        raise r.fail("schedule")
    for pause in r.list("pauses"):
        p = _Reader(pause, f"a pause of “{name}”")
        start, until = p.day("start"), p.day("until")
        if until <= start:
            raise p.fail("until")
        habit.pauses.append((start, until))
    seen: set[date] = set()
    for record in r.list("records"):
        d = _Reader(record, f"a record of “{name}”")
        day = d.day("day")
        if day in seen:
            raise d.fail("day")
        seen.add(day)
        habit.days.append(
            ImportedDay(day=day, status=d.choice("status", DayRecord.Status), value=d.decimal("value"), note=d.text("note", 1000))
        )
    return habit


def _entry(value: object) -> ImportedEntry:
    r = _Reader(value, "a journal entry")
    feelings = r.list("feelings")
    if len(feelings) > FEELINGS_PER_ENTRY or not all(isinstance(word, str) and 0 < len(word) <= 30 for word in feelings):
        raise r.fail("feelings")
    return ImportedEntry(
        day=r.day("day"),
        mood=r.number("mood", Mood.VERY_LOW, Mood.VERY_GOOD, optional=True, default=None),
        feelings=feelings,
        prompt=r.text("prompt", 200),
        text=r.text("text", TEXT_LIMIT),
    )


def _time_zone(name: str) -> str:
    # Settings offers these; anything else (a zone this server lacks) becomes UTC, as at sign-up.
    return name if name in dict(time_zone_choices()) else "UTC"


def _settings(value: object) -> dict:
    r = _Reader(value, "the settings")
    feeling_words = r.list("feeling_words")
    if not all(isinstance(word, str) and len(word) <= 30 for word in feeling_words):
        raise r.fail("feeling_words")
    return {
        "time_zone": _time_zone(r.text("time_zone", 64, "UTC")),
        "day_start_hour": r.number("day_start_hour", 0, 6, default=0),
        "week_start": r.number("week_start", 0, 6, default=User.WeekStart.MONDAY),
        "quiet_start": r.hour("quiet_start"),
        "quiet_end": r.hour("quiet_end"),
        "reminders_paused": r.get("reminders_paused", bool, False),
        "country": r.text("country", 2),
        "feeling_words": feeling_words,
        "theme": r.choice("theme", User.Theme, User.Theme.SYSTEM),
    }


def parse(document: dict) -> ImportPlan:
    """The plan for a decoded selfcare.json; UnreadableFile names the first thing wrong in it."""
    r = _Reader(document, "the file")
    version = r.get("schema_version", int)
    if version > SCHEMA_VERSION:
        raise UnreadableFile("This export comes from a newer Selfcare than this one. Please update Selfcare first.")
    plan = ImportPlan(source=SOURCE, settings=_settings(r.get("settings", dict, {})))
    plan.habits = [_habit(habit, index) for index, habit in enumerate(r.list("habits"))]
    days = set()
    for value in r.list("journal"):
        entry = _entry(value)
        if entry.day in days:
            raise UnreadableFile("The file is not a Selfcare export Selfcare can read: a journal day appears twice.")
        days.add(entry.day)
        plan.entries.append(entry)
    for value in r.list("rest_days"):
        rest = _Reader(value, "a rest day")
        names = rest.list("habits")
        if not all(isinstance(name, str) for name in names):
            raise rest.fail("habits")
        plan.rest_days.append((rest.day("day"), names))
    support = _Reader(r.get("support", dict, {}), "the support list")
    for value in support.list("contacts"):
        contact = _Reader(value, "a support contact")
        plan.support_contacts.append((contact.text("name", 60, ...), contact.text("phone", 30, ...)))
    for value in support.list("items"):
        item = _Reader(value, "a support line")
        plan.support_items.append((item.choice("kind", SupportItem.Kind), item.text("text", 200, ...)))
    return plan
