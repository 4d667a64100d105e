import re
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse

from routines.journal import TEXT_LIMIT, prompt_for
from routines.models import DayRecord, Habit, JournalEntry

TODAY = date(2026, 11, 26)  # Thursday, in Berlin where `user` lives (the on_thursday fixture)
HTMX = {"HX-Request": "true"}

pytestmark = pytest.mark.usefixtures("on_thursday")


def check_in(client, day=TODAY, **data):
    fields = {"mood": "", "text": "", "own_feelings": "", "prompt": prompt_for(day), **data}
    headers = fields.pop("headers", {})
    return client.post(reverse("check_in", args=[day]), fields, headers=headers)


def entry(user, day=TODAY) -> JournalEntry:
    return JournalEntry.objects.get(owner=user, day=day)


@pytest.mark.parametrize("day", [TODAY + timedelta(days=1), TODAY - timedelta(days=366 * 11)])
def test_a_day_that_has_not_begun_or_is_long_gone_is_not_found(logged_in_client, user, day):
    assert logged_in_client.get(reverse("check_in", args=[day])).status_code == 404
    assert check_in(logged_in_client, day, mood="3").status_code == 404
    assert not JournalEntry.objects.exists()


def test_a_plain_check_in_saves_and_goes_back_to_today(logged_in_client, user):
    response = check_in(logged_in_client, mood="2", feelings=["tired", "anxious"], own_feelings="Restless, ", text="  A long day.  ")
    assert response.status_code == 302 and response.url == reverse("today") + "#check-in"
    saved = entry(user)
    assert (saved.mood, saved.feelings, saved.text, saved.prompt) == (2, ["tired", "anxious", "restless"], "A long day.", prompt_for(TODAY))


def test_a_past_day_goes_back_to_its_place_in_the_journal(logged_in_client, user):
    day = TODAY - timedelta(days=3)
    response = check_in(logged_in_client, day, mood="4")
    assert response.url == reverse("journal") + f"#day-{day.isoformat()}"
    assert entry(user, day).mood == 4


def test_an_htmx_check_in_answers_with_the_card_saved(logged_in_client, user):
    response = check_in(logged_in_client, mood="5", headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="check-in"') and "<html" not in body
    assert "Saved. Thank you for checking in." in body
    assert entry(user).mood == 5


def test_a_second_check_in_the_same_day_updates_the_one_entry(logged_in_client, user):
    check_in(logged_in_client, mood="2", text="Morning.")
    check_in(logged_in_client, mood="4", text="Evening.")
    assert JournalEntry.objects.filter(owner=user).count() == 1
    assert (entry(user).mood, entry(user).text) == (4, "Evening.")


def test_a_check_in_sent_twice_as_a_phone_sends_a_kept_one_leaves_one_entry_as_written(logged_in_client, user):
    card = logged_in_client.get(reverse("today")).content.decode()
    loaded = {name: re.search(rf'name="{name}"(?: value="([^"]*)")?', card).group(1) or "" for name in ("text_was", "mood_was", "feelings_was")}
    for _ in range(2):  # the card as loaded, sent again: its fields say what it was loaded with
        response = check_in(logged_in_client, mood="3", feelings=["tired"], text="On the train.", headers=HTMX, **loaded)
        assert response.status_code == 200
    assert JournalEntry.objects.filter(owner=user).count() == 1
    assert (entry(user).mood, entry(user).feelings, entry(user).text) == (3, ["tired"], "On the train.")


def test_a_card_that_only_changed_the_mood_keeps_words_written_elsewhere_meanwhile(logged_in_client, user):
    JournalEntry.objects.create(owner=user, day=TODAY, mood=2, text="Written this morning.", prompt=prompt_for(TODAY))
    card = logged_in_client.get(reverse("today")).content.decode()  # the card as loaded shows this morning's words
    loaded = re.search(r'name="text_was" value="([0-9a-f]+)"', card).group(1)
    JournalEntry.objects.filter(owner=user).update(text="Added later on the laptop.")
    check_in(logged_in_client, mood="4", text="Written this morning.", text_was=loaded)
    assert (entry(user).mood, entry(user).text) == (4, "Added later on the laptop.")


def test_too_long_a_text_is_refused_kindly_and_nothing_typed_is_lost(logged_in_client, user):
    long_text = "word " * (TEXT_LIMIT // 5) + "and one more"
    response = check_in(logged_in_client, mood="3", text=long_text, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert "everything you wrote is still here" in body
    assert long_text.strip() in body and 'maxlength="10000"' not in body
    assert not JournalEntry.objects.exists()


def test_ten_thousand_characters_are_fine(logged_in_client, user):
    assert check_in(logged_in_client, text="x" * TEXT_LIMIT).status_code == 302
    assert len(entry(user).text) == TEXT_LIMIT


@pytest.mark.parametrize(("field", "value", "message"), [("mood", "7", "Please choose one of the five words."), ("own_feelings", "a" * 31, "30 characters")])
def test_bad_values_get_a_message_next_to_the_field(logged_in_client, field, value, message):
    response = check_in(logged_in_client, **{field: value})
    assert response.status_code == 400 and message in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_own_words_are_offered_next_time(logged_in_client, user):
    check_in(logged_in_client, own_feelings="Restless")
    body = logged_in_client.get(reverse("check_in", args=[TODAY - timedelta(days=1)])).content.decode()
    assert 'value="restless"' in body


def test_today_shows_the_check_in_card_with_the_days_prompt(logged_in_client):
    body = logged_in_client.get(reverse("today")).content.decode()
    assert 'id="check-in"' in body and prompt_for(TODAY) in body
    assert "Very low" in body and "Very good" in body


def test_another_question_brings_the_next_prompt_without_touching_what_is_typed(logged_in_client):
    response = logged_in_client.get(reverse("check_in", args=[TODAY]) + "?turn=1", headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="check-in-prompt"') and "<textarea" not in body
    assert prompt_for(TODAY, 1) in body and "?turn=2" in body
    # Without JavaScript the link reloads Today with the next prompt.
    assert prompt_for(TODAY, 1) in logged_in_client.get(reverse("today") + "?turn=1").content.decode()


def test_words_keep_the_prompt_they_answer(logged_in_client, user):
    check_in(logged_in_client, text="About yesterday's walk.", prompt=prompt_for(TODAY, 3))
    body = logged_in_client.get(reverse("today")).content.decode()
    assert prompt_for(TODAY, 3) in body and "Another question" not in body


# The Journal page


def test_the_journal_lists_entries_newest_first_with_notes_on_habits_under_their_day(logged_in_client, user, habit, other_user):
    JournalEntry.objects.create(owner=user, day=TODAY - timedelta(days=2), mood=3, text="Older words")
    JournalEntry.objects.create(owner=user, day=TODAY, mood=4, feelings=["calm"], text="Newer words")
    DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=5), status="done", note="Stretched by the window")
    JournalEntry.objects.create(owner=other_user, day=TODAY, mood=1, text="Someone else's words")
    body = logged_in_client.get(reverse("journal")).content.decode()
    assert body.index("Newer words") < body.index("Older words") < body.index("Stretched by the window")
    assert "Someone else" not in body


def test_search_finds_words_in_entries_and_notes(logged_in_client, user, habit):
    JournalEntry.objects.create(owner=user, day=TODAY, text="The sea was calm today")
    JournalEntry.objects.create(owner=user, day=TODAY - timedelta(days=1), text="Rain all day")
    DayRecord.objects.create(habit=habit, day=TODAY - timedelta(days=4), note="Stretched by the sea")
    body = logged_in_client.get(reverse("journal"), {"q": "SEA"}).content.decode()
    assert "The sea was calm today" in body and "Stretched by the sea" in body and "Rain all day" not in body


def test_filters_by_feeling_and_mood(logged_in_client, user):
    JournalEntry.objects.create(owner=user, day=TODAY, mood=4, feelings=["calm", "hopeful"], text="first")
    JournalEntry.objects.create(owner=user, day=TODAY - timedelta(days=1), mood=2, feelings=["tired"], text="second")
    JournalEntry.objects.create(owner=user, day=TODAY - timedelta(days=2), mood=4, feelings=["tired"], text="third")
    by_feeling = logged_in_client.get(reverse("journal"), {"feeling": "tired"}).content.decode()
    assert "second" in by_feeling and "third" in by_feeling and "first" not in by_feeling
    both = logged_in_client.get(reverse("journal"), {"feeling": "tired", "mood": "4"}).content.decode()
    assert "third" in both and "second" not in both
    nothing = logged_in_client.get(reverse("journal"), {"mood": "banana", "q": "nowhere"}).content.decode()
    assert "Nothing matches that" in nothing


def test_an_htmx_search_answers_with_the_results_only(logged_in_client, user):
    JournalEntry.objects.create(owner=user, day=TODAY, text="found me")
    body = logged_in_client.get(reverse("journal"), {"q": "found"}, headers=HTMX).content.decode()
    assert body.lstrip().startswith('<section id="journal-results"') and "found me" in body


def test_the_journal_is_paginated_and_its_query_count_does_not_grow(logged_in_client, user, habit, django_assert_num_queries):
    def add(count: int, first: int) -> None:
        JournalEntry.objects.bulk_create(
            JournalEntry(owner=user, day=TODAY - timedelta(days=first + i), mood=3, text=f"day {first + i}") for i in range(count)
        )
        DayRecord.objects.bulk_create(
            DayRecord(habit=habit, day=TODAY - timedelta(days=first + i), note="a note") for i in range(count)
        )

    add(3, 0)
    with django_assert_num_queries(6) as few:  # session, user, days with entries, days with notes, the page's entries, notes
        logged_in_client.get(reverse("journal"))
    add(400, 3)
    with django_assert_num_queries(len(few.captured_queries)):
        body = logged_in_client.get(reverse("journal"), {"page": "2"}).content.decode()
    assert "day 20" in body and "day 19<" not in body and "Page 2 of 21" in body


def test_an_empty_journal_says_so_kindly(logged_in_client):
    assert "Your journal is empty for now" in logged_in_client.get(reverse("journal")).content.decode()


# The safeguard


def low_days(user, count: int, mood: int = 2) -> None:
    JournalEntry.objects.bulk_create(JournalEntry(owner=user, day=TODAY - timedelta(days=i), mood=mood) for i in range(count))


def test_ten_low_days_in_two_weeks_bring_a_calm_card_pointing_to_help(logged_in_client, user):
    low_days(user, 10)
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "It seems things have felt heavy lately" in body
    assert f'href="{reverse("help")}"' in body and "#my-support" in body


def test_nine_low_days_bring_no_card(logged_in_client, user):
    low_days(user, 9)
    assert "felt heavy" not in logged_in_client.get(reverse("today")).content.decode()


def test_the_card_can_be_put_away_for_a_week(logged_in_client, user, time_machine):
    low_days(user, 14)
    response = logged_in_client.post(reverse("safeguard_hide"))
    assert response.status_code == 302 and response.url == reverse("today")
    user.refresh_from_db()
    assert user.safeguard_hidden_until == TODAY + timedelta(days=7)
    assert "felt heavy" not in logged_in_client.get(reverse("today")).content.decode()


# Mood on the Week


def test_the_week_shows_each_days_mood_and_a_way_to_check_in(logged_in_client, user, habit):
    JournalEntry.objects.create(owner=user, day=TODAY - timedelta(days=1), mood=4)
    body = logged_in_client.get(reverse("week")).content.decode()
    mood_row = body[body.index('id="week-moods"'):]
    assert "Wednesday 25 November: good. Change" in mood_row
    assert "Thursday 26 November: no check-in. Check in" in mood_row
    assert reverse("check_in", args=[TODAY - timedelta(days=1)]) in mood_row
    assert "Friday 27 November" not in mood_row  # a day to come has nothing to tap


# Mood beside the habits on History


def moods_and_stretches(user, habit, did: int, other: int) -> None:
    for i in range(did + other):
        day = TODAY - timedelta(days=i + 1)
        JournalEntry.objects.create(owner=user, day=day, mood=4 if i < did else 2)
        if i < did:
            DayRecord.objects.create(habit=habit, day=day, status="done")


def test_history_shows_an_observation_with_ten_days_each_side(logged_in_client, user, habit):
    moods_and_stretches(user, habit, 10, 10)
    body = logged_in_client.get(reverse("history")).content.decode()
    assert "your mood was good or better on 10 of 10 days (on average good); on other days, on 0 of 10 (on average low)" in body
    assert "not causes" in body


def test_with_nine_days_history_says_kindly_how_many_more_would_show_something(logged_in_client, user, habit):
    moods_and_stretches(user, habit, 9, 10)
    body = logged_in_client.get(reverse("history")).content.decode()
    assert "good or better" not in body
    assert "After about 1 more day with a check-in" in body


def test_the_history_calendar_shows_each_days_mood(logged_in_client, user, habit):
    JournalEntry.objects.create(owner=user, day=TODAY - timedelta(days=1), mood=5)
    body = logged_in_client.get(reverse("history")).content.decode()
    assert "Wednesday 25 November: 0 of 1 done; mood very good" in body


# The look back on the first day of the week

MONDAY = date(2026, 11, 23)


@pytest.fixture
def on_monday(time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 9, 0, tzinfo=dt_timezone.utc), tick=False)


def test_on_the_first_day_of_the_week_today_looks_back_kindly(logged_in_client, user, habit, on_monday):
    for i in range(1, 8):
        JournalEntry.objects.create(owner=user, day=MONDAY - timedelta(days=i), mood=4)
        JournalEntry.objects.create(owner=user, day=MONDAY - timedelta(days=7 + i), mood=2)
    DayRecord.objects.bulk_create(DayRecord(habit=habit, day=MONDAY - timedelta(days=i), status="done") for i in range(1, 4))
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "A look back at last week" in body
    assert "<strong>7 of 7 days</strong>" in body and "Done most: Stretch when I wake (3 days)" in body
    assert "a little lighter than the week before" in body
    # Three of fourteen days: a smaller version is offered, never a verdict.
    assert "has been hard to fit in lately. Would a smaller version help? Two minutes counts." in body
    assert "failed" not in body.lower()


def test_the_look_back_adds_one_query_however_long_the_history(logged_in_client, user, on_monday, django_assert_num_queries):
    habits = [Habit.objects.create(owner=user, name=f"Habit {i}", position=i, start_date=MONDAY - timedelta(days=400)) for i in range(3)]
    # session, user, habits (with the day's record), two weeks of check-ins, two weeks of records
    with django_assert_num_queries(5) as few:
        assert "A look back at last week" in logged_in_client.get(reverse("today")).content.decode()
    habits += [Habit.objects.create(owner=user, name=f"More {i}", position=3 + i, start_date=MONDAY - timedelta(days=400)) for i in range(17)]
    DayRecord.objects.bulk_create(DayRecord(habit=h, day=MONDAY - timedelta(days=d), status="done") for h in habits for d in range(1, 400, 2))
    JournalEntry.objects.bulk_create(JournalEntry(owner=user, day=MONDAY - timedelta(days=d), mood=3) for d in range(1, 400))
    with django_assert_num_queries(len(few.captured_queries)):
        body = logged_in_client.get(reverse("today")).content.decode()
    assert "A look back at last week" in body and "More 16" in body


def test_the_look_back_shows_only_on_the_first_day_of_the_week(logged_in_client, user, habit):
    assert "A look back" not in logged_in_client.get(reverse("today")).content.decode()  # a Thursday


def test_the_look_back_can_be_put_away_until_next_week(logged_in_client, user, habit, on_monday):
    response = logged_in_client.post(reverse("review_hide"))
    assert response.status_code == 302 and response.url == reverse("today")
    user.refresh_from_db()
    assert user.review_dismissed_week == MONDAY
    assert "A look back" not in logged_in_client.get(reverse("today")).content.decode()


def test_a_quiet_week_is_just_a_quiet_week(logged_in_client, user, on_monday):
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "Last week was a quiet one. That's okay: this is a new week." in body


def test_another_day_can_be_opened_from_the_journal_without_javascript(logged_in_client):
    day = TODAY - timedelta(days=40)
    response = logged_in_client.get(reverse("journal"), {"day": day.isoformat()})
    assert response.status_code == 302 and response.url == reverse("check_in", args=[day])
    for bad in ("2099-01-01", "yesterday", ""):
        body = logged_in_client.get(reverse("journal"), {"day": bad}).content.decode()
        assert "Please choose a day that has already begun." in body


def test_journal_words_stay_out_of_the_admin_and_the_calendar_feed(client, user, admin_user):
    JournalEntry.objects.create(owner=user, day=TODAY, mood=1, feelings=["lonely"], text="Something private")
    client.force_login(admin_user)
    assert client.get("/admin/routines/journalentry/").status_code == 404
    user_page = client.get(f"/admin/routines/user/{user.pk}/change/").content.decode()
    assert "Something private" not in user_page and "lonely" not in user_page
    client.force_login(user)
    client.post(reverse("calendar_link"))
    user.refresh_from_db()
    feed = client.get(reverse("calendar_feed", args=[user.calendar_token])).content.decode()
    assert "Something private" not in feed and "lonely" not in feed


def choose(client, habit, choice, **extra):
    return client.post(reverse("look_back_choice", args=[habit.pk]), {"choice": choice, **extra})


def test_make_it_smaller_is_one_tap_and_says_so_kindly(logged_in_client, user, habit, on_monday):
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "Make it smaller: 4 times a week instead of every day" in body
    response = choose(logged_in_client, habit, "smaller", offered="4 times a week instead of every day")
    assert response.status_code == 302 and response.url == reverse("today") + "#look-back"
    habit.refresh_from_db()
    assert (habit.schedule, habit.times_per_week) == ("per_week", 4)
    assert "is smaller now. Every bit counts." in logged_in_client.get(reverse("today")).content.decode()


def test_pausing_from_the_look_back_rests_the_habit_for_a_week(logged_in_client, user, habit, on_monday):
    response = logged_in_client.post(reverse("look_back_choice", args=[habit.pk]), {"choice": "pause"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<section id="look-back"')
    assert "is resting until Monday 30 November" in body
    pause = habit.pauses.get()
    assert (pause.start, pause.until) == (MONDAY, MONDAY + timedelta(days=7))


def test_keeping_it_as_it_is_changes_nothing_and_puts_the_offer_away(logged_in_client, user, habit, on_monday):
    choose(logged_in_client, habit, "keep")
    habit.refresh_from_db()
    assert habit.schedule == "daily" and not habit.pauses.exists()
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "stays as it is" in body and "Make it smaller" not in body


def test_an_unknown_choice_changes_nothing(logged_in_client, user, habit, on_monday):
    assert choose(logged_in_client, habit, "delete").status_code == 302
    habit.refresh_from_db()
    assert habit.schedule == "daily" and not habit.pauses.exists()
    assert "Make it smaller" in logged_in_client.get(reverse("today")).content.decode()


def test_a_check_in_opened_from_the_week_goes_back_to_the_week(logged_in_client, user):
    week = reverse("week_of", args=[date(2026, 11, 23)]) + "#week-moods"
    body = logged_in_client.get(reverse("week")).content.decode()
    day = TODAY - timedelta(days=1)
    link = reverse("check_in", args=[day]) + "?next=%2Fweek%2F2026-11-23%2F%23week-moods"
    assert link in body.replace("&amp;", "&")
    page = logged_in_client.get(link).content.decode()
    assert f'name="next" value="{week}"' in page
    response = check_in(logged_in_client, day, mood="3", next=week)
    assert response.status_code == 302 and response.url == week
    odd = check_in(logged_in_client, day, mood="3", next="https://elsewhere.example/")
    assert odd.url == reverse("journal") + f"#day-{day.isoformat()}"


def test_a_daily_habit_made_smaller_still_says_so_after_the_change(logged_in_client, user, habit, on_monday):
    DayRecord.objects.bulk_create(DayRecord(habit=habit, day=MONDAY - timedelta(days=i), status="done") for i in range(1, 5))
    choose(logged_in_client, habit, "smaller", offered="4 times a week instead of every day")
    body = logged_in_client.get(reverse("today")).content.decode()
    assert "is smaller now. Every bit counts." in body  # though 4 of 14 days no longer counts as hard


# What a card left open writes


def loaded_card(client, day=TODAY) -> dict[str, str]:
    page = client.get(reverse("check_in", args=[day])).content.decode()
    hidden = {name: re.search(rf'<input type="hidden" name="{name}"(?: value="([^"]*)")?', page) for name in ("text_was", "mood_was", "feelings_was")}
    return {name: found.group(1) or "" for name, found in hidden.items()}


def test_a_card_left_open_never_undoes_feelings_chosen_elsewhere(logged_in_client, user):
    JournalEntry.objects.create(owner=user, day=TODAY, mood=2)
    loaded = loaded_card(logged_in_client)
    JournalEntry.objects.filter(owner=user).update(feelings=["tired"])  # on another device
    check_in(logged_in_client, mood="4", **loaded)
    assert (entry(user).mood, entry(user).feelings) == (4, ["tired"])


def test_a_card_left_open_never_undoes_a_mood_chosen_elsewhere(logged_in_client, user):
    JournalEntry.objects.create(owner=user, day=TODAY, mood=2)
    loaded = loaded_card(logged_in_client)
    JournalEntry.objects.filter(owner=user).update(mood=5)
    check_in(logged_in_client, mood="2", feelings=["calm"], **loaded)
    assert (entry(user).mood, entry(user).feelings) == (5, ["calm"])


def test_words_keep_their_question_when_only_the_mood_changes(logged_in_client, user):
    JournalEntry.objects.create(owner=user, day=TODAY, text="Under the first question.", prompt="How do I feel about this?")
    loaded = loaded_card(logged_in_client)
    check_in(logged_in_client, mood="3", text="Under the first question.", prompt=prompt_for(TODAY, 5), **loaded)
    assert entry(user).prompt == "How do I feel about this?"


def test_an_own_word_no_longer_offered_stays_with_its_entry(logged_in_client, user):
    JournalEntry.objects.create(owner=user, day=TODAY, mood=2, feelings=["wistful"])
    user.feeling_words = [f"word{i}" for i in range(40)]  # "wistful" has left the offered list
    user.save(update_fields=["feeling_words"])
    loaded = loaded_card(logged_in_client)
    check_in(logged_in_client, mood="4", feelings=["wistful"], **loaded)
    assert entry(user).feelings == ["wistful"]


def test_saving_an_untouched_card_keeps_no_empty_day(logged_in_client, user):
    assert check_in(logged_in_client).status_code == 302
    assert not JournalEntry.objects.exists()
