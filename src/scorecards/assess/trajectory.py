"""Trajectory: is the present trend on course for the targets of later years?

The projection is deliberately simple and the same for every indicator:

1. take the indicator's most recent results for the geography (`WINDOW`:
   the last 12 for a monthly or quarterly indicator, the last 5 for an
   annual one), each placed at the last month of its period;
2. fit a straight line through them by least squares (two results give the
   line through both; fewer than two, or all in one month, give none);
3. read the line at the month each later target falls due: the last month
   of the target's year (March for a financial year, August for an academic
   year);
4. rate that projected value against the target with the indicator's own
   RAG rule (`assess.rag.rate`): *on course* when it would be Green. An
   unrated indicator is on course when the projection meets the target as
   written; for one that is closest-to-target (T) that cannot be judged.

"Later" targets are those for years after the year of the latest result.
Seed 002 (committee report 3.5) says of schools judged good or outstanding,
88.8% in March 2016, 90.8% in March 2017, 91.6% in June 2017: "We are on
track for our long term target that 95% of schools will be good or
outstanding by 2018-19"; the line through those three reads 95.3% in March
2019 (tests/test_trajectory.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from scorecards.assess.aggregate import exact
from scorecards.assess.rag import Rag, meets, rate
from scorecards.figures.results import Observation, Result
from scorecards.framework.model import Geography, Indicator, Target
from scorecards.framework.targets import target_for, year_of_period
from scorecards.periods import FINANCIAL_YEAR_START, Month, last_month_of, month_index

WINDOW = {"M": 12, "Q": 12, "A": 5}


@dataclass(frozen=True)
class Outlook:
    """Where the trend leads by the time one later target falls due."""

    target: Target
    due: Month
    projected: float
    rag: Rag | None
    on_course: bool | None  # None: not judged (closest-to-target and not rated)


@dataclass(frozen=True)
class Trajectory:
    indicator: str
    geography: str
    fitted: tuple[Observation, ...]  # the results the line goes through
    slope: float  # change per month
    centre: float  # the mean month index of the fitted results
    level: float  # the line's value at `centre` (the mean of the fitted results)
    outlooks: tuple[Outlook, ...] = ()

    def at(self, month: Month) -> float:
        return self.level + self.slope * (month_index(month) - self.centre)

    @property
    def method(self) -> str:
        first, last = self.fitted[0].period, self.fitted[-1].period
        return f"least-squares line through the {len(self.fitted)} results from {first} to {last}"


def trajectory(indicator: Indicator, geography: Geography, result: Result | None) -> Trajectory | None:
    """The trend of `result` projected to each later target, or None when there is
    no later target or too little data to draw a line."""
    if result is None or indicator.polarity is None:
        return None
    later = later_targets(indicator, geography, result.latest)
    if not later:  # most results: no line is drawn, so every assessment can ask
        return None
    fitted = recent_results(indicator, result)
    months = [month_index(_month(o.period_end)) for o in fitted]
    line = least_squares(months, [_value(indicator, o) for o in fitted])
    if line is None:
        return None
    slope, level, centre = line
    drawn = Trajectory(indicator.code, geography.code, tuple(fitted), slope, centre, level)
    return replace(drawn, outlooks=tuple(outlook(indicator, target, drawn) for target in later))


def later_targets(indicator: Indicator, geography: Geography, latest: Observation) -> list[Target]:
    """The targets for years after the year of the latest result, earliest first."""
    current = year_of_period(indicator, latest.period)
    years = sorted({t.year for t in indicator.targets if t.basis == "annual" and t.year > current})
    found = (target_for(indicator, year, geography) for year in years)
    return [t for t in found if t is not None]


def recent_results(indicator: Indicator, result: Result) -> list[Observation]:
    usable = [o for o in result.series if o.period_end <= result.latest.period_end and o.value is not None]
    return usable[-WINDOW.get(indicator.frequency, 12) :]


def outlook(indicator: Indicator, target: Target, line: Trajectory) -> Outlook:
    start = indicator.year_start_month if indicator.is_annual else FINANCIAL_YEAR_START
    due = last_month_of(target.year, start)
    projected = line.at(due)
    rag = rate(projected, target, indicator.polarity, indicator.rag)
    on_course = rag is Rag.GREEN if rag is not None else _meets(projected, target, indicator.polarity)
    return Outlook(target, due, projected, rag, on_course)


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float] | None:
    """(slope, mean of y, mean of x) of the least-squares line, or None when it is undefined."""
    if len(xs) < 2:
        return None
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return slope, mean_y, mean_x


def _month(day: date) -> Month:
    return Month(day.year, day.month)


def _value(indicator: Indicator, observation: Observation) -> float:
    value = exact(observation, indicator)
    assert value is not None
    return value


def _meets(value: float, target: Target, polarity: str | None) -> bool | None:
    return meets(value, target, polarity) if polarity in ("H", "L") else None
