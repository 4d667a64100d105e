from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRefresh

from ..helplines import DIRECTORY_NAME, DIRECTORY_URL
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


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered with no request context: it must work with the database down.

    Get help itself may be what failed, so the page names the helplines' directory too.
    """
    context = {"directory_url": DIRECTORY_URL, "directory_name": DIRECTORY_NAME}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
