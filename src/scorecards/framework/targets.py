"""Which target applies: the year, the geography (code, then level, then all)
and the basis (annual or monthly)."""

from __future__ import annotations

from functools import cache

from scorecards.framework.model import Geography, Indicator, Target
from scorecards.periods import Month, year_of


def target_for(
    indicator: Indicator, year: str | None, geography: Geography, basis: str = "annual"
) -> Target | None:
    """The most specific target for `geography` in `year`, or None."""
    if year is None:
        return None
    best: tuple[int, Target] | None = None
    for target in indicator.targets:
        if target.year != year or target.basis != basis:
            continue
        rank = _specificity(target.geography, geography)
        if rank is not None and (best is None or rank > best[0]):
            best = (rank, target)
    return best[1] if best else None


def _specificity(selector: str | None, geography: Geography) -> int | None:
    if selector is None:
        return 0
    if selector == geography.level:
        return 1
    if selector == geography.code:
        return 2
    return None


def year_of_period(indicator: Indicator, period: str) -> str:
    """The target year a result's period falls in: its own label for annual
    indicators, the financial year of the month otherwise."""
    if indicator.is_annual:
        return period
    return _year_of_month(period)


@cache
def _year_of_month(label: str) -> str:
    """Cached: every period of every result's history is looked up, and they are few."""
    return year_of(Month.parse(label))
