"""Accounts: how long a login lasts, ending it on every other device, and leaving Selfcare.

A login ends after SESSION_COOKIE_AGE without a visit (an idle timeout), and a person can
end every other login at once (a lost phone, a shared computer) while staying logged in here.
Leaving deletes everything of a person in one transaction.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from .models import User


def password_confirmed(request: HttpRequest, user: User, password: str) -> bool:
    """Is this the person's own password (asked before changing it or deleting the account)?

    Asked through authenticate() rather than check_password(), so django-axes counts a wrong
    one as it does at login: whoever holds an unlocked phone can't guess at the password.
    """
    return authenticate(request, username=user.get_username(), password=password) == user


def extend_session(session: SessionBase) -> None:
    """End the session SESSION_COOKIE_AGE from now.

    The end is stored in the session itself, so it is known on the next visit without
    saving the session on every request (which would be a write per page).
    """
    session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))


def session_needs_extending(session: SessionBase) -> bool:
    """Less than half the idle time is left (or the session predates stored end dates)."""
    return "_session_expiry" not in session or session.get_expiry_age() < settings.SESSION_COOKIE_AGE / 2


def start_idle_clock(sender: type, request: HttpRequest, user: User, **kwargs) -> None:
    """On logging in (a user_logged_in receiver): the session's end, from now."""
    extend_session(request.session)


def mark_logged_out(sender: type, request: HttpRequest | None, user: User | None, **kwargs) -> None:
    """On logging out (a user_logged_out receiver): the answer asks the browser to drop its caches.

    See ClearCacheOnLogoutMiddleware: logging out and leaving both log out through Django's logout().
    """
    if request is not None:
        request.logged_out = True


def log_out_other_devices(request: HttpRequest) -> None:
    """End every session of this person except this one.

    Each session keeps a hash of the user's password and session_version
    (User._get_session_auth_hash); a new version makes every stored hash wrong, so
    the next request of any other session finds itself logged out. This session
    gets the new hash and goes on. The increment runs in the database, so two
    presses at once both count.
    """
    user = request.user
    User.objects.filter(pk=user.pk).update(session_version=F("session_version") + 1)
    user.refresh_from_db(fields=["session_version"])
    update_session_auth_hash(request, user)


def delete_account(user: User) -> None:
    """Delete the person and every row of theirs.

    Every table holding a person's data points at them (or at their habits) with
    ON DELETE CASCADE, so one delete reaches habits, records, pauses, nudges, rest days,
    journal, support list and waiting imports; tests/test_views_data.py checks no row is left.
    The login throttle's failed tries are kept by name, not by link, so they go by name.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).delete()
        AccessAttempt.objects.filter(username=user.username).delete()
        AccessFailureLog.objects.filter(username=user.username).delete()
