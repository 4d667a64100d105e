from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

LOGGED_OUT_NOT_SAVED = "You were logged out, so that last change wasn't saved. Please log in and try it again."


class LoginRedirectMiddleware:
    """Send people whose session ended to the login page, and afterwards back to their page.

    Without this, htmx would follow the login redirect and swap the login form into a
    row, and after a plain POST the login's `next` would be a URL that only takes POST.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        login_url = resolve_url(settings.LOGIN_URL)
        if (
            request.user.is_authenticated
            or response.status_code != 302
            or not response["Location"].startswith(login_url)
            or (request.method == "GET" and not request.htmx)
        ):
            return response
        if request.method == "POST":
            messages.info(request, LOGGED_OUT_NOT_SAVED)
        login = f"{login_url}?{urlencode({'next': page_to_return_to(request)})}"
        return HttpResponseClientRedirect(login) if request.htmx else redirect(login)


def page_to_return_to(request: HttpRequest) -> str:
    """The page the person was looking at (htmx tells; a plain form has its Referer), if it is ours."""
    candidate = request.htmx.current_url if request.htmx else request.META.get("HTTP_REFERER")
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        parts = urlsplit(candidate)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return resolve_url(settings.LOGIN_REDIRECT_URL)
