from datetime import date
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRefresh, trigger_client_event

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

    A history restore (back button with htmx's cache off) needs the whole page; only a
    GET can be one (a POST claiming to be gets its partial, as its context is for that).
    `Vary: HX-Request` keeps browsers and proxies from serving one for the other.
    """
    if request.htmx and not (request.method == "GET" and request.htmx.history_restore_request):
        template = f"{template}#{partial}"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def nudges_may_have_changed(response: HttpResponse, habit: Habit, day: date, today: date) -> HttpResponse:
    """Tell the page's nudge area to look again when today's state of a habit with reminders changed.

    Its card goes at once when the habit is done (or comes back when undone), without
    waiting for the next poll; the answer itself costs no extra query. The area asks once the
    answer has settled in the page: sending that request first held the answer back, a tap's
    confirmation, by some 10 ms on a slow phone.
    """
    if habit.reminders and day == today:
        trigger_client_event(response, "nudges-changed", after="settle")
    return response


def local_url(request: HttpRequest, url: str | None) -> str | None:
    """`url` as a path on this site ("/week/?day=…"), or None.

    A form's `next`, a Referer or HX-Current-URL can hold any text: another site,
    a word that `redirect()` would take for a view name, or no URL at all.
    """
    if not url or not url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return None  # it also answers False for what urlsplit cannot parse
    parts = urlsplit(url)
    local = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    # The path alone must be ours too: "http://us//elsewhere" leaves "//elsewhere", another site.
    if not parts.path.startswith("/") or not url_has_allowed_host_and_scheme(local, {request.get_host()}, request.is_secure()):
        return None
    return local


def page_to_return_to(request: HttpRequest) -> str | None:
    """The page the person was looking at, if it is ours: htmx says which; a plain form has its Referer."""
    return local_url(request, request.htmx.current_url if request.htmx else request.META.get("HTTP_REFERER"))


def archived_answer(request: HttpRequest, form: Form, back: str) -> HttpResponse:
    """Archived elsewhere while this page was open: nothing was written; the page is refreshed with the form's note.

    The event names the refusal for a tap sent later from the phone's queue (static/js/taps.js),
    which reads answers itself and must tell it from a refresh for a stale form token.
    """
    messages.info(request, form.errors["day"][0])
    if request.htmx:
        return trigger_client_event(HttpResponseClientRefresh(), "habit-archived")
    return HttpResponseRedirect(back)
