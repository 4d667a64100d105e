"""Download my data: a streamed ZIP of spreadsheets and selfcare.json."""

import csv
import io
import json
import tracemalloc
import zipfile
from datetime import date, time, timedelta
from decimal import Decimal

from routines import exporting
from routines.models import DayRecord, Habit, JournalEntry, Pause, RestDay, SupportContact, SupportItem


def unzip(owner) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(exporting.export_zip(owner))))


def rows(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    text = archive.read(name).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_zip_holds_every_part_of_the_account(user, habit, measurable_habit, other_habit):
    DayRecord.objects.create(habit=habit, day=date(2026, 3, 1), status="done", note="=HYPERLINK(\"x\")")
    DayRecord.objects.create(habit=measurable_habit, day=date(2026, 3, 2), status="partial", value=Decimal("5.50"))
    DayRecord.objects.create(habit=other_habit, day=date(2026, 3, 1), status="done", note="not mine")
    Pause.objects.create(habit=habit, start=date(2026, 2, 1), until=date(2026, 2, 5))
    JournalEntry.objects.create(owner=user, day=date(2026, 3, 1), mood=2, feelings=["tired", "@home"], text="-a heavy day")
    RestDay.objects.create(owner=user, day=date(2026, 3, 3), habit_ids=[habit.pk])
    SupportContact.objects.create(owner=user, name="+Mum", phone="+44 20 7946 0958")
    SupportItem.objects.create(owner=user, kind="helps", text="A walk outside")
    user.quiet_start, user.quiet_end = time(22), time(7)
    user.save()

    archive = unzip(user)

    assert archive.namelist() == ["habits.csv", "checkins.csv", "journal.csv", "support.csv", "selfcare.json"]
    assert [row[0] for row in rows(archive, "habits.csv")] == ["name", "Stretch when I wake", "Sleep"]
    assert rows(archive, "checkins.csv") == [
        ["date", "habit", "status", "value", "note"],
        ["2026-03-01", "Stretch when I wake", "done", "", "'=HYPERLINK(\"x\")"],
        ["2026-03-02", "Sleep", "partial", "5.50", ""],
    ]
    assert rows(archive, "journal.csv")[1] == ["2026-03-01", "2", "tired, @home", "'-a heavy day"]
    assert rows(archive, "support.csv")[1:] == [["contact", "'+Mum", "'+44 20 7946 0958", ""], ["helps", "", "", "A walk outside"]]
    document = json.loads(archive.read("selfcare.json"))
    assert document["schema_version"] == exporting.SCHEMA_VERSION and document["exported"]
    assert document["settings"]["quiet_start"] == "22:00"
    assert document["settings"]["theme"] == "system"
    stretch, sleep = document["habits"]
    assert stretch["pauses"] == [{"start": "2026-02-01", "until": "2026-02-05"}]
    assert stretch["records"] == [{"day": "2026-03-01", "status": "done", "value": None, "note": "=HYPERLINK(\"x\")"}]
    assert sleep["records"][0]["value"] == "5.50" and sleep["target"] == "7.00"
    assert document["rest_days"] == [{"day": "2026-03-03", "habits": ["Stretch when I wake"]}]
    assert document["journal"][0]["text"] == "-a heavy day"
    assert document["support"]["contacts"] == [{"name": "+Mum", "phone": "+44 20 7946 0958"}]


def test_an_empty_account_exports_a_valid_zip(user):
    document = json.loads(unzip(user).read("selfcare.json"))
    assert document["habits"] == [] and document["journal"] == []


def test_the_file_name_carries_the_date():
    assert exporting.file_name(date(2026, 11, 26)) == "selfcare-2026-11-26.zip"


def years_of_records(user, years: int) -> None:
    start = date(2020, 1, 1)
    for number in range(20):
        habit = Habit.objects.create(owner=user, name=f"Habit {number}", position=number, start_date=start)
        DayRecord.objects.bulk_create(
            DayRecord(habit=habit, day=start + timedelta(days=offset), status="done", note="a few words of note" * 3)
            for offset in range(365 * years)
        )


def peak_export_memory(user) -> int:
    tracemalloc.start()
    try:
        for _ in exporting.export_zip(user):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_exporting_three_years_takes_no_more_memory_than_one(user, other_user, django_assert_max_num_queries):
    years_of_records(other_user, 1)
    years_of_records(user, 3)
    one_year = peak_export_memory(other_user)
    with django_assert_max_num_queries(20):
        three_years = peak_export_memory(user)
    print(f"peak memory: 1 year {one_year / 1e6:.2f} MB, 3 years {three_years / 1e6:.2f} MB")
    assert three_years < one_year * 1.5
    assert three_years < 8 * 1024 * 1024
