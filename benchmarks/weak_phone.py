"""Today on a weak phone, beside the same phone on a fast link: first paint, tap → shown, tap → confirmed.

Debian's Chromium (Playwright), a 390×844 touch screen; "weak" is 4× CPU slowdown (CDP) and
every byte through benchmarks/proxy.py (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
A tap's times are taken in the page by listeners added from here (the app has no such code):
from the pointer going down to the button's aria-pressed changing (shown, optimistic), and
to htmx's afterRequest for that check-off (confirmed by the server).

    python benchmarks/weak_phone.py '{"direct": "http://127.0.0.1:8401", "proxied": "http://127.0.0.1:8402",
                                      "cookies": {"sessionid": "..."}, "habit": 12}'
"""

import json
import os
import statistics
import sys
import time

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
LOADS, TAPS = 3, 7

LISTEN = """() => {
  const b = (window.__bench = { t0: null, shown: null, confirmed: null });
  document.addEventListener("pointerdown", () => { b.t0 = performance.now(); b.shown = null; b.confirmed = null; }, { capture: true });
  new MutationObserver(() => { if (b.t0 !== null && b.shown === null) b.shown = performance.now() - b.t0; })
    .observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-pressed"] });
  document.addEventListener("htmx:afterRequest", (event) => {
    if (b.t0 !== null && event.detail.pathInfo.requestPath.includes("/check/")) b.confirmed = performance.now() - b.t0;
  });
}"""


def settled(page) -> dict:
    """The tap's figures once both are in; polled from here (the page's CSP rightly forbids wait_for_function's eval)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        figures = page.evaluate("() => window.__bench")
        if figures["shown"] is not None and figures["confirmed"] is not None:
            return figures
        time.sleep(0.02)
    raise TimeoutError("the tap was never confirmed")


def measure(browser, base: str, cookies: dict, habit: int, cpu_rate: int) -> dict:
    paints, shown, confirmed = [], [], []
    for load in range(LOADS):
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)
        context.add_cookies([{"name": k, "value": v, "url": base} for k, v in cookies.items()])
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_rate})
        page.goto(f"{base}/today/", wait_until="load")
        paints.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
        if load == LOADS - 1:  # taps on the last load, the page settled
            page.wait_for_load_state("networkidle")
            page.evaluate(LISTEN)
            for _ in range(TAPS):
                page.tap(f"#check-{habit}")
                figures = settled(page)
                shown.append(figures["shown"])
                confirmed.append(figures["confirmed"])
        context.close()
    return {
        "first_contentful_paint_ms": round(statistics.median(paints)),
        "tap_to_shown_ms": round(statistics.median(shown), 1),
        "tap_to_confirmed_ms": round(statistics.median(confirmed)),
        "tap_to_confirmed_max_ms": round(max(confirmed)),
        "loads": LOADS,
        "taps": TAPS,
    }


def main() -> None:
    given = json.loads(sys.argv[1])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=ARGS)
        try:
            result = {
                "unthrottled": measure(browser, given["direct"], given["cookies"], given["habit"], 1),
                "weak phone": measure(browser, given["proxied"], given["cookies"], given["habit"], 4),
            }
        finally:
            browser.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
