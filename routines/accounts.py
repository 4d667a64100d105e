"""Leaving Selfcare: everything of a person goes, in one transaction."""

from django.db import transaction

from .models import User


def delete_account(user: User) -> None:
    """Delete the person and every row of theirs.

    Every table holding a person's data points at them (or at their habits) with
    ON DELETE CASCADE, so one delete reaches habits, records, pauses, nudges, rest days,
    journal, support list and waiting imports; tests/test_accounts.py checks no row is left.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).delete()
