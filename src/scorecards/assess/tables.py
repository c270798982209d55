"""Scorecard pages: a layout applied to one geography's assessments.

A page holds tables of cells; a cell has the text as printed and, where it
is a RAG or a direction of travel, the rating itself, so each output format
can show it as text and colour, or as an arrow with a text alternative.
Columns are dispatched through one table (`CELL_MAKERS`), one small
function per column kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from scorecards.assess.aggregate import exact
from scorecards.assess.assessment import Assessment, assess, rate_observation
from scorecards.assess.direction import Direction
from scorecards.assess.rag import Rag
from scorecards.assess.summary import rag_counts
from scorecards.figures.results import Observation, Result, ResultKey, outturn
from scorecards.framework.formatting import DATA_PERIOD_ABBREVIATIONS, STATUS_TEXT, plain_number, value_text
from scorecards.framework.model import Column, Framework, Geography, Indicator, Scorecard, Table
from scorecards.framework.targets import target_for, year_of_period
from scorecards.periods import Month, year_label, year_of, year_start


@dataclass(frozen=True)
class Cell:
    column: Column
    text: str = ""
    rag: Rag | None = None
    direction: Direction | None = None
    number: float | None = None
    status: str | None = None


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    geography: Geography
    cells: tuple[Cell, ...]
    assessment: Assessment
    groups: dict[str, Assessment]  # the breakdowns its columns show (e.g. excluding UASC), by group


@dataclass(frozen=True)
class SectionView:
    title: str | None
    geography: Geography | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class TableView:
    title: str
    headings: tuple[str, ...]
    columns: tuple[Column, ...]
    sections: tuple[SectionView, ...]
    counts: dict[Rag, int] | None = None


@dataclass(frozen=True)
class Page:
    scorecard: Scorecard
    geography: Geography
    tables: tuple[TableView, ...]
    slug: str = field(default="")

    def rows(self) -> Iterator[Row]:
        for table in self.tables:
            for section in table.sections:
                yield from section.rows


@dataclass(frozen=True)
class Context:
    """What a cell maker needs besides the column: the row's results and assessments."""

    framework: Framework
    indicator: Indicator
    geography: Geography
    data_month: Month
    assessment: Assessment
    groups: dict[str, Assessment]
    results: dict[ResultKey, Result]

    def result(self, group: str = "all", code: str | None = None) -> Result | None:
        return self.results.get((code or self.indicator.code, self.geography.code, group))


def build_pages(framework: Framework, results: dict[ResultKey, Result], data_month: Month) -> list[Page]:
    pages = []
    for card in framework.scorecards.values():
        for geography in scorecard_geographies(framework, card):
            tables = tuple(_table(framework, card, t, geography, results, data_month) for t in card.tables)
            pages.append(Page(card, geography, tables, slug=f"{card.code}-{geography.code}".lower()))
    return pages


def scorecard_geographies(framework: Framework, card: Scorecard) -> list[Geography]:
    chosen: dict[str, Geography] = {}
    for selector in card.geographies:
        chosen.update((g.code, g) for g in framework.geographies_at(selector))
    return list(chosen.values())


def _table(
    framework: Framework,
    card: Scorecard,
    table: Table,
    page_geography: Geography,
    results: dict[ResultKey, Result],
    data_month: Month,
) -> TableView:
    columns = _expand(table.columns, data_month)
    sections = []
    for section in table.sections:
        geography = framework.geographies[section.geography] if section.geography else page_geography
        rows = tuple(
            _row(framework, card, columns, framework.indicators[code], geography, results, data_month)
            for code in section.indicators
        )
        sections.append(SectionView(section.title, geography if section.geography else None, rows))
    counts = None
    if table.summary_counts:
        counts = rag_counts(_primary_rag(row) for s in sections for row in s.rows)
    headings = tuple(heading(c, page_geography) for c in columns)
    return TableView(table.title, headings, columns, tuple(sections), counts)


def _primary_rag(row: Row) -> Rag | None:
    return next(
        (c.rag for c in row.cells if c.column.show in ("latest_rag", "rag") and c.column.group == "all"), None
    )


def _expand(columns: tuple[Column, ...], data_month: Month) -> tuple[Column, ...]:
    """A `series` column becomes one column per month."""
    expanded: list[Column] = []
    for column in columns:
        if column.show != "series":
            expanded.append(column)
            continue
        end = column.end or data_month
        start = column.start or end.shift(-12)
        month = start
        while month <= end:
            expanded.append(Column("series", year=month.label, heading=_series_heading(month)))
            month = month.shift(1)
    return tuple(expanded)


def _series_heading(month: Month) -> str:
    return f"{month.short_name[:3]}-{month.year % 100:02d}"


def target_year(columns: tuple[Column, ...], indicator: Indicator, latest: Observation | None) -> str | None:
    """The year whose target the row is rated against: the first rag/target
    column's year, else the year of the latest result."""
    for column in columns:
        if column.show in ("rag", "latest_rag", "target") and column.group == "all":
            return _year(column, indicator, latest)
    return None


def _year(column: Column, indicator: Indicator, latest: Observation | None) -> str | None:
    if column.year and column.year != "latest":
        return column.year
    return year_of_period(indicator, latest.period) if latest else None


def _row(
    framework: Framework,
    card: Scorecard,
    columns: tuple[Column, ...],
    indicator: Indicator,
    geography: Geography,
    results: dict[ResultKey, Result],
    data_month: Month,
) -> Row:
    result = _anchor(results.get((indicator.code, geography.code, "all")), columns, indicator)
    rolling = (
        results.get((indicator.rolling_code, geography.code, "all")) if indicator.rolling_3_months else None
    )
    basis = next((c.basis for c in columns if c.show == "rag"), "annual")
    assessed = _assessable(card, indicator, result, data_month)
    assessment = assess(
        indicator,
        geography,
        assessed,
        cadence=card.cadence_months,
        target_year=target_year(columns, indicator, result.latest if result else None),
        basis=basis,
        rolling=rolling,
    )
    groups = _group_assessments(columns, indicator, geography, results, assessment)
    context = Context(framework, indicator, geography, data_month, assessment, groups, results)
    cells = tuple(CELL_MAKERS[c.show](c, context) for c in columns)
    return Row(indicator, geography, cells, assessment, groups)


def _group_assessments(
    columns: tuple[Column, ...],
    indicator: Indicator,
    geography: Geography,
    results: dict[ResultKey, Result],
    whole: Assessment,
) -> dict[str, Assessment]:
    """A breakdown a table shows is assessed like the whole, against the same year's
    target, and compared month on month."""
    year = whole.target.year if whole.target else None
    return {
        group: assess(
            indicator,
            geography,
            results.get((indicator.code, geography.code, group)),
            cadence=1,
            target_year=year,
        )
        for group in sorted({c.group for c in columns} - {"all"})
    }


def _assessable(
    card: Scorecard, indicator: Indicator, result: Result | None, data_month: Month
) -> Result | None:
    """A `data_month_only` scorecard (a monthly contract return) rates only the
    data month's figure, and compares it only with the previous month's: an
    older figure is shown in its month's column but neither rated nor compared."""
    if result is None or not card.data_month_only or indicator.is_annual:
        return result
    if result.latest.period != data_month.label:
        return None
    previous = {k: v for k, v in result.previous.items() if v.period == data_month.shift(-k).label}
    return replace(result, previous=previous)


def _anchor(result: Result | None, columns: tuple[Column, ...], indicator: Indicator) -> Result | None:
    """An annual table whose `latest` column names a year shows that year, not
    simply the most recent figure (a discontinued indicator's last figure is
    then its previous result, and its latest is blank)."""
    pinned = next((c.year for c in columns if c.show == "latest" and c.year not in (None, "latest")), None)
    if result is None or pinned is None or not indicator.is_annual:
        return result
    return result.anchored(pinned, year_label(year_start(pinned) - 1))


def heading(column: Column, geography: Geography) -> str:
    if column.heading:
        return column.heading.replace("{geography}", geography.name)
    base = DEFAULT_HEADINGS.get(column.show, column.show.replace("_", " ").title())
    if column.year and column.year != "latest" and column.show != "series":
        base = f"{base} {column.year}"
    if column.group != "all":
        base = f"{base} ({column.group})"
    return base


DEFAULT_HEADINGS = {
    "polarity": "Polarity",
    "frequency": "Frequency",
    "data_period": "Data Period",
    "latest": "Latest Result",
    "latest_rag": "Latest Result and RAG Status",
    "numerator": "Num",
    "denominator": "Denom",
    "dot": "DOT",
    "previous": "Previously Reported Result",
    "target": "Target",
    "monthly_target": "Monthly Target",
    "rag": "RAG",
    "outturn": "Outturn",
    "outturn_rag": "RAG",
    "one_month_ago": "1 month ago",
    "dot_1m": "DoT (1 month)",
    "one_year_ago": "1 year ago",
    "dot_1y": "DoT (1 year)",
    "rolling_3m": "Rolling 3 months",
    "rolling_3m_rag": "Rolling 3 months RAG",
    "change": "Change",
    "variance": "Variance",
}


# --- cell makers: one per column kind ------------------------------------------------------------


def _observation_cell(
    column: Column, ctx: Context, observation: Observation | None, rag: Rag | None = None
) -> Cell:
    if observation is None:
        return Cell(column)
    if observation.value is None and observation.status:
        return Cell(
            column, STATUS_TEXT.get(observation.status, observation.status), status=observation.status
        )
    value = exact(observation, ctx.indicator)
    return Cell(column, value_text(observation.value, ctx.indicator), rag=rag, number=value)


def _group_assessment(column: Column, ctx: Context) -> Assessment:
    return ctx.assessment if column.group == "all" else ctx.groups[column.group]


def _latest(column: Column, ctx: Context) -> Cell:
    return _observation_cell(column, ctx, _group_assessment(column, ctx).latest)


def _latest_rag(column: Column, ctx: Context) -> Cell:
    assessment = _group_assessment(column, ctx)
    return _observation_cell(column, ctx, assessment.latest, assessment.rag)


def _rag(column: Column, ctx: Context) -> Cell:
    assessment = _group_assessment(column, ctx)
    return Cell(column, assessment.rag.value if assessment.rag else "", rag=assessment.rag)


def _numerator(column: Column, ctx: Context) -> Cell:
    latest = _group_assessment(column, ctx).latest
    value = latest.numerator if latest else None
    return Cell(column, plain_number(value), number=value)


def _denominator(column: Column, ctx: Context) -> Cell:
    latest = _group_assessment(column, ctx).latest
    value = latest.denominator if latest else None
    return Cell(column, plain_number(value), number=value)


def _direction_cell(column: Column, found: Direction | None) -> Cell:
    return Cell(column, found.value if found else "", direction=found)


def _target(column: Column, ctx: Context, basis: str = "annual") -> Cell:
    latest = ctx.assessment.latest
    year = _year(column, ctx.indicator, latest) or year_of(ctx.data_month)
    target = target_for(ctx.indicator, year, ctx.geography, basis)
    if target is None:
        return Cell(column)
    return Cell(column, target.label, number=target.value)


def _rag_for_year(column: Column, ctx: Context) -> Cell:
    """A rag column names a year: rate the latest result against that year's target."""
    latest = ctx.assessment.latest
    year = _year(column, ctx.indicator, latest)
    if column.group != "all" or year == (ctx.assessment.target.year if ctx.assessment.target else None):
        return _rag(column, ctx)
    target = target_for(ctx.indicator, year, ctx.geography, column.basis)
    rag = rate_observation(ctx.indicator, latest, target)
    return Cell(column, rag.value if rag else "", rag=rag)


def _outturn(column: Column, ctx: Context) -> Cell:
    year = _year(column, ctx.indicator, ctx.assessment.latest)
    found = outturn(ctx.indicator, ctx.result(column.group), year) if year else None
    return _observation_cell(column, ctx, found)


def _outturn_rag(column: Column, ctx: Context) -> Cell:
    year = _year(column, ctx.indicator, ctx.assessment.latest)
    if year is None:
        return Cell(column)
    found = outturn(ctx.indicator, ctx.result(column.group), year)
    rag = rate_observation(ctx.indicator, found, target_for(ctx.indicator, year, ctx.geography))
    return Cell(column, rag.value if rag else "", rag=rag)


def _rolling(column: Column, ctx: Context) -> Cell:
    rolling = ctx.assessment.rolling
    return _observation_cell(column, ctx, rolling.latest if rolling else None)


def _rolling_rag(column: Column, ctx: Context) -> Cell:
    rag = ctx.assessment.rolling_rag
    return Cell(column, rag.value if rag else "", rag=rag)


def _change(column: Column, ctx: Context) -> Cell:
    result = ctx.result(column.group)
    if result is None or result.one_month_ago is None or result.latest.value is None:
        return Cell(column)
    earlier = result.one_month_ago.value
    if earlier is None:
        return Cell(column)
    difference = result.latest.value - earlier
    return Cell(column, value_text(difference, ctx.indicator, sign=True), number=difference)


def _variance(column: Column, ctx: Context) -> Cell:
    group = _group_assessment(column, ctx).value
    whole = ctx.assessment.value
    if group is None or whole is None:
        return Cell(column)
    difference = group - whole
    return Cell(column, value_text(difference, ctx.indicator, sign=True), number=difference)


def _series(column: Column, ctx: Context) -> Cell:
    result = ctx.result(column.group)
    found = result.at_period(column.year) if result and column.year else None
    return _observation_cell(column, ctx, found)


def _earlier(result: Result | None, which: str) -> Observation | None:
    return getattr(result, which) if result is not None else None


CELL_MAKERS: dict[str, Callable[[Column, Context], Cell]] = {
    "polarity": lambda c, ctx: Cell(c, ctx.indicator.polarity or ""),
    "frequency": lambda c, ctx: Cell(c, ctx.indicator.frequency),
    "data_period": lambda c, ctx: Cell(c, DATA_PERIOD_ABBREVIATIONS[ctx.indicator.data_period]),
    "latest": _latest,
    "latest_rag": _latest_rag,
    "numerator": _numerator,
    "denominator": _denominator,
    "dot": lambda c, ctx: _direction_cell(c, ctx.assessment.dot),
    "previous": lambda c, ctx: _observation_cell(c, ctx, ctx.assessment.previous),
    "target": _target,
    "monthly_target": lambda c, ctx: _target(c, ctx, "monthly"),
    "rag": _rag_for_year,
    "outturn": _outturn,
    "outturn_rag": _outturn_rag,
    "one_month_ago": lambda c, ctx: _observation_cell(c, ctx, _earlier(ctx.result(c.group), "one_month_ago")),
    "dot_1m": lambda c, ctx: _direction_cell(c, ctx.assessment.dot_1m),
    "one_year_ago": lambda c, ctx: _observation_cell(c, ctx, _earlier(ctx.result(c.group), "one_year_ago")),
    "dot_1y": lambda c, ctx: _direction_cell(c, ctx.assessment.dot_1y),
    "rolling_3m": _rolling,
    "rolling_3m_rag": _rolling_rag,
    "change": _change,
    "variance": _variance,
    "series": _series,
}
