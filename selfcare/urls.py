from django.contrib import admin
from django.urls import include, path

from routines.views import accounts, pages

urlpatterns = [
    path("", accounts.landing, name="landing"),
    path("signup/", accounts.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("today/", pages.today, name="today"),
    path("settings/", accounts.settings_page, name="settings"),
    path("help/", pages.get_help, name="help"),
    path("admin/", admin.site.urls),
]
