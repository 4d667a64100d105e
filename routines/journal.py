"""The daily check-in: a mood, feeling words and a few lines, one entry per person and day.

Writes live here (as day records' writes live in records.py); what the page offers
(feeling words, prompts) is here too, so the form and the views share one vocabulary.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction

from .models import JournalEntry, Mood, User

TEXT_LIMIT = 10_000
FEELING_LIMIT = 30  # characters in one feeling word
FEELINGS_PER_ENTRY = 12

FEELINGS = ("calm", "numb", "anxious", "sad", "hopeful", "grateful", "angry", "tired", "content", "lonely")

# Faces sit beside the words, never instead of them (screen readers hide them).
MOOD_FACES = {Mood.VERY_LOW: "😞", Mood.LOW: "😔", Mood.OKAY: "😐", Mood.GOOD: "😌", Mood.VERY_GOOD: "😊"}

# In the article's spirit: notice, name and allow what is there, without judging it.
PROMPTS = (
    "How do I feel about this?",
    "What happened today that I want to remember?",
    "What is one feeling that came up today, and what might it be telling me?",
    "What did I do for myself today, however small?",
    "What felt heavy today, and what felt a little lighter?",
    "Who or what am I grateful for right now?",
    "What do I need more of tomorrow?",
    "What would I say to a friend who had my day?",
    "When did I feel most like myself today?",
    "What is something I used to enjoy that I could try again?",
)

SAVED_FIELDS = ("mood", "feelings", "prompt", "text")


def prompt_for(day: date, turn: int = 0) -> str:
    """The day's prompt; "another one" asks for the next turn.

    The first ever day starts at "How do I feel about this?" and each day moves one on,
    so the same day always shows the same prompt on every device.
    """
    return PROMPTS[(day.toordinal() + turn) % len(PROMPTS)]


def clean_feeling(word: str) -> str:
    return " ".join(word.split()).lower()


def feelings_offered(owner: User) -> list[str]:
    """The usual words, then the person's own ones (kept on their row: no query)."""
    return [*FEELINGS, *(word for word in owner.feeling_words if word not in FEELINGS)]


def save_entry(owner: User, day: date, changes: dict, fields: Iterable[str] = SAVED_FIELDS) -> None:
    """Store the check-in for `day`, writing only `fields`, so a mood tapped on Today never
    overwrites words written for the same day from another device.

    One INSERT ... ON CONFLICT on (owner, day): a double tap or two devices end with one entry.
    """
    fields = [name for name in SAVED_FIELDS if name in set(fields)]
    entry = JournalEntry(owner=owner, day=day, **{name: changes[name] for name in fields})
    with transaction.atomic():
        JournalEntry.objects.bulk_create(
            [entry],
            update_conflicts=True,
            unique_fields=["owner", "day"],
            update_fields=[*fields, "updated"] if fields else ["updated"],
        )
        if "feelings" in fields:
            remember_feelings(owner, changes["feelings"])


OWN_WORDS_KEPT = 40


def remember_feelings(owner: User, words: Iterable[str]) -> None:
    """A person's own words come back as choices next time, most recent first (up to 40).

    Read under a row lock, so two check-ins at once never drop each other's words.
    """
    new = [word for word in words if word not in FEELINGS]
    if not new:
        return
    with transaction.atomic():
        locked = User.objects.select_for_update().only("feeling_words").get(pk=owner.pk)
        kept = list(dict.fromkeys([*new, *locked.feeling_words]))[:OWN_WORDS_KEPT]
        if kept != locked.feeling_words:
            locked.feeling_words = kept
            locked.save(update_fields=["feeling_words"])
    owner.feeling_words = kept


SAFEGUARD_REST = timedelta(days=7)


def put_safeguard_away(owner: User, today: date) -> None:
    """For a week; if things still feel heavy then, the card comes back."""
    owner.safeguard_hidden_until = today + SAFEGUARD_REST
    owner.save(update_fields=["safeguard_hidden_until"])


def dismiss_review(owner: User, week_start: date) -> None:
    """The look back at last week is put away until next week's."""
    owner.review_dismissed_week = week_start
    owner.save(update_fields=["review_dismissed_week"])
