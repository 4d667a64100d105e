"""Forget uploads nobody confirmed within an hour (each new upload does this too)."""

from django.core.management.base import BaseCommand

from routines.importing.pending import clean_up


class Command(BaseCommand):
    help = "Delete import uploads waiting for more than an hour."

    def handle(self, **options) -> None:
        self.stdout.write(f"Removed {clean_up()} waiting import(s).")
