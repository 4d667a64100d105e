"""Get help: before anything else, in the person's own country, with their own people one tap away."""

import re
from datetime import date, datetime, timezone

import pytest
from django.contrib import admin
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from routines import support
from routines.forms import SignUpForm
from routines.helplines import DIRECTORY_URL, EUROPEAN_UNION, HELPLINES
from routines.models import Habit, SupportContact, SupportItem, User

HTMX = {"HX-Request": "true"}
NAME, PHONE, HELPS = "Aunt Ruth", "+44 (0)20 7946-0958", "Sitting with the cat"


@pytest.fixture
def morning_with_a_due_nudge(time_machine, user):
    time_machine.move_to(datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc), tick=False)  # 09:00 in Berlin
    Habit.objects.create(owner=user, name="A healthy breakfast", reminders=["07:30"], start_date=date(2026, 1, 1))


@pytest.fixture
def ruth(user) -> SupportContact:
    return SupportContact.objects.create(owner=user, name=NAME, phone=PHONE)


@pytest.fixture
def cat(user) -> SupportItem:
    return SupportItem.objects.create(owner=user, kind="helps", text=HELPS)


@pytest.fixture
def others_contact(other_user) -> SupportContact:
    return SupportContact.objects.create(owner=other_user, name="Someone else's friend", phone="555 0100")


@pytest.fixture
def others_item(other_user) -> SupportItem:
    return SupportItem.objects.create(owner=other_user, kind="signs", text="Someone else's sign")


def help_page(client, country=None) -> str:
    if country is not None:
        User.objects.filter(username="sam").update(country=country)
    response = client.get(reverse("help"))
    assert response.status_code == 200
    return response.content.decode()


def section(body: str, heading_id: str) -> str:
    start = body.index(f'aria-labelledby="{heading_id}"')
    return body[start : body.index("</section>", start)]


# No nudges, and Get help in the top bar.


def strict_post_page(client) -> str:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="sam"))
    return strict.post(reverse("settings"), {"time_zone": "UTC"}).content.decode()


def as_logged_in(template: str, **context) -> str:
    # These pages send a logged-in person to Today; the template must still never ask for nudges.
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="sam")
    return render_to_string(template, context, request=request)


QUIET_PAGES = {
    "help": lambda c: c.get(reverse("help")).content.decode(),
    "landing": lambda c: as_logged_in("routines/landing.html"),
    "signup": lambda c: as_logged_in("registration/signup.html", form=SignUpForm()),
    "login": lambda c: c.get(reverse("login")).content.decode(),
    "password_change": lambda c: c.get(reverse("password_change")).content.decode(),
    "password_change_done": lambda c: c.get(reverse("password_change_done")).content.decode(),
    "password_reset": lambda c: c.get(reverse("password_reset")).content.decode(),
    "password_reset_done": lambda c: c.get(reverse("password_reset_done")).content.decode(),
    "password_reset_confirm": lambda c: c.get(reverse("password_reset_confirm", args=["x", "y"]), follow=True).content.decode(),
    "password_reset_complete": lambda c: c.get(reverse("password_reset_complete")).content.decode(),
    "stale_form": strict_post_page,
    "not_found": lambda c: c.get("/no-such-page/").content.decode(),
}


@pytest.mark.parametrize("page", QUIET_PAGES)
def test_pages_for_help_accounts_and_errors_show_no_nudges(logged_in_client, morning_with_a_due_nudge, page):
    assert 'id="nudges"' in logged_in_client.get(reverse("today")).content.decode()  # a nudge is due
    body = QUIET_PAGES[page](logged_in_client)
    assert 'id="nudges"' not in body and f'hx-get="{reverse("nudges")}"' not in body
    assert "A healthy breakfast" not in body


def test_get_help_with_due_nudges_starts_with_its_heading_and_the_crisis_lines(logged_in_client, morning_with_a_due_nudge):
    body = help_page(logged_in_client, "GB")
    main = body.split('<main id="main" class="page">')[1]
    assert re.match(r"\s*<h1>Get help</h1>\s*<section class=\"card card-urgent\" aria-labelledby=\"crisis\">", main)


TOP_BAR_PAGES = ["landing", "signup", "login", "help", "password_reset"]


@pytest.mark.parametrize("name", TOP_BAR_PAGES)
def test_get_help_is_in_the_top_bar_when_logged_out(client, db, name):
    topbar = client.get(reverse(name)).content.decode().split('<header class="topbar">')[1].split("</header>")[0]
    assert f'<a class="topbar-help" href="{reverse("help")}">Get help</a>' in topbar


@pytest.mark.parametrize("name", ["today", "week", "routine", "history", "settings", "help", "password_change"])
def test_get_help_is_in_the_top_bar_when_logged_in(logged_in_client, name):
    body = logged_in_client.get(reverse(name)).content.decode()
    topbar = body.split('<header class="topbar">')[1].split("</header>")[0]
    assert f'<a class="topbar-help" href="{reverse("help")}">Get help</a>' in topbar
    assert f'href="{reverse("help")}"' in body.split('<footer class="footer">')[1]  # the footer keeps its link


# Lines for the person's own country.


def without_links_and_names(body: str) -> str:
    main = body.split('<main id="main" class="page">')[1].split("</main>")[0]
    main = re.sub(r"<a [^>]*>.*?</a>", "", main, flags=re.S)
    main = re.sub(r'<span class="helpline-name">.*?</span>', "", main)
    return re.sub(r"<[^>]+>", " ", main)  # the text a person reads, without attributes


@pytest.mark.parametrize("country", ["", "US", "GB", "IE", "DE", "JP"])
def test_every_number_on_the_page_is_a_link(logged_in_client, ruth, country):
    text = without_links_and_names(help_page(logged_in_client, country))
    assert not re.findall(r"\d[\d ()+-]{1,}\d", text)


@pytest.mark.parametrize("country", ["", *HELPLINES, "FR", "JP"])
def test_every_entry_of_the_table_renders_as_a_working_link(logged_in_client, country):
    body = help_page(logged_in_client, country)
    for entry in (*HELPLINES.values(), EUROPEAN_UNION):
        for line in entry.lines:
            assert f'href="tel:{line.number}">Call {line.display}</a>' in body, (entry.code, line)
            if line.sms:
                assert f'href="sms:{line.number}">Text {line.display}</a>' in body, (entry.code, line)


@pytest.mark.parametrize("country", list(HELPLINES))
def test_the_persons_own_country_comes_first_and_big(logged_in_client, country):
    crisis = section(help_page(logged_in_client, country), "crisis")
    for line in HELPLINES[country].lines:
        assert f'href="tel:{line.number}"' in crisis
    first_call = re.search(r'<a class="([^"]*)" href="tel:([^"]+)"', crisis)
    assert first_call.groups() == ("button button-primary", HELPLINES[country].lines[0].number)
    others = [code for code in HELPLINES if code != country]
    assert not any(f'href="tel:{HELPLINES[code].lines[0].number}"' in crisis for code in others if HELPLINES[code].lines[0].number != HELPLINES[country].lines[0].number)


def test_us_lines_stay_below_for_everyone_else(logged_in_client):
    body = help_page(logged_in_client, "GB")
    assert body.index("Samaritans") < body.index('id="united-states"') < body.index('href="tel:988"')
    assert 'id="united-states"' not in help_page(logged_in_client, "US")


@pytest.mark.parametrize("country", ["", "JP"])
def test_countries_outside_the_table_get_the_directory_and_their_local_emergency_number(logged_in_client, country):
    crisis = section(help_page(logged_in_client, country), "crisis")
    assert f'<a class="button button-primary" href="{DIRECTORY_URL}" rel="noopener">Find a helpline in your country</a>' in crisis
    assert "call your local emergency number" in crisis
    assert "tel:" not in crisis


def test_an_eu_country_gets_112_and_the_directory(logged_in_client):
    crisis = section(help_page(logged_in_client, "DE"), "crisis")
    assert 'href="tel:112">Call 112</a>' in crisis and DIRECTORY_URL in crisis
    assert "Showing lines for: Germany" in crisis


def test_logged_out_people_get_the_directory_first_and_the_us_lines_below(client, db):
    body = client.get(reverse("help")).content.decode()
    assert DIRECTORY_URL in section(body, "crisis")
    assert 'href="tel:988"' in section(body, "united-states")
    assert 'id="my-support"' not in body


# The Country setting.


def test_settings_choose_the_country(logged_in_client, user):
    body = logged_in_client.get(reverse("settings")).content.decode()
    assert '<select name="country"' in body and '<option value="GB">United Kingdom</option>' in body
    data = {"time_zone": "Europe/London", "day_start_hour": 0, "week_start": 0, "country": "GB"}
    assert logged_in_client.post(reverse("settings"), data).status_code == 302
    user.refresh_from_db()
    assert user.country == "GB"
    assert logged_in_client.post(reverse("settings"), {**data, "country": "XX"}).status_code == 400


@pytest.mark.parametrize(("time_zone", "country"), [("Europe/London", "GB"), ("Australia/Perth", "AU"), ("UTC", "")])
def test_sign_up_guesses_the_country_from_the_time_zone(client, db, time_zone, country):
    data = {"username": "robin", "password1": "a-calm-morning-42", "password2": "a-calm-morning-42", "time_zone": time_zone}
    assert client.post(reverse("signup"), data).status_code == 302
    assert User.objects.get(username="robin").country == country


# My support.


def test_my_support_starts_empty_with_a_gentle_reason(logged_in_client):
    mine = section(help_page(logged_in_client), "my-support-title")
    assert "On a good day" in mine and "Only you can see it" in mine
    assert "support-call" not in mine


def test_my_people_are_tap_to_call_and_text_links(logged_in_client, ruth, cat):
    mine = section(help_page(logged_in_client), "my-support-title")
    assert f'href="tel:+4402079460958"><span class="visually-hidden">Call </span><span class="support-name">{NAME}</span>' in mine
    assert 'href="sms:+4402079460958"' in mine and HELPS in mine
    assert "On a good day" not in mine


def test_adding_a_person_without_javascript_goes_back_to_the_section(logged_in_client, user):
    response = logged_in_client.post(reverse("support_contact_add"), {"name": NAME, "phone": PHONE})
    assert response.status_code == 302 and response.url == reverse("help") + "#my-support"
    assert list(user.support_contacts.values_list("name", "phone", "position")) == [(NAME, PHONE, 0)]


def test_adding_a_person_with_htmx_answers_the_section(logged_in_client, user):
    response = logged_in_client.post(reverse("support_contact_add"), {"name": NAME, "phone": PHONE}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert body.startswith('\n<section id="my-support"') and 'href="tel:+4402079460958"' in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_a_phone_number_that_cannot_be_dialled_is_explained_next_to_its_field(logged_in_client, user, headers):
    response = logged_in_client.post(reverse("support_contact_add"), {"name": NAME, "phone": "call me"}, headers=headers)
    body = response.content.decode()
    assert response.status_code == 400 and not user.support_contacts.exists()
    field = body.split('<label for="new-contact_phone">')[1].split("</div>")[0]
    assert "Please use digits" in field and 'value="call me"' in field
    assert ("<html" in body) is not bool(headers)


@pytest.mark.parametrize("kind", ["helps", "signs"])
def test_adding_a_line_to_either_list(logged_in_client, user, kind):
    response = logged_in_client.post(reverse("support_item_add", args=[kind]), {"text": "  Tea and a blanket "}, headers=HTMX)
    assert response.status_code == 200 and "Tea and a blanket" in response.content.decode()
    assert list(user.support_items.values_list("kind", "text")) == [(kind, "Tea and a blanket")]


def test_an_unknown_list_is_404_and_an_empty_line_is_refused(logged_in_client, user):
    assert logged_in_client.post(reverse("support_item_add", args=["moods"]), {"text": "x"}).status_code == 404
    assert logged_in_client.post(reverse("support_item_add", args=["helps"]), {"text": "  "}).status_code == 400
    assert not user.support_items.exists()


def test_a_full_list_answers_with_a_message(logged_in_client, user):
    for i in range(support.LIMIT):
        SupportItem.objects.create(owner=user, kind="signs", text=f"Sign {i}", position=i)
    response = logged_in_client.post(reverse("support_item_add", args=["signs"]), {"text": "One more"}, headers=HTMX)
    assert response.status_code == 400 and user.support_items.count() == support.LIMIT
    assert f"This list keeps up to {support.LIMIT}. Edit or remove one to make room." in response.content.decode()
    assert 'action="/help/support/lists/signs/"' not in logged_in_client.get(reverse("help")).content.decode()


def test_editing_without_javascript_shows_the_page_with_the_form_in_place(logged_in_client, ruth):
    url = reverse("support_contact_edit", args=[ruth.pk])
    body = logged_in_client.get(url).content.decode()
    assert "<html" in body and "<h1>Get help</h1>" in body
    assert f'<form class="form support-form" method="post" action="{url}"' in body and f'value="{NAME}"' in body
    response = logged_in_client.post(url, {"name": "Ruth", "phone": "0161 496 0000"})
    assert response.status_code == 302 and response.url == reverse("help") + "#my-support"
    ruth.refresh_from_db()
    assert (ruth.name, ruth.phone, ruth.tel) == ("Ruth", "0161 496 0000", "01614960000")


def test_editing_with_htmx_happens_in_place(logged_in_client, cat):
    url = reverse("support_item_edit", args=[cat.pk])
    form = logged_in_client.get(url, headers=HTMX).content.decode()
    assert "<html" not in form and f'id="item{cat.pk}_text"' in form and f'value="{HELPS}"' in form
    response = logged_in_client.post(url, {"text": "Sitting with the cat, purring"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and '<span class="support-text">Sitting with the cat, purring</span>' in body
    assert logged_in_client.post(url, {"text": ""}, headers=HTMX).status_code == 400
    cat.refresh_from_db()
    assert cat.text == "Sitting with the cat, purring"


def test_cancel_answers_the_section_as_it_is(logged_in_client, cat):
    body = logged_in_client.get(reverse("help"), headers=HTMX).content.decode()
    assert "<html" not in body and body.startswith('\n<section id="my-support"') and HELPS in body


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_removing(logged_in_client, user, ruth, cat, headers):
    for name, entry in (("support_contact_delete", ruth), ("support_item_delete", cat)):
        response = logged_in_client.post(reverse(name, args=[entry.pk]), headers=headers)
        assert response.status_code == (200 if headers else 302)
    assert not user.support_contacts.exists() and not user.support_items.exists()


@pytest.mark.parametrize(("name", "method"), [("support_contact_edit", "get"), ("support_contact_edit", "post"), ("support_contact_delete", "post")])
def test_someone_elses_person_is_404(logged_in_client, others_contact, name, method):
    url = reverse(name, args=[others_contact.pk])
    assert getattr(logged_in_client, method)(url, {"name": "Mine now", "phone": "123"}).status_code == 404
    others_contact.refresh_from_db()
    assert others_contact.name == "Someone else's friend"


@pytest.mark.parametrize(("name", "method"), [("support_item_edit", "get"), ("support_item_edit", "post"), ("support_item_delete", "post")])
def test_someone_elses_line_is_404(logged_in_client, others_item, name, method):
    url = reverse(name, args=[others_item.pk])
    assert getattr(logged_in_client, method)(url, {"text": "Mine now"}).status_code == 404
    assert SupportItem.objects.get(pk=others_item.pk).text == "Someone else's sign"


def test_someone_elses_support_never_shows_on_my_page(logged_in_client, others_contact, others_item):
    body = help_page(logged_in_client)
    assert "Someone else" not in body


@pytest.mark.parametrize(
    ("name", "args"),
    [("support_contact_add", []), ("support_item_add", ["helps"]), ("support_contact_delete", [1]), ("support_item_delete", [1])],
)
def test_writes_reject_get(logged_in_client, name, args):
    assert logged_in_client.get(reverse(name, args=args)).status_code == 405


@pytest.mark.parametrize("name", ["support_contact_edit", "support_item_edit"])
def test_edits_reject_other_methods(logged_in_client, name):
    assert logged_in_client.put(reverse(name, args=[1])).status_code == 405


@pytest.mark.parametrize(
    ("name", "args"),
    [("support_contact_add", []), ("support_contact_edit", [1]), ("support_item_add", ["helps"]), ("support_item_delete", [1])],
)
def test_my_support_needs_login(client, db, name, args):
    response = client.post(reverse(name, args=args))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_page_takes_the_same_queries_however_long_my_lists(logged_in_client, user, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        help_page(logged_in_client)
    for i in range(support.LIMIT):
        SupportContact.objects.create(owner=user, name=f"Friend {i}", phone=f"555 01{i:02}")
        SupportItem.objects.create(owner=user, kind="helps", text=f"Help {i}")
        SupportItem.objects.create(owner=user, kind="signs", text=f"Sign {i}")
    with django_assert_max_num_queries(4):
        help_page(logged_in_client)


# Private: never in the calendar feed, nor in admin lists.


def test_my_support_is_never_in_the_calendar_feed(user, ruth, cat):
    user.calendar_token = "a-long-unguessable-token-for-tests-only-1234"
    user.save()
    Habit.objects.create(owner=user, name="Stretch", reminders=["07:30"], start_date=date(2026, 1, 1))
    body = Client().get(reverse("calendar_feed", args=[user.calendar_token])).content.decode()
    assert "Stretch" in body
    assert NAME not in body and "7946" not in body and HELPS not in body


def test_my_support_is_never_in_admin_lists(admin_client, ruth, cat):
    assert SupportContact not in admin.site._registry and SupportItem not in admin.site._registry
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        body = admin_client.get(url).content.decode()
        assert NAME not in body and "7946" not in body and HELPS not in body, url
