"""Which habits are due on a given day of their owner's calendar."""

from datetime import date

from .models import Habit


def is_due(habit: Habit, day: date) -> bool:
    """Every habit is daily for now: due from its start date on, unless archived."""
    return not habit.archived and habit.start_date <= day
