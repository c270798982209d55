"""Build the equality report from the release's store, after disclosure control.

For each measure of `equality.yaml`, in the latest year the council has a
result: every group's figures (`scorecards.assess.equality.equality_figures`: the
result and its comparison, the gap, England's gap and the difference, the
ranks among the statistical neighbours, the change on last year), which of
them disclosure control hid, and the paragraphs written from them.

A figure is hidden when a cell it is computed from is `suppressed` — this
year's or last year's result of the group or of its comparison — so nothing
hidden can be recovered from the report, and a hidden cell is never shown as
a number. England's figures are published ones and never hidden.
"""

from __future__ import annotations

from dataclasses import replace

import duckdb

from scorecards.assess.equality import Question, equality_figures, neighbour_codes, question
from scorecards.assess.equality_model import (
    GAP_FIELDS,
    RESULT_FIELDS,
    EqualityReport,
    GroupFigures,
    GroupSet,
    MeasureReport,
)
from scorecards.figures.disclosure import SUPPRESSED
from scorecards.framework.model import (
    Equality,
    EqualityGroup,
    EqualityMeasure,
    Framework,
    Geography,
    NationalMap,
)

Hidden = frozenset[tuple[str, str]]  # (group, year) of every suppressed cell of one indicator


def build_equality_report(con: duckdb.DuckDBPyConnection, framework: Framework) -> EqualityReport | None:
    """The report the framework's `equality.yaml` asks for, or None when it has none."""
    spec = framework.equality
    if spec is None:
        return None
    council = council_geography(framework)
    national = framework.national
    found = [_measure(con, framework, national, spec, m, council) for m in spec.measures]
    measures = tuple(m for m in found if m is not None)
    neighbours = neighbour_codes(con, national.council, national.neighbours) if national else []
    return EqualityReport(
        area=council.name,
        geography=council.code,
        year=max((m.year for m in measures), default=""),
        measures=measures,
        neighbours=len(neighbours),
        grouping=national.neighbours if national else None,
    )


def council_geography(framework: Framework) -> Geography:
    """The council the report is about: the county, else the first geography at the top."""
    tops = [g for g in framework.geographies.values() if g.parent is None]
    return next((g for g in tops if g.level == "county"), tops[0])


def _measure(
    con: duckdb.DuckDBPyConnection,
    framework: Framework,
    national: NationalMap | None,
    spec: Equality,
    measure: EqualityMeasure,
    council: Geography,
) -> MeasureReport | None:
    indicator = framework.indicators[measure.indicator]
    year = latest_year(con, indicator.code, council.code)
    if year is None:
        return None
    hidden = suppressed_cells(con, indicator.code, council.code)

    def row(group: EqualityGroup) -> GroupFigures:
        q = question(framework, indicator.code, council.code, year, group.group)
        q = replace(q, against=group.against) if group.against else q
        return _row(con, national, spec, q, hidden)

    first = question(framework, indicator.code, council.code, year, "all")
    return MeasureReport(
        indicator=indicator,
        stage=measure.stage,
        year=year,
        last_year=first.last_year,
        groups=tuple(GroupSet(h, tuple(row(g) for g in gs)) for h, gs in spec.vulnerable_groups.items()),
        gender=row(spec.gender) if spec.gender else None,
        paragraphs=(),  # written by the release's narrative
        gender_paragraphs=(),
    )


def _row(
    con: duckdb.DuckDBPyConnection,
    national: NationalMap | None,
    spec: Equality,
    q: Question,
    hidden: Hidden,
) -> GroupFigures:
    return GroupFigures(
        group=q.group,
        name=spec.name(q.group),
        against=q.comparison,
        against_name=spec.name(q.against),
        figures=equality_figures(con, national, q),
        suppressed=hidden_fields(q, hidden),
    )


def hidden_fields(q: Question, hidden: Hidden) -> frozenset[str]:
    """The figures of a row that would show, or let a reader recover, a suppressed cell."""
    group_now, group_then = ((q.group, year) in hidden for year in (q.year, q.last_year))
    against_now, against_then = (
        q.comparison is not None and (q.comparison, year) in hidden for year in (q.year, q.last_year)
    )
    fields: set[str] = set()
    if group_now:
        fields.update(RESULT_FIELDS)
    if against_now:
        fields.add("comparison")
    if group_now or against_now:
        fields.update(GAP_FIELDS)
    if group_now or group_then:
        fields.add("change")
    if group_now or against_now or group_then or against_then:
        fields.add("gap_change")
    return frozenset(fields)


def latest_year(con: duckdb.DuckDBPyConnection, code: str, geography: str) -> str | None:
    """The latest year the council has a result (shown or suppressed) for all pupils."""
    row = con.execute(
        "SELECT max(period) FROM observations WHERE indicator = ? AND geography = ? AND grp = 'all'",
        [code, geography],
    ).fetchone()
    return str(row[0]) if row and row[0] is not None else None


def suppressed_cells(con: duckdb.DuckDBPyConnection, code: str, geography: str) -> Hidden:
    rows = con.execute(
        "SELECT grp, period FROM observations WHERE indicator = ? AND geography = ? AND status = ?",
        [code, geography, SUPPRESSED],
    ).fetchall()
    return frozenset((str(group), str(period)) for group, period in rows)
