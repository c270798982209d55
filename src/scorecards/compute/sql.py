"""Compile an indicator's `compute:` block into one set-based query.

The indicator author writes what a record contributes (a numerator and a
denominator expression), which records count (`source`, `where`), when
(`window`) and where (`geography`: the code of the lowest geography the
record is attributed to). This module turns that into one query that sums
the records for every period whose window holds them, every level of the
geography tree and every breakdown at once, with GROUPING SETS.

The query sums in two stages, so that the costly part reads each record
once rather than once per period and geography level:

1. `partial`: the records summed by time key (the month a dated record
   falls in, its year, or the months a snapshot record starts and ends),
   lowest geography and each breakdown's group — GROUPING SETS over the
   records;
2. each partial sum joined to every period whose window holds its time key
   (a rolling 12-month window: 12 periods) and to its geography's path up
   the tree, and summed again — GROUPING SETS over every level.

Sums of partial sums are the sums over the records, so every figure is what
summing the records period by period gives; the pandas reference
(`reference.py`) does it that way, and a test compares the two. The second
stage adds the partial sums as decimals (exact to 1e-9): threads hand them
over in no fixed order, and a sum of fractions (Attainment 8 scores) added
as binary floating point would then differ in its last digit from build to
build.

A count (an indicator without a denominator) is 0, not missing, where no
record counts: every geography at the levels its records reach gets a row
for every group its records have, in every period with a record somewhere. A rate with no
records has no denominator, so it stays missing.

The engine runs the two stages as two statements, keeping the partial sums
as a table, so that a small query over them (`unplaced_sql`) counts the
records no period or no geography of the framework holds: the figures
leave them out, and the build warns about them.
"""

from __future__ import annotations

from scorecards.framework.model import Indicator
from scorecards.framework.spec import ComputeSpec

# Every period ends on a month's last day, so a date is in a period's window exactly when
# its month end (`_t = last_day(date)`) is: a date is after a month end, or on or before
# one, just as its own month end is. A snapshot record's start and end months (`_t`, `_u`)
# likewise place it open or not at each period end.
MONTHLY_WINDOWS = {
    "month": "r._t > last_day(p.period_end - INTERVAL 1 MONTH) AND r._t <= p.period_end",
    "rolling_3_months": "r._t > last_day(p.period_end - INTERVAL 3 MONTH) AND r._t <= p.period_end",
    "rolling_12_months": "r._t > last_day(p.period_end - INTERVAL 12 MONTH) AND r._t <= p.period_end",
    "year_to_date": "r._t >= p.year_start AND r._t <= p.period_end",
    "snapshot": "r._t <= p.period_end AND (r._u IS NULL OR r._u > p.period_end)",
}
ANNUAL_WINDOWS = {"academic_year": 9, "financial_year": 4, "cohort": 9}
SCALE = {"percent": 100, "rate_per_10000": 10000}
DEPTH = 4  # county, area, district, team: geography_paths has columns l0..l3


def compile_indicator(indicator: Indicator, spec: ComputeSpec) -> str:
    """The query yielding observations rows for every geography, group and period: the
    engine's two statements (`partial_sql`, then `observations_sql`) as one."""
    return observations_sql(indicator, spec, partial=f"({partial_sql(spec)})")


def partial_sql(spec: ComputeSpec) -> str:
    """The first stage: the records summed by time key, lowest geography and group."""
    return f"WITH records AS ({records_sql(spec)}) {_partial(spec)}"


def observations_sql(indicator: Indicator, spec: ComputeSpec, partial: str) -> str:
    """The second stage: observations rows from the relation `partial` (`partial_sql`'s rows)."""
    levels = ", ".join(f"(period, period_end, l{k}, _breakdown, _label)" for k in range(DEPTH))
    is_count = spec.denominator is None
    sums = f"""
    SELECT {_geography_case()} AS geography,
        CASE WHEN _breakdown IS NULL THEN 'all' ELSE coalesce(_label, 'unknown') END AS grp,
        _breakdown AS breakdown,
        period, period_end,
        {_value(indicator, spec)} AS value,
        {_sum("_num")} AS numerator,
        {"CAST(NULL AS DOUBLE)" if is_count else _sum("_den")} AS denominator
    FROM placed
    GROUP BY GROUPING SETS ({levels})
    HAVING {_deepest_present()}"""
    # a count reads its sums three times (`_with_zeros`): worked out once
    ctes = f"sums AS MATERIALIZED ({sums}), counted AS ({_with_zeros()})" if is_count else f"sums AS ({sums})"
    return f"""
WITH placed AS ({_placed(spec, partial)}),
{ctes}
SELECT '{indicator.code}' AS indicator, geography, grp, breakdown, period, period_end,
    value, numerator, denominator,
    CAST(NULL AS VARCHAR) AS status,
    'computed from records' AS note,
    CAST(NULL AS VARCHAR) AS source_file,
    CAST(NULL AS BIGINT) AS source_row,
    'records' AS origin
FROM {"counted" if is_count else "sums"}
"""


def unplaced_sql(spec: ComputeSpec, partial: str) -> str:
    """One row: how many records `partial` (`partial_sql`'s rows) holds that no geography
    of the framework or no period holds — each under the first reason that applies — and
    the first three of the unknown geography codes, and how many there are."""
    undated = "p._year IS NULL" if spec.window in ANNUAL_WINDOWS else "p._t IS NULL"
    unknown = "p._geo IS NOT NULL AND g.code IS NULL"
    return f"""
    SELECT coalesce(sum(p._records) FILTER (WHERE p._geo IS NULL), 0) AS no_geography,
        coalesce(sum(p._records) FILTER (WHERE {unknown}), 0) AS unknown_geography,
        coalesce(sum(p._records) FILTER (WHERE g.code IS NOT NULL AND {undated}), 0) AS undated,
        list_sort(list(DISTINCT p._geo) FILTER (WHERE {unknown}))[1:3] AS unknown_codes,
        count(DISTINCT p._geo) FILTER (WHERE {unknown}) AS unknown_code_count
    FROM {partial} p LEFT JOIN geography_paths g ON g.code = p._geo
    WHERE p._breakdown IS NULL"""


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


def _time_keys(spec: ComputeSpec) -> dict[str, str]:
    """What places a record in time, by name: its year, month end, or snapshot start and end months."""
    if spec.window in ANNUAL_WINDOWS:
        return {"_year": "_year"}
    if spec.window == "snapshot":
        return {"_t": "last_day(_start)", "_u": "last_day(_end)"}
    return {"_t": "last_day(_date)"}


def _partial(spec: ComputeSpec) -> str:
    """The records summed by time key, lowest geography and each breakdown's group.

    `_breakdown` names the breakdown a row sums (NULL: the whole population)
    and `_label` the group as the records give it: a NULL label stays a
    group of its own until it is published as `unknown`.
    """
    keys = _time_keys(spec)
    breakdowns = [f"_b{i}" for i in range(len(spec.breakdowns))]
    by = ", ".join([*keys, "_geo"])
    sets = ", ".join(f"({by}{f', {b}' if b else ''})" for b in [None, *breakdowns])
    columns = ", ".join([*(f"{sql} AS {name}" for name, sql in keys.items()), "_geo", *breakdowns])
    which = _grouped_on(breakdowns, [f"'{b[1:]}'" for b in breakdowns])
    return f"""
    SELECT {by}, {which} AS _breakdown, {_grouped_on(breakdowns, breakdowns)} AS _label,
        sum(_num) AS _num, sum(_den) AS _den, count(*) AS _records
    FROM (SELECT {columns}, _num, _den FROM records)
    GROUP BY GROUPING SETS ({sets})"""


def _grouped_on(breakdowns: list[str], values: list[str]) -> str:
    """SQL: for a row of `_partial`, the value given for the breakdown it is grouped on (NULL: none)."""
    if not breakdowns:
        return "CAST(NULL AS VARCHAR)"
    branches = " ".join(f"WHEN GROUPING({b}) = 0 THEN {v}" for b, v in zip(breakdowns, values, strict=True))
    return f"CASE {branches} END"


def _placed(spec: ComputeSpec, partial: str) -> str:
    """Each partial sum with every period whose window holds it, and its geography's path.
    A record with no date or year is in no window; one whose geography is not in
    the tree has no path."""
    paths = "JOIN geography_paths g ON g.code = r._geo"
    levels = ", ".join(f"g.l{k}" for k in range(DEPTH))
    if spec.window in ANNUAL_WINDOWS:
        start = ANNUAL_WINDOWS[spec.window]
        last_month = start - 1 if start > 1 else 12
        period_end = f"last_day(make_date(CAST(substr(r._year, 1, 4) AS INTEGER) + 1, {last_month}, 1))"
        return (
            f"SELECT r.*, r._year AS period, {period_end} AS period_end, {levels} FROM {partial} r {paths} "
            "WHERE r._year IS NOT NULL"
        )
    condition = MONTHLY_WINDOWS[spec.window]
    return (
        f"SELECT r.*, p.period, p.period_end, {levels} FROM {partial} r "
        f"JOIN compute_periods p ON {condition} {paths}"
    )


def _with_zeros() -> str:
    """A count's sums, and 0 for every geography the sums lack at the levels its records
    reach (an indicator counted by district has no team figures), for every group the
    sums hold, in every period with a record somewhere (before the records start, a
    zero would be a figure the data cannot support)."""
    depth = " + ".join(f"CAST(l{k} IS NOT NULL AS INTEGER)" for k in range(1, DEPTH))
    reached = (
        f"SELECT code FROM geography_paths WHERE {depth} <= "
        f"(SELECT max({depth}) FROM geography_paths WHERE code IN (SELECT geography FROM sums))"
    )
    return f"""
    SELECT * FROM sums
    UNION ALL
    SELECT r.code, k.grp, k.breakdown, t.period, t.period_end, 0, 0, NULL
    FROM (SELECT DISTINCT grp, breakdown FROM sums) k
    CROSS JOIN (SELECT DISTINCT period, period_end FROM sums) t
    CROSS JOIN ({reached}) r
    ANTI JOIN sums s ON s.geography = r.code AND s.grp = k.grp AND s.period = t.period
        AND s.breakdown IS NOT DISTINCT FROM k.breakdown"""


def _geography_case() -> str:
    branches = " ".join(f"WHEN GROUPING(l{k}) = 0 THEN l{k}" for k in range(DEPTH))
    return f"CASE {branches} END"


def _deepest_present() -> str:
    """Drop the rows a shallower path leaves empty at a deeper level."""
    return " AND ".join(f"(GROUPING(l{k}) = 1 OR l{k} IS NOT NULL)" for k in range(DEPTH))


def _sum(column: str) -> str:
    """The sum of partial sums, added exactly (as decimals to 1e-9), so that the last
    binary digit of a sum of fractions never depends on which thread added first;
    as floating point when a partial sum is too large a decimal or not a number
    (an author's division by zero), as every sum was before."""
    exact = f"CAST(sum(TRY_CAST({column} AS DECIMAL(38, 9))) AS DOUBLE)"
    return f"CASE WHEN bool_and(abs({column}) < 1e27) THEN {exact} ELSE sum({column}) END"


def _value(indicator: Indicator, spec: ComputeSpec) -> str:
    if spec.denominator is None:
        return _sum("_num")
    scale = SCALE.get(indicator.unit, 1)
    return f"{_sum('_num')} / nullif({_sum('_den')}, 0) * {scale}"
