"""The app's own settings, with the benchmark's two baseline views added (benchmarks/urls.py).

Only `make bench` uses this module (DJANGO_SETTINGS_MODULE=benchmarks.settings): production
has no extra routes.
"""

from selfcare.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
