"""Writing "My support": the people to reach out to and the short lists kept for a hard day.

Each list stays short on purpose (a hard day is no time to scroll), and keeps the order
things were added in. Every write is scoped to its owner by the views' fetch helpers.
"""

from django.db import transaction
from django.db.models import Max

from .models import SupportContact, SupportItem, User

# A few people and a few lines each: enough to act on, short enough to read when tired.
LIMIT = 8

Entry = SupportContact | SupportItem


class ListFull(Exception):
    """The list already holds LIMIT entries."""


def _siblings(entry: Entry):
    if isinstance(entry, SupportContact):
        return SupportContact.objects.filter(owner_id=entry.owner_id)
    return SupportItem.objects.filter(owner_id=entry.owner_id, kind=entry.kind)


def add(entry: Entry) -> Entry:
    """Save a new contact or line at the end of its list.

    The owner's row is locked first, so two taps on "Add" (or two devices) cannot both
    take the last free place, nor the same position.
    """
    with transaction.atomic():
        User.objects.select_for_update().only("pk").get(pk=entry.owner_id)
        siblings = _siblings(entry)
        if siblings.count() >= LIMIT:
            raise ListFull
        last = siblings.aggregate(last=Max("position"))["last"]
        entry.position = 0 if last is None else last + 1
        entry.save()
    return entry


def change(entry: Entry, fields: list[str]) -> Entry:
    """Save only the fields the form edits, so nothing written meanwhile (its place in the list) is overwritten."""
    entry.save(update_fields=fields)
    return entry


def remove(entry: Entry) -> None:
    """Delete it; the rest keep their order (gaps in positions are harmless)."""
    entry.delete()
