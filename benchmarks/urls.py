"""Selfcare's URLs plus two baselines that every figure of `make bench` is compared with.

- /bench/bare/: a logged-in page rendering a tiny template that extends nothing: what the
  session, the user and the middleware cost, with no query or template of the app's own;
- /bench/minimal/: plain text, no login: the same middleware and nothing else.
"""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.http import require_GET

from selfcare.urls import handler500, urlpatterns as app_urlpatterns

BARE = engines["django"].from_string("<!doctype html><title>Bare</title><p>Hello {{ user.get_username }}</p>\n")


@login_required
@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE.render({"user": request.user}, request))


@login_not_required
@require_GET
def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), path("bench/minimal/", minimal, name="bench_minimal"), *app_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
