"""The dates a synthetic population is generated over, from the data month.

Indicators are computed for the 24 months to the data month, and several
look back a further year (re-referrals within 12 months, placements in the
last 12 months, rolling exclusions). Cases and care periods therefore start
well before that (`history_start`) so that the population is in a steady
state, with open cases of every age, when the extract begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scorecards.periods import ACADEMIC_YEAR_START, Month, year_label

REPORTED_MONTHS = 24
LOOKBACK_MONTHS = 12
BURN_IN_MONTHS = 24
ACADEMIC_YEARS = 3  # the year in progress and two complete years, for direction of travel


@dataclass(frozen=True)
class Timeline:
    data_month: Month

    @property
    def data_end(self) -> date:
        """The last day of the data month: nothing happens after it."""
        return self.data_month.last_day

    @property
    def extract_start(self) -> date:
        """The first day an extract covers: 24 reported months and a year before them."""
        first = self.data_month.shift(-(REPORTED_MONTHS + LOOKBACK_MONTHS - 1))
        return date(first.year, first.month, 1)

    @property
    def history_start(self) -> date:
        """When generated case histories begin (before the extract, to reach a steady state)."""
        first = self.data_month.shift(-(REPORTED_MONTHS + LOOKBACK_MONTHS + BURN_IN_MONTHS - 1))
        return date(first.year, first.month, 1)

    @property
    def history_days(self) -> int:
        return (self.data_end - self.history_start).days + 1

    @property
    def academic_years(self) -> list[int]:
        """Start years of the academic years generated, oldest first; the last
        is the one the data month falls in."""
        month = self.data_month
        latest = month.year if month.month >= ACADEMIC_YEAR_START else month.year - 1
        return list(range(latest - ACADEMIC_YEARS + 1, latest + 1))

    @staticmethod
    def year_label(start: int) -> str:
        return year_label(start)

    def sql_dates(self) -> dict[str, str]:
        """The dates as SQL literals, for generated queries."""
        return {
            "data_end": f"DATE '{self.data_end.isoformat()}'",
            "extract_start": f"DATE '{self.extract_start.isoformat()}'",
            "history_start": f"DATE '{self.history_start.isoformat()}'",
        }
