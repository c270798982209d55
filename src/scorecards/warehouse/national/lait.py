"""The DfE Local Authority Interactive Tool's data set into `national_figures`.

The LAIT (`bds_long_*.parquet`) is already long: one row per measure
(`Short Desc`), year (`Years`), council or region (`LA and Regions`, `LA
Number`) and value (`Values`, `-` when not published). It holds what the
tidy files do not: the published figures by free school meals, SEN and
ethnic group for EYFS, KS2 and KS4, which the equality gaps are compared
with. Councils are identified by their old three-digit code only; England
is number 970 and the regions 980 to 990.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scorecards.warehouse.national import figures
from scorecards.warehouse.records import Problem

COLUMNS = ("short desc", "data item", "years", "la and regions", "values", "la number")
ENGLAND = 970
REGIONS = (980, 990)

_NUMBER = 'TRY_CAST(TRY_CAST("la number" AS DOUBLE) AS INTEGER)'
_INSERT = f"""
INSERT INTO national_figures BY NAME
SELECT $source AS source_file, trim(s.years) AS time_period, {figures.year_label("trim(s.years)")} AS year,
    CASE WHEN n = {ENGLAND} THEN 'National' WHEN n BETWEEN {REGIONS[0]} AND {REGIONS[1]} THEN 'Regional'
         ELSE 'Local authority' END AS geographic_level,
    CASE WHEN n = {ENGLAND} THEN 'E92000001' END AS country_code,
    CASE WHEN n BETWEEN {REGIONS[0]} AND {REGIONS[1]} THEN trim(s."la and regions")
         WHEN s.region <> 'NA' THEN s.region END AS region_name,
    CASE WHEN n < {ENGLAND} OR n > {REGIONS[1]} THEN CAST(n AS VARCHAR) END AS old_la_code,
    trim(s."la and regions") AS la_name,
    CAST(map() AS MAP(VARCHAR, VARCHAR)) AS breakdowns,
    trim(s."short desc") AS measure, s."data item" AS measure_title,
    {figures.number("s.values")} AS value,
    CASE WHEN {figures.number("s.values")} IS NULL THEN trim(s.values) END AS value_text,
    $load AS _load_id, s._row AS _source_row
FROM (SELECT *, {_NUMBER} AS n FROM _stage) s
WHERE s._row NOT IN (SELECT _row FROM _rejected)
"""


def is_lait(columns: list[str]) -> bool:
    return all(c in columns for c in COLUMNS)


def load_lait(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: int, columns: list[str]
) -> tuple[dict[str, int], list[Problem]]:
    shown_as = str(path)
    problems = _rejected_rows(con, shown_as)
    figures.create(con)
    con.execute(_INSERT, {"source": path.stem, "load": load_id})
    problems += figures.mark_problems(con, load_id, shown_as)
    inserted = con.execute("SELECT count(*) FROM national_figures WHERE _load_id = ?", [load_id]).fetchone()
    return {"national_figures": int(inserted[0]) if inserted else 0}, problems


def _rejected_rows(con: duckdb.DuckDBPyConnection, shown_as: str) -> list[Problem]:
    """A row with no measure, year or council number cannot be placed: set aside and reported."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _rejected AS "
        "SELECT _row, 'short desc' AS field FROM _stage WHERE nullif(trim(\"short desc\"), '') IS NULL "
        "UNION ALL SELECT _row, 'years' FROM _stage WHERE nullif(trim(years), '') IS NULL "
        f"UNION ALL SELECT _row, 'la number' FROM _stage WHERE {_NUMBER} IS NULL"
    )
    rows = con.execute(
        "SELECT r._row, r.field, CAST(to_json(s) AS VARCHAR) FROM _rejected r JOIN _stage s USING (_row) "
        "ORDER BY 1, 2"
    ).fetchall()
    return [Problem(shown_as, int(r), f, "required value is missing", "rejected", rec) for r, f, rec in rows]
