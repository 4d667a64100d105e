from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from routines.models import DayRecord, Habit, Pause
from routines.schedule import weekday_mask
from routines.starter import IDEAS

TODAY = date(2026, 11, 26)  # a Thursday
HTMX = {"HX-Request": "true"}


pytestmark = pytest.mark.usefixtures("on_thursday")


def habit_data(**overrides) -> dict:
    return {
        "name": "Call a friend",
        "why": "",
        "time_of_day": "evening",
        "kind": "check",
        "unit": "",
        "target": "",
        "direction": "at_least",
        "schedule": "daily",
        "times_per_week": "",
        "interval_days": "",
        "start_date": TODAY.isoformat(),
        "colour": "sky",
        "emoji": "",
        **overrides,
    }


def add(user, name, position=0, **fields) -> Habit:
    return Habit.objects.create(owner=user, name=name, position=position, start_date=date(2026, 1, 1), **fields)


def names(user, archived=False) -> list[str]:
    return list(user.habits.filter(archived=archived).values_list("name", flat=True))


# The page


def test_routine_lists_habits_with_schedule_in_words_active_first(logged_in_client, user):
    add(user, "Swim", 0, schedule="weekdays", weekdays=weekday_mask([0, 2, 4]))
    add(user, "Water", 1, kind="measurable", unit="glasses", target=6)
    add(user, "Old walk", 2, archived=True)
    body = logged_in_client.get(reverse("routine")).content.decode()
    assert "Anytime · Mon, Wed, Fri" in body
    assert "Anytime · Every day · at least 6 glasses" in body
    assert body.index("Water") < body.index("Archived (1)") < body.index("Old walk")
    assert 'href="/routine/new/"' in body and ">Add a habit<" in body


def test_routine_shows_only_ideas_not_in_the_routine(logged_in_client, user):
    add(user, "Write in your journal")
    body = logged_in_client.get(reverse("routine")).content.decode()
    assert "Move your body or take a walk" in body
    assert "<span>Add: Write in your journal</span>" not in body and "<span>Add: Move your body or take a walk</span>" in body


def test_routine_query_count_does_not_grow_with_habits(logged_in_client, user, django_assert_max_num_queries):
    for i in range(20):
        habit = add(user, f"Habit {i}", i)
        Pause.objects.create(habit=habit, start=date(2026, 3, 1), until=date(2026, 3, 5))
    with django_assert_max_num_queries(6):  # two of them at most the nudge cards drawn with the page (habits with reminders, pauses)
        logged_in_client.get(reverse("routine"))


# Adding


def test_add_page_starts_today(logged_in_client):
    body = logged_in_client.get(reverse("habit_new")).content.decode()
    assert 'value="2026-11-26"' in body
    for number, day in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        assert f'name="weekday_choices" value="{number}" id="id_weekday_choices_{number}">\n {day}</label>' in body


def test_the_habit_form_uses_the_words_a_person_would(logged_in_client, measurable_habit):
    for page in (reverse("habit_new"), reverse("habit_edit", args=[measurable_habit.pk])):
        body = logged_in_client.get(page).content.decode()
        assert "<legend>How do you track it?</legend>" in body and "A tick</label>" in body and "A number</label>" in body
        assert ">Aim for</label>" in body and ">At least</option>" in body and ">At most</option>" in body
        for old_word in (">Kind<", ">Direction<", "Measurable", "A simple check"):
            assert old_word not in body, old_word


def test_add_a_weekday_habit(logged_in_client, user):
    response = logged_in_client.post(
        reverse("habit_new"), habit_data(schedule="weekdays", weekday_choices=["3", "5"], why="It lifts me.")
    )
    habit = user.habits.get(name="Call a friend")
    assert response.status_code == 302 and response.url == f"/routine/#routine-habit-{habit.pk}"
    assert (habit.weekdays, habit.time_of_day, habit.why, habit.colour) == (weekday_mask([3, 5]), "evening", "It lifts me.", "sky")


def test_add_appends_at_the_end(logged_in_client, user):
    add(user, "First", 4)  # a gap, as older data may have: closed on the way
    logged_in_client.post(reverse("habit_new"), habit_data())
    assert list(user.habits.values_list("name", "position")) == [("First", 0), ("Call a friend", 1)]


def test_add_a_measurable_at_most_habit(logged_in_client, user):
    logged_in_client.post(
        reverse("habit_new"),
        habit_data(name="Coffee", kind="measurable", unit="cups", target="2", direction="at_most"),
    )
    coffee = user.habits.get(name="Coffee")
    assert (coffee.kind, coffee.unit, coffee.target, coffee.direction) == ("measurable", "cups", 2, "at_most")


def test_add_every_n_days_and_times_per_week(logged_in_client, user):
    logged_in_client.post(reverse("habit_new"), habit_data(name="Plants", schedule="every_n", interval_days="3"))
    logged_in_client.post(reverse("habit_new"), habit_data(name="Run", schedule="per_week", times_per_week="3"))
    assert user.habits.get(name="Plants").interval_days == 3
    assert user.habits.get(name="Run").times_per_week == 3


def test_a_check_habit_keeps_no_stale_measurable_fields(logged_in_client, user):
    logged_in_client.post(reverse("habit_new"), habit_data(unit="glasses", target="6", weekday_choices=["1"]))
    habit = user.habits.get(name="Call a friend")
    assert (habit.unit, habit.target, habit.weekdays) == ("", None, 0)


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"name": ""}, "Please give the habit a name."),
        ({"name": "   "}, "Please give the habit a name."),
        ({"name": "x" * 81}, "80 characters or fewer"),
        ({"name": "STRETCH WHEN I WAKE"}, "You already have a habit called"),
        ({"schedule": "weekdays"}, "Please choose at least one day."),
        ({"schedule": "per_week", "times_per_week": "7"}, "Select a valid choice"),
        ({"schedule": "per_week", "times_per_week": "0"}, "Select a valid choice"),
        ({"schedule": "every_n", "interval_days": "1"}, "from 2 to 30"),
        ({"schedule": "every_n", "interval_days": "31"}, "from 2 to 30"),
        ({"kind": "measurable", "unit": "glasses", "target": "0"}, "above 0"),
        ({"kind": "measurable", "unit": "glasses", "target": "-2"}, "above 0"),
        ({"kind": "measurable", "unit": "hours", "target": "25"}, "up to 24 hours"),
        ({"kind": "measurable", "unit": "glasses", "target": "1e12"}, "up to 100000 glasses"),
        ({"kind": "measurable", "unit": "glasses", "target": "lots"}, "Please enter a number"),
        ({"kind": "measurable", "unit": "u" * 21, "target": "2"}, "20 characters or fewer"),
        ({"kind": "measurable", "unit": "", "target": "2"}, "Please say what you count"),
        ({"start_date": "someday"}, "Enter a valid date"),
        ({"start_date": "0001-01-01"}, "Please choose a date between"),
        ({"start_date": "2028-01-01"}, "Please choose a date between"),
        ({"colour": "red"}, "Select a valid choice"),
    ],
)
def test_add_refuses_bad_input_with_a_message_and_saves_nothing(logged_in_client, user, habit, overrides, field_message):
    response = logged_in_client.post(reverse("habit_new"), habit_data(**overrides))
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert user.habits.count() == 1


def test_html_in_a_name_and_unit_shows_as_text(logged_in_client, user):
    logged_in_client.post(
        reverse("habit_new"), habit_data(name="<script>x</script>", kind="measurable", unit="<b>u</b>", target="2")
    )
    body = logged_in_client.get(reverse("routine")).content.decode()
    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body
    assert "<b>u</b>" not in body and "&lt;b&gt;u&lt;/b&gt;" in body


# Editing


def test_edit_without_htmx_is_a_page_with_the_form(logged_in_client, habit):
    response = logged_in_client.get(reverse("habit_edit", args=[habit.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body and f'value="{habit.name}"' in body


def test_edit_with_htmx_turns_the_row_into_the_form(logged_in_client, habit):
    response = logged_in_client.get(reverse("habit_edit", args=[habit.pk]), headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li id="routine-habit-{habit.pk}" class="routine-row is-editing">')
    assert f'hx-post="/routine/{habit.pk}/edit/"' in body and "<html" not in body
    assert f'hx-get="/routine/{habit.pk}/"' in body  # Cancel
    assert "HX-Request" in response["Vary"]


def test_edit_save_with_htmx_returns_the_updated_row(logged_in_client, habit):
    response = logged_in_client.post(reverse("habit_edit", args=[habit.pk]), habit_data(name="Long stretch"), headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li id="routine-habit-{habit.pk}" class="routine-row')
    assert "Long stretch" in body and "<form class=\"form habit-editor\"" not in body
    habit.refresh_from_db()
    assert habit.name == "Long stretch"


def test_edit_plain_post_redirects_to_the_row(logged_in_client, habit):
    response = logged_in_client.post(reverse("habit_edit", args=[habit.pk]), habit_data(name="Long stretch"))
    assert response.status_code == 302 and response.url == f"/routine/#routine-habit-{habit.pk}"


def test_edit_errors_show_inside_the_row(logged_in_client, habit, user):
    add(user, "Music", 1)
    response = logged_in_client.post(reverse("habit_edit", args=[habit.pk]), habit_data(name="music"), headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert body.lstrip().startswith(f'<li id="routine-habit-{habit.pk}" class="routine-row is-editing">')
    assert "You already have a habit called “music”" in body


def test_keeping_the_same_name_in_another_case_is_fine(logged_in_client, habit):
    response = logged_in_client.post(reverse("habit_edit", args=[habit.pk]), habit_data(name=habit.name.upper()))
    assert response.status_code == 302


def test_cancel_returns_the_row_as_it_was(logged_in_client, habit):
    response = logged_in_client.get(reverse("routine_row", args=[habit.pk]), headers=HTMX)
    assert response.content.decode().lstrip().startswith(f'<li id="routine-habit-{habit.pk}" class="routine-row')
    assert logged_in_client.get(reverse("routine_row", args=[habit.pk])).status_code == 302


def test_changing_schedule_kind_or_name_never_rewrites_past_records(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=1), status="done")
    DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=2), status="skipped", note="Rest.")
    logged_in_client.post(
        reverse("habit_edit", args=[habit.pk]),
        habit_data(name="Measured stretch", kind="measurable", unit="minutes", target="15", schedule="per_week", times_per_week="2"),
    )
    assert list(DayRecord.objects.filter(habit=habit).order_by("day").values_list("status", "value", "note")) == [
        ("skipped", None, "Rest."),
        ("done", None, ""),
    ]


# Reordering


def test_move_up_and_down_renumbers_the_active_habits(logged_in_client, user):
    a = add(user, "A", 0)
    add(user, "B", 1)
    c = add(user, "C", 5)  # a gap, as older data may have: closed on the way
    logged_in_client.post(reverse("habit_move", args=[c.pk]), {"direction": "up"})
    assert names(user) == ["A", "C", "B"]
    assert list(user.habits.values_list("position", flat=True)) == [0, 1, 2]
    response = logged_in_client.post(reverse("habit_move", args=[a.pk]), {"direction": "down"}, headers=HTMX)
    assert names(user) == ["C", "A", "B"]
    assert response.content.decode().lstrip().startswith('<div id="routine-body"')
    logged_in_client.post(reverse("habit_move", args=[c.pk]), {"direction": "up"})  # already first
    assert names(user) == ["C", "A", "B"]


def test_move_plain_post_redirects(logged_in_client, habit):
    response = logged_in_client.post(reverse("habit_move", args=[habit.pk]), {"direction": "down"})
    assert response.status_code == 302 and response.url == f"/routine/#routine-habit-{habit.pk}"


def test_move_with_an_unknown_direction_is_a_400(logged_in_client, habit):
    assert logged_in_client.post(reverse("habit_move", args=[habit.pk]), {"direction": "sideways"}).status_code == 400


def test_the_routine_order_is_the_order_on_today(logged_in_client, user):
    add(user, "A", 0), add(user, "B", 1)
    b = user.habits.get(name="B")
    logged_in_client.post(reverse("habit_move", args=[b.pk]), {"direction": "up"})
    body = logged_in_client.get(reverse("today")).content.decode()
    assert body.index('<span class="visually-hidden">B</span>') < body.index('<span class="visually-hidden">A</span>')


# Pausing


def test_pause_until_a_date_leaves_today_and_comes_back_on_that_date(logged_in_client, habit, time_machine):
    response = logged_in_client.post(reverse("habit_pause", args=[habit.pk]), {"until": "2026-12-01"})
    assert response.status_code == 302
    pause = Pause.objects.get(habit=habit)
    assert (pause.start, pause.until) == (TODAY, date(2026, 12, 1))
    assert habit.name not in logged_in_client.get(reverse("today")).content.decode()
    assert "Resting until Tuesday 1 December" in logged_in_client.get(reverse("routine")).content.decode()
    time_machine.move_to(datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc), tick=False)
    assert habit.name in logged_in_client.get(reverse("today")).content.decode()


@pytest.mark.parametrize("until", ["2026-11-26", "2026-11-01", "", "soon", "2028-01-01"])
def test_pause_refuses_a_day_that_is_not_ahead_with_a_message_in_the_row(logged_in_client, habit, until):
    response = logged_in_client.post(reverse("habit_pause", args=[habit.pk]), {"until": until}, headers=HTMX)
    assert response.status_code == 400
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="routine-body"') and 'class="errorlist"' in body
    assert not Pause.objects.exists()


def test_pausing_again_extends_the_running_pause(logged_in_client, habit):
    logged_in_client.post(reverse("habit_pause", args=[habit.pk]), {"until": "2026-12-01"})
    logged_in_client.post(reverse("habit_pause", args=[habit.pk]), {"until": "2026-12-10"})
    assert list(Pause.objects.values_list("until", flat=True)) == [date(2026, 12, 10)]


def test_resume_ends_the_pause_today_and_keeps_past_paused_days(logged_in_client, habit):
    Pause.objects.create(habit=habit, start=date(2026, 11, 20), until=date(2026, 12, 5))
    logged_in_client.post(reverse("habit_resume", args=[habit.pk]))
    assert list(Pause.objects.values_list("start", "until")) == [(date(2026, 11, 20), TODAY)]
    assert habit.name in logged_in_client.get(reverse("today")).content.decode()


def test_resume_on_the_day_the_pause_began_leaves_no_pause(logged_in_client, habit):
    logged_in_client.post(reverse("habit_pause", args=[habit.pk]), {"until": "2026-12-01"})
    logged_in_client.post(reverse("habit_resume", args=[habit.pk]), headers=HTMX)
    assert not Pause.objects.exists()


# Archiving and restoring


def test_archive_leaves_today_and_restore_brings_it_back_intact(logged_in_client, habit, user):
    DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=1), status="done", note="Kept.")
    logged_in_client.post(reverse("habit_archive", args=[habit.pk]))
    assert habit.name not in logged_in_client.get(reverse("today")).content.decode()
    assert names(user, archived=True) == [habit.name]
    logged_in_client.post(reverse("habit_restore", args=[habit.pk]))
    habit.refresh_from_db()
    assert not habit.archived and habit.records.get().note == "Kept."
    assert habit.name in logged_in_client.get(reverse("today")).content.decode()


def test_restore_asks_for_a_new_name_when_the_old_one_is_taken(logged_in_client, habit, user):
    logged_in_client.post(reverse("habit_archive", args=[habit.pk]))
    add(user, habit.name.lower(), 3)
    response = logged_in_client.post(reverse("habit_restore", args=[habit.pk]), headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert "An active habit already has this name." in body and 'name="name"' in body
    habit.refresh_from_db()
    assert habit.archived
    logged_in_client.post(reverse("habit_restore", args=[habit.pk]), {"name": "Morning stretch"})
    habit.refresh_from_db()
    assert (habit.archived, habit.name) == (False, "Morning stretch")


def test_restore_with_a_new_name_that_is_also_taken_asks_again(logged_in_client, habit, user):
    logged_in_client.post(reverse("habit_archive", args=[habit.pk]))
    add(user, habit.name, 3)
    response = logged_in_client.post(reverse("habit_restore", args=[habit.pk]), {"name": habit.name.upper()})
    assert response.status_code == 400 and "You already have a habit called" in response.content.decode()


# Deleting


def test_delete_asks_first_and_says_how_many_days_go(logged_in_client, habit):
    for days_ago in (1, 2, 3):
        DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=days_ago), status="done")
    DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=4), status="none")  # an undone tap holds nothing
    response = logged_in_client.get(reverse("habit_delete", args=[habit.pk]))
    assert response.status_code == 200 and "3 days of records" in response.content.decode()
    assert Habit.objects.filter(pk=habit.pk).exists()


def test_delete_post_removes_the_habit_and_its_records(logged_in_client, habit):
    DayRecord.objects.create(habit=habit, day=TODAY, status="done")
    response = logged_in_client.post(reverse("habit_delete", args=[habit.pk]))
    assert response.status_code == 302 and response.url == reverse("routine")
    assert not Habit.objects.exists() and not DayRecord.objects.exists()


# Ideas


def test_an_idea_is_added_in_one_tap_with_sensible_defaults(logged_in_client, user):
    index = next(i for i, idea in enumerate(IDEAS) if idea.name == "Step out of your comfort zone")
    response = logged_in_client.post(reverse("add_idea"), {"idea": str(index)}, headers=HTMX)
    assert response.status_code == 200
    habit = user.habits.get(name="Step out of your comfort zone")
    assert (habit.schedule, habit.times_per_week, habit.start_date) == ("per_week", 1, TODAY)
    assert "Add: Step out of your comfort zone" not in response.content.decode()


@pytest.mark.parametrize("idea", ["999", "-1", "x", ""])
def test_an_unknown_idea_is_a_400(logged_in_client, user, idea):
    assert logged_in_client.post(reverse("add_idea"), {"idea": idea}).status_code == 400
    assert not user.habits.exists()


def test_an_idea_already_in_the_routine_is_not_added_twice(logged_in_client, user):
    logged_in_client.post(reverse("add_idea"), {"idea": "0"})
    assert logged_in_client.post(reverse("add_idea"), {"idea": "0"}).status_code == 400
    assert user.habits.count() == 1


# Every action: login, ownership, method

ACTIONS = ["habit_edit", "habit_move", "habit_pause", "habit_resume", "habit_archive", "habit_restore", "habit_delete", "routine_row"]


@pytest.mark.parametrize("name", ACTIONS)
def test_every_action_on_another_users_habit_is_404(logged_in_client, other_habit, name):
    url = reverse(name, args=[other_habit.pk])
    assert logged_in_client.post(url, {"direction": "up", "until": "2026-12-01", "name": "Mine"}, headers=HTMX).status_code in (404, 405)
    assert logged_in_client.get(url, headers=HTMX).status_code in (404, 405)
    other_habit.refresh_from_db()
    assert other_habit.name == "Someone else's walk" and not other_habit.archived and not Pause.objects.exists()


def test_reminder_times_are_saved_sorted_and_without_repeats(logged_in_client, user):
    logged_in_client.post(
        reverse("habit_new"), habit_data(reminder_1="21:30", reminder_2="07:15", reminder_3="21:30")
    )
    assert user.habits.get(name="Call a friend").reminders == ["07:15", "21:30"]


def test_editing_shows_and_clears_reminder_times(logged_in_client, habit):
    habit.reminders = ["07:30"]
    habit.save()
    body = logged_in_client.get(reverse("habit_edit", args=[habit.pk])).content.decode()
    assert 'type="time" name="reminder_1" value="07:30"' in body
    logged_in_client.post(reverse("habit_edit", args=[habit.pk]), habit_data(name=habit.name))
    habit.refresh_from_db()
    assert habit.reminders == []


def test_a_malformed_reminder_time_gets_a_message(logged_in_client, user):
    response = logged_in_client.post(reverse("habit_new"), habit_data(reminder_1="7 o'clock"))
    assert response.status_code == 400 and "Enter a valid time." in response.content.decode()


def test_two_reminders_in_the_same_minute_are_one(logged_in_client, user):
    logged_in_client.post(reverse("habit_new"), habit_data(reminder_1="07:30:15", reminder_2="07:30:45"))
    assert user.habits.get(name="Call a friend").reminders == ["07:30"]


# A name taken by another request between the form's check and the write: the form's message, never a 500


@pytest.fixture
def name_check_passes(monkeypatch):
    """Every name looks free to the forms, as when another request takes it right after the check."""
    monkeypatch.setattr("routines.forms.habits.clean_habit_name", lambda name, owner, exclude_pk=None: " ".join(name.split()))


@pytest.mark.parametrize("how", ["new", "rename", "restore with a new name"])
def test_a_name_taken_after_the_check_gets_the_forms_message(logged_in_client, user, name_check_passes, how):
    add(user, "Walk", 0)
    read = add(user, "Read", 1, archived=how == "restore with a new name")
    url, data = {
        "new": (reverse("habit_new"), habit_data(name="walk")),
        "rename": (reverse("habit_edit", args=[read.pk]), habit_data(name="walk")),
        "restore with a new name": (reverse("habit_restore", args=[read.pk]), {"name": "walk"}),
    }[how]
    response = logged_in_client.post(url, data, headers=HTMX)
    assert response.status_code == 400
    assert "You already have a habit called “walk”. Please choose another name." in response.content.decode()
    assert names(user) == (["Walk"] if read.archived else ["Walk", "Read"])


def test_an_idea_added_twice_at_once_is_a_message_not_a_500(logged_in_client, user, monkeypatch):
    monkeypatch.setattr("routines.views.routine.ideas_for", lambda active: list(enumerate(IDEAS)))
    logged_in_client.post(reverse("add_idea"), {"idea": "0"})
    response = logged_in_client.post(reverse("add_idea"), {"idea": "0"}, headers=HTMX)
    assert response.status_code == 400 and "That idea is already in your routine." in response.content.decode()
    assert user.habits.count() == 1


def test_changing_the_target_says_past_days_keep_their_status_and_does_so(logged_in_client, measurable_habit):
    DayRecord.objects.create(habit=measurable_habit, day=TODAY - timedelta(days=1), status="partial", value=6)
    form = logged_in_client.get(reverse("habit_edit", args=[measurable_habit.pk])).content.decode()
    helptext = f'id="habit{measurable_habit.pk}_target_helptext"'
    assert helptext in form and "past days keep the status they had" in form
    assert f'aria-describedby="habit{measurable_habit.pk}_target_helptext"' in form
    data = habit_data(name="Sleep", kind="measurable", unit="hours", target="6", start_date="2026-01-01")
    assert logged_in_client.post(reverse("habit_edit", args=[measurable_habit.pk]), data).status_code == 302
    assert DayRecord.objects.get(habit=measurable_habit).status == "partial"


class FormAsShown(HTMLParser):
    """What a browser would send from a page's form: every input as it is filled in there."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = {name: value or "" for name, value in attrs}
        if tag == "input" and "name" in attrs and (attrs.get("type") not in ("radio", "checkbox") or "checked" in attrs):
            self.data.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = attrs["name"]
        elif tag == "option" and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))
        elif tag == "select":
            self.select = attrs["name"]

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.data.append((self.textarea, data.strip()))
            self.textarea = None


def edit_form_as_shown(client, habit: Habit, **changes) -> dict:
    parser = FormAsShown()
    parser.feed(client.get(reverse("habit_edit", args=[habit.pk])).content.decode())
    data: dict = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    return {**data, **{name: [value] for name, value in changes.items()}}


def test_an_edit_left_open_does_not_undo_what_another_phone_changed_meanwhile(logged_in_client, habit):
    form = edit_form_as_shown(logged_in_client, habit, name="Long stretch")
    Habit.objects.filter(pk=habit.pk).update(why="To wake up gently", colour="rose", time_of_day="evening", reminders=["07:30"])
    assert logged_in_client.post(reverse("habit_edit", args=[habit.pk]), form).status_code == 302
    habit.refresh_from_db()
    assert (habit.name, habit.why, habit.colour, habit.time_of_day, habit.reminders) == (
        "Long stretch", "To wake up gently", "rose", "evening", ["07:30"]
    )


def test_a_schedule_changed_in_the_form_is_written_whole_over_one_changed_meanwhile(logged_in_client, habit):
    form = edit_form_as_shown(logged_in_client, habit, schedule="per_week", times_per_week="3")
    Habit.objects.filter(pk=habit.pk).update(schedule="every_n", interval_days=2)
    logged_in_client.post(reverse("habit_edit", args=[habit.pk]), form)
    habit.refresh_from_db()
    assert (habit.schedule, habit.times_per_week, habit.interval_days) == ("per_week", 3, None)


def test_a_form_sent_without_its_shown_values_is_compared_with_the_habit_as_stored(logged_in_client, habit):
    form = {name: values for name, values in edit_form_as_shown(logged_in_client, habit, why="").items() if not name.startswith("initial-")}
    Habit.objects.filter(pk=habit.pk).update(why="Written meanwhile")
    logged_in_client.post(reverse("habit_edit", args=[habit.pk]), form)
    habit.refresh_from_db()
    assert habit.why == ""  # the form says empty, and nothing says it was shown otherwise
