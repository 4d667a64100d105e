"""One person can never reach another's data: every route of the URL configuration, walked.

Person A owns one of everything (habits, days, a pause, a nudge, a rest day, a check-in,
support entries, a calendar link), with a marker in every text. Person B then asks for
each of A's objects on every route, GET and POST, plain and htmx: an object of A's is a
404, A's rows are exactly as before, and B never sees A's marker. An anonymous visitor
is sent to log in on every private route. A route missing from ROUTES fails the walk.
"""

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from routines.importing import pending
from routines.models import (
    DayRecord,
    Habit,
    JournalEntry,
    NudgeState,
    Pause,
    PushSubscription,
    RestDay,
    SupportContact,
    SupportItem,
    User,
)

from .conftest import PASSWORD, stored_rows
from .test_views_common import PAGES

MARKER = "A-private-7f3c"
DAY = date(2026, 11, 26)

# Every named route, by what its parameters point at:
#   habit / contact / item / pending: one of A's objects by id (B gets a 404);
#   day: a date in the URL, answered from the asker's own data;
#   list: a support list by kind, the asker's own;
#   token: the calendar feed's secret; reset: a password reset link (uidb64 and token);
#   page: no parameter at all.
ROUTES: dict[str, str] = {
    "landing": "page",
    "signup": "page",
    "welcome": "page",
    "login": "page",
    "logout": "page",
    "password_change": "page",
    "password_change_done": "page",
    "password_reset": "page",
    "password_reset_done": "page",
    "password_reset_confirm": "reset",
    "password_reset_complete": "page",
    "today": "page",
    "rest_day": "page",
    "undo_rest": "page",
    "today_row": "habit",
    "check_off": "habit",
    "measure": "habit",
    "week": "page",
    "week_of": "day",
    "week_day": "habit",
    "week_cell": "habit",
    "habit": "habit",
    "history": "page",
    "journal": "page",
    "check_in": "day",
    "safeguard_hide": "page",
    "review_hide": "page",
    "nudges": "page",
    "nudge_done": "habit",
    "nudge_snooze": "habit",
    "nudge_dismiss": "habit",
    "push_action": "page",
    "push_subscribe": "page",
    "push_test": "device",
    "push_remove": "device",
    "routine": "page",
    "habit_new": "page",
    "add_idea": "page",
    "routine_row": "habit",
    "habit_edit": "habit",
    "habit_move": "habit",
    "habit_pause": "habit",
    "habit_resume": "habit",
    "habit_archive": "habit",
    "habit_restore": "habit",
    "habit_delete": "habit",
    "settings": "page",
    "calendar_link": "page",
    "calendar_feed": "token",
    "help": "page",
    "manifest": "page",
    "service_worker": "page",
    "offline": "page",
    "support_contact_add": "page",
    "support_contact_edit": "contact",
    "support_contact_delete": "contact",
    "support_item_add": "list",
    "support_item_edit": "item",
    "support_item_delete": "item",
    "look_back_choice": "habit",
    "log_out_elsewhere": "page",
    "data_export": "page",
    "import_upload": "page",
    "import_preview": "pending",
    "import_cancel": "pending",
    "account_delete": "page",
}
# Django's own account pages (included under accounts/): the methods they take, and whether they are public.
ACCOUNT_PAGES: dict[str, tuple[set[str], bool]] = {
    "login": ({"GET", "POST"}, True),
    "logout": ({"POST"}, False),
    "password_change_done": ({"GET"}, False),
    "password_reset": ({"GET", "POST"}, True),
    "password_reset_done": ({"GET"}, True),
    "password_reset_complete": ({"GET"}, True),
}
TABLE = {**ACCOUNT_PAGES, **PAGES}
OWNED = {"habit", "contact", "item", "pending", "device"}

# What a form on any route might take: enough that a view acting on A's object would change it.
PAYLOAD = {
    "state": "done",
    "status": "done",
    "day": DAY.isoformat(),
    "value": "3",
    "note": "B wrote this",
    "rest": "on",
    "name": "B's name",
    "phone": "+1 555 010 0199",
    "text": "B's words",
    "direction": "up",
    "until": "2026-12-20",
    "idea": "0",
    "mood": "1",
    "kind": "check",
    "schedule": "daily",
    "time_of_day": "morning",
    "start_date": DAY.isoformat(),
    "colour": "sage",
    "new_password1": "b-took-over-9911",
    "new_password2": "b-took-over-9911",
    "old_password": PASSWORD,
    "email": "b@example.com",
    "username": "sam",  # A's name, not A's password
    "password": "a-guess-1234",
    "time_zone": "UTC",
    "week_start": "0",
    "day_start_hour": "0",
}


def named_routes(patterns=None) -> dict[str, URLPattern]:
    """Every named route, included ones too; the admin is Django's own and staff only."""
    found: dict[str, URLPattern] = {}
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                found = {**named_routes(entry.url_patterns), **found}  # the first of a name wins, as in reverse()
        elif entry.name and entry.name not in found:
            found[entry.name] = entry
    return found


class PersonA:
    """One of everything, each text with MARKER in it."""

    def __init__(self) -> None:
        self.user = User.objects.create_user("sam", email="sam@example.com", password=PASSWORD, time_zone="Europe/Berlin")
        self.user.calendar_token = "a-private-calendar-token-0123456789abcdef"
        self.user.feeling_words = [f"{MARKER}-word"]
        self.user.save()
        start = date(2026, 1, 1)
        self.habit = Habit.objects.create(owner=self.user, name=f"{MARKER} walk", start_date=start, position=0, reminders=["07:00"])
        self.measured = Habit.objects.create(
            owner=self.user, name=f"{MARKER} sleep", kind="measurable", unit="hours", target=7, start_date=start, position=1
        )
        self.archived = Habit.objects.create(owner=self.user, name=f"{MARKER} old", start_date=start, archived=True, position=9)
        DayRecord.objects.create(habit=self.habit, day=DAY, status="done", note=f"{MARKER} note")
        DayRecord.objects.create(habit=self.measured, day=DAY, status="partial", value=Decimal("5"))
        Pause.objects.create(habit=self.measured, start=date(2026, 12, 1), until=date(2026, 12, 5))
        NudgeState.objects.create(habit=self.habit, day=DAY, dismissed=True)
        RestDay.objects.create(owner=self.user, day=date(2026, 11, 25), habit_ids=[self.habit.pk])
        JournalEntry.objects.create(owner=self.user, day=DAY, mood=2, feelings=["tired"], text=f"{MARKER} journal")
        self.contact = SupportContact.objects.create(owner=self.user, name=f"{MARKER} Jo", phone="+44 20 7946 0958")
        self.item = SupportItem.objects.create(owner=self.user, kind="helps", text=f"{MARKER} a walk")
        self.pending = pending.keep(self.user, f"{MARKER}.json", b'{"habits": []}')
        self.device = PushSubscription.objects.create(
            owner=self.user, endpoint=f"https://fcm.googleapis.com/fcm/send/{MARKER}", p256dh="key", auth="auth", device=f"{MARKER} phone"
        )

    def snapshot(self) -> dict[str, list[dict]]:
        return stored_rows(self.user)


@pytest.fixture
def person_a(db, time_machine) -> PersonA:
    time_machine.move_to(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc), tick=False)
    return PersonA()


@pytest.fixture
def person_b(db) -> Client:
    b = User.objects.create_user("alex", password=PASSWORD)
    Habit.objects.create(owner=b, name="Alex's own habit", start_date=date(2026, 1, 1))
    client = Client()
    client.force_login(b)
    return client


def urls_for(name: str, a: PersonA) -> list[str]:
    """The route's addresses pointing at A's things (every one of A's habits for a habit route)."""
    kind = ROUTES[name]
    converters = named_routes()[name].pattern.converters
    if kind == "habit":
        targets = [{"pk": habit.pk} for habit in (a.habit, a.measured, a.archived)]
    elif kind in {"contact", "item", "pending", "device"}:
        targets = [{"pk": getattr(a, kind).pk}]
    elif kind == "reset":
        # A's id with a token made for somebody else (B), and with none valid at all.
        b = User.objects.get(username="alex")
        uid = urlsafe_base64_encode(force_bytes(a.user.pk))
        targets = [{"uidb64": uid, "token": default_token_generator.make_token(b)}, {"uidb64": uid, "token": "set-password"}]
    elif kind == "token":
        targets = [{"token": "not-anyones-token-0123456789abcdef"}]
    elif kind == "list":
        targets = [{"kind": "helps"}, {"kind": "signs"}]
    else:
        targets = [{}]
    samples = {"day": DAY, "start": date(2026, 11, 23)}
    return [reverse(name, kwargs={**{key: samples.get(key) for key in converters}, **target}) for target in targets]


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def requests_of(client: Client, address: str, methods: set[str]):
    """GET and POST, plain and htmx (with A's page named as the htmx current URL)."""
    for method in ("GET", "POST"):
        for htmx in (False, True):
            headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/today/"} if htmx else {}
            data = PAYLOAD if method == "POST" else {}
            response = getattr(client, method.lower())(address, data, headers=headers)
            yield method, htmx, method in methods, response


def test_the_walk_covers_every_route_of_the_url_configuration():
    assert set(ROUTES) == set(named_routes()), "add the new route to ROUTES (and to PAGES in test_views_common.py)"
    assert set(TABLE) == set(ROUTES)
    assert set(ROUTES.values()) <= OWNED | {"day", "list", "token", "reset", "page"}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_another_person_never_reaches_or_changes_a_persons_data(person_a, person_b, name):
    before = person_a.snapshot()
    methods, _ = TABLE[name]
    for address in urls_for(name, person_a):
        for method, htmx, allowed, response in requests_of(person_b, address, methods):
            where = f"{method} {address} htmx={htmx}"
            assert response.status_code < 500, where
            if ROUTES[name] in OWNED | {"token"}:
                assert response.status_code == (404 if allowed else 405), where
            if not allowed:
                assert response.status_code == 405, where
            assert MARKER not in body(response), where
            assert person_a.snapshot() == before, where
    assert person_a.user.check_password(PASSWORD)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_logged_out_visitor_is_sent_to_log_in_on_every_private_route(person_a, person_b, client, name):
    methods, public = TABLE[name]
    before = person_a.snapshot()
    login = reverse("login")
    for address in urls_for(name, person_a):
        for method, htmx, allowed, response in requests_of(client, address, methods):
            where = f"{method} {address} htmx={htmx}"
            assert response.status_code < 500, where
            if public:
                location = response.get("Location", "") + response.get("HX-Redirect", "")
                assert not location.startswith(login) or name == "login", where
            elif htmx:
                assert response["HX-Redirect"].startswith(login), where
            else:
                assert response.status_code == 302 and response.url.startswith(login), where
            assert MARKER not in body(response), where
    assert person_a.snapshot() == before


def test_the_calendar_feed_of_a_reset_link_is_gone(person_a, person_b):
    old = person_a.user.calendar_token
    assert person_b.get(reverse("calendar_feed", args=[old])).status_code == 200  # the link works while it is A's
    client = Client()
    client.force_login(person_a.user)
    client.post(reverse("calendar_link"))
    assert person_b.get(reverse("calendar_feed", args=[old])).status_code == 404


def own_client(a: PersonA, name: str, **options: Any) -> Client:
    """A's browser: logged in for a private route, logged out for a public one (signup, login, reset)."""
    client = Client(**options)
    if not TABLE[name][1]:
        client.force_login(a.user)
    return client


def everything(a: PersonA) -> dict:
    return {**a.snapshot(), "users": User.objects.count(), "habits": Habit.objects.count()}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_get_changes_nothing_on_any_route(person_a, person_b, name):
    before = everything(person_a)
    for address in urls_for(name, person_a):
        for htmx in (False, True):
            response = own_client(person_a, name).get(address, headers={"HX-Request": "true"} if htmx else {})
            assert response.status_code < 500
    assert everything(person_a) == before


CSRF_SECRET = "k" * 32
# A notification's Done and Snooze come from the service worker, which has no CSRF token: a signed
# token bound to the person, habit, day and action stands in for it (tests/test_views_push.py).
CSRF_EXEMPT = {"push_action"}
STATE_CHANGING = sorted(name for name, (methods, _) in TABLE.items() if "POST" in methods and name not in CSRF_EXEMPT)


@pytest.mark.parametrize("name", STATE_CHANGING)
def test_every_post_needs_the_csrf_token_and_this_sites_origin(person_a, person_b, name):
    before = everything(person_a)
    for address in urls_for(name, person_a):
        for htmx in (False, True):
            headers = {"HX-Request": "true"} if htmx else {}
            client = own_client(person_a, name, enforce_csrf_checks=True)
            client.cookies["csrftoken"] = CSRF_SECRET
            without_token = client.post(address, PAYLOAD, headers=headers)
            with_token = {**PAYLOAD, "csrfmiddlewaretoken": CSRF_SECRET}
            foreign = client.post(address, with_token, headers={**headers, "Origin": "https://evil.example"}, secure=True)
            for response in (without_token, foreign):
                if htmx:  # htmx is told to reload the page (routines.views.pages.csrf_failure)
                    assert response.status_code == 200 and response["HX-Refresh"] == "true", address
                else:
                    assert response.status_code == 403, address
            assert everything(person_a) == before, address
    # The same request from this site's own page is let through: the refusals above were the token's and the origin's.
    client = own_client(person_a, name, enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_SECRET
    own = client.post(address, {**PAYLOAD, "csrfmiddlewaretoken": CSRF_SECRET}, headers={"Origin": "https://testserver"}, secure=True)
    assert own.status_code != 403
