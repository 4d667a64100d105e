"""Web Push: nudges on a phone while Selfcare is closed (pywebpush: VAPID and aes128gcm).

`send_due_pushes` runs every minute (`manage.py send_push_nudges`, from cron or a systemd
timer). It asks the index on Habit.next_push_at which habits could have something to say
now, decides with routines/nudges.py exactly as the in-app nudges do (quiet hours, paused
reminders, pauses, snooze, "not today", done), pushes each reminder at most once, and works
out when to look at each habit again. Everything else that changes timing (a habit saved,
the person's settings, a snooze, a new device) sets next_push_at to "now" to be looked at.

A payload says only what a useful notification needs: the habit's name and emoji and a kind
line, never notes or feelings; it is encrypted for the browser, so the push service cannot
read it. Logs hold counts only.
"""

import json
import logging
from base64 import urlsafe_b64encode
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from .agenda import day_agenda
from .days import user_today, zone
from .models import Habit, NudgeState, PushSent, PushSubscription, User
from .nudges import SNOOZE, due_nudges, in_quiet_hours, kind_words, parse_time, reminder_moment

if TYPE_CHECKING:
    from py_vapid import Vapid02

logger = logging.getLogger(__name__)

# A reminder pushed later than this after it came due (the sender was stopped, the server
# was down) is left to the in-app nudge: a pile of stale notifications helps no one.
GRACE = timedelta(minutes=15)
# How long a push service keeps a nudge for a phone that is off: an hour late is still kind.
TTL = 60 * 60
# Done and Snooze from a notification: its tokens last for the day it is about, and a little.
ACTION_MAX_AGE = timedelta(hours=30)
ACTION_SALT = "routines.push.action"
ACTIONS = ("done", "snooze")
# Delivery records are needed only while their day can still push.
KEEP_SENT = timedelta(days=2)
BATCH = 500
# Pushes handed to push services at once (each waits for its service's answer).
SENDERS = 16


def enabled() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY)


# py_vapid, pywebpush and requests are imported where they are used: together they are about
# 30 MiB, which every web worker would otherwise carry for the few requests that push.
@cache
def _vapid(private_key: str) -> "Vapid02":
    from py_vapid import Vapid02

    return Vapid02.from_string(private_key)


def vapid() -> "Vapid02":
    return _vapid(settings.VAPID_PRIVATE_KEY)


def public_key_of(private_key: str) -> str:
    """The applicationServerKey browsers subscribe with: the uncompressed point, base64url."""
    point = _vapid(private_key).public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return urlsafe_b64encode(point).decode().rstrip("=")


def public_key() -> str:
    return public_key_of(settings.VAPID_PRIVATE_KEY)


BROWSERS = (("Edg", "Edge"), ("SamsungBrowser", "Samsung Internet"), ("Firefox", "Firefox"), ("FxiOS", "Firefox"),
            ("CriOS", "Chrome"), ("OPR", "Opera"), ("Chrome", "Chrome"), ("Safari", "Safari"))  # fmt: skip
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
           ("Macintosh", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))  # fmt: skip


def device_name(user_agent: str) -> str:
    """"Chrome on Android": enough for a person to tell their devices apart in Settings."""
    browser = next((name for key, name in BROWSERS if key in user_agent), "A browser")
    system = next((name for key, name in SYSTEMS if key in user_agent), "")
    return f"{browser} on {system}" if system else browser


def look_again(habits, at: datetime | None = None) -> None:
    """Have the sender look at these habits on its run at `at` (its next run by default), unless sooner."""
    at = at or timezone.now()
    habits.filter(Q(next_push_at__isnull=True) | Q(next_push_at__gt=at)).update(next_push_at=at)


def subscribe(owner: User, endpoint: str, p256dh: str, auth: str, user_agent: str) -> PushSubscription:
    """Keep this browser's subscription for `owner`.

    An endpoint names one browser: if another account had it (a shared computer, a new
    login), it moves to this person, so nudges never reach someone who logged out there.
    """
    subscription, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"owner": owner, "p256dh": p256dh, "auth": auth, "device": device_name(user_agent)}
    )
    look_again(owner.habits.all())  # a first device: reminders start being worked out
    return subscription


def action_token(owner: User, habit: Habit, day: date, action: str) -> str:
    return signing.dumps({"u": owner.pk, "h": habit.pk, "d": day.isoformat(), "a": action}, salt=ACTION_SALT, compress=True)


def read_action_token(token: str, owner: User, action: str) -> tuple[int, date] | None:
    """The habit and day a notification's button is about, if the token is this person's, for
    this action, and recent; None otherwise."""
    try:
        data = signing.loads(token, salt=ACTION_SALT, max_age=ACTION_MAX_AGE)
        if data["u"] != owner.pk or data["a"] != action:
            return None
        return int(data["h"]), date.fromisoformat(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def nudge_payload(owner: User, habit: Habit, day: date) -> dict:
    """What the service worker shows (static/js/sw.js): one notification per habit and day."""
    return {
        "title": f"{habit.emoji} {habit.name}".strip(),
        "body": kind_words(habit, day),
        "tag": f"nudge-{habit.pk}-{day.isoformat()}",
        "url": reverse("today"),
        "icon": static("icons/icon-192.png"),
        "action_url": reverse("push_action"),
        "actions": {action: action_token(owner, habit, day, action) for action in ACTIONS},
    }


def test_payload() -> dict:
    return {
        "title": "Selfcare",
        "body": "Notifications are on. Gentle nudges will appear here at your reminder times.",
        "tag": "test",
        "url": reverse("settings"),
        "icon": static("icons/icon-192.png"),
    }


def post(subscription: PushSubscription, payload: dict, topic: str = "") -> str:
    """Hand one message for one browser to its push service: "sent", "gone" (404, 410: it
    unsubscribed, or its site data was cleared) or "not_sent". Only HTTP: it runs in threads."""
    import requests
    from pywebpush import WebPushException, webpush

    headers = {"Urgency": "normal", **({"Topic": topic} if topic else {})}
    try:
        webpush(
            {"endpoint": subscription.endpoint, "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}},
            json.dumps(payload),
            vapid_private_key=vapid(),
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=TTL,
            timeout=10,
            headers=headers,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in (404, 410):
            return "gone"
        logger.warning("A push service did not accept a push (status %s).", status)
        return "not_sent"
    except (requests.RequestException, ValueError):  # unreachable, or keys a browser got wrong
        logger.warning("A push could not be sent.")
        return "not_sent"
    return "sent"


def send_all(messages: list[tuple[PushSubscription, dict, str]]) -> list[str]:
    """Send (subscription, payload, topic) messages, several at once: each push service takes a
    moment to answer, and a busy minute has thousands. Subscriptions gone are deleted."""
    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        statuses = list(pool.map(lambda message: post(*message), messages))
    done = {status: {message[0].pk for message, each in zip(messages, statuses) if each == status} for status in ("sent", "gone")}
    PushSubscription.objects.filter(pk__in=done["gone"]).delete()
    PushSubscription.objects.filter(pk__in=done["sent"]).update(last_success=timezone.now())
    return statuses


def send(subscription: PushSubscription, payload: dict, topic: str = "") -> str:
    return send_all([(subscription, payload, topic)])[0]


def send_test(subscription: PushSubscription) -> str:
    return send(subscription, test_payload(), topic="test")


def quiet_end_after(owner: User, moment: datetime) -> datetime:
    """When the quiet stretch that `moment` falls in ends (the moment itself outside quiet hours)."""
    local = moment.astimezone(zone(owner.time_zone))
    if not in_quiet_hours(owner, local):
        return moment
    end = datetime.combine(local.date(), owner.quiet_end, tzinfo=local.tzinfo)
    return end if end > local else end + timedelta(days=1)


def push_moment(owner: User, habit: Habit, day: date, now: datetime, state: NudgeState | None) -> datetime | None:
    """The moment the habit's push belongs to: its latest reminder that has passed on `day`
    (since the habit exists), or the end of a snooze after it. The push goes once per moment."""
    moments = [reminder_moment(day, parse_time(at), owner) for at in habit.reminders]
    passed = [moment for moment in moments if habit.created <= moment <= now]
    if not passed:
        return None
    moment = max(passed)
    if state and state.snoozed_until and moment < state.snoozed_until <= now:
        moment = state.snoozed_until
    return moment


def next_look(owner: User, habit: Habit, now: datetime, state: NudgeState | None, has_devices: bool) -> datetime | None:
    """When something could next be pushed for the habit: a reminder (moved to the end of quiet
    hours if it falls in them) or the end of a snooze; None while nothing could be."""
    if habit.archived or not habit.reminders or owner.reminders_paused or not has_devices:
        return None
    day = user_today(owner, now)
    moments = [reminder_moment(d, parse_time(at), owner) for d in (day, day + timedelta(days=1)) for at in habit.reminders]
    moments = [quiet_end_after(owner, moment) for moment in moments]
    if state and state.snoozed_until:
        moments.append(state.snoozed_until)
    return min((moment for moment in moments if moment > now), default=None)


def claim(habit: Habit, moment: datetime) -> bool:
    """Record the push before sending it: of two runs at once, only one gets to send."""
    try:
        with transaction.atomic():
            PushSent.objects.create(habit=habit, moment=moment)
    except IntegrityError:
        return False
    return True


def due_now(now: datetime):
    """The habits to look at now, soonest first: a range of the index on next_push_at
    (benchmarks/push_due.py measures it with 100,000 people)."""
    return Habit.objects.filter(next_push_at__lte=now).select_related("owner").order_by("next_push_at", "pk")


def send_due_pushes(now: datetime | None = None) -> Counter:
    """Push what is due now to every device of its owner; returns counts (for the log: nothing else)."""
    now = now or timezone.now()
    counts: Counter = Counter()
    PushSent.objects.filter(moment__lt=now - KEEP_SENT).delete()
    after = Q()
    while habits := list(due_now(now).filter(after)[:BATCH]):
        last = habits[-1]
        # Onwards from the last one's place: whatever this batch changed is never read twice.
        after = Q(next_push_at__gt=last.next_push_at) | Q(next_push_at=last.next_push_at, pk__gt=last.pk)
        habits.sort(key=lambda habit: habit.owner_id)
        messages: list[tuple[PushSubscription, dict, str]] = []
        for _, group in groupby(habits, key=lambda habit: habit.owner_id):
            messages += push_for(list(group), now, counts)
        counts.update(send_all(messages))
    return counts


def push_for(habits: list[Habit], now: datetime, counts: Counter) -> list[tuple[PushSubscription, dict, str]]:
    """One person's habits that are up for a look: claim what is due (the messages to send),
    then plan the next look."""
    owner = habits[0].owner
    counts["people"] += 1
    day = user_today(owner, now)
    devices = list(owner.push_subscriptions.all())
    messages = []
    states = {state.habit_id: state for state in NudgeState.objects.filter(habit__in=habits, day=day)}
    if devices and not owner.reminders_paused:
        wanted = {habit.pk for habit in habits}
        nudges = due_nudges(owner, now, day, day_agenda(owner, day).due, states, limit=None).shown
        for nudge in (nudge for nudge in nudges if nudge.habit.pk in wanted):
            moment = push_moment(owner, nudge.habit, day, now, states.get(nudge.habit.pk))
            if moment is None or now - quiet_end_after(owner, moment) > GRACE or not claim(nudge.habit, moment):
                continue
            counts["reminders"] += 1
            payload = nudge_payload(owner, nudge.habit, day)
            messages += [(device, payload, f"h{nudge.habit.pk}") for device in devices]
    for habit in habits:
        later = next_look(owner, habit, now, states.get(habit.pk), bool(devices))
        # Unless something changed it meanwhile (a saved habit asks for a look "now").
        Habit.objects.filter(pk=habit.pk, next_push_at=habit.next_push_at).update(next_push_at=later)
    return messages


def snooze(habit: Habit, day: date) -> None:
    """Snooze the habit's nudge for SNOOZE: it rests in the app, and its push comes again then."""
    until = timezone.now() + SNOOZE
    NudgeState.objects.update_or_create(habit=habit, day=day, defaults={"snoozed_until": until})
    look_again(Habit.objects.filter(pk=habit.pk), until)
