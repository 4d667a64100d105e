"""Installing Selfcare on a phone: the web app manifest, the service worker and its offline page.

All three are public and hold nothing of a person's, so they may be cached; the worker
itself never keeps a person's pages (static/js/sw.js).
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from ..helplines import DIRECTORY_NAME, DIRECTORY_URL, EUROPEAN_UNION, HELPLINES, UNITED_STATES

LIGHT_BACKGROUND = "#f6f4ef"
# What the worker keeps for a visit without a connection: the look of the app and the offline page.
PRECACHED_STATIC = [
    "css/app.css",
    "js/app.js",
    "js/taps.js",
    "django_htmx/htmx-2.min.js",
    "favicon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/icon-maskable-512.png",
    "icons/apple-touch-icon.png",
]


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest, rendered so that icons point at their hashed, long-cached files."""
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {"src": static("icons/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
    ]
    shortcuts = [
        {"name": name, "url": reverse(route), "icons": icons[:1]}
        for name, route in [("Today", "today"), ("Week", "week"), ("Journal", "journal")]
    ]
    data = {
        "name": "Selfcare",
        "short_name": "Selfcare",
        "description": "A calm companion for small self-care habits.",
        "id": reverse("today"),
        "start_url": reverse("today"),
        "scope": "/",
        "display": "standalone",
        # The manifest takes one colour each; the dark theme's colour comes from the pages' theme-color metas.
        "theme_color": LIGHT_BACKGROUND,
        "background_color": LIGHT_BACKGROUND,
        "icons": icons,
        "shortcuts": shortcuts,
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


def offline_context() -> dict:
    """General crisis lines (no database, no person): help stays one tap away without a connection."""
    return {
        "helplines": [UNITED_STATES, HELPLINES["GB"], EUROPEAN_UNION],
        "directory_url": DIRECTORY_URL,
        "directory_name": DIRECTORY_NAME,
    }


@login_not_required
@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    response = render(request, "routines/offline.html", offline_context())
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


def worker_source() -> str:
    """The worker with its precache list and a version that changes whenever any of them does.

    Hashed static names change with their contents, so the version follows the static files.
    """
    urls = [static(path) for path in PRECACHED_STATIC] + [reverse("offline")]
    source = (settings.BASE_DIR / "static" / "js" / "sw.js").read_text()
    offline_page = render_to_string("routines/offline.html", offline_context())
    version = hashlib.sha256("\n".join([source, offline_page, *urls]).encode()).hexdigest()[:16]
    settings_line = json.dumps({"version": version, "precache": urls, "taps": static("js/taps.js")})
    return f"const SETTINGS = {settings_line};\n{source}"


cached_worker_source = cache(worker_source)


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root so that it controls every page; browsers check for a new one on each visit."""
    source = worker_source() if settings.DEBUG else cached_worker_source()
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, no_cache=True)
    return response
