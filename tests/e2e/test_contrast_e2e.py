"""Every word on the Habit and Routine pages can be read: axe-core finds no colour-contrast problem, light or dark."""

from datetime import date, datetime, time, timedelta, timezone

import pytest
import time_machine
from playwright.sync_api import expect

from routines.models import DayRecord, Habit, Pause, User

from .conftest import Phone

PASSWORD = "a-calm-morning-42"
CONTRAST = ["color-contrast"]


@pytest.fixture
def before_month_end():
    """The server's clock at noon on a day with days still to come this month (today, or yesterday on a month's last day)."""
    today = datetime.now(timezone.utc).date()
    day = today - timedelta(days=1) if (today + timedelta(days=1)).month != today.month else today
    with time_machine.travel(datetime.combine(day, time(12, 0), tzinfo=timezone.utc), tick=True):
        yield day


@pytest.fixture
def robin(before_month_end: date) -> dict[str, Habit]:
    """A routine with a bit of everything: done, resting and paused days, a number, an archived habit."""
    today = before_month_end
    user = User.objects.create_user("robin", password=PASSWORD, time_zone="UTC")
    start = today - timedelta(days=40)
    stretch = Habit.objects.create(owner=user, name="Stretch", reminders=["07:30"], position=0, start_date=start)
    sleep = Habit.objects.create(
        owner=user, name="Sleep", kind=Habit.Kind.MEASURABLE, unit="hours", target=7, position=1, start_date=start
    )
    music = Habit.objects.create(owner=user, name="Music", colour="lilac", position=2, start_date=start)
    Habit.objects.create(owner=user, name="Old walk", archived=True, position=3, start_date=start)
    for back in range(1, 8):
        DayRecord.objects.create(habit=stretch, day=today - timedelta(days=back), status="done")
    DayRecord.objects.create(habit=stretch, day=today - timedelta(days=9), status="skipped", note="Tired.")
    DayRecord.objects.create(habit=sleep, day=today - timedelta(days=2), status="partial", value=5)
    DayRecord.objects.create(habit=sleep, day=today - timedelta(days=3), status="skipped")
    Pause.objects.create(habit=stretch, start=today - timedelta(days=14), until=today - timedelta(days=11))
    Pause.objects.create(habit=music, start=today - timedelta(days=2), until=today + timedelta(days=5))
    return {"stretch": stretch, "sleep": sleep, "music": music}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_habit_page_is_readable_with_rest_pauses_and_days_to_come(make_phone, robin, scheme):
    phone: Phone = make_phone(color_scheme=scheme)
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    for name in ("stretch", "sleep", "music"):
        phone.open(f"/habits/{robin[name].pk}/")
        expect(phone.page.get_by_role("heading", level=1)).to_contain_text(robin[name].name)
        assert phone.axe_violations(CONTRAST) == []
    phone.screenshot(f"contrast-habit-{scheme}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_routine_page_is_readable_with_paused_archived_and_editing_rows(make_phone, robin, scheme):
    phone: Phone = make_phone(color_scheme=scheme)
    page = phone.page
    phone.log_in("robin", PASSWORD)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Today")
    phone.go_to("Routine")
    expect(page.get_by_text("Resting until")).to_be_visible()
    page.get_by_text("Archived (1)").tap()
    expect(page.get_by_role("button", name="Restore Old walk")).to_be_visible()
    assert phone.axe_violations(CONTRAST) == []
    page.get_by_role("link", name="Edit Sleep").tap()
    expect(page.get_by_role("heading", name="Edit Sleep")).to_be_visible()
    assert phone.axe_violations(CONTRAST) == []
    phone.screenshot(f"contrast-routine-{scheme}")
