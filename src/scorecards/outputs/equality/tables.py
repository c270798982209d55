"""The report's tables as text, the same in HTML and PDF.

Columns are data: the field of `scorecards.figures.gaps.Comparison` each shows and
how it is printed. A suppressed figure prints as "Suppressed", never as a
number or zero; a figure nobody published (no national figure, no
neighbour's, no last year) as a dash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scorecards.assess.equality_model import GroupFigures, GroupSet, MeasureReport
from scorecards.figures.gaps import Rank
from scorecards.framework.formatting import value_text
from scorecards.framework.model import Indicator
from scorecards.release.narrative.wording import capitalised

Kind = Literal["value", "signed", "rank"]
SUPPRESSED_TEXT = "Suppressed"
MISSING_TEXT = "–"


@dataclass(frozen=True)
class Column:
    field: str  # a field of `Comparison`
    heading: str
    kind: Kind = "value"


COLUMNS = (
    Column("result", "Result"),
    Column("comparison", "Comparison group's result"),
    Column("gap", "Gap"),
    Column("national_result", "England: result"),
    Column("national_gap", "England: gap"),
    Column("difference", "Gap minus England's gap", "signed"),
    Column("rank", "Rank of result among neighbours", "rank"),
    Column("gap_rank", "Rank of gap among neighbours", "rank"),
    Column("change", "Result: change on last year", "signed"),
    Column("gap_change", "Gap: change on last year", "signed"),
)


@dataclass(frozen=True)
class TextCell:
    text: str
    state: Literal["value", "suppressed", "missing"] = "value"


@dataclass(frozen=True)
class TextRow:
    name: str  # "FSM pupils"
    against: str  # "non-FSM pupils"
    cells: tuple[TextCell, ...]


@dataclass(frozen=True)
class TextSection:
    heading: str
    rows: tuple[TextRow, ...]


@dataclass(frozen=True)
class TextTable:
    id: str
    caption: str
    sections: tuple[TextSection, ...]

    @property
    def suppressed(self) -> bool:
        return any(c.state == "suppressed" for s in self.sections for r in s.rows for c in r.cells)


def group_table(measure: MeasureReport) -> TextTable:
    """The vulnerable groups' table of one measure, a section per heading."""
    sections = tuple(_section(measure.indicator, s) for s in measure.groups)
    caption = f"{measure.stage}: {measure.indicator.title}, {measure.year}"
    return TextTable(f"groups-{measure.indicator.code}", caption, sections)


def gender_table(measure: MeasureReport) -> TextTable | None:
    if measure.gender is None:
        return None
    section = TextSection("", (text_row(measure.indicator, measure.gender),))
    caption = f"{measure.stage}: {measure.indicator.title}, {measure.year}, by gender"
    return TextTable(f"gender-{measure.indicator.code}", caption, (section,))


def _section(indicator: Indicator, groups: GroupSet) -> TextSection:
    return TextSection(groups.heading, tuple(text_row(indicator, row) for row in groups.rows))


def text_row(indicator: Indicator, row: GroupFigures) -> TextRow:
    cells = tuple(text_cell(indicator, row, column) for column in COLUMNS)
    return TextRow(capitalised(row.name), row.against_name, cells)


def text_cell(indicator: Indicator, row: GroupFigures, column: Column) -> TextCell:
    if row.is_suppressed(column.field):
        return TextCell(SUPPRESSED_TEXT, "suppressed")
    value = getattr(row.figures, column.field)
    if value is None:
        return TextCell(MISSING_TEXT, "missing")
    if isinstance(value, Rank):
        return TextCell(str(value))
    return TextCell(value_text(value, indicator, sign=column.kind == "signed"))
