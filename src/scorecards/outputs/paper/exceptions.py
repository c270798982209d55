"""Exception pages: one per indicator rated Red on a scorecard's headline page.

Like the seed's "Average Caseload of Social Workers in CSWTs" page: the
trend by month (result, target, RAG), a chart of it, the release's
commentary (`Release.commentary`), and data notes (target with its RAG bands, polarity,
tolerance, data period, source), plus the trajectory to later targets.
Each month's RAG is the core's rating of that month's result against its
own year's target (`Assessment.history`); the latest month's, the scorecard's.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.assess.history import RatedObservation
from scorecards.assess.rag import Rag, RagLimits
from scorecards.assess.tables import Page, Row
from scorecards.assess.trajectory import Trajectory
from scorecards.figures.results import Observation
from scorecards.framework.formatting import DATA_PERIOD_NAMES, POLARITY_NAMES, STATUS_TEXT, value_text
from scorecards.framework.model import Indicator, Scorecard, Target
from scorecards.outputs.charts import Chart, Line, Mark, Point, trend_chart
from scorecards.periods import Month, month_index
from scorecards.release.model import Commentary, Release
from scorecards.release.narrative.bands import bands_text
from scorecards.release.narrative.summary import own_rows
from scorecards.release.narrative.wording import target_text

TREND_LENGTH = 13  # results shown: a year of months and the same month a year before
CHART_SIZE = (600.0, 200.0)


@dataclass(frozen=True)
class TrendColumn:
    label: str  # "Jun 2017", or "2015-16" for an annual indicator
    result: str
    target: str
    rag: Rag | None


@dataclass(frozen=True)
class ExceptionPage:
    anchor: str
    scorecard: Scorecard
    row: Row
    trend: tuple[TrendColumn, ...]
    chart: Chart
    commentary: Commentary | None  # the release's, on this indicator for this geography and group
    notes: tuple[tuple[str, str], ...]
    trajectory: Trajectory | None

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator


def red_rows(page: Page) -> list[Row]:
    """The page's own indicators rated Red, each once, in table order."""
    rows: dict[str, Row] = {}
    for row in own_rows(page):
        if row.assessment.rag is Rag.RED:
            rows.setdefault(row.indicator.code, row)
    return list(rows.values())


def exception_pages(page: Page, release: Release) -> list[ExceptionPage]:
    return [exception_page(page, row, release) for row in red_rows(page)]


def exception_page(page: Page, row: Row, release: Release) -> ExceptionPage:
    indicator, geography, assessment = row.indicator, row.geography, row.assessment
    trend = trend_history(row)
    path = assessment.trajectory
    return ExceptionPage(
        anchor=f"exception-{page.slug}-{indicator.code}".lower(),
        scorecard=page.scorecard,
        row=row,
        trend=tuple(trend_column(row, rated) for rated in trend),
        chart=exception_chart(row, trend, path, f"chart-{page.slug}-{indicator.code}".lower()),
        commentary=release.commentary_on(indicator.code, geography.code, assessment.group),
        notes=data_notes(indicator, assessment.target, assessment.limits),
        trajectory=path,
    )


def trend_history(row: Row) -> list[RatedObservation]:
    """The latest result and those before it, as many as a trend table shows."""
    latest = row.assessment.latest
    if latest is None:
        return []
    shown = [rated for rated in row.assessment.history if rated.observation.period_end <= latest.period_end]
    return shown[-TREND_LENGTH:]


def trend_column(row: Row, rated: RatedObservation) -> TrendColumn:
    indicator, observation = row.indicator, rated.observation
    target, rag = rating(row, rated)
    return TrendColumn(
        label=period_label(indicator, observation),
        result=value_text(observation.value, indicator) or STATUS_TEXT.get(observation.status or "", "–"),
        target=target_cell(target, indicator),
        rag=rag,
    )


def rating(row: Row, rated: RatedObservation) -> tuple[Target | None, Rag | None]:
    """The target a result is rated against, and its RAG: the latest result as the
    scorecard rates it, earlier ones against their own year's target."""
    assessment = row.assessment
    if assessment.latest is not None and rated.observation.period == assessment.latest.period:
        return assessment.target, assessment.rag
    return rated.target, rated.rag


def period_label(indicator: Indicator, observation: Observation, short: bool = False) -> str:
    if indicator.is_annual:
        return observation.period
    month = Month.parse(observation.period)
    return f"{month.short_name[:3]} {month.year % 100:02d}" if short else month.short_name


def target_cell(target: Target | None, indicator: Indicator) -> str:
    """A target as a trend table prints it: `18.0`, `92.0%`, `>80`."""
    if target is None:
        return ""
    return target.label if target.comparator else value_text(target.value, indicator)


def exception_chart(row: Row, trend: list[RatedObservation], path: Trajectory | None, chart_id: str) -> Chart:
    indicator, geography = row.indicator, row.geography
    points = [_point(row, rated) for rated in trend if rated.observation.value is not None]
    targets = [(_x(rated.observation), t.value) for rated in trend if (t := rating(row, rated)[0])]
    lines = [Line("Target", tuple(targets))] if targets else []
    marks: list[Mark] = []
    if path is not None and path.outlooks:
        first, due = path.fitted[0], path.outlooks[-1].due
        start = Month(first.period_end.year, first.period_end.month)
        lines.append(
            Line(
                "Trend",
                ((month_index(start), path.at(start)), (month_index(due), path.at(due))),
                "projection",
            )
        )
        marks = [
            Mark(
                month_index(o.due),
                o.target.value,
                f"{o.target.year} target: {target_text(o.target, indicator)}",
            )
            for o in path.outlooks
        ]
    title = f"{indicator.title}, {geography.name}"
    return trend_chart(title, points, lines=lines, marks=marks, chart_id=chart_id, size=CHART_SIZE)


def data_notes(
    indicator: Indicator, target: Target | None, limits: RagLimits | None
) -> tuple[tuple[str, str], ...]:
    """The data notes, as the seed's exception page prints them (empty ones left out)."""
    target_note = ""
    if target is not None:
        bands = bands_text(indicator, limits)
        target_note = f"{target_text(target, indicator)} ({target.year})" + (
            f" (RAG bands: {bands})" if bands else ""
        )
    notes = (
        ("Target", target_note),
        ("Polarity", POLARITY_NAMES.get(indicator.polarity or "", "Not rated: monitored only")),
        ("Tolerance", indicator.rag.describe()),
        (
            "Data",
            "; ".join(t for t in (DATA_PERIOD_NAMES[indicator.data_period], indicator.latest_data) if t),
        ),
        ("Definition", indicator.definition),
        ("Data source", indicator.source),
    )
    return tuple((label, text) for label, text in notes if text)


def _point(row: Row, rated: RatedObservation) -> Point:
    indicator, observation = row.indicator, rated.observation
    return Point(
        x=_x(observation),
        value=rated.value or 0.0,
        label=period_label(indicator, observation, short=True),
        text=value_text(observation.value, indicator),
        rag=rating(row, rated)[1],
    )


def _x(observation: Observation) -> float:
    return float(month_index(Month(observation.period_end.year, observation.period_end.month)))
