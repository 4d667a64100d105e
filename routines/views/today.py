from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..agenda import Agenda, HabitDay, by_time_of_day, day_agenda, habit_day, progress, row_and_progress
from ..days import user_today
from ..forms import CheckOffForm, DayForm, MeasureForm
from ..models import DayRecord, Habit, User
from ..nudges import MAX_CARDS
from ..records import set_status, set_value, take_rest_day, undo_rest_day
from .common import archived_answer, get_habit, nudges_may_have_changed, render_page
from .journal import look_back_choices, today_journal, turn_from
from .nudges import current_nudges

TEMPLATE = "routines/today.html"


def page_context(user: User, day: date, turn: int = 0, chosen: dict[int, str] | None = None) -> dict[str, Any]:
    agenda = day_agenda(user, day, ask_ever_logged=True, ask_rest_day=True)
    return {
        **today_journal(user, day, turn, chosen, agenda.habits),
        "day": day,
        "groups": by_time_of_day(agenda.due),
        "done_for_the_week": agenda.done_for_the_week,
        "progress": progress(agenda.due),
        "has_habits": bool(agenda.due or agenda.done_for_the_week) or user.habits.filter(archived=False).exists(),
        "rest_day": agenda.rest_day,
        "can_rest": any(row.open for row in agenda.due),
        # One line on what the round button does, until the first check-off.
        "first_hint": not agenda.ever_logged and any(not row.habit.is_measurable for row in agenda.due),
        # The nudge area's cards, from the same agenda: no request for them when the page loads.
        "nudges": current_nudges(user, MAX_CARDS, agenda),
    }


def first_hint_after_change(user: User, row: HabitDay) -> bool:
    """Whether the hint stays after a change: gone once something is done; back if the only
    check-off was undone (one query, only then)."""
    if row.habit.is_measurable or row.done or row.partly_done:
        return False
    logged = DayRecord.objects.filter(
        habit__owner=user, habit__archived=False, status__in=[DayRecord.Status.DONE, DayRecord.Status.PARTIAL]
    )
    return not logged.exists()


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    day = user_today(request.user)
    return render(request, TEMPLATE, page_context(request.user, day, turn_from(request), look_back_choices(request, day)))


@login_required
@require_GET
def today_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One habit's row as stored, and the day's progress, to show the truth after a failed request."""
    habit = get_habit(request, pk)
    if not request.htmx or request.htmx.history_restore_request:  # a row is no page to restore: Today is
        return redirect(f"{reverse('today')}#habit-{habit.pk}")
    form = DayForm(request.GET, habit=habit, today=user_today(request.user))
    form.is_valid()
    return row_update(request, habit, form.cleaned_data.get("day") or user_today(request.user))


def habit_and_agenda(request: HttpRequest, pk: int, today: date) -> tuple[Habit, Agenda | None]:
    """The habit (another person's is a 404) and, for an htmx change, the agenda of the day posted,
    which its answer needs: an active habit comes from the agenda's read, pauses and all."""
    try:  # read as the form reads it
        day = DayForm.base_fields["day"].to_python(request.POST.get("day"))
    except ValidationError:
        day = None  # the form says what is wrong with it
    agenda = day_agenda(request.user, day) if request.htmx and day and day <= today else None
    habit = agenda.habit(pk) if agenda else None
    return habit or get_habit(request, pk), agenda


@login_required
@require_POST
def check_off(request: HttpRequest, pk: int) -> HttpResponse:
    today = user_today(request.user)
    habit, agenda = habit_and_agenda(request, pk, today)
    form = CheckOffForm(request.POST, habit=habit, today=today)
    if habit.is_measurable:
        return invalid_row(request, habit, form, "This habit takes a number: please type it in the box.")
    if not form.is_valid():
        return invalid_row(request, habit, form)
    set_status(habit, form.cleaned_data["day"], form.cleaned_data["state"])
    if agenda:
        agenda.stored(habit, form.cleaned_data["state"])
    return updated_row(request, habit, form, agenda)


@login_required
@require_POST
def measure(request: HttpRequest, pk: int) -> HttpResponse:
    today = user_today(request.user)
    habit, agenda = habit_and_agenda(request, pk, today)
    form = MeasureForm(request.POST, habit=habit, today=today)
    if not habit.is_measurable:
        return invalid_row(request, habit, form, "This habit is checked off with a tap.")
    if not form.is_valid():
        return invalid_row(request, habit, form)
    status = set_value(habit, form.cleaned_data["day"], form.cleaned_data["value"])
    if agenda:
        agenda.stored(habit, status, form.cleaned_data["value"])
    return updated_row(request, habit, form, agenda)


def updated_row(request: HttpRequest, habit: Habit, form: DayForm, agenda: Agenda | None) -> HttpResponse:
    """The habit's new row and, out of band, the day's progress (from `agenda` as it stands after
    the change, when there is one); without htmx, back to Today."""
    if not request.htmx:
        return redirect(f"{reverse('today')}#habit-{habit.pk}")
    day = form.cleaned_data["day"]
    return nudges_may_have_changed(row_update(request, habit, day, agenda), habit, day, form.today)


def row_update(request: HttpRequest, habit: Habit, day: date, agenda: Agenda | None = None) -> HttpResponse:
    row, day_progress = row_and_progress(request.user, habit, day, agenda)
    context = {"row": row, "progress": day_progress, "first_hint": first_hint_after_change(request.user, row)}
    return render_page(request, TEMPLATE, context, "row-update")


def invalid_row(request: HttpRequest, habit: Habit, form: DayForm, message: str = "") -> HttpResponse:
    """A 400 with the message in the row (htmx swaps it in) or on the whole page.

    The row is for the day the page showed, when that day was valid, so a page
    left open past midnight keeps answering about its own day.
    """
    form.is_valid()
    if form.has_error("day", "archived"):
        return archived_answer(request, form, reverse("today"))
    day = form.cleaned_data.get("day") or user_today(request.user)
    errors = [message] if message else [e for field_errors in form.errors.values() for e in field_errors]
    context = {
        "row": habit_day(habit, day, request.user.week_start),
        "error_habit": habit.pk,
        "row_errors": errors,
        "typed_value": request.POST.get("value"),  # what was typed stays in the field
    }
    if request.htmx:
        return render_page(request, TEMPLATE, context, "habit-row", status=400)
    return render(request, TEMPLATE, {**page_context(request.user, day), **context}, status=400)


@login_required
@require_POST
def rest_day(request: HttpRequest) -> HttpResponse:
    """Set today's open habits aside. Rest is part of care."""
    day = user_today(request.user)
    take_rest_day(request.user, day, [row.habit for row in day_agenda(request.user, day).due if row.open])
    return back_to_rest()


@login_required
@require_POST
def undo_rest(request: HttpRequest) -> HttpResponse:
    undo_rest_day(request.user, user_today(request.user))
    return back_to_rest()


def back_to_rest() -> HttpResponse:
    """Today, scrolled to the rest card (or the offer again, after an undo), where the tap was made."""
    return redirect(f"{reverse('today')}#rest-day")
