"""Import a file into an account from the command line, for files too big to be comfortable in a browser."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from routines.importing import apply
from routines.importing.detect import read_upload
from routines.importing.plan import UnreadableFile
from routines.models import User


class Command(BaseCommand):
    help = "Import FILE into USERNAME's account; habits matching existing names are new unless --merge."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("file")
        parser.add_argument("--merge", action="store_true", help="Add a habit's days to the existing habit of the same name.")

    def handle(self, username: str, file: str, merge: bool, **options) -> None:
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None
        try:
            plan = read_upload(Path(file).name, Path(file).read_bytes())
            shown = apply.preview(user, plan)
            chosen = {row.index for row in shown.matched} if merge else set()
            done = apply.apply(user, plan, chosen, progress=lambda line: self.stdout.write(f"\r{line}", ending=""))
        except (UnreadableFile, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write("")
        self.stdout.write(f"Imported from {plan.source}: {done.new_habits} new habits, {done.merged_habits} merged, "
                          f"{done.records} records, {done.entries} journal days.")  # fmt: skip
        for note in done.notes:
            self.stdout.write(note)
