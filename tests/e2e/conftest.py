"""Browser tests: Debian's Chromium, driven by Playwright, on a phone-sized touch screen.

The helpers on `Phone` let tests read like a person's steps: sign up, log in, go to a page.
"""

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connections
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from routines.views import install

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in
# the test body are still synchronous, so tell Django that is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "en-GB",
    "timezone_id": "Europe/Berlin",
}
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
AXE = Axe()  # axe-core's own script, bundled with the package (no download at test time)
# axe-core's tags for WCAG 2.2 level AA (target-size, off by default, comes with "wcag22aa").
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run `make test`, which installs it, or set CHROMIUM_PATH.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Phone:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def open(self, path: str = "/") -> None:
        self.page.goto(self.base_url + path)

    def go_to(self, name: str) -> None:
        """Tap a tab in the navigation bar, as a thumb would."""
        self.page.get_by_role("navigation", name="Main").get_by_role("link", name=name).tap()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(name)

    def sign_up(self, username: str, password: str, email: str = "") -> None:
        self.open("/")
        self.page.get_by_role("link", name="Sign up").tap()
        self.page.get_by_label("Username").fill(username)
        if email:
            self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_label("Password again").fill(password)
        self.page.get_by_role("button", name="Sign up").tap()

    def log_in(self, username: str, password: str) -> None:
        self.open("/")
        self.page.get_by_role("link", name="Log in").tap()
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Log in").tap()

    def log_out(self) -> None:
        self.go_to("Settings")
        self.page.get_by_role("button", name="Log out", exact=True).tap()

    def wait_until(self, script: str, seconds: float = 30) -> None:
        """Poll a check (a function, async or not) in the page from here until it answers true.
        Playwright's own wait_for_function polls by building functions with eval, which the
        app's CSP refuses. Generous: a worker's first install fetches every file it keeps."""
        deadline = time.monotonic() + seconds
        while not self._answers_true(script):
            if time.monotonic() > deadline:
                worker = self.page.evaluate(
                    "navigator.serviceWorker.getRegistration().then((r) => r && [r.installing?.state, r.waiting?.state, r.active?.state])"
                )
                raise AssertionError(f"Never true: {script} (worker: {worker})")
            self.page.wait_for_timeout(100)

    def worker_in_charge(self) -> None:
        """Wait until the service worker is active, keeps the offline page and controls this page.

        A page whose navigation was under way while the worker activated can miss its
        clients.claim() and stay uncontrolled (Chromium, on a busy machine); the next page is
        controlled, so this one is opened again, as a person would."""
        self.wait_until(
            "async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated' && Boolean(await caches.match('/offline/'))"
        )
        if not self.page.evaluate("navigator.serviceWorker.controller !== null"):
            self.page.reload()
            self.wait_until("() => navigator.serviceWorker.controller !== null")

    def _answers_true(self, script: str) -> bool:
        try:
            return self.page.evaluate(f"({script})()") is True
        except PlaywrightError as error:
            if "context was destroyed" in str(error):
                return False  # the page was navigating: ask the next one
            raise

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        """The whole page, or with full_page=False what the screen shows now."""
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=full_page)
        return path

    def screenshot_of(self, locator: Locator, name: str) -> Path:
        """A picture of one part of the page (a section, a card)."""
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{name}.png"
        locator.screenshot(path=path)
        return path

    def axe_violations(self, rules: list[str] | None = None) -> list[str]:
        """What axe-core finds wrong on the page as it is now, one line per element.

        By default every rule for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's
        best practices (landmarks, heading order); `rules` limits the check (for example
        ["color-contrast"]). Empty means the page passes.
        """
        only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_AA}
        options = {"resultTypes": ["violations"], "runOnly": only}
        violations = AXE.run(self.page, options=options).response["violations"]
        return [
            f"{violation['id']}: {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')}"
            for violation in violations
            for node in violation["nodes"]
        ]

    def assert_fits_the_screen(self) -> None:
        """No sideways scrolling: the page is no wider than the phone."""
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= self.page.viewport_size["width"], f"page is {width}px wide"


@pytest.fixture
def make_phone(browser: Browser, live_server) -> Iterator[Callable[..., Phone]]:
    """Open another phone (a second device, or one with JavaScript off)."""
    contexts = []

    def make(**options) -> Phone:
        context = browser.new_context(**{**PHONE, **options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return Phone(context.new_page(), live_server.url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone(make_phone) -> Phone:
    return make_phone()


@pytest.fixture
def production_server(live_server, settings, tmp_path) -> Iterator[str]:
    """Another live server, serving static files as production does: hashed names, compressed
    ahead of time by WhiteNoise. (The usual live server serves them from the source folders,
    uncompressed, which says nothing about what a phone downloads.) Answers its address."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    settings.WHITENOISE_AUTOREFRESH = settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    install.cached_worker_source.cache_clear()
    # As pytest-django's live server does: an in-memory SQLite database is shared with the server's thread.
    shared = {conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()}
    for conn in shared.values():
        conn.inc_thread_sharing()
    # No static files handler in front: WhiteNoise's middleware answers for them, as it does live.
    thread = LiveServerThread("127.0.0.1", static_handler=lambda handler: handler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()
        install.cached_worker_source.cache_clear()
