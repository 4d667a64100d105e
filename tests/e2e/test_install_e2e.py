"""Installable: the service worker keeps the app's public files and an offline page, never a person's pages."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from routines.models import DayRecord, Habit, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"

# Every URL in every cache the worker holds, as the page sees them.
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""
NO_CACHES = "async () => (await caches.keys()).length === 0"
OFFLINE_PAGE_KEPT = f"async () => (await ({CACHED_URLS})()).includes('/offline/')"


def test_without_a_connection_the_app_shows_the_calm_offline_page_with_help(phone: Phone, db):
    User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.worker_in_charge()

    phone.page.context.set_offline(True)
    phone.open("/today/")
    page = phone.page
    expect(page.get_by_role("heading", level=1)).to_have_text("You're offline right now")
    expect(page.get_by_text("kept on this phone and sent when you're back online")).to_be_visible()
    expect(page.get_by_role("region", name="Waiting to send")).to_be_hidden()  # nothing waits
    expect(page.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    expect(page.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    # The app's own look came from the worker's cache.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert phone.axe_violations() == []
    phone.assert_fits_the_screen()
    phone.screenshot("offline")
    phone.page.context.set_offline(False)


def test_a_persons_pages_never_go_into_the_workers_cache_and_logging_out_empties_it(phone: Phone, db):
    User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")  # logged in, not still logging in
    phone.worker_in_charge()
    phone.open("/today/")
    phone.go_to("Week")
    phone.go_to("Journal")
    phone.go_to("Today")
    cached = phone.page.evaluate(CACHED_URLS)
    assert "/offline/" in cached and "/today/" not in cached
    assert all(url == "/offline/" or url.startswith("/static/") for url in cached), cached

    phone.log_out()
    expect(phone.page.get_by_role("heading", level=1)).to_contain_text("Small, kind habits")
    phone.wait_until(NO_CACHES)

    # The next page fills the cache again with public files only, so offline still works.
    phone.page.get_by_role("link", name="Log in").tap()
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Log in")
    phone.wait_until(OFFLINE_PAGE_KEPT)
    assert all(url == "/offline/" or url.startswith("/static/") for url in phone.page.evaluate(CACHED_URLS))


def test_the_page_for_logged_out_people_empties_the_workers_caches_after_a_session_ended(phone: Phone, db):
    User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")  # logged in, not still logging in
    phone.worker_in_charge()
    phone.page.context.clear_cookies()  # the session ended without a logout (no Clear-Site-Data)
    phone.open("/")
    expect(phone.page.get_by_role("heading", level=1)).to_contain_text("Small, kind habits")
    phone.wait_until(NO_CACHES)


def test_the_worker_empties_and_refills_its_caches_in_the_order_they_were_asked(phone: Phone, db):
    """The logged-out page's "forget" and the next page's "refill" can come close together: the
    refill waits for the emptying, so the offline page is there after both."""
    User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.worker_in_charge()
    # A mark in the cache: once it is gone, the emptying has run.
    phone.page.evaluate("async () => (await caches.open((await caches.keys())[0])).put('/marked', new Response(''))")
    phone.page.evaluate("() => ['forget', 'refill'].forEach((asked) => navigator.serviceWorker.controller.postMessage(asked))")
    # Asked with caches.match, which (unlike caches.open) never makes a cache again while it goes.
    phone.wait_until("async () => !(await caches.match('/marked')) && Boolean(await caches.match('/offline/'))")


# How the page's last check-off was routed: "network" when it went past the worker.
CHECK_OFF_ROUTE = """() => {
  const sent = performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/check/")).pop();
  return sent ? String(sent.workerMatchedSourceType) : "not sent";
}"""


def test_a_tap_goes_straight_to_the_network_without_waking_the_worker_and_carries_its_token_once(phone: Phone, db):
    """Static routing: the worker leaves every POST to the network, and on a slow phone waking it cost the tap time."""
    robin = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    stretch = Habit.objects.create(owner=robin, name="Stretch", start_date=timezone.localdate() - timedelta(days=3))
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.worker_in_charge()
    phone.open("/today/")
    with phone.page.expect_request("**/check/") as sent:
        phone.page.get_by_role("button", name="Stretch", exact=True).tap()
    phone.wait_until("() => document.querySelector('#progress').textContent.includes('1 of 1 done')")
    assert phone.page.evaluate(CHECK_OFF_ROUTE) == "network"
    assert DayRecord.objects.get(habit=stretch).status == "done"
    # The CSRF token went once, in the header; the form's copy (for posting without JavaScript) stayed out of the body.
    assert sent.value.headers["x-csrftoken"] and "csrfmiddlewaretoken" not in sent.value.post_data
