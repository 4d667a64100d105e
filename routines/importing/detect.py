"""Which format an upload is, read from its bytes (never its name), and the parser for it.

Loop Habit Tracker's CSV ZIP and SQLite backup go to loop.parse, Beaver Habit Tracker's
JSON to beaver.parse, Selfcare's own JSON (alone or in its export ZIP) to selfcare.parse.
"""

import importlib
import json
import logging

from django.conf import settings

from . import selfcare
from .archive import find_member, member_text, safe_zip
from .loop import SQLITE_HEADER
from .plan import ImportPlan, UnreadableFile

logger = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = settings.MAX_UPLOAD_BYTES  # also the request limit of the upload route
ZIP_HEADERS = (b"PK\x03\x04", b"PK\x05\x06")

DAMAGED = "This file seems damaged or written by something Selfcare doesn't know, so nothing was read from it."
NOT_READABLE = (
    "Selfcare can't read this file. It reads its own export (a .zip or selfcare.json), "
    "Loop Habit Tracker's CSV export (.zip) or backup (.db), and Beaver Habit Tracker's export (.json)."
)


def _external(module: str):
    """Another format's parser, loaded when a file of that format arrives."""
    return importlib.import_module(f"routines.importing.{module}").parse


def _selfcare_json(text: str) -> ImportPlan:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise UnreadableFile("The selfcare.json in this file is damaged, so it could not be read.") from error
    return selfcare.parse(document)


def looks_like_beaver(document: object) -> bool:
    """Beaver's export: an object whose "habits" is a list of objects with a name."""
    habits = document.get("habits") if isinstance(document, dict) else None
    return isinstance(habits, list) and all(isinstance(habit, dict) and "name" in habit for habit in habits)


def read_upload(name: str, data: bytes) -> ImportPlan:
    """The plan held by an uploaded file; UnreadableFile (with a message for the person) when there is none.

    The parsers read files from anywhere: whatever else one of them trips on in a hostile
    or damaged file (nesting too deep, a number too big to hold) is a file that cannot be
    read, said calmly, never a server error.
    """
    try:
        return _read(name, data)
    except UnreadableFile:
        raise
    except (RecursionError, ArithmeticError, TypeError, KeyError, IndexError, AttributeError, ValueError, MemoryError) as error:
        logger.warning("An upload could not be parsed: %s", type(error).__name__)  # the name only: never its content
        raise UnreadableFile(DAMAGED) from None


def _read(name: str, data: bytes) -> ImportPlan:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableFile("This file is over 20 MB, more than Selfcare imports at once.")
    if not data.strip():
        raise UnreadableFile("This file is empty.")
    if data.startswith(SQLITE_HEADER):
        return _external("loop")(name, data)
    if data.startswith(ZIP_HEADERS):
        archive = safe_zip(data)
        if own := find_member(archive, "selfcare.json"):
            return _selfcare_json(member_text(archive, own, MAX_UPLOAD_BYTES))
        if find_member(archive, "Habits.csv"):
            return _external("loop")(name, data)
        raise UnreadableFile("This ZIP file holds no export Selfcare knows (selfcare.json, or Loop's Habits.csv).")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except ValueError:
        raise UnreadableFile(NOT_READABLE) from None
    if selfcare.looks_like_selfcare(document):
        return selfcare.parse(document)
    if looks_like_beaver(document):
        return _external("beaver")(name, data)
    raise UnreadableFile(NOT_READABLE)
