"""Today on a weak phone, beside the same phone on a fast link: first paint, tap → shown, tap → confirmed.

Debian's Chromium (Playwright), a 390×844 touch screen; "weak" is 4× CPU slowdown (CDP) and
every byte through benchmarks/proxy.py (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
A tap's times are taken in the page by listeners added from here (the app has no such code):
from the pointer going down to the button's aria-pressed changing (shown, optimistic), to the
check-off's request leaving (Resource Timing requestStart: the page's work before sending), to the
server's answer having arrived (the check-off's Resource Timing responseEnd: what the network
and the server take), and to htmx's afterRequest for that check-off (confirmed by the server:
its row is swapped in; the rest is the page's own work).
The weak phone is measured twice: over plain HTTP/1.1 straight to gunicorn, and over HTTPS and
HTTP/2 through nginx (benchmarks/https_front.py), as a phone meets production (docs/deploy.md).
Taps are made on a settled page, as a person makes them: its service worker installed (its
first files fetched), and nothing of the previous tap still under way (the nudge area it asked
to look again). While a tap is timed nothing is asked of the page: its figures come back in one
answer, not by polling, which would take the slowed page's time.

    python benchmarks/weak_phone.py '{"direct": "http://127.0.0.1:8401", "proxied": "http://127.0.0.1:8402",
                                      "https": {"proxied": "https://127.0.0.1:8404", "spki": "..."},
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
LOADS, TAPS = 3, 15  # a noisy machine: the median of 15 taps moves less than that of 7

LISTEN = """() => {
  const b = (window.__bench = { t0: null, shown: null, confirmed: null, busy: 0, lastDone: performance.now() });
  document.addEventListener("pointerdown", () => { b.t0 = performance.now(); }, { capture: true });
  new MutationObserver(() => { if (b.t0 !== null && b.shown === null) b.shown = performance.now() - b.t0; })
    .observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-pressed"] });
  document.addEventListener("htmx:beforeSend", () => { b.busy += 1; });
  document.addEventListener("htmx:afterRequest", (event) => {
    b.busy = Math.max(0, b.busy - 1);
    b.lastDone = performance.now();
    if (b.t0 !== null && b.confirmed === null && event.detail.pathInfo.requestPath.includes("/check/")) {
      b.confirmed = performance.now() - b.t0;
      const sent = performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/check/")).pop();
      b.answer({ shown: b.shown, sent: sent.requestStart - b.t0, answered: sent.responseEnd - b.t0, confirmed: b.confirmed, protocol: sent.nextHopProtocol });
    }
  });
}"""
# The first contentful paint may come after the load event on a slowed page: wait for it.
FIRST_PAINT = """() => new Promise((resolve) => new PerformanceObserver((list, observer) => {
  const paint = list.getEntriesByName("first-contentful-paint")[0];
  if (paint) { observer.disconnect(); resolve(paint.startTime); }
}).observe({ type: "paint", buffered: true }))"""
# Before each tap: a fresh answer to wait for (a tap that is never confirmed fails after 30 s).
ARM = """() => {
  const b = window.__bench;
  Object.assign(b, { t0: null, shown: null, confirmed: null });
  b.figures = new Promise((resolve, reject) => { b.answer = resolve; setTimeout(() => reject(new Error("the tap was never confirmed")), 30000); });
}"""
# No htmx request under way, and none ended in the last 300 ms (its swap and settling done).
QUIET = "() => window.__bench.busy === 0 && performance.now() - window.__bench.lastDone > 300"


def wait_until(page, condition: str, what: str) -> None:
    """Polled from here (the page's CSP rightly forbids wait_for_function's eval); never while a tap is timed."""
    deadline = time.monotonic() + 30
    while not page.evaluate(condition):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page never got {what}")
        time.sleep(0.05)


def settle(page) -> None:
    """The page as a person finds it before tapping: its worker installed, nothing under way."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : true")
    wait_until(page, QUIET, "quiet")


def measure(browser, base: str, cookies: dict, habit: int, cpu_rate: int) -> dict:
    paints, taps = [], []
    for load in range(LOADS):
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)
        context.add_cookies([{"name": k, "value": v, "url": base} for k, v in cookies.items()])
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_rate})
        page.goto(f"{base}/today/", wait_until="load")
        paints.append(page.evaluate(FIRST_PAINT))
        if load == LOADS - 1:  # taps on the last load, the page settled
            page.evaluate(LISTEN)
            for _ in range(TAPS):
                settle(page)
                page.evaluate(ARM)
                page.tap(f"#check-{habit}")
                taps.append(page.evaluate("() => window.__bench.figures"))
        context.close()

    def median(key: str) -> float:
        return statistics.median(tap[key] for tap in taps)

    return {
        "first_contentful_paint_ms": round(statistics.median(paints)),
        "tap_to_shown_ms": round(median("shown"), 1),
        "tap_to_sent_ms": round(median("sent"), 1),
        "tap_to_answer_ms": round(median("answered")),
        "tap_to_confirmed_ms": round(median("confirmed")),
        "tap_to_confirmed_max_ms": round(max(tap["confirmed"] for tap in taps)),
        "protocol": ", ".join(sorted({tap["protocol"] for tap in taps})),  # of the taps' requests: "http/1.1", "h2"
        "loads": LOADS,
        "taps": TAPS,
    }


def main() -> None:
    given = json.loads(sys.argv[1])
    https = given["https"]
    # The HTTPS run's throwaway certificate, and no other, is taken as valid.
    args = [*ARGS, f"--ignore-certificate-errors-spki-list={https['spki']}"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=args)
        try:
            result = {
                "unthrottled": measure(browser, given["direct"], given["cookies"], given["habit"], 1),
                "weak phone": measure(browser, given["proxied"], given["cookies"], given["habit"], 4),
                "weak phone, HTTPS and HTTP/2 (nginx)": measure(browser, https["proxied"], given["cookies"], given["habit"], 4),
            }
        finally:
            browser.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
