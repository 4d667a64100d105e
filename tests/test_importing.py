"""Import: the format read from the bytes, Selfcare's own file read back exactly, and one transaction."""

import io
import json
import sqlite3
import sys
import types
import zipfile
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from routines import exporting
from routines.importing import apply, detect
from routines.importing.plan import ImportedDay, ImportedHabit, ImportPlan, UnreadableFile
from routines.models import DayRecord, Habit, JournalEntry, RestDay, SupportContact, SupportItem, User


def export_bytes(owner: User) -> bytes:
    return b"".join(exporting.export_zip(owner))


def exported_document(owner: User) -> dict:
    document = json.loads(zipfile.ZipFile(io.BytesIO(export_bytes(owner))).read("selfcare.json"))
    del document["exported"]
    return document


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- the account generator for the round trip ---

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))
words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40)
amounts = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def habit_fields(draw, name: str, archived: bool) -> dict:
    schedule = draw(st.sampled_from(Habit.Schedule.values))
    kind = draw(st.sampled_from(Habit.Kind.values))
    return {
        "name": name,
        "kind": kind,
        "unit": draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=5)),  # what a form or database can hold (no NUL)
        "target": draw(amounts.filter(lambda a: a > 0)) if kind == "measurable" else None,
        "direction": draw(st.sampled_from(Habit.Direction.values)),
        "schedule": schedule,
        "weekdays": draw(st.integers(1, 127)) if schedule == "weekdays" else 0,
        "times_per_week": draw(st.integers(1, 6)) if schedule == "per_week" else None,
        "interval_days": draw(st.integers(2, 30)) if schedule == "every_n" else None,
        "time_of_day": draw(st.sampled_from(Habit.TimeOfDay.values)),
        "colour": draw(st.sampled_from(Habit.Colour.values)),
        "why": draw(words),
        "reminders": sorted(draw(st.sets(st.sampled_from(["07:30", "12:00", "21:15"]), max_size=3))),
        "start_date": draw(days),
        "archived": archived,
    }


@st.composite
def accounts(draw) -> dict:
    names = draw(st.lists(st.text("abcdé XYZ", min_size=1, max_size=12).map(str.strip).filter(bool), max_size=4, unique_by=str.lower))
    habits = [draw(habit_fields(name, draw(st.booleans()))) for name in names]
    for habit in habits:
        habit["records"] = draw(st.lists(st.tuples(days, st.sampled_from(DayRecord.Status.values), st.none() | amounts, words), max_size=6, unique_by=lambda r: r[0]))
        start = draw(days)
        habit["pauses"] = [(start, start + timedelta(days=draw(st.integers(1, 20))))] if draw(st.booleans()) else []
    return {
        "habits": habits,
        "journal": draw(st.lists(st.tuples(days, st.none() | st.integers(1, 5), st.lists(st.sampled_from(["calm", "tired", "my own"]), max_size=3, unique=True), words), max_size=4, unique_by=lambda e: e[0])),
        "rest_days": draw(st.lists(days, max_size=2, unique=True)),
        "contacts": draw(st.lists(st.tuples(st.text("Mum Dad", min_size=1, max_size=8).filter(str.strip), st.sampled_from(["116 123", "+44 20 7946 0958"])), max_size=3)),
        "items": draw(st.lists(st.tuples(st.sampled_from(["helps", "signs"]), words.filter(str.strip)), max_size=3)),
        "quiet": draw(st.booleans()),
        "day_start_hour": draw(st.integers(0, 6)),
    }


def make_account(username: str, account: dict) -> User:
    owner = User.objects.create_user(username, password="x", time_zone="Asia/Tokyo", day_start_hour=account["day_start_hour"])
    if account["quiet"]:
        owner.quiet_start, owner.quiet_end = time(22), time(6, 30)
        owner.save()
    active = 0
    made = []
    for fields in account["habits"]:
        fields = dict(fields)
        records, pauses = fields.pop("records"), fields.pop("pauses")
        habit = Habit.objects.create(owner=owner, position=active if not fields["archived"] else 7, **fields)
        active += not fields["archived"]
        made.append(habit)
        for day, status, value, note in records:
            DayRecord.objects.create(habit=habit, day=day, status=status, value=value, note=note)
        for start, until in pauses:
            habit.pauses.create(start=start, until=until)
    for day, mood, feelings, text in account["journal"]:
        JournalEntry.objects.create(owner=owner, day=day, mood=mood, feelings=feelings, text=text, prompt="How do I feel?")
    for day in account["rest_days"]:
        RestDay.objects.create(owner=owner, day=day, habit_ids=[habit.pk for habit in made[:2]])
    for position, (name, phone) in enumerate(account["contacts"]):
        SupportContact.objects.create(owner=owner, name=name, phone=phone, position=position)
    for position, (kind, text) in enumerate(account["items"]):
        SupportItem.objects.create(owner=owner, kind=kind, text=text, position=position)
    return owner


class TestRoundTrip(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(accounts())
    def test_export_then_import_into_an_empty_account_then_export_gives_the_same_data(self, account):
        original = make_account("original", account)
        data = export_bytes(original)
        empty = User.objects.create_user("empty", password="x")

        apply.apply(empty, detect.read_upload("selfcare.zip", data), merge=set())

        assert exported_document(User.objects.get(pk=empty.pk)) == exported_document(original)


# --- detection ---


def fake_parser(monkeypatch, module: str) -> list:
    calls = []
    fake = types.ModuleType(f"routines.importing.{module}")
    fake.parse = lambda name, data: calls.append((name, data)) or ImportPlan(source=module)
    monkeypatch.setitem(sys.modules, f"routines.importing.{module}", fake)
    return calls


def test_a_loop_csv_zip_goes_to_the_loop_parser(monkeypatch):
    calls = fake_parser(monkeypatch, "loop")
    data = zipped({"Habits.csv": b"Position,Name\n", "001 Walk/Checkmarks.csv": b""})
    assert detect.read_upload("Loop Habits CSV.zip", data).source == "loop"
    assert calls == [("Loop Habits CSV.zip", data)]


def test_a_loop_backup_goes_to_the_loop_parser_by_its_header(monkeypatch):
    calls = fake_parser(monkeypatch, "loop")
    data = b"SQLite format 3\x00" + b"\x00" * 100
    assert detect.read_upload("whatever.txt", data).source == "loop" and len(calls) == 1


def test_beaver_json_goes_to_the_beaver_parser(monkeypatch):
    calls = fake_parser(monkeypatch, "beaver")
    data = json.dumps({"habits": [{"name": "Walk", "completions": []}]}).encode()
    assert detect.read_upload("beaver.json", data).source == "beaver" and len(calls) == 1


def test_selfcare_json_alone_and_in_its_zip_are_read_here(user, habit):
    data = export_bytes(user)
    document = zipfile.ZipFile(io.BytesIO(data)).read("selfcare.json")
    assert [h.name for h in detect.read_upload("x.zip", data).habits] == ["Stretch when I wake"]
    assert detect.read_upload("selfcare.json", document).source == "Selfcare"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"hello, this is text", "can't read this file"),
        (b"Name,Date\nWalk,2026-01-01\n", "can't read this file"),
        (b"\x89PNG\r\n\x1a\n....", "can't read this file"),
        (b'{"habits": "no"}', "can't read this file"),
        (b'{"format": "selfcare", "schema_version": 99}', "newer Selfcare"),
        (b'{"format": "selfcare", "schema_version": 1, "habits": [{"name": ""}]}', "habit 1"),
        (b'{"format": "selfcare", "schema_version": 1, "habits": [{"name": "Walk", "records": [{"day": "2026-02-30", "status": "done"}]}]}', "“day”"),
        (b'{"format": "selfcare", "schema_version": 1, "habits": [{"name": "Walk", "kind": "measurable"}]}', "“target”"),
        (b"PK\x03\x04 broken", "could not be opened"),
    ],
)
def test_a_bad_file_gets_a_clear_message(data, message):
    with pytest.raises(UnreadableFile, match=message):
        detect.read_upload("file", data)


def test_a_zip_without_a_known_export_is_refused():
    with pytest.raises(UnreadableFile, match="holds no export"):
        detect.read_upload("x.zip", zipped({"notes.txt": b"hello"}))


def test_a_file_over_20_mb_is_refused_before_it_is_read():
    with pytest.raises(UnreadableFile, match="over 20 MB"):
        detect.read_upload("big.json", b" " * (20 * 1024 * 1024 + 1))


def test_a_zip_bomb_is_refused():
    with pytest.raises(UnreadableFile, match="far too big"):
        detect.read_upload("bomb.zip", zipped({"selfcare.json": b" " * (60 * 1024 * 1024)}))


# --- writing ---


def plan_with(*habits: ImportedHabit, **fields) -> ImportPlan:
    return ImportPlan(source="test", habits=list(habits), **fields)


def test_an_error_on_the_last_row_leaves_nothing_behind(user, habit):
    days = [ImportedDay(day=date(2026, 1, 1) + timedelta(days=n), status="done") for n in range(2500)]
    days[-1].status = "no such status"  # refused by the database's check, after every other row was sent
    plan = plan_with(ImportedHabit(name="Walk", days=days), ImportedHabit(name=habit.name, days=days[:3]))
    plan.entries = []
    plan.support_items = [("helps", "A walk")]
    with pytest.raises(UnreadableFile, match="nothing was imported"):
        apply.apply(user, plan, merge={1})
    assert list(Habit.objects.all()) == [habit]
    assert not DayRecord.objects.exists() and not SupportItem.objects.exists()


def test_a_matched_habit_is_merged_or_brought_in_under_a_free_name(user, habit, measurable_habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 1, 2), status="none", note="kept words")
    walk = ImportedHabit(name="stretch WHEN i wake", days=[ImportedDay(date(2026, 1, 2), "done"), ImportedDay(date(2026, 1, 3), "done", note="new")])
    sleep = ImportedHabit(name="Sleep", days=[ImportedDay(date(2026, 1, 2), "done")])
    plan = plan_with(walk, sleep)

    shown = apply.preview(user, plan)
    assert [row.match for row in shown.habits] == [habit, measurable_habit]
    assert [row.new_name for row in shown.habits] == ["stretch WHEN i wake (imported)", "Sleep (imported)"]
    assert (shown.first_day, shown.last_day, shown.records) == (date(2026, 1, 2), date(2026, 1, 3), 3)

    done = apply.apply(user, plan, merge={0})

    assert (done.merged_habits, done.new_habits, done.records) == (1, 1, 3)
    merged = {r.day: (r.status, r.note) for r in habit.records.all()}
    assert merged == {date(2026, 1, 2): ("done", "kept words"), date(2026, 1, 3): ("done", "new")}
    new = Habit.objects.get(name="Sleep (imported)")
    assert new.position == 2 and new.records.count() == 1 and new.start_date == date(2026, 1, 2)
    assert sorted(Habit.objects.filter(archived=False).values_list("position", flat=True)) == [0, 1, 2]


def test_journal_days_already_written_are_kept(user):
    JournalEntry.objects.create(owner=user, day=date(2026, 1, 1), text="mine")
    from routines.importing.plan import ImportedEntry

    plan = plan_with(entries=[ImportedEntry(date(2026, 1, 1), text="theirs"), ImportedEntry(date(2026, 1, 2), mood=3, feelings=["brave"])])
    done = apply.apply(user, plan, merge=set())
    assert (done.entries, done.entries_kept) == (1, 1) and done.notes
    assert JournalEntry.objects.get(day=date(2026, 1, 1)).text == "mine"
    user.refresh_from_db()
    assert user.feeling_words == ["brave"]


def test_support_lists_keep_their_limit(user):
    for n in range(8):
        SupportItem.objects.create(owner=user, kind="helps", text=f"line {n}", position=n)
    done = apply.apply(user, plan_with(support_items=[("helps", "line 1"), ("helps", "new line"), ("signs", "tired")]), merge=set())
    assert SupportItem.objects.filter(kind="helps").count() == 8 and SupportItem.objects.filter(kind="signs").count() == 1
    assert "1 support entries" in done.notes[0]


# Hostile or damaged files: a calm message, never a server error, never unbounded work


def loop_csv_with_target(target: str) -> bytes:
    from .test_import_loop import export, habit_row

    return export([habit_row(1, "Read", kind="NUMERICAL", unit="pages", target_type="AT_LEAST", target=target)], {})


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,  # nesting deeper than Python's parser goes
        zipped({"selfcare.json": b"[" * 100_000}),
        json.dumps({"habits": [{"id": "a", "name": "Read", "status": "active", "period": {"period_type": ["D"]}, "records": []}], "order": []}).encode(),
        loop_csv_with_target("1E+100"),
        loop_csv_with_target("inf"),
    ],
    ids=["deep json", "deep json in a zip", "beaver period of a list", "huge target", "infinite target"],
)
def test_a_hostile_or_damaged_file_gets_a_calm_message(data):
    with pytest.raises(UnreadableFile):
        detect.read_upload("file", data)


def test_a_loop_backup_cannot_make_a_huge_value_out_of_a_tiny_file(tmp_path):
    path = tmp_path / "bomb.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE Habits (id INTEGER PRIMARY KEY, name TEXT GENERATED ALWAYS AS (printf('%.*c', 300000000, 'x')), "
        "position INTEGER, archived INTEGER, color INTEGER, description TEXT, freq_den INTEGER, freq_num INTEGER, "
        "highlight INTEGER, reminder_days INTEGER, reminder_hour INTEGER, reminder_min INTEGER, type INTEGER, "
        "target_type INTEGER, target_value REAL, unit TEXT, question TEXT, uuid TEXT);"
        "CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER, value INTEGER, notes TEXT);"
        "INSERT INTO Habits (id, position) VALUES (1, 0); PRAGMA user_version = 25;"
    )
    db.close()
    assert path.stat().st_size < 50_000
    with pytest.raises(UnreadableFile):
        detect.read_upload("loop.db", path.read_bytes())


def test_a_habit_brought_in_under_a_new_name_keeps_its_rest_days(user, habit):
    plan = plan_with(ImportedHabit(name=habit.name, days=[ImportedDay(date(2026, 1, 2), "skipped")]))
    plan.entries = []
    plan.rest_days = [(date(2026, 1, 2), [habit.name]), (date(2026, 1, 3), ["A habit not in the file"])]
    apply.apply(user, plan, merge=set())
    imported = Habit.objects.get(name=f"{habit.name} (imported)")
    assert list(RestDay.objects.values_list("day", "habit_ids")) == [(date(2026, 1, 2), [imported.pk])]
