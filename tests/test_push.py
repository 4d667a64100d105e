"""Web Push (routines/push.py): what is pushed when, at most once, and what reaches the push service."""

import base64
import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command
from django.db import connection
from py_vapid import Vapid02

from routines import push
from routines.nudges import kind_words
from routines.models import DayRecord, Habit, NudgeState, Pause, PushSent, PushSubscription, User

from .conftest import long_standing_habit, run_at_once
from .test_config import KEY, ROOT, load_settings

BERLIN = "Europe/Berlin"  # UTC+1 in November
DAY = date(2026, 11, 26)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Browser:
    """A browser's side of a subscription: the keys it would make, to read what it receives."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)

    @property
    def p256dh(self) -> str:
        return b64(self.key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))

    def read(self, body: bytes) -> dict:
        return json.loads(http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"))


def device(owner: User, service, path: str = "/send/phone", browser: Browser | None = None) -> PushSubscription:
    browser = browser or Browser()
    return PushSubscription.objects.create(
        owner=owner, endpoint=f"{service.url}{path}", p256dh=browser.p256dh, auth=b64(browser.auth), device="Chrome on Android"
    )


def at(hour: int, minute: int = 0, day: date = DAY, zone: str = BERLIN) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


CLOCK = {}


@pytest.fixture(autouse=True)
def clock(time_machine):
    """The tests' day starts early on Thursday 26 November 2026; `run` moves the clock on."""
    time_machine.move_to(at(6, 0), tick=False)
    CLOCK["machine"] = time_machine
    yield time_machine
    CLOCK.clear()


@pytest.fixture
def person(db) -> User:
    return User.objects.create_user("sam", password="x", time_zone=BERLIN)


@pytest.fixture
def stretch(person) -> Habit:
    return long_standing_habit(owner=person, name="Stretch", emoji="🧘", start_date=date(2026, 1, 1), reminders=["07:30"])


def run(moment: datetime):
    """One run of the sender at `moment` (the clock moves there, as it would for cron)."""
    CLOCK["machine"].move_to(moment, tick=False)
    return push.send_due_pushes()


def pushes(service) -> list[str]:
    return [request["path"] for request in service.requests]


# --- When a push goes ------------------------------------------------------------------------


def test_a_reminder_is_pushed_once_when_it_comes_due_and_not_again(person, stretch, push_service):
    device(person, push_service)
    run(at(7, 29))
    assert pushes(push_service) == []
    counts = run(at(7, 30))
    assert pushes(push_service) == ["/send/phone"] and counts["sent"] == 1 and counts["reminders"] == 1
    run(at(7, 31))
    run(at(7, 45))
    assert len(push_service.requests) == 1
    stretch.refresh_from_db()
    assert stretch.next_push_at == at(7, 30, DAY + timedelta(days=1))  # tomorrow's reminder


def test_every_device_of_the_person_gets_it_and_nobody_else(person, stretch, push_service):
    device(person, push_service, "/send/phone")
    device(person, push_service, "/send/laptop")
    other = User.objects.create_user("alex", password="x", time_zone=BERLIN)
    long_standing_habit(owner=other, name="Walk", start_date=date(2026, 1, 1), reminders=["09:00"])
    device(other, push_service, "/send/alex")
    run(at(7, 30))
    assert sorted(pushes(push_service)) == ["/send/laptop", "/send/phone"]


def test_each_reminder_of_the_day_gets_its_own_push(person, stretch, push_service):
    stretch.reminders = ["07:30", "18:00"]
    stretch.save()
    device(person, push_service)
    for moment in (at(7, 30), at(12, 0), at(18, 0), at(18, 1)):
        run(moment)
    assert len(push_service.requests) == 2


def test_quiet_hours_hold_a_push_until_they_end(person, stretch, push_service):
    person.quiet_start, person.quiet_end = time(7, 0), time(8, 0)
    person.save()
    device(person, push_service)
    run(at(7, 30))
    assert pushes(push_service) == []
    stretch.refresh_from_db()
    assert stretch.next_push_at == at(8, 0)
    run(at(8, 0))
    assert len(push_service.requests) == 1


@pytest.mark.parametrize(
    "set_aside",
    [
        lambda habit: DayRecord.objects.create(habit=habit, day=DAY, status="done"),
        lambda habit: DayRecord.objects.create(habit=habit, day=DAY, status="skipped"),
        lambda habit: NudgeState.objects.create(habit=habit, day=DAY, dismissed=True),
        lambda habit: Pause.objects.create(habit=habit, start=DAY, until=DAY + timedelta(days=3)),
        lambda habit: Habit.objects.filter(pk=habit.pk).update(archived=True),
    ],
    ids=["done", "resting", "not-today", "paused-habit", "archived"],
)
def test_nothing_is_pushed_for_a_habit_done_resting_set_aside_paused_or_archived(person, stretch, push_service, set_aside):
    device(person, push_service)
    set_aside(stretch)
    run(at(7, 30))
    assert push_service.requests == []


def test_paused_reminders_push_nothing_and_the_sender_stops_looking_until_they_are_back(person, stretch, push_service):
    device(person, push_service)
    person.reminders_paused = True
    person.save(update_fields=["reminders_paused"])
    run(at(7, 30))
    assert push_service.requests == []
    stretch.refresh_from_db()
    assert stretch.next_push_at is None
    person.reminders_paused = False
    person.save(update_fields=["reminders_paused"])
    stretch.refresh_from_db()
    assert stretch.next_push_at is not None


def test_a_snooze_pushes_again_when_it_ends(person, stretch, push_service, time_machine):
    device(person, push_service)
    run(at(7, 30))
    time_machine.move_to(at(7, 35), tick=False)
    push.snooze(stretch, DAY)
    run(at(7, 50))
    assert len(push_service.requests) == 1  # snoozed: quiet
    run(at(8, 5))
    assert len(push_service.requests) == 2
    run(at(8, 6))
    assert len(push_service.requests) == 2


def test_a_reminder_missed_by_more_than_a_quarter_of_an_hour_is_left_to_the_app(person, stretch, push_service):
    device(person, push_service)
    run(at(7, 50))  # the sender was stopped until now
    assert push_service.requests == []
    stretch.refresh_from_db()
    assert stretch.next_push_at == at(7, 30, DAY + timedelta(days=1))


def test_a_reminder_set_after_its_time_today_waits_for_tomorrow(person, push_service, time_machine):
    time_machine.move_to(at(10, 0) + timedelta(seconds=30), tick=False)
    Habit.objects.create(owner=person, name="Read", start_date=DAY, reminders=["07:30", "10:00"])
    device(person, push_service)
    run(at(10, 1))  # 10:00 passed a moment before the habit existed
    assert push_service.requests == []


def test_each_person_is_reminded_at_their_own_local_time(push_service, db):
    tokyo = User.objects.create_user("aiko", password="x", time_zone="Asia/Tokyo")
    new_york = User.objects.create_user("sam", password="x", time_zone="America/New_York")
    for owner in (tokyo, new_york):
        long_standing_habit(owner=owner, name="Stretch", start_date=date(2026, 1, 1), reminders=["07:30"])
        device(owner, push_service, f"/send/{owner.username}")
    friday = DAY + timedelta(days=1)
    run(at(7, 30, friday, zone="Asia/Tokyo"))  # 22:30 in Berlin, 16:30 in New York
    assert pushes(push_service) == ["/send/aiko"]
    run(at(7, 30, friday, zone="America/New_York"))
    assert pushes(push_service) == ["/send/aiko", "/send/sam"]


def test_a_night_reminder_belongs_to_the_day_it_ends_when_the_day_starts_later(person, push_service):
    person.day_start_hour = 3
    person.save()
    habit = long_standing_habit(owner=person, name="Sleep", start_date=date(2026, 1, 1), reminders=["01:00"])
    browser = Browser()
    device(person, push_service, browser=browser)
    run(at(1, 0, DAY + timedelta(days=1)))  # 01:00 on Friday is still Thursday's evening
    assert browser.read(push_service.requests[0]["body"])["tag"] == f"nudge-{habit.pk}-{DAY.isoformat()}"


def test_the_sender_looks_at_a_habit_again_whenever_it_or_its_owners_timing_changes(person, stretch, push_service, time_machine):
    device(person, push_service)
    run(at(7, 30))
    time_machine.move_to(at(9, 0), tick=False)
    stretch.name = "Stretch gently"
    stretch.save(update_fields=["name", "updated"])
    stretch.refresh_from_db()
    assert stretch.next_push_at == at(9, 0)
    run(at(9, 0))
    stretch.refresh_from_db()
    assert stretch.next_push_at == at(7, 30, DAY + timedelta(days=1))
    time_machine.move_to(at(9, 5), tick=False)
    person.time_zone = "Europe/London"
    person.save(update_fields=["time_zone"])
    stretch.refresh_from_db()
    assert stretch.next_push_at == at(9, 5)


def test_without_a_device_nothing_is_worked_out_until_one_is_added(person, stretch, push_service, time_machine):
    run(at(7, 0))
    stretch.refresh_from_db()
    assert stretch.next_push_at is None
    time_machine.move_to(at(7, 10), tick=False)
    push.subscribe(person, f"{push_service.url}/send/new", Browser().p256dh, b64(os.urandom(16)), "")
    stretch.refresh_from_db()
    assert stretch.next_push_at == at(7, 10)
    run(at(7, 30))
    assert len(push_service.requests) == 1


def test_the_habits_to_look_at_come_from_the_index_not_a_scan(db):
    sql, params = push.due_now(datetime(2026, 11, 26, tzinfo=timezone.utc)).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "next_push_at" in plan and "SCAN routines_habit" not in plan, plan
        else:
            cursor.execute("SET enable_seqscan = off")  # an empty table: only whether the index can serve
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "next_push_at" in plan, plan


# --- At most once, even with two senders at once ----------------------------------------------


def test_two_senders_running_at_once_push_each_reminder_once(transactional_db, push_service):
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
    owners = [User.objects.create_user(f"person{i}", password="x", time_zone=BERLIN) for i in range(5)]
    for owner in owners:
        long_standing_habit(owner=owner, name="Stretch", start_date=date(2026, 1, 1), reminders=["07:30"])
        device(owner, push_service, f"/send/{owner.username}")
    results = run_at_once(*[lambda: run(at(7, 30))] * 4)
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert sorted(pushes(push_service)) == sorted(f"/send/{owner.username}" for owner in owners)
    assert PushSent.objects.count() == 5


def test_a_push_already_claimed_is_not_sent_again(person, stretch, push_service):
    device(person, push_service)
    PushSent.objects.create(habit=stretch, moment=at(7, 30))  # another run got there first
    run(at(7, 30))
    assert push_service.requests == []


# --- What reaches the push service --------------------------------------------------------------


def test_the_push_is_encrypted_for_the_browser_and_says_only_what_the_notification_needs(person, stretch, push_service):
    DayRecord.objects.create(habit=stretch, day=DAY - timedelta(days=1), status="done", note="my private words")
    browser = Browser()
    device(person, push_service, browser=browser)
    run(at(7, 30))
    request = push_service.requests[0]
    assert request["headers"]["content-encoding"] == "aes128gcm"
    assert b"Stretch" not in request["body"]  # only the browser can read it
    message = browser.read(request["body"])
    assert message["title"] == "🧘 Stretch"
    assert message["body"] == kind_words(stretch, DAY)
    assert message["tag"] == f"nudge-{stretch.pk}-{DAY.isoformat()}"
    assert message["url"] == "/today/" and message["action_url"] == "/nudges/push/"
    assert push.read_action_token(message["actions"]["done"], person, "done") == (stretch.pk, DAY)
    assert push.read_action_token(message["actions"]["snooze"], person, "snooze") == (stretch.pk, DAY)
    assert "private" not in json.dumps(message)


def test_the_vapid_header_is_signed_for_the_push_services_origin_with_a_mailto_subject(person, stretch, push_service):
    device(person, push_service)
    run(at(7, 30))
    headers = push_service.requests[0]["headers"]
    authorization = headers["authorization"]
    assert authorization.startswith("vapid t=") and ",k=" in authorization
    assert Vapid02.verify(authorization)
    token, key = authorization.removeprefix("vapid t=").split(",k=")
    assert key == push.public_key()
    claims = json.loads(unb64(token.split(".")[1]))
    assert claims["aud"] == push_service.url
    assert claims["sub"] == "mailto:care@selfcare.example"
    assert 0 < claims["exp"] - datetime.now().timestamp() <= 24 * 60 * 60
    assert headers["ttl"] == str(push.TTL)
    assert headers["topic"] == f"h{stretch.pk}" and headers["urgency"] == "normal"


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_no_longer_knows_is_deleted(person, stretch, push_service, status):
    device(person, push_service, "/send/gone")
    kept = device(person, push_service, "/send/phone")
    push_service.answers["/send/gone"] = status
    counts = run(at(7, 30))
    assert list(PushSubscription.objects.all()) == [kept]
    assert counts["gone"] == 1 and counts["sent"] == 1


def test_a_push_service_having_trouble_keeps_the_subscription_for_next_time(person, stretch, push_service):
    subscription = device(person, push_service)
    push_service.answers["/send/phone"] = 503
    counts = run(at(7, 30))
    assert counts["not_sent"] == 1 and PushSubscription.objects.get() == subscription


def test_a_successful_push_is_noted_on_the_device(person, stretch, push_service):
    subscription = device(person, push_service)
    run(at(7, 30))
    subscription.refresh_from_db()
    assert subscription.last_success is not None


def test_the_command_logs_counts_and_never_a_habits_name(person, stretch, push_service, time_machine, caplog):
    device(person, push_service)
    time_machine.move_to(at(7, 30), tick=False)
    with caplog.at_level("INFO", logger="routines.push"):
        call_command("send_push_nudges")
    assert len(push_service.requests) == 1
    assert "people 1, reminders 1, sent 1" in caplog.text and "Stretch" not in caplog.text


def test_the_command_says_how_to_turn_push_on_when_it_is_off(settings, capsys, db):
    settings.VAPID_PRIVATE_KEY = ""
    call_command("send_push_nudges")
    assert "generate_vapid_keys" in capsys.readouterr().err


def test_generated_vapid_keys_make_a_working_pair(capsys):
    call_command("generate_vapid_keys")
    out = capsys.readouterr().out
    private = out.split("VAPID_PRIVATE_KEY=")[1].split()[0]
    public = out.split("reference): ")[1].split()[0]
    assert len(unb64(private)) == 32 and len(unb64(public)) == 65
    assert push.public_key_of(private) == public


def test_old_delivery_records_are_cleared(person, stretch, push_service):
    PushSent.objects.create(habit=stretch, moment=at(7, 30, DAY - timedelta(days=3)))
    run(at(7, 0))
    assert not PushSent.objects.exists()


@pytest.mark.parametrize(
    "agent, name",
    [
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "Chrome on Android"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on iPhone"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Windows"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge on Mac"),
        ("", "A browser"),
    ],
)
def test_devices_are_named_so_a_person_can_tell_them_apart(agent, name):
    assert push.device_name(agent) == name


# --- Settings ---------------------------------------------------------------------------------------

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ENCRYPTION_KEYS": KEY, "VAPID_PRIVATE_KEY": "IRkcFRR6dhWX8vB5roDMzu45UIJqhtIFkoAXbfBuKTk"}
PUSH_SETTINGS = "{'key': s.VAPID_PRIVATE_KEY, 'subject': s.VAPID_SUBJECT}"


@pytest.mark.parametrize(
    "subject",
    ["mailto:admin@localhost", "https://selfcare.example.org", "mailto:", "admin@example.org"],
)
def test_production_refuses_a_vapid_subject_that_is_not_a_real_mailto(subject):
    result = load_settings(PUSH_SETTINGS, **PRODUCTION, VAPID_SUBJECT=subject)
    assert result.returncode != 0 and "VAPID_SUBJECT must be a mailto: address on a real domain" in result.stderr


def test_production_refuses_the_default_localhost_sender_as_the_vapid_subject():
    result = load_settings(PUSH_SETTINGS, **PRODUCTION)
    assert result.returncode != 0 and "Apple refuses a localhost one" in result.stderr


def test_the_vapid_subject_comes_from_the_senders_address_when_it_is_real():
    result = load_settings(PUSH_SETTINGS, **PRODUCTION, DEFAULT_FROM_EMAIL="Selfcare <care@selfcare.example.org>")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["subject"] == "mailto:care@selfcare.example.org"


def test_production_without_a_vapid_key_starts_with_notifications_off():
    env = {key: value for key, value in PRODUCTION.items() if key != "VAPID_PRIVATE_KEY"}
    result = load_settings(PUSH_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"key": "", "subject": ""}


def test_the_development_key_file_is_not_committed():
    assert "/.vapid-key" in (ROOT / ".gitignore").read_text().split()


def test_a_web_worker_does_not_carry_the_push_libraries_until_it_pushes():
    """pywebpush, py_vapid and requests are about 30 MiB: loaded only by what sends."""
    script = (
        "import django, sys; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; import routines.views.push, routines.views.accounts; "
        "print(sorted(name for name in ('pywebpush', 'py_vapid', 'requests') if name in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "selfcare.settings"}
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert loaded == "[]"
