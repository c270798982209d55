"""Assessments: a result rated against its target and compared with earlier
results, for one scorecard, geography, indicator and group.

This joins the pure rules in `assess/` to the results of the queries; every
output format (HTML, XLSX, CSV, PDF), the narrative and the web read these
records and never re-apply the rules themselves: whatever they show of a
rating (its bands, whether the target is met, each earlier period's RAG,
the trajectory) is here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scorecards.assess.aggregate import exact
from scorecards.assess.direction import Direction, direction
from scorecards.assess.history import RatedObservation, rated_history
from scorecards.assess.rag import Rag, RagLimits, meets, rag_limits, rate
from scorecards.assess.trajectory import Trajectory, trajectory
from scorecards.figures.results import Observation, Result
from scorecards.framework.model import Geography, Indicator, RagRule, Target
from scorecards.framework.targets import target_for, year_of_period
from scorecards.periods import Month, last_month_of


@dataclass(frozen=True)
class Assessment:
    indicator: Indicator
    geography: Geography
    group: str
    result: Result | None
    previous: Observation | None
    target: Target | None
    rag: Rag | None
    dot: Direction | None
    dot_1m: Direction | None
    dot_1y: Direction | None
    rolling: Result | None
    rolling_rag: Rag | None
    previous_rag: Rag | None  # the previously reported result against the same target
    met: bool | None  # the target met: Green, or for an unrated indicator as written
    limits: RagLimits | None  # the bands of the rating, as numbers
    history: tuple[RatedObservation, ...]  # every period, against its own year's target
    trajectory: Trajectory | None  # the trend to later years' targets

    @property
    def latest(self) -> Observation | None:
        return self.result.latest if self.result else None

    @property
    def value(self) -> float | None:
        return exact(self.latest, self.indicator)


def assess(
    indicator: Indicator,
    geography: Geography,
    result: Result | None,
    *,
    cadence: int,
    target_year: str | None = None,
    basis: str = "annual",
    rolling: Result | None = None,
) -> Assessment:
    """Rate `result` and compare it with the previously reported result, the
    result a month ago and a year ago."""
    if result is not None and result.group.startswith(GAP_PREFIX):
        indicator = as_gap(indicator)
    latest = result.latest if result else None
    year = target_year or (year_of_period(indicator, latest.period) if latest else None)
    target = target_for(indicator, year, geography, basis)
    previous = result.previous.get(cadence) if result else None
    rag = rate_observation(indicator, latest, target)
    return Assessment(
        indicator=indicator,
        geography=geography,
        group=result.group if result else "all",
        result=result,
        previous=previous,
        target=target,
        rag=rag,
        dot=compare(indicator, latest, previous, target),
        dot_1m=compare(indicator, latest, result.one_month_ago if result else None, target),
        dot_1y=compare(indicator, latest, result.one_year_ago if result else None, target),
        rolling=rolling,
        rolling_rag=rate_observation(indicator, rolling.latest if rolling else None, target),
        previous_rag=rate_observation(indicator, previous, target),
        met=target_met(indicator, latest, target, rag),
        limits=rag_limits(target, indicator.polarity, indicator.rag),
        history=rated_history(indicator, geography, result, target),
        trajectory=trajectory(indicator, geography, result),
    )


GAP_PREFIX = "gap:"


def as_gap(indicator: Indicator) -> Indicator:
    """A gap is judged on its own terms: it is positive when the group does
    worse, so narrower is better (polarity L), and the indicator's targets are
    for the whole population, so a gap is not rated against them."""
    return replace(indicator, polarity="L", rag=RagRule(rated=False), targets=())


def compare(
    indicator: Indicator, later: Observation | None, earlier: Observation | None, target: Target | None
) -> Direction | None:
    """Direction of travel between two results, unless the definition changed between them."""
    if later is None or earlier is None or later.value is None or earlier.value is None:
        return None
    if indicator.polarity == "T" and not indicator.rag.rated:
        return None  # closest-to-target needs a target band to judge against
    if indicator.amended_between(_month(indicator, earlier), _month(indicator, later)):
        return None
    return direction(
        later.value, earlier.value, indicator.polarity, indicator.decimals, target.value if target else None
    )


def rate_observation(
    indicator: Indicator, observation: Observation | None, target: Target | None
) -> Rag | None:
    if observation is None:
        return None
    value = exact(observation, indicator)
    return rate(value, target, indicator.polarity, indicator.rag, observation.denominator)


def target_met(
    indicator: Indicator, latest: Observation | None, target: Target | None, rag: Rag | None
) -> bool | None:
    """Whether the target is met: Green, or for an unrated indicator the target as
    written (judged on the figure as given); None when it cannot be judged."""
    if rag is not None:
        return rag is Rag.GREEN
    if target is None or indicator.polarity not in ("H", "L") or latest is None or latest.value is None:
        return None
    return meets(latest.value, target, indicator.polarity)


def _month(indicator: Indicator, observation: Observation) -> Month:
    if indicator.is_annual:
        return last_month_of(observation.period, indicator.year_start_month)
    return Month.parse(observation.period)
