from datetime import timedelta
from decimal import Decimal

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from routines.days import user_today
from routines.management.commands import seed_demo
from routines.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERNAME
from routines.models import DayRecord, Habit, JournalEntry, User
from routines.records import status_for_value
from routines.starter import STARTER_ROUTINE, StarterHabit


def test_seed_demo_creates_an_account_with_about_eight_weeks_of_history(db, capsys):
    call_command("seed_demo")
    demo = User.objects.get(username=DEMO_USERNAME)
    assert demo.habits.count() == len(STARTER_ROUTINE)
    days = DayRecord.objects.filter(habit__owner=demo).values_list("day", flat=True)
    today = user_today(demo)
    assert today - timedelta(days=56) <= min(days) < today - timedelta(days=49)
    assert max(days) < today
    assert len(days) > len(STARTER_ROUTINE) * 56 * 0.4
    statuses = set(DayRecord.objects.filter(habit__owner=demo).values_list("status", flat=True))
    assert {"done", "partial", "skipped"} <= statuses
    assert f"log in as '{DEMO_USERNAME}' with password '{DEMO_PASSWORD}'" in capsys.readouterr().out


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo")
    counts = (User.objects.count(), Habit.objects.count(), DayRecord.objects.count(), JournalEntry.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Habit.objects.count(), DayRecord.objects.count(), JournalEntry.objects.count()) == counts


def test_seed_demo_measurements_match_their_status(db, monkeypatch):
    # An "at most" habit too: over its limit is simply not done, as anywhere else in the app.
    screens = StarterHabit("Screens after dinner", "evening", Habit.Kind.MEASURABLE, "hours", Decimal(2), Habit.Direction.AT_MOST)
    monkeypatch.setattr(seed_demo, "STARTER_ROUTINE", [*STARTER_ROUTINE, screens])
    call_command("seed_demo")
    records = DayRecord.objects.filter(value__isnull=False).select_related("habit")
    assert any(record.habit.direction == Habit.Direction.AT_MOST for record in records)
    for record in records:
        assert record.status in (status_for_value(record.habit, record.value), "skipped")


def test_the_demo_login_works(db):
    call_command("seed_demo")
    client = Client()
    response = client.post(reverse("login"), {"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("today")


def test_the_demo_has_weeks_of_check_ins_so_the_journal_and_moods_show_something(db):
    call_command("seed_demo")
    demo = User.objects.get(username=DEMO_USERNAME)
    entries = list(demo.journal_entries.all())
    assert len(entries) > 56 * 0.5
    assert all(1 <= entry.mood <= 5 and len(entry.feelings) == 2 for entry in entries)
    assert any(entry.text and entry.prompt for entry in entries)
    assert max(entry.day for entry in entries) < user_today(demo)
