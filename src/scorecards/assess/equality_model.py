"""The annual equality report as data: figures and sentences, computed once.

Built while the release's store is open (`build.py`), kept on the release
(`Release.equality`) and rendered by `writer.py` as HTML and PDF. Pure data:
no connection, no formatting.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.figures.gaps import Comparison
from scorecards.framework.model import Indicator

# Fields of a `Comparison` hidden with the group's result, and with either result of the gap
# (`build.hidden_fields`; the changes on last year are hidden with last year's results too).
RESULT_FIELDS = ("result", "rank")
GAP_FIELDS = ("gap", "difference", "gap_rank")


@dataclass(frozen=True)
class GroupFigures:
    """One group's row: its figures against its comparison, England and the neighbours."""

    group: str
    name: str  # "FSM pupils"
    against: str | None  # the group compared with; None for all pupils themselves
    against_name: str  # "non-FSM pupils"
    figures: Comparison
    suppressed: frozenset[str] = frozenset()  # fields of `figures` hidden by disclosure control

    def is_suppressed(self, field: str) -> bool:
        return field in self.suppressed


@dataclass(frozen=True)
class GroupSet:
    """The groups reported under one heading ("Free school meals", "Ethnicity")."""

    heading: str
    rows: tuple[GroupFigures, ...]


@dataclass(frozen=True)
class MeasureReport:
    """One key-stage measure: its groups' table and paragraphs, and its gender comparison."""

    indicator: Indicator
    stage: str  # "Key Stage 2"
    year: str  # "2015-16"
    last_year: str
    groups: tuple[GroupSet, ...]
    gender: GroupFigures | None
    paragraphs: tuple[str, ...]  # "Outcomes for Vulnerable Groups"
    gender_paragraphs: tuple[str, ...]  # "Gender Differences"

    @property
    def anchor(self) -> str:
        return f"measure-{self.indicator.code}"


@dataclass(frozen=True)
class EqualityReport:
    """The report for one council: its measures, England's figures and its neighbours."""

    area: str  # "Westmarch"
    geography: str  # the council's code in the framework
    year: str  # the latest year reported
    measures: tuple[MeasureReport, ...]
    neighbours: int  # how many statistical neighbours it is ranked among; 0 without national figures
    grouping: str | None  # the neighbour grouping ranked in

    @property
    def title(self) -> str:
        return f"Annual equality report {self.year}"
