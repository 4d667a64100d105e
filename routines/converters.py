from datetime import date


class IsoDateConverter:
    """A calendar date in a URL, as 2026-11-26. An impossible date is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # ValueError means "no match": Django answers 404

    def to_url(self, value: date) -> str:
        return value.isoformat()
