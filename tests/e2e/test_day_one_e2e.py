"""Issue 11's newcomer, end to end: signs up mid-morning in London on a phone and is never pressed."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from playwright.sync_api import expect

from routines.models import DayRecord, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
LONDON = ZoneInfo("Europe/London")


def test_a_newcomer_at_ten_is_not_nudged_sees_a_card_go_types_a_comma_and_reaches_help(make_phone):
    phone: Phone = make_phone(timezone_id="Europe/London")
    page = phone.page
    ten = datetime.combine(datetime.now(LONDON).date(), time(10, 0), tzinfo=LONDON)
    with time_machine.travel(ten, tick=False) as server_clock:
        page.clock.install()  # the page's timers only run when the test says: no poll comes to the rescue
        phone.sign_up("newcomer", PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("Start your routine")
        page.get_by_role("checkbox", name=re.compile("^Sleep")).check()
        page.get_by_role("checkbox", name="Remind me at 08:30 about A healthy breakfast").tap()
        page.get_by_role("button", name="Start my routine").tap()
        expect(page.get_by_role("heading", level=1)).to_have_text("Today")  # its nudge area comes drawn with it
        assert User.objects.get(username="newcomer").time_zone == "Europe/London"
        # 08:30 had passed before the habit existed: no "it's time" at 10:00.
        reminders = page.get_by_role("region", name="Reminders")
        expect(reminders.get_by_role("article")).to_have_count(0)

        # The next morning, the breakfast reminder is due; ticking breakfast off takes its card away at once.
        server_clock.move_to(ten + timedelta(days=1, hours=-1))
        page.reload()
        card = reminders.get_by_role("article").filter(has_text="A healthy breakfast")
        expect(card).to_be_visible()
        page.get_by_role("button", name="A healthy breakfast", exact=True).tap()
        expect(card).to_have_count(0)
        assert DayRecord.objects.get(habit__name="A healthy breakfast").status == "done"

        # A decimal comma, as many phones type it.
        sleep = page.get_by_role("textbox", name="Sleep, hours")
        sleep.fill("6,5")
        sleep.press("Enter")
        expect(page.get_by_role("textbox", name="Sleep, hours")).to_have_value("6.5")
        record = DayRecord.objects.get(habit__name="Sleep")
        assert str(record.value) == "6.50" and record.status == "partial"

        # From the Routine page, Get help is in the first screen, before any scrolling.
        phone.go_to("Routine")
        assert page.evaluate("window.scrollY") == 0
        help_link = page.get_by_role("banner").get_by_role("link", name="Get help")
        box = help_link.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844 and box["height"] >= 44
        help_link.tap()
        expect(page.get_by_role("heading", level=1)).to_have_text("Get help")
        expect(page.get_by_role("region", name="Reminders")).to_have_count(0)
        expect(page.get_by_role("link", name=re.compile("116 123")).first).to_be_visible()  # the UK's lines first
        phone.screenshot_of(page.locator("main"), "day-one-get-help")
