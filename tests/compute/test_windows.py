"""Every period window counts a record dated on a month's first or last day,
or opening and closing on one, as the pandas reference does: the engine
places records in time by their month (sql.py) rather than by their date."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest

from scorecards.compute.engine import attach_warehouse, compute_indicators
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.periods import Month
from tests.compute.reference import reference_results

DATA_MONTH = Month(2017, 6)
WINDOWS = {
    "month": "date: event_date",
    "rolling_3_months": "date: event_date",
    "rolling_12_months": "date: event_date",
    "year_to_date": "date: event_date",
    "snapshot": "start: event_date\n      end: closed",
    "financial_year": "date: event_date",
    "academic_year": "date: event_date",
    "cohort": "date: event_date",
}

# Dates on and either side of month ends, year starts (April, September) and the edges
# of the 24 months computed; some records never close.
EVENTS = """
CREATE TABLE events AS
SELECT n AS id, CAST(d AS DATE) AS event_date,
    CASE WHEN n % 3 = 0 THEN NULL ELSE CAST(d AS DATE) + CAST(n % 5 AS INTEGER) * 31 END AS closed,
    CASE n % 4 WHEN 0 THEN 'E07000901' WHEN 1 THEN 'E07000902' ELSE 'E10000099' END AS district,
    CASE WHEN n % 7 = 0 THEN NULL WHEN n % 2 = 0 THEN 'girl' ELSE 'boy' END AS sex,
    n % 3 = 1 AS counted
FROM (
    SELECT d, row_number() OVER (ORDER BY d) AS n FROM (
        SELECT unnest([day - INTERVAL 1 DAY, day, last_day(day)]) AS d
        FROM range(DATE '2014-03-01', DATE '2017-09-01', INTERVAL 1 MONTH) t(day))
)
"""


def framework(root: Path) -> Path:
    (root / "geographies").mkdir(parents=True)
    (root / "indicators").mkdir()
    (root / "framework.yaml").write_text('name: Windows\nversion: "1"\norganisation: Testshire\n')
    (root / "geographies" / "testshire.yaml").write_text(
        "geographies:\n"
        "  - {code: E10000099, name: Testshire, level: county}\n"
        "  - {code: north, name: North, level: area, parent: E10000099}\n"
        "  - {code: E07000901, name: Ashby, level: district, parent: north}\n"
        "  - {code: E07000902, name: Brampton, level: district, parent: north}\n"
    )
    indicators = "".join(
        f"""
  - code: W{number}
    title: Events, {window}
    frequency: {"A" if "year" in window or window == "cohort" else "M"}
    unit: percent
    data_period: {"academic_year" if "year" in window or window == "cohort" else "month"}
    compute:
      source: events
      window: {window}
      {dates}
      numerator: CASE WHEN counted THEN 1 ELSE 0 END
      denominator: "1"
      geography: district
      breakdowns: [sex]
"""
        for number, (window, dates) in enumerate(WINDOWS.items())
    )
    (root / "indicators" / "windows.yaml").write_text("indicators:" + indicators)
    return root


@pytest.fixture
def computed(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute(EVENTS)
    model = load_framework(framework(tmp_path / "framework"))
    con = open_store(model)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    compute_indicators(con, model, DATA_MONTH)
    return con


def test_every_window_counts_records_at_month_edges_as_the_reference_does(
    computed: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    model = load_framework(tmp_path / "framework")
    engine = {
        (i, g, grp, p): (v, n, d)
        for i, g, grp, p, v, n, d in computed.execute(
            "SELECT indicator, geography, grp, period, value, numerator, denominator FROM observations"
        ).fetchall()
    }
    reference = {(i, g, grp, p): (v, n, d) for i, g, grp, p, v, n, d in reference_results(computed, model)}
    assert {key[0] for key in engine} == {f"W{n}" for n in range(len(WINDOWS))}
    assert engine.keys() == reference.keys()
    for key, (value, numerator, denominator) in engine.items():
        assert numerator == reference[key][1], key
        assert denominator == reference[key][2], key
        assert math.isclose(value, reference[key][0]), key


def test_a_rolling_window_holds_its_first_and_last_days_only(computed: duckdb.DuckDBPyConnection) -> None:
    """June 2017's rolling 3 months run from 1 April to 30 June 2017: of the events on the
    31 March, 1 April, 31 May, 1 June and 30 June (and 30 April… in between) in the county,
    those from 1 April on count."""
    row = computed.execute(
        "SELECT denominator FROM observations WHERE indicator = 'W1' AND period = '2017-06' "
        "AND geography = 'E10000099' AND grp = 'all'"
    ).fetchone()
    expected = computed.execute(
        "SELECT count(*) FROM wh.events WHERE event_date BETWEEN DATE '2017-04-01' AND DATE '2017-06-30'"
    ).fetchone()
    assert row is not None and expected is not None
    assert row[0] == expected[0] == 9
