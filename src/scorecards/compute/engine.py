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
    """Copy each warehouse view a computed indicator reads, and the views those
    read, into the store under the same name (the store comes first on the
    search path); return their names, in the order copied.

    A view is copied after the views it reads, and computed from its own
    definition so that it reads their copies: the referrals, which three
    other views build on, are then worked out once, not four times.
    """
    definitions = _view_definitions(con)
    text = "\n".join(i.compute.model_dump_json() for i in framework.indicators.values() if i.compute)
    order: list[str] = []
    for name in sorted(definitions):
        if _names(name, text):
            _after_what_it_reads(name, definitions, order)
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory'").fetchall()
    taken = {t for (t,) in tables}
    copied: list[str] = []
    for name in order:
        if name in taken:
            continue
        body = definitions[name]
        clashes = {t for t in taken if _names(t, body or "")} - set(copied)
        source = body if body and not clashes else f'SELECT * FROM wh.main."{name}"'
        con.execute(f'CREATE TABLE memory.main."{name}" AS {source}')
        copied.append(name)
    return copied


def _view_definitions(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """The warehouse's views: name → the query defining it (None if it cannot be read back)."""
    rows = con.execute(
        "SELECT view_name, sql FROM duckdb_views() WHERE database_name = 'wh' AND schema_name = 'main'"
    ).fetchall()
    definitions: dict[str, str | None] = {}
    for name, sql in rows:
        found = re.fullmatch(
            r'\s*CREATE VIEW\s+"?' + re.escape(name) + r'"?\s+AS\s+(.*?);?\s*', sql or "", re.S
        )
        definitions[name] = found[1] if found else None
    return definitions


def _after_what_it_reads(
    name: str, definitions: dict[str, str | None], order: list[str], seen: frozenset[str] = frozenset()
) -> None:
    """Append `name` to `order` after the views its definition names (each once)."""
    if name in order or name in seen:
        return
    body = definitions[name] or ""
    for other in sorted(definitions):
        if other != name and _names(other, body):
            _after_what_it_reads(other, definitions, order, seen | {name})
    order.append(name)


def _names(name: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def _count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM observations").fetchone()
    return int(row[0]) if row else 0
