from decimal import Decimal

from django import template
from django.forms.utils import flatatt
from django.utils.safestring import SafeString

from ..forms.days import DecimalInput

register = template.Library()


@register.filter
def amount(value: Decimal | None) -> str:
    """A stored amount as people write it: 7, 6.5, 0.25 (no trailing zeros)."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


@register.filter
def compact(value: Decimal | None) -> str:
    """An amount short enough for a 32 px circle: 6.5, 42, 1.4k, 89k."""
    if value is None:
        return ""
    value = Decimal(value)
    if value >= 1000:
        return f"{(value / 1000).quantize(Decimal('1') if value >= 10000 else Decimal('0.1')).normalize():f}k"
    if value >= 100:
        return f"{value.quantize(Decimal('1')):f}"
    return amount(value.quantize(Decimal("0.1")))


@register.simple_tag
def decimal_input_attrs() -> SafeString:
    """The shared decimal box's type and attributes (DecimalInput), for a box a template draws itself."""
    widget = DecimalInput()
    return flatatt({"type": widget.input_type, **widget.attrs})
