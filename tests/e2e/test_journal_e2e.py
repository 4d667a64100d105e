import re
from datetime import timedelta

from playwright.sync_api import expect

from routines.days import user_today
from routines.models import DayRecord, Habit, JournalEntry, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"


def test_a_check_in_from_today_found_again_in_the_journal(phone: Phone):
    page = phone.page
    robin = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    Habit.objects.create(owner=robin, name="Stretch", start_date=user_today(robin) - timedelta(days=3))
    phone.log_in("robin", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")

    card = page.get_by_role("region", name="How are you today?")
    card.get_by_role("radio", name="Good", exact=True).check()
    card.get_by_text("Feelings and a few words").tap()
    card.get_by_role("checkbox", name="calm").check()
    card.get_by_role("checkbox", name="hopeful").check()
    card.get_by_role("textbox", name="Write").fill("A slow walk by the river helped.")
    phone.screenshot_of(card, "check-in-card")
    card.get_by_role("button", name="Save check-in").tap()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    entry = JournalEntry.objects.get(owner=robin)
    assert (entry.mood, entry.feelings, entry.text) == (4, ["calm", "hopeful"], "A slow walk by the river helped.")
    phone.screenshot_of(page.locator("#check-in"), "check-in-saved")

    phone.go_to("Journal")
    page.get_by_role("searchbox", name="Search your words").fill("river")
    page.get_by_role("button", name="Show").tap()
    result = page.get_by_role("article").filter(has_text="A slow walk by the river helped.")
    expect(result).to_be_visible()
    expect(result).to_contain_text("Good")
    expect(result.get_by_role("list", name="Feelings")).to_contain_text("calm")
    phone.assert_fits_the_screen()
    phone.screenshot("journal")

    phone.go_to("Week")
    moods = page.locator("#week-moods")
    expect(moods.get_by_role("link", name=re.compile(r"today|\d+ \w+: good\. Change"))).to_have_count(1)
    phone.screenshot_of(page.locator(".week-table"), "week-with-mood")


def test_the_check_in_card_works_without_javascript(make_phone):
    phone = make_phone(java_script_enabled=False)
    page = phone.page
    User.objects.create_user("sky", password=PASSWORD, time_zone="Europe/Berlin")
    phone.log_in("sky", PASSWORD)
    card = page.get_by_role("region", name="How are you today?")
    card.get_by_role("radio", name="Okay").check()
    card.get_by_role("button", name="Save check-in").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    assert JournalEntry.objects.get().mood == 3


def test_a_heavy_fortnight_brings_a_calm_card_that_points_to_help(phone: Phone):
    page = phone.page
    kim = User.objects.create_user("kim", password=PASSWORD, time_zone="Europe/Berlin")
    today = user_today(kim)
    JournalEntry.objects.bulk_create(JournalEntry(owner=kim, day=today - timedelta(days=i), mood=2) for i in range(1, 12))
    phone.log_in("kim", PASSWORD)
    card = page.get_by_role("region", name="It seems things have felt heavy lately")
    expect(card).to_be_visible()
    phone.screenshot_of(card, "safeguard-card")
    card.get_by_role("link", name="See who you can talk to").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help")
    page.go_back()
    page.get_by_role("button", name="Put this away for a week").tap()
    expect(page.get_by_role("region", name="It seems things have felt heavy lately")).to_have_count(0)


def test_history_tells_what_happened_with_mood_beside_a_habit(phone: Phone):
    page = phone.page
    lee = User.objects.create_user("lee", password=PASSWORD, time_zone="Europe/Berlin")
    today = user_today(lee)
    stretch = Habit.objects.create(owner=lee, name="Stretch", start_date=today - timedelta(days=40))
    for i in range(1, 25):
        day = today - timedelta(days=i)
        stretched = i % 2 == 0
        JournalEntry.objects.create(owner=lee, day=day, mood=4 if stretched or i % 3 == 0 else 3)
        if stretched:
            DayRecord.objects.create(habit=stretch, day=day, status="done")
    phone.log_in("lee", PASSWORD)
    phone.go_to("History")
    insight = page.get_by_role("region", name="Your mood and your habits")
    expect(insight).to_contain_text("On days you did Stretch, your mood was good or better on 12 of 12 days")
    phone.screenshot_of(insight, "insight")
