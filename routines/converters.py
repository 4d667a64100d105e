from datetime import date

# Weeks and months are computed around a date; staying well inside Python's range
# keeps that arithmetic safe.
MIN_YEAR, MAX_YEAR = 1900, 2999


class IsoDateConverter:
    """A calendar date in a URL, as 2026-11-26. An impossible or far-off date is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        day = date.fromisoformat(value)  # ValueError means "no match": Django answers 404
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValueError("outside the calendar Selfcare keeps")
        return day

    def to_url(self, value: date) -> str:
        return value.isoformat()
