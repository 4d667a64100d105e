import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
KEY = "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg="


BASICS = "{'debug': s.DEBUG, 'db': s.DATABASES['default'], 'email': s.EMAIL_BACKEND, 'hosts': s.ALLOWED_HOSTS}"
SECURITY = (
    "{'redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, "
    "'secure_cookies': s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE, 'session_age': s.SESSION_COOKIE_AGE}"
)


def load_settings(show: str = BASICS, **env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with only the given variables set; print `show` as JSON."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "EMAIL_HOST", "ENCRYPTION_KEYS"}}
    code = f"import json, selfcare.settings as s; print(json.dumps({show}, default=str))"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_settings_start_with_a_secret_key_when_debug_is_off():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="selfcare.example", ENCRYPTION_KEYS=KEY)
    assert result.returncode == 0, result.stderr
    assert '"debug": false' in result.stdout and '"hosts": ["selfcare.example"]' in result.stdout


def test_default_database_is_sqlite_in_wal_mode_with_immediate_transactions():
    result = load_settings()
    assert '"ENGINE": "django.db.backends.sqlite3"' in result.stdout
    assert '"transaction_mode": "IMMEDIATE"' in result.stdout
    assert "journal_mode=WAL" in result.stdout and '"timeout": 20' in result.stdout


def test_database_url_selects_postgresql():
    result = load_settings(DATABASE_URL="postgres://someone@db.example:5432/selfcare")
    assert '"ENGINE": "django.db.backends.postgresql"' in result.stdout
    assert '"NAME": "selfcare"' in result.stdout and "IMMEDIATE" not in result.stdout


def test_postgresql_connections_prepare_their_repeated_queries_unless_a_pooler_cannot_keep_them():
    options = "s.DATABASES['default'].get('OPTIONS', {})"
    prepared = json.loads(load_settings(options, DATABASE_URL="postgres://someone@db.example:5432/selfcare").stdout)
    assert prepared == {"server_side_binding": True, "prepare_threshold": 5}
    plain = load_settings(options, DATABASE_URL="postgres://someone@db.example:5432/selfcare", DATABASE_PREPARED_STATEMENTS="0")
    assert json.loads(plain.stdout) == {}


def test_email_goes_to_the_console_unless_smtp_is_configured():
    assert "console.EmailBackend" in load_settings().stdout
    assert "smtp.EmailBackend" in load_settings(EMAIL_HOST="smtp.example").stdout


def test_time_is_stored_in_utc():
    assert settings.USE_TZ is True and settings.TIME_ZONE == "UTC"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
def test_sqlite_connections_enforce_foreign_keys(db):
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def check_deploy(**env: str) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` with production settings (and the given extra variables)."""
    # (The browser tests allow async-unsafe ORM calls in this process: not a production setting.)
    left_out = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "HTTPS_BY_PROXY", "ENCRYPTION_KEYS"}
    clean = {k: v for k, v in os.environ.items() if k not in left_out}
    production = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.org", "ENCRYPTION_KEYS": KEY, **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**clean, **production}, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_the_deployment_checks_with_no_warnings():
    result = check_deploy()
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout  # axes.W006: see settings


def test_a_proxy_can_take_over_the_https_redirect_and_hsts():
    result = check_deploy(HTTPS_BY_PROXY="1")
    assert result.returncode == 0, result.stderr
    assert "no issues (3 silenced)" in result.stdout


def test_production_redirects_to_https_and_sends_hsts_for_a_year_unless_a_proxy_does():
    on = json.loads(load_settings(DEBUG="0", SECRET_KEY="x" * 50, ENCRYPTION_KEYS=KEY, show=SECURITY).stdout)
    assert on["redirect"] is True and on["hsts"] == 365 * 24 * 60 * 60 and on["secure_cookies"] is True
    by_proxy = json.loads(load_settings(DEBUG="0", SECRET_KEY="x" * 50, ENCRYPTION_KEYS=KEY, HTTPS_BY_PROXY="1", show=SECURITY).stdout)
    assert by_proxy["redirect"] is False and by_proxy["hsts"] == 0 and by_proxy["secure_cookies"] is True
    development = json.loads(load_settings(show=SECURITY).stdout)
    assert development["redirect"] is False and development["hsts"] == 0


def test_sessions_last_thirty_idle_days_unless_configured():
    assert json.loads(load_settings(show=SECURITY).stdout)["session_age"] == 30 * 24 * 60 * 60
    assert json.loads(load_settings(SESSION_IDLE_DAYS="7", show=SECURITY).stdout)["session_age"] == 7 * 24 * 60 * 60


def test_the_content_security_policy_allows_only_the_apps_own_origin(client, db):
    policy = dict(part.strip().split(" ", 1) for part in client.get("/").headers["Content-Security-Policy"].split(";"))
    assert policy == {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",
        "manifest-src": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
        "object-src": "'none'",
    }


def test_browser_features_the_app_never_uses_are_turned_off(client, db):
    policy = client.get("/").headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
