from datetime import timedelta

from playwright.sync_api import expect

from routines.days import user_today
from routines.models import DayRecord, Habit, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"


def test_check_off_then_watch_the_habit_grow(phone: Phone):
    page = phone.page
    robin = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    today = user_today(robin)
    stretch = Habit.objects.create(owner=robin, name="Stretch", position=0, start_date=today - timedelta(days=40))
    sleep = Habit.objects.create(
        owner=robin, name="Sleep", position=1, kind="measurable", unit="hours", target=7, start_date=today - timedelta(days=40)
    )
    for days_ago in range(1, 30):
        DayRecord.objects.create(habit=stretch, day=today - timedelta(days=days_ago), status="done")
        DayRecord.objects.create(habit=sleep, day=today - timedelta(days=days_ago), status="done", value=7 + days_ago % 3 / 2)
    DayRecord.objects.filter(habit=stretch, day=today - timedelta(days=5)).update(note="Stiff, but better after.")

    phone.log_in("robin", PASSWORD)
    page.get_by_role("button", name="Stretch", exact=True).tap()
    expect(page.locator("#progress")).to_have_text("1 of 2 done")

    page.get_by_role("link", name="Stretch", exact=True).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stretch")
    figures = page.get_by_role("region", name="How it is growing")
    expect(figures).to_contain_text("Current run: 30 days.")  # 29 days before, and today
    expect(page.get_by_label("Strength: ")).to_have_attribute("value", "80")  # Loop's 79.8 % after 30 days
    expect(page.get_by_role("img", name="Stretch, day by day")).to_be_visible()
    expect(page.get_by_text("Stiff, but better after.")).to_be_visible()
    phone.assert_fits_the_screen()
    phone.screenshot("habit")

    # A past day edited from the month calendar.
    yesterday = today - timedelta(days=1)
    page.get_by_role("link", name=f"{yesterday:%A} {yesterday.day} {yesterday:%B}: done. Edit").tap()
    page.get_by_role("radio", name="Rest").check()
    page.get_by_label("Note").fill("Slept in instead.")
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("region", name="How it is growing")).to_be_visible()
    expect(page.get_by_text("Slept in instead.")).to_be_visible()
    assert DayRecord.objects.get(habit=stretch, day=yesterday).status == "skipped"

    phone.go_to("History")
    expect(page.get_by_role("link", name="Stretch")).to_be_visible()
    stretch_line = page.get_by_role("listitem").filter(has=page.get_by_role("link", name="Stretch", exact=True))
    expect(stretch_line).to_contain_text("Done on 29 of the last 29 planned days. Current run: 29 days.")  # rest is left out
    expect(page.get_by_role("cell", name=f"{today:%A} {today.day} {today:%B}: 1 of 2 done")).to_be_visible()
    phone.assert_fits_the_screen()
    phone.screenshot("history")

    page.get_by_role("link", name="Sleep").tap()
    expect(page.get_by_role("img", name="Sleep in hours, last 30 days")).to_be_visible()
    page.get_by_role("link", name="90 days").tap()
    expect(page.get_by_role("img", name="Sleep in hours, last 90 days")).to_be_visible()
    phone.screenshot("habit-measurable")
