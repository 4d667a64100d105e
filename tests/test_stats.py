"""Hand-computed cases for streaks, completion rates and strength (Loop Habit Tracker's score)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from routines.models import DayRecord, Habit, Pause
from routines.stats import Recent, day_completion, frequency, habit_stats, score_multiplier

MONDAY = date(2026, 11, 2)


def habit_with(pauses=(), **fields) -> Habit:
    habit = Habit(**{"pk": 1, "name": "Walk", "start_date": MONDAY, **fields})
    habit._prefetched_objects_cache = {"pauses": [Pause(start=s, until=u) for s, u in pauses]}
    return habit


def done(*days: date) -> list[DayRecord]:
    return [DayRecord(day=d, status="done") for d in days]


def days_from(start: date, count: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def loop_score(completions: list[float], multiplier: float) -> float:
    score = 0.0
    for completion in completions:
        score = score * multiplier + completion * (1 - multiplier)
    return score


# Strength


@pytest.mark.parametrize(("days", "percent"), [(30, 79.8), (60, 95.9), (90, 99.2)])
def test_a_perfect_daily_habit_reaches_loops_figures(days, percent):
    habit = habit_with()
    today = MONDAY + timedelta(days=days - 1)
    stats = habit_stats(habit, done(*days_from(MONDAY, days)), today)
    assert round(stats.strength * 100, 1) == percent


def test_the_multiplier_follows_the_frequency():
    assert score_multiplier(habit_with()) == pytest.approx(0.5 ** (1 / 13))
    assert score_multiplier(habit_with(schedule="weekdays", weekdays=0b0010101)) == pytest.approx(0.5 ** ((3 / 7) ** 0.5 / 13))
    assert frequency(habit_with(schedule="per_week", times_per_week=3)) == (3, 7)
    assert frequency(habit_with(schedule="every_n", interval_days=4)) == (1, 4)


def test_rest_and_paused_days_leave_strength_unchanged():
    rested = [*done(*days_from(MONDAY, 10)), DayRecord(day=MONDAY + timedelta(days=10), status="skipped")]
    rested += done(*days_from(MONDAY + timedelta(days=11), 10))
    today = MONDAY + timedelta(days=20)
    assert habit_stats(habit_with(), rested, today).strength == pytest.approx(loop_score([1] * 20, 0.5 ** (1 / 13)))
    paused = habit_with(pauses=[(MONDAY + timedelta(days=10), MONDAY + timedelta(days=15))])
    records = done(*days_from(MONDAY, 10), *days_from(MONDAY + timedelta(days=15), 6))
    assert habit_stats(paused, records, today).strength == pytest.approx(loop_score([1] * 16, 0.5 ** (1 / 13)))


def test_days_before_the_start_do_not_count():
    habit = habit_with(start_date=MONDAY + timedelta(days=5))
    today = MONDAY + timedelta(days=9)
    stats = habit_stats(habit, done(*days_from(MONDAY, 10)), today)
    assert stats.strength == pytest.approx(loop_score([1] * 5, 0.5 ** (1 / 13)))


def test_a_missed_day_lowers_strength_and_today_open_does_not():
    m = 0.5 ** (1 / 13)
    records = done(MONDAY, MONDAY + timedelta(days=2))
    today = MONDAY + timedelta(days=3)
    assert habit_stats(habit_with(), records, today).strength == pytest.approx(loop_score([1, 0, 1], m))


def test_mon_wed_fri_uses_checks_in_the_last_seven_days():
    # Done Mon, Wed, Fri; today is Sunday with nothing logged (left out).
    habit = habit_with(schedule="weekdays", weekdays=0b0010101)
    records = done(MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4))
    m = 0.5 ** ((3 / 7) ** 0.5 / 13)
    expected = loop_score([1 / 3, 1 / 3, 2 / 3, 2 / 3, 1, 1], m)
    assert habit_stats(habit, records, MONDAY + timedelta(days=6)).strength == pytest.approx(expected)


def test_three_times_a_week_counts_rest_as_checks_in_the_window():
    habit = habit_with(schedule="per_week", times_per_week=3)
    records = [*done(MONDAY, MONDAY + timedelta(days=1)), DayRecord(day=MONDAY + timedelta(days=2), status="skipped")]
    m = 0.5 ** ((3 / 7) ** 0.5 / 13)
    # Mon 1/3, Tue 2/3, Wed rest (unchanged), Thu: two checks and the rest day = 1.
    expected = loop_score([1 / 3, 2 / 3, 1], m)
    assert habit_stats(habit, records, MONDAY + timedelta(days=4)).strength == pytest.approx(expected)


def test_every_two_days_needs_one_check_in_two_days():
    habit = habit_with(schedule="every_n", interval_days=2)
    m = 0.5 ** ((1 / 2) ** 0.5 / 13)
    records = done(MONDAY, MONDAY + timedelta(days=2))
    expected = loop_score([1, 1, 1, 1], m)  # each two-day window holds a check
    assert habit_stats(habit, records, MONDAY + timedelta(days=4)).strength == pytest.approx(expected)


@pytest.mark.parametrize(
    ("direction", "value", "completion"),
    [("at_least", "3.5", 0.5), ("at_least", "9", 1.0), ("at_most", "1", 1.0), ("at_most", "3", 0.5), ("at_most", "5", 0.0)],
)
def test_measurable_days_count_their_share_of_the_target(direction, value, completion):
    habit = habit_with(kind="measurable", unit="x", target=Decimal(2 if direction == "at_most" else 7), direction=direction)
    record = DayRecord(day=MONDAY, status="partial", value=Decimal(value))
    assert day_completion(habit, record) == pytest.approx(completion)
    assert habit_stats(habit, [record], MONDAY).strength == pytest.approx(completion * (1 - 0.5 ** (1 / 13)))


def test_a_done_day_from_before_a_habit_became_measurable_is_a_full_check():
    habit = habit_with(kind="measurable", unit="hours", target=Decimal(7))
    assert day_completion(habit, DayRecord(day=MONDAY, status="done", value=None)) == 1.0


# Streaks


def test_daily_streak_bridges_rest_and_breaks_on_a_missed_day():
    records = [
        *done(MONDAY, MONDAY + timedelta(days=1)),
        DayRecord(day=MONDAY + timedelta(days=2), status="skipped"),
        *done(MONDAY + timedelta(days=3)),
        # the 5th is missed
        *done(*days_from(MONDAY + timedelta(days=5), 4)),
    ]
    stats = habit_stats(habit_with(), records, MONDAY + timedelta(days=9))  # today open
    assert (stats.current_streak, stats.best_streak, stats.streak_unit) == (4, 4, "day")


def test_days_not_planned_and_paused_never_break_a_streak():
    habit = habit_with(schedule="weekdays", weekdays=0b0010101, pauses=[(MONDAY + timedelta(days=7), MONDAY + timedelta(days=14))])
    records = done(MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4), MONDAY + timedelta(days=14))
    stats = habit_stats(habit, records, MONDAY + timedelta(days=15))
    assert (stats.current_streak, stats.best_streak) == (4, 4)


def sleep_habit(**fields) -> Habit:
    return habit_with(kind="measurable", unit="hours", target=Decimal(7), **fields)


def test_sleeping_six_and_a_half_of_seven_hours_is_not_a_zero():
    # Done, 6.5 of 7, done, done; today open.
    records = [*done(MONDAY), DayRecord(day=MONDAY + timedelta(days=1), status="partial", value=Decimal("6.5"))]
    records += done(MONDAY + timedelta(days=2), MONDAY + timedelta(days=3))
    stats = habit_stats(sleep_habit(), records, MONDAY + timedelta(days=4))
    assert (stats.current_streak, stats.best_streak) == (3, 3)  # the run goes on; the partial day does not add a day
    assert stats.strength == pytest.approx(loop_score([1, 6.5 / 7, 1, 1], 0.5 ** (1 / 13)))
    assert stats.recent == Recent(done=3, partly=1, planned=4)


def test_an_at_most_day_over_its_limit_stays_not_done_and_ends_a_run():
    habit = habit_with(kind="measurable", unit="cups", target=Decimal(2), direction="at_most")
    records = [*done(MONDAY, MONDAY + timedelta(days=1)), DayRecord(day=MONDAY + timedelta(days=2), status="none", value=Decimal(3))]
    records += done(MONDAY + timedelta(days=3))
    stats = habit_stats(habit, records, MONDAY + timedelta(days=3))
    assert (stats.current_streak, stats.best_streak) == (1, 2)
    assert stats.recent == Recent(done=3, partly=0, planned=4)


def test_a_week_with_a_partly_done_day_bridges_a_weekly_run():
    habit = habit_with(kind="measurable", unit="km", target=Decimal(5), schedule="per_week", times_per_week=2)
    week2, week3 = MONDAY + timedelta(days=7), MONDAY + timedelta(days=14)
    records = [*done(MONDAY, MONDAY + timedelta(days=1)), *done(week2)]
    records += [DayRecord(day=week2 + timedelta(days=1), status="partial", value=Decimal(3)), *done(week3, week3 + timedelta(days=1))]
    stats = habit_stats(habit, records, week3 + timedelta(days=2))
    assert (stats.current_streak, stats.best_streak) == (2, 2)


@pytest.mark.parametrize(
    ("recent", "words"),
    [
        (Recent(12, 0, 30), "Done on 12 of the last 30 planned days."),
        (Recent(2, 1, 4), "Done on 2 of the last 4 planned days, and partly on 1 more."),
        (Recent(0, 2, 3), "Partly done on 2 of the last 3 planned days."),
        (Recent(1, 0, 1), "Done on the one day planned in the last 30 days."),
        (Recent(0, 0, 5), "The days you do it will show here, whenever you're ready."),
        (Recent(0, 0, 0), "Nothing was planned in the last 30 days."),
    ],
)
def test_recent_days_in_plain_words_never_lead_with_a_zero(recent, words):
    assert recent.in_words == words


def test_a_new_habit_has_nothing_to_sum_up_yet():
    stats = habit_stats(habit_with(), [], MONDAY)
    assert stats.is_new and stats.recent == Recent(done=0, partly=0, planned=0)
    assert not habit_stats(habit_with(), [], MONDAY + timedelta(days=1)).is_new  # a day was asked for


def test_recent_counts_the_last_30_days_of_planned_days():
    habit = habit_with(schedule="weekdays", weekdays=0b0010101)  # Mon, Wed, Fri
    today = MONDAY + timedelta(days=40)
    records = done(*(d for d in days_from(MONDAY, 40) if d.weekday() in (0, 2)))  # every Mon and Wed
    recent = habit_stats(habit, records, today).recent
    # The 30 days up to today, a Saturday (not planned, so only the 29 before it matter).
    window = [today - timedelta(days=i) for i in range(1, 30)]
    assert recent.planned == sum(d.weekday() in (0, 2, 4) for d in window)
    assert recent.done == sum(d.weekday() in (0, 2) for d in window)


def test_a_streak_ends_after_a_missed_planned_day():
    stats = habit_stats(habit_with(), done(MONDAY, MONDAY + timedelta(days=1)), MONDAY + timedelta(days=3))
    assert (stats.current_streak, stats.best_streak) == (0, 2)


def test_weekly_streak_counts_weeks_whose_target_was_met_across_a_monday_week_start():
    habit = habit_with(schedule="per_week", times_per_week=2)
    # Sat 7 + Sun 8 (week of 2 Nov) and Mon 9 + Tue 10 (week of 9 Nov); today Wed 11.
    records = done(date(2026, 11, 7), date(2026, 11, 8), date(2026, 11, 9), date(2026, 11, 10))
    stats = habit_stats(habit, records, date(2026, 11, 11), week_start=0)
    assert (stats.current_streak, stats.best_streak, stats.streak_unit) == (2, 2, "week")


def test_the_same_days_with_a_sunday_week_start_make_a_different_streak():
    habit = habit_with(schedule="per_week", times_per_week=2)
    records = done(date(2026, 11, 7), date(2026, 11, 8), date(2026, 11, 9), date(2026, 11, 10))
    # Sunday weeks: 1-7 Nov holds only the 7th (a miss), 8-14 Nov holds three days (met).
    stats = habit_stats(habit, records, date(2026, 11, 11), week_start=6)
    assert (stats.current_streak, stats.best_streak) == (1, 1)


def test_the_current_week_never_breaks_a_weekly_streak_while_open():
    habit = habit_with(schedule="per_week", times_per_week=3)
    records = done(MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=2), MONDAY + timedelta(days=7))
    stats = habit_stats(habit, records, MONDAY + timedelta(days=8))
    assert (stats.current_streak, stats.best_streak) == (1, 1)


def test_a_week_made_short_by_rest_bridges_a_weekly_streak():
    habit = habit_with(schedule="per_week", times_per_week=2)
    week2 = MONDAY + timedelta(days=7)
    records = [
        *done(MONDAY, MONDAY + timedelta(days=1)),
        *done(week2),
        DayRecord(day=week2 + timedelta(days=1), status="skipped"),
        *done(week2 + timedelta(days=7), week2 + timedelta(days=8)),
    ]
    stats = habit_stats(habit, records, week2 + timedelta(days=9))
    assert (stats.current_streak, stats.best_streak) == (2, 2)


# Completion rates


def test_rates_count_planned_days_only_and_leave_rest_and_open_today_out():
    habit = habit_with(schedule="weekdays", weekdays=0b0011111)  # weekdays only
    records = [*done(MONDAY, MONDAY + timedelta(days=1)), DayRecord(day=MONDAY + timedelta(days=2), status="skipped")]
    today = MONDAY + timedelta(days=7)  # the next Monday, open
    rates = habit_stats(habit, records, today).rates
    # Planned: Mon, Tue, Thu, Fri (Wed rested, weekend not planned, today open): 2 of 4.
    assert rates["7"] == pytest.approx(1 / 3)  # the last 7 days: Tue (done), Thu, Fri
    assert rates["all"] == pytest.approx(2 / 4)


def test_rates_are_none_before_any_day_was_asked():
    assert habit_stats(habit_with(), [], MONDAY).rates == {"7": None, "30": None, "90": None, "all": None}


def test_rates_for_a_times_per_week_habit_ask_n_a_week():
    habit = habit_with(schedule="per_week", times_per_week=2)
    rates = habit_stats(habit, done(MONDAY), MONDAY + timedelta(days=6)).rates
    assert rates["7"] == pytest.approx(1 / (6 * 2 / 7))  # Sunday open: 6 days asked, at 2 a week
    more = habit_stats(habit, done(MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=3)), MONDAY + timedelta(days=6))
    assert more.rates["7"] == 1.0  # more than asked is simply full


def test_rates_over_30_60_90_days_of_a_perfect_habit_are_full():
    rates = habit_stats(habit_with(), done(*days_from(MONDAY, 90)), MONDAY + timedelta(days=89)).rates
    assert rates == {"7": 1.0, "30": 1.0, "90": 1.0, "all": 1.0}


def test_a_partly_done_measurable_day_counts_its_share():
    habit = habit_with(kind="measurable", unit="hours", target=Decimal(8))
    records = [DayRecord(day=MONDAY, status="partial", value=Decimal(6)), *done(MONDAY + timedelta(days=1))]
    assert habit_stats(habit, records, MONDAY + timedelta(days=1)).rates["7"] == pytest.approx((0.75 + 1) / 2)


def test_a_weekday_habit_with_all_seven_days_is_scored_as_daily():
    every_weekday = habit_with(schedule="weekdays", weekdays=0b1111111)
    today = MONDAY + timedelta(days=29)
    assert frequency(every_weekday) == (1, 1)
    assert round(habit_stats(every_weekday, done(*days_from(MONDAY, 30)), today).strength * 100, 1) == 79.8


def test_done_days_that_were_not_planned_do_not_count_in_rates_or_streaks():
    habit = habit_with(schedule="weekdays", weekdays=0b0010101)  # Mon, Wed, Fri
    tue, thu, sat, sun = (MONDAY + timedelta(days=d) for d in (1, 3, 5, 6))
    stats = habit_stats(habit, done(tue, thu, sat, sun), MONDAY + timedelta(days=6))
    assert stats.rates["7"] == 0.0 and stats.rates["all"] == 0.0  # 0 of Mon, Wed, Fri
    assert (stats.current_streak, stats.best_streak) == (0, 0)
