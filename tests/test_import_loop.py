"""Loop Habit Tracker's CSV export (current and older) and SQLite backup, read into an import plan.

Every fixture is built here from the format (Loop's own sample files are only read, from
../shared/loop-samples, when that folder is there).
"""

import csv
import io
import sqlite3
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from routines.importing import loop
from routines.importing.common import set_nearest_schedule
from routines.importing.plan import ImportedHabit, UnreadableFile

HEADER = [
    "Position", "Name", "Type", "Question", "Description", "FrequencyNumerator", "FrequencyDenominator",
    "Color", "Unit", "Target Type", "Target Value", "Archived?",
]  # fmt: skip
OLDER_HEADER = ["Position", "Name", "Question", "Description", "NumRepetitions", "Interval", "Color"]
SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "loop-samples"


def csv_text(rows: list[list[str]]) -> str:
    """CSV as Loop's writer makes it: quotes only where needed, doubled inside."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def habit_row(position, name, *, kind="YES_NO", freq=(1, 1), colour="#388E3C", unit="", target_type="", target="",
              archived="false", description=""):  # fmt: skip
    return [f"{position:03d}", name, kind, "", description, str(freq[0]), str(freq[1]), colour, unit, target_type, target,
            archived]  # fmt: skip


def checkmarks(*rows) -> str:
    return csv_text([["Date", "Value", "Notes"], *[list(row) for row in rows]])


def export(habit_rows: list[list[str]], folders: dict[str, str], top: str = "") -> bytes:
    files = {f"{top}Habits.csv": csv_text([HEADER, *habit_rows])}
    # The wide files at the top, with their trailing commas, are read by nobody: there to look real.
    files[f"{top}Checkmarks.csv"] = "Date,Whatever,\n2024-03-02,YES_MANUAL,\n"
    for folder, text in folders.items():
        files[f"{top}{folder}/Checkmarks.csv"] = text
        files[f"{top}{folder}/Scores.csv"] = "Date,Score\n2024-03-02,0.1000\n"
    return zipped(files)


def days_of(habit):
    return {day.day: (day.status, day.value, day.note) for day in habit.days}


def test_the_current_export_keeps_names_notes_and_what_each_day_was():
    name = "🧘 Méditer, \"calme\"\nle matin"
    data = export(
        [habit_row(1, name, colour="#FF8F00")],
        {
            # Loop drops every character outside [ a-zA-Z0-9._-] from folder names.
            "001  Mditer calmele matin": checkmarks(
                ("2024-03-05", "YES_MANUAL", 'Calm, "really"\nsecond line ☀'),
                ("2024-03-04", "YES_AUTO", ""),
                ("2024-03-03", "NO", "Sick, in bed"),
                ("2024-03-02", "SKIP", ""),
                ("2024-03-01", "UNKNOWN", "Forgot the app"),
                ("2024-02-29", "UNKNOWN", ""),
                ("2024-02-28", "YES_AUTO", "Auto, with words"),
            )
        },
    )
    plan = loop.parse("Loop Habits CSV 2024-03-05.zip", data)
    assert plan.source == "Loop Habit Tracker (CSV)"
    [habit] = plan.habits
    assert habit.name == '🧘 Méditer, "calme" le matin'  # whitespace folded as the habit form does
    assert (habit.kind, habit.schedule, habit.colour, habit.archived) == ("check", "daily", "sand", False)
    assert days_of(habit) == {
        date(2024, 2, 28): ("none", None, "Auto, with words"),
        date(2024, 3, 1): ("none", None, "Forgot the app"),
        date(2024, 3, 2): ("skipped", None, ""),
        date(2024, 3, 3): ("none", None, "Sick, in bed"),
        date(2024, 3, 5): ("done", None, 'Calm, "really"\nsecond line ☀'),
    }
    assert [day.day for day in habit.days] == sorted(day.day for day in habit.days)
    assert plan.notes == []


def test_measurable_habits_keep_their_unit_target_and_direction_and_values_are_thousandths():
    data = export(
        [
            habit_row(1, "Sleep", kind="NUMERICAL", unit="hours", target_type="AT_LEAST", target="7.5"),
            habit_row(2, "Coffee", kind="NUMERICAL", unit="cups", target_type="AT_MOST", target="2.0"),
        ],
        {
            "001 Sleep": checkmarks(("2024-03-02", "7000", "short night"), ("2024-03-01", "8250", ""), ("2024-02-29", "SKIP", "")),
            "002 Coffee": checkmarks(("2024-03-02", "NO", ""), ("2024-03-01", "3000", ""), ("2024-02-29", "UNKNOWN", "none left")),
        },
    )
    sleep, coffee = loop.parse("export.zip", data).habits
    assert (sleep.kind, sleep.unit, sleep.target, sleep.direction) == ("measurable", "hours", Decimal("7.50"), "at_least")
    assert days_of(sleep) == {
        date(2024, 2, 29): ("skipped", None, ""),
        date(2024, 3, 1): ("done", Decimal("8.25"), ""),
        date(2024, 3, 2): ("partial", Decimal("7.00"), "short night"),
    }
    assert (coffee.unit, coffee.target, coffee.direction) == ("cups", Decimal("2.00"), "at_most")
    # A typed 0 under an "at most" limit is a good day; over the limit is simply not done.
    assert days_of(coffee) == {
        date(2024, 2, 29): ("none", None, "none left"),
        date(2024, 3, 1): ("none", Decimal("3.00"), ""),
        date(2024, 3, 2): ("done", Decimal("0.00"), ""),
    }


def test_archived_habits_stay_archived_and_habits_without_a_folder_are_left_out_and_said():
    data = export(
        [habit_row(1, "Walk"), habit_row(2, "Old habit", archived="true"), habit_row(3, "Not chosen, 🙂")],
        {"001 Walk": checkmarks(("2024-03-01", "YES_MANUAL", "")), "002 Old habit": checkmarks()},
    )
    plan = loop.parse("export.zip", data)
    assert [(habit.name, habit.archived, len(habit.days)) for habit in plan.habits] == [("Walk", False, 1), ("Old habit", True, 0)]
    assert plan.notes == ["1 habit listed in Habits.csv had no days in the export (not chosen when exporting from Loop) and was left out: “Not chosen, 🙂”."]


def test_folders_match_by_number_even_when_the_export_sits_in_a_folder_of_its_own():
    data = export([habit_row(1, "Ünïcode only"), habit_row(2, "B")], {"001": checkmarks(("2024-03-01", "YES_MANUAL", "")), "002 B": checkmarks()}, top="Loop Habits CSV 2024-03-05/")
    plan = loop.parse("export.zip", data)
    assert [(habit.name, len(habit.days)) for habit in plan.habits] == [("Ünïcode only", 1), ("B", 0)]


def test_the_older_export_has_no_header_in_its_day_files_and_numbers_for_values():
    habits = csv_text([OLDER_HEADER, ["001", "Stretch", "Did you?", "For my back", "3", "7", "#8E24AA"], ["002", "Water", "", "", "1", "1", "#039BE5"]])
    data = zipped({
        "Habits.csv": habits,
        "001 Stretch/Checkmarks.csv": "2024-03-04,2\n2024-03-03,1\n2024-03-02,0\n2024-03-01,3\n",
        "002 Water/Checkmarks.csv": "2024-03-02,2500\n2024-03-01,0\n",
    })  # fmt: skip
    plan = loop.parse("old.zip", data)
    stretch, water = plan.habits
    assert (stretch.schedule, stretch.times_per_week, stretch.colour, stretch.why) == ("per_week", 3, "lilac", "For my back")
    assert days_of(stretch) == {date(2024, 3, 1): ("skipped", None, ""), date(2024, 3, 4): ("done", None, "")}
    # The older Habits.csv doesn't say a habit counts amounts: numbers beyond Loop's codes do.
    assert (water.kind, water.target, water.colour) == ("measurable", Decimal(1), "sky")
    assert days_of(water) == {date(2024, 3, 1): ("none", Decimal("0.00"), ""), date(2024, 3, 2): ("done", Decimal("2.50"), "")}
    assert "“Water” counts an amount" in plan.notes[0]


@pytest.mark.parametrize(
    ("times", "days", "schedule", "count", "note"),
    [
        (1, 1, "daily", None, ""),
        (7, 7, "daily", None, ""),
        (1, 3, "every_n", 3, ""),
        (3, 7, "per_week", 3, ""),
        (1, 30, "every_n", 30, ""),
        (3, 30, "per_week", 1, "Loop: 3 in 30 days → once a week"),
        (2, 30, "every_n", 15, "Loop: 2 in 30 days → every 15 days"),
        (10, 30, "per_week", 2, "Loop: 10 in 30 days → twice a week"),
        (20, 30, "per_week", 5, "Loop: 20 in 30 days → 5 times a week"),
        (28, 30, "daily", None, "Loop: 28 in 30 days → every day"),
        (2, 3, "per_week", 5, "Loop: 2 in 3 days → 5 times a week"),
        (1, 45, "every_n", 30, "Loop: 1 in 45 days → every 30 days"),
        (2, 1, "daily", None, "Loop: 2 in 1 days → every day"),
    ],
)
def test_a_frequency_becomes_the_nearest_schedule_and_an_approximation_is_said(times, days, schedule, count, note):
    habit = ImportedHabit(name="Walk")
    set_nearest_schedule(habit, times, days, f"Loop: {times} in {days} days")
    assert habit.schedule == schedule
    assert {"per_week": habit.times_per_week, "every_n": habit.interval_days}.get(schedule) == count
    assert habit.schedule_note == note


def test_each_loop_palette_colour_goes_to_the_selfcare_colour_of_nearest_hue():
    assert [loop.colour_for_index(index) for index in range(20)] == [
        "rose", "rose", "sand", "sand", "sand", "sand", "sage", "sage", "sage", "sky",
        "sky", "sky", "lilac", "lilac", "lilac", "rose", "slate", "slate", "slate", "slate",
    ]  # fmt: skip
    assert [loop.colour_for_hex(hex_colour) for hex_colour in ("#aaaaaa", "#d32f2f", "#00897B", "#1A77D0", "nonsense")] == [
        "slate", "rose", "sage", "sky", "sage",
    ]  # fmt: skip
    assert loop.colour_for_index(20) == loop.colour_for_index(-1) == "sage"


def test_a_name_too_long_is_shortened_and_said_and_a_description_becomes_why():
    data = export([habit_row(1, "x" * 90, description="Because " * 40)], {"001 " + "x" * 90: checkmarks()})
    plan = loop.parse("export.zip", data)
    [habit] = plan.habits
    assert (habit.name, habit.why) == ("x" * 80, ("Because " * 25).rstrip())
    assert plan.notes == [f"“{'x' * 90}” was shortened to 80 characters: “{'x' * 80}”.", "The description of “" + "x" * 80 + "” was shortened to 200 characters."]


def bad_export(habits_rows=None, day_file=None, header=HEADER) -> bytes:
    rows = habits_rows or [habit_row(1, "Walk")]
    return zipped({"Habits.csv": csv_text([header, *rows]), "001 Walk/Checkmarks.csv": day_file or checkmarks()})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zipped({"Checkmarks.csv": "Date,\n"}), "no Habits.csv"),
        (zipped({"Habits.csv": "Name,Colour\nWalk,#fff\n"}), "doesn't have the columns Loop Habit Tracker writes"),
        (zipped({"Habits.csv": ""}), "doesn't have the columns"),
        (bad_export(day_file=checkmarks(("2024-02-30", "YES_MANUAL", ""))), "date that can't be read: “2024-02-30”"),
        (bad_export(day_file=checkmarks(("03/01/2024", "YES_MANUAL", ""))), "date that can't be read"),
        (bad_export(day_file=checkmarks(("2024-03-01", "YES_MANUAL", ""), ("2024-03-01", "NO", ""))), "1 March 2024 twice"),
        (bad_export(day_file=checkmarks(("2024-03-01", "7", ""))), "value Loop never writes"),
        (bad_export(day_file=checkmarks(("2024-03-01", "MAYBE", ""))), "should be a whole number, not “MAYBE”"),
        (bad_export(day_file="Day,Value,Notes\n"), "not Loop's Date,Value,Notes"),
        (bad_export(day_file="Date,Value,Notes\n2024-03-01,YES_MANUAL\n"), "2 columns where Loop writes 3"),
        (bad_export(day_file=checkmarks(("2024-03-01", "YES_MANUAL", "x" * 1001))), "note for “Walk” on 1 March 2024 is 1001 characters"),
        (bad_export([habit_row(1, "Walk", kind="NUMERICAL", unit="hours", target_type="AT_LEAST", target="8")], checkmarks(("2024-03-01", "25000", ""))),
         "“Walk” has 25 hours on 1 March 2024; Selfcare takes 0 to 24 hours"),
        (bad_export([habit_row(1, "Walk", kind="NUMERICAL", unit="km", target_type="MAYBE", target="8")]), "target type Loop never writes"),
        (bad_export([habit_row(1, "Walk", kind="NUMERICAL", unit="km", target_type="AT_LEAST", target="lots")]), "should be a number, not “lots”"),
        (bad_export([habit_row(1, "Walk", freq=(0, 7))]), "frequency that can't be read"),
        (bad_export([habit_row(1, "Walk", archived="maybe")]), "should be true or false"),
        (bad_export([habit_row(1, "Walk"), habit_row(1, "Run")]), "position 1 twice"),
        (bad_export([habit_row(1, "   ")]), "has no name"),
        (bad_export([["001", "Walk"]]), "Line 2 of Habits.csv has 2 columns"),
        (b"this is not a zip", "could not be opened"),
    ],
)  # fmt: skip
def test_a_bad_csv_export_is_refused_with_a_clear_message(data, message):
    with pytest.raises(UnreadableFile, match=message.replace("(", r"\(").replace(")", r"\)")):
        loop.parse("export.zip", data)


# The backup: the schema Loop's migrations (09 … 25) leave behind.
SCHEMA_24 = """
create table Habits (id integer primary key autoincrement, archived integer, color integer, description text,
    freq_den integer, freq_num integer, highlight integer, name text, position integer, reminder_hour integer,
    reminder_min integer, reminder_days integer not null default 127, type integer not null default 0,
    target_type integer not null default 0, target_value real not null default 0, unit text not null default "",
    question text, uuid text);
create table Repetitions (id integer primary key autoincrement, habit integer not null references habits(id),
    timestamp integer not null, value integer not null);
create unique index idx_repetitions_habit_timestamp on Repetitions(habit, timestamp);
create table Events (id integer primary key autoincrement, timestamp integer, message text, server_id integer);
create table android_metadata (locale text);
"""
SCHEMA_25 = SCHEMA_24 + "alter table Repetitions add column notes text;"


def ms(day: date) -> int:
    """Loop's timestamp: milliseconds at UTC midnight of the local day."""
    return (day - date(1970, 1, 1)).days * 86_400_000


def backup(tmp_path, schema: str, version: int, habits: list[tuple], repetitions: list[tuple], name="loop.db") -> bytes:
    path = tmp_path / name
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.execute(f"pragma user_version = {version}")
    for row in habits:
        db.execute(f"insert into Habits ({', '.join(row[0])}) values ({', '.join('?' * len(row[1]))})", row[1])
    columns = "habit, timestamp, value, notes" if "notes" in schema else "habit, timestamp, value"
    for row in repetitions:
        db.execute(f"insert into Repetitions ({columns}) values ({', '.join('?' * len(row))})", row)
    db.commit()
    db.close()
    return path.read_bytes()


HABIT_COLUMNS = ("id", "archived", "color", "description", "freq_den", "freq_num", "highlight", "name", "position",
                 "reminder_hour", "reminder_min", "reminder_days", "type", "target_type", "target_value", "unit", "question", "uuid")  # fmt: skip


def loop_habit(pk, name, position, *, colour=7, freq=(1, 1), archived=0, reminder=(None, None, 0), kind=0, target_type=0,
               target=0.0, unit="", description=""):  # fmt: skip
    values = (pk, archived, colour, description, freq[1], freq[0], 0, name, position, *reminder, kind, target_type, target,
              unit, "Did you?", f"uuid{pk}")  # fmt: skip
    return (HABIT_COLUMNS, values)


def test_a_version_25_backup_brings_habits_days_notes_values_and_reminders(tmp_path):
    data = backup(
        tmp_path,
        SCHEMA_25,
        25,
        [
            loop_habit(3, "Read, \"slowly\" 📚", 1, colour=13, freq=(3, 7), reminder=(21, 5, 127), description="Calm evenings"),
            loop_habit(5, "Run", 0, colour=0, freq=(1, 2), reminder=(7, 30, 0b0111100), archived=1),
            loop_habit(8, "Sleep", 2, colour=11, kind=1, target_type=0, target=7.5, unit="hours"),
        ],
        [
            (3, ms(date(2024, 3, 1)), 2, "A good chapter,\nthen tea"),
            (3, ms(date(2024, 3, 2)), 3, None),
            (3, ms(date(2024, 3, 3)), 0, "Too tired"),
            (3, ms(date(2024, 3, 4)), 1, ""),
            (5, ms(date(2024, 3, 1)), 2, ""),
            (8, ms(date(2024, 3, 1)), 6500, "restless"),
            (99, ms(date(2024, 3, 1)), 2, "a habit that is gone"),
        ],
    )
    plan = loop.parse("Loop Habits Backup 2024-03-05.db", data)
    assert plan.source == "Loop Habit Tracker (backup)"
    run, read, sleep = plan.habits  # Loop's positions
    assert (read.name, read.schedule, read.times_per_week, read.colour, read.why) == ("Read, \"slowly\" 📚", "per_week", 3, "lilac", "Calm evenings")
    assert read.reminders == ["21:05"]
    assert days_of(read) == {
        date(2024, 3, 1): ("done", None, "A good chapter,\nthen tea"),
        date(2024, 3, 2): ("skipped", None, ""),
        date(2024, 3, 3): ("none", None, "Too tired"),
    }
    assert (run.archived, run.schedule, run.interval_days, run.colour, run.reminders) == (True, "every_n", 2, "rose", ["07:30"])
    assert days_of(run) == {date(2024, 3, 1): ("done", None, "")}
    assert (sleep.kind, sleep.unit, sleep.target, sleep.direction, sleep.colour) == ("measurable", "hours", Decimal("7.50"), "at_least", "sky")
    assert days_of(sleep) == {date(2024, 3, 1): ("partial", Decimal("6.50"), "restless")}
    # Loop's weekday bits start on Saturday: 0b0111100 is Monday to Thursday.
    assert plan.notes == ["“Run”: Loop reminded on Mon, Tue, Wed, Thu only; Selfcare reminds at 07:30 on every day it is due."]


def test_a_version_24_backup_has_no_notes_and_reads_the_same(tmp_path):
    data = backup(
        tmp_path,
        SCHEMA_24,
        24,
        [loop_habit(1, "Water", 0, kind=1, target_type=1, target=2.0, unit="litres", reminder=(8, 0, 127))],
        [(1, ms(date(2023, 12, 31)), 1500), (1, ms(date(2024, 1, 1)), 2500), (1, ms(date(2024, 1, 2)), 0)],
    )
    [water] = loop.parse("loop.db", data).habits
    assert (water.direction, water.target, water.reminders) == ("at_most", Decimal("2.00"), ["08:00"])
    assert days_of(water) == {
        date(2023, 12, 31): ("done", Decimal("1.50"), ""),
        date(2024, 1, 1): ("none", Decimal("2.50"), ""),
        date(2024, 1, 2): ("done", Decimal("0.00"), ""),
    }


def test_an_older_backup_without_values_counts_every_repetition_as_checked_and_keeps_the_first_of_a_twice_written_day(tmp_path):
    schema_15 = """
    create table Habits (id integer primary key autoincrement, archived integer, color integer, description text,
        freq_den integer, freq_num integer, highlight integer, name text, position integer, reminder_hour integer,
        reminder_min integer, reminder_days integer not null default 127);
    create table Repetitions (id integer primary key autoincrement, habit integer references habits(id), timestamp integer);
    """
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(schema_15)
    db.execute("pragma user_version = 15")
    db.execute("insert into Habits (id, archived, color, description, freq_den, freq_num, name, position) values (1, 0, 2, 'Did you floss?', 7, 5, 'Floss', 0)")
    db.executemany("insert into Repetitions (habit, timestamp) values (?, ?)", [(1, ms(date(2017, 5, 1))), (1, ms(date(2017, 5, 1))), (1, ms(date(2017, 5, 3)))])
    db.commit()
    db.close()
    [floss] = loop.parse("old.db", path.read_bytes()).habits
    # Before schema 23 the description was the question; before 21 colour 2 was yellow.
    assert (floss.why, floss.colour, floss.times_per_week) == ("", "sand", 5)
    assert days_of(floss) == {date(2017, 5, 1): ("done", None, ""), date(2017, 5, 3): ("done", None, "")}


def test_a_backup_is_never_written_to(tmp_path):
    data = backup(tmp_path, SCHEMA_25, 25, [loop_habit(1, "Walk", 0)], [(1, ms(date(2024, 3, 1)), 2, "")])
    assert loop.parse("loop.db", data).habits[0].days
    assert (tmp_path / "loop.db").read_bytes() == data


def sqlite_file(tmp_path, script: str, version: int = 25) -> bytes:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.executescript(script)
    db.execute(f"pragma user_version = {version}")
    db.commit()
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("script", "version", "message"),
    [
        ("create table Notes (id integer primary key, text text);", 1, "no Habits and Repetitions tables"),
        ("create table Habits (id integer primary key, name text); create table Repetitions (habit int, timestamp int);", 25, "lacks Loop's columns"),
        (SCHEMA_25, 26, "newer Loop Habit Tracker \\(database version 26\\)"),
        (SCHEMA_25 + "insert into Habits (id, name, freq_num, freq_den, color, position, archived) values (1, 'Walk', 1, 1, 0, 0, 0);"
         "insert into Repetitions (habit, timestamp, value) values (1, 0, 7);", 25, "value Loop never writes"),
        (SCHEMA_25 + "insert into Habits (id, name, freq_num, freq_den, color, position, archived, reminder_hour, reminder_min) "
         "values (1, 'Walk', 1, 1, 0, 0, 0, 25, 0);", 25, "reminder time that can't be read"),
        (SCHEMA_25 + "insert into Habits (id, name, freq_num, freq_den, color, position, archived) values (1, 'Walk', 1, 1, 0, 0, 0);"
         "insert into Repetitions (habit, timestamp, value) values (1, 9e18, 2);", 25, "can't be read in this backup"),
        (SCHEMA_25 + "insert into Habits (id, name, freq_num, freq_den, color, position, archived) values (1, NULL, 1, 1, 0, 0, 0);", 25, "has no name"),
    ],
)  # fmt: skip
def test_a_bad_backup_is_refused_with_a_clear_message(tmp_path, script, version, message):
    with pytest.raises(UnreadableFile, match=message):
        loop.parse("loop.db", sqlite_file(tmp_path, script, version))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("loop.db", b"not a database at all", "not an SQLite database"),
        ("loop.db", b"SQLite format 3\x00" + b"\x00" * 200, "damaged or isn't a Loop Habit Tracker backup"),
    ],
)
def test_a_db_file_that_is_not_sqlite_is_refused(name, data, message):
    with pytest.raises(UnreadableFile, match=message):
        loop.parse(name, data)


def zipped_sample(folder: Path) -> bytes:
    """A sample folder zipped the way Loop zips its export (paths relative to the export's top)."""
    return zipped({path.relative_to(folder).as_posix(): path.read_text() for path in sorted(folder.rglob("*")) if path.is_file()})


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="Loop's sample exports are not here (../shared/loop-samples)")
@pytest.mark.parametrize(("version", "days"), [("v2.3.1", 9), ("legacy", 6)])
def test_loops_own_sample_exports_read_with_the_expected_counts(version, days):
    plan = loop.parse("sample.zip", zipped_sample(SAMPLES / version))
    meditate, wake = plan.habits
    assert (meditate.name, meditate.schedule, meditate.colour, meditate.days) == ("Meditate", "daily", "sand", [])
    assert (wake.name, wake.schedule, wake.times_per_week, wake.colour) == ("Wake up early", "per_week", 5, "sage")
    assert wake.schedule_note == "Loop: 2 in 3 days → 5 times a week"
    assert len(wake.days) == days
    assert sum(day.status == "done" for day in wake.days) == 6
    assert plan.notes == []
