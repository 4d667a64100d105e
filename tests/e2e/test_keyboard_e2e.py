"""Keyboard alone: sign up, check a habit off, undo it and edit a habit on Routine with Tab,
Enter, Space and typing; focus moves in reading order, always shows a ring, and stays with
the control used when htmx swaps the part of the page around it."""

from playwright.sync_api import Page, expect

from routines.models import DayRecord, Habit, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
# The focused element's accessible name, near enough: its label, aria-label or text without hidden icons.
FOCUSED_NAME = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return "";
  if (element.labels && element.labels.length) return element.labels[0].innerText.replace(/\\s+/g, " ").trim();
  const clone = element.cloneNode(true);
  clone.querySelectorAll("[aria-hidden='true']").forEach((node) => node.remove());
  return (element.getAttribute("aria-label") || clone.textContent).replace(/\\s+/g, " ").trim();
}"""
# A ring a person can see: an outline (or a ring drawn on the label of a visually replaced control).
# A date field's own calendar button is a stop inside the field (its host is then not :focus): Chromium rings it itself.
HAS_RING = """() => {
  const element = document.activeElement;
  if (!element.matches(":focus")) return element.matches("input[type='date'], input[type='time']");
  const ringed = (node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
  };
  return ringed(element) || (element.closest("label") !== null && ringed(element.closest("label")));
}"""


def focused(page: Page) -> str:
    return page.evaluate(FOCUSED_NAME)


def tab_to(page: Page, name: str, limit: int = 60, starts: bool = False) -> list[str]:
    """Press Tab until `name` (or with starts=True a name starting so) has focus; the names
    passed on the way, in order. Every stop shows a ring."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert page.evaluate(HAS_RING), f"no visible focus ring on {now!r}"
        if now == name or (starts and now.startswith(name)):
            return passed
        passed.append(now)
    raise AssertionError(f"{name!r} never got focus; went through {passed}")


def test_sign_up_check_off_undo_and_edit_a_habit_with_the_keyboard_alone(phone: Phone):
    page = phone.page
    phone.open("/")
    # The first stop skips the header; the header comes before the page's own links.
    assert tab_to(page, "Skip to content", limit=1) == []
    assert tab_to(page, "Sign up") == ["Selfcare", "Get help"]
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up")

    expect(page.locator(":focus")).to_have_accessible_name("Username")  # the form's first field, as Django sets it
    page.keyboard.type("robin")
    assert tab_to(page, "Password") == ["Email"]
    page.keyboard.type(PASSWORD)
    tab_to(page, "Password again")
    page.keyboard.type(PASSWORD)
    tab_to(page, "Sign up")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start your routine")

    # The checklist: take "Sleep" too (Space ticks a box), then start.
    tab_to(page, "Sleep ", starts=True)
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="Sleep", exact=False).first).to_be_checked()
    tab_to(page, "Start my routine")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    robin = User.objects.get(username="robin")
    first = Habit.objects.filter(owner=robin, kind=Habit.Kind.CHECK).order_by("position").first()

    # Skip to content, then the first thing in the page is the first habit's circle.
    tab_to(page, "Skip to content", limit=1)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    circle = page.locator(":focus")
    expect(circle).to_have_attribute("aria-pressed", "false")
    name = focused(page)
    progress = page.locator("#progress")
    total = progress.inner_text().split(" of ")[1]

    page.keyboard.press("Space")  # check off
    expect(circle).to_have_attribute("aria-pressed", "true")
    expect(progress).to_have_text(f"1 of {total}")
    expect(page.get_by_role("status").filter(has=progress)).to_have_count(1)  # read out politely
    expect(page.locator(":focus")).to_have_attribute("id", circle.get_attribute("id"))  # after the swap, still here
    assert DayRecord.objects.filter(habit__owner=robin, status="done").count() == 1

    # htmx takes over the new row when it settles (20 ms); a key pressed before that sends the
    # plain form, which also works but reloads the page. A person is never that quick.
    expect(page.locator(".htmx-swapping, .htmx-settling, .htmx-added")).to_have_count(0)
    page.keyboard.press("Space")  # and undo
    expect(page.locator(":focus")).to_have_attribute("aria-pressed", "false")
    expect(progress).to_have_text(f"0 of {total}")
    assert focused(page) == name
    assert not DayRecord.objects.filter(habit__owner=robin, status="done").exists()

    # To Routine by the tab bar, after the page's own controls.
    tab_to(page, "Routine", limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Routine")

    # Edit opens in place: focus goes to the editor's heading; Cancel brings it back to Edit.
    tab_to(page, f"Edit {first.name}")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_text(f"Edit {first.name}")
    expect(page.locator(":focus")).to_have_role("heading")
    tab_to(page, "Cancel")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_accessible_name(f"Edit {first.name}")

    # Edit again, rename, save: focus returns to the row's Edit, under its new name.
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_role("heading")
    assert tab_to(page, "Name") == []
    page.keyboard.press("Control+A")
    page.keyboard.type("Slow stretch")
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_accessible_name("Edit Slow stretch")
    first.refresh_from_db()
    assert first.name == "Slow stretch"
