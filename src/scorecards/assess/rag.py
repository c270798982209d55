"""Red/Amber/Green: is a result on target, within tolerance, or beyond it?

Green: met or exceeded the target. Amber: missed, but within the tolerance
(or above the floor). Red: missed and beyond it. Seed 002, guidance notes of
the directorate and social-care scorecards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scorecards.framework.model import Band, RagRule, Target


class Rag(StrEnum):
    GREEN = "GREEN"
    AMBER = "AMBER"
    RED = "RED"


def rate(
    value: float | None,
    target: Target | None,
    polarity: str | None,
    rule: RagRule,
    denominator: float | None = None,
) -> Rag | None:
    """The RAG of an unrounded `value` against `target`; None when not rated."""
    if value is None or target is None or not rule.rated or polarity is None:
        return None
    if rule.min_denominator is not None and denominator is not None and denominator < rule.min_denominator:
        return None
    if rule.bands:
        return _by_bands(value, rule.bands)
    if polarity == "T":
        return _closest_to_target(value, target, rule)
    if meets(value, target, polarity):
        return Rag.GREEN
    limit = amber_limit(target, polarity, rule)
    within = value >= limit if polarity == "H" else value <= limit
    return Rag.AMBER if within else Rag.RED


@dataclass(frozen=True)
class RagLimits:
    """Where a rating against `target` changes colour, as numbers to describe its bands."""

    target: Target
    amber: float  # H or L: the worst value still Amber; T: the furthest from the target still Amber


def rag_limits(target: Target | None, polarity: str | None, rule: RagRule) -> RagLimits | None:
    """The limits of the bands `rate` applies against `target`; None when not rated."""
    if target is None or not rule.rated or polarity is None:
        return None
    if polarity == "T":
        return RagLimits(target, rule.band + tolerance_amount(target, rule))
    return RagLimits(target, amber_limit(target, polarity, rule))


def meets(value: float, target: Target, polarity: str) -> bool:
    """Whether `value` meets the target: a threshold as written, a number by polarity."""
    comparator = target.comparator or (">=" if polarity == "H" else "<=")
    match comparator:
        case ">":
            return value > target.value
        case ">=":
            return value >= target.value
        case "<":
            return value < target.value
        case _:
            return value <= target.value


def amber_limit(target: Target, polarity: str, rule: RagRule) -> float:
    """The worst value still amber: the floor, or the target moved by the tolerance."""
    if rule.floor is not None:
        return rule.floor
    distance = tolerance_amount(target, rule)
    return target.value - distance if polarity == "H" else target.value + distance


def tolerance_amount(target: Target, rule: RagRule) -> float:
    return abs(target.value) * rule.tolerance / 100 if rule.relative else rule.tolerance


def _closest_to_target(value: float, target: Target, rule: RagRule) -> Rag:
    distance = abs(value - target.value)
    if distance <= rule.band:
        return Rag.GREEN
    if distance <= rule.band + tolerance_amount(target, rule):
        return Rag.AMBER
    return Rag.RED


def _by_bands(value: float, bands: tuple[Band, ...]) -> Rag | None:
    for band in bands:
        if (
            (band.at_least is None or value >= band.at_least)
            and (band.above is None or value > band.above)
            and (band.at_most is None or value <= band.at_most)
            and (band.below is None or value < band.below)
        ):
            return Rag(band.rag)
    return None
