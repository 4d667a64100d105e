"""The nudge area's cards, drawn with the page (routines/nudge_area.html)."""

from django import template

from ..nudges import NudgeList
from ..views.nudges import current_nudges

register = template.Library()


@register.simple_tag(takes_context=True)
def nudge_cards(context: template.Context) -> NudgeList:
    """The cards due now: the page's own when it has them (Today, from its agenda), else read now.

    Drawn with the page, not asked for once it has loaded: cards that arrive later push the
    page down under the reader's eyes (Lighthouse's layout shift), and cost a request.
    """
    return context.get("nudges") or current_nudges(context.request.user)
