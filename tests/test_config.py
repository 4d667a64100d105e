import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
KEY = "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg="


def load_settings(**env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with only the given variables set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "EMAIL_HOST", "ENCRYPTION_KEYS"}}
    code = (
        "import json, selfcare.settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'db': s.DATABASES['default'], 'email': s.EMAIL_BACKEND, "
        "'hosts': s.ALLOWED_HOSTS}, default=str))"
    )
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


def test_email_goes_to_the_console_unless_smtp_is_configured():
    assert "console.EmailBackend" in load_settings().stdout
    assert "smtp.EmailBackend" in load_settings(EMAIL_HOST="smtp.example").stdout


def test_time_is_stored_in_utc():
    assert settings.USE_TZ is True and settings.TIME_ZONE == "UTC"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
def test_sqlite_connections_enforce_foreign_keys(db):
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
