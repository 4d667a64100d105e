from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from routines.backups import KEY_WARNING, BackupError, backup


class Command(BaseCommand):
    help = "Write a dated copy of the database into backups/ (or --output DIR)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / "backups", help="folder for the backup")

    def handle(self, *args, output: Path, **options) -> None:
        try:
            path = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path}")
        self.stdout.write(KEY_WARNING)
