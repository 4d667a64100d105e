"""The starter checklist offered after sign-up."""

from datetime import date

from django import forms

from ..models import Habit, User
from ..starter import STARTER_ROUTINE, StarterHabit
from .days import TARGET_FIELD, DecimalInput, value_limit


class StarterChoiceForm(forms.Form):
    """One item of the starter checklist: keep it or not, and adjust it first if you like."""

    starter = forms.TypedChoiceField(
        choices=[(i, item.name) for i, item in enumerate(STARTER_ROUTINE)], coerce=int, widget=forms.HiddenInput
    )
    include = forms.BooleanField(required=False)
    # The suggested reminder is off until the person turns it on: one tap on "Remind me at 07:30".
    remind = forms.BooleanField(required=False)
    name = forms.CharField(
        max_length=80, required=False, label="Name", error_messages={"max_length": "Please keep the name to 80 characters or fewer."}
    )
    time_of_day = forms.ChoiceField(choices=Habit.TimeOfDay.choices, label="Time of day")
    # Checked in clean(), only for measurable items: a check item has no target to get wrong.
    target = forms.CharField(
        required=False, max_length=20, widget=DecimalInput, error_messages={"max_length": "Please enter a number, like 7."}
    )
    reminder = forms.TimeField(
        required=False,
        label="Reminder",
        help_text="A gentle nudge at this time, off until you turn it on or pick a time here.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        item = self.item
        self.fields["include"].label = item.name if item else "Include"
        if item and item.kind == Habit.Kind.MEASURABLE:
            self.fields["target"].label = f"Target ({item.unit}, at least)"
        if item and item.reminder:
            self.fields["remind"].label = f"Remind me at {item.reminder}"
            self.fields["remind"].widget.attrs["data-ticks"] = self["include"].id_for_label  # static/js/app.js

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
        if data.get("remind"):
            data["include"] = True  # a reminder asked for an unticked item brings the item (app.js shows it at once)
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

    def wants_reminder(self) -> bool:
        """On when turned on, or when the person typed a time other than the one suggested:
        a time someone chose is never dropped. The suggestion alone stays off."""
        reminder = self.cleaned_data.get("reminder")
        if reminder is None:
            return False
        return self.cleaned_data.get("remind") or f"{reminder:%H:%M}" != self.item.reminder

    def to_habit(self, owner: User, position: int, start: date) -> Habit:
        data = self.cleaned_data
        reminder = data.get("reminder")
        reminders = [f"{reminder:%H:%M}"] if self.wants_reminder() else []
        changes = {"name": data["name"], "time_of_day": data["time_of_day"], "reminders": reminders}
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
