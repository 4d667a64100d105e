"""Showing what an ImportPlan would bring in, and writing it: all of it in one transaction, or nothing.

A habit in the file whose name an active habit already has is either merged into that
habit (its days are written onto it; the habit's own settings stay) or brought in as a
new habit under a free name ("Walk (imported)"). Days already in Selfcare take the
file's status and value; their note stays unless the file has one. Journal days already
written are kept as they are. Nothing is written before the person confirms.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from .. import habits as routine
from .. import support
from ..days import user_today
from ..journal import remember_feelings
from ..models import DayRecord, Habit, JournalEntry, Pause, RestDay, SupportContact, SupportItem, User
from ..schedule import schedule_in_words
from .plan import ImportedHabit, ImportPlan, UnreadableFile

BATCH = 1000
Progress = Callable[[str], None]


@dataclass
class HabitPreview:
    index: int
    habit: ImportedHabit
    schedule: str  # how its schedule will be read
    records: int
    match: Habit | None  # an active habit with the same name
    new_name: str  # the name it gets if brought in as new


@dataclass
class Preview:
    plan: ImportPlan
    habits: list[HabitPreview]
    records: int
    first_day: date | None
    last_day: date | None

    @property
    def matched(self) -> list[HabitPreview]:
        return [row for row in self.habits if row.match]


@dataclass
class Imported:
    new_habits: int = 0
    merged_habits: int = 0
    records: int = 0
    entries: int = 0
    entries_kept: int = 0
    notes: list[str] = field(default_factory=list)


def _free_name(name: str, taken: set[str]) -> str:
    """The name itself if free, else "name (imported)", "name (imported 2)"… within 80 characters."""
    candidate, number = name, 1
    while candidate.lower() in taken:
        suffix = " (imported)" if number == 1 else f" (imported {number})"
        candidate = name[: 80 - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def _as_habit(owner: User, imported: ImportedHabit, name: str, today: date) -> Habit:
    first_recorded = min((day.day for day in imported.days), default=None)
    return Habit(
        owner=owner,
        name=name,
        kind=imported.kind,
        unit=imported.unit,
        target=imported.target,
        direction=imported.direction,
        schedule=imported.schedule,
        weekdays=imported.weekdays,
        times_per_week=imported.times_per_week,
        interval_days=imported.interval_days,
        time_of_day=imported.time_of_day,
        colour=imported.colour,
        emoji=imported.emoji,
        why=imported.why,
        reminders=sorted(imported.reminders),
        start_date=imported.start_date or first_recorded or today,
        archived=imported.archived,
    )


def _active_by_name(owner: User) -> dict[str, Habit]:
    return {habit.name.lower(): habit for habit in Habit.objects.filter(owner=owner, archived=False)}


def preview(owner: User, plan: ImportPlan) -> Preview:
    """What the file holds and how it meets the account, for the person to look at before confirming."""
    existing = _active_by_name(owner)
    taken = set(existing)
    rows = []
    for index, imported in enumerate(plan.habits):
        match = None if imported.archived else existing.get(imported.name.lower())
        words = imported.schedule_note or schedule_in_words(_as_habit(owner, imported, imported.name, date.min), owner.week_start)
        new_name = imported.name if imported.archived else _free_name(imported.name, taken)
        rows.append(HabitPreview(index, imported, words, len(imported.days), match, new_name))
    days = [day.day for habit in plan.habits for day in habit.days] + [entry.day for entry in plan.entries]
    return Preview(plan, rows, sum(row.records for row in rows), min(days, default=None), max(days, default=None))


def apply(owner: User, plan: ImportPlan, merge: set[int], use_settings: bool = True, progress: Progress | None = None) -> Imported:
    """Write the plan into the account; `merge` holds the indexes of matched habits to merge.

    One transaction: a row the database refuses (the last record as well as the first)
    leaves the account as it was, and the person gets UnreadableFile's message.
    """
    try:
        with transaction.atomic():
            return _write(owner, plan, merge, use_settings, progress or (lambda message: None))
    except (DatabaseError, ValidationError) as error:
        raise UnreadableFile("Something in this file could not be saved, so nothing was imported.") from error


def _write(owner: User, plan: ImportPlan, merge: set[int], use_settings: bool, progress: Progress) -> Imported:
    done = Imported(notes=list(plan.notes))
    today = user_today(owner)
    existing = _active_by_name(owner)
    taken = set(existing)
    targets: list[Habit] = []
    new: list[Habit] = []
    for index, imported in enumerate(plan.habits):
        match = None if imported.archived else existing.get(imported.name.lower())
        if match and index in merge:
            targets.append(match)
            done.merged_habits += 1
        else:
            name = imported.name if imported.archived else _free_name(imported.name, taken)
            habit = _as_habit(owner, imported, name, today)
            targets.append(habit)
            new.append(habit)
    # Active ones first, so their positions follow on without a gap; archived ones have no place.
    routine.add_all(owner, sorted(new, key=lambda habit: habit.archived))
    done.new_habits = len(new)
    new_ids = {habit.pk for habit in new}
    Pause.objects.bulk_create(
        Pause(habit=habit, start=start, until=until)
        for habit, imported in zip(targets, plan.habits)
        if habit.pk in new_ids
        for start, until in imported.pauses
    )
    total = sum(len(imported.days) for imported in plan.habits)
    for batch in _batches(_records(targets, plan)):
        for with_note in (True, False):
            rows = [record for record in batch if bool(record.note) == with_note]
            if rows:
                DayRecord.objects.bulk_create(
                    rows,
                    update_conflicts=True,
                    unique_fields=["habit", "day"],
                    update_fields=["status", "value", "note", "updated"] if with_note else ["status", "value", "updated"],
                )
        done.records += len(batch)
        progress(f"Records: {done.records} of {total}")
    _write_entries(owner, plan, done, use_settings)
    _write_rest_days(owner, plan, targets)
    _write_support(owner, plan, done)
    if use_settings and plan.settings:
        _write_settings(owner, plan.settings)
    return done


def _records(targets: list[Habit], plan: ImportPlan) -> Iterator[DayRecord]:
    for habit, imported in zip(targets, plan.habits):
        for day in imported.days:
            yield DayRecord(habit=habit, day=day.day, status=day.status, value=day.value, note=day.note)


def _batches(records: Iterator[DayRecord]) -> Iterator[list[DayRecord]]:
    while batch := list(islice(records, BATCH)):
        yield batch


def _write_entries(owner: User, plan: ImportPlan, done: Imported, use_settings: bool) -> None:
    written = set(JournalEntry.objects.filter(owner=owner).values_list("day", flat=True))
    entries = [
        JournalEntry(owner=owner, day=e.day, mood=e.mood, feelings=e.feelings, prompt=e.prompt, text=e.text)
        for e in plan.entries
        if e.day not in written
    ]
    JournalEntry.objects.bulk_create(entries, batch_size=BATCH)
    done.entries = len(entries)
    done.entries_kept = len(plan.entries) - len(entries)
    if done.entries_kept:
        done.notes.append(f"{done.entries_kept} journal days were already written here and were kept as they are.")
    if not (use_settings and plan.settings):
        # The person's own feeling words come back as choices, newest first.
        remember_feelings(owner, [word for e in sorted(entries, key=lambda e: e.day, reverse=True) for word in e.feelings])


def _write_rest_days(owner: User, plan: ImportPlan, targets: list[Habit]) -> None:
    if not plan.rest_days:
        return
    # By the names the file uses: a habit brought in as "Walk (imported)" keeps the rest days of "Walk".
    by_name: dict[str, int] = {}
    for habit, imported in reversed(list(zip(targets, plan.habits))):  # an active habit wins over an archived one
        if not habit.archived or imported.name.lower() not in by_name:
            by_name[imported.name.lower()] = habit.pk
    wanted = {day: {by_name[name.lower()] for name in names if name.lower() in by_name} for day, names in plan.rest_days}
    named = {day: names for day, names in plan.rest_days}
    wanted = {day: ids for day, ids in wanted.items() if ids or not named[day]}  # none of its habits came in: no rest day
    existing = {rest.day: rest for rest in RestDay.objects.filter(owner=owner, day__in=list(wanted))}
    for day, rest in existing.items():
        rest.habit_ids = sorted(set(rest.habit_ids) | wanted[day])
    RestDay.objects.bulk_update(list(existing.values()), ["habit_ids"])
    RestDay.objects.bulk_create(RestDay(owner=owner, day=day, habit_ids=sorted(ids)) for day, ids in wanted.items() if day not in existing)


def _write_support(owner: User, plan: ImportPlan, done: Imported) -> None:
    """People and lines not already there go at the end of their list, as long as it has room."""
    left_out = 0
    contacts = [(c.name, c.phone) for c in SupportContact.objects.filter(owner=owner)]
    already = set(contacts)
    for name, phone in plan.support_contacts:
        if (name, phone) in already:
            continue
        if len(contacts) >= support.LIMIT:
            left_out += 1
            continue
        SupportContact.objects.create(owner=owner, name=name, phone=phone, position=len(contacts))
        contacts.append((name, phone))
    lines = {kind: [] for kind in SupportItem.Kind.values}
    for item in SupportItem.objects.filter(owner=owner):
        lines[item.kind].append(item.text)
    already_lines = {(kind, text) for kind, texts in lines.items() for text in texts}
    for kind, text in plan.support_items:
        if (kind, text) in already_lines:
            continue
        if len(lines[kind]) >= support.LIMIT:
            left_out += 1
            continue
        SupportItem.objects.create(owner=owner, kind=kind, text=text, position=len(lines[kind]))
        lines[kind].append(text)
    if left_out:
        done.notes.append(f"{left_out} support entries did not fit (each list keeps {support.LIMIT}) and were left out.")


def _write_settings(owner: User, values: dict) -> None:
    values = {name: time.fromisoformat(value) if name in ("quiet_start", "quiet_end") and value else value for name, value in values.items()}
    changed = [name for name, value in values.items() if getattr(owner, name) != value]
    for name in changed:
        setattr(owner, name, values[name])
    if {"time_zone", "day_start_hour"} & set(changed):
        owner.reminders_changed = timezone.now()
        changed.append("reminders_changed")
    if changed:
        owner.save(update_fields=changed)
