import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")

application = get_wsgi_application()

# gunicorn forks its workers from the process that imported this (preload_app): they start
# with the views imported and the templates compiled, not on someone's first request.
from routines.warmup import warm_up  # noqa: E402 (needs the settings above)

warm_up()
