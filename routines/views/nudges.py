"""Nudges: a small area on every app page, asked for by htmx on load, every minute and on return."""

from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from ..agenda import day_agenda, habit_day, progress
from ..days import user_today
from ..models import DayRecord, Habit, NudgeState, User
from ..nudges import SNOOZE, NudgeList, due_nudges
from ..records import set_status
from .common import get_habit, render_page

TEMPLATE = "routines/nudges.html"


def current_nudges(user: User) -> NudgeList:
    day = user_today(user)
    states = {state.habit_id: state for state in NudgeState.objects.filter(habit__owner=user, day=day)}
    return due_nudges(user, timezone.now(), day, day_agenda(user, day).due, states)


@login_required
@require_GET
def nudges(request: HttpRequest) -> HttpResponse:
    """The cards due now. An htmx poll that already shows the same cards gets 204 (nothing to swap)."""
    listing = current_nudges(request.user)
    if request.htmx and request.GET.get("shown") == listing.fingerprint:
        return HttpResponse(status=204)
    return render_page(request, TEMPLATE, {"nudges": listing}, "nudge-list")


def answer(request: HttpRequest, habit: Habit | None = None) -> HttpResponse:
    """The fresh cards for htmx (and, after Done on Today, its row and progress); else back to the page."""
    if not request.htmx:
        back = request.META.get("HTTP_REFERER", "")
        ours = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
        return redirect(back if ours else reverse("today"))
    response = render_page(request, TEMPLATE, {"nudges": current_nudges(request.user)}, "nudge-list")
    if habit and on_today(request):
        day = user_today(request.user)
        context = {"row": habit_day(habit, day, request.user.week_start), "progress": progress(day_agenda(request.user, day).due), "oob": True}
        response.content += render_to_string("routines/today.html#row-oob", context, request=request).encode()
    return response


def on_today(request: HttpRequest) -> bool:
    # Only Today has the row and progress to update; other pages must get no out-of-band target they lack.
    return bool(request.htmx.current_url) and urlsplit(request.htmx.current_url).path == reverse("today")


@login_required
@require_POST
def nudge_done(request: HttpRequest, pk: int) -> HttpResponse:
    habit = get_habit(request, pk)
    set_status(habit, user_today(request.user), DayRecord.Status.DONE)
    return answer(request, habit)


@login_required
@require_POST
def nudge_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    habit = get_habit(request, pk)
    NudgeState.objects.update_or_create(
        habit=habit, day=user_today(request.user), defaults={"snoozed_until": timezone.now() + SNOOZE}
    )
    return answer(request)


@login_required
@require_POST
def nudge_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Not today: the habit's nudges rest until the person's next day."""
    habit = get_habit(request, pk)
    NudgeState.objects.update_or_create(habit=habit, day=user_today(request.user), defaults={"dismissed": True})
    return answer(request)
