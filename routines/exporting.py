"""A person's whole account as one ZIP: spreadsheets to read, and selfcare.json to import again.

Written as a stream: rows come from the database a chunk at a time and leave as
compressed bytes, so years of records never sit in memory at once. Python's zipfile
writes to a stream it cannot seek in (sizes go after each member, ZIP64 throughout).
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from .schedule import WEEKDAY_NAMES, weekdays_in
from .models import DayRecord, Habit, JournalEntry, Pause, RestDay, SupportContact, SupportItem, User

SCHEMA_VERSION = 1
CHUNK = 64 * 1024  # bytes handed out at a time
ROWS = 2000  # rows read from the database at a time

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def file_name(today: date) -> str:
    return f"selfcare-{today.isoformat()}.zip"


def _cell(value: object) -> object:
    """Words a person typed, safe to open in a spreadsheet: one that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """CSV text a few hundred rows at a time, with the byte-order mark spreadsheets need to see UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    for count, row in enumerate(rows, 1):
        writer.writerow([_cell(value) for value in row])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _habits(owner: User) -> list[Habit]:
    # Active ones in their routine's order, then archived ones: the order an import recreates.
    return list(Habit.objects.filter(owner=owner).order_by("archived", "position", "id"))


def _records(owner: User) -> Iterator[DayRecord]:
    records = DayRecord.objects.filter(habit__owner=owner).order_by("habit__archived", "habit__position", "habit_id", "day")
    return records.only("habit_id", "day", "status", "value", "note").iterator(chunk_size=ROWS)


def _weekday_names(bits: int) -> str:
    return " ".join(WEEKDAY_NAMES[day] for day in weekdays_in(bits))


def _habits_csv(habits: list[Habit]) -> Iterator[str]:
    header = ["name", "kind", "unit", "target", "direction", "schedule", "weekdays", "times_per_week", "interval_days",
              "time_of_day", "colour", "emoji", "why", "reminders", "start_date", "archived"]  # fmt: skip
    rows = (
        [h.name, h.kind, h.unit, h.target, h.direction, h.schedule, _weekday_names(h.weekdays), h.times_per_week,
         h.interval_days, h.time_of_day, h.colour, h.emoji, h.why, " ".join(h.reminders), h.start_date, h.archived]  # fmt: skip
        for h in habits
    )
    return _csv(header, rows)


def _checkins_csv(owner: User, habits: list[Habit]) -> Iterator[str]:
    names = {habit.pk: habit.name for habit in habits}
    rows = ([r.day, names[r.habit_id], r.status, r.value, r.note] for r in _records(owner))
    return _csv(["date", "habit", "status", "value", "note"], rows)


def _journal(owner: User) -> Iterator[JournalEntry]:
    return JournalEntry.objects.filter(owner=owner).order_by("day").iterator(chunk_size=ROWS)


def _journal_csv(owner: User) -> Iterator[str]:
    rows = ([e.day, e.mood, ", ".join(e.feelings), e.text] for e in _journal(owner))
    return _csv(["date", "mood", "feelings", "text"], rows)


def _support_csv(owner: User) -> Iterator[str]:
    contacts = (["contact", c.name, c.phone, ""] for c in SupportContact.objects.filter(owner=owner))
    items = ([i.kind, "", "", i.text] for i in SupportItem.objects.filter(owner=owner))
    return _csv(["list", "name", "phone", "text"], [*contacts, *items])


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not exported")


def _dumps(value: object) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False)


def _time(value) -> str | None:
    return value.strftime("%H:%M") if value else None


def account_settings(owner: User) -> dict:
    return {
        "time_zone": owner.time_zone,
        "day_start_hour": owner.day_start_hour,
        "week_start": owner.week_start,
        "quiet_start": _time(owner.quiet_start),
        "quiet_end": _time(owner.quiet_end),
        "reminders_paused": owner.reminders_paused,
        "country": owner.country,
        "feeling_words": owner.feeling_words,
        "theme": owner.theme,
    }


HABIT_FIELDS = ("name", "kind", "unit", "target", "direction", "schedule", "weekdays", "times_per_week", "interval_days",
                "time_of_day", "colour", "emoji", "why", "reminders", "start_date", "archived")  # fmt: skip


def _selfcare_json(owner: User, habits: list[Habit]) -> Iterator[str]:
    """selfcare.json, written piece by piece: each habit's records follow it as the one ordered query yields them."""
    head = {"format": "selfcare", "schema_version": SCHEMA_VERSION, "exported": timezone.now(), "settings": account_settings(owner)}
    yield _dumps(head)[:-1] + ', "habits": ['
    pauses: dict[int, list[Pause]] = {}
    for pause in Pause.objects.filter(habit__owner=owner).order_by("habit_id", "start"):
        pauses.setdefault(pause.habit_id, []).append(pause)
    records = _records(owner)
    record = next(records, None)
    for index, habit in enumerate(habits):
        fields = {name: getattr(habit, name) for name in HABIT_FIELDS}
        fields["pauses"] = [{"start": p.start, "until": p.until} for p in pauses.get(habit.pk, [])]
        yield ("," if index else "") + _dumps(fields)[:-1] + ', "records": ['
        first = True
        while record is not None and record.habit_id == habit.pk:
            yield ("" if first else ",") + _dumps({"day": record.day, "status": record.status, "value": record.value, "note": record.note})
            first = False
            record = next(records, None)
        yield "]}"
    rest_days = [
        {"day": rest.day, "habits": [habit.name for habit in habits if habit.pk in rest.habit_ids]}  # in the routine's order
        for rest in RestDay.objects.filter(owner=owner).order_by("day")
    ]
    yield '], "rest_days": ' + _dumps(rest_days)
    yield ', "journal": ['
    for index, entry in enumerate(_journal(owner)):
        fields = {"day": entry.day, "mood": entry.mood, "feelings": entry.feelings, "prompt": entry.prompt, "text": entry.text}
        yield ("," if index else "") + _dumps(fields)
    support = {
        "contacts": [{"name": c.name, "phone": c.phone} for c in SupportContact.objects.filter(owner=owner)],
        "items": [{"kind": i.kind, "text": i.text} for i in SupportItem.objects.filter(owner=owner)],
    }
    yield '], "support": ' + _dumps(support) + "}\n"


class _Pipe(io.RawIOBase):
    """Where the ZIP writer puts its bytes until the response takes them. Not seekable, so
    zipfile writes sizes after each member instead of going back to fill them in."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        self.size = 0
        return data


def export_zip(owner: User) -> Iterator[bytes]:
    """The ZIP's bytes, a chunk at a time: habits.csv, checkins.csv, journal.csv, support.csv and selfcare.json."""
    habits = _habits(owner)
    members = {
        "habits.csv": lambda: _habits_csv(habits),
        "checkins.csv": lambda: _checkins_csv(owner, habits),
        "journal.csv": lambda: _journal_csv(owner),
        "support.csv": lambda: _support_csv(owner),
        "selfcare.json": lambda: _selfcare_json(owner, habits),
    }
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for piece in text():
                    member.write(piece.encode())
                    if pipe.size >= CHUNK:
                        yield pipe.take()
    yield pipe.take()
