"""Compile an indicator's `compute:` block into one set-based query.

The indicator author writes what a record contributes (a numerator and a
denominator expression), which records count (`source`, `where`), when
(`window`) and where (`geography`: the code of the lowest geography the
record is attributed to). This module turns that into one query that joins
records to every period whose window holds them and aggregates with
GROUPING SETS over every level of the geography tree and every breakdown
at once.
"""

from __future__ import annotations

from scorecards.framework.model import Indicator
from scorecards.framework.spec import ComputeSpec

MONTHLY_WINDOWS = {
    "month": "r._date > last_day(p.period_end - INTERVAL 1 MONTH) AND r._date <= p.period_end",
    "rolling_3_months": "r._date > last_day(p.period_end - INTERVAL 3 MONTH) AND r._date <= p.period_end",
    "rolling_12_months": "r._date > last_day(p.period_end - INTERVAL 12 MONTH) AND r._date <= p.period_end",
    "year_to_date": "r._date >= p.year_start AND r._date <= p.period_end",
    "snapshot": "r._start <= p.period_end AND (r._end IS NULL OR r._end > p.period_end)",
}
ANNUAL_WINDOWS = {"academic_year": 9, "financial_year": 4, "cohort": 9}
SCALE = {"percent": 100, "rate_per_10000": 10000}
DEPTH = 4  # county, area, district, team: geography_paths has columns l0..l3


def compile_indicator(indicator: Indicator, spec: ComputeSpec) -> str:
    """The query yielding observations rows for every geography, group and period."""
    return f"""
WITH records AS ({records_sql(spec)}),
placed AS ({_placed(spec)})
SELECT '{indicator.code}' AS indicator,
    {_geography_case()} AS geography,
    {_group_case(spec)} AS grp,
    {_breakdown_case(spec)} AS breakdown,
    period, period_end,
    {_value(indicator, spec)} AS value,
    sum(_num) AS numerator,
    {"sum(_den)" if spec.denominator else "NULL"} AS denominator,
    CAST(NULL AS VARCHAR) AS status,
    'computed from records' AS note,
    CAST(NULL AS VARCHAR) AS source_file,
    CAST(NULL AS BIGINT) AS source_row,
    'records' AS origin
FROM placed
GROUP BY GROUPING SETS ({_grouping_sets(spec)})
HAVING {_deepest_present()}
"""


def records_sql(spec: ComputeSpec) -> str:
    """One row per record: what it contributes, when, where and to which groups."""
    source = spec.source.strip()
    relation = f"({source})" if source.lower().startswith(("select", "with")) else source
    columns = [
        f"({spec.geography}) AS _geo",
        f"CAST(({spec.numerator}) AS DOUBLE) AS _num",
        f"CAST(({spec.denominator or '1'}) AS DOUBLE) AS _den",
    ]
    if spec.window in ANNUAL_WINDOWS:
        columns.append(f"({spec.year or _year_of(spec)}) AS _year")
    elif spec.window == "snapshot":
        columns += [
            f"CAST(({spec.start}) AS DATE) AS _start",
            f"CAST(({spec.end or 'NULL'}) AS DATE) AS _end",
        ]
    else:
        columns.append(f"CAST(({spec.date}) AS DATE) AS _date")
    columns += [f"CAST(({b}) AS VARCHAR) AS _b{i}" for i, b in enumerate(spec.breakdowns)]
    where = f"WHERE {spec.where}" if spec.where else ""
    return f"SELECT {', '.join(columns)} FROM {relation} AS src {where}"


def _year_of(spec: ComputeSpec) -> str:
    """The year label (2016-17) of the record's date, by the window's year start."""
    start = ANNUAL_WINDOWS[spec.window]
    date = f"CAST(({spec.date}) AS DATE)"
    first = f"(year({date}) - CASE WHEN month({date}) < {start} THEN 1 ELSE 0 END)"
    return f"CAST({first} AS VARCHAR) || '-' || lpad(CAST(({first} + 1) % 100 AS VARCHAR), 2, '0')"


def _placed(spec: ComputeSpec) -> str:
    paths = "JOIN geography_paths g ON g.code = r._geo"
    levels = ", ".join(f"g.l{k}" for k in range(DEPTH))
    if spec.window in ANNUAL_WINDOWS:
        start = ANNUAL_WINDOWS[spec.window]
        last_month = start - 1 if start > 1 else 12
        period_end = f"last_day(make_date(CAST(substr(r._year, 1, 4) AS INTEGER) + 1, {last_month}, 1))"
        return f"SELECT r.*, r._year AS period, {period_end} AS period_end, {levels} FROM records r {paths}"
    condition = MONTHLY_WINDOWS[spec.window]
    return (
        f"SELECT r.*, p.period, p.period_end, {levels} FROM records r "
        f"JOIN compute_periods p ON {condition} {paths}"
    )


def _grouping_sets(spec: ComputeSpec) -> str:
    breakdowns = [None, *(f"_b{i}" for i in range(len(spec.breakdowns)))]
    sets = []
    for level in range(DEPTH):
        for breakdown in breakdowns:
            columns = ["period", "period_end", f"l{level}"] + ([breakdown] if breakdown else [])
            sets.append(f"({', '.join(columns)})")
    return ", ".join(sets)


def _geography_case() -> str:
    branches = " ".join(f"WHEN GROUPING(l{k}) = 0 THEN l{k}" for k in range(DEPTH))
    return f"CASE {branches} END"


def _deepest_present() -> str:
    """Drop the rows a shallower path leaves empty at a deeper level."""
    return " AND ".join(f"(GROUPING(l{k}) = 1 OR l{k} IS NOT NULL)" for k in range(DEPTH))


def _group_case(spec: ComputeSpec) -> str:
    if not spec.breakdowns:
        return "'all'"
    branches = " ".join(
        f"WHEN GROUPING(_b{i}) = 0 THEN coalesce(_b{i}, 'unknown')" for i in range(len(spec.breakdowns))
    )
    return f"CASE {branches} ELSE 'all' END"


def _breakdown_case(spec: ComputeSpec) -> str:
    """Which breakdown a row belongs to (groups of one breakdown add up to the whole)."""
    if not spec.breakdowns:
        return "CAST(NULL AS VARCHAR)"
    branches = " ".join(f"WHEN GROUPING(_b{i}) = 0 THEN 'b{i}'" for i in range(len(spec.breakdowns)))
    return f"CASE {branches} END"


def _value(indicator: Indicator, spec: ComputeSpec) -> str:
    if spec.denominator is None:
        return "sum(_num)"
    scale = SCALE.get(indicator.unit, 1)
    return f"sum(_num) / nullif(sum(_den), 0) * {scale}"
