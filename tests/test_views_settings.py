import pytest
from django.urls import reverse

from routines.models import User

URL = reverse("settings")


def settings_data(**overrides) -> dict[str, str]:
    return {
        "time_zone": "Asia/Tokyo",
        "day_start_hour": "3",
        "week_start": "6",
        "email": "",
        "quiet_start": "",
        "quiet_end": "",
        "theme": "system",
        **overrides,
    }


def test_settings_shows_the_current_choices(logged_in_client):
    response = logged_in_client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<option value="Europe/Berlin" selected>' in body
    assert "Change password" in body and "Log out" in body


def test_settings_post_saves_and_redirects(logged_in_client, user):
    response = logged_in_client.post(URL, settings_data(email="new@example.com"))
    assert response.status_code == 302 and response.url == URL
    user.refresh_from_db()
    assert (user.time_zone, user.day_start_hour, user.week_start, user.email) == (
        "Asia/Tokyo",
        3,
        User.WeekStart.SUNDAY,
        "new@example.com",
    )
    assert "Your settings are saved." in logged_in_client.get(URL).content.decode()


def test_settings_htmx_post_returns_only_the_form(logged_in_client, user):
    response = logged_in_client.post(URL, settings_data(), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<form id="settings-form"')
    assert "<html" not in body and "Saved." in body
    assert "HX-Request" in response["Vary"]
    user.refresh_from_db()
    assert user.time_zone == "Asia/Tokyo"


def test_settings_full_page_also_varies_on_hx_request(logged_in_client):
    assert "HX-Request" in logged_in_client.get(URL)["Vary"]


def test_settings_history_restore_gets_the_whole_page(logged_in_client):
    response = logged_in_client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_settings_refuses_an_unknown_time_zone_with_a_message(logged_in_client, user):
    response = logged_in_client.post(URL, settings_data(time_zone="Mars/Base"), headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == "Europe/Berlin"


def test_settings_refuses_a_day_start_hour_out_of_range(logged_in_client, user):
    response = logged_in_client.post(URL, settings_data(day_start_hour="13"))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.day_start_hour == 0


def test_settings_refuses_a_malformed_email_next_to_the_field(logged_in_client):
    response = logged_in_client.post(URL, settings_data(email="not an email"))
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_settings_save_quiet_hours_and_the_reminder_pause(logged_in_client, user):
    logged_in_client.post(URL, settings_data(quiet_start="22:00", quiet_end="07:00", reminders_paused="on"))
    user.refresh_from_db()
    assert (f"{user.quiet_start:%H:%M}", f"{user.quiet_end:%H:%M}", user.reminders_paused) == ("22:00", "07:00", True)
    logged_in_client.post(URL, settings_data())
    user.refresh_from_db()
    assert (user.quiet_start, user.quiet_end, user.reminders_paused) == (None, None, False)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [("22:00", "", "Please fill in both times"), ("", "07:00", "Please fill in both times"), ("22:00", "22:00", "different time"), ("25:00", "07:00", "Enter a valid time")],
)
def test_settings_refuse_half_or_odd_quiet_hours(logged_in_client, user, start, end, message):
    response = logged_in_client.post(URL, settings_data(quiet_start=start, quiet_end=end))
    assert response.status_code == 400 and message in response.content.decode()
    user.refresh_from_db()
    assert user.quiet_start is None


def test_settings_offer_logging_out_on_all_other_devices(logged_in_client):
    body = logged_in_client.get(reverse("settings")).content.decode()
    assert f'action="{reverse("log_out_elsewhere")}"' in body and "Log out on all other devices" in body


def test_a_chosen_theme_is_saved_and_every_page_wears_it(logged_in_client, user):
    assert 'data-theme' not in logged_in_client.get(URL).content.decode().split("<head>")[0]  # system: the device decides
    logged_in_client.post(URL, settings_data(theme="dark"))
    user.refresh_from_db()
    assert user.theme == User.Theme.DARK
    body = logged_in_client.get(reverse("today")).content.decode()
    assert '<html lang="en" data-theme="dark">' in body
    assert '<meta name="color-scheme" content="dark">' in body


def test_a_settings_form_without_the_theme_keeps_it(logged_in_client, user):
    user.theme = User.Theme.LIGHT
    user.save(update_fields=["theme"])
    data = settings_data()
    del data["theme"]
    assert logged_in_client.post(URL, data).status_code == 302
    user.refresh_from_db()
    assert user.theme == User.Theme.LIGHT


def test_an_unknown_theme_is_refused_next_to_the_field(logged_in_client, user):
    response = logged_in_client.post(URL, settings_data(theme="neon"), headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    user.refresh_from_db()
    assert user.theme == User.Theme.SYSTEM


def test_the_htmx_answer_names_the_theme_saved_for_the_page_to_apply(logged_in_client):
    body = logged_in_client.post(URL, settings_data(theme="light"), headers={"HX-Request": "true"}).content.decode()
    assert 'data-applied-theme="light"' in body and "data-announce" in body
