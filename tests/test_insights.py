from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from routines.days import user_today
from routines.insights import hard_habits, mood_observations, review_due, safeguard_due, smaller_version, week_review
from routines.models import DayRecord, Habit, Pause

TODAY = date(2026, 11, 26)
START = date(2026, 1, 1)


def daily(pk: int, name: str = "Stretch", **fields) -> Habit:
    return Habit(pk=pk, name=name, start_date=fields.pop("start_date", START), **fields)


def record(habit: Habit, day: date, status: str = DayRecord.Status.DONE) -> DayRecord:
    return DayRecord(habit=habit, habit_id=habit.pk, day=day, status=status)


def days_back(count: int, first_back: int = 0) -> list[date]:
    return [TODAY - timedelta(days=first_back + i) for i in range(count)]


# Observations


def observation_for(did: int, other: int):
    stretch = daily(1)
    did_days, other_days = days_back(did), days_back(other, first_back=did)
    moods = {d: 4 for d in did_days} | {d: 2 for d in other_days}
    return mood_observations([stretch], [record(stretch, d) for d in did_days], moods)[0]


def test_an_observation_shows_with_ten_days_on_each_side():
    observation = observation_for(10, 10)
    assert observation.ready
    assert (observation.did.days, observation.did.good) == (10, 10)
    assert (observation.other.days, observation.other.good) == (10, 0)
    assert observation.did.average == 4 and observation.did.average_word == "good"
    assert observation.other.average_word == "low"


@pytest.mark.parametrize(("did", "other", "to_go"), [(9, 10, 1), (10, 9, 1), (3, 5, 12), (0, 0, 20)])
def test_an_observation_waits_for_enough_days_and_says_how_many_more(did, other, to_go):
    observation = observation_for(did, other)
    assert not observation.ready
    assert observation.days_to_go == to_go


def test_only_days_with_a_mood_since_the_habit_started_count():
    stretch = daily(1, start_date=TODAY - timedelta(days=4))
    moods = {d: 5 for d in days_back(10)}  # five of them before the habit started
    records = [record(stretch, d) for d in days_back(12)]  # done days without a mood count nowhere
    observation = mood_observations([stretch], records, moods)[0]
    assert observation.did.days == 5 and observation.other.days == 0


def test_a_partly_done_day_counts_as_a_day_with_the_habit_and_rest_as_another_day():
    sleep = daily(1, name="Sleep")
    moods = {TODAY: 3, TODAY - timedelta(days=1): 3}
    records = [record(sleep, TODAY, DayRecord.Status.PARTIAL), record(sleep, TODAY - timedelta(days=1), DayRecord.Status.SKIPPED)]
    observation = mood_observations([sleep], records, moods)[0]
    assert observation.did.days == 1 and observation.other.days == 1


# Safeguard


def moods_with(low: int, other: int, mood_other: int = 3) -> dict[date, int]:
    return {d: 2 for d in days_back(low)} | {d: mood_other for d in days_back(other, first_back=low)}


def test_the_safeguard_shows_after_ten_low_days_in_fourteen():
    assert safeguard_due(moods_with(10, 0), TODAY, None)
    assert safeguard_due(moods_with(10, 4), TODAY, None)
    assert safeguard_due({d: 1 for d in days_back(14)}, TODAY, None)  # very low counts too


def test_nine_low_days_are_not_enough():
    assert not safeguard_due(moods_with(9, 5), TODAY, None)


def test_it_needs_ten_check_ins_in_the_window():
    moods = {d: 1 for d in days_back(9)}
    assert not safeguard_due(moods, TODAY, None)


def test_low_days_older_than_fourteen_days_do_not_count():
    moods = {d: 2 for d in days_back(9)} | {TODAY - timedelta(days=14): 2, TODAY - timedelta(days=20): 1}
    assert not safeguard_due(moods, TODAY, None)
    moods[TODAY - timedelta(days=13)] = 2  # the oldest day inside the window
    assert safeguard_due(moods, TODAY, None)


def test_put_away_it_stays_away_for_seven_days_and_returns_if_things_still_feel_heavy():
    moods = {TODAY + timedelta(days=7 - i): 2 for i in range(30)}  # still checking in, still heavy
    hidden_until = TODAY + timedelta(days=7)
    assert not safeguard_due(moods, TODAY + timedelta(days=6), hidden_until)
    assert safeguard_due(moods, TODAY + timedelta(days=7), hidden_until)


def test_the_window_is_fourteen_of_the_persons_days_across_a_move_and_a_clock_change(user):
    # Europe/Berlin leaves summer time on 25 October 2026; then the person moves to New York.
    user.time_zone = "Europe/Berlin"
    before_change = user_today(user, datetime(2026, 10, 20, 21, 30, tzinfo=timezone.utc))  # 23:30 in Berlin
    assert before_change == date(2026, 10, 20)
    user.time_zone = "America/New_York"
    today = user_today(user, datetime(2026, 11, 3, 3, 30, tzinfo=timezone.utc))  # 22:30 on the 2nd in New York
    assert today == date(2026, 11, 2)
    moods = {today - timedelta(days=i): 2 for i in range(14)}  # 20 October .. 2 November
    assert min(moods) == before_change + timedelta(days=0)
    assert safeguard_due(moods, today, None)
    del moods[today - timedelta(days=13)]
    del moods[today - timedelta(days=12)]
    del moods[today - timedelta(days=11)]
    del moods[today - timedelta(days=10)]
    del moods[today - timedelta(days=9)]
    assert not safeguard_due(moods, today, None)  # nine left


# The weekly look back

MONDAY = date(2026, 11, 23)


def test_the_look_back_is_offered_on_the_first_day_of_the_persons_week_until_put_away():
    assert review_due(MONDAY, 0, None)
    assert not review_due(MONDAY + timedelta(days=1), 0, None)
    assert review_due(MONDAY - timedelta(days=1), 6, None)  # a Sunday, for a week starting on Sunday
    assert not review_due(MONDAY, 0, MONDAY)
    assert review_due(MONDAY + timedelta(days=7), 0, MONDAY)


def test_the_look_back_counts_days_shown_up_the_habit_done_most_and_how_mood_moved(db):
    stretch, music = daily(1), daily(2, name="Music")
    last_week = [MONDAY - timedelta(days=7 - i) for i in range(7)]
    records = [record(stretch, d) for d in last_week[:5]] + [record(music, d) for d in last_week[:2]]
    records.append(record(music, MONDAY))  # today belongs to the new week
    moods = {d: 4 for d in last_week[5:]} | {d: 2 for d in last_week[:3]}
    moods |= {MONDAY - timedelta(days=14 - i): 2 for i in range(4)}  # the week before that
    review = week_review(MONDAY, [stretch, music], records, moods)
    assert review.start == MONDAY - timedelta(days=7)
    assert review.showed_up == 7
    assert review.most_done == (stretch, 5)
    assert review.moods[0] == (last_week[0], 2) and review.moods[3] == (last_week[3], None)
    assert review.mood_change == "lighter"


def test_too_few_moods_say_nothing_about_how_mood_moved(db):
    review = week_review(MONDAY, [], [], {MONDAY - timedelta(days=1): 5})
    assert review.mood_change == ""
    assert review.most_done is None and review.showed_up == 1


def test_a_habit_missed_on_most_of_its_planned_days_is_offered_a_smaller_version(db):
    stretch, music, new = daily(1), daily(2, name="Music"), daily(3, name="New", start_date=MONDAY - timedelta(days=3))
    fortnight = [MONDAY - timedelta(days=i) for i in range(1, 15)]
    records = [record(stretch, d) for d in fortnight[:6]] + [record(music, d) for d in fortnight[:7]]
    hard = hard_habits([stretch, music, new], records, MONDAY)
    # Stretch: 6 of 14; Music: 7 of 14 is half, not most; New: only 3 days asked, too few to say.
    assert [(h.habit.name, h.planned, h.done) for h in hard] == [("Stretch", 14, 6)]


def test_rest_and_paused_days_are_not_counted_as_missed(user):
    stretch = Habit.objects.create(owner=user, name="Stretch", start_date=START)
    Pause.objects.create(habit=stretch, start=MONDAY - timedelta(days=14), until=MONDAY - timedelta(days=7))
    fortnight = [MONDAY - timedelta(days=i) for i in range(1, 15)]
    records = [record(stretch, d, DayRecord.Status.SKIPPED) for d in fortnight[:3]] + [record(stretch, fortnight[3])]
    hard = hard_habits([stretch], records, MONDAY)
    assert [(h.planned, h.done) for h in hard] == [(4, 1)]


def test_a_few_times_a_week_habit_is_asked_its_count_not_every_day(db):
    walk = daily(1, name="Walk", schedule=Habit.Schedule.TIMES_PER_WEEK, times_per_week=2)
    fortnight = [MONDAY - timedelta(days=i) for i in range(1, 15)]
    assert hard_habits([walk], [record(walk, d) for d in fortnight[:2]], MONDAY) == []
    [hard] = hard_habits([walk], [record(walk, fortnight[0])], MONDAY)
    assert (hard.planned, hard.done) == (4, 1)


# A smaller version


@pytest.mark.parametrize(
    ("fields", "changes", "words"),
    [
        ({}, {"schedule": "per_week", "times_per_week": 4, "weekdays": 0}, "4 times a week instead of every day"),
        ({"schedule": "weekdays", "weekdays": 0b10101}, {"schedule": "per_week", "times_per_week": 2, "weekdays": 0}, "2 times a week instead of Mon, Wed, Fri"),
        ({"schedule": "per_week", "times_per_week": 2}, {"schedule": "per_week", "times_per_week": 1, "weekdays": 0}, "once a week instead of 2 times a week"),
        ({"schedule": "every_n", "interval_days": 2}, {"interval_days": 3}, "every 3 days instead of every 2"),
        ({"kind": "measurable", "unit": "minutes", "target": Decimal("10")}, {"target": Decimal("5")}, "5 minutes instead of 10"),
        ({"kind": "measurable", "unit": "glasses", "target": Decimal("1.5")}, {"target": Decimal("0.75")}, "0.75 glasses instead of 1.5"),
    ],
)
def test_a_smaller_version_takes_half_the_number_or_a_day_a_week(fields, changes, words):
    smaller = smaller_version(daily(1, **fields))
    assert (smaller.changes, smaller.words) == (changes, words)


@pytest.mark.parametrize(
    "fields",
    [
        {"schedule": "per_week", "times_per_week": 1},
        {"schedule": "weekdays", "weekdays": 0b1},
        {"schedule": "every_n", "interval_days": 30},
        {"kind": "measurable", "unit": "drinks", "target": Decimal("2"), "direction": "at_most"},
    ],
)
def test_nothing_is_offered_when_there_is_nothing_sensible_to_take_away(fields):
    assert smaller_version(daily(1, **fields)) is None
