from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.http import HttpRequest

from ..accounts import password_confirmed
from ..importing.apply import Preview


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text="Selfcare's own export (.zip or selfcare.json), Loop Habit Tracker (.zip or .db) or Beaver Habit Tracker (.json). Up to 20 MB.",
        error_messages={"required": "Please choose a file to import.", "empty": "This file is empty."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError("This file is over 20 MB, more than Selfcare imports at once.")
        return upload


class ImportConfirmForm(forms.Form):
    """For each habit whose name is already in the routine: merge into it, or bring it in as a new one."""

    use_settings = forms.BooleanField(
        required=False, initial=True, label="Also use the settings saved in the file (time zone, day start, quiet hours)"
    )

    def __init__(self, *args, preview: Preview, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.preview = preview
        if not preview.plan.settings:
            del self.fields["use_settings"]
        for row in preview.matched:
            self.fields[f"habit_{row.index}"] = forms.ChoiceField(
                label=row.habit.name,
                choices=[("merge", f"Add its days to my “{row.match.name}”"), ("new", f"Bring it in as “{row.new_name}”")],
                initial="merge",
                widget=forms.RadioSelect,
            )

    def merge(self) -> set[int]:
        return {row.index for row in self.preview.matched if self.cleaned_data[f"habit_{row.index}"] == "merge"}

    def habit_choices(self):
        return [(row, self[f"habit_{row.index}"] if row.match else None) for row in self.preview.habits]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label="Your password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_confirmed(self.request, self.request.user, password):
            # The words Change password uses for the same mistake.
            raise forms.ValidationError(auth_forms.PasswordChangeForm.error_messages["password_incorrect"], code="password_incorrect")
        return password
