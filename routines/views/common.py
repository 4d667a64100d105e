from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django_htmx.http import trigger_client_event

from ..models import Habit


def get_habit(request: HttpRequest, pk: int) -> Habit:
    """The habit, if it belongs to the person asking; anyone else's is a 404.

    Its pauses come along, so schedule checks never query once per day.
    """
    return get_object_or_404(Habit.objects.prefetch_related("pauses"), pk=pk, owner=request.user)


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], partial: str, status: int = 200
) -> HttpResponse:
    """Render the whole page, or only its named partial for an htmx request.

    A history restore (back button with htmx's cache off) needs the whole page.
    `Vary: HX-Request` keeps browsers and proxies from serving one for the other.
    """
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def nudges_may_have_changed(response: HttpResponse, habit: Habit, day: date, today: date) -> HttpResponse:
    """Tell the page's nudge area to look again when today's state of a habit with reminders changed.

    Its card goes at once when the habit is done (or comes back when undone), without
    waiting for the next poll; the answer itself costs no extra query.
    """
    if habit.reminders and day == today:
        trigger_client_event(response, "nudges-changed")
    return response
