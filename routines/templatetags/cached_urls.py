"""{% url %} that remembers the addresses it built (a builtin, so every template uses it).

Reversing walks the routes and formats the pattern each time: Today asks for three
addresses per habit row and a dozen in the page around them, which cost more than the
rest of the row. An address depends only on the routes, the script prefix and the
arguments, so for plain number and text arguments it is built once per process.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()
CACHEABLE = (int, str)


@lru_cache(maxsize=8192)
def cached_reverse(urlconf: str, prefix: str, view_name: str, args: tuple, kwargs: tuple, current_app: str | None) -> str:
    return reverse(view_name, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


class CachedURLNode(URLNode):
    def render(self, context: template.Context) -> str:
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        view_name = self.view_name.resolve(context)
        try:  # as Django's {% url %} finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        plain = all(type(value) in CACHEABLE for value in (*args, *(v for _, v in kwargs)))
        try:
            if plain and isinstance(view_name, str):
                url = cached_reverse(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), view_name, args, kwargs, current_app)
            else:
                url = reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> CachedURLNode:
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
