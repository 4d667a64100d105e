from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def amount(value: Decimal | None) -> str:
    """A stored amount as people write it: 7, 6.5, 0.25 (no trailing zeros)."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")
