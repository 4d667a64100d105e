from django.contrib import admin
from django.urls import include, path

from routines.views import accounts, habits, onboarding, pages, today

urlpatterns = [
    path("", accounts.landing, name="landing"),
    path("signup/", accounts.signup, name="signup"),
    path("welcome/", onboarding.welcome, name="welcome"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("today/", today.today, name="today"),
    path("today/habits/<int:pk>/", today.today_row, name="today_row"),
    path("today/habits/<int:pk>/check/", today.check_off, name="check_off"),
    path("today/habits/<int:pk>/measure/", today.measure, name="measure"),
    path("habits/<int:pk>/", habits.habit_detail, name="habit"),
    path("settings/", accounts.settings_page, name="settings"),
    path("help/", pages.get_help, name="help"),
    path("admin/", admin.site.urls),
]
