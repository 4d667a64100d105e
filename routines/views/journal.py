"""The journal: a check-in for each day (on Today, or any past day) and the Journal page."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..days import user_today
from ..forms.journal import CheckInForm
from ..insights import REVIEW_WINDOW, SAFEGUARD_WINDOW, HardHabit, review_due, safeguard_due, week_review
from ..journal import dismiss_review, feelings_offered, prompt_for, put_safeguard_away, save_entry
from .. import habits
from ..models import DayRecord, Habit, JournalEntry, Mood, User
from .common import get_habit, local_url, render_page

TEMPLATE = "routines/check_in.html"
PER_PAGE = 20
YEARS_BACK = 10
LOOK_BACK_CHOICES = ("smaller", "pause", "keep")
PAUSE_FROM_LOOK_BACK = timedelta(days=7)


def entry_for(user: User, day: date) -> JournalEntry | None:
    return JournalEntry.objects.filter(owner=user, day=day).first()


def check_in_form(user: User, entry: JournalEntry | None, data: Any = None) -> CheckInForm:
    initial = {"mood": entry.mood, "feelings": entry.feelings, "prompt": entry.prompt, "text": entry.text} if entry else {}
    offered = feelings_offered(user)
    # An older entry's own word may have left the offered list: it stays a choice, so it stays chosen.
    offered += [word for word in (entry.feelings if entry else []) if word not in offered]
    return CheckInForm(data, initial=initial, offered=offered)


def check_in_context(user: User, day: date, entry: JournalEntry | None, form: CheckInForm, turn: int = 0, **extra: Any) -> dict[str, Any]:
    """What the card needs: the form and the prompt (the one answered, once there are words)."""
    prompt = entry.prompt if entry and entry.text and entry.prompt else prompt_for(day, turn)
    return {
        "day": day,
        "today": user_today(user),
        "entry": entry,
        "form": form,
        "prompt": prompt,
        "next_turn": turn + 1,
        **extra,
    }


def with_next(request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    """Where the page was opened from (the Week's mood row), to go back there after saving."""
    return {**context, "next": local_url(request, request.GET.get("next") or request.POST.get("next"))}


def today_journal(
    user: User, day: date, turn: int = 0, chosen: dict[int, str] | None = None, habits: list[Habit] | None = None
) -> dict[str, Any]:
    """Today's check-in card, the gentle safeguard card, and on the first day of the week
    the look back, from one query for the last fifteen days' check-ins (on that day, one more
    for two weeks of records; two more when the person's habits, with their pauses, are not given)."""
    first = day - timedelta(days=max(SAFEGUARD_WINDOW - 1, REVIEW_WINDOW))
    recent = {entry.day: entry for entry in JournalEntry.objects.filter(owner=user, day__range=(first, day))}
    moods = {entry_day: entry.mood for entry_day, entry in recent.items() if entry.mood}
    entry = recent.get(day)
    review = None
    if review_due(day, user.week_start, user.review_dismissed_week):
        if habits is None:
            habits = list(user.habits.filter(archived=False, start_date__lte=day).prefetch_related("pauses"))
        active = [habit for habit in habits if not habit.archived and habit.start_date < day]
        records = DayRecord.objects.filter(habit__in=active, day__range=(day - timedelta(days=REVIEW_WINDOW), day))
        review = week_review(day, active, records, moods)
        chosen = chosen or {}
        for hard in review.hard:
            hard.chosen = chosen.get(hard.habit.pk, "")
        # A habit made smaller may no longer count as hard: its offer stays, to say what was done.
        listed = {hard.habit.pk for hard in review.hard}
        review.hard += [HardHabit(h, 0, 0, chosen[h.pk]) for h in active if h.pk in chosen and h.pk not in listed]
    return {
        "check_in": check_in_context(user, day, entry, check_in_form(user, entry), turn),
        "safeguard": safeguard_due(moods, day, user.safeguard_hidden_until),
        "review": review,
        "paused_until": day + PAUSE_FROM_LOOK_BACK,
    }


def journal_day(user: User, day: date) -> date:
    """Days that have begun, back to ten years: anything else is not a day to write about."""
    today = user_today(user)
    if not today - timedelta(days=366 * YEARS_BACK) <= day <= today:
        raise Http404("No check-in for that day.")
    return day


def turn_from(request: HttpRequest) -> int:
    try:
        return max(0, min(int(request.GET.get("turn", "0")), 1000))
    except ValueError:
        return 0


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, day: date) -> HttpResponse:
    """One day's check-in: its own page without JavaScript, the card in place with htmx."""
    day = journal_day(request.user, day)
    entry = entry_for(request.user, day)
    if request.method == "GET":
        turn = turn_from(request)
        context = with_next(request, check_in_context(request.user, day, entry, check_in_form(request.user, entry), turn))
        partial = "check-in-prompt" if "turn" in request.GET else "check-in-card"
        return render_page(request, TEMPLATE, context, partial)
    form = check_in_form(request.user, entry, request.POST)
    if not form.is_valid():
        context = with_next(request, check_in_context(request.user, day, entry, form))
        return render_page(request, TEMPLATE, context, "check-in-card", status=400)
    if entry or form.has_something():  # Save on an untouched card keeps no empty day in the journal
        save_entry(request.user, day, form.cleaned_data, form.changed_fields())
    if not request.htmx:
        return HttpResponseRedirect(local_url(request, request.POST.get("next")) or back_from_check_in(request.user, day))
    entry = entry_for(request.user, day)
    context = check_in_context(request.user, day, entry, check_in_form(request.user, entry), saved=True)
    return render_page(request, TEMPLATE, context, "check-in-card")


def back_from_check_in(user: User, day: date) -> str:
    if day == user_today(user):
        return f"{reverse('today')}#check-in"
    return f"{reverse('journal')}#day-{day.isoformat()}"


@dataclass
class JournalDay:
    day: date
    entry: JournalEntry | None = None
    notes: list[DayRecord] = field(default_factory=list)


def matching_days(user: User, words: str, feeling: str, mood: int | None) -> list[date]:
    """The days to list, newest first: days with a check-in, and days with a habit's note,
    so nothing written is hidden. Filters by feeling or mood keep only check-ins.

    Text, notes and feelings are encrypted (routines/crypto.py), so the database cannot
    search them: two queries fetch the day and only the words a filter needs, and the
    matching happens here (about 2,000 decryptions for three years of daily writing).
    """
    needle = words.casefold()
    entries = JournalEntry.objects.filter(owner=user)
    if mood:
        entries = entries.filter(mood=mood)
    if words or feeling:
        days = {
            day
            for day, text, feelings in entries.values_list("day", "text", "feelings")
            if needle in text.casefold() and (not feeling or feeling in feelings)
        }
    else:
        days = set(entries.values_list("day", flat=True))
    if not (feeling or mood):
        notes = DayRecord.objects.filter(habit__owner=user).exclude(note="")
        if words:
            days.update(day for day, note in notes.values_list("day", "note") if needle in note.casefold())
        else:
            days.update(notes.values_list("day", flat=True))
    return sorted(days, reverse=True)


@login_required
@require_GET
def journal(request: HttpRequest) -> HttpResponse:
    """Every day written about, newest first, 20 to a page, with search and filters."""
    user = request.user
    if "day" in request.GET:  # "Write about another day": the date box, without JavaScript
        try:
            return redirect("check_in", journal_day(user, date.fromisoformat(request.GET["day"])))
        except (ValueError, Http404):
            pass
    words = request.GET.get("q", "").strip()[:100]
    feeling = request.GET.get("feeling", "").strip().lower()[:30]
    try:
        mood = int(request.GET.get("mood", "")) if request.GET.get("mood") else None
    except ValueError:
        mood = None
    if mood not in Mood.values:
        mood = None
    page = Paginator(matching_days(user, words, feeling, mood), PER_PAGE).get_page(request.GET.get("page"))
    days = {day: JournalDay(day) for day in page.object_list}
    for entry in JournalEntry.objects.filter(owner=user, day__in=days):
        days[entry.day].entry = entry
    for record in DayRecord.objects.filter(habit__owner=user, day__in=days).exclude(note="").select_related("habit"):
        days[record.day].notes.append(record)
    filters = {"q": words, "feeling": feeling, "mood": mood or ""}
    query = urlencode({name: value for name, value in filters.items() if value})
    context = {
        "days": list(days.values()),
        "page": page,
        "filters": filters,
        "filtered": any(filters.values()),
        "query": query,
        "feelings": feelings_offered(user),
        "moods": list(reversed(Mood.choices)),
        "today": user_today(user),
        "earliest": user_today(user) - timedelta(days=366 * YEARS_BACK),
        "day_error": "day" in request.GET,
    }
    return render_page(request, "routines/journal.html", context, "journal-results")


@login_required
@require_POST
def safeguard_hide(request: HttpRequest) -> HttpResponse:
    """Put the gentle card away for a week; it comes back if things still feel heavy."""
    put_safeguard_away(request.user, user_today(request.user))
    return redirect("today")


@login_required
@require_POST
def review_hide(request: HttpRequest) -> HttpResponse:
    """The look back at last week, put away until next week's."""
    dismiss_review(request.user, user_today(request.user))
    return redirect("today")



def look_back_choices(request: HttpRequest, week: date) -> dict[int, str]:
    """What the person chose for each offer in this week's look back (kept with their session:
    the look back is one day's card)."""
    kept = request.session.get("look_back", {})
    return {int(pk): choice for pk, choice in kept.get("choices", {}).items()} if kept.get("week") == week.isoformat() else {}


@login_required
@require_POST
def look_back_choice(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap on an offer: a smaller version, a week's pause, or keep it as it is."""
    habit = get_habit(request, pk)
    today = user_today(request.user)
    choice = request.POST.get("choice", "")
    if choice not in LOOK_BACK_CHOICES or habit.archived:
        return redirect(f"{reverse('today')}#look-back")
    made = True
    if choice == "smaller":
        made = habits.make_smaller(habit, request.POST.get("offered", ""))  # False: a double tap, already smaller
    elif choice == "pause":
        habits.pause(habit, today, today + PAUSE_FROM_LOOK_BACK)
    chosen = look_back_choices(request, today)
    if made:
        chosen[habit.pk] = choice
    request.session["look_back"] = {"week": today.isoformat(), "choices": {str(k): v for k, v in chosen.items()}}
    if request.htmx:
        return render_page(request, "routines/today.html", today_journal(request.user, today, chosen=chosen), "look-back")
    return redirect(f"{reverse('today')}#look-back")
