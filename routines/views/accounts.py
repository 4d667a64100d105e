from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required, login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..accounts import log_out_other_devices
from ..forms import SettingsForm, SignUpForm
from ..models import User
from .calendar import feed_urls
from .common import render_page


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
    saved = False
    if request.method == "POST":
        if not form.is_valid():
            return render_page(request, "routines/settings.html", {"form": form, "feed": feed}, "settings-form", status=400)
        form.save()
        if not request.htmx:
            messages.success(request, "Your settings are saved.")
            return redirect("settings")
        saved = True
    return render_page(request, "routines/settings.html", {"form": form, "saved": saved, "feed": feed}, "settings-form")


@login_required
@require_POST
def log_out_elsewhere(request: HttpRequest) -> HttpResponse:
    """End every other session of this person (a lost phone, a shared computer); this one goes on."""
    log_out_other_devices(request)
    messages.success(request, "You are logged out on every other device. You are still logged in here.")
    return redirect("settings")
