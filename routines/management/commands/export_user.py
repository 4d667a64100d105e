"""Write one person's data export (the same ZIP as Settings → Download my data) to a file."""

from django.core.management.base import BaseCommand, CommandError

from routines.exporting import export_zip
from routines.models import User


class Command(BaseCommand):
    help = "Write USERNAME's data export ZIP to PATH."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("path")

    def handle(self, username: str, path: str, **options) -> None:
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None
        with open(path, "wb") as out:
            for chunk in export_zip(user):
                out.write(chunk)
        self.stdout.write(f"Wrote {path}")
