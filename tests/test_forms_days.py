"""Numbers with decimals: one box and one parsing rule wherever a person types one (routines/forms/days.py)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from routines.forms.days import DecimalCommaField
from routines.models import DayRecord
from routines.starter import STARTER_ROUTINE

from .test_views_onboarding import checklist_data
from .test_views_routine import habit_data

TODAY = date(2026, 11, 26)
MONDAY = date(2026, 11, 23)

pytestmark = pytest.mark.usefixtures("on_thursday")


@pytest.mark.parametrize(("typed", "number"), [("6,5", "6.5"), (" 6.5 ", "6.5"), ("7", "7"), ("0,25", "0.25")])
def test_a_decimal_comma_or_point_reads_as_the_same_number(typed, number):
    assert DecimalCommaField().clean(typed) == Decimal(number)


def test_a_comma_is_not_a_thousands_separator():
    with pytest.raises(Exception, match="Enter a number"):
        DecimalCommaField().clean("1,000,5")


def decimal_boxes(body: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', body)


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("today", "value"),
        ("week_day", "value"),
        ("habit_edit", "target"),
        ("welcome", r"starter-\d+-target"),
    ],
)
def test_every_box_for_a_decimal_number_is_a_text_box_with_the_decimal_keypad(logged_in_client, measurable_habit, page, name):
    args = {"today": [], "week_day": [measurable_habit.pk, MONDAY], "habit_edit": [measurable_habit.pk], "welcome": []}[page]
    boxes = decimal_boxes(logged_in_client.get(reverse(page, args=args)).content.decode(), name)
    assert boxes
    for box in boxes:
        # type="number" would turn a typed "6,5" into 65 before the server sees it.
        assert 'type="text"' in box and 'inputmode="decimal"' in box and 'autocomplete="off"' in box, box
        assert 'pattern="' not in box and 'type="number"' not in box, box


def test_today_stores_a_decimal_comma(logged_in_client, measurable_habit):
    logged_in_client.post(reverse("measure", args=[measurable_habit.pk]), {"value": "6,5", "day": TODAY.isoformat()})
    assert DayRecord.objects.get(habit=measurable_habit, day=TODAY).value == Decimal("6.5")


def test_the_day_editor_stores_a_decimal_comma(logged_in_client, measurable_habit):
    logged_in_client.post(reverse("week_day", args=[measurable_habit.pk, MONDAY]), {"value": "6,5", "note": ""})
    assert DayRecord.objects.get(habit=measurable_habit, day=MONDAY).value == Decimal("6.5")


def test_the_day_editor_keeps_a_refused_number_as_it_was_typed(logged_in_client, measurable_habit):
    response = logged_in_client.post(reverse("week_day", args=[measurable_habit.pk, MONDAY]), {"value": "30,5", "note": ""})
    assert response.status_code == 400 and 'value="30,5"' in response.content.decode()


def test_the_habit_form_stores_a_target_with_a_decimal_comma(logged_in_client, user):
    response = logged_in_client.post(reverse("habit_new"), habit_data(kind="measurable", unit="hours", target="6,5"))
    assert response.status_code == 302
    assert user.habits.get(name="Call a friend").target == Decimal("6.5")


def test_the_starter_checklist_stores_a_target_with_a_decimal_comma(logged_in_client, user):
    sleep = next(i for i, item in enumerate(STARTER_ROUTINE) if item.name == "Sleep")
    response = logged_in_client.post(reverse("welcome"), checklist_data(**{f"starter-{sleep}-target": "7,5"}))
    assert response.status_code == 302
    assert user.habits.get(name="Sleep").target == Decimal("7.5")
