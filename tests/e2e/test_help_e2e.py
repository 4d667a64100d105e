from datetime import date

from playwright.sync_api import expect

from routines.models import Habit, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
SCREEN = {"width": 390, "height": 844}


def person(country: str = "", habits: int = 0) -> User:
    user = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin", country=country)
    for i in range(habits):
        Habit.objects.create(owner=user, name=f"Habit number {i + 1}", reminders=["00:01"], position=i, start_date=date(2026, 1, 1))
    return user


def test_get_help_is_in_the_first_screen_of_a_long_routine(phone: Phone, db):
    page = phone.page
    person(habits=12)
    phone.log_in("robin", PASSWORD)
    phone.go_to("Routine")
    expect(page.locator("li.routine-row")).to_have_count(12)
    assert page.evaluate("window.scrollY") == 0
    link = page.get_by_role("banner").get_by_role("link", name="Get help")
    box = link.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= SCREEN["width"] and box["y"] + box["height"] <= SCREEN["height"]
    assert box["height"] >= 44
    link.tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help")
    expect(page.locator("#nudges")).to_have_count(0)  # twelve reminders are due; none of them here


def test_help_for_my_country_comes_first_and_my_people_are_one_tap_away(phone: Phone, db):
    page = phone.page
    person(country="GB")
    phone.log_in("robin", PASSWORD)
    page.get_by_role("banner").get_by_role("link", name="Get help").tap()
    crisis = page.get_by_role("region", name="If you are in crisis")
    samaritans = crisis.get_by_role("link", name="Call 116 123")
    expect(samaritans).to_have_attribute("href", "tel:116123")
    expect(samaritans).to_be_in_viewport()
    expect(crisis.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    expect(page.get_by_role("region", name="In the United States").get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    phone.assert_fits_the_screen()
    phone.screenshot("help-gb")

    # My support, written on a good day: added and edited in place.
    support = page.get_by_role("region", name="My support")
    support.get_by_label("Name").fill("Aunt Ruth")
    support.get_by_label("Phone number").fill("+44 (0)20 7946-0958")
    support.get_by_role("button", name="Add this person").tap()
    expect(support.get_by_role("link", name="Call Aunt Ruth")).to_have_attribute("href", "tel:+4402079460958")
    expect(support.get_by_role("link", name="Text Aunt Ruth")).to_have_attribute("href", "sms:+4402079460958")
    support.get_by_role("link", name="Edit Aunt Ruth").tap()
    support.get_by_role("listitem").get_by_label("Name").fill("Ruth")
    support.get_by_role("button", name="Save").tap()
    expect(support.get_by_role("link", name="Call Ruth")).to_have_attribute("href", "tel:+4402079460958")
    support.get_by_label("Add to things that help me").fill("Sitting with the cat")
    support.get_by_role("button", name="Add to things that help me").tap()
    expect(support).to_contain_text("Sitting with the cat")
    assert page.evaluate("location.pathname") == "/help/"  # all in place, with htmx
    phone.screenshot_of(support, "help-my-support")


def test_my_support_works_without_javascript(make_phone, db):
    phone = make_phone(java_script_enabled=False)
    page = phone.page
    person(country="NZ")
    phone.log_in("robin", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.open("/help/")
    expect(page.get_by_role("region", name="If you are in crisis").get_by_role("link", name="Text 1737")).to_have_attribute("href", "sms:1737")
    support = page.get_by_role("region", name="My support")
    support.get_by_label("Name").fill("Sam")
    support.get_by_label("Phone number").fill("021 555 0100")
    support.get_by_role("button", name="Add this person").tap()
    expect(page).to_have_url(phone.base_url + "/help/#my-support")
    expect(page.get_by_role("region", name="My support").get_by_role("link", name="Call Sam")).to_have_attribute("href", "tel:0215550100")
