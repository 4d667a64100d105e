"""Server time and queries of each page, in-process (Django's test Client), on a seeded database.

Run by benchmarks/run.py with the benchmark's environment (DATABASE_URL, DEBUG=0, ...); prints
one JSON object: per page the median and 95th percentile of repeated requests, the queries of
one request and the ratio to the bare logged-in page timed in the same run; the top of a
pyinstrument profile of Today for the heavy person; and the sessions and ids the HTTP and
browser parts of the benchmark use.
"""

import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from routines.days import user_today  # noqa: E402
from routines.management.commands.seed_bench import HEAVY, TYPICAL  # noqa: E402
from routines.models import Habit, User  # noqa: E402

HOST = "127.0.0.1"
CSRF = "benchcsrfsecret0123456789abcdefg"  # 32 characters: a valid token, as cookie and header
TIME_BUDGET = 6.0  # seconds of requests per page at most (after at least MIN_RUNS)
MIN_RUNS, MAX_RUNS = 9, 40


def client_for(user: User) -> Client:
    client = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies["csrftoken"] = CSRF
    return client


def timed(request: Callable[[], object]) -> dict:
    """Median and p95 in ms of repeated requests (after two to warm up), and the last answer."""
    for _ in range(2):
        request()
    runs: list[float] = []
    began = time.perf_counter()
    while len(runs) < MIN_RUNS or (len(runs) < MAX_RUNS and time.perf_counter() - began < TIME_BUDGET):
        start = time.perf_counter()
        response = request()
        runs.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = request()
    runs.sort()
    return {
        "median_ms": round(statistics.median(runs), 2),
        "p95_ms": round(runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))], 2),
        "runs": len(runs),
        "queries": len(queries),
        "status": response.status_code,
        "bytes": len(response.content),
    }


def main() -> None:
    heavy, typical = User.objects.get(username=HEAVY), User.objects.get(username=TYPICAL)
    heavy_client, typical_client = client_for(heavy), client_for(typical)
    day = user_today(heavy).isoformat()
    heavy_habits = list(Habit.objects.filter(owner=heavy, archived=False))
    # Not the first: that one is a reminder habit whose nudge the check-off would make vanish.
    check = next(h for h in heavy_habits if h.kind == Habit.Kind.CHECK and not h.reminders)
    typical_check = next(h for h in Habit.objects.filter(owner=typical, archived=False) if h.kind == Habit.Kind.CHECK)
    htmx = {"HX-Request": "true", "HX-Current-URL": f"http://{HOST}/today/"}
    states = iter(["done", "none"] * 1000)

    def check_off() -> object:
        data = {"state": next(states), "day": day}
        return heavy_client.post(f"/today/habits/{check.pk}/check/", data, headers={**htmx, "X-CSRFToken": CSRF})

    first_poll = heavy_client.get("/nudges/", {"shown": ""}, headers=htmx)
    fingerprint = re.search(rb'name="shown" value="([^"]*)"', first_poll.content).group(1).decode()
    pages = {
        "bare page (logged in)": lambda: heavy_client.get("/bench/bare/"),
        "Today, 8 habits": lambda: typical_client.get("/today/"),
        "Today, heavy": lambda: heavy_client.get("/today/"),
        "Week, heavy": lambda: heavy_client.get("/week/"),
        "Habit page, heavy": lambda: heavy_client.get(f"/habits/{heavy_habits[0].pk}/"),
        "History, heavy": lambda: heavy_client.get("/history/"),
        "Journal, heavy": lambda: heavy_client.get("/journal/"),
        "check-off, heavy": check_off,
        "nudge poll 200, heavy": lambda: heavy_client.get("/nudges/", {"shown": "something else"}, headers=htmx),
        "nudge poll 204, heavy": lambda: heavy_client.get("/nudges/", {"shown": fingerprint}, headers=htmx),
    }
    results = {name: timed(request) for name, request in pages.items()}
    bare = results["bare page (logged in)"]["median_ms"]
    for figures in results.values():
        figures["ratio_to_bare"] = round(figures["median_ms"] / bare, 2)

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(5):
            heavy_client.get("/today/")
    profile = profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True)
    # Where the time is spent itself, summed over the call tree: names the hot functions directly.
    flat = profiler.output_text(color=False, flat=True)

    print(json.dumps({
        "pages": results,
        "profile_today_heavy": "\n".join(profile.splitlines()[:60]),
        "profile_today_heavy_flat": "\n".join(flat.splitlines()[:32]),
        "sessions": {"heavy": heavy_client.cookies["sessionid"].value, "typical": typical_client.cookies["sessionid"].value},
        "csrf": CSRF,
        "day": day,
        "ids": {"heavy_check": check.pk, "typical_check": typical_check.pk},
        "fingerprint": fingerprint,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
