"""Reminders in the phone's own calendar: a private feed, and the link that reaches it."""

import secrets

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..calendar_feed import reminder_calendar
from ..days import user_today
from ..models import User


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no login (calendar apps cannot log in), just an unguessable token.
    A wrong or reset token is a 404."""
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    habits = list(user.habits.filter(archived=False).prefetch_related("pauses"))
    response = HttpResponse(reminder_calendar(user, habits, user_today(user)).to_ical(), content_type="text/calendar; charset=utf-8")
    if "download" in request.GET:
        response["Content-Disposition"] = 'attachment; filename="selfcare-reminders.ics"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def calendar_link(request: HttpRequest) -> HttpResponse:
    """Make the private link, or replace it: the old one stops working at once."""
    request.user.calendar_token = secrets.token_urlsafe(32)
    request.user.save(update_fields=["calendar_token"])
    return redirect(f"{reverse('settings')}#calendar")


def feed_urls(request: HttpRequest, user: User) -> dict[str, str]:
    if not user.calendar_token:
        return {}
    https = request.build_absolute_uri(reverse("calendar_feed", args=[user.calendar_token]))
    return {"url": https, "webcal": "webcal://" + https.split("://", 1)[1], "download": f"{https}?download=1"}
