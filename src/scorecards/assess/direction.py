"""Direction of travel: did performance improve, worsen or stay the same?

Judged by polarity, not by the raw number: exclusions rising from 16 to 20
is "worsened" (seed 002, directorate scorecard). Results are compared as
published, rounded to the indicator's decimals, so two figures that print
the same are "same".
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from scorecards.framework.formatting import published


class Direction(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    SAME = "same"


ARROWS = {Direction.IMPROVED: "↑", Direction.WORSENED: "↓", Direction.SAME: "↔"}


def direction(
    current: float | None,
    earlier: float | None,
    polarity: str | None,
    decimals: int,
    target: float | None = None,
) -> Direction | None:
    """Direction from `earlier` to `current`; None when it cannot be judged."""
    if current is None or earlier is None or polarity is None:
        return None
    now, then = published(current, decimals), published(earlier, decimals)
    if polarity == "T":
        if target is None:
            return None
        goal = Decimal(repr(target))
        now, then = -abs(now - goal), -abs(then - goal)
    elif polarity == "L":
        now, then = -now, -then
    if now > then:
        return Direction.IMPROVED
    if now < then:
        return Direction.WORSENED
    return Direction.SAME
