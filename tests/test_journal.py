from datetime import date, timedelta

from routines.journal import (
    FEELINGS,
    PROMPTS,
    dismiss_review,
    feelings_offered,
    prompt_for,
    put_safeguard_away,
    save_entry,
)
from routines.models import JournalEntry

from .conftest import run_at_once

DAY = date(2026, 11, 26)


def test_prompts_start_at_how_do_i_feel_and_move_on_one_a_day():
    assert PROMPTS[0] == "How do I feel about this?"
    first = next(d for d in (DAY + timedelta(days=i) for i in range(len(PROMPTS))) if prompt_for(d) == PROMPTS[0])
    assert [prompt_for(first + timedelta(days=i)) for i in range(len(PROMPTS))] == list(PROMPTS)
    assert prompt_for(first + timedelta(days=len(PROMPTS))) == PROMPTS[0]


def test_another_prompt_is_the_next_one_and_comes_round_again():
    assert prompt_for(DAY, 1) == prompt_for(DAY + timedelta(days=1))
    assert prompt_for(DAY, len(PROMPTS)) == prompt_for(DAY)


def test_a_second_save_on_the_same_day_updates_the_one_entry(user):
    save_entry(user, DAY, {"mood": 2, "feelings": ["tired"], "prompt": PROMPTS[0], "text": "A long day."})
    save_entry(user, DAY, {"mood": 4, "feelings": ["calm"], "prompt": PROMPTS[0], "text": "Better by evening."})
    entry = JournalEntry.objects.get(owner=user)
    assert (entry.day, entry.mood, entry.feelings, entry.text) == (DAY, 4, ["calm"], "Better by evening.")


def test_saving_only_the_mood_keeps_the_words_already_written(user):
    save_entry(user, DAY, {"mood": 3, "feelings": ["numb"], "prompt": PROMPTS[0], "text": "Written on the laptop."})
    save_entry(user, DAY, {"mood": 4}, fields=["mood"])
    entry = JournalEntry.objects.get(owner=user)
    assert (entry.mood, entry.feelings, entry.text) == (4, ["numb"], "Written on the laptop.")


def test_own_feeling_words_are_remembered_once_and_offered_after_the_usual_ones(user, other_user):
    save_entry(user, DAY, {"mood": None, "feelings": ["calm", "restless"], "prompt": "", "text": ""})
    save_entry(user, DAY + timedelta(days=1), {"mood": None, "feelings": ["restless", "proud"], "prompt": "", "text": ""})
    user.refresh_from_db()
    assert user.feeling_words == ["restless", "proud"]  # the latest words first
    assert feelings_offered(user) == [*FEELINGS, "restless", "proud"]
    other_user.refresh_from_db()
    assert feelings_offered(other_user) == list(FEELINGS)


def test_two_saves_at_once_end_with_one_entry(transactional_db, user):
    results = run_at_once(
        *[lambda mood=mood: save_entry(user, DAY, {"mood": mood, "feelings": ["calm"], "prompt": "", "text": ""}) for mood in (2, 4, 5)]
    )
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert JournalEntry.objects.filter(owner=user).count() == 1
    assert JournalEntry.objects.get(owner=user).mood in {2, 4, 5}



def test_own_words_from_two_check_ins_at_once_are_both_kept(transactional_db, user):
    results = run_at_once(
        *[lambda word=word, n=n: save_entry(user, DAY + timedelta(days=n), {"mood": None, "feelings": [word], "prompt": "", "text": ""})
          for n, word in enumerate(["restless", "proud", "hopeful-ish", "brave"])]
    )
    assert [r for r in results if isinstance(r, BaseException)] == []
    user.refresh_from_db()
    assert sorted(user.feeling_words) == ["brave", "hopeful-ish", "proud", "restless"]


def test_putting_the_safeguard_away_lasts_a_week_and_touches_nothing_else(user):
    user.time_zone = "Asia/Tokyo"  # changed in memory only: must not be written
    put_safeguard_away(user, DAY)
    user.refresh_from_db()
    assert user.safeguard_hidden_until == DAY + timedelta(days=7)
    assert user.time_zone == "Europe/Berlin"


def test_the_look_back_is_put_away_for_its_week(user):
    dismiss_review(user, DAY)
    user.refresh_from_db()
    assert user.review_dismissed_week == DAY


def test_an_entry_never_shows_its_words_in_its_name(user):
    save_entry(user, DAY, {"mood": 1, "feelings": ["lonely"], "prompt": "", "text": "Something private"})
    assert "private" not in str(JournalEntry.objects.get()) and "lonely" not in str(JournalEntry.objects.get())
