from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..accounts import log_out_other_devices
from ..forms import SettingsForm, SignUpForm
from ..models import User
from ..throttle import client_ip, reset_email_allowed
from .calendar import feed_urls
from .common import render_page
from .push import push_context

# The same words for every name, whether or not an account has it.
LOCKED_OUT = (
    "Logging in with that name is paused for 15 minutes, to keep accounts safe after several tries "
    "that didn't match. Please try again then, or reset your password below."
)


@login_not_required
@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "routines/landing.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Another sign-up took the name after the form checked it: the form's own message.
            if not User.objects.filter(username__iexact=form.cleaned_data["username"]).exists():
                raise
            form.add_error("username", form.instance.unique_error_message(User, ["username"]))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("welcome")
    status = 400 if form.is_bound else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=request.user)
    feed = feed_urls(request, request.user)
    context = {"form": form, "feed": feed, **push_context(request.user)}
    saved = False
    if request.method == "POST":
        if not form.is_valid():
            return render_page(request, "routines/settings.html", context, "settings-form", status=400)
        form.save()
        if not request.htmx:
            messages.success(request, "Your settings are saved.")
            return redirect("settings")
        saved = True
    return render_page(request, "routines/settings.html", {**context, "saved": saved}, "settings-form")


@login_required
@require_POST
def log_out_elsewhere(request: HttpRequest) -> HttpResponse:
    """End every other session of this person (a lost phone, a shared computer); this one goes on."""
    log_out_other_devices(request)
    messages.success(request, "You are logged out on every other device. You are still logged in here.")
    return redirect("settings")


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None) -> HttpResponse:
    """What django-axes answers once a name is locked out (settings.AXES_LOCKOUT_CALLABLE):
    the login page again with a calm note, for the app's and the admin's login alike.
    Someone logged in got there by mistyping their password to change it or to leave:
    a calm pause page, not a login form."""
    if request.user.is_authenticated:
        return render(request, "password_paused.html", status=429)
    username = (credentials or {}).get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_out": LOCKED_OUT,
    }
    return render(request, "registration/login.html", context, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, with the request handed to the form: its password check is throttled."""

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, throttled (routines/throttle.py): past the limit nothing is sent,
    and the answer is the same "check your email" page, so it tells nothing either way."""

    def form_valid(self, form) -> HttpResponse:
        if reset_email_allowed(form.cleaned_data["email"], client_ip(self.request)):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
