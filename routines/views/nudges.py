"""Nudges: a small area on every app page, drawn with it, asked for by htmx every minute and on return."""

from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from ..agenda import Agenda, day_agenda, row_and_progress
from ..days import user_today
from ..models import Habit, NudgeState, User
from ..nudges import MAX_CARDS, NudgeList, due_nudges, mark_done, silenced
from ..push import snooze
from ..schedule import week_start_for
from .common import get_habit, page_to_return_to, render_page
from .week import today_cell_update

TEMPLATE = "routines/nudges.html"


def current_nudges(user: User, limit: int | None = MAX_CARDS, agenda: Agenda | None = None) -> NudgeList:
    """The nudges due now, from the day's agenda (which holds the day's nudge states too);
    none without reading the day while reminders are paused or quiet hours last (most night polls)."""
    now = timezone.now()
    if silenced(user, now):
        return NudgeList([], 0)
    day = user_today(user)
    agenda = agenda or day_agenda(user, day, reminders_only=True)
    return due_nudges(user, now, day, agenda.due, agenda.nudge_states, limit)


@login_required
@require_GET
def nudges(request: HttpRequest) -> HttpResponse:
    """The cards due now: at most three in the area on every page, all of them on this page.

    An htmx poll that already shows the same cards gets 204 (nothing to swap).
    """
    listing = current_nudges(request.user, limit=MAX_CARDS if request.htmx else None)
    if request.htmx and request.GET.get("shown") == listing.fingerprint:
        response = HttpResponse(status=204)
        patch_vary_headers(response, ["HX-Request"])
        return response
    return render_page(request, TEMPLATE, {"nudges": listing}, "nudge-list")


def answer(request: HttpRequest, habit: Habit | None = None, agenda: Agenda | None = None) -> HttpResponse:
    """The fresh cards for htmx (and, after Done on Today, its row and progress); else back to the page.

    `agenda` is the day as it stands now, when the caller has it already.
    """
    if not request.htmx:
        return HttpResponseRedirect(page_to_return_to(request) or reverse("today"))
    limit = None if on_page(request, "nudges") else MAX_CARDS
    response = render_page(request, TEMPLATE, {"nudges": current_nudges(request.user, limit, agenda)}, "nudge-list")
    if habit and on_page(request, "today"):
        row, day_progress = row_and_progress(request.user, habit, user_today(request.user), agenda)
        context = {"row": row, "progress": day_progress, "oob": True}
        response.content += render_to_string("routines/today.html#row-oob", context, request=request).encode()
    elif habit and on_this_week(request):
        response.content += today_cell_update(request, habit)
    return response


def on_page(request: HttpRequest, name: str) -> bool:
    """Whether the htmx request comes from that page (Today and Week have cells to update out of band)."""
    page = page_to_return_to(request)
    return page is not None and urlsplit(page).path == reverse(name)


def on_this_week(request: HttpRequest) -> bool:
    """Whether it comes from the Week page showing today (another week has no cell to update)."""
    page = page_to_return_to(request)
    try:
        match = resolve(urlsplit(page).path) if page else None
    except Resolver404:
        return False
    if match is None or match.url_name not in ("week", "week_of"):
        return False
    return "start" not in match.kwargs or match.kwargs["start"] == week_start_for(user_today(request.user), request.user.week_start)


@login_required
@require_POST
def nudge_done(request: HttpRequest, pk: int) -> HttpResponse:
    habit = get_habit(request, pk)
    day = user_today(request.user)
    agenda = day_agenda(request.user, day)
    mark_done(habit, day, agenda)
    return answer(request, habit, agenda)


@login_required
@require_POST
def nudge_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    snooze(get_habit(request, pk), user_today(request.user))
    return answer(request)


@login_required
@require_POST
def nudge_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Not today: the habit's nudges rest until the person's next day."""
    habit = get_habit(request, pk)
    NudgeState.objects.update_or_create(habit=habit, day=user_today(request.user), defaults={"dismissed": True})
    return answer(request)
