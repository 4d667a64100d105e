"""The form renderer: the project's templates (templates/django/forms/), with the plain inputs drawn in Python.

Django draws every <input> through three or four nested templates (input_option.html ->
input.html -> attrs.html), and every field's empty list of errors through two. Today's check-in card has about twenty of them (the mood's
radios and the feeling chips): drawing those took 3.7 ms of a 5.4 ms page render. The
same markup written here costs a few microseconds each; tests/test_form_renderer.py
checks it stays identical to Django's templates.
"""

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

INPUT = "django/forms/widgets/input.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# A field's errors: drawn by a template even when there are none (most fields, most of the time).
ERROR_LISTS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
OPTIONS = {"django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html"}
# Templates that only include input.html (none of them is overridden in templates/django/forms/).
INPUTS = {
    INPUT,
    *(f"django/forms/widgets/{name}.html" for name in (
        "text", "hidden", "password", "email", "number", "url", "tel", "search", "date", "time", "datetime", "color", "checkbox",
    )),
}  # fmt: skip


def attrs(widget: dict[str, Any]) -> str:
    """As attrs.html: False leaves the attribute out, True writes its name alone."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in widget["attrs"].items()
        if value is not False
    )


def input_tag(widget: dict[str, Any]) -> str:
    value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
    return f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{value}{attrs(widget)}>'


def option_tag(widget: dict[str, Any]) -> str:
    """As input_option.html: the input, wrapped in its label when the widget asks for that."""
    if not widget.get("wrap_label"):
        return input_tag(widget)
    target = f' for="{conditional_escape(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    # (input.html ends with a line break, kept inside the label as Django's templates keep it.)
    return f"<label{target}>{input_tag(widget)}\n {conditional_escape(widget['label'])}</label>"


def textarea_tag(widget: dict[str, Any]) -> str:
    """As textarea.html (with its line break after the opening tag, which browsers drop)."""
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{attrs(widget)}>\n{value}</textarea>'


class Renderer(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> SafeString:
        if template_name in ERROR_LISTS and not context["errors"]:
            return mark_safe("")
        if template_name == TEXTAREA:
            return mark_safe(textarea_tag(context["widget"]))
        if template_name in INPUTS:
            return mark_safe(input_tag(context["widget"]))
        if template_name in OPTIONS:
            return mark_safe(option_tag(context["widget"]))
        return super().render(template_name, context, request)
