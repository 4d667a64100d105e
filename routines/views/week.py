"""The Week page: seven days of every active habit, to fill in missed days with one thumb."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from ..days import user_today
from ..forms import CellForm, DayForm, DayNoteForm
from ..models import DayRecord, Habit
from ..records import set_status, status_for_value, write_day
from ..schedule import week_start_for
from ..week import Week, week_of
from .common import archived_answer, get_habit, local_url, nudges_may_have_changed, render_page

TEMPLATE = "routines/week.html"


def week_url(habit: Habit, day: date, start: date) -> str:
    """Back to the week, with the changed day named so the page can offer "Add note"."""
    return f"{reverse('week_of', args=[start])}?habit={habit.pk}&day={day.isoformat()}#week-habit-{habit.pk}"


def edited_from(request: HttpRequest, week: Week) -> tuple[int | None, date] | None:
    """The day named in the URL (?day=, and ?habit= after a change): its note links show.

    A day alone selects that day for every habit, so notes can be added without a tap
    that changes anything.
    """
    try:
        day = date.fromisoformat(request.GET["day"])
        habit = int(request.GET["habit"]) if "habit" in request.GET else None
    except (KeyError, ValueError):
        return None
    return (habit, day) if week.days[0] <= day <= week.days[-1] else None


@login_required
@require_GET
def week(request: HttpRequest, start: date | None = None) -> HttpResponse:
    today = user_today(request.user)
    grid = week_of(request.user, start or today, today, with_moods=True)
    if start and start != grid.start:
        return redirect("week_of", grid.start)
    context = {"week": grid, "edited": edited_from(request, grid)}
    return render_page(request, TEMPLATE, context, "week-grid")


def day_form(form_class: type[DayForm], request: HttpRequest, habit: Habit, day: date) -> DayForm:
    # The day comes from the URL; the form checks it has begun and the habit had started.
    data = request.POST.copy()
    data["day"] = day.isoformat()
    return form_class(data, habit=habit, today=user_today(request.user))


def cell_update(request: HttpRequest, habit: Habit, day: date, error: str = "", status: int = 200) -> HttpResponse:
    """The changed cell, and out of band its row's total, its day's total and the note line."""
    if not request.htmx and status == 200:
        return redirect(week_url(habit, day, week_start_for(day, request.user.week_start)))
    grid = week_of(request.user, day, user_today(request.user), with_moods=not request.htmx)
    if not request.htmx:
        context = {"week": grid, "edited": (habit.pk, day), "cell_error": error}
        return render(request, TEMPLATE, context, status=status)
    context = {**cell_context(grid, habit, day), "edited": (habit.pk, day), "cell_error": error}
    response = render_page(request, TEMPLATE, context, "cell-update", status=status)
    return nudges_may_have_changed(response, habit, day, grid.today) if status == 200 else response


def cell_context(grid: Week, habit: Habit, day: date) -> dict:
    """What a cell's out-of-band update needs: the cell, its row's total and its day's total."""
    row = next(r for r in grid.rows if r.habit.pk == habit.pk)
    index = (day - grid.start).days
    return {"week": grid, "row": row, "cell": row.cells[index], "total": grid.totals[index], "oob": True}


def today_cell_update(request: HttpRequest, habit: Habit) -> bytes:
    """Today's cell and totals, out of band, for a change made elsewhere on the Week page
    (Done on a nudge card): the grid then shows what the card did."""
    today = user_today(request.user)
    grid = week_of(request.user, today, today, with_moods=False)
    context = {**cell_context(grid, habit, today), "cell_oob": True}
    return render_to_string(f"{TEMPLATE}#cell-oob", context, request=request).encode()


@login_required
@require_POST
def week_cell(request: HttpRequest, pk: int, day: date) -> HttpResponse:
    """A tap on a check habit's day: the request names the state wanted (done, rest, nothing)."""
    habit = get_habit(request, pk)
    form = day_form(CellForm, request, habit, day)
    valid = form.is_valid()
    if form.has_error("day", "archived"):
        return archived_answer(request, form, reverse("week_of", args=[week_start_for(day, request.user.week_start)]))
    if habit.is_measurable:
        return cell_update(request, habit, day, "This habit takes a number: tap the day to type it.", 400)
    if not valid:
        return cell_update(request, habit, day, first_error(form), 400)
    set_status(habit, day, form.cleaned_data["status"])
    return cell_update(request, habit, day)


@login_required
@require_http_methods(["GET", "POST"])
def week_day(request: HttpRequest, pk: int, day: date) -> HttpResponse:
    """One habit's day in full: its note, and for a measurable habit its number or rest."""
    habit = get_habit(request, pk)
    if request.method == "POST":
        form = day_form(DayNoteForm, request, habit, day)
        if form.has_error("day", "archived"):
            return archived_answer(request, form, reverse("week_of", args=[week_start_for(day, request.user.week_start)]))
        if not form.is_valid():
            return render_editor(request, habit, day, form, DayRecord.objects.filter(habit=habit, day=day).first(), 400)
        save_day(habit, day, form)
        back = local_url(request, request.POST.get("next"))
        if back and not request.htmx:
            return HttpResponseRedirect(back)
        return cell_update(request, habit, day)
    record = DayRecord.objects.filter(habit=habit, day=day).first()
    initial = {
        "note": record.note if record else "",
        "value": record.value if record else None,
        "status": record.status if record else DayRecord.Status.NONE,
        "rest": bool(record) and record.status == DayRecord.Status.SKIPPED,
    }
    form = DayNoteForm(initial=initial, habit=habit, today=user_today(request.user))
    return render_editor(request, habit, day, form, record)


def save_day(habit: Habit, day: date, form: DayNoteForm) -> None:
    """Write what the person changed in the editor, in one statement, and nothing else."""
    data, changed = form.cleaned_data, set(form.changed_data)
    fields = {"note": data["note"]} if "note" in changed else {}
    if habit.is_measurable:
        if "value" in changed:
            fields["value"] = data["value"]
        if changed & {"value", "rest"}:
            fields["status"] = DayRecord.Status.SKIPPED if data["rest"] else status_for_value(habit, data["value"])
    elif "status" in changed and data["status"]:
        fields["status"] = data["status"]
    if fields:
        write_day(habit, day, **fields)


def render_editor(
    request: HttpRequest, habit: Habit, day: date, form: DayNoteForm, record: DayRecord | None, status: int = 200
) -> HttpResponse:
    back = local_url(request, request.POST.get("next") or request.GET.get("next"))
    context = {"habit": habit, "day": day, "form": form, "record": record, "next": back}
    response = render_page(request, "routines/week_day.html", context, "day-editor", status=status)
    if request.htmx and status == 400:
        # The form posts to the cell; its corrections belong back in the editor.
        response = reswap(retarget(response, f"#editor-{habit.pk}"), "innerHTML")
    return response


def first_error(form: DayForm) -> str:
    return next(iter(e for errors in form.errors.values() for e in errors), "That didn't work. Please try again.")
