from datetime import timedelta

from django.test import Client
from icalendar import Calendar
from playwright.sync_api import expect

from routines.days import user_today
from routines.models import Habit, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"


def test_settings_offers_a_private_calendar_address(phone: Phone):
    page = phone.page
    robin = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    Habit.objects.create(owner=robin, name="Stretch", reminders=["07:30"], start_date=user_today(robin) - timedelta(days=3))
    phone.log_in("robin", PASSWORD)
    phone.go_to("Settings")
    page.get_by_role("button", name="Create my private calendar link").tap()

    address = page.get_by_label("Your private calendar address")
    expect(address).to_be_visible()
    url = address.input_value()
    robin.refresh_from_db()
    assert url == f"{phone.base_url}/calendar/{robin.calendar_token}.ics"
    expect(page.get_by_role("link", name="Subscribe in your calendar app")).to_have_attribute("href", "webcal://" + url.split("://")[1])
    page.get_by_text("How to add it").tap()
    expect(page.get_by_role("heading", name="Android (ICSx⁵)")).to_be_visible()
    phone.screenshot_of(page.get_by_role("region", name="Reminders in your calendar"), "settings-calendar")

    feed = page.request.get(url)
    assert feed.status == 200 and feed.headers["content-type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Stretch"] and events[0].walk("VALARM")

    page.get_by_role("button", name="Reset link").tap()
    expect(address).not_to_have_value(url)
    assert Client().get(url.replace(phone.base_url, "")).status_code == 404
