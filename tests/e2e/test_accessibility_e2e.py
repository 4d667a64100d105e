"""Every page and state passes axe-core's WCAG 2.2 AA rules (and its best practices), light and dark.

The states are the ones people meet: Today with a nudge due, a done row, a number and the
check-in card; Routine with an edit open; an import waiting for its preview; Get help with
a support list; the log-in and sign-up pages.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone

import pytest
import time_machine
from playwright.sync_api import expect

from routines import exporting
from routines.importing import pending
from routines.models import DayRecord, Habit, JournalEntry, Mood, Pause, SupportContact, SupportItem, User

from ..conftest import long_standing_habit
from .conftest import Phone

PASSWORD = "a-calm-morning-42"


@pytest.fixture
def before_month_end():
    """The server's clock at noon on a day with days still to come this month (today, or yesterday on a month's last day)."""
    today = datetime.now(timezone.utc).date()
    day = today - timedelta(days=1) if (today + timedelta(days=1)).month != today.month else today
    with time_machine.travel(datetime.combine(day, time(12, 0), tzinfo=timezone.utc), tick=True):
        yield day


@pytest.fixture
def robin(before_month_end: date) -> dict[str, Habit]:
    """A routine with a bit of everything: a nudge due, done, resting and paused days, a number,
    an archived habit, check-ins, a support list, and an upload waiting for its preview."""
    today = before_month_end
    user = User.objects.create_user("robin", password=PASSWORD, time_zone="UTC")
    start = today - timedelta(days=40)
    stretch = long_standing_habit(owner=user, name="Stretch", reminders=["07:30"], position=0, start_date=start)
    sleep = long_standing_habit(
        owner=user, name="Sleep", kind=Habit.Kind.MEASURABLE, unit="hours", target=7, position=1, start_date=start
    )
    music = long_standing_habit(owner=user, name="Music", colour="lilac", position=2, start_date=start)
    water = long_standing_habit(owner=user, name="Drink water", colour="sky", emoji="💧", position=3, start_date=start)
    Habit.objects.create(owner=user, name="Old walk", archived=True, position=4, start_date=start)
    for back in range(1, 8):
        DayRecord.objects.create(habit=stretch, day=today - timedelta(days=back), status="done")
    DayRecord.objects.create(habit=stretch, day=today - timedelta(days=9), status="skipped", note="Tired.")
    DayRecord.objects.create(habit=sleep, day=today - timedelta(days=2), status="partial", value=5)
    DayRecord.objects.create(habit=sleep, day=today, status="partial", value=5)
    DayRecord.objects.create(habit=sleep, day=today - timedelta(days=3), status="skipped")
    DayRecord.objects.create(habit=water, day=today, status="done")
    Pause.objects.create(habit=stretch, start=today - timedelta(days=14), until=today - timedelta(days=11))
    Pause.objects.create(habit=music, start=today - timedelta(days=2), until=today + timedelta(days=5))
    for back, mood in ((1, Mood.GOOD), (2, Mood.LOW), (4, Mood.OKAY)):
        JournalEntry.objects.create(owner=user, day=today - timedelta(days=back), mood=mood, feelings=["calm"], text="A slow walk.")
    SupportContact.objects.create(owner=user, name="Aunt Ruth", phone="+44 20 7946 0958")
    SupportItem.objects.create(owner=user, kind=SupportItem.Kind.HELPS, text="Sitting with the cat")
    SupportItem.objects.create(owner=user, kind=SupportItem.Kind.SIGNS, text="Not answering messages")
    upload = pending.keep(user, "selfcare-export.zip", b"".join(exporting.export_zip(user)))
    return {"stretch": stretch, "sleep": sleep, "music": music, "upload": upload}


def heading(phone: Phone, text: str) -> None:
    expect(phone.page.get_by_role("heading", level=1)).to_contain_text(text)


def today_with_a_nudge_and_the_check_in(phone: Phone, robin) -> None:
    phone.open("/today/")
    heading(phone, "Today")
    expect(phone.page.get_by_role("region", name="Reminders").get_by_role("article")).to_have_count(1)
    expect(phone.page.get_by_role("heading", name="How are you today?")).to_be_visible()
    phone.page.get_by_text("Feelings and a few words").click()


def routine_with_an_edit_open(phone: Phone, robin) -> None:
    phone.open("/routine/")
    heading(phone, "Routine")
    phone.page.get_by_text("Archived (1)").click()
    phone.page.get_by_role("link", name="Edit Sleep").click()
    expect(phone.page.get_by_role("heading", name="Edit Sleep")).to_be_visible()


def page_at(path: str, title: str) -> Callable[[Phone, dict], None]:
    def visit(phone: Phone, robin) -> None:
        phone.open(path(robin) if callable(path) else path)
        heading(phone, title)

    return visit


def get_help_with_my_support(phone: Phone, robin) -> None:
    phone.open("/help/")
    heading(phone, "Get help")
    expect(phone.page.get_by_role("link", name="Call Aunt Ruth")).to_be_visible()
    phone.page.get_by_role("link", name="Edit Aunt Ruth").click()
    expect(phone.page.locator("#my-support li").get_by_label("Name")).to_have_value("Aunt Ruth")


LOGGED_IN = {
    "today": today_with_a_nudge_and_the_check_in,
    "week": page_at("/week/", "Week"),
    "habit-done": page_at(lambda robin: f"/habits/{robin['stretch'].pk}/", "Stretch"),
    "habit-number": page_at(lambda robin: f"/habits/{robin['sleep'].pk}/", "Sleep"),
    "habit-paused": page_at(lambda robin: f"/habits/{robin['music'].pk}/", "Music"),
    "history": page_at("/history/", "History"),
    "routine-editing": routine_with_an_edit_open,
    "journal": page_at("/journal/", "Journal"),
    "settings": page_at("/settings/", "Settings"),
    "import-preview": page_at(lambda robin: f"/settings/import/{robin['upload'].pk}/", "Before you import"),
    "get-help": get_help_with_my_support,
}
LOGGED_OUT = {
    "log-in": page_at("/accounts/login/", "Log in"),
    "sign-up": page_at("/signup/", "Sign up"),
    "landing": page_at("/", "Small, kind habits"),
}


def on_every_page(phone: Phone, robin, look: Callable[[Phone], list[str]]) -> dict[str, list[str]]:
    """Each page and state, logged out and then as Robin: what `look` finds there, for the pages where it finds anything."""
    found = {}
    for name, visit in LOGGED_OUT.items():
        visit(phone, robin)
        found[name] = look(phone)
    phone.log_in("robin", PASSWORD)
    heading(phone, "Today")
    for name, visit in LOGGED_IN.items():
        visit(phone, robin)
        found[name] = look(phone)
    return {name: lines for name, lines in found.items() if lines}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_and_state_passes_axe_in_light_and_dark(make_phone, robin, scheme):
    phone: Phone = make_phone(color_scheme=scheme)
    assert on_every_page(phone, robin, Phone.axe_violations) == {}


def background(phone: Phone) -> str:
    phone.page.wait_for_load_state()  # the stylesheet is in
    return phone.page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_a_theme_chosen_in_settings_wins_over_the_phones_and_is_remembered(make_phone, robin):
    phone: Phone = make_phone(color_scheme="light")
    page = phone.page
    phone.log_in("robin", PASSWORD)
    heading(phone, "Today")
    light = background(phone)
    phone.screenshot("today-light")

    phone.go_to("Settings")
    page.get_by_role("radio", name="Dark").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#announce")).to_have_text("Saved.")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")  # at once, without a reload
    assert User.objects.get(username="robin").theme == User.Theme.DARK

    # Another device of the same person, set to light, shows dark too.
    other: Phone = make_phone(color_scheme="light")
    other.log_in("robin", PASSWORD)
    heading(other, "Today")
    dark = background(other)
    assert dark != light
    assert other.page.locator('meta[name="theme-color"]').get_attribute("content") == "#1c1f1e"
    expect(other.page.get_by_role("region", name="Reminders").get_by_role("article")).to_have_count(1)
    assert other.axe_violations() == []
    other.screenshot("today-dark")

    # Back to following the phone: a phone set to dark gets dark, one set to light gets light.
    phone.go_to("Settings")
    page.get_by_role("radio", name="Same as my device").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#announce")).to_have_text("Saved.")
    expect(page.locator("html")).not_to_have_attribute("data-theme", "dark")
    phone.go_to("Today")
    assert background(phone) == light
    night: Phone = make_phone(color_scheme="dark")
    night.log_in("robin", PASSWORD)
    heading(night, "Today")
    assert background(night) == dark


def test_the_theme_choice_works_without_javascript(make_phone, robin):
    phone: Phone = make_phone(java_script_enabled=False, color_scheme="dark")
    page = phone.page
    phone.log_in("robin", PASSWORD)
    heading(phone, "Today")
    phone.open("/settings/")
    page.get_by_role("radio", name="Light").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    page.wait_for_function("getComputedStyle(document.documentElement).colorScheme === 'light'")  # once the CSS is in


# Every control a thumb taps, at least 44 by 44 CSS pixels. Not counted, as WCAG 2.5.8 allows:
# links inside a sentence, and boxes and radios whose label (the part tapped) is counted instead.
SMALL_TARGETS = """() => {
  const small = [];
  const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden"
    && !element.closest(".visually-hidden, [hidden], details:not([open]) > :not(summary)");
  const inSentence = (link) => getComputedStyle(link).display === "inline"
    && link.parentElement.textContent.trim().length > link.textContent.trim().length;
  const controls = document.querySelectorAll("a[href], button, input:not([type='hidden']), select, textarea, summary");
  for (const control of controls) {
    if (!shown(control) || control.matches(".skip-link")) continue;
    if (control.matches("a") && inSentence(control)) continue;
    const target = control.matches("input[type='radio'], input[type='checkbox']") && control.labels.length ? control.labels[0] : control;
    const box = target.getBoundingClientRect();
    if (box.width < 43.5 || box.height < 43.5) {
      small.push(`${target.tagName.toLowerCase()} "${(target.textContent || target.name || "").trim().slice(0, 40)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}"""


def test_every_control_is_big_enough_for_a_thumb(phone: Phone, robin):
    small = on_every_page(phone, robin, lambda phone: phone.page.evaluate(SMALL_TARGETS))
    assert not small, "\n".join(f"{name}: {targets}" for name, targets in small.items())


# What reaches past the screen's right edge (the page would scroll sideways), innermost first.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const past = [...document.body.querySelectorAll("*")].filter((element) => element.getBoundingClientRect().right > width + 0.5
    && !element.closest(".visually-hidden, .skip-link") && ![...element.children].some((child) => child.getBoundingClientRect().right > width + 0.5));
  return past.slice(0, 6).map((element) => `${element.outerHTML.slice(0, 90)} ${Math.round(element.getBoundingClientRect().right)}`);
}"""


def test_zoomed_to_200_percent_nothing_needs_sideways_scrolling(make_phone, robin):
    """A 390-pixel phone zoomed to 200 % lays pages out 195 CSS pixels wide."""
    phone: Phone = make_phone(viewport={"width": 195, "height": 422})
    wide = on_every_page(phone, robin, lambda phone: phone.page.evaluate(TOO_WIDE))
    assert not wide, "\n".join(f"{name}: {elements}" for name, elements in wide.items())
    phone.screenshot("help-zoomed-200")


def test_less_motion_when_asked_and_done_is_not_shown_by_colour_alone(make_phone, robin):
    phone: Phone = make_phone(reduced_motion="reduce")
    phone.log_in("robin", PASSWORD)
    heading(phone, "Today")
    row = phone.page.locator(".habit-row").first
    assert row.evaluate("(row) => getComputedStyle(row).transitionDuration") == "0s"
    calm: Phone = make_phone()
    calm.log_in("robin", PASSWORD)
    heading(calm, "Today")
    assert calm.page.locator(".habit-row").first.evaluate("(row) => getComputedStyle(row).transitionDuration") != "0s"
    # A done habit: its button says so to a screen reader and draws a tick, not only a fill.
    done = calm.page.get_by_role("button", name="Drink water", exact=True)
    expect(done).to_have_attribute("aria-pressed", "true")
    assert done.evaluate("(button) => getComputedStyle(button, '::after').borderLeftWidth") == "3px"
