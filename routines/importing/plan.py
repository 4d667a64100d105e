"""What an import file holds, read and checked, before anything is written.

Every format (Selfcare's own, Loop Habit Tracker's CSV ZIP and SQLite backup, Beaver
Habit Tracker's JSON) is parsed into one ImportPlan; the preview shows it and the
confirmation writes it in one transaction. Parsers never touch the database.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


class UnreadableFile(ValueError):
    """A file that cannot be imported, with a message for the person (shown next to the upload)."""


@dataclass
class ImportedDay:
    day: date
    status: str  # a DayRecord.Status value: "done", "partial", "skipped" or "none" (a note or value alone)
    value: Decimal | None = None
    note: str = ""


@dataclass
class ImportedHabit:
    name: str
    kind: str = "check"  # Habit.Kind
    unit: str = ""
    target: Decimal | None = None
    direction: str = "at_least"  # Habit.Direction
    schedule: str = "daily"  # Habit.Schedule
    weekdays: int = 0  # Monday bit 0 ... Sunday bit 6
    times_per_week: int | None = None
    interval_days: int | None = None
    time_of_day: str = "anytime"
    colour: str = "sage"  # Habit.Colour
    emoji: str = ""
    why: str = ""
    reminders: list[str] = field(default_factory=list)  # "07:30", at most three
    start_date: date | None = None  # None: the first day recorded, else today
    archived: bool = False
    # Selfcare's own export keeps pauses: (start, until) pairs.
    pauses: list[tuple[date, date]] = field(default_factory=list)
    days: list[ImportedDay] = field(default_factory=list)
    # How the source's schedule was read, in words for the preview ("Loop: 3 times in 30 days → once a week").
    schedule_note: str = ""


@dataclass
class ImportedEntry:
    """A journal check-in."""

    day: date
    mood: int | None = None
    feelings: list[str] = field(default_factory=list)
    prompt: str = ""
    text: str = ""


@dataclass
class ImportPlan:
    source: str  # "Selfcare", "Loop Habit Tracker (CSV)", "Loop Habit Tracker (backup)", "Beaver Habit Tracker"
    habits: list[ImportedHabit] = field(default_factory=list)
    entries: list[ImportedEntry] = field(default_factory=list)
    # Selfcare's own export only: settings, rest days, support list (left empty by other formats).
    settings: dict = field(default_factory=dict)
    rest_days: list[tuple[date, list[str]]] = field(default_factory=list)  # (day, names of habits set aside)
    support_contacts: list[tuple[str, str]] = field(default_factory=list)  # (name, phone)
    support_items: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    # Things left out on purpose, said in the preview ("2 habits deleted in Beaver were left out").
    notes: list[str] = field(default_factory=list)
