from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from .days import time_zone_choices
from .models import Habit, User
from .schedule import WEEKDAY_NAMES, weekday_mask, weekdays_in
from .starter import STARTER_ROUTINE, StarterHabit


def day_start_choices() -> list[tuple[int, str]]:
    return [(0, "Midnight (the usual)")] + [(h, f"{h}:00 at night") for h in range(1, 7)]


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. With an email address you can reset a forgotten password.",
    )
    # Filled in by the browser (static/js/app.js); anything unknown falls back to UTC.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = "No spaces. Letters, digits and @ . + - _ are fine."
        self.fields["password1"].help_text = "At least 8 characters; not a common or all-number password."
        self.fields["password2"].label = "Password again"
        self.fields["password2"].help_text = ""

    def clean_time_zone(self) -> str:
        value = self.cleaned_data.get("time_zone", "")
        return value if value in dict(time_zone_choices()) else "UTC"

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.time_zone = self.cleaned_data["time_zone"]
        if commit:
            user.save()
        return user


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, label="Time zone")
    day_start_hour = forms.TypedChoiceField(
        choices=day_start_choices,
        coerce=int,
        label="My day starts at",
        help_text="For late nights: anything you log before this hour counts for the day before.",
    )
    week_start = forms.TypedChoiceField(
        choices=User.WeekStart.choices, coerce=int, label="My week starts on", widget=forms.RadioSelect
    )
    email = forms.EmailField(
        required=False,
        label="Email",
        help_text="Optional. Used only to reset a forgotten password.",
    )

    class Meta:
        model = User
        fields = ("time_zone", "day_start_hour", "week_start", "email")


UNIT_LIMITS = {"hours": 24, "hour": 24, "h": 24, "minutes": 1440, "minute": 1440, "min": 1440}
DEFAULT_VALUE_LIMIT = 100_000


def value_limit(unit: str) -> int:
    """The largest sensible amount for one day: nobody sleeps 25 hours."""
    return UNIT_LIMITS.get(unit.strip().lower(), DEFAULT_VALUE_LIMIT)


class DayForm(forms.Form):
    """A change to one habit's day, which must be a day that has already begun."""

    day = forms.DateField(input_formats=["%Y-%m-%d"], error_messages={"invalid": "That date doesn't look right."})

    def __init__(self, *args, habit: Habit, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.habit = habit
        self.today = today

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        if day > self.today:
            raise forms.ValidationError("That day hasn't come yet, so it can't be logged.")
        if day < self.habit.start_date:
            raise forms.ValidationError(f"This habit starts on {self.habit.start_date:%-d %B %Y}.")
        return day


class CheckOffForm(DayForm):
    # The state asked for, never "toggle": a repeated request cannot flip it back.
    state = forms.ChoiceField(
        choices=[("done", "Done"), ("none", "Not done")],
        error_messages={"invalid_choice": "Please tap the button again.", "required": "Please tap the button again."},
    )


class MeasureForm(DayForm):
    value = forms.DecimalField(required=False, min_value=0, error_messages={"invalid": "Please enter a number, like 6.5."})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Phones in many countries type a decimal comma.
        if self.is_bound and isinstance(self.data.get("value"), str):
            self.data = self.data.copy()
            self.data["value"] = self.data["value"].strip().replace(",", ".")

    def clean_value(self) -> Decimal | None:
        value = self.cleaned_data["value"]
        if value is None:
            return None
        limit = value_limit(self.habit.unit)
        if value > limit:
            raise forms.ValidationError(f"Please enter a number from 0 to {f'{limit} {self.habit.unit}'.strip()}.")
        return value.quantize(Decimal("0.01"))


TARGET_FIELD = forms.DecimalField(
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


class StarterChoiceForm(forms.Form):
    """One item of the starter checklist: keep it or not, and adjust it first if you like."""

    starter = forms.TypedChoiceField(
        choices=[(i, item.name) for i, item in enumerate(STARTER_ROUTINE)], coerce=int, widget=forms.HiddenInput
    )
    include = forms.BooleanField(required=False)
    name = forms.CharField(max_length=80, required=False, label="Name")
    time_of_day = forms.ChoiceField(choices=Habit.TimeOfDay.choices, label="Time of day")
    # Checked in clean(), only for measurable items: a check item has no target to get wrong.
    target = forms.CharField(required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        item = self.item
        self.fields["include"].label = item.name if item else "Include"
        if item and item.kind == Habit.Kind.MEASURABLE:
            self.fields["target"].label = f"Target ({item.unit}, at least)"

    @property
    def item(self) -> StarterHabit | None:
        index = self["starter"].value()
        try:
            return STARTER_ROUTINE[int(index)]
        except (TypeError, ValueError, IndexError):
            return None

    def clean(self) -> dict:
        data = super().clean()
        item = self.item
        if not data.get("include") or item is None:
            return data
        data["name"] = " ".join((data.get("name") or "").split())
        if not data["name"]:
            self.add_error("name", "Please give this habit a name, or untick it.")
        if item.kind == Habit.Kind.MEASURABLE:
            try:
                target = TARGET_FIELD.clean(data.get("target"))
            except forms.ValidationError as error:
                self.add_error("target", error)
            else:
                if target > value_limit(item.unit):
                    self.add_error("target", f"Please enter a target up to {value_limit(item.unit)} {item.unit}.")
                data["target"] = target
        return data

    def to_habit(self, owner: User, position: int, start: date) -> Habit:
        data = self.cleaned_data
        changes = {"name": data["name"], "time_of_day": data["time_of_day"]}
        if self.item.kind == Habit.Kind.MEASURABLE:
            changes["target"] = data["target"]
        return self.item.build(owner, position, start, **changes)


class BaseStarterFormSet(forms.BaseFormSet):
    def __init__(self, *args, taken_names: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.taken_names = taken_names

    def clean(self) -> None:
        # The checklist offered is known: anything else is a stale or altered page.
        offered = [item["starter"] for item in self.initial or []]
        posted = [form.cleaned_data.get("starter") for form in self.forms]
        if sorted(posted, key=str) != sorted(offered, key=str):
            raise forms.ValidationError("The checklist does not match the one offered.")
        seen = set(self.taken_names)
        for form in self.forms:
            if not form.cleaned_data.get("include") or not form.cleaned_data.get("name"):
                continue
            key = form.cleaned_data["name"].casefold()
            if key in seen:
                form.add_error("name", "You already have a habit with this name.")
            seen.add(key)

    def repeats_a_saved_checklist(self) -> bool:
        """A second submit of the same page: everything ticked is already in the routine."""
        names = [" ".join((form["name"].value() or "").split()).casefold() for form in self.forms if form["include"].value()]
        return bool(names) and all(name in self.taken_names for name in names)

    def chosen(self) -> list[StarterChoiceForm]:
        return [form for form in self.forms if form.cleaned_data.get("include")]


StarterFormSet = forms.formset_factory(
    StarterChoiceForm,
    formset=BaseStarterFormSet,
    extra=0,
    max_num=len(STARTER_ROUTINE),
    absolute_max=len(STARTER_ROUTINE),
    validate_max=True,
)


def clean_habit_name(name: str, owner: User, exclude_pk: int | None = None) -> str:
    """Whitespace folded; refused when empty or when another active habit already has it."""
    name = " ".join((name or "").split())
    if not name:
        raise forms.ValidationError("Please give the habit a name.")
    others = owner.habits.filter(archived=False, name__iexact=name).exclude(pk=exclude_pk)
    if others.exists():
        raise forms.ValidationError(f"You already have a habit called “{name}”. Please choose another name.")
    return name


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
    target = forms.DecimalField(required=False, label="Target", error_messages={"invalid": "Please enter a number, like 7."})
    start_date = forms.DateField(label="Starting on", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

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
        labels = {"kind": "Kind", "unit": "Unit", "direction": "Direction", "schedule": "How often", "emoji": "Emoji"}
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
        if self.instance.pk:
            self.initial["weekday_choices"] = weekdays_in(self.instance.weekdays)

    def clean_name(self) -> str:
        return clean_habit_name(self.cleaned_data.get("name", ""), self.owner, self.instance.pk)

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
        habit = super().save(commit=False)
        data = self.cleaned_data
        # Keep only what the chosen kind and schedule use, so nothing stale lingers.
        habit.weekdays = weekday_mask(data["weekday_choices"]) if habit.schedule == Habit.Schedule.WEEKDAYS else 0
        habit.times_per_week = data["times_per_week"] if habit.schedule == Habit.Schedule.TIMES_PER_WEEK else None
        habit.interval_days = data["interval_days"] if habit.schedule == Habit.Schedule.EVERY_N_DAYS else None
        if habit.kind == Habit.Kind.CHECK:
            habit.unit, habit.target, habit.direction = "", None, Habit.Direction.AT_LEAST
        else:
            habit.unit = habit.unit.strip()
        habit.emoji = habit.emoji.strip()
        habit.owner = self.owner
        if commit:
            habit.save()
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
