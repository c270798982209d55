"""Run every computed indicator against the warehouse, one query each.

The warehouse file is attached read-only to the build's in-memory store, so
a compute never changes the records it reads. The warehouse views the
indicators read (one row per referral, plan, period in care…) are copied
into the store first: several indicators read the same view, and a view is
a query that every reader would otherwise run again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

from scorecards.compute.calendar import create_calendar
from scorecards.compute.sql import compile_indicator
from scorecards.errors import ScorecardsError
from scorecards.framework.model import Framework
from scorecards.periods import FINANCIAL_YEAR_START, Month

DEFAULT_MONTHS = 24


def attach_warehouse(con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    if not warehouse.is_file():
        raise ScorecardsError(f"{warehouse}: no such warehouse (load data with `scorecards load`)")
    con.execute("ATTACH ? AS wh (READ_ONLY)", [str(warehouse)])
    con.execute("SET search_path = 'memory.main,wh.main'")


def create_periods(con: duckdb.DuckDBPyConnection, data_month: Month, months: int = DEFAULT_MONTHS) -> None:
    """`compute_periods`: the month ends computed, newest the data month."""
    rows = []
    for back in range(months - 1, -1, -1):
        month = data_month.shift(-back)
        start_year = month.year if month.month >= FINANCIAL_YEAR_START else month.year - 1
        rows.append((month.label, month.last_day, f"{start_year}-{FINANCIAL_YEAR_START:02d}-01"))
    con.execute("CREATE OR REPLACE TABLE compute_periods (period VARCHAR, period_end DATE, year_start DATE)")
    con.executemany("INSERT INTO compute_periods VALUES (?, ?, CAST(? AS DATE))", rows)
    # England's working days, for timeliness indicators: from five years before the first
    # month computed (an older start is never within a deadline) to a year after the last.
    first = data_month.shift(-(months - 1))
    create_calendar(con, date(first.year - 5, 1, 1), date(data_month.year + 1, 12, 31))


def compute_indicators(
    con: duckdb.DuckDBPyConnection,
    framework: Framework,
    data_month: Month,
    months: int = DEFAULT_MONTHS,
    progress: Callable[[str], None] = lambda step: None,
) -> int:
    """Insert every computed indicator's observations; return how many rows."""
    create_periods(con, data_month, months)
    materialize_views(con, framework)
    before = _count(con)
    for indicator in framework.indicators.values():
        if indicator.compute is None:
            continue
        progress(f"Computing {indicator.code}")
        sql = compile_indicator(indicator, indicator.compute)
        try:
            con.execute(f"INSERT INTO observations BY NAME {sql}")
        except duckdb.Error as exc:
            where = f"{indicator.file}:{indicator.line}" if indicator.line else indicator.file
            raise ScorecardsError(f"{where}: {indicator.code}: compute failed: {exc}") from exc
    return _count(con) - before


def materialize_views(con: duckdb.DuckDBPyConnection, framework: Framework) -> list[str]:
    """Copy each warehouse view a computed indicator names into the store, under
    the same name (the store comes first on the search path); return their names."""
    text = "\n".join(i.compute.model_dump_json() for i in framework.indicators.values() if i.compute)
    views = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE database_name = 'wh' AND schema_name = 'main' "
        "AND view_name NOT IN (SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory') "
        "ORDER BY view_name"
    ).fetchall()
    copied = [name for (name,) in views if re.search(rf"\b{re.escape(name)}\b", text)]
    for name in copied:
        con.execute(f'CREATE TABLE memory.main."{name}" AS SELECT * FROM wh.main."{name}"')
    return copied


def _count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM observations").fetchone()
    return int(row[0]) if row else 0
