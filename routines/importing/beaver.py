"""Beaver Habit Tracker's JSON export, read into a plan.

{"habits": [{"id", "name", "status": "active" | "archive" | "soft_delete", "period": {"period_type":
"D" | "W" | "M" | "Y", "period_count", "target_count"} or null, "records": [{"day", "done", "text"?}]}],
"order": [ids]}. A done day is done and its text the day's note (a text on a day not done is
kept as a note alone); archived stays archived; habits Beaver had deleted are left out, and the
preview says so. The period ("3 in 1 W") becomes the nearest Selfcare schedule; "order" gives
the habits' order (habits it doesn't name follow, as they come in the file).
"""

import json
import re
from datetime import date

from ..models import DayRecord
from .common import day_note, habit_name, set_nearest_schedule
from .plan import ImportedDay, ImportedHabit, ImportPlan, UnreadableFile

SOURCE = "Beaver Habit Tracker"
STATUSES = ("active", "archive", "soft_delete")
# Days in one period: a month is read as 30 days and a year as 365, so those are approximate.
PERIOD_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}
PERIOD_WORDS = {"D": "day", "W": "week", "M": "month", "Y": "year"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WRONG_SHAPE = "This JSON file isn't shaped like Beaver Habit Tracker's export"


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _schedule(habit: ImportedHabit, period: object) -> None:
    if period is None:
        return  # Beaver's default: every day
    if not isinstance(period, dict) or period.get("period_type") not in PERIOD_DAYS:
        raise UnreadableFile(f"“{habit.name}” has a period Beaver never writes.")
    kind, count, times = period["period_type"], period.get("period_count"), period.get("target_count")
    if not _whole(count) or not _whole(times):
        raise UnreadableFile(f"“{habit.name}” has a period Beaver never writes.")
    words = f"{PERIOD_WORDS[kind]}{'s' if count != 1 else ''}"
    set_nearest_schedule(
        habit, times, PERIOD_DAYS[kind] * count, f"Beaver: {times} in {count} {words}", approximate=kind in "MY"
    )


def _days(habit: ImportedHabit, records: object) -> list[ImportedDay]:
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise UnreadableFile(f"{WRONG_SHAPE}: the days of “{habit.name}” are not a list.")
    days: dict[date, ImportedDay] = {}
    for record in records:
        raw_day, done, text = record.get("day"), record.get("done", False), record.get("text") or ""
        try:
            day = date.fromisoformat(raw_day) if isinstance(raw_day, str) and DATE.fullmatch(raw_day) else None
        except ValueError:
            day = None
        if day is None:
            raise UnreadableFile(f"“{habit.name}” has a date that can't be read: “{raw_day}” (Beaver writes 2024-03-01).")
        if not isinstance(done, bool) or not isinstance(text, str):
            raise UnreadableFile(f"{WRONG_SHAPE}: “{habit.name}” on {day:%-d %B %Y} is neither done nor not done.")
        if day in days:
            raise UnreadableFile(f"“{habit.name}” has {day:%-d %B %Y} twice.")
        note = day_note(text, habit.name, day, "Beaver")
        if done or note:
            days[day] = ImportedDay(day, DayRecord.Status.DONE if done else DayRecord.Status.NONE, note=note)
    return sorted(days.values(), key=lambda imported: imported.day)


def parse(name: str, data: bytes) -> ImportPlan:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableFile("This file isn't readable JSON, so it isn't Beaver Habit Tracker's export.") from error
    raw_habits = document.get("habits") if isinstance(document, dict) else None
    order = document.get("order", []) if isinstance(document, dict) else None
    if not isinstance(raw_habits, list) or not all(isinstance(raw, dict) for raw in raw_habits):
        raise UnreadableFile(f"{WRONG_SHAPE} (a list of habits).")
    if not isinstance(order, list):
        raise UnreadableFile(f"{WRONG_SHAPE}: its “order” is not a list.")
    plan = ImportPlan(source=SOURCE)
    kept: list[tuple[object, ImportedHabit]] = []
    deleted = 0
    for raw in raw_habits:
        habit = ImportedHabit(name=habit_name(raw.get("name"), plan, "Beaver"))
        status = raw.get("status") or "active"
        if status not in STATUSES:
            raise UnreadableFile(f"“{habit.name}” has a status Beaver never writes (“{status}”).")
        if status == "soft_delete":
            deleted += 1
            continue
        habit.archived = status == "archive"
        _schedule(habit, raw.get("period"))
        habit.days = _days(habit, raw.get("records", []))
        kept.append((raw.get("id"), habit))
    # Habits named in "order" first, in its order; the rest after them as the file lists them.
    rank = {pk: index for index, pk in enumerate(order) if isinstance(pk, str | int)}
    kept.sort(key=lambda item: rank.get(item[0], len(rank)) if isinstance(item[0], str | int) else len(rank))
    plan.habits = [habit for _, habit in kept]
    if deleted:
        plan.notes.append(
            f"{deleted} habit{'s' if deleted != 1 else ''} deleted in Beaver {'were' if deleted != 1 else 'was'} left out."
        )
    return plan
