"""Form boxes on a phone: the same size and look everywhere, big enough for a thumb."""

from playwright.sync_api import Locator, expect

from routines.models import User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"


def looks(box: Locator) -> dict:
    return box.evaluate(
        "el => { const s = getComputedStyle(el); return {"
        " border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`, radius: s.borderRadius,"
        " background: s.backgroundColor, font: s.fontSize, padding: s.paddingLeft}; }"
    )


def assert_like(time_box: Locator, text_box: Locator) -> None:
    """At least 44px tall (about as tall as the text box beside it) and styled the same."""
    height, text_height = time_box.bounding_box()["height"], text_box.bounding_box()["height"]
    assert height >= 44 and abs(height - text_height) <= 4, (height, text_height)
    assert looks(time_box) == looks(text_box)


def test_time_boxes_match_the_other_boxes_on_the_habit_form_and_in_settings(phone: Phone, db):
    page = phone.page
    User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    phone.log_in("robin", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")

    phone.open("/routine/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a habit")
    for number in (1, 2, 3):
        assert_like(page.get_by_label(f"Reminder {number}"), page.get_by_label("Name", exact=True))
    phone.screenshot_of(page.get_by_role("group", name="Reminder times"), "form-reminder-times")

    phone.go_to("Settings")
    for label in ("Quiet from", "Quiet until"):
        assert_like(page.get_by_label(label), page.get_by_label("Email"))
    # Side by side, the two boxes line up.
    assert page.get_by_label("Quiet from").bounding_box()["y"] == page.get_by_label("Quiet until").bounding_box()["y"]
    phone.assert_fits_the_screen()
    phone.screenshot_of(page.locator("#settings-form"), "form-settings")
