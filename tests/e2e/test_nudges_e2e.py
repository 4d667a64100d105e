import re
from datetime import datetime, time, timedelta, timezone

import time_machine
from playwright.sync_api import expect

from routines.models import DayRecord, Habit, NudgeState, User

from ..conftest import long_standing_habit
from .conftest import Phone

PASSWORD = "a-calm-morning-42"
MINUTE = 60_000
REMINDERS = {"Stretch": "07:30", "Read a book": "08:00"}


def robins_habits(nine: datetime, *names: str) -> list[Habit]:
    """Robin, in Berlin, with habits begun ten days ago, each nudging at its time in REMINDERS."""
    robin = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    start = nine.date() - timedelta(days=10)
    return [
        long_standing_habit(owner=robin, name=name, reminders=[REMINDERS[name]], position=position, start_date=start)
        for position, name in enumerate(names)
    ]


def test_a_gentle_nudge_snoozed_brought_back_done_and_set_aside(phone: Phone):
    page = phone.page
    # The server's clock: today (real date) at 09:00 in Berlin, frozen; the browser's clock only drives polling.
    nine = datetime.combine(datetime.now(timezone.utc).date(), time(8, 0), tzinfo=timezone.utc)
    with time_machine.travel(nine, tick=False) as server_clock:
        stretch, read = robins_habits(nine, "Stretch", "Read a book")
        page.clock.install()
        phone.log_in("robin", PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("Today")

        nudges = page.get_by_role("region", name="Reminders")
        stretch_card = nudges.get_by_role("article").filter(has_text="Stretch")
        expect(stretch_card).to_be_visible()
        expect(stretch_card).to_contain_text("stretch")
        expect(nudges.get_by_role("article")).to_have_count(2)
        # Announced once when new; a reload shows the same cards without announcing them again.
        expect(page.locator("#nudge-announce")).to_contain_text("Reminder: Stretch.")
        page.reload()
        expect(stretch_card).to_be_visible()
        expect(page.locator("#nudge-announce")).to_have_text("")
        phone.assert_fits_the_screen()
        phone.screenshot("nudge")

        # Snooze 30 min hides it; 31 minutes later (server) the next poll brings it back.
        stretch_card.get_by_role("button", name="Snooze 30 min").tap()
        expect(stretch_card).to_have_count(0)
        assert NudgeState.objects.get(habit=stretch).snoozed_until is not None
        page.clock.run_for(MINUTE)
        expect(stretch_card).to_have_count(0)
        server_clock.shift(timedelta(minutes=31))
        page.clock.run_for(MINUTE)
        expect(stretch_card).to_be_visible()

        # Done checks the habit on Today without a reload.
        page.evaluate("window.selfcareMarker = 'same page'")  # gone if the page reloads
        stretch_card.get_by_role("button", name="Done").tap()
        expect(page.get_by_role("button", name="Stretch", exact=True)).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#progress")).to_have_text("1 of 2 done")
        expect(stretch_card).to_have_count(0)
        assert page.evaluate("window.selfcareMarker") == "same page"
        assert DayRecord.objects.get(habit=stretch).status == "done"

        # Not today keeps "Read a book" away until the next day.
        read_card = nudges.get_by_role("article").filter(has_text="Read a book")
        read_card.get_by_role("button", name="Not today").tap()
        expect(read_card).to_have_count(0)
        server_clock.shift(timedelta(hours=10))
        page.clock.run_for(MINUTE)
        expect(nudges.get_by_role("article")).to_have_count(0)
        server_clock.shift(timedelta(hours=14))  # 09:41 the next morning
        page.clock.run_for(MINUTE)
        expect(read_card).to_be_visible()
        assert not DayRecord.objects.filter(habit=read).exists()


def test_checking_a_habit_off_takes_its_nudge_away_at_once(phone: Phone):
    page = phone.page
    nine = datetime.combine(datetime.now(timezone.utc).date(), time(8, 0), tzinfo=timezone.utc)
    with time_machine.travel(nine, tick=False):
        stretch, _ = robins_habits(nine, "Stretch", "Read a book")
        page.clock.install()  # the browser's timers stand still: no poll can come to the rescue
        phone.log_in("robin", PASSWORD)
        nudges = page.get_by_role("region", name="Reminders")
        stretch_card = nudges.get_by_role("article").filter(has_text="Stretch")
        expect(stretch_card).to_be_visible()

        page.get_by_role("button", name="Stretch", exact=True).tap()
        expect(stretch_card).to_have_count(0)
        expect(nudges.get_by_role("article").filter(has_text="Read a book")).to_be_visible()
        assert DayRecord.objects.get(habit=stretch).status == "done"
        phone.screenshot("nudge-gone-after-check-off")

        # Undone, it is due again: its card comes back, just as quickly.
        page.get_by_role("button", name="Stretch", exact=True).tap()
        expect(stretch_card).to_be_visible()

        # The same from the Week: today's cell.
        phone.go_to("Week")
        today = nine.date()
        page.get_by_role("button", name=re.compile(rf"^Stretch, {today:%A} {today.day} {today:%B}:")).tap()
        expect(stretch_card).to_have_count(0)

        # And back: undone on another phone, the card returns with the next poll; Done on it,
        # here on the Week, shows in today's cell at once.
        DayRecord.objects.filter(habit=stretch).delete()
        page.clock.run_for(MINUTE)
        expect(stretch_card).to_be_visible()
        cell = page.get_by_role("button", name=re.compile(rf"^Stretch, {today:%A} {today.day} {today:%B}:"))
        stretch_card.get_by_role("button", name="Done").tap()
        expect(stretch_card).to_have_count(0)
        expect(cell).to_have_accessible_name(re.compile(r": done\. Tap to"))
        assert DayRecord.objects.get(habit=stretch).status == "done"


# How far each page moved by itself once it showed (the Layout Instability API, which Lighthouse reads).
# Every shift counts: the opened page has had no input, though Chromium may mark a shift as just after one.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => resolve(list.getEntries().reduce((total, entry) => total + entry.value, 0)))
    .observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(0), 1000);
})"""


def test_the_cards_come_with_each_page_so_nothing_moves_under_the_thumb_once_it_shows(phone: Phone):
    page = phone.page
    nine = datetime.combine(datetime.now(timezone.utc).date(), time(8, 0), tzinfo=timezone.utc)
    with time_machine.travel(nine, tick=False):
        robins_habits(nine, "Stretch")
        phone.log_in("robin", PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("Today")
        asked = []
        page.on("request", lambda request: asked.append(request.url) if "/nudges/" in request.url else None)
        for path in ("/week/", "/history/", "/routine/", "/settings/"):
            phone.open(path)
            expect(page.get_by_role("region", name="Reminders").get_by_role("article").filter(has_text="Stretch")).to_be_visible()
            assert page.evaluate(LAYOUT_SHIFT) == 0, path
        assert asked == []  # none of them had to ask for their cards
