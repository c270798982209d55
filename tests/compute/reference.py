"""A plain pandas reference for the compute engine, kept to cross-check it.

It takes the same records (each indicator's `records` relation: geography,
numerator, denominator, dates, group labels) and computes every period,
geography level and breakdown the obvious way — a loop over periods, a
boolean mask per window, a `groupby` per level and breakdown — so that the
set-based GROUPING SETS query can be tested against it, and its speed
compared (benchmarks/bench_records.py). Needs pandas (a test dependency).

Records with no date or year, or whose geography is not in the tree, count
nowhere; a count is 0 where no record counts (see `sql.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import duckdb

from scorecards.compute.sql import ANNUAL_WINDOWS, DEPTH, SCALE, records_sql
from scorecards.framework.model import Framework, Indicator

if TYPE_CHECKING:
    import pandas as pd

Row = tuple[str, str, str, str, float | None, float, float | None]


def reference_results(con: duckdb.DuckDBPyConnection, framework: Framework) -> list[Row]:
    """(indicator, geography, group, period, value, numerator, denominator) for
    every computed indicator, by pandas."""
    paths = con.execute("SELECT * FROM geography_paths").df()
    periods = con.execute("SELECT period, period_end, year_start FROM compute_periods").df()
    rows: list[Row] = []
    for indicator in framework.indicators.values():
        if indicator.compute is not None:
            records = con.execute(records_sql(indicator.compute)).df()
            records = records.merge(paths, left_on="_geo", right_on="code")
            found = _indicator_rows(indicator, records, periods)
            rows += _with_zeros(found, paths) if indicator.compute.denominator is None else found
    return rows


def _with_zeros(rows: list[Row], paths: pd.DataFrame) -> list[Row]:
    """A count's rows, and 0 for every geography they lack at the levels the records
    reach, for every group they hold, in every period they hold."""
    depth = dict(
        zip(paths["code"], paths[[f"l{k}" for k in range(1, DEPTH)]].notna().sum(axis=1), strict=True)
    )
    deepest = max((depth[row[1]] for row in rows), default=-1)
    present = {(geography, group, period) for _, geography, group, period, *_ in rows}
    groups = {(code, group) for code, _, group, *_ in rows}
    periods = {period for *_, period, _, _, _ in rows}
    zeros: list[Row] = [
        (code, geography, group, period, 0.0, 0.0, None)
        for code, group in groups
        for period in periods
        for geography in depth
        if depth[geography] <= deepest and (geography, group, period) not in present
    ]
    return rows + zeros


def _indicator_rows(indicator: Indicator, records: pd.DataFrame, periods: pd.DataFrame) -> list[Row]:
    spec = indicator.compute
    assert spec is not None
    rows: list[Row] = []
    for period, in_window in _windows(spec.window, records, periods):
        for level in range(DEPTH):
            column = f"l{level}"
            present = in_window[in_window[column].notna()]
            rows += _aggregate(indicator, present, [column], period, "all")
            for index in range(len(spec.breakdowns)):
                group = f"_b{index}"
                labelled = present.assign(**{group: present[group].fillna("unknown")})
                rows += _aggregate(indicator, labelled, [column, group], period, None)
    return rows


def _windows(window: str, records: pd.DataFrame, periods: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    import pandas as pd

    if window in ANNUAL_WINDOWS:
        return [(str(year), part) for year, part in records.groupby("_year")]
    chosen = []
    for period, end, year_start in periods.itertuples(index=False):
        end = pd.Timestamp(end)
        if window == "snapshot":
            start, stop = pd.to_datetime(records["_start"]), pd.to_datetime(records["_end"])
            mask = (start <= end) & (stop.isna() | (stop > end))
        else:
            date = pd.to_datetime(records["_date"])
            first = _window_start(window, end, pd.Timestamp(year_start))
            mask = (date >= first) & (date <= end)
        chosen.append((str(period), records[mask]))
    return chosen


def _window_start(window: str, end: Any, year_start: Any) -> Any:
    import pandas as pd

    months = {"month": 1, "rolling_3_months": 3, "rolling_12_months": 12}
    if window == "year_to_date":
        return year_start
    return (end - pd.offsets.MonthEnd(months[window])) + pd.Timedelta(days=1)


def _aggregate(
    indicator: Indicator, frame: pd.DataFrame, keys: list[str], period: str, group: str | None
) -> list[Row]:
    spec = indicator.compute
    assert spec is not None
    sums = frame.groupby(keys)[["_num", "_den"]].sum()
    rows: list[Row] = []
    for key, (numerator, denominator) in sums.iterrows():
        parts = key if isinstance(key, tuple) else (key,)
        geography, label = (parts[0], group) if group is not None else parts
        if spec.denominator is None:
            rows.append((indicator.code, geography, label, period, numerator, numerator, None))
            continue
        scale = SCALE.get(indicator.unit, 1)
        value = numerator / denominator * scale if denominator else None
        rows.append((indicator.code, geography, label, period, value, numerator, denominator))
    return rows
