import hashlib
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Length, Lower
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .crypto import EncryptedJSONField, EncryptedTextField


class User(AbstractUser):
    """A person using Selfcare, with the settings that decide what "today" is for them."""

    class WeekStart(models.IntegerChoices):
        # Python's date.weekday() numbering, so the schedule code can compare directly.
        MONDAY = 0, "Monday"
        SUNDAY = 6, "Sunday"

    class Theme(models.TextChoices):
        SYSTEM = "system", "Same as my device"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    time_zone = models.CharField(max_length=64, default="UTC")
    day_start_hour = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(6)],
        help_text="Anything logged before this hour counts for the day before.",
    )
    week_start = models.PositiveSmallIntegerField(choices=WeekStart.choices, default=WeekStart.MONDAY)
    # Reminders: no nudges between quiet_start and quiet_end (local time; may cross midnight).
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    reminders_paused = models.BooleanField(default=False)
    # Light or dark pages; "system" follows the device's own setting (prefers-color-scheme).
    theme = models.CharField(max_length=6, choices=Theme.choices, default=Theme.SYSTEM)
    # The private calendar feed's secret; none until asked for, replaced by "Reset link".
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # When the time zone or day start last changed: they move every calendar event.
    reminders_changed = models.DateTimeField(null=True, blank=True, editable=False)
    # ISO 3166 code choosing the crisis lines shown first on Get help; "" when unknown.
    country = models.CharField(max_length=2, blank=True, default="")
    # The gentle "it has felt heavy" card, put away until this day (it returns if the pattern goes on).
    safeguard_hidden_until = models.DateField(null=True, blank=True, editable=False)
    # The first day of the last week whose look back was put away.
    review_dismissed_week = models.DateField(null=True, blank=True, editable=False)
    # Feeling words the person wrote themselves, offered again beside the usual ones.
    feeling_words = models.JSONField(default=list, blank=True, editable=False)
    # Raised by "Log out on all other devices": part of every session's auth hash (routines/accounts.py).
    session_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(country="") | models.Q(Exact(Length("country"), 2)), name="country_is_a_code_or_empty"),
            models.CheckConstraint(condition=models.Q(theme__in=["system", "light", "dark"]), name="theme_is_a_choice"),
        ]

    # What decides when reminders fall: a change makes the push sender look at every habit again.
    PUSH_TIMING_FIELDS = frozenset({"time_zone", "day_start_hour", "quiet_start", "quiet_end", "reminders_paused"})

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if self.pk and (fields is None or self.PUSH_TIMING_FIELDS & set(fields)):
            self.habits.update(next_push_at=timezone.now())

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's hash of the password, mixed with session_version once it has been raised.

        Overriding this one (not get_session_auth_hash) keeps SECRET_KEY_FALLBACKS working,
        which Django checks through it. Version 0 is Django's own hash, so sessions from
        before this field stay logged in.
        """
        password_hash = super()._get_session_auth_hash(secret=secret)
        if not self.session_version:
            return password_hash
        key_salt = "routines.User.session_version"
        return salted_hmac(key_salt, f"{password_hash}:{self.session_version}", secret=secret, algorithm="sha256").hexdigest()


class Habit(models.Model):
    class Kind(models.TextChoices):
        CHECK = "check", "A simple check"
        MEASURABLE = "measurable", "Measurable"

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", "At least"
        AT_MOST = "at_most", "At most"

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", "Morning"
        AFTERNOON = "afternoon", "Afternoon"
        EVENING = "evening", "Evening"
        ANYTIME = "anytime", "Anytime"

    class Schedule(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKDAYS = "weekdays", "On chosen weekdays"
        TIMES_PER_WEEK = "per_week", "A number of times a week"
        EVERY_N_DAYS = "every_n", "Every few days"

    class Colour(models.TextChoices):
        # Soft tones that keep text contrast in light and dark mode; shown as classes.
        SAGE = "sage", "Sage"
        SKY = "sky", "Sky"
        SAND = "sand", "Sand"
        ROSE = "rose", "Rose"
        LILAC = "lilac", "Lilac"
        SLATE = "slate", "Slate"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="habits")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CHECK)
    unit = models.CharField(max_length=20, blank=True)
    target = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.AT_LEAST)
    time_of_day = models.CharField(max_length=10, choices=TimeOfDay.choices, default=TimeOfDay.ANYTIME)
    position = models.PositiveIntegerField(default=0)
    schedule = models.CharField(max_length=12, choices=Schedule.choices, default=Schedule.DAILY)
    # Monday is bit 0 ... Sunday bit 6, as date.weekday() counts.
    weekdays = models.PositiveSmallIntegerField(default=0)
    times_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    interval_days = models.PositiveSmallIntegerField(null=True, blank=True)
    why = models.CharField("Why it matters to me", max_length=200, blank=True)
    colour = models.CharField(max_length=8, choices=Colour.choices, default=Colour.SAGE)
    emoji = models.CharField(max_length=8, blank=True)
    # Up to three local times ("07:30"), sorted, on the days the habit is due.
    reminders = models.JSONField(default=list, blank=True)
    start_date = models.DateField()
    archived = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # When the push sender (routines/push.py) looks at this habit next: its next reminder, the end
    # of quiet hours or of a snooze; None while nothing could be sent. Any change to the habit
    # (and to its owner's timing settings, or devices) sets it to "now": the next run works it out.
    next_push_at = models.DateTimeField(null=True, blank=True, default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="check") | models.Q(target__isnull=False, target__gt=0),
                name="measurable_habit_has_positive_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(schedule="weekdays") | models.Q(weekdays__gte=1, weekdays__lte=127),
                name="weekday_habit_has_days",
            ),
            models.CheckConstraint(
                condition=~models.Q(schedule="per_week") | models.Q(times_per_week__gte=1, times_per_week__lte=6),
                name="per_week_habit_has_count",
            ),
            models.CheckConstraint(
                condition=~models.Q(schedule="every_n") | models.Q(interval_days__gte=2, interval_days__lte=30),
                name="every_n_habit_has_interval",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "owner",
                condition=models.Q(archived=False),
                name="active_habit_names_unique_per_owner",
            ),
            # Kept 0..n-1 without gaps by routines/habits.py; the database holds the uniqueness.
            models.UniqueConstraint(
                fields=["owner", "position"], condition=models.Q(archived=False), name="active_habit_positions_unique_per_owner"
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "archived", "position"]),
            # The push sender's "what is due now", in its order: a batch reads only its own rows.
            models.Index(fields=["next_push_at", "id"], name="habit_next_push"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.next_push_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "next_push_at"}
        super().save(*args, **kwargs)

    @property
    def is_measurable(self) -> bool:
        return self.kind == self.Kind.MEASURABLE


class Pause(models.Model):
    """A stretch of days a habit rests (illness, travel): from `start` up to, not including, `until`.

    Kept after they end, so past paused days stay "not scheduled" in the week and history.
    """

    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField()
    until = models.DateField(help_text="The day the habit comes back.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["habit", "start"]
        constraints = [models.CheckConstraint(condition=models.Q(until__gt=models.F("start")), name="pause_ends_after_it_starts")]

    def __str__(self) -> str:
        return f"{self.habit} paused {self.start} until {self.until}"

    def covers(self, day) -> bool:
        return self.start <= day < self.until


class DayRecord(models.Model):
    """What happened with one habit on one of its owner's days (a local calendar date)."""

    class Status(models.TextChoices):
        NONE = "none", "Not done"
        DONE = "done", "Done"
        PARTIAL = "partial", "Partly done"
        SKIPPED = "skipped", "Skipped (rest)"

    # No index of its own: the unique (habit, day) index serves every lookup by habit, and by day ranges.
    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, related_name="records", db_index=False)
    day = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NONE)
    value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    note = EncryptedTextField(max_length=1000, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["habit", "day"]
        constraints = [
            models.UniqueConstraint(fields=["habit", "day"], name="one_record_per_habit_and_day"),
            models.CheckConstraint(
                condition=models.Q(status__in=["none", "done", "partial", "skipped"]),
                name="day_record_status_is_known",
            ),
        ]
        # The Journal lists days with a note: only those rows are read, not every day of every habit.
        indexes = [models.Index(fields=["habit", "day"], condition=~models.Q(note=""), name="day_records_with_a_note")]

    def __str__(self) -> str:
        return f"{self.habit} on {self.day}: {self.get_status_display()}"


class RestDay(models.Model):
    """A day someone chose to rest: the habits it set to skipped, so it can be undone that day."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rest_days", db_index=False)
    day = models.DateField()
    habit_ids = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "day"], name="one_rest_day_per_owner_and_day")]

    def __str__(self) -> str:
        return f"{self.owner} rested on {self.day}"


class NudgeState(models.Model):
    """What someone did with a habit's nudge on one of their days: snoozed it, or "not today"."""

    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, related_name="nudge_states", db_index=False)
    day = models.DateField()
    snoozed_until = models.DateTimeField(null=True, blank=True)
    dismissed = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["habit", "day"], name="one_nudge_state_per_habit_and_day")]

    def __str__(self) -> str:
        return f"Nudge for {self.habit} on {self.day}"


class PushSubscription(models.Model):
    """One browser's Web Push subscription: where the push service takes a person's nudges.

    The endpoint is the push service's address for this browser (a secret of sorts: whoever
    holds it with the keys can send to the device); p256dh and auth are the browser's keys.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    # Push services' addresses run to several hundred characters; unique: one row per browser.
    endpoint = models.URLField(max_length=2000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    device = models.CharField(max_length=60, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    last_success = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(p256dh="") & ~models.Q(auth=""), name="push_subscription_has_keys")
        ]

    def __str__(self) -> str:
        return f"Push subscription {self.pk}"

    @property
    def digest(self) -> str:
        """Names the subscription on the page, so static/js/push.js can mark "this device"."""
        return hashlib.sha256(self.endpoint.encode()).hexdigest()[:16]


class PushSent(models.Model):
    """A reminder (or the end of a snooze) that was pushed: written before sending, so that
    two overlapping runs of the sender can never push it twice."""

    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, related_name="pushes_sent")
    moment = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["habit", "moment"], name="one_push_per_habit_and_moment")]
        indexes = [models.Index(fields=["moment"], name="push_sent_moment")]  # the sender's clean-up

    def __str__(self) -> str:
        return f"Push for {self.habit_id} at {self.moment}"


def validate_phone(value: str) -> None:
    # Gentle: whatever people write on paper ("+44 (0)20 7946-0958", "116 123"), as long as it can be dialled.
    if not re.fullmatch(r"[0-9 +\-()]+", value) or len(re.sub(r"\D", "", value)) < 3:
        raise ValidationError("Please use digits, and if you like spaces, +, - or brackets (for example +1 555 010 0199).")


class SupportContact(models.Model):
    """Someone the person can reach out to when things get heavy. Private: never in feeds or admin lists."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_contacts")
    name = models.CharField(max_length=60)
    phone = models.CharField(max_length=30, validators=[validate_phone])
    position = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="support_contact_has_a_name"),
            models.CheckConstraint(condition=~models.Q(phone=""), name="support_contact_has_a_phone"),
        ]

    def __str__(self) -> str:
        return f"Support contact {self.pk}"

    @property
    def tel(self) -> str:
        """The number as a tel: or sms: link needs it: a leading + and digits only."""
        digits = re.sub(r"\D", "", self.phone)
        return f"+{digits}" if self.phone.lstrip().startswith("+") else digits


class SupportItem(models.Model):
    """One line of "things that help me" or "signs it's getting heavy", written on a good day for a hard one."""

    class Kind(models.TextChoices):
        HELPS = "helps", "Things that help me"
        SIGNS = "signs", "Signs it's getting heavy"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_items")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["helps", "signs"]), name="support_item_kind_is_known"),
            models.CheckConstraint(condition=~models.Q(text=""), name="support_item_has_text"),
        ]

    def __str__(self) -> str:
        return f"Support item {self.pk}"


class Mood(models.IntegerChoices):
    """Five steps, worded first: the words carry the meaning, faces are only beside them."""

    VERY_LOW = 1, "Very low"
    LOW = 2, "Low"
    OKAY = 3, "Okay"
    GOOD = 4, "Good"
    VERY_GOOD = 5, "Very good"


class JournalEntry(models.Model):
    """A person's check-in for one of their days: a mood, some feeling words and free text, each optional."""

    # No index of its own: the unique (owner, day) index serves every lookup by owner, and by day ranges.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries", db_index=False)
    day = models.DateField()
    mood = models.PositiveSmallIntegerField(choices=Mood.choices, null=True, blank=True)
    feelings = EncryptedJSONField(default=list, blank=True)
    # The prompt the text answers, kept with it: prompts rotate, the words stay meaningful.
    prompt = models.CharField(max_length=200, blank=True)
    text = EncryptedTextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "day"], name="one_journal_entry_per_owner_and_day"),
            models.CheckConstraint(
                condition=models.Q(mood__isnull=True) | models.Q(mood__gte=1, mood__lte=5), name="journal_mood_is_on_the_scale"
            ),
        ]

    def __str__(self) -> str:
        # Never the text or feelings: this shows up in admin and logs.
        return f"Check-in of {self.owner} on {self.day}"



class PendingImport(models.Model):
    """An uploaded file waiting for its preview to be confirmed; gone once imported, cancelled or an hour old.

    In its own row rather than the session: up to 20 MB of bytes do not belong in every
    request's session, and the row goes with its owner when the account is deleted.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports")
    name = models.CharField(max_length=200)
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Import waiting for {self.owner}"
