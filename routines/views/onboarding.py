from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import habits
from ..days import user_today
from ..forms import StarterFormSet
from ..starter import STARTER_ROUTINE


@login_required
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest) -> HttpResponse:
    """The starter checklist: a few small items ticked, reminders off, each adjustable, none required."""
    taken = {name.casefold() for name in request.user.habits.filter(archived=False).values_list("name", flat=True)}
    initial = [
        {
            "starter": index,
            "include": item.ticked,
            "name": item.name,
            "time_of_day": item.time_of_day,
            "target": item.target,
            "reminder": item.reminder or None,
        }
        for index, item in enumerate(STARTER_ROUTINE)
        if item.name.casefold() not in taken
    ]
    formset = StarterFormSet(request.POST or None, initial=initial, taken_names=taken, prefix="starter")
    if request.method == "POST":
        if not formset.is_valid():
            if formset.repeats_a_saved_checklist():
                return redirect("today")
            if formset.non_form_errors():
                # A stale or altered page: offer the checklist as it is now.
                fresh = StarterFormSet(initial=initial, taken_names=taken, prefix="starter")
                context = {"formset": fresh, "checklist_changed": True}
                return render(request, "routines/welcome.html", context, status=400)
            return render(request, "routines/welcome.html", {"formset": formset}, status=400)
        today = user_today(request.user)
        try:
            habits.add_all(request.user, [form.to_habit(request.user, 0, today) for form in formset.chosen()])
        except habits.NameTaken:
            # Only a second submit racing the first gets here (a double tap on
            # "Start my routine"): the first one has already saved the same habits.
            pass
        return redirect("today")
    return render(request, "routines/welcome.html", {"formset": formset, "has_habits": bool(taken)})
