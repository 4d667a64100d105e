from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from routines.backups import BackupError, backup, restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by `manage.py backup`."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="a backups/selfcare-....sqlite3 or .pgdump file")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            # What is there now is kept first: a restore of the wrong file can itself be undone.
            before = backup(file.parent, label="before-restore")
            self.stdout.write(f"The data as it was is kept in {before}")
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {file}")
