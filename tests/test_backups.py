"""`make backup` and `make restore FILE=...`: a dated copy, and everything back as it was."""

import shutil
import subprocess
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from routines.backups import KEY_WARNING
from routines.models import DayRecord, Habit, JournalEntry

from .test_config import ROOT

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Slept badly, walked anyway."


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def tools_for_this_database():
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed (apt-get install postgresql-client)")


def test_a_backup_then_changes_then_a_restore_brings_back_the_original(user, habit, tmp_path, tools_for_this_database):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 25), status="done", note=NOTE)
    JournalEntry.objects.create(owner=user, day=date(2026, 11, 25), mood=4, feelings=["calm"], text="A good walk.")

    out = run("backup", "--output", str(tmp_path))
    (path,) = tmp_path.iterdir()
    assert f"Backed up to {path}" in out and KEY_WARNING in out
    assert path.name.startswith("selfcare-20") and path.suffix in {".sqlite3", ".pgdump"}

    habit.name = "Renamed after the backup"
    habit.save()
    DayRecord.objects.all().delete()
    JournalEntry.objects.update(mood=1)
    Habit.objects.create(owner=user, name="Added after the backup", position=5, start_date=date(2026, 11, 26))

    out = run("restore", str(path))
    assert f"Restored from {path}" in out
    assert list(Habit.objects.values_list("name", flat=True)) == ["Stretch when I wake"]
    assert DayRecord.objects.get().note == NOTE
    entry = JournalEntry.objects.get()
    assert (entry.mood, entry.feelings, entry.text) == (4, ["calm"], "A good walk.")

    # What was there before the restore is kept beside it, so a wrong restore can be undone too.
    (before,) = [p for p in tmp_path.iterdir() if "before-restore" in p.name]
    run("restore", str(before))
    assert set(Habit.objects.values_list("name", flat=True)) == {"Renamed after the backup", "Added after the backup"}


def test_restoring_a_file_that_is_not_there_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        run("restore", str(tmp_path / "selfcare-nothing.sqlite3"))


def test_restoring_a_backup_of_the_other_kind_of_database_is_refused(db, tmp_path):
    other = tmp_path / ("selfcare-x.pgdump" if connection.vendor == "sqlite" else "selfcare-x.sqlite3")
    other.write_bytes(b"not this database")
    with pytest.raises(CommandError, match="is not a"):
        run("restore", str(other))


def test_backups_are_git_ignored():
    assert "/backups/" in (ROOT / ".gitignore").read_text().split()


def test_make_restore_without_a_file_explains_itself():
    result = subprocess.run(["make", "-s", "restore"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "make restore FILE=backups/" in result.stdout + result.stderr


def test_two_backups_in_the_same_second_both_keep_their_file(db, tmp_path, time_machine, tools_for_this_database):
    time_machine.move_to("2026-11-27 03:15:00+00:00", tick=False)
    run("backup", "--output", str(tmp_path))
    run("backup", "--output", str(tmp_path))
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".pgdump"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"selfcare-2026-11-27-031500-2{suffix}", f"selfcare-2026-11-27-031500{suffix}"]


def test_backups_are_readable_only_by_their_owner(db, tmp_path, tools_for_this_database):
    folder = tmp_path / "backups"
    run("backup", "--output", str(folder))
    assert folder.stat().st_mode & 0o777 == 0o700
    assert [p.stat().st_mode & 0o777 for p in folder.iterdir()] == [0o600]
