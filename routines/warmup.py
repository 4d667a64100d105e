"""What a worker would otherwise do on its first requests, done once, before gunicorn forks it.

gunicorn imports the app in its master process (`preload_app`) and forks every worker from
it: at start, and again each time a worker is replaced after `max_requests`. Django imports
the views (through the URLconf), compiles each template and loads the translations only
when a request first needs them, so each new worker spent some 200 ms on its first answers
(Today's first answers from just-started workers, 4 at once: 198–294 ms; 55–91 ms with this;
about 11 ms once warm). Whoever sent them waited for it, after every deploy and every
replacement. Done in the master (gunicorn.conf.py's `when_ready`), the workers inherit it all.
Not on `manage.py runserver`: a template being edited may not compile yet.

Nothing here touches the database: a connection opened before the fork would be shared by
every worker.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db import connections
from django.template import engines
from django.urls import get_resolver, reverse
from django.utils.formats import get_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext


def warm_up() -> None:
    get_resolver().url_patterns  # imports every view, and the forms and modules they use
    reverse("today")  # builds the resolver's reverse lookup tables
    engine = engines["django"]
    for directory in engine.dirs:  # the app's own pages (the admin's stay lazy: rarely opened)
        for path in sorted(Path(directory).rglob("*.html")):
            engine.get_template(path.relative_to(directory).as_posix())
    engine.engine.template_context_processors  # imported on the first render with a request
    str(AuthenticationForm())  # the form renderer's own templates (a field, its label)
    gettext("Monday")  # the translation catalogues: every date written in words needs them
    get_format("DATE_FORMAT")  # and the language's formats
    import_string(settings.MESSAGE_STORAGE)  # what the middleware and the first query would import
    import_string(settings.SESSION_SERIALIZER)
    for connection in connections.all():  # the wrappers only: nothing connects
        connection.ops.compiler("SQLCompiler")
