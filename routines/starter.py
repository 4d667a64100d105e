"""The self-care checklist new people start from, drawn from the seed article."""

from dataclasses import dataclass
from decimal import Decimal

from .models import Habit


@dataclass(frozen=True)
class StarterHabit:
    name: str
    time_of_day: str
    kind: str = Habit.Kind.CHECK
    unit: str = ""
    target: Decimal | None = None
    direction: str = Habit.Direction.AT_LEAST

    def get_time_of_day_display(self) -> str:
        return Habit.TimeOfDay(self.time_of_day).label

    @property
    def direction_display(self) -> str:
        return Habit.Direction(self.direction).label


STARTER_ROUTINE: tuple[StarterHabit, ...] = (
    StarterHabit("Stretch your body when you wake", Habit.TimeOfDay.MORNING),
    StarterHabit("Mindfulness meditation", Habit.TimeOfDay.MORNING, Habit.Kind.MEASURABLE, "minutes", Decimal(10)),
    StarterHabit("Gratitude, prayer or positive affirmations", Habit.TimeOfDay.MORNING),
    StarterHabit("A healthy breakfast", Habit.TimeOfDay.MORNING),
    StarterHabit("Sleep", Habit.TimeOfDay.MORNING, Habit.Kind.MEASURABLE, "hours", Decimal(7)),
    StarterHabit("Listen to some uplifting music", Habit.TimeOfDay.ANYTIME),
    StarterHabit("A warm shower or bath", Habit.TimeOfDay.EVENING),
    StarterHabit("Read a book that stretches your imagination", Habit.TimeOfDay.EVENING),
)
