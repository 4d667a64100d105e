"""Send the nudges due now as Web Push notifications. Meant to run every minute (README: cron, systemd)."""

import logging

from django.core.management.base import BaseCommand

from routines import push

logger = logging.getLogger("routines.push")


class Command(BaseCommand):
    help = "Push the reminders that came due to people's devices (run every minute)."

    def handle(self, **options) -> None:
        if not push.enabled():
            self.stderr.write("Web Push is off: set VAPID_PRIVATE_KEY (manage.py generate_vapid_keys makes one).")
            return
        counts = push.send_due_pushes()
        # Counts only: who and which habit never reach a log.
        line = ", ".join(f"{name} {counts[name]}" for name in ("people", "reminders", "sent", "not_sent", "gone"))
        logger.info("Push run: %s.", line)
        if options["verbosity"] > 1:
            self.stdout.write(line)
