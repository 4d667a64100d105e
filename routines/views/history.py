"""History: all habits together over recent months, with each habit's streak and strength."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..days import user_today
from ..history import add_months, daily_shares, month_start, month_weeks, weekday_labels
from ..insights import mood_observations
from ..models import DayRecord, JournalEntry
from ..stats import habit_stats

MONTHS_SHOWN = 3


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = user_today(user)
    habits = list(user.habits.filter(archived=False).prefetch_related("pauses"))
    # One query for every record of every active habit: the figures need all of it.
    # Light rows (day, status, value), not model instances: three years of a full routine are
    # tens of thousands of them, and building instances was half of the page's time.
    records = list(
        DayRecord.objects.filter(habit__owner=user, habit__archived=False).values_list("habit_id", "day", "status", "value", named=True)
    )
    by_habit: dict[int, list[DayRecord]] = {habit.id: [] for habit in habits}
    for record in records:
        by_habit[record.habit_id].append(record)
    first = add_months(month_start(today), -(MONTHS_SHOWN - 1))
    days = [first + timedelta(days=i) for i in range((today - first).days + 1)]
    shares = daily_shares(habits, {(r.habit_id, r.day): r for r in records}, days, today)
    # Every check-in's mood (two small columns): the calendars show them, the observations count them.
    moods = dict(JournalEntry.objects.filter(owner=user, mood__isnull=False).values_list("day", "mood"))
    months = [
        {
            "first": month,
            "weeks": [[(shares.get(d), moods.get(d)) if d else (None, None) for d in week] for week in month_weeks(month, user.week_start)],
        }
        for month in (add_months(first, i) for i in range(MONTHS_SHOWN))
    ]
    observations = mood_observations(habits, records, moods)
    context = {
        "months": list(reversed(months)),
        "weekdays": weekday_labels(user.week_start),
        "today": today,
        "habits": [(habit, habit_stats(habit, by_habit[habit.id], today, user.week_start)) for habit in habits],
        "observations": [o for o in observations if o.ready],
        "days_to_go": min((o.days_to_go for o in observations if not o.ready), default=0),
    }
    return render(request, "routines/history.html", context)
