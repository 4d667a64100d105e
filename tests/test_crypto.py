"""Notes, check-in text and feelings are encrypted at rest: the database holds tokens, the app reads words."""

import subprocess
from io import StringIO
import sys
import time
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from routines.models import DayRecord, JournalEntry
from selfcare.settings import development_key

from .test_config import KEY, ROOT, load_settings

NOTE = "Cried in the car, and that was fine."
WORDS = "Talked to my sister about the hospital."
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def written(user, habit):
    record = DayRecord.objects.create(habit=habit, day=date(2026, 11, 25), status="done", note=NOTE)
    entry = JournalEntry.objects.create(owner=user, day=date(2026, 11, 25), feelings=["anxious", "hopeful"], text=WORDS)
    return record, entry


def test_the_database_row_holds_no_plain_words(written):
    record, entry = written
    stored = [
        raw("routines_dayrecord", "note", record.pk),
        raw("routines_journalentry", "text", entry.pk),
        str(raw("routines_journalentry", "feelings", entry.pk)),
    ]
    for token, words in zip(stored, [NOTE, WORDS, "anxious"]):
        assert token.startswith("gAAAAA") and words not in token and "car" not in token


def test_the_words_come_back_as_written(written):
    record, entry = written
    assert DayRecord.objects.get(pk=record.pk).note == NOTE
    entry = JournalEntry.objects.get(pk=entry.pk)
    assert entry.text == WORDS and entry.feelings == ["anxious", "hopeful"]
    assert list(JournalEntry.objects.values_list("text", flat=True)) == [WORDS]


def test_an_empty_note_stays_empty_so_rows_with_words_can_still_be_found(habit, written):
    empty = DayRecord.objects.create(habit=habit, day=date(2026, 11, 24), status="done")
    assert raw("routines_dayrecord", "note", empty.pk) == ""
    assert list(DayRecord.objects.exclude(note="").values_list("note", flat=True)) == [NOTE]


def test_a_search_in_the_database_is_refused_rather_than_silently_empty(written):
    with pytest.raises(FieldError, match="encrypted"):
        DayRecord.objects.filter(note__icontains="car").exists()


def test_the_writes_through_upserts_are_encrypted_too(user, habit):
    from routines.journal import save_entry
    from routines.records import write_day

    write_day(habit, date(2026, 11, 25), note=NOTE)
    save_entry(user, date(2026, 11, 25), {"text": WORDS, "feelings": ["calm"]}, ["text", "feelings"])
    assert NOTE not in raw("routines_dayrecord", "note", DayRecord.objects.get().pk)
    assert WORDS not in raw("routines_journalentry", "text", JournalEntry.objects.get().pk)
    assert JournalEntry.objects.get().text == WORDS and DayRecord.objects.get().note == NOTE


def test_rotation_rewrites_every_row_under_the_new_key(written, settings):
    record, entry = written
    settings.ENCRYPTION_KEYS = [OLD_KEY, *settings.ENCRYPTION_KEYS]
    call_command("rotate_encryption_key", stdout=StringIO())  # everything under the old key first
    old_token = raw("routines_dayrecord", "note", record.pk)
    Fernet(OLD_KEY).decrypt(old_token.encode())

    settings.ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_encryption_key", stdout=StringIO())
    settings.ENCRYPTION_KEYS = [NEW_KEY]  # the old key is gone: every row must still read
    assert Fernet(NEW_KEY).decrypt(raw("routines_dayrecord", "note", record.pk).encode()).decode() == NOTE
    entry = JournalEntry.objects.get(pk=entry.pk)
    assert entry.text == WORDS and entry.feelings == ["anxious", "hopeful"]
    assert DayRecord.objects.get(pk=record.pk).note == NOTE


def test_rotation_keeps_the_time_a_person_last_wrote(written, settings):
    record, _ = written
    before = DayRecord.objects.get(pk=record.pk).updated
    settings.ENCRYPTION_KEYS = [NEW_KEY, *settings.ENCRYPTION_KEYS]
    call_command("rotate_encryption_key", stdout=StringIO())
    assert DayRecord.objects.get(pk=record.pk).updated == before


def test_the_admin_list_still_never_shows_notes(admin_client, written):
    body = admin_client.get(reverse("admin:routines_dayrecord_changelist")).content.decode()
    assert NOTE not in body and "Stretch when I wake" in body


def test_search_matches_decrypted_words_with_a_query_count_that_does_not_grow(
    logged_in_client, user, habit, django_assert_num_queries
):
    def add(first: int, count: int) -> None:
        JournalEntry.objects.bulk_create(
            JournalEntry(owner=user, day=date(2026, 11, 25) - timedelta(days=first + i), text=f"walked by the sea {first + i}")
            for i in range(count)
        )
        DayRecord.objects.bulk_create(
            DayRecord(habit=habit, day=date(2026, 11, 25) - timedelta(days=first + i), note="sea air") for i in range(count)
        )

    add(0, 2)
    with django_assert_num_queries(6) as few:  # session, user, entries, notes, the page's entries, its notes
        body = logged_in_client.get(reverse("journal"), {"q": "SEA"}).content.decode()
    assert "walked by the sea 1" in body
    add(2, 300)
    with django_assert_num_queries(len(few.captured_queries)):
        body = logged_in_client.get(reverse("journal"), {"q": "sea 299"}).content.decode()
    assert "walked by the sea 299" in body and "walked by the sea 1<" not in body


# Keys


def test_production_refuses_to_start_without_an_encryption_key():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="selfcare.example")
    assert result.returncode != 0 and "ENCRYPTION_KEYS must be set when DEBUG is off" in result.stderr


def test_a_key_that_is_not_a_fernet_key_is_refused():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="selfcare.example", ENCRYPTION_KEYS="short")
    assert result.returncode != 0 and "must be a Fernet key" in result.stderr


def test_several_keys_are_read_in_order():
    result = subprocess.run(
        [sys.executable, "-c", "import selfcare.settings as s; print(s.ENCRYPTION_KEYS)"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": "x" * 50, "ENCRYPTION_KEYS": f"{NEW_KEY}, {KEY}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == str([NEW_KEY, KEY]), result.stderr


def test_development_makes_one_private_key_file_and_keeps_it(tmp_path):
    path = tmp_path / ".encryption-key"
    key = development_key(path)
    Fernet(key)
    assert development_key(path) == key and path.stat().st_mode & 0o777 == 0o600
    assert list(tmp_path.iterdir()) == [path]


def test_the_key_file_is_git_ignored():
    assert "/.encryption-key" in (ROOT / ".gitignore").read_text().split()


# The migration


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_what_was_written_before_it(user, habit):
    executor = MigrationExecutor(connection)
    executor.migrate([("routines", "0009_journal")])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO routines_dayrecord (habit_id, day, status, note, created, updated) "
            "VALUES (%s, '2026-11-20', 'done', %s, '2026-11-20 10:00', '2026-11-20 10:00')",
            [habit.pk, NOTE],
        )
        cursor.execute(
            "INSERT INTO routines_journalentry (owner_id, day, feelings, prompt, text, created, updated) "
            "VALUES (%s, '2026-11-20', %s, '', %s, '2026-11-20 10:00', '2026-11-20 10:00')",
            [user.pk, '["calm", "my own word"]', WORDS],
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("routines"))
    record, entry = DayRecord.objects.get(), JournalEntry.objects.get()
    assert NOTE not in raw("routines_dayrecord", "note", record.pk)
    assert WORDS not in raw("routines_journalentry", "text", entry.pk)
    assert "calm" not in raw("routines_journalentry", "feelings", entry.pk)
    assert record.note == NOTE and entry.text == WORDS and entry.feelings == ["calm", "my own word"]


def test_searching_three_years_of_writing_takes_a_moment_not_seconds(user, habit, capsys):
    """Not a timed assertion: prints the figure for the report (about 1,100 entries and 1,100 notes)."""
    first = date(2026, 11, 25)
    JournalEntry.objects.bulk_create(JournalEntry(owner=user, day=first - timedelta(days=i), text=WORDS * 3) for i in range(1100))
    DayRecord.objects.bulk_create(DayRecord(habit=habit, day=first - timedelta(days=i), note=NOTE) for i in range(1100))
    from routines.views.journal import matching_days

    start = time.perf_counter()
    assert len(matching_days(user, "hospital", "", None)) == 1100
    with capsys.disabled():
        print(f"\nsearch over 1100 entries + 1100 notes: {1000 * (time.perf_counter() - start):.0f} ms")
