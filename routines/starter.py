"""The self-care checklist new people start from, drawn from the seed article."""

from dataclasses import dataclass
from datetime import date
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
    schedule: str = Habit.Schedule.DAILY
    times_per_week: int | None = None
    reminder: str = ""  # a suggested time, offered, off until the person turns it on
    ticked: bool = False  # pre-ticked on the starter checklist: only the smallest, easiest things

    def build(self, owner, position: int, start: date, **changes) -> Habit:
        """An unsaved habit from this suggestion, with any of its fields changed."""
        fields = {
            "name": self.name,
            "time_of_day": self.time_of_day,
            "kind": self.kind,
            "unit": self.unit,
            "target": self.target,
            "direction": self.direction,
            "schedule": self.schedule,
            "times_per_week": self.times_per_week,
            "reminders": [self.reminder] if self.reminder else [],
        }
        return Habit(owner=owner, position=position, start_date=start, **{**fields, **changes})

    def get_time_of_day_display(self) -> str:
        return Habit.TimeOfDay(self.time_of_day).label

    @property
    def direction_display(self) -> str:
        return Habit.Direction(self.direction).label


# Day one asks little: at most four quick, one-tap things start ticked (a stretch,
# a word of gratitude, breakfast, a song); the bigger ones (ten minutes of
# stillness, a night's sleep, a bath, a book) are offered for whoever wants them.
STARTER_ROUTINE: tuple[StarterHabit, ...] = (
    StarterHabit("Stretch your body when you wake", Habit.TimeOfDay.MORNING, reminder="07:30", ticked=True),
    StarterHabit(
        "Mindfulness meditation", Habit.TimeOfDay.MORNING, Habit.Kind.MEASURABLE, "minutes", Decimal(10), reminder="08:00"
    ),
    StarterHabit("Gratitude, prayer or positive affirmations", Habit.TimeOfDay.MORNING, ticked=True),
    StarterHabit("A healthy breakfast", Habit.TimeOfDay.MORNING, reminder="08:30", ticked=True),
    StarterHabit("Sleep", Habit.TimeOfDay.MORNING, Habit.Kind.MEASURABLE, "hours", Decimal(7)),
    StarterHabit("Listen to some uplifting music", Habit.TimeOfDay.ANYTIME, ticked=True),
    StarterHabit("A warm shower or bath", Habit.TimeOfDay.EVENING),
    StarterHabit("Read a book that stretches your imagination", Habit.TimeOfDay.EVENING, reminder="21:30"),
)

# More ideas from the article, for shaping the routine later.
IDEAS: tuple[StarterHabit, ...] = STARTER_ROUTINE + (
    StarterHabit("Write in your journal", Habit.TimeOfDay.EVENING),
    StarterHabit(
        "Do something you used to enjoy", Habit.TimeOfDay.ANYTIME, schedule=Habit.Schedule.TIMES_PER_WEEK, times_per_week=2
    ),
    StarterHabit(
        "Try something new today (a different route, a new recipe)",
        Habit.TimeOfDay.ANYTIME,
        schedule=Habit.Schedule.TIMES_PER_WEEK,
        times_per_week=1,
    ),
    StarterHabit(
        "Step out of your comfort zone", Habit.TimeOfDay.ANYTIME, schedule=Habit.Schedule.TIMES_PER_WEEK, times_per_week=1
    ),
    StarterHabit("Take five quiet minutes for yourself", Habit.TimeOfDay.ANYTIME),
    StarterHabit("Move your body or take a walk", Habit.TimeOfDay.AFTERNOON),
)
