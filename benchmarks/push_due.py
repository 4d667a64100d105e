"""Push at scale: the per-minute "what is due now" query for 100,000 people, on PostgreSQL.

Builds a database of its own (BENCH_PUSH_DATABASE_URL, by default selfcare_bench_push on the
local server; dropped and made again on each run), with PEOPLE people in a dozen time zones,
each with one to three habits with reminders and a device, planned as the sender leaves
them (Habit.next_push_at, routines/push.py). Then, at a busy minute (07:30 in Berlin), it
runs the sender's query (routines.push.due_now, one batch) with EXPLAIN (ANALYZE) and times it.

Prints one JSON object to stdout: {"people", "habits", "due", "median_ms", "plan"}, and a
readable summary to stderr. `python benchmarks/push_due.py [PEOPLE]`.
"""

import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg

URL = os.environ.get("BENCH_PUSH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/selfcare_bench_push")
PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney",
         "Asia/Kolkata", "America/Sao_Paulo", "Africa/Lagos", "Europe/Madrid", "Asia/Singapore", "UTC"]  # fmt: skip
TIMES = ["06:30", "07:00", "07:30", "08:00", "09:15", "12:30", "13:00", "17:45", "18:00", "20:00", "21:30", "22:00"]
NOW = datetime(2026, 11, 26, 7, 30, tzinfo=ZoneInfo("Europe/Berlin"))
RUNS = 25


def fresh_database() -> None:
    """Drop and create the benchmark's own database (never the app's)."""
    name = URL.rsplit("/", 1)[1]
    assert "bench" in name, "the benchmark drops its database: give it one with 'bench' in its name"
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def copy_rows(connection, model, objects) -> None:
    """Bulk insert with COPY: every column as Django would write it (defaults included), ids given."""
    fields = model._meta.concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                row = []
                for field in fields:
                    value = getattr(obj, field.attname)
                    if value is None and (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)):
                        value = field.pre_save(obj, add=True)
                    row.append(field.get_db_prep_save(value, connection))
                copy.write_row(row)
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'), (SELECT max(id) FROM {table}))")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main() -> None:
    started = time.perf_counter()
    fresh_database()
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from routines import push
    from routines.models import Habit, PushSubscription, User

    call_command("migrate", verbosity=0)
    rng = random.Random(17)
    say(f"Seeding {PEOPLE:,} people…")
    quiet = (datetime.strptime("22:00", "%H:%M").time(), datetime.strptime("07:00", "%H:%M").time())
    users = [
        User(pk=n + 1, username=f"person{n}", password="!", time_zone=ZONES[n % len(ZONES)],
             quiet_start=quiet[0] if n % 4 == 0 else None, quiet_end=quiet[1] if n % 4 == 0 else None,
             day_start_hour=3 if n % 10 == 0 else 0, reminders_paused=n % 50 == 0)  # fmt: skip
        for n in range(PEOPLE)
    ]
    devices = (
        PushSubscription(pk=user.pk, owner=user, endpoint=f"https://fcm.googleapis.com/fcm/send/{user.pk}", p256dh="k", auth="a")
        for user in users
    )
    created = NOW - timedelta(days=30)
    habits = []
    for user in users:
        for position in range(rng.choice((1, 2, 2, 3))):
            reminders = sorted(rng.sample(TIMES, rng.choice((1, 1, 2))))
            habit = Habit(pk=len(habits) + 1, owner=user, name=f"Habit {position}", position=position,
                          start_date=date(2026, 1, 1), reminders=reminders, created=created)  # fmt: skip
            # Where the sender leaves each habit: its next reminder after the minute before.
            habit.next_push_at = push.next_look(user, habit, NOW - timedelta(minutes=1), None, True)
            habits.append(habit)
    say(f"Built the rows in {time.perf_counter() - started:.0f} s.")
    for model, rows in ((User, users), (PushSubscription, devices), (Habit, habits)):
        copy_rows(connection, model, rows)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(f"Seeded {len(habits):,} habits in {time.perf_counter() - started:.0f} s.")

    query = push.due_now(NOW)[: push.BATCH]  # one batch of the sender's
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    timings = []
    with connection.cursor() as cursor:
        for _ in range(RUNS):  # the database's part: the query and its rows, not building model objects
            begin = time.perf_counter()
            cursor.execute(sql, params)
            due = len(cursor.fetchall())
            timings.append((time.perf_counter() - begin) * 1000)
    due_total = push.due_now(NOW).count()
    result = {
        "people": PEOPLE,
        "habits": len(habits),
        "due": due_total,
        "median_ms": round(statistics.median(timings), 2),
        "plan": plan,
    }
    say(f"At {NOW:%H:%M} in Berlin, {due_total:,} of {len(habits):,} habits are due; one batch of up to {push.BATCH:,} "
        f"(with their owners) takes {result['median_ms']} ms (median of {RUNS}, {due:,} rows).")  # fmt: skip
    say("Plan:\n" + plan)
    if "Index" not in plan:
        say("Warning: the plan does not use an index.")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
