"""Settings → Notifications on this device, and Done / Snooze pressed on a notification."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.test import Client
from django.urls import reverse

from routines import push
from routines.models import DayRecord, Habit, NudgeState, PushSubscription

from .test_push import Browser, b64, device

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc123"
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/settings/"}
TODAY = date(2026, 11, 26)  # in Berlin, with the on_thursday clock


def subscription(endpoint: str = ENDPOINT) -> dict:
    return {"endpoint": endpoint, "p256dh": Browser().p256dh, "auth": b64(b"0123456789abcdef")}


@pytest.fixture
def vapid(settings):
    settings.VAPID_PRIVATE_KEY = "IRkcFRR6dhWX8vB5roDMzu45UIJqhtIFkoAXbfBuKTk"
    settings.VAPID_SUBJECT = "mailto:care@selfcare.example"


# --- The section on the Settings page -----------------------------------------------------------


def test_settings_offers_notifications_with_the_key_and_a_calm_word_for_browsers_without(logged_in_client, vapid):
    page = logged_in_client.get(reverse("settings")).content.decode()
    assert "Notifications on this device" in page
    assert f'data-push="{push.public_key()}"' in page
    assert "Turn on notifications" in page
    assert "This browser can't show notifications from Selfcare" in page  # shown until push.js knows better
    assert "add Selfcare to your Home Screen first (Share → Add to Home Screen)" in page


def test_without_vapid_keys_the_section_says_notifications_are_not_set_up(logged_in_client, settings):
    settings.VAPID_PRIVATE_KEY = ""
    page = logged_in_client.get(reverse("settings")).content.decode()
    assert "Notifications aren't set up on this Selfcare server" in page and "data-push=" not in page


def test_settings_lists_this_persons_devices_only(logged_in_client, user, other_user, vapid):
    PushSubscription.objects.create(owner=user, endpoint=ENDPOINT, p256dh="k", auth="a", device="Chrome on Android")
    PushSubscription.objects.create(owner=other_user, endpoint=ENDPOINT + "x", p256dh="k", auth="a", device="Firefox on Windows")
    page = logged_in_client.get(reverse("settings")).content.decode()
    assert "Chrome on Android" in page and "Firefox on Windows" not in page
    assert "Send a test" in page and "Remove Chrome on Android" in page


# --- Turning them on ------------------------------------------------------------------------------


def test_turning_notifications_on_keeps_the_subscription_named_after_the_device(logged_in_client, user, vapid):
    response = logged_in_client.post(reverse("push_subscribe"), subscription(), headers={**HTMX, "User-Agent": ANDROID})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section class="card" id="notifications"') and "<html" not in page
    assert "Notifications are on for this device." in page and "Chrome on Android" in page
    stored = PushSubscription.objects.get()
    assert (stored.owner, stored.endpoint, stored.device) == (user, ENDPOINT, "Chrome on Android")


def test_a_plain_post_goes_back_to_the_section(logged_in_client, vapid):
    response = logged_in_client.post(reverse("push_subscribe"), subscription())
    assert response.status_code == 302 and response.url == "/settings/#notifications"


def test_turning_on_twice_keeps_one_subscription_with_the_new_keys(logged_in_client, vapid):
    logged_in_client.post(reverse("push_subscribe"), subscription())
    again = subscription()
    logged_in_client.post(reverse("push_subscribe"), again)
    assert PushSubscription.objects.get().p256dh == again["p256dh"]


def test_a_browser_that_moves_to_another_account_stops_notifying_the_first(logged_in_client, other_user, user, vapid):
    PushSubscription.objects.create(owner=other_user, endpoint=ENDPOINT, p256dh="k", auth="a")
    logged_in_client.post(reverse("push_subscribe"), subscription())
    assert PushSubscription.objects.get().owner == user


@pytest.mark.parametrize(
    "endpoint",
    ["http://fcm.googleapis.com/fcm/send/abc", "https://127.0.0.1:8200/send", "https://intranet.local/push", "https://evilfcm.googleapis.com.example/x", "not a url"],
)
def test_only_a_known_push_services_https_address_is_taken(logged_in_client, vapid, endpoint):
    response = logged_in_client.post(reverse("push_subscribe"), subscription(endpoint), headers=HTMX)
    assert response.status_code == 400
    assert "notifications can&#x27;t be turned on here" in response.content.decode()
    assert not PushSubscription.objects.exists()


def test_keys_that_are_not_base64url_are_refused(logged_in_client, vapid):
    response = logged_in_client.post(reverse("push_subscribe"), {**subscription(), "p256dh": "<script>"}, headers=HTMX)
    assert response.status_code == 400 and not PushSubscription.objects.exists()


def test_turning_on_when_the_server_has_no_keys_is_refused_calmly(logged_in_client, settings):
    settings.VAPID_PRIVATE_KEY = ""
    response = logged_in_client.post(reverse("push_subscribe"), subscription(), headers=HTMX)
    assert response.status_code == 400 and not PushSubscription.objects.exists()


# --- Removing and testing a device -------------------------------------------------------------------


def test_removing_a_device_deletes_its_subscription(logged_in_client, user, vapid):
    kept = PushSubscription.objects.create(owner=user, endpoint=ENDPOINT, p256dh="k", auth="a")
    gone = PushSubscription.objects.create(owner=user, endpoint=ENDPOINT + "2", p256dh="k", auth="a")
    response = logged_in_client.post(reverse("push_remove", args=[gone.pk]), headers=HTMX)
    assert response.status_code == 200 and "won&#x27;t get notifications any more" in response.content.decode()
    assert list(PushSubscription.objects.all()) == [kept]
    plain = logged_in_client.post(reverse("push_remove", args=[kept.pk]))
    assert plain.status_code == 302 and plain.url == "/settings/#notifications" and not PushSubscription.objects.exists()


@pytest.mark.parametrize("name", ["push_remove", "push_test"])
def test_another_persons_device_is_404_and_stays(logged_in_client, other_user, vapid, name):
    theirs = PushSubscription.objects.create(owner=other_user, endpoint=ENDPOINT, p256dh="k", auth="a")
    assert logged_in_client.post(reverse(name, args=[theirs.pk])).status_code == 404
    assert PushSubscription.objects.get() == theirs


def test_a_test_notification_reaches_the_device(logged_in_client, user, push_service):
    browser = Browser()
    mine = device(user, push_service, browser=browser)
    response = logged_in_client.post(reverse("push_test", args=[mine.pk]), headers=HTMX)
    assert "A test notification is on its way" in response.content.decode()
    assert browser.read(push_service.requests[0]["body"])["body"].startswith("Notifications are on.")


def test_a_test_to_a_device_the_push_service_forgot_removes_it_and_says_so(logged_in_client, user, push_service):
    mine = device(user, push_service, "/send/gone")
    push_service.answers["/send/gone"] = 410
    response = logged_in_client.post(reverse("push_test", args=[mine.pk]), headers=HTMX)
    assert "no longer takes notifications" in response.content.decode() and not PushSubscription.objects.exists()


def test_a_test_the_push_service_refused_says_to_try_later(logged_in_client, user, push_service):
    mine = device(user, push_service)
    push_service.answers["/send/phone"] = 500
    response = logged_in_client.post(reverse("push_test", args=[mine.pk]), headers=HTMX)
    assert "couldn&#x27;t be sent just now" in response.content.decode() and PushSubscription.objects.exists()


# --- Done and Snooze on a notification --------------------------------------------------------------


@pytest.fixture
def stretch(user, on_thursday) -> Habit:
    return Habit.objects.create(owner=user, name="Stretch", start_date=date(2026, 1, 1), reminders=["07:30"])


def press(client: Client, token: str, action: str):
    return client.post(reverse("push_action"), {"token": token, "action": action})


def test_done_on_a_notification_checks_the_habit_off_without_a_csrf_token(user, stretch):
    client = Client(enforce_csrf_checks=True)  # as the service worker: the session cookie, no CSRF token
    client.force_login(user)
    response = press(client, push.action_token(user, stretch, TODAY, "done"), "done")
    assert response.status_code == 204
    assert DayRecord.objects.get(habit=stretch, day=TODAY).status == "done"


def test_snooze_on_a_notification_rests_the_nudge_and_brings_the_push_back_then(logged_in_client, user, stretch):
    Habit.objects.filter(pk=stretch.pk).update(next_push_at=datetime(2026, 11, 27, 6, 30, tzinfo=timezone.utc))  # tomorrow's
    response = press(logged_in_client, push.action_token(user, stretch, TODAY, "snooze"), "snooze")
    assert response.status_code == 204
    state = NudgeState.objects.get(habit=stretch, day=TODAY)
    assert state.snoozed_until == datetime(2026, 11, 26, 10, 30, tzinfo=timezone.utc)
    stretch.refresh_from_db()
    assert stretch.next_push_at == state.snoozed_until


@pytest.mark.parametrize(
    "token_action, pressed",
    [("done", "snooze"), ("snooze", "done"), ("done", "delete")],
)
def test_a_token_works_only_for_its_own_action(logged_in_client, user, stretch, token_action, pressed):
    assert press(logged_in_client, push.action_token(user, stretch, TODAY, token_action), pressed).status_code == 403
    assert not DayRecord.objects.exists() and not NudgeState.objects.exists()


def test_another_persons_token_or_an_altered_one_changes_nothing(logged_in_client, other_user, other_habit, user, stretch):
    theirs = push.action_token(other_user, other_habit, TODAY, "done")
    assert press(logged_in_client, theirs, "done").status_code == 403
    mine = push.action_token(user, stretch, TODAY, "done")
    assert press(logged_in_client, mine[:-2] + "xx", "done").status_code == 403
    assert press(logged_in_client, "", "done").status_code == 403
    assert not DayRecord.objects.exists()


def test_a_token_expires_after_about_a_day(logged_in_client, user, stretch, time_machine):
    token = push.action_token(user, stretch, TODAY, "done")
    time_machine.shift(timedelta(hours=31))
    assert press(logged_in_client, token, "done").status_code == 403
    assert not DayRecord.objects.exists()


def test_done_from_yesterdays_notification_changes_nothing(logged_in_client, user, stretch):
    response = press(logged_in_client, push.action_token(user, stretch, TODAY - timedelta(days=1), "done"), "done")
    assert response.status_code == 204 and not DayRecord.objects.exists()


def test_done_for_a_habit_archived_since_changes_nothing(logged_in_client, user, stretch):
    Habit.objects.filter(pk=stretch.pk).update(archived=True)
    response = press(logged_in_client, push.action_token(user, stretch, TODAY, "done"), "done")
    assert response.status_code == 204 and not DayRecord.objects.exists()


def test_a_logged_out_notification_button_is_sent_to_log_in(client, user, stretch):
    response = press(client, push.action_token(user, stretch, TODAY, "done"), "done")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not DayRecord.objects.exists()


def test_the_service_worker_carries_the_push_handlers(client):
    worker = client.get(reverse("service_worker")).content.decode()
    assert 'addEventListener("push"' in worker and 'addEventListener("notificationclick"' in worker


def test_the_snooze_button_in_the_app_brings_the_push_back_too(logged_in_client, stretch):
    Habit.objects.filter(pk=stretch.pk).update(next_push_at=datetime(2026, 11, 27, 6, 30, tzinfo=timezone.utc))
    logged_in_client.post(reverse("nudge_snooze", args=[stretch.pk]))
    stretch.refresh_from_db()
    assert stretch.next_push_at == NudgeState.objects.get().snoozed_until
