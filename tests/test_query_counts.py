"""Every page reads the database a fixed, small number of times, whatever the person has stored.

Today takes at most 6 queries, every other page at most 8, with a year and more of data behind
them (the session and the user are two of them). The counts that must not grow with the data are
checked page by page in each page's own tests, from little data to much.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from routines.models import JournalEntry, NudgeState, Pause, RestDay, SupportContact, SupportItem

from .conftest import habits_with_history
from .test_views_common import PAGES, TOKEN, url

TODAY = date(2026, 11, 26)
# Pages read with GET; a waiting import's preview has its own test (test_views_data.py).
READ = [name for name, (methods, _) in PAGES.items() if "GET" in methods and name not in {"import_preview", "password_reset_confirm"}]
LIMITS = {"today": 6}


@pytest.fixture
def plenty(user, on_thursday):
    habits = habits_with_history(user, 8, 0, TODAY, 400, rest_every=9)
    habits[0].reminders = ["07:00"]
    habits[0].save(update_fields=["reminders"])
    Pause.objects.create(habit=habits[1], start=TODAY - timedelta(days=100), until=TODAY - timedelta(days=90))
    JournalEntry.objects.bulk_create(
        JournalEntry(owner=user, day=TODAY - timedelta(days=d), mood=1 + d % 5, text=f"day {d}", feelings=["calm"]) for d in range(400)
    )
    RestDay.objects.create(owner=user, day=TODAY - timedelta(days=3), habit_ids=[habits[2].pk])
    NudgeState.objects.create(habit=habits[0], day=TODAY, dismissed=True)
    user.calendar_token = TOKEN
    user.save(update_fields=["calendar_token"])
    return habits


def address(name: str, habits, user) -> str:
    if name == "support_contact_edit":
        return reverse(name, args=[SupportContact.objects.create(owner=user, name="Mum", phone="0123 456").pk])
    if name == "support_item_edit":
        return reverse(name, args=[SupportItem.objects.create(owner=user, kind="helps", text="A warm bath").pk])
    return url(name, habits[0])


@pytest.mark.parametrize("name", READ)
def test_every_page_takes_few_queries_with_plenty_of_data(logged_in_client, user, plenty, name, django_assert_max_num_queries):
    target = address(name, plenty, user)
    with django_assert_max_num_queries(LIMITS.get(name, 8)):
        response = logged_in_client.get(target)
    assert response.status_code in (200, 302), response.status_code
    if name in ("today_row", "routine_row"):  # the htmx answers
        with django_assert_max_num_queries(8):
            assert logged_in_client.get(target, headers={"HX-Request": "true"}).status_code == 200

