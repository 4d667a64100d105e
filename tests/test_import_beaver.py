"""Beaver Habit Tracker's JSON export, read into an import plan."""

import json
from datetime import date

import pytest

from routines.importing import beaver
from routines.importing.plan import UnreadableFile


def export(habits: list[dict], order: list | None = None, **extra) -> bytes:
    document = {"user_email": "me@example.com", "exported_at": "2024-03-05 08:00:00", "habits": habits, **extra}
    if order is not None:
        document["order"] = order
    return json.dumps(document, ensure_ascii=False).encode()


def habit(pk: str, name: str, status: str | None = "active", period: dict | None = None, records: list | None = None) -> dict:
    raw = {"id": pk, "name": name, "tags": [], "star": False, "period": period, "records": records or []}
    if status is not None:
        raw["status"] = status
    return raw


def days_of(imported):
    return {day.day: (day.status, day.note) for day in imported.days}


def test_active_and_archived_habits_come_with_their_days_and_deleted_ones_are_left_out_and_said():
    data = export(
        [
            habit("a1", "Stretch, gently 🧘", records=[
                {"day": "2024-03-02", "done": True, "text": "Back felt \"better\",\nmuch better"},
                {"day": "2024-03-01", "done": True},
                {"day": "2024-03-03", "done": False, "text": "Rained"},
                {"day": "2024-03-04", "done": False},
            ]),
            habit("b2", "Écrire", status="archive", records=[{"day": "2024-01-01", "done": True, "text": ""}]),
            habit("c3", "Gone", status="soft_delete", records=[{"day": "2024-01-01", "done": True}]),
            habit("d4", "Also gone", status="soft_delete"),
            habit("e5", "No status at all", status=None),
        ],
        order=["a1", "b2", "c3", "d4", "e5"],
    )  # fmt: skip
    plan = beaver.parse("beaverhabits_2024_03_05.json", data)
    assert plan.source == "Beaver Habit Tracker"
    assert [(h.name, h.archived) for h in plan.habits] == [("Stretch, gently 🧘", False), ("Écrire", True), ("No status at all", False)]
    stretch = plan.habits[0]
    assert (stretch.kind, stretch.schedule, stretch.schedule_note) == ("check", "daily", "")
    assert days_of(stretch) == {
        date(2024, 3, 1): ("done", ""),
        date(2024, 3, 2): ("done", "Back felt \"better\",\nmuch better"),
        date(2024, 3, 3): ("none", "Rained"),
    }
    assert [day.day for day in stretch.days] == sorted(day.day for day in stretch.days)
    assert plan.notes == ["2 habits deleted in Beaver were left out."]


def test_order_gives_the_positions_and_habits_it_does_not_name_follow_in_file_order():
    data = export([habit("x", "X"), habit("y", "Y"), habit("z", "Z"), habit("w", "W")], order=["z", "missing", "x"])
    assert [h.name for h in beaver.parse("b.json", data).habits] == ["Z", "X", "Y", "W"]
    assert [h.name for h in beaver.parse("b.json", export([habit("x", "X"), habit("y", "Y")])).habits] == ["X", "Y"]


@pytest.mark.parametrize(
    ("period", "schedule", "count", "note"),
    [
        (None, "daily", None, ""),
        ({"period_type": "D", "period_count": 1, "target_count": 1}, "daily", None, ""),
        ({"period_type": "W", "period_count": 1, "target_count": 3}, "per_week", 3, ""),
        ({"period_type": "W", "period_count": 1, "target_count": 7}, "daily", None, ""),
        ({"period_type": "D", "period_count": 3, "target_count": 1}, "every_n", 3, ""),
        ({"period_type": "W", "period_count": 2, "target_count": 1}, "every_n", 14, ""),
        ({"period_type": "W", "period_count": 2, "target_count": 3}, "per_week", 2, "Beaver: 3 in 2 weeks → twice a week"),
        ({"period_type": "M", "period_count": 1, "target_count": 4}, "per_week", 1, "Beaver: 4 in 1 month → once a week"),
        ({"period_type": "M", "period_count": 1, "target_count": 1}, "every_n", 30, "Beaver: 1 in 1 month → every 30 days"),
        ({"period_type": "Y", "period_count": 1, "target_count": 12}, "every_n", 30, "Beaver: 12 in 1 year → every 30 days"),
        ({"period_type": "D", "period_count": 1, "target_count": 2}, "daily", None, "Beaver: 2 in 1 day → every day"),
    ],
)
def test_a_period_becomes_the_nearest_schedule_and_an_approximation_is_said(period, schedule, count, note):
    [imported] = beaver.parse("b.json", export([habit("a", "Walk", period=period)])).habits
    assert imported.schedule == schedule
    assert {"per_week": imported.times_per_week, "every_n": imported.interval_days}.get(schedule) == count
    assert imported.schedule_note == note


def test_a_long_name_is_shortened_and_said():
    plan = beaver.parse("b.json", export([habit("a", "y" * 81)]))
    assert plan.habits[0].name == "y" * 80
    assert plan.notes == [f"“{'y' * 81}” was shortened to 80 characters: “{'y' * 80}”."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "isn't readable JSON"),
        (b"\xff\xfe\x00garbage", "isn't readable JSON"),
        (b"[1, 2, 3]", "isn't shaped like Beaver"),
        (export([]).replace(b'"habits": []', b'"habits": {}'), "isn't shaped like Beaver"),
        (json.dumps({"habits": ["Walk"]}).encode(), "isn't shaped like Beaver"),
        (export([habit("a", "Walk")], order="a"), "“order” is not a list"),
        (export([habit("a", "")]), "has no name"),
        (export([habit("a", "Walk", status="paused")]), "status Beaver never writes \\(“paused”\\)"),
        (export([habit("a", "Walk", period={"period_type": "H", "period_count": 1, "target_count": 1})]), "period Beaver never writes"),
        (export([habit("a", "Walk", period={"period_type": "W", "period_count": 0, "target_count": 1})]), "period Beaver never writes"),
        (export([habit("a", "Walk", period={"period_type": "W", "period_count": 1, "target_count": True})]), "period Beaver never writes"),
        (export([habit("a", "Walk", period="3/1W")]), "period Beaver never writes"),
        (export([{"id": "a", "name": "Walk", "records": {"day": "2024-03-01"}}]), "days of “Walk” are not a list"),
        (export([habit("a", "Walk", records=[{"day": "2024-13-01", "done": True}])]), "date that can't be read: “2024-13-01”"),
        (export([habit("a", "Walk", records=[{"day": 20240301, "done": True}])]), "date that can't be read"),
        (export([habit("a", "Walk", records=[{"day": "2024-03-01", "done": "yes"}])]), "neither done nor not done"),
        (export([habit("a", "Walk", records=[{"day": "2024-03-01", "done": True}, {"day": "2024-03-01", "done": False}])]), "1 March 2024 twice"),
        (export([habit("a", "Walk", records=[{"day": "2024-03-01", "done": True, "text": "z" * 1001}])]), "note for “Walk” on 1 March 2024 is 1001 characters"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_a_clear_message(data, message):
    with pytest.raises(UnreadableFile, match=message):
        beaver.parse("beaver.json", data)
