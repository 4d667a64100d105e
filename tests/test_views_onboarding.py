from datetime import date

import pytest
from django.urls import reverse

from django.test import Client

from routines.models import Habit, User
from routines.starter import STARTER_ROUTINE

from .conftest import run_at_once

URL = reverse("welcome")


pytestmark = pytest.mark.usefixtures("on_thursday")


def checklist_data(untick: tuple[str, ...] = (), **changes: str) -> dict[str, str]:
    """What the form posts with every item ticked and reminders as offered (off), except `untick` and `changes`."""
    data = {
        "starter-TOTAL_FORMS": str(len(STARTER_ROUTINE)),
        "starter-INITIAL_FORMS": str(len(STARTER_ROUTINE)),
    }
    for i, item in enumerate(STARTER_ROUTINE):
        data[f"starter-{i}-starter"] = str(i)
        data[f"starter-{i}-name"] = item.name
        data[f"starter-{i}-time_of_day"] = item.time_of_day
        data[f"starter-{i}-target"] = str(item.target or "")
        data[f"starter-{i}-reminder"] = item.reminder
        if item.name not in untick:
            data[f"starter-{i}-include"] = "on"
    return {**data, **changes}


def test_welcome_offers_every_starter_habit_by_name(logged_in_client):
    body = logged_in_client.get(URL).content.decode()
    for item in STARTER_ROUTINE:
        assert f'<span class="starter-name">{item.name}</span>' in body
    assert "Mindfulness meditation" in body and "Target (minutes, at least)" in body


def test_welcome_pre_ticks_at_most_four_small_items_and_offers_the_rest(logged_in_client):
    body = logged_in_client.get(URL).content.decode()
    ticked = [
        item.name
        for i, item in enumerate(STARTER_ROUTINE)
        if f'<input type="checkbox" name="starter-{i}-include" id="id_starter-{i}-include" checked>' in body
    ]
    assert 1 <= len(ticked) <= 4
    assert ticked == [
        "Stretch your body when you wake",
        "Gratitude, prayer or positive affirmations",
        "A healthy breakfast",
        "Listen to some uplifting music",
    ]
    for i, item in enumerate(STARTER_ROUTINE):
        if item.name not in ticked:
            assert f'<input type="checkbox" name="starter-{i}-include" id="id_starter-{i}-include">' in body
    assert "Start small — you can add more any time." in body


def test_submitting_the_checklist_as_offered_saves_only_the_pre_ticked_items(logged_in_client, user):
    data = {k: v for k, v in checklist_data().items() if not k.endswith("-include")}
    for i, item in enumerate(STARTER_ROUTINE):
        if item.ticked:
            data[f"starter-{i}-include"] = "on"
    logged_in_client.post(URL, data)
    assert list(user.habits.values_list("name", flat=True)) == [item.name for item in STARTER_ROUTINE if item.ticked]


def test_keeping_everything_creates_the_whole_checklist_in_order(logged_in_client, user):
    response = logged_in_client.post(URL, checklist_data())
    assert response.status_code == 302 and response.url == reverse("today")
    habits = list(user.habits.all())
    assert [h.name for h in habits] == [item.name for item in STARTER_ROUTINE]
    assert [h.position for h in habits] == list(range(len(STARTER_ROUTINE)))
    sleep = user.habits.get(name="Sleep")
    assert (sleep.kind, sleep.unit, sleep.target, sleep.direction, sleep.time_of_day) == (
        "measurable",
        "hours",
        7,
        "at_least",
        "morning",
    )
    assert {h.start_date for h in habits} == {date(2026, 11, 26)}


def test_unticked_habits_are_left_out(logged_in_client, user):
    logged_in_client.post(URL, checklist_data(untick=("A warm shower or bath",)))
    names = set(user.habits.values_list("name", flat=True))
    assert len(names) == len(STARTER_ROUTINE) - 1 and "A warm shower or bath" not in names


def test_habits_can_be_adjusted_before_saving(logged_in_client, user):
    logged_in_client.post(
        URL,
        checklist_data(**{"starter-0-name": "  Gentle   stretch ", "starter-0-time_of_day": "evening", "starter-1-target": "5"}),
    )
    stretch = user.habits.get(position=0)
    assert (stretch.name, stretch.time_of_day) == ("Gentle stretch", "evening")
    assert user.habits.get(name="Mindfulness meditation").target == 5


def test_starting_with_none_lands_on_an_empty_today(logged_in_client, user):
    response = logged_in_client.post(URL, checklist_data(untick=tuple(item.name for item in STARTER_ROUTINE)))
    assert response.url == reverse("today")
    assert not user.habits.exists()
    assert "Your routine is empty for now" in logged_in_client.get(reverse("today")).content.decode()


def test_a_blank_name_gets_a_message_and_nothing_is_saved(logged_in_client, user):
    response = logged_in_client.post(URL, checklist_data(**{"starter-2-name": "   "}))
    assert response.status_code == 400
    assert "Please give this habit a name, or untick it." in response.content.decode()
    assert not user.habits.exists()


def test_a_name_over_80_characters_is_refused(logged_in_client, user):
    response = logged_in_client.post(URL, checklist_data(**{"starter-2-name": "x" * 81}))
    assert response.status_code == 400 and not user.habits.exists()


def test_two_items_renamed_alike_are_refused(logged_in_client, user):
    response = logged_in_client.post(URL, checklist_data(**{"starter-0-name": "Morning", "starter-2-name": "morning"}))
    assert response.status_code == 400
    assert "You already have a habit with this name." in response.content.decode()
    assert not user.habits.exists()


@pytest.mark.parametrize("target", ["0", "-3", "", "100000"])
def test_a_measurable_target_must_be_sensible(logged_in_client, user, target):
    response = logged_in_client.post(URL, checklist_data(**{"starter-4-target": target}))
    assert response.status_code == 400 and not user.habits.exists()


def test_html_in_a_name_is_stored_as_text_and_shown_as_text(logged_in_client, user):
    logged_in_client.post(URL, checklist_data(**{"starter-0-name": "<script>alert(1)</script>"}))
    assert user.habits.filter(name="<script>alert(1)</script>").exists()
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_coming_back_offers_only_what_is_not_in_the_routine_yet(logged_in_client, user):
    logged_in_client.post(URL, checklist_data(untick=("Sleep", "A healthy breakfast")))
    body = logged_in_client.get(URL).content.decode()
    assert body.count('class="starter-name"') == 2
    assert '<span class="starter-name">Sleep</span>' in body
    data = {
        "starter-TOTAL_FORMS": "2",
        "starter-INITIAL_FORMS": "2",
        "starter-0-starter": "3",
        "starter-0-name": "A healthy breakfast",
        "starter-0-time_of_day": "morning",
        "starter-1-starter": "4",
        "starter-1-include": "on",
        "starter-1-name": "Sleep",
        "starter-1-time_of_day": "morning",
        "starter-1-target": "8",
    }
    logged_in_client.post(URL, data)
    sleep = user.habits.get(name="Sleep")
    assert sleep.position == len(STARTER_ROUTINE) - 2 and sleep.target == 8


def test_an_item_already_in_the_routine_cannot_be_added_twice(logged_in_client, user):
    Habit.objects.create(owner=user, name="sleep", start_date=date(2026, 1, 1))
    data = checklist_data()
    response = logged_in_client.post(URL, data)
    assert response.status_code == 400
    assert user.habits.count() == 1


def test_when_everything_is_in_the_routine_the_page_says_so(logged_in_client):
    logged_in_client.post(URL, checklist_data())
    assert "Everything from the checklist is already in your routine." in logged_in_client.get(URL).content.decode()


def test_a_tampered_starter_index_is_a_message_not_a_500(logged_in_client, user):
    response = logged_in_client.post(URL, checklist_data(**{"starter-0-starter": "99"}))
    assert response.status_code == 400 and not user.habits.exists()


@pytest.mark.parametrize(
    "tampering",
    [
        {"starter-TOTAL_FORMS": "-1"},
        {"starter-TOTAL_FORMS": "5000"},
        {"starter-TOTAL_FORMS": "many"},
        {"starter-TOTAL_FORMS": "3"},
        {"starter-1-starter": "4"},  # Sleep twice, meditation never
    ],
)
def test_an_altered_checklist_is_offered_again_and_nothing_is_saved(logged_in_client, user, tampering):
    response = logged_in_client.post(URL, checklist_data(**tampering))
    body = response.content.decode()
    assert response.status_code == 400
    assert "The checklist changed while this page was open." in body
    assert body.count('class="starter-name"') == len(STARTER_ROUTINE)
    assert not user.habits.exists()


def test_a_missing_management_form_is_a_message_not_a_500(logged_in_client, user):
    data = {k: v for k, v in checklist_data().items() if "FORMS" not in k}
    response = logged_in_client.post(URL, data)
    assert response.status_code == 400 and "The checklist changed" in response.content.decode()


def test_a_bad_target_on_a_check_item_is_ignored(logged_in_client, user):
    response = logged_in_client.post(URL, checklist_data(**{"starter-0-target": "lots"}))
    assert response.status_code == 302 and user.habits.get(position=0).target is None


@pytest.mark.django_db(transaction=True)
def test_two_start_my_routine_submits_at_once_save_the_checklist_once():
    person = User.objects.create_user("kim", password="x")

    def submit() -> int:
        client = Client()
        client.force_login(person)
        return client.post(URL, checklist_data()).status_code

    assert run_at_once(submit, submit) == [302, 302]
    assert person.habits.count() == len(STARTER_ROUTINE)


def test_suggested_reminders_are_shown_but_off_until_turned_on(logged_in_client, user):
    body = logged_in_client.get(URL).content.decode()
    assert '<input type="checkbox" name="starter-0-remind" data-ticks="id_starter-0-include" id="id_starter-0-remind">' in body
    assert "Remind me at 07:30" in body and "Remind me at 21:30" in body
    assert 'name="starter-0-reminder" value="07:30"' in body  # still adjustable under "Adjust"
    assert 'name="starter-2-remind"' not in body  # no time suggested, no toggle
    logged_in_client.post(URL, checklist_data())
    assert {tuple(h.reminders) for h in user.habits.all()} == {()}


def test_one_toggle_turns_a_suggested_reminder_on(logged_in_client, user):
    logged_in_client.post(URL, checklist_data(**{"starter-0-remind": "on"}))
    assert user.habits.get(position=0).reminders == ["07:30"]
    assert user.habits.get(position=3).reminders == []


def test_a_reminder_time_the_person_chose_is_kept_and_a_cleared_one_is_none(logged_in_client, user):
    data = checklist_data(
        **{"starter-0-remind": "on", "starter-0-reminder": "06:45", "starter-1-remind": "on", "starter-1-reminder": ""}
        | {"starter-7-reminder": "22:00", "starter-2-reminder": "12:15"}
    )
    logged_in_client.post(URL, data)
    assert user.habits.get(position=0).reminders == ["06:45"]
    assert user.habits.get(position=1).reminders == []
    assert user.habits.get(position=7).reminders == ["22:00"]  # changed under "Adjust": turned on
    assert user.habits.get(position=2).reminders == ["12:15"]  # a time typed where none was suggested


def test_asking_for_a_reminder_on_an_unticked_item_brings_the_item_without_javascript(logged_in_client, user):
    item = next(i for i, each in enumerate(STARTER_ROUTINE) if each.reminder)
    name = STARTER_ROUTINE[item].name
    data = checklist_data(untick=(name,), **{f"starter-{item}-remind": "on"})
    assert logged_in_client.post(URL, data).status_code == 302
    assert user.habits.get(name=name).reminders == [STARTER_ROUTINE[item].reminder]
