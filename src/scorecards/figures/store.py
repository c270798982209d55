"""The in-memory DuckDB database a build works in.

The framework's indicators and geographies are loaded as tables so that
validation and computation are joins, not Python loops over records.
"""

from __future__ import annotations

import duckdb

from scorecards.framework.model import Framework


def open_store(framework: Framework) -> duckdb.DuckDBPyConnection:
    """A fresh database holding the framework's reference tables."""
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")  # progress is ours to show, through Rich
    con.execute(
        """
        CREATE TABLE indicators (
            code VARCHAR PRIMARY KEY, unit VARCHAR, frequency VARCHAR,
            data_period VARCHAR, decimals INTEGER, year_end_month INTEGER,
            base_code VARCHAR
        )
        """
    )
    con.executemany(
        "INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i.code,
                i.unit,
                i.frequency,
                i.data_period,
                i.decimals,
                i.year_start_month - 1 or 12,
                i.code.removesuffix("-R3M"),
            )
            for i in framework.indicators.values()
        ],
    )
    con.execute("CREATE TABLE geographies (code VARCHAR PRIMARY KEY, level VARCHAR, parent VARCHAR)")
    con.executemany(
        "INSERT INTO geographies VALUES (?, ?, ?)",
        [(g.code, g.level, g.parent) for g in framework.geographies.values()],
    )
    con.execute("CREATE TABLE geography_names (label VARCHAR PRIMARY KEY, code VARCHAR)")
    con.executemany("INSERT INTO geography_names VALUES (?, ?)", list(framework.name_index().items()))
    con.execute(
        """
        CREATE TABLE district_ancestors AS
        WITH RECURSIVE up(district, ancestor) AS (
            SELECT code, parent FROM geographies WHERE level = 'district'
            UNION ALL
            SELECT up.district, g.parent FROM up JOIN geographies g ON g.code = up.ancestor
            WHERE g.parent IS NOT NULL
        )
        SELECT * FROM up WHERE ancestor IS NOT NULL
        """
    )
    con.execute(GEOGRAPHY_PATHS_SQL)
    return con


# Each geography's path from the top: l0 the county, l1 the next level down,
# and so on. Computed indicators group by these columns with GROUPING SETS.
GEOGRAPHY_PATHS_SQL = """
CREATE TABLE geography_paths AS
WITH RECURSIVE walk(code, path) AS (
    SELECT code, [code] FROM geographies WHERE parent IS NULL
    UNION ALL
    SELECT g.code, list_append(w.path, g.code) FROM geographies g JOIN walk w ON g.parent = w.code
)
SELECT code, path[1] AS l0, path[2] AS l1, path[3] AS l2, path[4] AS l3 FROM walk
"""
