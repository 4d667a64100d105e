"""Logging filters: what must never be written to a log."""

import logging
import re

from gunicorn.glogging import Logger

# A calendar feed's address is its only protection (calendar apps cannot log in).
CALENDAR_PATH = re.compile(r"/calendar/[^/\s\"'?]+\.ics")
HIDDEN = "/calendar/[hidden].ics"


class HideCalendarTokens(logging.Filter):
    """Replace private calendar addresses in a record's message by a placeholder.

    Django logs the path of every 404 ("Not Found: /calendar/<token>.ics") and the
    development server logs every request line: a wrong or old token, or a right one
    in a request that failed, would otherwise sit in the logs for anyone who reads them.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if CALENDAR_PATH.search(message):
            record.msg = CALENDAR_PATH.sub(HIDDEN, message)
            record.args = ()
        return True


class AccessLogger(Logger):
    """gunicorn's logger, writing `/calendar/[hidden].ics` for a calendar feed's path in the access log."""

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{raw_uri}e"):
            if isinstance(atoms.get(key), str):
                atoms[key] = CALENDAR_PATH.sub(HIDDEN, atoms[key])
        return atoms
