"""Notifications on this device (Settings), and the buttons on a notification itself."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import push
from ..agenda import day_agenda
from ..days import user_today
from ..forms import PushSubscriptionForm
from ..models import PushSubscription, User
from ..nudges import mark_done
from .common import get_habit, render_page

SECTION = "routines/settings.html"


def push_context(user: User, **extra: object) -> dict:
    """What the Settings page's notifications section shows."""
    enabled = push.enabled()
    return {
        "push_enabled": enabled,
        "push_key": push.public_key() if enabled else "",
        "devices": user.push_subscriptions.all(),
        **extra,
    }


def section(request: HttpRequest, status: int = 200, **extra: object) -> HttpResponse:
    """The section again for htmx; back to it on the Settings page for a plain form."""
    if not request.htmx and status == 200:
        return redirect(f"{reverse('settings')}#notifications")
    return render_page(request, SECTION, push_context(request.user, **extra), "notifications", status=status)


def get_device(request: HttpRequest, pk: int) -> PushSubscription:
    return get_object_or_404(PushSubscription, pk=pk, owner=request.user)


@login_required
@require_POST
def push_subscribe(request: HttpRequest) -> HttpResponse:
    """Keep this browser's subscription (static/js/push.js sends it after the person said yes)."""
    form = PushSubscriptionForm(request.POST)
    if not push.enabled() or not form.is_valid():
        problem = next(iter(form.errors.values()), ["Notifications aren't set up on this Selfcare server."])[0]
        return section(request, status=400, push_problem=problem)
    data = form.cleaned_data
    push.subscribe(request.user, data["endpoint"], data["p256dh"], data["auth"], request.headers.get("User-Agent", ""))
    return section(request, push_note="Notifications are on for this device.")


@login_required
@require_POST
def push_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop notifications to one device (it may be this one, another, or one long gone)."""
    get_device(request, pk).delete()
    return section(request, push_note="That device won't get notifications any more.")


@login_required
@require_POST
def push_test(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_device(request, pk)
    status = push.send_test(device)
    if status == "sent":
        note = "A test notification is on its way. If it doesn't appear, check that notifications are allowed for this browser."
    elif status == "gone":
        note = "That device no longer takes notifications, so it was removed. Turn them on again there if you like."
    else:
        note = "The test couldn't be sent just now. Please try again in a little while."
    return section(request, push_note=note)


# A service worker has no CSRF token to send: the signed token in the notification, bound to
# this person, the habit, the day and the action and good for about a day, stands in for it.
@csrf_exempt
@login_required
@require_POST
def push_action(request: HttpRequest) -> HttpResponse:
    """Done or Snooze, pressed on a notification (static/js/sw.js). 204 when handled; the
    worker opens the app instead on any other answer (logged out, an old or altered token)."""
    action = request.POST.get("action", "")
    found = push.read_action_token(request.POST.get("token", ""), request.user, action)
    if found is None:
        return HttpResponse("This button has expired. Please open Selfcare instead.", status=403, content_type="text/plain")
    habit_id, day = found
    habit = get_habit(request, habit_id)
    if day == user_today(request.user):  # a notification from a day that has passed changes nothing
        if action == "done":
            mark_done(habit, day, day_agenda(request.user, day))
        else:
            push.snooze(habit, day)
    return HttpResponse(status=204)
