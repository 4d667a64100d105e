"""Months and a year at a glance: calendars, the heatmap and the values chart.

Plain functions over records already fetched; the SVG is drawn by templates
from the numbers here (no chart library, no inline styles: classes only).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .models import DayRecord, Habit
from .schedule import week_start_for
from .week import Cell, CellState, cell_state, tally

HEAT_CELL = 11  # px per day square in the heatmap, gap included


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(first: date, count: int) -> date:
    index = first.year * 12 + first.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_weeks(first: date, week_start: int) -> list[list[date | None]]:
    """The month's days in weeks starting on `week_start`; None pads the edges."""
    last = add_months(first, 1) - timedelta(days=1)
    start = week_start_for(first, week_start)
    weeks = []
    while start <= last:
        weeks.append([d if d.month == first.month else None for d in (start + timedelta(days=i) for i in range(7))])
        start += timedelta(days=7)
    return weeks


def weekday_labels(week_start: int) -> list[str]:
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return [names[(week_start + i) % 7] for i in range(7)]


def month_cells(habit: Habit, by_day: dict[date, DayRecord], first: date, today: date, week_start: int) -> list[list[Cell | None]]:
    return [
        [Cell(habit, d, by_day.get(d), cell_state(habit, d, by_day.get(d), today), d == today) if d else None for d in week]
        for week in month_weeks(first, week_start)
    ]


@dataclass
class HeatDay:
    day: date
    state: CellState
    x: int
    y: int


@dataclass
class HeatMap:
    days: list[HeatDay]
    width: int
    height: int
    done: int
    planned: int
    first: date
    last: date


def heatmap(habit: Habit, by_day: dict[date, DayRecord], today: date, week_start: int) -> HeatMap:
    """The last 53 weeks, one column a week, one square a day."""
    first = week_start_for(today, week_start) - timedelta(weeks=52)
    days = []
    for offset in range((today - first).days + 1):
        day = first + timedelta(days=offset)
        days.append(HeatDay(day, cell_state(habit, day, by_day.get(day), today), (offset // 7) * HEAT_CELL, (offset % 7) * HEAT_CELL))
    done = sum(d.state == CellState.DONE for d in days)
    return HeatMap(days, 53 * HEAT_CELL, 7 * HEAT_CELL, done, planned_days(habit, days), first, today)


def planned_days(habit: Habit, days: list[HeatDay]) -> int:
    """Days asked for: each open, partly done or done day; an N-times-a-week habit asks N a week."""
    asked = (CellState.DONE, CellState.PARTIAL, CellState.OPEN)
    if habit.schedule != Habit.Schedule.TIMES_PER_WEEK:
        return sum(d.state in asked for d in days)
    total = 0
    for start in range(0, len(days), 7):
        week = days[start : start + 7]
        done = sum(d.state == CellState.DONE for d in week)
        total += max(done, min(habit.times_per_week, sum(d.state in asked for d in week)))
    return total


@dataclass
class ValueChart:
    points: str  # for <polyline points="...">
    target_y: float
    width: int
    height: int
    days: int
    logged: int
    average: Decimal | None


def value_chart(habit: Habit, by_day: dict[date, DayRecord], today: date, days: int) -> ValueChart:
    """A measurable habit's values over the last `days` days, against its target."""
    width, height, pad = 300, 120, 8
    series = [(i, by_day[d].value) for i, d in enumerate(today - timedelta(days=days - 1 - i) for i in range(days)) if d in by_day and by_day[d].value is not None]
    highest = max([habit.target, *(v for _, v in series)]) * Decimal("1.15")

    def y(value: Decimal) -> float:
        return round(height - pad - float(value / highest) * (height - 2 * pad), 1)

    step = (width - 2 * pad) / max(days - 1, 1)
    points = " ".join(f"{round(pad + i * step, 1)},{y(v)}" for i, v in series)
    values = [v for _, v in series]
    average = (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None
    return ValueChart(points, y(habit.target), width, height, days, len(values), average)


@dataclass
class DayShare:
    day: date
    done: int
    due: int

    @property
    def level(self) -> int:
        """0 (nothing done) to 4 (all done); -1 when nothing was planned."""
        if not self.due:
            return -1
        return 4 if self.done >= self.due else min(3, int(4 * self.done / self.due))


def daily_shares(habits: list[Habit], records: dict[tuple[int, date], DayRecord], days: list[date], today: date) -> dict[date, DayShare]:
    """For each day, how many of the habits due were done."""
    shares = {}
    for day in days:
        cells = [Cell(h, day, records.get((h.id, day)), cell_state(h, day, records.get((h.id, day)), today), day == today) for h in habits]
        shares[day] = DayShare(day, *tally(cells))
    return shares
