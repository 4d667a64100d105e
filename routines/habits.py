"""Shaping a routine: adding, editing, moving, pausing, archiving and restoring habits.

A person's active habits are numbered 0..n-1, the order of Today and Routine. Every
write that adds, removes or reorders them locks the person first (`_lock_routine`),
so those writes run one after another per person, and renumbers in the same
transaction: whatever runs at once, positions stay unique and gapless. A database
constraint keeps them unique; the rest of a habit is saved field by field, so a
slower request never writes back what a faster one changed.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Habit, Pause, User
from .insights import smaller_version
from .schedule import current_pause


class NameTaken(ValidationError):
    """Another active habit has the name: shown next to the form's name field."""

    def __init__(self, name: str) -> None:
        super().__init__(f"You already have a habit called “{name}”. Please choose another name.", code="name_taken")


def name_is_taken(owner_id: int, name: str, exclude_pk: int | None = None) -> bool:
    """Whether another active habit of the person has this name, in any case."""
    others = Habit.objects.filter(owner_id=owner_id, archived=False, name__iexact=name).exclude(pk=exclude_pk)
    return others.exists()


@contextmanager
def _names_checked(habits: Iterable[Habit]) -> Iterator[None]:
    """Two requests can both find a name free and both write it: the second write breaks the
    unique-name constraint. That becomes NameTaken, so the person sees the form's message."""
    try:
        yield
    except IntegrityError:
        for habit in habits:
            if not habit.archived and name_is_taken(habit.owner_id, habit.name, habit.pk):
                raise NameTaken(habit.name) from None
        raise


def _lock_routine(owner_id: int, leaving_out: int | None = None) -> list[Habit]:
    """Lock the person's row until the transaction ends; their active habits in order.

    The person, not their habits: that also serialises adding a first habit, when there
    is no habit row to lock. NO KEY: check-offs and new habits pointing at the row go on.
    """
    list(User.objects.select_for_update(no_key=True).filter(pk=owner_id).values_list("pk"))
    active = Habit.objects.filter(owner_id=owner_id, archived=False).exclude(pk=leaving_out)
    return list(active.order_by("position", "id").only("position"))


def _renumber(ordered: list[Habit]) -> None:
    """Number the habits 0..n-1 in this order, writing only the ones that move.

    Two steps, because the unique (owner, position) constraint is checked row by row:
    a swap written in one statement would collide half-way. The moving ones first go
    above every position in use, then to their places.
    """
    moving = {habit.pk: index for index, habit in enumerate(ordered) if habit.position != index}
    if not moving:
        return
    above = max(habit.position for habit in ordered) + 1
    Habit.objects.filter(pk__in=list(moving)).update(position=F("position") + above)
    Habit.objects.bulk_update([Habit(pk=pk, position=index) for pk, index in moving.items()], ["position"])
    for index, habit in enumerate(ordered):
        habit.position = index


def add(habit: Habit) -> Habit:
    """Save a new habit at the end of its owner's routine (its position is chosen here).

    Raises NameTaken when another request took the name since the form checked it.
    """
    with _names_checked([habit]), transaction.atomic():
        active = _lock_routine(habit.owner_id)
        _renumber(active)
        habit.position = len(active)
        habit.save()
    return habit


def add_all(owner: User, new: list[Habit]) -> None:
    """Save several new habits (the starter checklist) at the end, in the order given: all or none."""
    with _names_checked(new), transaction.atomic():
        active = _lock_routine(owner.pk)
        _renumber(active)
        for offset, habit in enumerate(new):
            habit.position = len(active) + offset
        Habit.objects.bulk_create(new)


def save_changes(habit: Habit, fields: Iterable[str]) -> None:
    """Save only the fields an edit changed, so an archive, a move or another edit made
    meanwhile stays. Raises NameTaken as `add` does."""
    fields = list(fields)
    if not fields:
        return
    with _names_checked([habit]), transaction.atomic():
        habit.save(update_fields=[*fields, "updated"])


def move(habit: Habit, step: int) -> None:
    """One place up (-1) or down (+1) among the active habits; at either end it stays."""
    with transaction.atomic():
        active = _lock_routine(habit.owner_id)
        index = next((i for i, each in enumerate(active) if each.pk == habit.pk), None)
        if index is not None and 0 <= index + step < len(active):
            active[index], active[index + step] = active[index + step], active[index]
        _renumber(active)


def archive(habit: Habit) -> None:
    """Out of the routine, with all its history kept; the habits below move up."""
    with transaction.atomic():
        active = _lock_routine(habit.owner_id, leaving_out=habit.pk)
        habit.archived = True
        habit.save(update_fields=["archived", "updated"])
        _renumber(active)


def restore(habit: Habit, name: str | None = None) -> None:
    """Back at the end of the routine with all its history, under a new name if given.

    Raises NameTaken when an active habit has the name by the time it is written.
    """
    fields = ["archived", "position", "updated"]
    if name is not None:
        habit.name = name
        fields.append("name")
    habit.archived = False
    with _names_checked([habit]), transaction.atomic():
        active = _lock_routine(habit.owner_id, leaving_out=habit.pk)
        _renumber(active)
        habit.position = len(active)
        habit.save(update_fields=fields)


def delete(habit: Habit) -> None:
    """Gone for good with its records (the person confirmed); the habits below move up."""
    with transaction.atomic():
        active = _lock_routine(habit.owner_id, leaving_out=habit.pk)
        habit.delete()
        _renumber(active)


def _lock_habit(habit: Habit) -> Habit:
    """The habit as it is now, its row locked until the transaction ends, pauses read after the lock."""
    return Habit.objects.select_for_update(no_key=True).prefetch_related("pauses").get(pk=habit.pk)


def pause(habit: Habit, today: date, until: date) -> None:
    """Rest until `until`: the pause running today is moved to end then, or one starts today."""
    with transaction.atomic():
        locked = _lock_habit(habit)
        running = current_pause(locked, today)
        if running:
            running.until = until
            running.save(update_fields=["until"])
        else:
            Pause.objects.create(habit=locked, start=today, until=until)
        locked.save(update_fields=["updated"])  # the calendar feed dates its events by this


def resume(habit: Habit, today: date) -> None:
    """End the rest today: past paused days stay paused; a pause from today leaves no trace."""
    with transaction.atomic():
        locked = _lock_habit(habit)
        running = current_pause(locked, today)
        if running is None:
            return
        if running.start == today:
            running.delete()
        else:
            running.until = today
            running.save(update_fields=["until"])
        locked.save(update_fields=["updated"])


def make_smaller(habit: Habit, offered: str) -> bool:
    """The weekly look back's "make it smaller": half the number, or a day fewer a week.

    Only the change the person saw (`offered`, its words) is made, worked out again from
    the habit as it is now under a lock: a double tap or a second device never halves it
    twice. False when that change no longer applies.
    """
    with transaction.atomic():
        locked = _lock_habit(habit)
        smaller = smaller_version(locked)
        if smaller is None or smaller.words != offered:
            return False
        for field, value in smaller.changes.items():
            setattr(locked, field, value)
        locked.save(update_fields=[*smaller.changes, "updated"])
    return True
