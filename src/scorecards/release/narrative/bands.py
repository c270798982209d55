"""A RAG rule's bands in words, as an exception page's data notes print them.

Seed 002, social-care exception page: "Target: 18 (RAG Bandings: Above 22 =
Red, 18 to 22 = Amber, 18 and below = Green)". The limits come from the
assessment (`Assessment.limits`, from `assess.rag`); nothing is re-decided here.
"""

from __future__ import annotations

from scorecards.assess.rag import RagLimits
from scorecards.framework.model import Band, Indicator

GREEN_SIDE = {
    ("H", ""): "{t} and above",
    ("H", ">="): "{t} and above",
    ("H", ">"): "above {t}",
    ("L", ""): "{t} and below",
    ("L", "<="): "{t} and below",
    ("L", "<"): "below {t}",
}


def bands_text(indicator: Indicator, limits: RagLimits | None) -> str:
    """The bands of a rating, worst first; empty when the indicator is not rated."""
    rule = indicator.rag
    if limits is None or not rule.rated or indicator.polarity is None:
        return ""
    if rule.bands:
        return ", ".join(_band_text(band) for band in rule.bands)
    target = limits.target
    if indicator.polarity == "T":
        green, amber = rule.band, limits.amber
        return (
            f"More than {plain(amber)} from {plain(target.value)} = Red, "
            f"within {plain(amber)} = Amber, within {plain(green)} = Green"
        )
    limit, value = plain(limits.amber), plain(target.value)
    green_side = GREEN_SIDE.get((indicator.polarity, target.comparator), "{t}").format(t=value)
    if indicator.polarity == "L":
        return f"Above {limit} = Red, {value} to {limit} = Amber, {green_side} = Green"
    return f"Below {limit} = Red, {limit} to {value} = Amber, {green_side} = Green"


def _band_text(band: Band) -> str:
    limits = [
        f"{word} {plain(value)}"
        for word, value in (
            ("at least", band.at_least),
            ("above", band.above),
            ("at most", band.at_most),
            ("below", band.below),
        )
        if value is not None
    ]
    return f"{' and '.join(limits).capitalize() or 'Otherwise'} = {band.rag.title()}"


def plain(value: float) -> str:
    """`22` for 22.0, `89.24` for 89.24: at most two decimals, no trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
