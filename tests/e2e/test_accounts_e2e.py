from playwright.sync_api import expect

from routines.models import User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"


def test_sign_up_change_time_zone_log_out_and_back_in(phone: Phone):
    page = phone.page
    phone.open("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Small, kind habits")
    phone.assert_fits_the_screen()
    phone.screenshot("landing")

    page.get_by_role("link", name="Sign up").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    phone.assert_fits_the_screen()
    phone.screenshot("signup")
    page.get_by_role("button", name="Sign up").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Start your routine")
    # The phone said Europe/Berlin; sign-up picked that up without asking.
    assert User.objects.get(username="robin").time_zone == "Europe/Berlin"

    phone.go_to("Settings")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    page.get_by_label("Time zone").select_option("Asia/Tokyo")
    page.get_by_label("My day starts at").select_option("3")
    page.get_by_role("radio", name="Sunday").check()
    page.get_by_role("button", name="Save settings").tap()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    robin = User.objects.get(username="robin")
    assert (robin.time_zone, robin.day_start_hour, robin.week_start) == ("Asia/Tokyo", 3, 6)
    phone.assert_fits_the_screen()
    phone.screenshot("settings")

    page.get_by_role("button", name="Log out", exact=True).tap()
    expect(page.get_by_role("link", name="Sign up")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)

    phone.log_in("robin", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.go_to("Settings")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")


def test_help_is_one_tap_from_the_footer_with_tappable_numbers(phone: Phone, db):
    page = phone.page
    phone.open("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Get help").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help")
    expect(page.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    expect(page.get_by_role("link", name="Call 1-800-662-HELP (4357)")).to_have_attribute("href", "tel:+18006624357")
    phone.assert_fits_the_screen()
    phone.screenshot("help")


def test_after_five_wrong_passwords_the_login_page_asks_calmly_to_wait(phone: Phone):
    User.objects.create_user("kim", password=PASSWORD)
    page = phone.page
    phone.open("/accounts/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("kim")
        page.get_by_label("Password").fill("not-it")
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").tap()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("paused for 15 minutes")
    expect(page.get_by_label("Username")).to_have_value("kim")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").tap()
    expect(page.get_by_role("alert")).to_contain_text("paused for 15 minutes")
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_visible()
    phone.assert_fits_the_screen()
    phone.screenshot("login-paused")
