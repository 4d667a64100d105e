"""Backing up and restoring the whole database, for `make backup` and `make restore FILE=...`.

SQLite is copied with its online backup API, page by page, consistent even while people
write; PostgreSQL with pg_dump's custom format and pg_restore. Notes, check-in text and
feelings stay encrypted in the file: a backup is only readable with ENCRYPTION_KEYS.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.utils import timezone

KEY_WARNING = (
    "Notes, check-ins and feelings in this backup are encrypted: it can only be read with ENCRYPTION_KEYS "
    "(or .encryption-key while developing). Keep the key safe, and apart from the backups."
)


class BackupError(Exception):
    pass


def backup(folder: Path, label: str = "") -> Path:
    """Write a dated copy of the database into `folder` and return its path."""
    # Backups hold everything (hashes, emails, encrypted words): for this system user's eyes only.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y-%m-%d-%H%M%S") + (f"-{label}" if label else "")
    if connection.vendor == "sqlite":
        path = unused(folder, f"selfcare-{stamp}", ".sqlite3")
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        path = unused(folder, f"selfcare-{stamp}", ".pgdump")
        run_postgres_tool("pg_dump", "--format=custom", "--no-owner", f"--file={path}")
    else:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {connection.vendor}.")
    path.chmod(0o600)
    return path


def unused(folder: Path, name: str, suffix: str) -> Path:
    """The dated name, or with -2, -3... when a backup was already made in that second."""
    path, number = folder / f"{name}{suffix}", 1
    while path.exists():
        number += 1
        path = folder / f"{name}-{number}{suffix}"
    return path


def restore(path: Path) -> None:
    """Replace everything in the database with the backup at `path`."""
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    if connection.vendor == "sqlite":
        if path.suffix != ".sqlite3":
            raise BackupError(f"{path} is not a SQLite backup (selfcare-....sqlite3).")
        connection.ensure_connection()
        # The backup API writes into the live database under its lock: other processes
        # see the old data or the restored data, never a half-copied file.
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
            source.backup(connection.connection)
        source.close()
    elif connection.vendor == "postgresql":
        if path.suffix != ".pgdump":
            raise BackupError(f"{path} is not a PostgreSQL backup (selfcare-....pgdump).")
        # One transaction: if anything fails, the database stays as it was.
        run_postgres_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path))
    else:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {connection.vendor}.")


def run_postgres_tool(tool: str, *arguments: str) -> None:
    if not shutil.which(tool):
        raise BackupError(f"{tool} is not installed (on Debian: apt-get install postgresql-client).")
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    address = [f"--host={db['HOST']}"] if db.get("HOST") else []
    address += [f"--port={db['PORT']}"] if db.get("PORT") else []
    address += [f"--username={db['USER']}"] if db.get("USER") else []
    result = subprocess.run([tool, *address, f"--dbname={db['NAME']}", *arguments], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
