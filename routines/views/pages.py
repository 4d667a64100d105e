from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..days import user_today


@login_not_required
@require_GET
def get_help(request: HttpRequest) -> HttpResponse:
    return render(request, "routines/help.html")


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    return render(request, "routines/today.html", {"today": user_today(request.user)})
