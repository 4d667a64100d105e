import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from routines.templatetags.cached_urls import cached_reverse


def render(text: str, **context) -> str:
    return Template(text).render(Context(context))


def test_the_url_tag_gives_the_same_addresses_as_reverse_again_and_again(habit):
    for _ in range(2):
        assert render("{% url 'check_off' pk %}", pk=habit.pk) == reverse("check_off", args=[habit.pk])
        assert render("{% url 'today' %}") == reverse("today")
    assert render("{% url 'habit' pk as link %}[{{ link }}]", pk=7) == f"[{reverse('habit', args=[7])}]"


def test_the_url_tag_follows_the_script_prefix():
    try:
        set_script_prefix("/app/")
        assert render("{% url 'today' %}") == "/app/today/"
    finally:
        set_script_prefix("/")
    assert render("{% url 'today' %}") == "/today/"


def test_the_url_tag_reverses_objects_each_time_and_escapes_like_django(habit):
    cached_reverse.cache_clear()
    assert render("{% url 'habit' habit.pk %}", habit=habit) == reverse("habit", args=[habit.pk])
    assert render("{% url 'today_row' h %}", h=habit.pk) and cached_reverse.cache_info().currsize == 2
    assert render("{% url 'habit' obj %}", obj=type("Pk", (), {"__str__": lambda self: "5"})()) == reverse("habit", args=[5])
    assert cached_reverse.cache_info().currsize == 2


def test_a_missing_route_still_fails_loudly_and_is_empty_with_as():
    with pytest.raises(NoReverseMatch):
        render("{% url 'no_such_page' %}")
    assert render("{% url 'no_such_page' as link %}[{{ link }}]") == "[]"
