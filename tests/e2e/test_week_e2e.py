from datetime import date, datetime, time, timedelta, timezone

import pytest
import time_machine
from playwright.sync_api import expect

from routines.models import DayRecord, Habit, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"


@pytest.fixture
def midweek():
    """The server's clock on the coming Wednesday at noon (near the real date, so cookies stay valid)."""
    today = datetime.now(timezone.utc).date()
    wednesday = today + timedelta(days=(2 - today.weekday()) % 7)
    with time_machine.travel(datetime.combine(wednesday, time(12, 0), tzinfo=timezone.utc), tick=True):
        yield wednesday


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def test_fill_in_the_week_with_one_thumb(phone: Phone, midweek: date):
    page = phone.page
    robin = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    start = midweek - timedelta(days=20)
    for position, (name, fields) in enumerate(
        [
            ("Stretch", {}),
            ("Music", {}),
            ("Sleep", {"kind": "measurable", "unit": "hours", "target": 7}),
            ("Read a book that stretches your imagination", {}),
        ]
    ):
        Habit.objects.create(owner=robin, name=name, position=position, start_date=start, **fields)
    yesterday = midweek - timedelta(days=1)

    phone.log_in("robin", PASSWORD)
    phone.go_to("Week")
    expect(page.get_by_role("columnheader", name=f"{long_day(midweek)}, today")).to_be_visible()

    # Yesterday, done for Stretch.
    page.get_by_role("button", name=f"Stretch, {long_day(yesterday)}").tap()
    expect(page.get_by_role("button", name=f"Stretch, {long_day(yesterday)}: done")).to_be_visible()
    expect(page.locator("#row-total-{}".format(Habit.objects.get(name="Stretch").pk))).to_contain_text("1/")

    # Yesterday, 7.5 hours of sleep, through the small form.
    page.get_by_role("link", name=f"Sleep, {long_day(yesterday)}").tap()
    page.get_by_label("Sleep, hours").fill("7.5")
    expect(page.get_by_role("checkbox", name="Rest day")).not_to_be_checked()
    phone.screenshot("week-editor-measurable")
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("link", name=f"Sleep, {long_day(yesterday)}: done, 7.5 of 7 hours")).to_be_visible()

    # Skip one: Music yesterday, tapped to done and once more to rest; then a note.
    music = page.get_by_role("button", name=f"Music, {long_day(yesterday)}")
    music.tap()
    expect(page.get_by_role("button", name=f"Music, {long_day(yesterday)}: done")).to_be_visible()
    music.tap()
    expect(page.get_by_role("button", name=f"Music, {long_day(yesterday)}: rest")).to_be_visible()
    page.get_by_role("link", name=f"Add note for Music on {long_day(yesterday)}").tap()
    page.get_by_label("Note").fill("Quiet evening instead.")
    expect(page.get_by_role("radio", name="Rest")).to_be_checked()  # one choice for how the day went
    phone.screenshot("week-editor-check")
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_text(f"{yesterday:%A} {yesterday.day}: rest.")).to_be_visible()
    stored = {r.habit.name: (r.status, r.value, r.note) for r in DayRecord.objects.filter(day=yesterday).select_related("habit")}
    assert stored == {
        "Stretch": ("done", None, ""),
        "Sleep": ("done", 7.5, ""),
        "Music": ("skipped", None, "Quiet evening instead."),
    }
    # Future days cannot be tapped.
    expect(page.get_by_role("button", name=f"Stretch, {long_day(midweek + timedelta(days=1))}")).to_have_count(0)
    phone.assert_fits_the_screen()
    phone.screenshot("week")

    # Last week and back, with the back button.
    page.get_by_role("link", name="Previous week").tap()
    expect(page).to_have_url(f"{phone.base_url}/week/{(midweek - timedelta(days=9)).isoformat()}/")
    expect(page.get_by_role("link", name="This week")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("button", name=f"Stretch, {long_day(yesterday)}: done")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(1)
    page.set_viewport_size({"width": 360, "height": 780})
    phone.assert_fits_the_screen()
    page.set_viewport_size({"width": 390, "height": 844})

    # A rest day on Today, and undoing it.
    phone.go_to("Today")
    page.get_by_role("button", name="Take a rest day").tap()
    expect(page.get_by_text("Today is a rest day.")).to_be_visible()
    expect(page.locator("#progress")).to_have_text("Resting today.")
    assert set(DayRecord.objects.filter(day=midweek).values_list("status", flat=True)) == {"skipped"}
    phone.screenshot("today-rest-day")
    page.get_by_role("button", name="Undo rest day").tap()
    expect(page.get_by_role("button", name="Take a rest day")).to_be_visible()
    assert set(DayRecord.objects.filter(day=midweek).values_list("status", flat=True)) == {"none"}
