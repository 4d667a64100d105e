"""Forms, one module per concern; the views import them from here."""

from .accounts import AdminLoginForm, LoginForm, PasswordChangeForm, SetPasswordForm, SettingsForm, SignUpForm
from .data import DeleteAccountForm, ImportConfirmForm, ImportForm
from .days import CellForm, CheckOffForm, DayForm, DayNoteForm, MeasureForm, value_limit
from .habits import HabitForm, PauseForm, RestoreForm
from .push import PushSubscriptionForm
from .starter import StarterFormSet
from .support import SupportContactForm, SupportItemForm

__all__ = [
    "AdminLoginForm",
    "LoginForm",
    "CellForm",
    "CheckOffForm",
    "DayForm",
    "DayNoteForm",
    "DeleteAccountForm",
    "HabitForm",
    "ImportConfirmForm",
    "ImportForm",
    "MeasureForm",
    "PasswordChangeForm",
    "PauseForm",
    "PushSubscriptionForm",
    "RestoreForm",
    "SetPasswordForm",
    "SettingsForm",
    "SignUpForm",
    "StarterFormSet",
    "SupportContactForm",
    "SupportItemForm",
    "value_limit",
]
