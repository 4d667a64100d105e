"""What every page shares: login first, only the methods it takes, and another person's habit is a 404."""

from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from routines.models import DayRecord, Habit, JournalEntry, NudgeState, Pause

# Every page by URL name: the methods it takes, and whether it works without logging in.
# (The calendar feed is public: a long private token protects it, since calendar apps cannot log in.)
PAGES: dict[str, tuple[set[str], bool]] = {
    "landing": ({"GET"}, True),
    "signup": ({"GET", "POST"}, True),
    "help": ({"GET"}, True),
    "manifest": ({"GET"}, True),
    "service_worker": ({"GET"}, True),
    "offline": ({"GET"}, True),
    "calendar_feed": ({"GET"}, True),
    "password_reset": ({"GET", "POST"}, True),
    "password_reset_confirm": ({"GET", "POST"}, True),
    "login": ({"GET", "POST"}, True),
    "password_change": ({"GET", "POST"}, False),
    "welcome": ({"GET", "POST"}, False),
    "today": ({"GET"}, False),
    "rest_day": ({"POST"}, False),
    "undo_rest": ({"POST"}, False),
    "today_row": ({"GET"}, False),
    "check_off": ({"POST"}, False),
    "measure": ({"POST"}, False),
    "week": ({"GET"}, False),
    "week_of": ({"GET"}, False),
    "week_day": ({"GET", "POST"}, False),
    "week_cell": ({"POST"}, False),
    "habit": ({"GET"}, False),
    "history": ({"GET"}, False),
    "journal": ({"GET"}, False),
    "check_in": ({"GET", "POST"}, False),
    "safeguard_hide": ({"POST"}, False),
    "review_hide": ({"POST"}, False),
    "look_back_choice": ({"POST"}, False),
    "nudges": ({"GET"}, False),
    "nudge_done": ({"POST"}, False),
    "nudge_snooze": ({"POST"}, False),
    "nudge_dismiss": ({"POST"}, False),
    "push_action": ({"POST"}, False),
    "routine": ({"GET"}, False),
    "habit_new": ({"GET", "POST"}, False),
    "add_idea": ({"POST"}, False),
    "routine_row": ({"GET"}, False),
    "habit_edit": ({"GET", "POST"}, False),
    "habit_move": ({"POST"}, False),
    "habit_pause": ({"POST"}, False),
    "habit_resume": ({"POST"}, False),
    "habit_archive": ({"POST"}, False),
    "habit_restore": ({"POST"}, False),
    "habit_delete": ({"GET", "POST"}, False),
    "settings": ({"GET", "POST"}, False),
    "log_out_elsewhere": ({"POST"}, False),
    "push_subscribe": ({"POST"}, False),
    "push_test": ({"POST"}, False),
    "push_remove": ({"POST"}, False),
    "calendar_link": ({"POST"}, False),
    "data_export": ({"GET"}, False),
    "import_upload": ({"GET", "POST"}, False),
    "import_preview": ({"GET", "POST"}, False),
    "import_cancel": ({"POST"}, False),
    "account_delete": ({"GET", "POST"}, False),
    "support_contact_add": ({"POST"}, False),
    "support_contact_edit": ({"GET", "POST"}, False),
    "support_contact_delete": ({"POST"}, False),
    "support_item_add": ({"POST"}, False),
    "support_item_edit": ({"GET", "POST"}, False),
    "support_item_delete": ({"POST"}, False),
}
PATTERNS = {p.name: p for p in get_resolver().url_patterns if isinstance(p, URLPattern) and p.name}
PRIVATE = [name for name, (_, public) in PAGES.items() if not public]
# Support entries, waiting imports and push devices have their own ownership tests (test_views_help.py,
# test_views_data.py, test_views_push.py); these routes take a habit.
WITH_A_HABIT = [
    name for name in PAGES if "pk" in PATTERNS[name].pattern.converters and not name.startswith(("support_", "import_", "push_"))
]
METHODS = {"GET", "POST", "PUT", "DELETE"}
TOKEN = "a-long-unguessable-token-for-tests-only-1234"


def url(name: str, habit: Habit | None = None) -> str:
    samples = {
        "pk": habit.pk if habit else 1,
        "start": date(2026, 11, 23),
        "day": date(2026, 11, 26),
        "token": TOKEN,
        "kind": "helps",
        "uidb64": "MQ",
    }
    return reverse(name, kwargs={key: samples[key] for key in PATTERNS[name].pattern.converters})


def send(client: Client, method: str, address: str):
    return getattr(client, method.lower())(address)


def test_the_table_names_every_page():
    assert set(PATTERNS) == set(PAGES)


@pytest.mark.parametrize("name", PRIVATE)
def test_every_private_page_asks_a_logged_out_person_to_log_in(client, habit, name):
    for method in METHODS:
        response = send(client, method, url(name, habit))
        assert response.status_code == 302 and response.url.startswith(reverse("login")), method
    assert not DayRecord.objects.exists() and not JournalEntry.objects.exists() and Habit.objects.get() == habit


@pytest.mark.parametrize("name", PAGES)
def test_every_page_refuses_the_methods_it_does_not_take(logged_in_client, user, habit, name):
    user.calendar_token = TOKEN
    user.save()
    allowed, _ = PAGES[name]
    for method in METHODS - allowed:
        assert send(logged_in_client, method, url(name, habit)).status_code == 405, method
    habit.refresh_from_db()
    assert not DayRecord.objects.exists() and not NudgeState.objects.exists() and not Pause.objects.exists()
    assert not habit.archived and user.habits.count() == 1


@pytest.mark.parametrize("name", WITH_A_HABIT)
def test_another_persons_habit_is_404_and_stays_as_it_was(logged_in_client, other_habit, name, on_thursday):
    for method in PAGES[name][0]:
        assert send(logged_in_client, method, url(name, other_habit)).status_code == 404, method
    other_habit.refresh_from_db()
    assert other_habit.name == "Someone else's walk" and not other_habit.archived
    assert not DayRecord.objects.exists() and not NudgeState.objects.exists() and not Pause.objects.exists()
