"""Slowing down guessing: the client's address behind a trusted proxy, and the password-reset limit.

Logins are throttled by django-axes (settings: five failures for one username, then fifteen
minutes); this module gives axes the client's address and limits password-reset emails.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

RESETS_PER_EMAIL = 5  # an hour
# More per address: a household or a school shares one behind its router.
RESETS_PER_IP = 20
RESET_WINDOW = 60 * 60  # seconds


def client_ip(request: HttpRequest) -> str:
    """The address the request came from.

    X-Forwarded-For is written by whoever sent the request, so it is believed only when
    TRUSTED_PROXY_COUNT says that many proxies of ours stand in front: each appends the
    address it received from, so the client is that many entries from the right.
    Anything shorter than that was not written by our proxies: the direct address it is.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def _counted(kind: str, value: str) -> int:
    """Count one more request for `value` in its hour (a fixed window from the first one).

    The key is a hash: addresses and emails never sit in the cache in the clear.
    """
    key = f"throttle:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, RESET_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new hour
        cache.add(key, 1, RESET_WINDOW)
        return 1


def reset_email_allowed(email: str, ip: str) -> bool:
    """At most five reset emails an hour to one email address, and twenty asked for from one IP.

    Both are counted on every request, so asking for other addresses does not free an IP.
    """
    for_email = _counted("reset-email", email.strip().lower())
    for_ip = _counted("reset-ip", ip)
    return for_email <= RESETS_PER_EMAIL and for_ip <= RESETS_PER_IP
