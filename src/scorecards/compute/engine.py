"""Run every computed indicator against the warehouse, its two stages (sql.py) each one query.

The warehouse file is attached read-only to the build's in-memory store, so
a compute never changes the records it reads. The warehouse views the
indicators read (one row per referral, plan, period in care…) are copied
into the store first: several indicators read the same view, and a view is
a query that every reader would otherwise run again.

Records the compute cannot place — no date, or a geography the framework
does not have — count in no figure; `compute_indicators` returns how many
there are, by indicator and reason, for the build to warn about.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from scorecards.compute.calendar import create_calendar
from scorecards.compute.sql import observations_sql, partial_sql, unplaced_sql
from scorecards.errors import ScorecardsError
from scorecards.framework.model import Framework, Indicator
from scorecards.framework.spec import ComputeSpec
from scorecards.periods import FINANCIAL_YEAR_START, Month

DEFAULT_MONTHS = 24
PARTIAL = "_compute_partial"  # the temporary table holding an indicator's partial sums


@dataclass(frozen=True)
class Unplaced:
    """An indicator's records that count in none of its figures, by reason (each record
    under the first that applies)."""

    indicator: str
    no_geography: int
    unknown_geography: int
    undated: int
    unknown_codes: tuple[str, ...]  # the first few unknown geography codes, sorted
    unknown_code_count: int
    undated_means: str = "date"  # what the undated records lack: date, start date or year

    @property
    def records(self) -> int:
        return self.no_geography + self.unknown_geography + self.undated

    def __str__(self) -> str:
        reasons = []
        if self.no_geography:
            reasons.append(f"{self.no_geography:,} with no geography")
        if self.unknown_geography:
            more = self.unknown_code_count - len(self.unknown_codes)
            codes = ", ".join(self.unknown_codes) + (f" and {more:,} more" if more else "")
            reasons.append(f"{self.unknown_geography:,} with a geography not in the framework ({codes})")
        if self.undated:
            reasons.append(f"{self.undated:,} with no {self.undated_means}")
        return f"{self.indicator}: {self.records:,} records counted in no figure: {'; '.join(reasons)}"


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
) -> list[Unplaced]:
    """Insert every computed indicator's observations; return the indicators with
    records counted in no figure."""
    create_periods(con, data_month, months)
    materialize_views(con, framework)
    unplaced = []
    for indicator in framework.indicators.values():
        if indicator.compute is None:
            continue
        progress(f"Computing {indicator.code}")
        try:
            found = _compute(con, indicator)
        except duckdb.Error as exc:
            where = f"{indicator.file}:{indicator.line}" if indicator.line else indicator.file
            raise ScorecardsError(f"{where}: {indicator.code}: compute failed: {exc}") from exc
        if found.records:
            unplaced.append(found)
    con.execute(f"DROP TABLE IF EXISTS {PARTIAL}")
    return unplaced


def _compute(con: duckdb.DuckDBPyConnection, indicator: Indicator) -> Unplaced:
    """Insert one indicator's observations; return its records counted in no figure."""
    spec = indicator.compute
    assert spec is not None
    con.execute(f"CREATE OR REPLACE TEMP TABLE {PARTIAL} AS {partial_sql(spec)}")
    con.execute(f"INSERT INTO observations BY NAME {observations_sql(indicator, spec, PARTIAL)}")
    row = con.execute(unplaced_sql(spec, PARTIAL)).fetchone()
    assert row is not None  # an aggregate without GROUP BY has one row
    no_geography, unknown_geography, undated, codes, code_count = row
    return Unplaced(
        indicator.code,
        int(no_geography),
        int(unknown_geography),
        int(undated),
        tuple(codes or ()),
        code_count,
        _date_name(spec),
    )


def _date_name(spec: ComputeSpec) -> str:
    """What a record counted as undated lacks, in the terms of its compute block."""
    if spec.window == "snapshot":
        return "start date"
    return "year" if spec.year else "date"


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
