"""An uploaded file kept between its preview and the confirmation, for an hour at most."""

from datetime import datetime, timedelta

from django.utils import timezone

from ..crypto import fernet
from ..models import PendingImport, User
from .detect import read_upload
from .plan import ImportPlan

KEPT_FOR = timedelta(hours=1)


def expiry() -> datetime:
    """Uploads made before this moment are forgotten."""
    return timezone.now() - KEPT_FOR


def clean_up() -> int:
    """Forget every upload older than an hour, whoever's; how many went."""
    deleted, _ = PendingImport.objects.filter(created__lt=expiry()).delete()
    return deleted


def keep(owner: User, name: str, data: bytes) -> PendingImport:
    """Keep a file that has been read successfully; the person's earlier waiting upload goes (one at a time).

    Encrypted like notes and the journal: the file holds them too, and may wait in a backup.
    """
    clean_up()
    PendingImport.objects.filter(owner=owner).delete()
    return PendingImport.objects.create(owner=owner, name=name[:200], data=fernet().encrypt(data))


def plan_of(pending: PendingImport) -> ImportPlan:
    return read_upload(pending.name, fernet().decrypt(bytes(pending.data)))
