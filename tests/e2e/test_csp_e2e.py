"""Every page, and every htmx interaction that swaps content, under the strict Content-Security-Policy.

A listener (a test-side init script, not the app's) turns each CSP violation into a console
error; the test fails on any console error or uncaught exception along the way.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import ConsoleMessage, expect

from routines.days import user_today
from routines.exporting import export_zip
from routines.importing import pending
from routines.models import Habit, User

from ..conftest import long_standing_habit
from .conftest import Phone

PASSWORD = "a-calm-morning-42"
# Not problems: the error page's own status, and htmx reporting the request it cancels on purpose when
# a number is typed and Save tapped (the change event sends it, the submit replaces it: hx-sync="this:replace").
EXPECTED = re.compile(r"/no-such-page/: error: Failed to load resource: .* 404 \(Not Found\)$|: error: htmx:(sendAbort|afterRequest), \[object HTMLLIElement\]$")
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def long_day(day) -> str:
    return f"{day:%A} {day.day} {day:%B}"


@pytest.fixture
def watched(make_phone):
    """A phone whose console errors and CSP violations are collected, page after page."""
    phone = make_phone()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        problem = f"{phone.page.url}: {message.type}: {message.text}"
        if message.type in {"error", "warning"} and not EXPECTED.search(problem):
            problems.append(problem)

    phone.page.add_init_script(REPORT_VIOLATIONS)
    phone.page.on("console", on_console)
    phone.page.on("pageerror", lambda error: problems.append(f"{phone.page.url}: {error}"))
    phone.problems = problems
    return phone


def visit(phone: Phone, path: str, heading: str | re.Pattern) -> None:
    phone.open(path)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text(heading)


def test_every_page_and_swap_runs_under_the_strict_policy(watched: Phone):
    phone, page = watched, watched.page

    # Logged out: the landing page, logging in, signing up, the password pages, an error page.
    visit(phone, "/", re.compile("."))
    visit(phone, "/accounts/login/", "Log in")
    visit(phone, "/accounts/password_reset/", re.compile("."))
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_role("button").last.tap()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit(phone, "/no-such-page/", "This page isn't here")
    phone.assert_fits_the_screen()
    phone.screenshot("error-404")
    visit(phone, "/help/", "Get help")
    visit(phone, "/offline/", "You're offline right now")  # app.js and taps.js, without htmx

    # Sign up, and the welcome checklist.
    phone.sign_up("robin", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Start your routine")
    page.get_by_role("checkbox", name=re.compile("^Sleep")).check()
    page.get_by_role("button", name="Start my routine").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")

    # A nudge (a reminder that has passed today) and a measurable habit on Today.
    robin = User.objects.get(username="robin")
    today = user_today(robin)
    long_standing_habit(
        owner=robin, name="Drink a glass of water", reminders=["00:00"], position=99, start_date=today - timedelta(days=10)
    )
    page.reload()
    nudges = page.get_by_role("region", name="Reminders")
    expect(nudges.get_by_role("article").filter(has_text="Drink a glass of water")).to_be_visible()
    nudges.get_by_role("button", name="Snooze 30 min").tap()
    expect(nudges.get_by_role("article")).to_have_count(0)
    page.get_by_role("textbox", name="Sleep, hours").fill("7.5")
    page.get_by_role("button", name="Save Sleep").tap()
    expect(page.get_by_text("7.5 of 7 h, done")).to_be_visible()
    stretch = page.get_by_role("button", name="Stretch your body when you wake", exact=True)
    stretch.tap()
    expect(stretch).to_have_attribute("aria-pressed", "true")
    card = page.get_by_role("region", name="How are you today?")
    card.get_by_role("radio", name="Good", exact=True).check()
    card.get_by_text("Feelings and a few words").tap()
    card.get_by_role("textbox", name="Write").fill("A slow walk by the river helped.")
    card.get_by_role("button", name="Save check-in").tap()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    # Week, with the day editor open and saved.
    phone.go_to("Week")
    page.get_by_role("link", name=re.compile(f"^Sleep, {long_day(today)}")).tap()
    expect(page.get_by_label("Sleep, hours")).to_be_visible()
    page.get_by_label("Sleep, hours").fill("8")
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("link", name=re.compile(f"^Sleep, {long_day(today)}: done, 8 of 7"))).to_be_visible()

    # Routine, with an inline edit open and saved; a habit's own page.
    phone.go_to("Routine")
    row = page.locator("#routine-body li.routine-row").filter(has_text="Drink a glass of water")
    row.get_by_role("link", name="Edit").tap()
    expect(page.get_by_role("heading", name="Edit Drink a glass of water")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Drink some water")
    page.get_by_role("button", name="Save").tap()
    expect(page.locator("#routine-body li.routine-row").filter(has_text="Drink some water")).to_be_visible()
    visit(phone, f"/habits/{Habit.objects.get(name='Drink some water').pk}/", re.compile("Drink some water"))

    phone.go_to("History")
    phone.go_to("Journal")
    page.get_by_role("searchbox", name="Search your words").fill("river")
    page.get_by_role("button", name="Show").tap()
    expect(page.get_by_role("article").filter(has_text="A slow walk by the river helped.")).to_be_visible()

    # Settings saved with htmx, the calendar link, the password page.
    phone.go_to("Settings")
    page.get_by_role("button", name="Save settings").tap()
    expect(page.locator("#settings-form").get_by_text("Saved.")).to_be_visible()  # not also the live region's copy
    page.get_by_role("button", name="Create my private calendar link").tap()
    expect(page.get_by_role("link", name="Subscribe in your calendar app")).to_be_visible()
    visit(phone, "/accounts/password_change/", re.compile("."))
    visit(phone, "/nudges/", "Reminders")

    # Get help, with My support added to and edited in place.
    page.get_by_role("banner").get_by_role("link", name="Get help").tap()
    support = page.get_by_role("region", name="My support")
    support.get_by_label("Name").fill("Aunt Ruth")
    support.get_by_label("Phone number").fill("+44 20 7946 0958")
    support.get_by_role("button", name="Add this person").tap()
    support.get_by_role("link", name="Edit Aunt Ruth").tap()
    support.get_by_role("listitem").get_by_label("Name").fill("Ruth")
    support.get_by_role("button", name="Save").tap()
    expect(support.get_by_role("link", name="Call Ruth")).to_be_visible()

    # Your data: the import page, a waiting import's preview, and the page for leaving.
    visit(phone, "/settings/import/", "Import")
    waiting = pending.keep(robin, "selfcare.zip", b"".join(export_zip(robin)))
    visit(phone, f"/settings/import/{waiting.pk}/", "Before you import")
    visit(phone, "/settings/leave/", "Delete my account")

    # Log out on every other device, log out here, and the reset link from an email.
    phone.go_to("Settings")
    page.get_by_role("button", name="Log out on all other devices").tap()
    expect(page.get_by_text("You are still logged in here")).to_be_visible()
    phone.screenshot_of(page.get_by_role("region", name="Account"), "settings-account")
    phone.log_out()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    robin.refresh_from_db()
    uid = urlsafe_base64_encode(force_bytes(robin.pk))
    visit(phone, f"/accounts/reset/{uid}/{default_token_generator.make_token(robin)}/", re.compile("."))
    expect(page.get_by_label("New password", exact=True)).to_be_visible()

    assert phone.problems == [], "\n".join(phone.problems)
