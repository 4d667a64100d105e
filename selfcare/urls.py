from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.views.decorators.http import require_http_methods

from routines.converters import IsoDateConverter
from routines.forms import LoginForm, PasswordChangeForm, SetPasswordForm
from routines.views import accounts, calendar, data, habits, history, install, journal, nudges, onboarding, pages, push, routine, support, today, week

register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("", accounts.landing, name="landing"),
    path("manifest.webmanifest", install.manifest, name="manifest"),
    path("sw.js", install.service_worker, name="service_worker"),
    path("offline/", install.offline, name="offline"),
    path("signup/", accounts.signup, name="signup"),
    path("welcome/", onboarding.welcome, name="welcome"),
    # Django's own views, with forms that save only the password (before the include, so these win).
    # (Django's form views would take PUT as a POST: only GET and POST, as every other page.)
    path(
        "accounts/password_change/",
        require_http_methods(["GET", "POST"])(accounts.PasswordChangeView.as_view(form_class=PasswordChangeForm)),
        name="password_change",
    ),
    path(
        "accounts/password_reset/",
        require_http_methods(["GET", "POST"])(accounts.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        require_http_methods(["GET", "POST"])(auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm)),
        name="password_reset_confirm",
    ),
    path(
        "accounts/login/",
        require_http_methods(["GET", "POST"])(auth_views.LoginView.as_view(authentication_form=LoginForm)),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("today/", today.today, name="today"),
    path("today/rest/", today.rest_day, name="rest_day"),
    path("today/rest/undo/", today.undo_rest, name="undo_rest"),
    path("today/habits/<int:pk>/", today.today_row, name="today_row"),
    path("today/habits/<int:pk>/check/", today.check_off, name="check_off"),
    path("today/habits/<int:pk>/measure/", today.measure, name="measure"),
    path("week/", week.week, name="week"),
    path("week/<isodate:start>/", week.week, name="week_of"),
    path("week/habits/<int:pk>/<isodate:day>/", week.week_day, name="week_day"),
    path("week/habits/<int:pk>/<isodate:day>/state/", week.week_cell, name="week_cell"),
    path("habits/<int:pk>/", habits.habit_detail, name="habit"),
    path("history/", history.history, name="history"),
    path("journal/", journal.journal, name="journal"),
    path("journal/<isodate:day>/", journal.check_in, name="check_in"),
    path("journal/safeguard/hide/", journal.safeguard_hide, name="safeguard_hide"),
    path("journal/review/hide/", journal.review_hide, name="review_hide"),
    path("journal/review/habits/<int:pk>/", journal.look_back_choice, name="look_back_choice"),
    path("nudges/", nudges.nudges, name="nudges"),
    path("nudges/<int:pk>/done/", nudges.nudge_done, name="nudge_done"),
    path("nudges/<int:pk>/snooze/", nudges.nudge_snooze, name="nudge_snooze"),
    path("nudges/<int:pk>/dismiss/", nudges.nudge_dismiss, name="nudge_dismiss"),
    path("nudges/push/", push.push_action, name="push_action"),
    path("routine/", routine.routine, name="routine"),
    path("routine/new/", routine.habit_new, name="habit_new"),
    path("routine/ideas/", routine.add_idea, name="add_idea"),
    path("routine/<int:pk>/", routine.routine_row, name="routine_row"),
    path("routine/<int:pk>/edit/", routine.habit_edit, name="habit_edit"),
    path("routine/<int:pk>/move/", routine.habit_move, name="habit_move"),
    path("routine/<int:pk>/pause/", routine.habit_pause, name="habit_pause"),
    path("routine/<int:pk>/resume/", routine.habit_resume, name="habit_resume"),
    path("routine/<int:pk>/archive/", routine.habit_archive, name="habit_archive"),
    path("routine/<int:pk>/restore/", routine.habit_restore, name="habit_restore"),
    path("routine/<int:pk>/delete/", routine.habit_delete, name="habit_delete"),
    path("settings/", accounts.settings_page, name="settings"),
    path("settings/export/", data.data_export, name="data_export"),
    path("settings/import/", data.import_upload, name="import_upload"),
    path("settings/import/<int:pk>/", data.import_preview, name="import_preview"),
    path("settings/import/<int:pk>/cancel/", data.import_cancel, name="import_cancel"),
    path("settings/leave/", data.account_delete, name="account_delete"),
    path("settings/notifications/", push.push_subscribe, name="push_subscribe"),
    path("settings/notifications/<int:pk>/test/", push.push_test, name="push_test"),
    path("settings/notifications/<int:pk>/remove/", push.push_remove, name="push_remove"),
    path("settings/log-out-elsewhere/", accounts.log_out_elsewhere, name="log_out_elsewhere"),
    path("help/", pages.get_help, name="help"),
    path("help/support/contacts/", support.contact_add, name="support_contact_add"),
    path("help/support/contacts/<int:pk>/", support.contact_edit, name="support_contact_edit"),
    path("help/support/contacts/<int:pk>/delete/", support.contact_delete, name="support_contact_delete"),
    path("help/support/lists/<slug:kind>/", support.item_add, name="support_item_add"),
    path("help/support/items/<int:pk>/", support.item_edit, name="support_item_edit"),
    path("help/support/items/<int:pk>/delete/", support.item_delete, name="support_item_delete"),
    path("settings/calendar/", calendar.calendar_link, name="calendar_link"),
    path("calendar/<slug:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("admin/", admin.site.urls),
]

# The 500 page names the helplines' directory (the others are Django's own views, with templates/4xx.html).
handler500 = pages.server_error
