from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect, resolve_url
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect

from .accounts import extend_session, session_needs_extending
from .views.common import page_to_return_to

NBSP = "\xa0"
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
        back = page_to_return_to(request) or resolve_url(settings.LOGIN_REDIRECT_URL)
        login = f"{login_url}?{urlencode({'next': back})}"
        return HttpResponseClientRedirect(login) if request.htmx else redirect(login)


class PrivateCacheMiddleware:
    """Everything a logged-in person is sent stays out of shared caches and off the device's disk.

    Notes and feelings must not linger in a shared phone's browser cache. A view that
    sets its own Cache-Control (the calendar feed) keeps it; WhiteNoise answers static
    files before this runs, so they keep their year-long cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response


class ClearCacheOnLogoutMiddleware:
    """The answer to logging out (or leaving) tells the browser to empty its caches.

    Clear-Site-Data "cache" drops the HTTP cache; the service worker's caches are emptied
    by the logged-out landing page (static/js/app.js), as not every browser clears them here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "logged_out", False):
            response["Clear-Site-Data"] = '"cache"'
        return response


class PermissionsPolicyMiddleware:
    """Turn off browser features the app never uses (settings.PERMISSIONS_POLICY).

    One fixed header needs no library: django-permissions-policy would add a dependency for it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class IdleSessionMiddleware:
    """A session ends after SESSION_COOKIE_AGE without a visit, not that long after logging in.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) would do the same
    with one UPDATE per page; moving the end on only once less than half of the time is
    left costs one write every couple of weeks for someone who comes daily.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and session_needs_extending(request.session):
            extend_session(request.session)
        return response


class FragmentHeadersMiddleware:
    """An htmx answer goes without the headers only a document uses, and without the CSRF cookie it already has.

    htmx swaps its answer into a page that came with its own policies (CSP, Permissions-Policy,
    framing, opener), and those govern whatever is swapped in: on a fragment they would only be
    bytes, and on a weak phone's link every byte of the answer to a tap is waited for (a
    check-off's headers were larger than its row). Django sends the CSRF cookie again whenever
    a token is used, to renew its year; the page it came with renewed it, so an htmx answer
    sends it only when it changed. Outside every middleware that adds these headers.
    """

    DOCUMENT_ONLY = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true":  # as django-htmx reads it; set before that middleware ran
            return response
        for header in self.DOCUMENT_ONLY:
            del response[header]
        name = settings.CSRF_COOKIE_NAME
        if name in response.cookies and response.cookies[name].value == request.COOKIES.get(name):
            del response.cookies[name]
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is over the limit before anything reads it (413).

    The announced Content-Length decides, so a huge body is never read into memory or a
    temporary file. settings.MAX_REQUEST_BYTES holds for every route, apart from the
    routes named in settings.UPLOAD_ROUTES (URL name: bytes), which take a file that big.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it: no body
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            limit = max(limit, self.upload_limit(request.path_info))
        if length > limit:
            return HttpResponse(
                f"That was more than can be sent at once (up to {filesizeformat(limit).replace(NBSP, ' ')}), so nothing was saved. "
                "Please go back and try something smaller.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def upload_limit(path: str) -> int:
        if not settings.UPLOAD_ROUTES:
            return 0
        try:
            name = resolve(path).url_name
        except Resolver404:
            return 0
        return settings.UPLOAD_ROUTES.get(name, 0)



class CompressionMiddleware(GZipMiddleware):
    """Pages and htmx answers sent gzipped (Today: 17.8 KB down to about 4 KB), but never an answer
    to a request with a query string.

    BREACH reads a secret out of compressed answers by making the victim's browser ask, many
    times, for a page that reflects the attacker's guess next to the secret. Here the secrets
    an answer can carry are the CSRF token (masked afresh in every answer by Django, so there is
    nothing stable to guess), the private calendar address and what the person wrote. Words can
    only be reflected from a query string (a Journal search, a login's `next`): a POST that
    reflects its form needs the CSRF token first, and the session cookie (SameSite=Lax) is not
    sent with another site's subresource requests. So an answer to a URL with a query string is
    sent uncompressed; everything else is compressed, with Django's random padding (Heal The
    Breach) on top. Static files are compressed ahead of time by WhiteNoise.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.META.get("QUERY_STRING"):
            return response
        return super().process_response(request, response)
