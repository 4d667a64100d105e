"""Re-encrypt every note, check-in text and feeling list under the first of ENCRYPTION_KEYS.

To change keys: put the new key first in ENCRYPTION_KEYS, keep the old one after it, run
this command, then drop the old key. Rows are read (any listed key decrypts) and written
back in batches, each in its own transaction under row locks, so a person writing at the
same moment loses nothing and an interrupted run can simply be run again.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from routines.models import DayRecord, JournalEntry

BATCH = 500
ENCRYPTED = {DayRecord: ["note"], JournalEntry: ["text", "feelings"]}


class Command(BaseCommand):
    help = "Re-encrypt private text under the first key in ENCRYPTION_KEYS (after adding a new key)."

    def handle(self, *args, **options) -> None:
        for model, fields in ENCRYPTED.items():
            count = rotate(model, fields)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {count} re-encrypted")


def rotate(model, fields: list[str]) -> int:
    last, count = 0, 0
    while True:
        with transaction.atomic():
            rows = list(model.objects.select_for_update().filter(pk__gt=last).order_by("pk").only("pk", *fields)[:BATCH])
            if not rows:
                return count
            # bulk_update writes only these fields: `updated` keeps the time the person last wrote.
            model.objects.bulk_update(rows, fields)
        last, count = rows[-1].pk, count + len(rows)
