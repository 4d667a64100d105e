"""Make a VAPID key pair for Web Push: the lines to put into the server's environment."""

from django.core.management.base import BaseCommand

from routines import push
from selfcare.settings import raw_vapid_key


class Command(BaseCommand):
    help = "Print a new VAPID_PRIVATE_KEY (and the public key browsers will get) for Web Push notifications."

    def handle(self, **options) -> None:
        private = raw_vapid_key()
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"# public key (derived by the app; shown for reference): {push.public_key_of(private)}")
        self.stdout.write("VAPID_SUBJECT=mailto:you@your-domain.example")
        self.stderr.write(
            "Keep the private key secret and keep it: a new one means everyone turns notifications on again."
        )
