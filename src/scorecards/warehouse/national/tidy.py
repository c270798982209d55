"""DfE tidy open data (explore-education-statistics CSVs) into `national_figures`.

A tidy file has the geography and time columns (`time_period`,
`time_identifier`, `geographic_level`, …, `new_la_code`, `la_name`), then
filter columns (`social_care_group`, `breakdown`, …) and indicator columns
(`t_pupils`, `pt_rwm_met_expected_standard`, …). Which is which is read
from the values: a column whose cells are numbers or DfE symbols is a
measure; any other is a filter, kept in each figure's `breakdowns` map. The
file is unpivoted in one statement into one row per figure.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scorecards.warehouse.national import figures
from scorecards.warehouse.records import Problem

GEOGRAPHY = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)
REQUIRED = ("time_period", "geographic_level")
# Further geography columns of other tidy files: identifiers, never measures.
AREAS = (
    "lad",
    "pcon",
    "lsip",
    "english_devolved_area",
    "opportunity_area",
    "ward",
    "local_enterprise_partnership",
)
ALWAYS_FILTERS = frozenset(
    [f"{area}_{part}" for area in AREAS for part in ("code", "name")]
    + ["rsc_region_lead_name", "school_urn", "school_laestab", "school_name", "school_postcode"]
    + ["provider_ukprn", "provider_name", "trust_id", "trust_name", "sponsor_id", "sponsor_name"]
    + ["institution_id", "institution_name"]
)
ODD_SHARE = 0.01  # a measure column may hold up to 1% cells that are neither numbers nor symbols


def is_tidy(columns: list[str]) -> bool:
    return all(c in columns for c in ("time_period", "time_identifier", "geographic_level"))


def load_tidy(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: int, columns: list[str]
) -> tuple[dict[str, int], list[Problem]]:
    """Insert the staged tidy file's figures; return rows per table and problems."""
    shown_as = str(path)
    problems = _rejected_rows(con, shown_as)
    others = [c for c in columns if c not in GEOGRAPHY and c != "_row"]
    _unpivot(con, others)
    measures = _measures(con, others)
    filters = [c for c in others if c not in measures]
    figures.create(con)
    con.execute(_insert_sql(columns, filters), {"source": path.stem, "load": load_id, "measures": measures})
    problems += _odd_cells(con, measures, shown_as) + figures.mark_problems(con, load_id, shown_as)
    inserted = con.execute("SELECT count(*) FROM national_figures WHERE _load_id = ?", [load_id]).fetchone()
    return {"national_figures": int(inserted[0]) if inserted else 0}, problems


def _rejected_rows(con: duckdb.DuckDBPyConnection, shown_as: str) -> list[Problem]:
    """Rows with no period or level are set aside (`_rejected`) and reported."""
    checks = " UNION ALL ".join(
        f"SELECT _row, '{c}' AS field, 'required value is missing' AS reason, CAST(to_json(s) AS VARCHAR) "
        f"FROM _stage s WHERE nullif(trim({c}), '') IS NULL"
        for c in REQUIRED
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE _rejected AS {checks}")
    rows = con.execute("SELECT * FROM _rejected ORDER BY 1, 2").fetchall()
    return [Problem(shown_as, int(r), f, reason, "rejected", record) for r, f, reason, record in rows]


def _unpivot(con: duckdb.DuckDBPyConnection, others: list[str]) -> None:
    """`_cells`: one row per non-empty cell outside the geography columns."""
    if not others:
        con.execute("CREATE OR REPLACE TEMP TABLE _cells (_row BIGINT, name VARCHAR, text VARCHAR)")
        return
    on = ", ".join(f'"{c}"' for c in others)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _cells AS SELECT _row, name, trim(text) AS text FROM "
        f"(UNPIVOT (SELECT _row, {on} FROM _stage WHERE _row NOT IN (SELECT _row FROM _rejected)) "
        f"ON {on} INTO NAME name VALUE text) WHERE nullif(trim(text), '') IS NOT NULL"
    )


def _measures(con: duckdb.DuckDBPyConnection, others: list[str]) -> list[str]:
    """The columns whose cells are numbers or published symbols (all but a few)."""
    rows = con.execute(
        f"SELECT name FROM _cells GROUP BY name HAVING count(*) FILTER ("
        f"WHERE {figures.number('text')} IS NULL AND lower(text) NOT IN ({figures.MARKS_SQL})) "
        f"<= {ODD_SHARE} * count(*)"
    ).fetchall()
    found = {name for (name,) in rows}
    return [c for c in others if c in found and c not in ALWAYS_FILTERS]


def _insert_sql(columns: list[str], filters: list[str]) -> str:
    """One INSERT of every measure cell, with its row's geography and filters."""
    geography = ", ".join(
        f"nullif(trim(s.\"{c}\"), '') AS {c}" if c in columns else f"NULL AS {c}"
        for c in GEOGRAPHY
        if c != "country_name"
    )
    keys = ", ".join("'" + f.replace("'", "''") + "'" for f in filters)
    values = ", ".join(f's."{f}"' for f in filters)
    breakdowns = f"map([{keys}], [{values}])" if filters else "CAST(map() AS MAP(VARCHAR, VARCHAR))"
    identifier = "trim(s.time_identifier)" if "time_identifier" in columns else "NULL"
    value = figures.number("c.text")
    return f"""
        INSERT INTO national_figures BY NAME
        SELECT $source AS source_file, {figures.year_label("trim(s.time_period)", identifier)} AS year,
            {geography}, {breakdowns} AS breakdowns, c.name AS measure, {value} AS value,
            CASE WHEN {value} IS NULL THEN c.text END AS value_text, $load AS _load_id, s._row AS _source_row
        FROM _cells c JOIN _stage s ON s._row = c._row
        WHERE list_contains($measures, c.name)
    """


def _odd_cells(con: duckdb.DuckDBPyConnection, measures: list[str], shown_as: str) -> list[Problem]:
    """A measure's cell that is neither a number nor a symbol: loaded as text, and reported."""
    rows = con.execute(
        f"SELECT c._row, c.name, c.text FROM _cells c WHERE list_contains($measures, c.name) "
        f"AND {figures.number('c.text')} IS NULL AND lower(c.text) NOT IN ({figures.MARKS_SQL}) "
        "ORDER BY 1, 2",
        {"measures": measures},
    ).fetchall()
    return [
        Problem(shown_as, int(r), name, f"not a number or a DfE symbol: {text!r}", "warning")
        for r, name, text in rows
    ]
