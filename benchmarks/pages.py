"""Server time of Today and of the nudge poll's 204, as a ratio to a bare login-required page.

    DEBUG=0 SECRET_KEY=x ENCRYPTION_KEYS=... python benchmarks/pages.py [--profile today|heavy|poll]

Seeds a file SQLite database (benchmarks/.pages.sqlite3) once: "light" with 8 habits with
reminders, "heavy" with 20 habits and 3 years of days. CPU time per request with the test client.
"""

import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "benchmarks" / ".pages.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ENCRYPTION_KEYS", "hq6w2n4Zs0m3Fz0mKQ4xO3A0dK4P6pJjL2m6Zc1s8xE=")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("HTTPS_BY_PROXY", "1")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
settings.SECURE_SSL_REDIRECT = False

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, include, path  # noqa: E402

from routines.models import DayRecord, Habit, User  # noqa: E402
from routines.nudges import parse_time  # noqa: E402,F401


@login_required
def bare(request):
    return render(request, "bench_bare.html")


urlpatterns = [path("bench-bare/", bare), path("", include(settings.ROOT_URLCONF))]


def seed() -> None:
    call_command("migrate", verbosity=0)
    if User.objects.exists():
        return
    today = date.today()
    start = today - timedelta(days=3 * 365)
    kinds = [{}, {"schedule": "per_week", "times_per_week": 3}, {"kind": "measurable", "unit": "minutes", "target": 10}]
    for name, count, days in (("light", 8, 30), ("heavy", 20, 3 * 365)):
        user = User.objects.create_user(name, password="x-calm-bench-42", time_zone="UTC")
        habits = [
            Habit.objects.create(
                owner=user, name=f"Walk {i}", position=i, start_date=start, reminders=["00:01", "08:00"] if i % 2 else ["23:59"],
                time_of_day=["morning", "afternoon", "evening", "anytime"][i % 4], **kinds[i % 3],
            )
            for i in range(count)
        ]
        Habit.objects.filter(owner=user).update(created=datetime(2020, 1, 1, tzinfo=timezone.utc))
        DayRecord.objects.bulk_create(
            DayRecord(habit=h, day=today - timedelta(days=d), status="done" if (d + h.pk) % 3 else "skipped")
            for h in habits
            for d in range(1, days)
        )


def timed(client: Client, url: str, n: int, **headers) -> tuple[float, int]:
    for _ in range(5):
        response = client.get(url, **headers)
    samples = []
    for _ in range(n):
        t = time.process_time()
        response = client.get(url, **headers)
        samples.append(time.process_time() - t)
    return statistics.median(samples) * 1000, response.status_code


def main() -> None:
    tpl = ROOT / "templates" / "bench_bare.html"
    tpl.write_text("<p>{{ request.user.username }}</p>\n")
    try:
        seed()
        settings.ROOT_URLCONF = __name__
        clear_url_caches()
        clients = {}
        for name in ("light", "heavy"):
            clients[name] = Client()
            clients[name].force_login(User.objects.get(username=name))
        from routines.views.nudges import current_nudges

        shown = current_nudges(User.objects.get(username="light")).fingerprint
        shown_heavy = current_nudges(User.objects.get(username="heavy")).fingerprint
        cases = {
            "bare": (clients["light"], "/bench-bare/", {}),
            "today": (clients["light"], "/today/", {}),
            "heavy": (clients["heavy"], "/today/", {}),
            "poll": (clients["light"], f"/nudges/?shown={shown}", {"HTTP_HX_REQUEST": "true"}),
            "pollheavy": (clients["heavy"], f"/nudges/?shown={shown_heavy}", {"HTTP_HX_REQUEST": "true"}),
        }
        if len(sys.argv) > 2 and sys.argv[1] == "--profile":
            from pyinstrument import Profiler

            client, url, headers = cases[sys.argv[2]]
            timed(client, url, 5, **headers)
            with Profiler(interval=0.0001) as profiler:
                for _ in range(200):
                    client.get(url, **headers)
            print(profiler.output_text(unicode=True, color=False, show_all=os.environ.get("ALL") == "1", flat=os.environ.get("FLAT") == "1"))
            return
        n = int(os.environ.get("N", "200"))
        results = {name: timed(client, url, n, **headers) for name, (client, url, headers) in cases.items()}
        base = results["bare"][0]
        for name, (ms, status) in results.items():
            print(f"{name:10} {status}  {ms:6.2f} ms  {ms / base:5.2f}x")
    finally:
        tpl.unlink()


if __name__ == "__main__":
    main()
