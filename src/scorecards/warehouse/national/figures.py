"""`national_figures`: published aggregate statistics, one row per figure.

Every council's, region's and England's published figure for a measure, in
one long table whatever file it came from, so that a council's own result
can be set beside the national figure and ranked among its statistical
neighbours with plain joins.

A figure the DfE did not publish carries its symbol in `value_text` (`c`
confidential, `x` not available, `z` not applicable, `low`, `u`, …) and no
`value`: it is kept, never read as zero. `year` is the academic or financial
year label (`2016-17`) a figure belongs to, derived from `time_period`
(see `year_label`); `time_period` keeps the file's own text for exact
filtering.
"""

from __future__ import annotations

import duckdb

from scorecards.warehouse.records import Problem

DDL = """
CREATE TABLE IF NOT EXISTS national_figures (
    source_file VARCHAR NOT NULL,
    time_period VARCHAR NOT NULL,
    time_identifier VARCHAR,
    year VARCHAR,
    geographic_level VARCHAR NOT NULL,
    country_code VARCHAR,
    region_code VARCHAR,
    region_name VARCHAR,
    old_la_code VARCHAR,
    new_la_code VARCHAR,
    la_name VARCHAR,
    breakdowns MAP(VARCHAR, VARCHAR) NOT NULL,
    measure VARCHAR NOT NULL,
    measure_title VARCHAR,
    value DOUBLE,
    value_text VARCHAR,
    _load_id INTEGER NOT NULL,
    _source_row BIGINT NOT NULL
)
"""

# Symbols the DfE (and the LAIT) print instead of a number, with their meaning.
MARKS = {
    "c": "confidential (suppressed)",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero but is not zero",
    "~": "rounds to zero but is not zero",
    ":": "not available",
    "..": "not available",
    "-": "not available",
    "*": "suppressed",
    "na": "not available",
    "n/a": "not available",
    "supp": "suppressed",
}
MARKS_SQL = ", ".join(f"'{m}'" for m in MARKS)


def number(text: str) -> str:
    """SQL: the number in a published cell's text (NULL for a symbol)."""
    return f"TRY_CAST(replace(trim({text}), ',', '') AS DOUBLE)"


def year_label(period: str, identifier: str = "NULL") -> str:
    """SQL: the year label of a published period.

    `201617` and `2016/17` and `2016-17 (OT)` are 2016-17; a single year
    (`2016`, `2018 (Rev)`) is the year ending in it — an academic year's
    results are published as its summer's year, a reporting year ends on 31
    March — unless the file says it is a calendar year. Ranges of several
    years (`2014-16`) have no label.
    """
    first = f"TRY_CAST(substr({period}, 1, 4) AS INTEGER)"
    calendar = f"coalesce(lower({identifier}) LIKE '%calendar%', false)"
    return f"""CASE
        WHEN regexp_full_match({period}, '\\d{{6}}')
            THEN substr({period}, 1, 4) || '-' || substr({period}, 5, 2)
        WHEN regexp_full_match({period}, '\\d{{4}}[/-]\\d{{2}}( \\(.*\\))?')
             AND ({first} + 1) % 100 = TRY_CAST(substr({period}, 6, 2) AS INTEGER)
            THEN substr({period}, 1, 4) || '-' || substr({period}, 6, 2)
        WHEN regexp_full_match({period}, '\\d{{4}}') AND {calendar}
            THEN {period}
        WHEN regexp_full_match({period}, '\\d{{4}}( \\(.*\\))?')
            THEN CAST({first} - 1 AS VARCHAR) || '-' || substr({period}, 3, 2)
    END"""


def create(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def mark_problems(con: duckdb.DuckDBPyConnection, load_id: int, shown_as: str) -> list[Problem]:
    """One warning per measure and symbol loaded: how many figures were not published.

    Symbols are expected in published statistics, so they are summarised,
    not listed figure by figure; the row named is the first that has one.
    """
    rows = con.execute(
        "SELECT min(_source_row), measure, lower(value_text), count(*) FROM national_figures "
        "WHERE _load_id = ? AND value IS NULL GROUP BY ALL ORDER BY 1, 2",
        [load_id],
    ).fetchall()
    return [
        Problem(
            shown_as,
            int(first),
            measure,
            f"{count} figure(s) published as {mark!r} ({MARKS.get(mark, 'not a number')}): "
            "loaded without a value",
            "warning",
        )
        for first, measure, mark, count in rows
    ]
