"""A habit's own page: how it is growing, month by month and over the year."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..days import user_today
from ..history import add_months, heatmap, month_cells, month_start, value_chart, weekday_labels
from ..schedule import schedule_in_words
from ..stats import habit_stats
from .common import get_habit

CHART_RANGES = (30, 90)


def chosen_month(request: HttpRequest, first_day: date, today: date) -> date:
    """?month=2026-10 picks a month between the habit's first day and now; anything else shows this one."""
    try:
        first = date.fromisoformat(f"{request.GET['month']}-01")
    except (KeyError, ValueError):
        return month_start(today)
    return max(min(first, month_start(today)), month_start(min(first_day, today)))


@login_required
@require_GET
def habit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    habit = get_habit(request, pk)
    today = user_today(request.user)
    week_start = request.user.week_start
    records = list(habit.records.all())  # one query for everything below
    by_day = {record.day: record for record in records}
    # A day recorded before the start date (the start was moved later) stays reachable.
    first_day = min([habit.start_date, *by_day])
    month = chosen_month(request, first_day, today)
    context = {
        "habit": habit,
        "today": today,
        "schedule": schedule_in_words(habit, week_start),
        "stats": habit_stats(habit, records, today, week_start),
        "month": month,
        "month_weeks": month_cells(habit, by_day, month, today, week_start),
        "weekdays": weekday_labels(week_start),
        "previous_month": add_months(month, -1) if month > month_start(first_day) else None,
        "next_month": add_months(month, 1) if month < month_start(today) else None,
        "heatmap": heatmap(habit, by_day, today, week_start),
        "chart": value_chart(habit, by_day, today, 90 if request.GET.get("range") == "90" else 30) if habit.is_measurable else None,
        "chart_ranges": CHART_RANGES,
        "notes": sorted((r for r in records if r.note), key=lambda r: r.day, reverse=True),
    }
    return render(request, "routines/habit.html", context)
