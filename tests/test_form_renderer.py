"""The form renderer draws plain inputs in Python: the markup is exactly what Django's templates write."""

from datetime import date

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting

from routines.forms.days import DecimalInput
from routines.forms.journal import CheckInForm
from routines.forms.renderer import INPUTS, OPTIONS, Renderer


class Everything(forms.Form):
    name = forms.CharField(max_length=20, help_text="Help <b>here</b>", widget=forms.TextInput(attrs={"autofocus": True, "data-x": 'a "quoted" <value>'}))
    secret = forms.CharField(widget=forms.PasswordInput(attrs={"disabled": False}))
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=1, max_value=9)
    amount = forms.DecimalField(widget=DecimalInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    colour = forms.ChoiceField(choices=[("sage", "Sage"), ("sky", "Sky & <sea>")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(choices=[("1", "Mon"), ("2", "Tue")], widget=forms.CheckboxSelectMultiple, required=False)
    words = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5)


DATA = [
    {},
    {"name": '<script>"x"</script>', "count": "12", "email": "not an address", "colour": "sky", "days": ["2"], "agree": "on", "hidden": "&amp;", "words": "<b>too long</b> & more"},
]


@pytest.mark.parametrize("data", DATA)
def test_every_field_is_drawn_exactly_as_djangos_templates_draw_it(data):
    ours = Everything(data or None, initial={"day": date(2026, 11, 26), "amount": "6.5"}, renderer=Renderer())
    django = Everything(data or None, initial={"day": date(2026, 11, 26), "amount": "6.5"}, renderer=TemplatesSetting())
    for name in Everything.base_fields:
        assert str(ours[name]) == str(django[name]), name
        assert ours[name].as_field_group() == django[name].as_field_group(), name
        assert str(ours[name].errors) == str(django[name].errors), name
        for mine, theirs in zip(ours[name].subwidgets, django[name].subwidgets):
            assert mine.tag() == theirs.tag() and mine.tag(wrap_label=True) == theirs.tag(wrap_label=True), name


def test_the_check_in_card_is_drawn_as_before():
    args = {"initial": {"mood": 3, "feelings": ["calm"], "text": "A walk"}, "offered": ["calm", "tired", "<odd> & word"]}
    ours, django = CheckInForm(**args, renderer=Renderer()), CheckInForm(**args, renderer=TemplatesSetting())
    for name in CheckInForm.base_fields:
        assert str(ours[name]) == str(django[name]), name
        assert [w.tag() for w in ours[name].subwidgets] == [w.tag() for w in django[name].subwidgets], name


def test_only_templates_that_draw_one_input_are_replaced():
    assert "django/forms/widgets/select.html" not in INPUTS | OPTIONS
