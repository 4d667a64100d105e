"""Fill an empty database with the people `make bench` measures (benchmarks/run.py), quickly and reproducibly.

- bench-heavy: 20 habits (every kind of schedule, three measurable) with three years of days,
  a pause on a few, a check-in every day (mood, feeling words, text), and reminders at midnight
  on three habits so the nudge poll has cards to show;
- bench-typical: the eight habits of the starter routine with a year of days;
- bench-0001 ... : as many others (1,000 by default), each with the starter routine, a year of
  days and a check-in (mood only) on about half of them: the crowd the queries must not feel.

Days end yesterday: today is still open for everyone, as in a morning. The same --seed gives
the same rows. Records and check-ins go in by the batch (COPY on PostgreSQL, executemany on
SQLite) rather than through the ORM: three million rows in about a minute.
"""

import json
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import timezone as tz
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from routines.crypto import encrypt
from routines.journal import FEELINGS, prompt_for
from routines.management.commands.seed_demo import NOTES, WORDS
from routines.models import DayRecord, Habit, JournalEntry, Pause, User
from routines.records import status_for_value
from routines.starter import IDEAS, STARTER_ROUTINE, StarterHabit

PASSWORD = "bench-password"
HEAVY, TYPICAL = "bench-heavy", "bench-typical"
# Six more for the heavy person, so that together with the fourteen ideas every schedule is there.
EXTRA = (
    StarterHabit("Drink a glass of water", Habit.TimeOfDay.MORNING),
    StarterHabit("Call someone you like", Habit.TimeOfDay.ANYTIME, schedule=Habit.Schedule.TIMES_PER_WEEK, times_per_week=2),
    StarterHabit("Yoga before work", Habit.TimeOfDay.MORNING, schedule=Habit.Schedule.WEEKDAYS),
    StarterHabit("Water the plants", Habit.TimeOfDay.AFTERNOON, schedule=Habit.Schedule.EVERY_N_DAYS),
    StarterHabit("Screen time", Habit.TimeOfDay.EVENING, Habit.Kind.MEASURABLE, "hours", Decimal(2), Habit.Direction.AT_MOST),
    StarterHabit("Steps", Habit.TimeOfDay.ANYTIME, Habit.Kind.MEASURABLE, "thousand", Decimal(6)),
)
HEAVY_ROUTINE = IDEAS + EXTRA
BATCH = 50_000


class Command(BaseCommand):
    help = "Fill an empty database with the benchmark's people (make bench): one heavy, one typical, many others."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same rows.")
        parser.add_argument("--others", type=int, default=1000, help="How many other people (default 1000).")
        parser.add_argument("--other-days", type=int, default=365, help="Days of records for each of them (default a year).")
        parser.add_argument("--heavy-days", type=int, default=3 * 365, help="Days of the heavy person (default three years).")

    def handle(self, *args, seed: int, others: int, other_days: int, heavy_days: int, **options) -> None:
        if User.objects.filter(username=HEAVY).exists():
            raise CommandError("The benchmark's people are already there: seed an empty database.")
        today = timezone.now().astimezone(tz.utc).date()
        seeder = Seeder(random.Random(seed), today)
        with transaction.atomic():
            people = [(HEAVY, HEAVY_ROUTINE, heavy_days), (TYPICAL, STARTER_ROUTINE, 365)]
            people += [(f"bench-{n:04d}", STARTER_ROUTINE, other_days) for n in range(1, others + 1)]
            users = User.objects.bulk_create(seeder.user(name) for name, _, _ in people)
            habits = Habit.objects.bulk_create(
                item.build(user, position, today - timedelta(days=days), **seeder.habit_changes(user.username, item))
                for user, (_, routine, days) in zip(users, people)
                for position, item in enumerate(routine)
            )
            # auto_now_add would say "created today", and a reminder never nudges before a habit existed.
            Habit.objects.filter(owner__in=users).update(created=datetime.combine(today - timedelta(days=heavy_days), datetime.min.time(), tz.utc))
            heavy_habits = [h for h in habits if h.owner_id == users[0].pk]
            Pause.objects.bulk_create(seeder.pauses(heavy_habits))
            records = insert(DayRecord, ["habit_id", "day", "status", "value", "note", "created", "updated"], seeder.records(habits))
            entries = insert(
                JournalEntry,
                ["owner_id", "day", "mood", "feelings", "prompt", "text", "created", "updated"],
                seeder.entries(users, [days for _, _, days in people]),
            )
        if connection.vendor == "postgresql":
            # A database in use has its statistics (autovacuum); without them, right after a bulk
            # load, the planner scans all two million records for one person's notes.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {User._meta.db_table}, {Habit._meta.db_table}, {DayRecord._meta.db_table}, {JournalEntry._meta.db_table}")
        self.stdout.write(f"Seeded {len(users)} people, {len(habits)} habits, {records} day records and {entries} check-ins (seed {seed}).")


class Seeder:
    """Rows drawn from one random stream, in a fixed order: the seed decides everything but the ids."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng, self.today = rng, today
        self.password = make_password(PASSWORD, salt="benchmarksalt")  # one hash for all: hashing is slow
        self.moment = datetime.combine(today, datetime.min.time(), tz.utc)
        # A check-in with no feeling words still stores an (encrypted) empty list: one token for all of them.
        self.no_feelings = encrypt(json.dumps([]))

    def user(self, username: str) -> User:
        return User(username=username, password=self.password, time_zone="UTC", date_joined=self.moment)

    def habit_changes(self, username: str, item: StarterHabit) -> dict:
        changes: dict = {}
        if item.schedule == Habit.Schedule.WEEKDAYS:
            changes["weekdays"] = 0b0011111
        if item.schedule == Habit.Schedule.EVERY_N_DAYS:
            changes["interval_days"] = 3
        # The heavy person's first three check habits nudge from midnight on: the poll has cards.
        if username == HEAVY and item.kind == Habit.Kind.CHECK and item in HEAVY_ROUTINE[:4]:
            changes["reminders"] = ["00:00"]
        return changes

    def pauses(self, habits: list[Habit]) -> Iterator[Pause]:
        for habit in habits[::5]:
            first = habit.start_date + timedelta(days=self.rng.randrange(max(1, (self.today - habit.start_date).days - 20)))
            yield Pause(habit=habit, start=first, until=first + timedelta(days=10))

    def records(self, habits: list[Habit]) -> Iterator[tuple]:
        """About three days in four done, the odd rest day, values around the target; none today."""
        rng = self.rng
        for habit in habits:
            likelihood = rng.uniform(0.55, 0.9)
            day = habit.start_date
            while day < self.today:
                roll = rng.random()
                if roll < 0.03:
                    yield (habit.pk, day, str(DayRecord.Status.SKIPPED), None, "", self.moment, self.moment)
                elif roll < likelihood:
                    note = encrypt(rng.choice(NOTES)) if rng.random() < 0.02 else ""
                    value = None
                    status = DayRecord.Status.DONE
                    if habit.is_measurable:
                        value = (habit.target * Decimal(rng.choice(["0.5", "0.8", "1", "1", "1.2"]))).quantize(Decimal("0.01"))
                        status = status_for_value(habit, value)
                    yield (habit.pk, day, str(status), value, note, self.moment, self.moment)
                day += timedelta(days=1)

    def entries(self, users: list[User], days: list[int]) -> Iterator[tuple]:
        """The heavy person writes every day; the others note a mood on about half of theirs."""
        rng = self.rng
        for user, count in zip(users, days):
            heavy = user.username == HEAVY
            for back in range(count, 0, -1):
                day = self.today - timedelta(days=back)
                if heavy:
                    feelings = encrypt(json.dumps(rng.sample(FEELINGS, 2)))
                    yield (user.pk, day, rng.randint(1, 5), feelings, prompt_for(day), encrypt(rng.choice(WORDS)), self.moment, self.moment)
                elif rng.random() < 0.5:
                    yield (user.pk, day, rng.randint(1, 5), self.no_feelings, "", "", self.moment, self.moment)


def insert(model, columns: list[str], rows: Iterator[tuple]) -> int:
    """Rows straight into the model's table, in batches; returns how many."""
    table = model._meta.db_table
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the driver's own cursor, below Django's wrapper
        if connection.vendor == "postgresql":
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch: list[tuple] = []
        for row in rows:
            batch.append(tuple(sqlite_value(value) for value in row))
            if len(batch) >= BATCH:
                raw.executemany(sql, batch)
                count += len(batch)
                batch = []
        raw.executemany(sql, batch)
        return count + len(batch)


def sqlite_value(value):
    """As Django stores them on SQLite: ISO dates, naive UTC date-times, decimals as text."""
    if isinstance(value, datetime):
        return value.astimezone(tz.utc).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, (date, Decimal)):
        return str(value)
    return value
