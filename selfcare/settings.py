"""Settings for Selfcare, read from environment variables with working defaults.

Development needs no configuration at all. Production sets at least
DEBUG=0, SECRET_KEY and ALLOWED_HOSTS (and usually DATABASE_URL).
"""

import os
from collections.abc import Callable
from email.utils import parseaddr
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"



def encryption_keys() -> list[str]:
    """Keys for notes, check-in text and feelings (routines/crypto.py): ENCRYPTION_KEYS, comma-separated,
    the first encrypts and all decrypt. While developing, one is made once in .encryption-key (git-ignored)."""
    keys = env_list("ENCRYPTION_KEYS", "")
    if not keys:
        if not DEBUG:
            raise ImproperlyConfigured(
                "ENCRYPTION_KEYS must be set when DEBUG is off: without it private notes cannot be read or written. "
                'Generate one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" '
                "and keep it safe, apart from the backups."
            )
        keys = [development_key(BASE_DIR / ".encryption-key")]
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured("Each of ENCRYPTION_KEYS must be a Fernet key (32 url-safe base64-encoded bytes).")
    return keys


def development_key(path: Path, make: Callable[[], str] = lambda: Fernet.generate_key().decode()) -> str:
    if not path.exists():
        # Written aside, then linked into place: two processes starting at once agree on one key.
        temporary = path.with_name(f"{path.name}.{os.getpid()}")
        temporary.write_text(make() + "\n")
        temporary.chmod(0o600)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()


ENCRYPTION_KEYS = encryption_keys()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "routines",
]

MIDDLEWARE = [
    # First: a body over the limit is refused before anything reads it.
    "routines.middleware.RequestSizeLimitMiddleware",
    # Outside everything that adds headers: an htmx answer is sent without the document-only ones.
    "routines.middleware.FragmentHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before (outside) everything that writes the answer, after WhiteNoise (static files come compressed).
    "routines.middleware.CompressionMiddleware",
    "csp.middleware.CSPMiddleware",
    "routines.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "routines.middleware.IdleSessionMiddleware",
    # A safety net: a view someone forgets to decorate still requires login.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "routines.middleware.LoginRedirectMiddleware",
    "routines.middleware.PrivateCacheMiddleware",
    "routines.middleware.ClearCacheOnLogoutMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its answer (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
]
CSRF_FAILURE_VIEW = "routines.views.pages.csrf_failure"

ROOT_URLCONF = "selfcare.urls"
WSGI_APPLICATION = "selfcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": [
                "django_htmx.templatetags.django_htmx",
                "template_partials.templatetags.partials",
                "routines.templatetags.cached_urls",
            ],
        },
    }
]

# Lets templates/django/forms/ refine how every form field is laid out (plain inputs drawn without templates: see the module).
FORM_RENDERER = "routines.forms.renderer.Renderer"

SQLITE_PATH = BASE_DIR / "db.sqlite3"
SQLITE_OPTIONS = {
    # WAL lets readers and one writer work at once; IMMEDIATE makes a writing
    # request wait for the lock (up to `timeout` seconds) instead of failing
    # half-way with "database is locked".
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}", conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    # Tests use a file, not memory: an in-memory database is one shared
    # connection and would hide what concurrent requests really do.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # Every request asks the same few queries: prepared once per connection (after 5 uses, psycopg's
    # threshold), PostgreSQL stops planning them again, which cost more than running them (the day's
    # agenda: 0.4 ms of planning, 0.1-0.4 ms of running; the nudge poll 4.3 → 3.2 ms). Prepared
    # statements need server-side binding. A pooler in transaction mode that cannot keep them
    # (PgBouncer before 1.21) wants DATABASE_PREPARED_STATEMENTS=0 (docs/deploy.md).
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5, **DATABASES["default"].get("OPTIONS", {})}

AUTH_USER_MODEL = "routines.User"
# Axes first: it refuses a locked-out name before the password is even checked (the admin's login too).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "landing"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Serve files straight from the source folders while developing (and in tests).
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Request sizes. Every form fits well inside Django's usual 2.5 MB (a journal entry is at most
# 10,000 characters); a request announcing a larger body gets 413 before any of it is read
# (routines.middleware.RequestSizeLimitMiddleware). An uploaded file may be larger, up to
# MAX_UPLOAD_BYTES, only on the routes named in UPLOAD_ROUTES (URL name: bytes): the import.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
MAX_REQUEST_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # 20 MB
# (A little over the file itself: the multipart form around it.)
UPLOAD_ROUTES: dict[str, int] = {"import_upload": MAX_UPLOAD_BYTES + 64 * 1024}

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Selfcare <selfcare@localhost>")


def raw_vapid_key() -> str:
    """A new VAPID private key: the raw 32 bytes, base64url without padding (what VAPID_PRIVATE_KEY holds)."""
    from base64 import urlsafe_b64encode

    from cryptography.hazmat.primitives.asymmetric import ec

    number = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
    return urlsafe_b64encode(number.to_bytes(32, "big")).decode().rstrip("=")


def vapid_subject() -> str:
    """Who the push services may write to about this server's pushes: a mailto: address.

    Apple's push service refuses a localhost address, so one is never sent: production must
    name a real one (VAPID_SUBJECT, or DEFAULT_FROM_EMAIL's address); development uses a
    placeholder on a reserved domain.
    """
    subject = os.environ.get("VAPID_SUBJECT", "") or f"mailto:{parseaddr(DEFAULT_FROM_EMAIL)[1]}"
    domain = subject.rpartition("@")[2].lower()
    if subject.startswith("mailto:") and "@" in subject and domain not in {"localhost", "127.0.0.1", "[::1]"} and "." in domain:
        return subject
    if not DEBUG:
        raise ImproperlyConfigured(
            "VAPID_SUBJECT must be a mailto: address on a real domain (for example mailto:admin@example.org) "
            "when VAPID_PRIVATE_KEY is set: push services write to it, and Apple refuses a localhost one."
        )
    return "mailto:developer@example.com"


# Web Push (routines/push.py): nudges on a phone while Selfcare is closed. Without VAPID_PRIVATE_KEY
# in production they are off (the calendar feed still reminds); while developing, a key is made
# once in .vapid-key (git-ignored). The public key people's browsers need is derived from it.
VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "") or (development_key(BASE_DIR / ".vapid-key", raw_vapid_key) if DEBUG else "")
VAPID_SUBJECT = vapid_subject() if VAPID_PRIVATE_KEY else ""
# The push services browsers subscribe with (a host or its subdomains); the server posts only to these.
PUSH_SERVICE_HOSTS = env_list(
    "PUSH_SERVICE_HOSTS", "fcm.googleapis.com,android.googleapis.com,push.services.mozilla.com,push.apple.com,notify.windows.com"
)

# Sessions end after this many days without a visit (an idle timeout: each visit moves the end on).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_DAYS", "30")) * 24 * 60 * 60
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
# In production the app redirects to HTTPS and sends HSTS itself, unless the proxy in front
# already does both (HTTPS_BY_PROXY=1): then check --deploy is told not to ask for them.
HTTPS_BY_PROXY = env_bool("HTTPS_BY_PROXY", False)
SECURE_SSL_REDIRECT = not DEBUG and not HTTPS_BY_PROXY
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only a flag in the header: joining the browsers' preload list still takes the domain owner's submission.
SECURE_HSTS_PRELOAD = True
SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008"] if HTTPS_BY_PROXY and not DEBUG else []
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Everything from the app's own origin, nothing inline, no eval (htmx is configured without it in base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features the app never uses, turned off for it and anything it could ever embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "hid",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial",
        "usb", "xr-spatial-tracking",
    ]
)

# Login throttling (django-axes): five failed tries for one username, then that name waits
# fifteen minutes, whether or not an account has it. A success clears the count; tries
# during the wait do not make it longer.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# Axes warns that this lets one address try many names; a lock per address at five failures
# would lock out a whole household or school behind one router, so the name is what is locked.
SILENCED_SYSTEM_CHECKS += ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# Only failed tries are kept (what the lockout needs): no log of every login, address and browser.
AXES_DISABLE_ACCESS_LOG = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "routines.views.accounts.locked_out"
# The address axes records and the reset limit counts: X-Forwarded-For only from our own proxies.
AXES_CLIENT_IP_CALLABLE = "routines.throttle.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Private calendar addresses are secrets: they never reach a log line. The filter sits on the
    # loggers that write paths (a 404 logs its path; the development server logs every request).
    "filters": {"hide_calendar_tokens": {"()": "routines.log_filters.HideCalendarTokens"}},
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"filters": ["hide_calendar_tokens"]},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False, "filters": ["hide_calendar_tokens"]},
    },
}
