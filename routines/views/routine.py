"""The Routine page: shape the list of habits without ever losing their history."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import habits
from ..days import user_today
from ..forms import HabitForm, PauseForm, RestoreForm
from ..models import Habit, Pause, User
from ..schedule import current_pause, schedule_in_words
from ..starter import IDEAS, StarterHabit
from .common import get_habit, render_page

TEMPLATE = "routines/routine.html"
FORM_TEMPLATE = "routines/habit_form.html"


@dataclass
class RoutineRow:
    habit: Habit
    schedule: str
    pause: Pause | None = None
    first: bool = False
    last: bool = False


def ideas_for(active: list[Habit]) -> list[tuple[int, StarterHabit]]:
    taken = {habit.name.casefold() for habit in active}
    return [(index, idea) for index, idea in enumerate(IDEAS) if idea.name.casefold() not in taken]


def routine_context(user: User, **extra: Any) -> dict[str, Any]:
    today = user_today(user)
    every = list(user.habits.prefetch_related("pauses"))
    active = [h for h in every if not h.archived]
    rows = [
        RoutineRow(h, schedule_in_words(h, user.week_start), current_pause(h, today), i == 0, i == len(active) - 1)
        for i, h in enumerate(active)
    ]
    archived = [RoutineRow(h, schedule_in_words(h, user.week_start)) for h in every if h.archived]
    return {"rows": rows, "archived": archived, "ideas": ideas_for(active), "today": today, **extra}


def routine_answer(request: HttpRequest, habit: Habit | None = None, status: int = 200, **extra: Any) -> HttpResponse:
    """After a change: the list again for htmx, or back to the Routine page."""
    if request.htmx or status != 200:
        return render_page(request, TEMPLATE, routine_context(request.user, **extra), "routine-body", status=status)
    return redirect(f"{reverse('routine')}#routine-habit-{habit.pk}" if habit else "routine")


@login_required
@require_GET
def routine(request: HttpRequest) -> HttpResponse:
    return render(request, TEMPLATE, routine_context(request.user))


def row_answer(request: HttpRequest, habit: Habit) -> HttpResponse:
    context = routine_context(request.user)
    row = next(r for r in context["rows"] + context["archived"] if r.habit.pk == habit.pk)
    return render_page(request, TEMPLATE, {**context, "row": row}, "habit-row")


@login_required
@require_GET
def routine_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One habit's row as it is (Cancel on an inline edit)."""
    habit = get_habit(request, pk)
    if not request.htmx:
        return redirect(f"{reverse('routine')}#routine-habit-{habit.pk}")
    return row_answer(request, habit)


@login_required
@require_http_methods(["GET", "POST"])
def habit_new(request: HttpRequest) -> HttpResponse:
    today = user_today(request.user)
    form = HabitForm(request.POST or None, owner=request.user, initial={"start_date": today})
    if request.method == "POST" and form.is_valid():
        try:
            habit = form.save()
        except habits.NameTaken as taken:
            form.add_error("name", taken)
        else:
            return redirect(f"{reverse('routine')}#routine-habit-{habit.pk}")
    context = {"form": form, "action": reverse("habit_new")}
    return render(request, FORM_TEMPLATE, context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def habit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit in place with htmx (the row becomes the form), or on a page of its own without."""
    habit = get_habit(request, pk)
    form = HabitForm(request.POST or None, instance=habit, owner=request.user, auto_id=f"habit{habit.pk}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except habits.NameTaken as taken:
            form.add_error("name", taken)
        else:
            if request.htmx:
                return row_answer(request, habit)
            return redirect(f"{reverse('routine')}#routine-habit-{habit.pk}")
    context = {"form": form, "habit": habit, "action": reverse("habit_edit", args=[habit.pk]), "inline": bool(request.htmx)}
    return render_page(request, FORM_TEMPLATE, context, "inline-edit", status=400 if form.is_bound else 200)


@login_required
@require_POST
def habit_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move up or down among the active habits; the order is the order on Today."""
    habit = get_habit(request, pk)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if step is None or habit.archived:
        return routine_answer(request, habit, status=400, error="That move didn't work. Please try again.")
    habits.move(habit, step)
    return routine_answer(request, habit)


@login_required
@require_POST
def habit_pause(request: HttpRequest, pk: int) -> HttpResponse:
    habit = get_habit(request, pk)
    today = user_today(request.user)
    form = PauseForm(request.POST, today=today)
    if not form.is_valid():
        return routine_answer(request, habit, status=400, pause_form=form, pause_habit=habit.pk)
    habits.pause(habit, today, form.cleaned_data["until"])
    return routine_answer(request, habit)


@login_required
@require_POST
def habit_resume(request: HttpRequest, pk: int) -> HttpResponse:
    """End the pause today: past paused days stay paused; a pause from today leaves no trace."""
    habit = get_habit(request, pk)
    habits.resume(habit, user_today(request.user))
    return routine_answer(request, habit)


@login_required
@require_POST
def habit_archive(request: HttpRequest, pk: int) -> HttpResponse:
    habit = get_habit(request, pk)
    habits.archive(habit)
    return routine_answer(request, habit)


@login_required
@require_POST
def habit_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Bring an archived habit back with all its history, asking for a new name if its old one is taken."""
    habit = get_habit(request, pk)
    if not habit.archived:
        return routine_answer(request, habit)
    asking = "name" in request.POST
    form = RestoreForm(request.POST if asking else None, owner=request.user)
    if (asking or habits.name_is_taken(request.user.pk, habit.name)) and not form.is_valid():
        return routine_answer(request, habit, status=400, restore_form=form, restore_habit=habit.pk)
    try:
        habits.restore(habit, form.cleaned_data["name"] if asking else None)
    except habits.NameTaken as taken:  # taken by another request since it was checked
        if asking:
            form.add_error("name", taken)
        return routine_answer(request, habit, status=400, restore_form=form, restore_habit=habit.pk)
    return routine_answer(request, habit)


@login_required
@require_http_methods(["GET", "POST"])
def habit_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A real confirmation step (a page of its own), saying what will go."""
    habit = get_habit(request, pk)
    if request.method == "POST":
        habits.delete(habit)
        return redirect("routine")
    days = habit.records.exclude(status="none", value__isnull=True, note="").count()
    return render(request, "routines/habit_delete.html", {"habit": habit, "days": days})


@login_required
@require_POST
def add_idea(request: HttpRequest) -> HttpResponse:
    """One tap adds an idea with sensible defaults; Edit adjusts it afterwards."""
    available = dict(ideas_for(list(request.user.habits.filter(archived=False))))
    try:
        idea = available[int(request.POST.get("idea", ""))]
        habit = habits.add(idea.build(request.user, 0, user_today(request.user)))
    except (ValueError, KeyError, habits.NameTaken):  # NameTaken: added by another request meanwhile
        return routine_answer(request, status=400, error="That idea is already in your routine.")
    return routine_answer(request, habit)
