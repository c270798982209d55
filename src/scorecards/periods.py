"""Periods: the month a figure relates to, and the years targets are set for.

A monthly, quarterly or rolling figure is labelled by its last month
(`2017-06`). An annual figure is labelled by its year (`2015-16`), which is a
financial year (April to March) or an academic year (September to August)
depending on the indicator.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR_RE = re.compile(r"^(\d{4})-(\d{2})$")

FINANCIAL_YEAR_START = 4  # April
ACADEMIC_YEAR_START = 9  # September
MONTH_ABBREVIATIONS = [calendar.month_abbr[m] for m in range(13)]


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = MONTH_RE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a month written YYYY-MM")
        return cls(int(match.group(1)), int(match.group(2)))

    def shift(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def long_name(self) -> str:
        """'June 2017', as a release is named."""
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def short_name(self) -> str:
        """'Jun 2017', as table headings show it."""
        return f"{MONTH_ABBREVIATIONS[self.month]} {self.year}"

    def __str__(self) -> str:
        return self.label


def is_year_label(text: str) -> bool:
    """True for `2015-16`: a year whose second part is the next year.

    `2011-12` reads as both a year and a month; the indicator's frequency
    decides which is meant, so callers ask this only of annual indicators.
    """
    match = YEAR_RE.match(text.strip())
    return match is not None and int(match.group(2)) == (int(match.group(1)) + 1) % 100


def year_label(start_year: int) -> str:
    return f"{start_year:04d}-{(start_year + 1) % 100:02d}"


def year_start(label: str) -> int:
    if not is_year_label(label):
        raise ValueError(f"{label!r} is not a year written YYYY-YY, such as 2016-17")
    return int(label[:4])


def year_of(month: Month, start_month: int = FINANCIAL_YEAR_START) -> str:
    """The year (financial by default) a month falls in: June 2017 is in 2017-18."""
    start = month.year if month.month >= start_month else month.year - 1
    return year_label(start)


def month_index(month: Month) -> int:
    """Months since the start of year 0: consecutive months differ by one, as a chart's axis needs."""
    return month.year * 12 + month.month - 1


def last_month_of(label: str, start_month: int = FINANCIAL_YEAR_START) -> Month:
    """The last month of a year: 2015-16 ends in March 2016 (financial)."""
    return Month(year_start(label) + 1, start_month).shift(-1)
