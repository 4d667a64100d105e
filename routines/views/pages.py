from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRefresh

from .support import help_page


@login_not_required
@require_GET
def get_help(request: HttpRequest) -> HttpResponse:
    return help_page(request)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form from a page open a long time (or from before logging in again) is refused calmly.

    htmx gets the page reloaded, with fresh forms and a note to try again.
    """
    message = "This page had been open a while, so that change wasn't saved. Please try it again."
    if request.htmx:
        messages.info(request, message)
        return HttpResponseClientRefresh()
    return render(request, "routines/stale_form.html", {"message": message}, status=403)
