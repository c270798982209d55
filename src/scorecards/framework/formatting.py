"""How numbers and marks are printed, the same in every output format."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from scorecards.framework.model import Indicator


def published(value: float, decimals: int) -> Decimal:
    """The value as printed: rounded half up, as people (and spreadsheets) round."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


STATUS_TEXT = {
    "not_available": "Data not available",
    "to_be_supplied": "Data to be supplied",
    "suppressed": "Suppressed (small number)",
}

DATA_PERIOD_ABBREVIATIONS = {
    "snapshot": "SS",
    "month": "M",
    "quarter": "Q",
    "rolling_3_months": "R3M",
    "rolling_12_months": "R12M",
    "year_to_date": "YTD",
    "academic_year": "AY",
    "financial_year": "FY",
    "cohort": "Cohort",
}

DATA_PERIOD_NAMES = {
    "snapshot": "Snapshot",
    "month": "In month",
    "quarter": "In quarter",
    "rolling_3_months": "Rolling 3 months",
    "rolling_12_months": "Rolling 12 months",
    "year_to_date": "Year to date",
    "academic_year": "Academic year",
    "financial_year": "Financial year",
    "cohort": "Cohort",
}

POLARITY_NAMES = {"H": "Highest is best", "L": "Lowest is best", "T": "Closest to target is best"}
FREQUENCY_NAMES = {"M": "Monthly", "Q": "Quarterly", "A": "Annual"}


def number(value: float | None, decimals: int, *, thousands: bool = True, sign: bool = False) -> str:
    """`2400` → `2,400`; rounded half up to `decimals`; `sign` adds + or -."""
    if value is None:
        return ""
    rounded = published(value, decimals)
    text = f"{abs(rounded):,.{decimals}f}" if thousands else f"{abs(rounded):.{decimals}f}"
    if rounded < 0 or (sign and value < 0):
        return "-" + text
    if sign and value > 0:
        return "+" + text
    return text


def value_text(value: float | None, indicator: Indicator, *, sign: bool = False) -> str:
    """A result as printed: `22.2%`, `2,400`, `371.8`."""
    if value is None:
        return ""
    suffix = "%" if indicator.unit == "percent" else ""
    return number(value, indicator.decimals, sign=sign) + suffix


def plain_number(value: float | None) -> str:
    """A numerator or denominator as given: `3792`, `398.1`."""
    if value is None:
        return ""
    return f"{value:g}" if abs(value) < 1e15 else str(value)
