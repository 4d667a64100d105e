from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def get_help(request: HttpRequest) -> HttpResponse:
    return render(request, "routines/help.html")
