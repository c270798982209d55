"""A result's history: every period of its series rated against its own year's
target, as a trend table, a chart or the web's series shows it.

A month of 2016-17 is rated against the 2016-17 target, whatever year the
scorecard rates the latest result against. The latest result is the one
exception: when its own year has no target, it is rated against the target
the scorecard rates it by (last year's, say), so it is not left blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.assess.aggregate import exact
from scorecards.assess.rag import Rag, rate
from scorecards.figures.results import Observation, Result
from scorecards.framework.model import Geography, Indicator, Target
from scorecards.framework.targets import target_for, year_of_period


@dataclass(frozen=True)
class RatedObservation:
    """One period of a result: its figure, unrounded value, target and RAG."""

    observation: Observation
    value: float | None  # unrounded (`aggregate.exact`)
    target: Target | None
    rag: Rag | None


def rated_history(
    indicator: Indicator, geography: Geography, result: Result | None, latest_target: Target | None
) -> tuple[RatedObservation, ...]:
    """Every period of `result`'s series, each rated against its own year's target."""
    if result is None:
        return ()
    targets: dict[str, Target | None] = {}  # a series spans a few years: look each up once
    history = []
    for observation in result.series:
        year = year_of_period(indicator, observation.period)
        if year not in targets:
            targets[year] = target_for(indicator, year, geography)
        target = targets[year]
        if target is None and observation == result.latest:
            target = latest_target
        value = exact(observation, indicator)
        rag = rate(value, target, indicator.polarity, indicator.rag, observation.denominator)
        history.append(RatedObservation(observation, value, target, rag))
    return tuple(history)
