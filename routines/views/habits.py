from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..days import user_today
from ..schedule import schedule_in_words
from .common import get_habit


@login_required
@require_GET
def habit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    habit = get_habit(request, pk)
    recent = habit.records.exclude(status="none", note="").order_by("-day")[:14]
    context = {
        "habit": habit,
        "schedule": schedule_in_words(habit, request.user.week_start),
        "recent": recent,
        "today": user_today(request.user),
    }
    return render(request, "routines/habit.html", context)
