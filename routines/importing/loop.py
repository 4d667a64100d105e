"""Loop Habit Tracker's files: its CSV export ZIP (current and older) and its SQLite backup (.db).

What Loop means and what it becomes here:
- A day's value: YES_MANUAL (2, the person checked it) is done; SKIP (3) is rest; YES_AUTO (1,
  filled in by Loop because the frequency was met), NO (0) and UNKNOWN (-1) leave no record, but a
  note on such a day is kept on a day "not done". Number habits store value × 1000 (7000 = 7 hours);
  a 0 there was typed, so it is kept (under an "at most" limit 0 is a good day).
- Frequency numerator/denominator: "N in D days", read into the nearest Selfcare schedule
  (common.set_nearest_schedule, said in the preview when it is not exact).
- Colour: Loop's 20-colour palette, each mapped to the Selfcare colour of nearest hue.
- Archived stays archived; order follows Loop's positions.
"""

import csv
import io
import re
import sqlite3
import tempfile
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from ..models import DayRecord, Habit
from ..records import status_for_value
from ..schedule import WEEKDAY_NAMES
from .archive import member_text, safe_zip
from .common import UNIT_LIMIT, WHY_LIMIT, day_note, day_value, habit_name, set_nearest_schedule, short_text, target_value
from .plan import ImportedDay, ImportedHabit, ImportPlan, UnreadableFile

CSV_SOURCE = "Loop Habit Tracker (CSV)"
BACKUP_SOURCE = "Loop Habit Tracker (backup)"
SQLITE_HEADER = b"SQLite format 3\x00"
NEWEST_SCHEMA = 25  # Loop's DATABASE_VERSION; a newer backup may mean things we can't know

YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1
CODES = {"YES_MANUAL": YES_MANUAL, "YES_AUTO": YES_AUTO, "NO": NO, "SKIP": SKIP, "UNKNOWN": UNKNOWN}

# Loop's palette (PaletteColor, indexes 0-19), each with the Selfcare colour nearest in hue
# (CIELAB hue angle); greys and the dark brown, with little colour, go to slate.
C = Habit.Colour
LOOP_PALETTE = (
    ("#D32F2F", C.ROSE),  # red
    ("#E64A19", C.ROSE),  # deep orange
    ("#F57C00", C.SAND),  # orange
    ("#FF8F00", C.SAND),  # amber
    ("#F9A825", C.SAND),  # yellow
    ("#AFB42B", C.SAND),  # lime
    ("#7CB342", C.SAGE),  # light green
    ("#388E3C", C.SAGE),  # green
    ("#00897B", C.SAGE),  # teal
    ("#00ACC1", C.SKY),  # cyan
    ("#039BE5", C.SKY),  # light blue
    ("#1976D2", C.SKY),  # blue
    ("#303F9F", C.LILAC),  # indigo
    ("#5E35B1", C.LILAC),  # deep purple
    ("#8E24AA", C.LILAC),  # purple
    ("#D81B60", C.ROSE),  # pink
    ("#5D4037", C.SLATE),  # brown
    ("#303030", C.SLATE),  # dark grey
    ("#757575", C.SLATE),  # grey
    ("#AAAAAA", C.SLATE),  # light grey
)
# Backups before schema 21 number a 13-colour palette; Loop's migration 21 renumbers them so.
OLD_PALETTE_INDEX = {0: 0, 1: 1, 2: 4, 3: 5, 4: 7, 5: 8, 6: 9, 7: 10, 8: 13, 9: 14, 10: 15, 11: 17, 12: 19}

HABIT_COLUMNS_NEEDED = {"id", "name", "freq_num", "freq_den", "color", "position", "archived"}
REPETITION_COLUMNS_NEEDED = {"habit", "timestamp"}
DAY_MS = 86_400_000
EMPTY_TEXT = "''"  # SQL for an empty string, standing in for a column an older schema lacks
EPOCH = date(1970, 1, 1)


def parse(name: str, data: bytes) -> ImportPlan:
    """Loop's backup (an SQLite file) or its CSV export (a ZIP), read into a plan."""
    if data.startswith(SQLITE_HEADER):
        return parse_backup(data)
    if name.lower().endswith(".db"):
        raise UnreadableFile("This .db file is not a Loop Habit Tracker backup (it is not an SQLite database).")
    return parse_csv_zip(data)


# Colours


def _rgb(hex_colour: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"#?(?:[0-9a-fA-F]{2})?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", hex_colour.strip())
    return tuple(int(part, 16) for part in match.groups()) if match else None


def colour_for_hex(hex_colour: str) -> str:
    """The Selfcare colour of the Loop palette colour nearest to `hex_colour` (sage when unreadable)."""
    rgb = _rgb(hex_colour)
    if rgb is None:
        return C.SAGE
    nearest = min(LOOP_PALETTE, key=lambda entry: sum((a - b) ** 2 for a, b in zip(rgb, _rgb(entry[0]))))
    return nearest[1]


def colour_for_index(index: object) -> str:
    if isinstance(index, int) and 0 <= index < len(LOOP_PALETTE):
        return LOOP_PALETTE[index][1]
    return C.SAGE


def _backup_colour(raw: object, version: int) -> str:
    """Schema 21 on: palette index; 14-20: the older 13-colour index; before: an Android ARGB int."""
    if not isinstance(raw, int):
        return C.SAGE
    if version >= 21:
        return colour_for_index(raw)
    if version >= 14:
        return colour_for_index(OLD_PALETTE_INDEX.get(raw, 0))
    return colour_for_hex(f"#{raw & 0xFFFFFF:06X}")


# Days


def _day(habit: ImportedHabit, day: date, value: int, note: str) -> ImportedDay | None:
    """One of Loop's entries as a Selfcare day, or None when nothing of it is kept."""
    note = day_note(note, habit.name, day, "Loop")
    if value == SKIP:
        return ImportedDay(day, DayRecord.Status.SKIPPED, note=note)
    if habit.kind == Habit.Kind.MEASURABLE and value != UNKNOWN:
        if value < 0:
            raise UnreadableFile(f"“{habit.name}” has a value Loop never writes ({value}) on {day:%-d %B %Y}.")
        amount = day_value(Decimal(value) / 1000, habit, day)
        return ImportedDay(day, status_for_value(habit, amount), value=amount, note=note)
    if habit.kind == Habit.Kind.CHECK and value not in CODES.values():
        raise UnreadableFile(f"“{habit.name}” has a value Loop never writes ({value}) on {day:%-d %B %Y}.")
    if value == YES_MANUAL:
        return ImportedDay(day, DayRecord.Status.DONE, note=note)
    # YES_AUTO (Loop's guess), NO and UNKNOWN: no record, unless there is a note to keep.
    return ImportedDay(day, DayRecord.Status.NONE, note=note) if note else None


def _add_days(habit: ImportedHabit, entries: list[tuple[date, int, str]]) -> None:
    days = [_day(habit, day, value, note) for day, value, note in sorted(entries, key=lambda entry: entry[0])]
    habit.days = [day for day in days if day is not None]


# The CSV export

HABIT_FOLDER = re.compile(r"(\d+)(?: .*)?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?\d+")
CURRENT_FREQUENCY = ("FrequencyNumerator", "FrequencyDenominator")
OLDER_FREQUENCY = ("NumRepetitions", "Interval")


def _csv_rows(text: str, where: str) -> list[list[str]]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise UnreadableFile(f"“{where}” in the ZIP file is not a readable CSV file.") from error
    return [row for row in rows if any(cell.strip() for cell in row)]


def _number(raw: str, what: str, where: str) -> int:
    if not NUMBER.fullmatch(raw.strip()):
        raise UnreadableFile(f"{what} in “{where}” should be a whole number, not “{raw}”.")
    return int(raw)


def _decimal(raw: str, what: str, where: str) -> Decimal:
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise UnreadableFile(f"{what} in “{where}” should be a number, not “{raw}”.")
    return number


def _read_habits_csv(text: str, plan: ImportPlan) -> list[tuple[int, ImportedHabit, bool]]:
    """(Loop's number, habit, whether its kind is known) for each line of Habits.csv."""
    rows = _csv_rows(text, "Habits.csv")
    header = [cell.strip() for cell in rows[0]] if rows else []
    frequency = next((pair for pair in (CURRENT_FREQUENCY, OLDER_FREQUENCY) if set(pair) <= set(header)), None)
    if not {"Position", "Name"} <= set(header) or frequency is None:
        raise UnreadableFile(
            "Habits.csv doesn't have the columns Loop Habit Tracker writes (Position, Name, FrequencyNumerator, "
            "FrequencyDenominator…), so this doesn't look like Loop's export."
        )
    habits, numbers = [], set()
    for line, row in enumerate(rows[1:], start=2):
        where = f"Habits.csv, line {line}"
        if len(row) != len(header):
            raise UnreadableFile(f"Line {line} of Habits.csv has {len(row)} columns where its header has {len(header)}.")
        cells = dict(zip(header, row))
        number = _number(cells["Position"], "The position", where)
        if number in numbers:
            raise UnreadableFile(f"Habits.csv lists position {number} twice.")
        numbers.add(number)
        habit = ImportedHabit(name=habit_name(cells["Name"], plan, "Loop"))
        kind = cells.get("Type", "").strip()
        if kind not in ("", "YES_NO", "NUMERICAL"):
            raise UnreadableFile(f"“{habit.name}” has a type Loop never writes (“{kind}”).")
        if kind == "NUMERICAL":
            habit.kind = Habit.Kind.MEASURABLE
            habit.unit = short_text(cells.get("Unit"), UNIT_LIMIT, "unit", habit.name, plan)
            direction = cells.get("Target Type", "").strip()
            if direction not in ("AT_LEAST", "AT_MOST"):
                raise UnreadableFile(f"“{habit.name}” has a target type Loop never writes (“{direction}”).")
            habit.direction = Habit.Direction.AT_MOST if direction == "AT_MOST" else Habit.Direction.AT_LEAST
            habit.target = target_value(_decimal(cells.get("Target Value", ""), "The target", where), habit, plan)
        times = _number(cells[frequency[0]], "The frequency", where)
        days = _number(cells[frequency[1]], "The frequency", where)
        set_nearest_schedule(habit, times, days, f"Loop: {times} in {days} days")
        habit.colour = colour_for_hex(cells.get("Color", ""))
        habit.why = short_text(cells.get("Description"), WHY_LIMIT, "description", habit.name, plan)
        archived = cells.get("Archived?", "false").strip().lower()
        if archived not in ("true", "false"):
            raise UnreadableFile(f"“Archived?” for “{habit.name}” should be true or false, not “{archived}”.")
        habit.archived = archived == "true"
        habits.append((number, habit, bool(kind)))
    return sorted(habits, key=lambda item: item[0])


def _read_checkmarks(text: str, where: str) -> list[tuple[date, int, str]]:
    """(day, value, note) from a habit's Checkmarks.csv: with a Date,Value,Notes header and
    Loop's words (2.3.1 on), or without a header and numbers only (older exports)."""
    rows = _csv_rows(text, where)
    width = 2
    # A first line that doesn't start with a date is a header, and must be Loop's.
    if rows and not DATE.fullmatch(rows[0][0].strip()):
        header = [cell.strip() for cell in rows[0]]
        if header not in (["Date", "Value", "Notes"], ["Date", "Value"]):
            raise UnreadableFile(f"“{where}” has the header {','.join(header)}, not Loop's Date,Value,Notes.")
        rows, width = rows[1:], len(header)
    entries, seen = [], set()
    for row in rows:
        if len(row) != width:
            raise UnreadableFile(f"“{where}” has a line with {len(row)} columns where Loop writes {width}.")
        raw_day, raw_value = row[0].strip(), row[1].strip()
        try:
            day = date.fromisoformat(raw_day) if DATE.fullmatch(raw_day) else None
        except ValueError:
            day = None
        if day is None:
            raise UnreadableFile(f"“{where}” has a date that can't be read: “{raw_day}” (Loop writes 2024-03-01).")
        if day in seen:
            raise UnreadableFile(f"“{where}” has {day:%-d %B %Y} twice.")
        seen.add(day)
        value = CODES.get(raw_value)
        if value is None:
            value = _number(raw_value, f"The value for {day:%-d %B %Y}", where)
        entries.append((day, value, row[2] if width == 3 else ""))
    return entries


def parse_csv_zip(data: bytes) -> ImportPlan:
    archive = safe_zip(data)
    names = [member.filename for member in archive.infolist() if not member.is_dir()]
    listing = [name for name in names if PurePosixPath(name).name == "Habits.csv"]
    # Loop puts Habits.csv at the top; a re-zipped copy may put everything in one folder.
    if len(listing) != 1:
        raise UnreadableFile("This ZIP file has no Habits.csv, so it isn't Loop Habit Tracker's CSV export.")
    base = PurePosixPath(listing[0]).parent
    plan = ImportPlan(source=CSV_SOURCE)
    folders: dict[int, str] = {}
    for name in names:
        path = PurePosixPath(name)
        if path.name != "Checkmarks.csv" or path.parent.parent != base:
            continue
        match = HABIT_FOLDER.fullmatch(path.parent.name)
        if match:
            if int(match[1]) in folders:
                raise UnreadableFile(f"This ZIP file has two folders for habit number {int(match[1])}.")
            folders[int(match[1])] = name
    left_out = []
    for number, habit, kind_known in _read_habits_csv(member_text(archive, listing[0]), plan):
        if number not in folders:
            left_out.append(habit.name)
            continue
        entries = _read_checkmarks(member_text(archive, folders[number]), folders[number])
        if not kind_known and any(value not in CODES.values() for _, value, _ in entries):
            # Older exports don't say a habit's kind; numbers beyond Loop's codes are amounts × 1000.
            habit.kind, habit.target = Habit.Kind.MEASURABLE, Decimal(1)
            plan.notes.append(
                f"“{habit.name}” counts an amount (the older Loop export doesn't say its unit or target): "
                "its target is at least 1, with no unit; you can change both on its page."
            )
        _add_days(habit, entries)
        plan.habits.append(habit)
    if left_out:
        plan.notes.append(
            f"{len(left_out)} habit{'s' if len(left_out) != 1 else ''} listed in Habits.csv had no days in the "
            f"export (not chosen when exporting from Loop) and {'were' if len(left_out) != 1 else 'was'} left out: "
            + ", ".join(f"“{name}”" for name in left_out)
            + "."
        )
    return plan


# The SQLite backup


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    # `table` is one of this module's constants, never a name from the file.
    return {row[1].lower() for row in db.execute(f"PRAGMA table_info({table})")}


def _pick(columns: set[str], name: str, default: str = "NULL") -> str:
    """A column this backup has, or a constant standing in for one its older schema lacks."""
    return name if name in columns else default


def _reminder(habit: ImportedHabit, hour: object, minute: object, days: object, plan: ImportPlan) -> None:
    """Loop's one reminder: a time and the weekdays it rings (bit 0 Saturday, bit 1 Sunday … bit 6 Friday)."""
    if hour is None or minute is None or not isinstance(days, int) or not days & 127:
        return
    if not (isinstance(hour, int) and isinstance(minute, int) and 0 <= hour <= 23 and 0 <= minute <= 59):
        raise UnreadableFile(f"“{habit.name}” has a reminder time that can't be read ({hour}:{minute}).")
    habit.reminders = [f"{hour:02d}:{minute:02d}"]
    if days & 127 != 127:
        weekdays = sorted((bit + 5) % 7 for bit in range(7) if days & (1 << bit))
        plan.notes.append(
            f"“{habit.name}”: Loop reminded on {', '.join(WEEKDAY_NAMES[day] for day in weekdays)} only; "
            f"Selfcare reminds at {habit.reminders[0]} on every day it is due."
        )


def _read_backup(db: sqlite3.Connection) -> ImportPlan:
    tables = {row[0].lower() for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"habits", "repetitions"} <= tables:
        raise UnreadableFile("This database has no Habits and Repetitions tables, so it isn't a Loop Habit Tracker backup.")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > NEWEST_SCHEMA:
        raise UnreadableFile(
            f"This backup comes from a newer Loop Habit Tracker (database version {version}) than Selfcare knows. "
            "Please export as CSV in Loop and import that ZIP file instead."
        )
    habit_columns, repetition_columns = _columns(db, "Habits"), _columns(db, "Repetitions")
    if not HABIT_COLUMNS_NEEDED <= habit_columns or not REPETITION_COLUMNS_NEEDED <= repetition_columns:
        raise UnreadableFile("This database's Habits or Repetitions table lacks Loop's columns, so it can't be read.")
    # Before schema 23 the description held the question ("Did you…?"): only later is it a description.
    description = "description" if version >= 23 else "NULL"
    habit_rows = db.execute(
        "SELECT id, name, freq_num, freq_den, color, archived, "
        f"{_pick(habit_columns, 'type', '0')}, {_pick(habit_columns, 'target_type', '0')}, "
        f"{_pick(habit_columns, 'target_value', '0')}, {_pick(habit_columns, 'unit', EMPTY_TEXT)}, "
        f"{_pick(habit_columns, description)}, {_pick(habit_columns, 'reminder_hour')}, "
        f"{_pick(habit_columns, 'reminder_min')}, {_pick(habit_columns, 'reminder_days', '127')} "
        "FROM Habits ORDER BY position, id"
    ).fetchall()
    plan = ImportPlan(source=BACKUP_SOURCE)
    habits: dict[int, ImportedHabit] = {}
    for row in habit_rows:
        (pk, name, times, days, colour, archived, kind, direction, target, unit, why, hour, minute, reminder_days) = row
        habit = ImportedHabit(name=habit_name(name, plan, "Loop"))
        if kind not in (0, 1) or direction not in (0, 1) or not isinstance(times, int) or not isinstance(days, int):
            raise UnreadableFile(f"“{habit.name}” has settings Loop never writes, so this backup can't be read.")
        if kind == 1:
            habit.kind = Habit.Kind.MEASURABLE
            habit.unit = short_text(unit, UNIT_LIMIT, "unit", habit.name, plan)
            habit.direction = Habit.Direction.AT_MOST if direction == 1 else Habit.Direction.AT_LEAST
            habit.target = target_value(Decimal(str(target or 0)), habit, plan)
        set_nearest_schedule(habit, times, days, f"Loop: {times} in {days} days")
        habit.colour = _backup_colour(colour, version)
        habit.why = short_text(why, WHY_LIMIT, "description", habit.name, plan)
        habit.archived = bool(archived)
        _reminder(habit, hour, minute, reminder_days, plan)
        habits[pk] = habit
        plan.habits.append(habit)
    entries: dict[int, dict[date, tuple[date, int, str]]] = {pk: {} for pk in habits}
    repetitions = db.execute(
        f"SELECT habit, timestamp, {_pick(repetition_columns, 'value', str(YES_MANUAL))}, "
        f"{_pick(repetition_columns, 'notes', EMPTY_TEXT)} FROM Repetitions ORDER BY id"
    )
    for pk, timestamp, value, note in repetitions:
        if pk not in habits:
            continue  # Loop itself drops repetitions of habits that are gone (migration 22)
        if not isinstance(timestamp, int) or not isinstance(value, int):
            raise UnreadableFile(f"“{habits[pk].name}” has a day that can't be read in this backup.")
        try:
            day = EPOCH + timedelta(days=timestamp // DAY_MS)
        except OverflowError:
            raise UnreadableFile(f"“{habits[pk].name}” has a date that can't be read in this backup.") from None
        # Older backups may hold a day twice; Loop keeps the first written (migration 22), so do we.
        entries[pk].setdefault(day, (day, value, note or ""))
    for pk, habit in habits.items():
        _add_days(habit, list(entries[pk].values()))
    return plan


BACKUP_WORK_LIMIT = 200_000  # thousands of SQLite steps: years of a real backup take well under a tenth


def parse_backup(data: bytes) -> ImportPlan:
    """Reads the backup from a private copy, opened read-only and queried only with fixed SELECTs:
    nothing in the file is ever run."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "loop.db"
        path.write_bytes(data)
        try:
            db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as error:
            raise UnreadableFile("This .db file could not be opened as a Loop Habit Tracker backup.") from error
        try:
            # No functions declared in the file's schema run, and nothing can write.
            db.execute("PRAGMA trusted_schema = OFF")
            db.execute("PRAGMA query_only = ON")
            # A schema can still compute columns: no value may grow past a megabyte, and the
            # reading stops after a generous amount of work (a real backup needs a fraction).
            db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1_000_000)
            steps = iter(range(BACKUP_WORK_LIMIT))
            db.set_progress_handler(lambda: next(steps, None) is None, 1000)
            return _read_backup(db)
        except sqlite3.Error as error:
            raise UnreadableFile("This .db file is damaged or isn't a Loop Habit Tracker backup.") from error
        finally:
            db.close()
