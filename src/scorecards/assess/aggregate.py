"""Combining results: ratios from summed numerators and denominators.

Areas and the county are computed from the sums of their parts, never by
averaging percentages (3792 / 17096 = 22.2%); a rolling window is likewise
the sum of its months. These are the reference definitions the DuckDB
queries are tested against. A result's unrounded value (`exact`) is likewise
its own numerator over its denominator.
"""

from __future__ import annotations

from collections.abc import Sequence

from scorecards.figures.results import Observation
from scorecards.framework.model import Indicator

SCALE = {"percent": 100.0, "rate_per_10000": 10000.0, "average": 1.0, "score": 1.0}


def ratio(numerator: float | None, denominator: float | None, unit: str) -> float | None:
    """The value of a numerator over a denominator in the indicator's unit."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator * SCALE.get(unit, 1.0)


def exact(observation: Observation | None, indicator: Indicator) -> float | None:
    """The unrounded value: from the numerator and denominator when both are given."""
    if observation is None:
        return None
    if indicator.unit != "count" and observation.numerator is not None and observation.denominator:
        return ratio(observation.numerator, observation.denominator, indicator.unit)
    return observation.value


def combine(
    parts: Sequence[tuple[float | None, float | None]], unit: str
) -> tuple[float, float, float | None] | None:
    """Sum (numerator, denominator) pairs; None if any part is missing."""
    if not parts or any(n is None or d is None for n, d in parts):
        return None
    numerator = sum(n for n, _ in parts if n is not None)
    denominator = sum(d for _, d in parts if d is not None)
    return numerator, denominator, ratio(numerator, denominator, unit)


def rolling(
    series: Sequence[tuple[float | None, float | None]], months: int, unit: str
) -> list[float | None]:
    """For each month, the ratio over it and the `months - 1` before it.

    A window is only computed when every month in it has both figures.
    """
    results: list[float | None] = []
    for end in range(len(series)):
        window = series[end - months + 1 : end + 1] if end + 1 >= months else []
        combined = combine(window, unit)
        results.append(combined[2] if combined else None)
    return results
