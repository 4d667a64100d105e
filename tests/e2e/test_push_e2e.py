"""Notifications: the Settings section, and the service worker's push and notificationclick handlers."""

import json
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from routines import push
from routines.days import user_today
from routines.nudges import kind_words
from routines.models import DayRecord, Habit, NudgeState, PushSubscription, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
KEY = "IRkcFRR6dhWX8vB5roDMzu45UIJqhtIFkoAXbfBuKTk"
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"

NOTIFICATIONS = """async () => (await self.registration.getNotifications()).map(
  (n) => ({title: n.title, body: n.body, tag: n.tag, actions: n.actions.map((a) => a.title)}))"""

# A click on a notification's button, as the browser would send it. A synthetic event may not
# extend its own life (waitUntil), so its promises are gathered and awaited here instead.
CLICK = """async (action) => {
  const [notification] = await self.registration.getNotifications();
  const event = new NotificationEvent("notificationclick", { notification, action });
  const waiting = [];
  Object.defineProperty(event, "waitUntil", { value: (promise) => waiting.push(promise) });
  self.dispatchEvent(event);
  await Promise.all(waiting);
  return (await self.registration.getNotifications()).length;
}"""


@pytest.fixture
def robin(settings, db) -> User:
    """Robin, on a server that can send pushes."""
    settings.VAPID_PRIVATE_KEY = KEY
    settings.VAPID_SUBJECT = "mailto:care@selfcare.example"
    return User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")


@pytest.fixture
def walk(robin: User) -> Habit:
    return Habit.objects.create(owner=robin, name="Walk", reminders=["07:30"], start_date=date.today() - timedelta(days=3))


@pytest.fixture
def robins_phone(make_phone, robin: User) -> Phone:
    """Robin's phone, notifications allowed, logged in with the worker in charge."""
    phone = make_phone(permissions=["notifications"])
    logged_in_with_worker(phone, "robin")
    return phone


def logged_in_with_worker(phone: Phone, username: str) -> None:
    phone.log_in(username, PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.go_to("Settings")
    phone.wait_until("() => navigator.serviceWorker.controller !== null")


def deliver(phone: Phone, message: dict) -> list[dict]:
    """A push from the push service, as Chromium's DevTools protocol delivers one to the worker;
    the notifications then shown. On a busy machine a push can reach a worker still starting
    up and go unseen (a real push service retries too): it is delivered again, up to 4 times."""
    cdp = phone.page.context.new_cdp_session(phone.page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    for _ in range(100):
        if any(not r.get("isDeleted") for r in registrations):
            break
        phone.page.wait_for_timeout(100)
    registration = next(r for r in registrations if not r.get("isDeleted"))
    for _ in range(4):
        cdp.send("ServiceWorker.deliverPushMessage", {"origin": phone.base_url, "registrationId": registration["registrationId"], "data": json.dumps(message)})
        for _ in range(30):
            shown = worker(phone).evaluate(NOTIFICATIONS)
            if any(n["tag"] == message["tag"] and n["body"] == message["body"] for n in shown):
                return shown
            phone.page.wait_for_timeout(100)
    raise AssertionError(f"no notification shown for {message}")


def worker(phone: Phone):
    return phone.page.context.service_workers[0]


def test_a_push_shows_a_kind_notification_whose_done_button_checks_the_habit_off(robin: User, robins_phone: Phone):
    stretch = Habit.objects.create(owner=robin, name="Stretch", emoji="🧘", reminders=["07:30"], start_date=date.today() - timedelta(days=3))
    day = user_today(robin)

    [shown] = deliver(robins_phone, push.nudge_payload(robin, stretch, day))
    assert shown == {"title": "🧘 Stretch", "body": kind_words(stretch, day), "tag": f"nudge-{stretch.pk}-{day}", "actions": ["Done", "Snooze 30 min"]}
    # The same habit's next push replaces it rather than piling up.
    again = {**push.nudge_payload(robin, stretch, day), "body": "Still here whenever you are."}
    assert [n["body"] for n in deliver(robins_phone, again)] == ["Still here whenever you are."]

    assert worker(robins_phone).evaluate(CLICK, "done") == 0  # closed, and done in the background
    assert DayRecord.objects.get(habit=stretch, day=day).status == "done"


def test_snooze_on_a_notification_rests_the_nudge_for_half_an_hour(robin: User, walk: Habit, robins_phone: Phone):
    day = user_today(robin)
    assert len(deliver(robins_phone, push.nudge_payload(robin, walk, day))) == 1
    assert worker(robins_phone).evaluate(CLICK, "snooze") == 0
    assert NudgeState.objects.get(habit=walk, day=day).snoozed_until is not None
    assert not DayRecord.objects.exists()


def test_a_button_that_cannot_act_opens_the_app_instead(robin: User, walk: Habit, robins_phone: Phone):
    message = push.nudge_payload(robin, walk, user_today(robin))
    message["actions"]["done"] = "an-old-or-altered-token"
    assert len(deliver(robins_phone, message)) == 1
    worker(robins_phone).evaluate(CLICK, "done")
    expect(robins_phone.page).to_have_url(f"{robins_phone.base_url}/today/")
    assert not DayRecord.objects.exists()


def test_the_notification_settings_offer_the_button_and_list_devices(make_phone, robin: User):
    PushSubscription.objects.create(owner=robin, endpoint="https://fcm.googleapis.com/fcm/send/robin-laptop", p256dh="k", auth="a", device="Firefox on Windows")
    phone = make_phone(permissions=["notifications"])
    logged_in_with_worker(phone, "robin")
    section = phone.page.get_by_role("region", name="Notifications on this device")
    expect(section.get_by_role("button", name="Turn on notifications")).to_be_visible()
    expect(section.get_by_text("This browser can't show notifications")).to_be_hidden()
    expect(section.get_by_role("button", name="Remove Firefox on Windows")).to_be_visible()
    assert phone.axe_violations() == []
    phone.assert_fits_the_screen()
    phone.screenshot_of(section, "settings-notifications")

    # Remove works as a plain form and with htmx alike: here with htmx, the section is swapped.
    section.get_by_role("button", name="Remove Firefox on Windows").tap()
    expect(section.get_by_role("status")).to_have_text("That device won't get notifications any more.")
    assert not PushSubscription.objects.exists()


def test_on_an_iphone_outside_the_home_screen_it_says_how_to_get_there(make_phone, robin: User):
    phone = make_phone(user_agent=IPHONE)
    # Safari in a tab has no PushManager: only the installed web app gets one.
    phone.page.add_init_script("delete window.PushManager")
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.go_to("Settings")
    section = phone.page.get_by_role("region", name="Notifications on this device")
    expect(section.get_by_text("On iPhone, add Selfcare to your Home Screen first")).to_be_visible()
    expect(section.get_by_role("button", name="Turn on notifications")).to_be_hidden()
    expect(section.get_by_text("This browser can't show notifications")).to_be_hidden()
    phone.screenshot_of(section, "settings-notifications-iphone")


# Headless Chromium has no push service to subscribe with: the browser's part is stood in for,
# the page's part (asking, sending the subscription, showing the answer) runs as it is.
FAKE_PUSH_SERVICE = """
(() => {
  let subscription = null;
  const made = {
    endpoint: "https://fcm.googleapis.com/fcm/send/e2e-phone",
    toJSON() { return { endpoint: this.endpoint, keys: { p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", auth: "tBHItJI5svbpez7KI4CCXg" } }; },
  };
  PushManager.prototype.subscribe = async () => (subscription = made);
  PushManager.prototype.getSubscription = async () => subscription;
})();
"""


def test_turning_notifications_on_keeps_this_device_and_marks_it(make_phone, robin: User):
    phone = make_phone(permissions=["notifications"])
    phone.page.add_init_script(FAKE_PUSH_SERVICE)
    logged_in_with_worker(phone, "robin")
    section = phone.page.get_by_role("region", name="Notifications on this device")
    section.get_by_role("button", name="Turn on notifications").tap()
    expect(section.get_by_role("status")).to_have_text("Notifications are on for this device.")
    expect(section.get_by_text("(this device)")).to_be_visible()
    expect(section.get_by_role("button", name="Turn on notifications")).to_be_hidden()
    stored = PushSubscription.objects.get()
    assert stored.owner == robin and stored.endpoint == "https://fcm.googleapis.com/fcm/send/e2e-phone"
