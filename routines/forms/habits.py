"""Adding, editing, pausing and restoring habits."""

from datetime import date, timedelta
from decimal import Decimal

from django import forms

from .. import habits
from ..days import user_today
from ..models import Habit, User
from ..schedule import WEEKDAY_NAMES, weekday_mask, weekdays_in
from .days import DecimalCommaField, value_limit


START_YEARS_BACK = 10
KIND_WORDS = [(Habit.Kind.CHECK, "A tick"), (Habit.Kind.MEASURABLE, "A number")]


def clean_habit_name(name: str, owner: User, exclude_pk: int | None = None) -> str:
    """Whitespace folded; refused when empty or when another active habit already has it."""
    name = " ".join((name or "").split())
    if not name:
        raise forms.ValidationError("Please give the habit a name.")
    if habits.name_is_taken(owner.pk, name, exclude_pk):
        raise habits.NameTaken(name)
    return name


# Fields checked together are written together, so a habit never mixes this form's schedule
# (or kind of tracking) with parts of another one saved meanwhile.
SCHEDULE_FIELDS = {"schedule", "weekdays", "times_per_week", "interval_days"}
MEASURE_FIELDS = {"kind", "unit", "target", "direction"}
DERIVED_FIELDS = {
    **dict.fromkeys(["schedule", "weekday_choices", "times_per_week", "interval_days"], SCHEDULE_FIELDS),
    **dict.fromkeys(["kind", "unit", "target", "direction"], MEASURE_FIELDS),
    **dict.fromkeys(["reminder_1", "reminder_2", "reminder_3"], {"reminders"}),
}


class HabitForm(forms.ModelForm):
    weekday_choices = forms.TypedMultipleChoiceField(
        choices=list(enumerate(WEEKDAY_NAMES)),
        coerce=int,
        required=False,
        label="On these days",
        widget=forms.CheckboxSelectMultiple,
    )
    times_per_week = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 7)], coerce=int, required=False, label="Times a week", empty_value=None
    )
    interval_days = forms.IntegerField(required=False, label="Every how many days", help_text="From 2 to 30.")
    target = DecimalCommaField(
        required=False,
        label="Target",
        # Nothing is recomputed: a day's status is what it was when the day was logged.
        help_text="A new target counts from now on; past days keep the status they had.",
        error_messages={"invalid": "Please enter a number, like 7."},
    )
    start_date = forms.DateField(label="Starting on", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reminder_1 = forms.TimeField(
        required=False, label="Reminder 1", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    reminder_2 = forms.TimeField(
        required=False, label="Reminder 2", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    reminder_3 = forms.TimeField(
        required=False, label="Reminder 3", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    class Meta:
        model = Habit
        fields = (
            "name",
            "why",
            "time_of_day",
            "kind",
            "unit",
            "target",
            "direction",
            "schedule",
            "times_per_week",
            "interval_days",
            "start_date",
            "colour",
            "emoji",
        )
        labels = {"kind": "How do you track it?", "unit": "Unit", "direction": "Aim for", "schedule": "How often", "emoji": "Emoji"}
        help_texts = {
            "why": "Optional. A line for yourself, shown on the habit's page.",
            "unit": "For example hours, minutes, glasses or pages.",
            "emoji": "Optional.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "schedule": forms.RadioSelect,
            "colour": forms.RadioSelect,
            "why": forms.TextInput,
        }
        error_messages = {
            "name": {"max_length": "Please keep the name to 80 characters or fewer."},
            "unit": {"max_length": "Please keep the unit to 20 characters or fewer."},
            "why": {"max_length": "Please keep this to 200 characters or fewer."},
            "emoji": {"max_length": "One emoji is plenty."},
        }

    def __init__(self, *args, owner: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["name"].required = False  # checked in clean_name, with a kinder message
        # The words a person would use; the model's own labels stay as they are (no migration for words).
        self.fields["kind"].choices = KIND_WORDS
        if self.instance.pk:
            self.initial["weekday_choices"] = weekdays_in(self.instance.weekdays)
            for number, at in enumerate(self.instance.reminders[:3], start=1):
                self.initial[f"reminder_{number}"] = at
            # Each field carries the value it was shown with, so saving writes only what was
            # changed in this form: an edit made meanwhile on another phone is not undone.
            for field in self.fields.values():
                field.show_hidden_initial = True

    @property
    def colour_as_shown(self) -> str:
        """The colour's shown value (its radios are laid out by hand, so Django can't add it)."""
        return self["colour"].as_hidden(only_initial=True) if self.instance.pk else ""

    def fields_changed_here(self) -> set[str]:
        """The habit's fields this form changed. Against the values it was shown with; a form
        sent without them (a page from before they existed) is compared with the row as read."""
        changed = set()
        for name in self.fields:
            bound = self[name]
            if name not in self.changed_data and bound.html_initial_name in self.data:
                continue
            changed |= DERIVED_FIELDS.get(name, {name})
        return changed

    @property
    def reminder_fields(self) -> list:
        return [self[f"reminder_{n}"] for n in (1, 2, 3)]

    def clean_name(self) -> str:
        return clean_habit_name(self.cleaned_data.get("name", ""), self.owner, self.instance.pk)

    def clean_start_date(self) -> date:
        start = self.cleaned_data["start_date"]
        today = user_today(self.owner)
        earliest, latest = today - timedelta(days=START_YEARS_BACK * 366), today + timedelta(days=366)
        if not earliest <= start <= latest:
            raise forms.ValidationError(f"Please choose a date between {earliest:%-d %B %Y} and {latest:%-d %B %Y}.")
        return start

    def clean(self) -> dict:
        data = super().clean()
        schedule = data.get("schedule")
        if schedule == Habit.Schedule.WEEKDAYS and not data.get("weekday_choices"):
            self.add_error("weekday_choices", "Please choose at least one day.")
        if schedule == Habit.Schedule.TIMES_PER_WEEK and not data.get("times_per_week"):
            self.add_error("times_per_week", "Please choose how many times a week, from 1 to 6.")
        if schedule == Habit.Schedule.EVERY_N_DAYS:
            interval = data.get("interval_days")
            if interval is None or not 2 <= interval <= 30:
                self.add_error("interval_days", "Please choose a number of days from 2 to 30.")
        if data.get("kind") == Habit.Kind.MEASURABLE:
            unit = (data.get("unit") or "").strip()
            target = data.get("target")
            if not unit:
                self.add_error("unit", "Please say what you count, for example hours or glasses.")
            if target is None:
                self.add_error("target", "Please enter a target.")
            elif target <= 0:
                self.add_error("target", "Please enter a target above 0.")
            elif target > value_limit(unit):
                self.add_error("target", f"Please enter a target up to {value_limit(unit)} {unit}.")
            elif target != target.quantize(Decimal("0.01")):
                self.add_error("target", "Please use at most two decimal places.")
        return data

    def save(self, commit: bool = True) -> Habit:
        """With commit, a new habit goes at the end of the routine, and an edit saves only
        the fields it changed. Either raises habits.NameTaken if the name was taken meanwhile."""
        habit = super().save(commit=False)
        data = self.cleaned_data
        # The habit as it was read: the form's own fields are already set on it, the rest not yet.
        before = {name: self.initial.get(name) for name in self._meta.fields}
        before.update(weekdays=habit.weekdays, reminders=habit.reminders)
        # Keep only what the chosen kind and schedule use, so nothing stale lingers.
        habit.weekdays = weekday_mask(data["weekday_choices"]) if habit.schedule == Habit.Schedule.WEEKDAYS else 0
        habit.times_per_week = data["times_per_week"] if habit.schedule == Habit.Schedule.TIMES_PER_WEEK else None
        habit.interval_days = data["interval_days"] if habit.schedule == Habit.Schedule.EVERY_N_DAYS else None
        if habit.kind == Habit.Kind.CHECK:
            habit.unit, habit.target, habit.direction = "", None, Habit.Direction.AT_LEAST
        else:
            habit.unit = habit.unit.strip()
        habit.emoji = habit.emoji.strip()
        # Minutes are what count: 07:30:15 and 07:30:45 are one reminder.
        habit.reminders = sorted({f"{data[f'reminder_{n}']:%H:%M}" for n in (1, 2, 3) if data.get(f"reminder_{n}")})
        habit.owner = self.owner
        if habit.pk:
            wanted = self.fields_changed_here()
            for name, value in before.items():
                if name not in wanted:
                    setattr(habit, name, value)  # as stored: not this form's to change
        if commit and habit.pk:
            habits.save_changes(habit, [name for name, value in before.items() if getattr(habit, name) != value])
        elif commit:
            habits.add(habit)
        return habit


class PauseForm(forms.Form):
    until = forms.DateField(
        label="Pause until",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="It comes back by itself on that day.",
        error_messages={"invalid": "Please choose a date.", "required": "Please choose a date."},
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["until"].widget.attrs["min"] = (today + timedelta(days=1)).isoformat()

    def clean_until(self) -> date:
        until = self.cleaned_data["until"]
        if until <= self.today:
            raise forms.ValidationError("Please choose a day after today.")
        if until > self.today + timedelta(days=366):
            raise forms.ValidationError("Please choose a day within a year; you can always pause again.")
        return until


class RestoreForm(forms.Form):
    name = forms.CharField(max_length=80, label="New name", error_messages={"max_length": "Please keep the name to 80 characters or fewer."})

    def __init__(self, *args, owner: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self) -> str:
        return clean_habit_name(self.cleaned_data["name"], self.owner)
