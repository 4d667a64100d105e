"""Changes to one habit's day: a check-off or a number, for a day that has begun."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.safestring import mark_safe

from ..models import DayRecord, Habit
from ..schedule import is_scheduled


UNIT_LIMITS = {"hours": 24, "hour": 24, "h": 24, "minutes": 1440, "minute": 1440, "min": 1440}
DEFAULT_VALUE_LIMIT = 100_000


def value_limit(unit: str) -> int:
    """The largest sensible amount for one day: nobody sleeps 25 hours."""
    return UNIT_LIMITS.get(unit.strip().lower(), DEFAULT_VALUE_LIMIT)


class DecimalInput(forms.TextInput):
    """The box for a number with decimals (a day's amount, a target), everywhere one is typed.

    A text box with the decimal keypad, not type="number": Chrome drops a typed
    decimal comma there ("6,5" reaches the server as 65), so the server parses it.
    No `pattern` either: the browser would stop "6.5h" with its own terse words
    before the server's kind message next to the box could say what to type.
    """

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class DecimalCommaField(forms.DecimalField):
    """A number typed with a decimal point or, as phones in many countries do, a decimal comma."""

    widget = DecimalInput

    def to_python(self, value: object) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class DayForm(forms.Form):
    """A change to one habit's day, which must be a day that has already begun."""

    day = forms.DateField(input_formats=["%Y-%m-%d"], error_messages={"invalid": "That date doesn't look right."})

    def __init__(self, *args, habit: Habit, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.habit = habit
        self.today = today

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        # A page left open after the habit was archived elsewhere: its days stay as they are.
        if self.habit.archived:
            raise forms.ValidationError(
                f"“{self.habit.name}” is archived, so its days stay as they are. You can restore it on the Routine page.",
                code="archived",
            )
        if day > self.today:
            raise forms.ValidationError("That day hasn't come yet, so it can't be logged.")
        # A day the habit wasn't planned for (before its start, another weekday, or paused)
        # has nothing to log, unless something was written there before the habit changed:
        # a status, a number or only a note, it stays reachable.
        if is_scheduled(self.habit, day) or self.habit.records.filter(day=day).exists():
            return day
        if day < self.habit.start_date:
            raise forms.ValidationError(f"This habit starts on {self.habit.start_date:%-d %B %Y}.")
        raise forms.ValidationError("This habit wasn't planned for that day, so there is nothing to log.")


class CheckOffForm(DayForm):
    # The state asked for, never "toggle": a repeated request cannot flip it back.
    state = forms.ChoiceField(
        choices=[("done", "Done"), ("none", "Not done")],
        error_messages={"invalid_choice": "Please tap the button again.", "required": "Please tap the button again."},
    )


class MeasureForm(DayForm):
    value = DecimalCommaField(required=False, min_value=0, error_messages={"invalid": "Please enter a number, like 6.5."})

    def clean_value(self) -> Decimal | None:
        value = self.cleaned_data["value"]
        if value is None:
            return None
        limit = value_limit(self.habit.unit)
        if value > limit:
            raise forms.ValidationError(f"Please enter a number from 0 to {f'{limit} {self.habit.unit}'.strip()}.")
        return value.quantize(Decimal("0.01"))


TARGET_FIELD = DecimalCommaField(
    min_value=Decimal("0.01"),
    max_digits=8,
    decimal_places=2,
    error_messages={
        "required": "Please enter a target.",
        "invalid": "Please enter a number, like 7.",
        "min_value": "Please enter a target above 0.",
        "max_digits": "Please enter a smaller target.",
        "max_decimal_places": "Please use at most two decimal places.",
    },
)


# A check habit's day, in plain words: rest is a choice of its own, not a failure.
HOW_THE_DAY_WENT = [(DayRecord.Status.DONE, "Done"), (DayRecord.Status.SKIPPED, "Rest"), (DayRecord.Status.NONE, "Not done")]


class CellForm(DayForm):
    """A week cell of a check habit: done, rest (skipped) or nothing, as asked."""

    status = forms.ChoiceField(
        choices=HOW_THE_DAY_WENT,
        error_messages={"invalid_choice": "Please tap the day again.", "required": "Please tap the day again."},
    )


class DayNoteForm(MeasureForm):
    """The day editor: its note, and how the day went as one control.

    A check habit says Done, Rest or Not done; a measurable habit takes its number and,
    apart from it, whether the day was a rest day. Each field also posts the value it
    was shown with (Django's hidden initial), so a save writes only what the person
    changed, and a change made meanwhile on another device stays.
    """

    EDITED = ("status", "value", "rest", "note")

    note = forms.CharField(
        required=False,
        max_length=1000,
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please keep the note to 1000 characters or fewer."},
    )
    status = forms.ChoiceField(choices=HOW_THE_DAY_WENT, required=False, label="This day", widget=forms.RadioSelect)
    rest = forms.BooleanField(required=False, label="Rest day")

    def __init__(self, *args, habit: Habit, **kwargs) -> None:
        # The Week can hold several editors at once: ids name the habit.
        super().__init__(*args, habit=habit, auto_id=f"day{habit.pk}_%s", **kwargs)
        for name in self.EDITED:
            self.fields[name].show_hidden_initial = True

    def hidden_initials(self) -> str:
        return mark_safe("".join(self[name].as_hidden(only_initial=True) for name in self.EDITED))
