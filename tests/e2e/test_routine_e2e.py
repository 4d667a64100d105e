from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from routines.models import Habit

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def row(phone: Phone, name: str):
    return phone.page.locator("#routine-body li.routine-row").filter(has_text=name)


def test_shape_the_routine_on_a_phone(phone: Phone):
    page = phone.page
    phone.sign_up("robin", PASSWORD)
    page.get_by_role("button", name="Start my routine").tap()
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()  # the phone's zone, which sign-up picked up
    other_day = WEEKDAYS[(today.weekday() + 2) % 7]

    # Add "Call a friend" on today's weekday and one other, in the evening.
    phone.go_to("Routine")
    page.get_by_role("link", name="Add a habit").tap()
    page.get_by_label("Name", exact=True).fill("Call a friend")
    page.get_by_label("Time of day").select_option(label="Evening")
    expect(page.get_by_role("group", name="On these days")).to_be_hidden()
    page.get_by_role("radio", name="On chosen weekdays").check()
    page.get_by_role("checkbox", name=WEEKDAYS[today.weekday()]).check()
    page.get_by_role("checkbox", name=other_day).check()
    page.get_by_role("button", name="Save").tap()
    expect(row(phone, "Call a friend")).to_contain_text("Evening")
    phone.go_to("Today")
    evening = page.locator("section").filter(has=page.get_by_role("heading", name="Evening"))
    expect(evening.get_by_role("button", name="Call a friend")).to_be_visible()

    # Edit its name inline.
    phone.go_to("Routine")
    row(phone, "Call a friend").get_by_role("link", name="Edit").tap()
    expect(page.get_by_role("heading", name="Edit Call a friend")).to_be_visible()
    phone.assert_fits_the_screen()
    phone.screenshot("routine-inline-edit")
    page.get_by_label("Name", exact=True).fill("Call someone I love")
    page.get_by_role("button", name="Save").tap()
    expect(row(phone, "Call someone I love")).to_be_visible()
    expect(page.get_by_role("heading", name="Edit Call a friend")).to_have_count(0)

    # Move it to the top, one tap at a time.
    active_rows = page.locator("#routine-body > ul > li.routine-row")
    start = active_rows.all_inner_texts().index(row(phone, "Call someone I love").inner_text())
    for place in range(start - 1, -1, -1):
        row(phone, "Call someone I love").get_by_role("button", name="Move up").tap()
        expect(active_rows.nth(place)).to_contain_text("Call someone I love")
    expect(row(phone, "Call someone I love").get_by_role("button", name="Move up")).to_be_disabled()
    expect(page.locator("#routine-body li.routine-row").first).to_contain_text("Call someone I love")
    assert Habit.objects.filter(owner__username="robin", archived=False).order_by("position").first().name == "Call someone I love"

    # Pause it until next week: gone from Today; resume: back.
    friend = row(phone, "Call someone I love")
    friend.get_by_text("More").tap()
    friend.get_by_label("Pause until").fill((today + timedelta(days=7)).isoformat())
    friend.get_by_role("button", name="Pause").tap()
    expect(row(phone, "Call someone I love")).to_contain_text("Resting until")
    phone.go_to("Today")
    expect(page.get_by_role("button", name="Call someone I love")).to_have_count(0)
    phone.go_to("Routine")
    row(phone, "Call someone I love").get_by_text("More").tap()
    row(phone, "Call someone I love").get_by_role("button", name="Resume").tap()
    expect(row(phone, "Call someone I love")).not_to_contain_text("Resting")
    phone.go_to("Today")
    expect(page.get_by_role("button", name="Call someone I love")).to_be_visible()

    # Archive and restore it.
    phone.go_to("Routine")
    row(phone, "Call someone I love").get_by_text("More").tap()
    row(phone, "Call someone I love").get_by_role("button", name="Archive").tap()
    archived = page.locator("details.archived")
    expect(archived).to_contain_text("Archived (1)")
    archived.locator("summary").tap()
    archived.get_by_role("button", name="Restore Call someone I love").tap()
    expect(page.locator("details.archived")).to_have_count(0)
    assert not Habit.objects.get(name="Call someone I love").archived

    # Add "Drink water" as measurable: glasses, at least 6.
    page.get_by_role("link", name="Add a habit").tap()
    page.get_by_label("Name", exact=True).fill("Drink water")
    expect(page.get_by_label("Unit")).to_be_hidden()
    page.get_by_role("group", name="How do you track it?").get_by_role("radio", name="A number").check()
    page.get_by_label("Unit").fill("glasses")
    page.get_by_label("Aim for").select_option(label="At least")
    page.get_by_label("Target").fill("6")
    page.get_by_role("button", name="Save").tap()
    expect(row(phone, "Drink water")).to_contain_text("at least 6 glasses")

    # An idea in one tap.
    page.get_by_role("button", name="Add: Write in your journal", exact=True).tap()
    expect(row(phone, "Write in your journal")).to_be_visible()
    expect(page.get_by_role("button", name="Add: Write in your journal", exact=True)).to_have_count(0)
    phone.assert_fits_the_screen()
    phone.screenshot("routine")

    # Delete a habit through the confirmation.
    row(phone, "Drink water").get_by_text("More").tap()
    row(phone, "Drink water").get_by_role("link", name="Delete").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete “Drink water”?")
    page.get_by_role("button", name="Delete for good").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Routine")
    expect(row(phone, "Drink water")).to_have_count(0)
    assert not Habit.objects.filter(name="Drink water").exists()
