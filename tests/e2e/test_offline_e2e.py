"""Taps never lost offline: kept on the phone, shown as waiting, sent once, when the connection is back."""

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from routines import records
from routines.models import DayRecord, Habit, JournalEntry, User
from routines.views import today as today_views

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
WAITING = "Waiting to send"
KEPT = "Kept on this phone"


class Server:
    """What reached the server's check-off and number views, and a switch to make them fail (a 500)."""

    def __init__(self) -> None:
        self.writes: Counter[str] = Counter()
        self.down = False


@pytest.fixture
def server(monkeypatch) -> Iterator[Server]:
    # The live server runs in this process: wrapping the writes the views call counts what arrived.
    server = Server()

    def wrap(name: str):
        write = getattr(records, name)

        def counted(habit: Habit, day, *args):
            if server.down:
                raise RuntimeError("The server is having a hard time (a test's 500).")
            server.writes[habit.name] += 1
            return write(habit, day, *args)

        monkeypatch.setattr(today_views, name, counted)

    wrap("set_status")
    wrap("set_value")
    yield server


@pytest.fixture
def robin(db) -> User:
    robin = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    start = timezone.localdate() - timedelta(days=10)
    Habit.objects.create(owner=robin, name="Stretch", position=0, start_date=start)
    Habit.objects.create(owner=robin, name="Music", position=1, start_date=start)
    Habit.objects.create(owner=robin, name="Sleep", position=2, start_date=start, kind="measurable", unit="hours", target=7)
    return robin


def check(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def row(page: Page, name: str):
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=name, exact=True))


def waiting(page: Page, name: str):
    """The row's "Waiting to send" (always in the page, hidden unless a tap waits)."""
    return row(page, name).get_by_text(WAITING)


def open_today(phone: Phone) -> None:
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    # The worker in charge, with the offline page kept: a page opened offline is that page.
    phone.worker_in_charge()


def tapped_offline(phone: Phone, name: str) -> Page:
    """Today, with a tap on `name` made offline and waiting to send; the phone is still offline."""
    open_today(phone)
    page = phone.page
    page.context.set_offline(True)
    check(page, name).tap()
    expect(waiting(page, name)).to_be_visible()
    expect(page.locator("#notice")).to_contain_text(KEPT)  # stored: the page may go
    return page


def kept(page: Page, user: User) -> int:
    """How many of this person's taps the phone keeps (the store's script is loaded first, if the page had no need of it)."""
    return page.evaluate(f"loadTaps().then(() => Taps.all('{user.pk}')).then((taps) => taps.length)")


def new_page(phone: Phone, path: str) -> Page:
    page = phone.page.context.new_page()
    page.goto(phone.base_url + path)
    return page


def test_taps_made_offline_wait_on_the_phone_survive_closing_it_and_are_sent_once(phone: Phone, robin: User, server: Server):
    open_today(phone)
    page = phone.page
    page.context.set_offline(True)

    # Done, undone, done again: the phone keeps only the last, shown as waiting, not as saved.
    for pressed in ("true", "false", "true"):
        check(page, "Stretch").tap()
        expect(check(page, "Stretch")).to_have_attribute("aria-pressed", pressed)
    expect(waiting(page, "Stretch")).to_be_visible()
    expect(page.locator("#notice")).to_contain_text(KEPT)
    # A number and a check-in made offline wait too.
    page.get_by_role("textbox", name="Sleep, hours").fill("7.5")
    page.get_by_role("textbox", name="Sleep, hours").press("Enter")
    expect(waiting(page, "Sleep")).to_be_visible()
    page.get_by_role("radio", name="Okay").check()
    page.get_by_text("Feelings and a few words").tap()
    page.get_by_role("textbox", name="Write").fill("Quiet train, no signal.")
    page.get_by_role("button", name="Save check-in").tap()
    expect(page.get_by_role("region", name="How are you today?").get_by_text(WAITING)).to_be_visible()
    expect(waiting(page, "Music")).to_be_hidden()
    assert not DayRecord.objects.exists() and not JournalEntry.objects.exists()
    assert server.writes == Counter()
    phone.assert_fits_the_screen()
    page.locator("#habit-{}".format(Habit.objects.get(name="Stretch").pk)).scroll_into_view_if_needed()
    phone.screenshot("today-offline-waiting", full_page=False)
    assert phone.axe_violations() == []

    # The page is closed, and opened again still offline: the worker's offline page lists them.
    page.close()
    reopened = new_page(phone, "/today/")
    expect(reopened.get_by_role("heading", level=1)).to_have_text("You're offline right now")
    kept = reopened.get_by_role("region", name="Waiting to send")
    expect(kept).to_contain_text("3 taps are waiting to send")
    expect(kept.get_by_role("listitem")).to_have_count(3)
    expect(kept.get_by_role("listitem").first).to_contain_text("Stretch, done")
    expect(kept).not_to_contain_text("Quiet train")  # what a check-in says is not listed
    phone.screenshot_of(kept, "offline-page-waiting")
    assert Phone(reopened, phone.base_url).axe_violations() == []
    reopened.close()

    # Back online, Today opened again: everything is sent, once, and shown as saved.
    phone.page.context.set_offline(False)
    today = new_page(phone, "/today/")
    expect(check(today, "Stretch")).to_have_attribute("aria-pressed", "true")
    expect(today.get_by_text(WAITING).filter(visible=True)).to_have_count(0)
    expect(today.get_by_text("7.5 of 7 h, done")).to_be_visible()
    stretch = DayRecord.objects.get(habit__name="Stretch")
    assert stretch.status == "done"
    assert DayRecord.objects.get(habit__name="Sleep").value == 7.5
    entry = JournalEntry.objects.get(owner=robin)
    assert (entry.mood, entry.text) == (3, "Quiet train, no signal.")
    assert server.writes == Counter({"Stretch": 1, "Sleep": 1})
    today.reload()
    expect(today.get_by_text(WAITING).filter(visible=True)).to_have_count(0)
    assert server.writes == Counter({"Stretch": 1, "Sleep": 1})


def test_an_open_page_sends_what_waited_as_soon_as_the_connection_is_back(phone: Phone, robin: User, server: Server):
    page = tapped_offline(phone, "Music")
    page.context.set_offline(False)
    expect(waiting(page, "Music")).to_be_hidden()
    expect(check(page, "Music")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#notice")).to_contain_text("what you did offline is saved")
    expect(page.locator("#progress")).to_have_text("1 of 3 done")
    assert DayRecord.objects.get(habit__name="Music").status == "done"


def test_a_tap_the_server_refuses_is_explained_calmly_with_what_is_stored(phone: Phone, robin: User, server: Server):
    page = tapped_offline(phone, "Stretch")
    Habit.objects.filter(name="Stretch").update(archived=True)  # meanwhile, on the laptop
    page.context.set_offline(False)
    expect(page.locator("#notice")).to_have_text(
        "Your tap for Stretch couldn't be saved: this habit was archived meanwhile. Here is what is stored."
    )
    expect(check(page, "Stretch")).to_have_attribute("aria-pressed", "false")
    expect(waiting(page, "Stretch")).to_be_hidden()
    assert not DayRecord.objects.exists()
    phone.screenshot("today-tap-refused", full_page=False)


def test_a_check_in_the_server_cant_take_comes_back_into_its_card_with_every_word(phone: Phone, robin: User, server: Server):
    open_today(phone)
    page = phone.page
    card = page.get_by_role("region", name="How are you today?")
    words = "A long, long day. " * 600  # over the 10,000 characters a check-in holds
    page.context.set_offline(True)
    page.get_by_text("Feelings and a few words").tap()
    page.get_by_role("textbox", name="Write").fill(words)
    page.get_by_role("button", name="Save check-in").tap()
    expect(card.get_by_text(WAITING)).to_be_visible()
    page.context.set_offline(False)
    expect(card.get_by_text("That's more than 10,000 characters")).to_be_visible()
    expect(page.get_by_role("textbox", name="Write")).to_have_value(words)
    expect(page.locator("#notice")).to_contain_text("Your words are still in it")
    expect(card.get_by_text(WAITING)).to_be_hidden()
    assert not JournalEntry.objects.exists()
    assert kept(page, robin) == 0

    page.get_by_role("textbox", name="Write").fill("A long day.")
    page.get_by_role("button", name="Save check-in").tap()
    expect(card).to_contain_text("Saved. Thank you for checking in.")
    assert JournalEntry.objects.get(owner=robin).text == "A long day."


def test_logging_out_with_taps_waiting_asks_first_and_then_forgets_them(phone: Phone, robin: User, server: Server):
    page = tapped_offline(phone, "Stretch")
    server.down = True  # back online, but the server can't take it yet: it keeps waiting
    page.context.set_offline(False)
    phone.go_to("Settings")
    page.get_by_role("button", name="Log out", exact=True).tap()
    dialog = page.get_by_role("dialog", name="Log out?")
    expect(dialog).to_contain_text("1 tap is still waiting to send. Log out anyway? They will be lost.")
    phone.screenshot("log-out-taps-waiting", full_page=False)
    assert phone.axe_violations() == []
    dialog.get_by_role("button", name="Stay logged in").tap()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")

    page.get_by_role("button", name="Log out", exact=True).tap()
    dialog.get_by_role("button", name="Log out anyway").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Small, kind habits")
    assert kept(page, robin) == 0
    server.down = False
    assert not DayRecord.objects.exists() and server.writes == Counter()


def test_a_page_opened_while_taps_wait_loads_their_store_and_shows_them_waiting(phone: Phone, robin: User, server: Server):
    page = tapped_offline(phone, "Stretch")
    assert page.evaluate("JSON.parse(localStorage.getItem('selfcare-taps-waiting')).users") == [str(robin.pk)]
    server.down = True  # back online, but the server can't take it yet
    page.context.set_offline(False)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    # Pages load the store's script only when needed (static/js/app.js): here the hint said a tap waits.
    expect(waiting(page, "Stretch")).to_be_visible()
    expect(check(page, "Stretch")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("head script[src*='/js/taps']")).to_have_count(1)
    assert kept(page, robin) == 1 and not DayRecord.objects.exists()


def test_logging_out_with_nothing_waiting_asks_nothing(phone: Phone, robin: User, server: Server):
    phone.log_in("robin", PASSWORD)
    phone.log_out()
    expect(phone.page.get_by_role("heading", level=1)).to_contain_text("Small, kind habits")


def test_the_worker_sends_waiting_taps_on_background_sync_with_no_page_open(phone: Phone, robin: User, server: Server):
    page = tapped_offline(phone, "Stretch")
    context = page.context
    server.down = True
    context.set_offline(False)
    page.wait_for_timeout(500)  # the page's own try meets the 500 and keeps the tap
    blank = context.new_page()  # a page outside the app: nothing there sends
    page.close()
    server.down = False
    assert not DayRecord.objects.exists()

    # Chromium runs Background Sync on its own schedule: DevTools fires the worker's `sync` now.
    devtools = context.new_cdp_session(blank)
    registrations: list[dict] = []
    devtools.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
    devtools.send("ServiceWorker.enable")
    blank.wait_for_function("true")
    ours = [r for r in registrations if r["scopeURL"].startswith(phone.base_url) and not r["isDeleted"]]
    assert ours, registrations
    devtools.send(
        "ServiceWorker.dispatchSyncEvent",
        {"origin": phone.base_url, "registrationId": ours[0]["registrationId"], "tag": "send-taps", "lastChance": False},
    )
    for _ in range(50):
        if DayRecord.objects.filter(habit__name="Stretch", status="done").exists():
            break
        blank.wait_for_timeout(100)
    assert DayRecord.objects.get(habit__name="Stretch").status == "done"
    assert server.writes == Counter({"Stretch": 1})

    # The worker can't change the pages' hint, which still says a tap waits: the next page
    # loads the store, finds nothing, and corrects it; the page after that needs no store.
    blank.goto(phone.base_url + "/today/")
    expect(blank.get_by_role("heading", level=1)).to_have_text("Today")
    expect(blank.locator("head script[src*='/js/taps']")).to_have_count(1)
    Phone(blank, phone.base_url).wait_until("() => JSON.parse(localStorage.getItem('selfcare-taps-waiting')).users.length === 0")
    blank.reload()
    expect(blank.get_by_role("heading", level=1)).to_have_text("Today")
    assert blank.evaluate("typeof Taps") == "undefined"
