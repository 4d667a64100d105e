import re

from playwright.sync_api import expect

from routines.models import Habit

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
HINT = "Tap the circle when it's done. Tap again to undo."


def test_day_one_starts_small_with_reminders_off_and_a_hint_until_the_first_check_off(phone: Phone):
    page = phone.page
    phone.sign_up("robin", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Start your routine")
    expect(page.get_by_text("Start small — you can add more any time.")).to_be_visible()

    items = page.locator("input[name$='-include']")
    reminders = page.get_by_role("checkbox", name="Remind me at")
    ticked = [items.nth(i).is_checked() for i in range(items.count())]
    assert items.count() == 8 and 1 <= sum(ticked) <= 4
    expect(reminders.first).to_be_visible()
    for i in range(reminders.count()):
        expect(reminders.nth(i)).not_to_be_checked()

    # One tap turns a suggested reminder on; the time itself waits under "Adjust".
    stretch_reminder = page.get_by_role("checkbox", name="Remind me at 07:30 about Stretch your body when you wake")
    stretch_reminder.tap()
    expect(stretch_reminder).to_be_checked()
    # Turning on the reminder of an item not ticked yet ticks the item too.
    meditation = page.get_by_role("checkbox", name=re.compile("^Mindfulness meditation"))
    expect(meditation).not_to_be_checked()
    page.get_by_role("checkbox", name="Remind me at 08:00 about Mindfulness meditation").tap()
    expect(meditation).to_be_checked()
    phone.assert_fits_the_screen()
    phone.screenshot("welcome-day-one")
    page.get_by_role("button", name="Start my routine").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    habits = {h.name: h.reminders for h in Habit.objects.filter(owner__username="robin")}
    assert len(habits) == 5
    assert habits["Stretch your body when you wake"] == ["07:30"] and habits["Mindfulness meditation"] == ["08:00"]
    assert habits["A healthy breakfast"] == []  # its 08:30 was only suggested
    hint = page.get_by_text(HINT)
    expect(hint).to_be_visible()
    phone.assert_fits_the_screen()
    phone.screenshot("today-day-one")

    page.get_by_role("button", name="Stretch your body when you wake", exact=True).tap()
    expect(page.get_by_role("button", name="Stretch your body when you wake", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(hint).to_be_hidden()
    page.reload()
    expect(page.get_by_text(HINT)).to_be_hidden()

    # A habit not done yet: its page has nothing to grade, only a kind line.
    page.get_by_role("link", name="A healthy breakfast").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("A healthy breakfast")
    figures = page.get_by_role("region", name="How it is growing")
    expect(figures).to_have_text("How it is growing Your first days will show here.")
    expect(page.get_by_text("Days done will fill in here.", exact=True)).to_be_visible()
    phone.assert_fits_the_screen()
    phone.screenshot("habit-new")
