from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from ..days import time_zone_choices
from ..models import User


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
