from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.utils import timezone

from ..accounts import password_confirmed
from ..days import time_zone_choices
from ..helplines import country_choices, country_for_time_zone
from ..models import User


def day_start_choices() -> list[tuple[int, str]]:
    return [(0, "Midnight (the usual)")] + [(h, f"{h}:00 at night") for h in range(1, 7)]


# The user table's column: a longer address would not fit.
EMAIL_LIMIT = 254
EMAIL_TOO_LONG = {"max_length": f"Please use an email address of at most {EMAIL_LIMIT} characters."}


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        max_length=EMAIL_LIMIT,
        error_messages=EMAIL_TOO_LONG,
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
        self.fields["username"].error_messages["max_length"] = "Please keep the name to 150 characters or fewer."
        self.fields["password1"].help_text = "At least 8 characters; not a common or all-number password."
        self.fields["password2"].label = "Password again"
        self.fields["password2"].help_text = ""

    def clean_time_zone(self) -> str:
        value = self.cleaned_data.get("time_zone", "")
        return value if value in dict(time_zone_choices()) else "UTC"

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.time_zone = self.cleaned_data["time_zone"]
        # A first guess for Get help's lines; Settings changes it.
        user.country = country_for_time_zone(user.time_zone)
        if commit:
            user.save()
        return user


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, label="Time zone")
    country = forms.ChoiceField(
        choices=country_choices,
        required=False,
        label="Country",
        help_text="Get help shows the crisis lines for this country first.",
    )
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
        max_length=EMAIL_LIMIT,
        error_messages=EMAIL_TOO_LONG,
        label="Email",
        help_text="Optional. Used only to reset a forgotten password.",
    )
    quiet_start = forms.TimeField(
        required=False,
        label="Quiet from",
        help_text="No nudges between these times, for example 22:00 to 07:00. Leave both empty for none.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_end = forms.TimeField(
        required=False, label="Quiet until", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    reminders_paused = forms.BooleanField(required=False, label="Pause all reminders")
    # Not required: a Settings page from before this choice existed still saves, keeping the theme.
    theme = forms.ChoiceField(choices=User.Theme.choices, required=False, label="Light or dark", widget=forms.RadioSelect)

    class Meta:
        model = User
        fields = ("time_zone", "country", "day_start_hour", "week_start", "email", "quiet_start", "quiet_end", "reminders_paused", "theme")

    def save(self, commit: bool = True) -> User:
        """Only the settings that changed are written: a password or calendar link changed
        by another request meanwhile stays as that request left it."""
        user = super().save(commit=False)
        fields = [name for name in self.changed_data if name in self._meta.fields]
        if {"time_zone", "day_start_hour"} & set(fields):
            user.reminders_changed = timezone.now()
            fields.append("reminders_changed")
        if commit and fields:
            user.save(update_fields=fields)
        return user

    def clean_theme(self) -> str:
        return self.cleaned_data["theme"] or self.instance.theme

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("quiet_start"), data.get("quiet_end")
        if (start is None) != (end is None) and not self.has_error("quiet_start") and not self.has_error("quiet_end"):
            self.add_error("quiet_end" if start else "quiet_start", "Please fill in both times, or leave both empty.")
        elif start is not None and start == end:
            self.add_error("quiet_end", "Please choose a different time from the start.")
        return data


class PasswordOnlySaving:
    """Django's password forms save the whole user row as it was read; this writes only
    the password, so settings or a calendar link changed meanwhile are not undone."""

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        if commit:
            user.save(update_fields=["password"])
        return user


class PasswordChangeForm(PasswordOnlySaving, auth_forms.PasswordChangeForm):
    def __init__(self, user: User, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        """Checked as a login is, so wrong guesses count towards the same pause."""
        old_password = self.cleaned_data["old_password"]
        if not password_confirmed(self.request, self.user, old_password):
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class SetPasswordForm(PasswordOnlySaving, auth_forms.SetPasswordForm):
    pass


class UsernameLimit:
    """Django's login forms set the username's max_length without its validator, so any length
    reached authenticate() and the login throttle's 255-character column: a 500 on PostgreSQL.
    A name longer than any account can have is refused in the form, calmly."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = User._meta.get_field("username").max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(limit, f"Usernames are at most {limit} characters. Please check yours.")
        )


class LoginForm(UsernameLimit, auth_forms.AuthenticationForm):
    pass


class AdminLoginForm(UsernameLimit, AdminAuthenticationForm):
    pass
