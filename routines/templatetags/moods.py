from django import template

from ..journal import MOOD_FACES
from ..models import Mood

register = template.Library()


@register.filter
def mood_face(value: int | None) -> str:
    """The face shown beside a mood's words (never instead of them); "" for no mood."""
    return MOOD_FACES.get(value, "") if value else ""


@register.filter
def mood_word(value: int | None) -> str:
    """A mood in the words the scale uses, for sentences: "very good"; "" for no mood."""
    return Mood(value).label.lower() if value in Mood.values else ""
