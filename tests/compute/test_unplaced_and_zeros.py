"""Records the compute cannot place count nowhere and are reported; a count is 0,
not missing, where no record counts.

Testshire: areas North (Ashby, with a team, and Brampton) and South (Carlow).
Every month from July 2016 to June 2017, Ashby has 10 boys and 10 girls and
Brampton 8 boys; Carlow has no records; in June 2017 Ashby also has 6 pupils
of sex `other`. Besides, 2 records have no district, 4 a district code the
framework does not have (3 `E07000999`, 1 `nowhere`), and 4 no date — and
one more has neither a date nor a known district.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from scorecards.cli.app import app
from scorecards.compute.engine import Unplaced, attach_warehouse, compute_indicators
from scorecards.compute.sql import compile_indicator
from scorecards.figures.disclosure import suppress
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.periods import Month
from scorecards.release.build import compute_release
from tests.compute.reference import reference_results

DATA_MONTH = Month(2017, 6)
COUNTY, NORTH, SOUTH = "E10000099", "north", "south"
ASHBY, BRAMPTON, CARLOW, TEAM = "E07000901", "E07000902", "E07000903", "ashby-team"

EVENTS = """
CREATE TABLE events AS
WITH months AS (SELECT CAST(m AS DATE) + 14 AS day FROM range(DATE '2016-07-01', DATE '2017-07-01', INTERVAL 1 MONTH) t(m)),
placed AS (
    SELECT day, 'E07000901' AS district, sex FROM months, unnest(['boy', 'girl']) s(sex), range(10)
    UNION ALL SELECT day, 'E07000902', 'boy' FROM months, range(8)
    UNION ALL SELECT DATE '2017-06-15', 'E07000901', 'other' FROM range(6)
)
SELECT day AS event_date, district, sex FROM placed
UNION ALL SELECT DATE '2017-06-15', NULL, 'boy' FROM range(2)
UNION ALL SELECT DATE '2017-06-15', 'E07000999', 'boy' FROM range(3)
UNION ALL SELECT DATE '2017-06-15', 'nowhere', 'girl'
UNION ALL SELECT NULL, 'E07000901', 'girl' FROM range(4)
UNION ALL SELECT NULL, 'E07000999', 'girl'
"""

INDICATORS = """indicators:
  - {code: C1, title: Events in the month, frequency: M, unit: count, data_period: month,
     compute: {source: events, window: month, date: event_date, geography: district, breakdowns: [sex]}}
  - {code: C2, title: Events in the year, frequency: A, unit: count, data_period: academic_year,
     compute: {source: events, window: academic_year, date: event_date, geography: district}}
  - {code: R1, title: Share of boys, frequency: M, unit: percent, data_period: month,
     compute: {source: events, window: month, date: event_date, geography: district,
               numerator: "CASE WHEN sex = 'boy' THEN 1 ELSE 0 END", denominator: "1"}}
"""


def make_framework(root: Path) -> Path:
    (root / "geographies").mkdir(parents=True)
    (root / "indicators").mkdir()
    (root / "framework.yaml").write_text('name: Zeros\nversion: "1"\norganisation: Testshire\n')
    (root / "geographies" / "testshire.yaml").write_text(
        "geographies:\n"
        f"  - {{code: {COUNTY}, name: Testshire, level: county}}\n"
        f"  - {{code: {NORTH}, name: North, level: area, parent: {COUNTY}}}\n"
        f"  - {{code: {SOUTH}, name: South, level: area, parent: {COUNTY}}}\n"
        f"  - {{code: {ASHBY}, name: Ashby, level: district, parent: {NORTH}}}\n"
        f"  - {{code: {BRAMPTON}, name: Brampton, level: district, parent: {NORTH}}}\n"
        f"  - {{code: {CARLOW}, name: Carlow, level: district, parent: {SOUTH}}}\n"
        f"  - {{code: {TEAM}, name: Ashby Team, level: team, parent: {ASHBY}, district: {ASHBY}}}\n"
    )
    (root / "indicators" / "events.yaml").write_text(INDICATORS)
    return root


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("zeros")
    with duckdb.connect(str(root / "warehouse.duckdb")) as con:
        con.execute(EVENTS)
    return make_framework(root / "framework"), root / "warehouse.duckdb"


@pytest.fixture(scope="module")
def computed(paths: tuple[Path, Path]) -> tuple[duckdb.DuckDBPyConnection, list[Unplaced]]:
    framework_path, warehouse = paths
    framework = load_framework(framework_path)
    con = open_store(framework)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    return con, compute_indicators(con, framework, DATA_MONTH)


def figure(
    con: duckdb.DuckDBPyConnection, code: str, period: str, geography: str, group: str = "all"
) -> tuple[float | None, float | None] | None:
    """(value, numerator), or None when there is no row."""
    row = con.execute(
        "SELECT value, numerator FROM observations WHERE indicator = ? AND period = ? AND geography = ? AND grp = ?",
        [code, period, geography, group],
    ).fetchone()
    return None if row is None else (row[0], row[1])


def test_records_with_no_date_or_year_make_no_period_less_figures(
    computed: tuple[duckdb.DuckDBPyConnection, list[Unplaced]],
) -> None:
    con, _ = computed
    assert con.execute("SELECT count(*) FROM observations WHERE period IS NULL").fetchone() == (0,)
    # 2015-16: July and August 2016, 2 × 28; 2016-17: 10 months × 28 and the 6 `other`
    assert figure(con, "C2", "2015-16", COUNTY) == (56, 56)
    assert figure(con, "C2", "2016-17", COUNTY) == (286, 286)


def test_every_indicator_reports_the_records_it_counts_in_no_figure(
    computed: tuple[duckdb.DuckDBPyConnection, list[Unplaced]],
) -> None:
    """A record is counted under the first reason that applies: the one with neither a
    date nor a known district is one of the unknown geography's 5."""
    _, unplaced = computed
    assert [(u.indicator, u.no_geography, u.unknown_geography, u.undated) for u in unplaced] == [
        ("C1", 2, 5, 4),
        ("C2", 2, 5, 4),
        ("R1", 2, 5, 4),
    ]
    assert str(unplaced[0]) == (
        "C1: 11 records counted in no figure: 2 with no geography; "
        "5 with a geography not in the framework (E07000999, nowhere); 4 with no date"
    )


def test_unknown_codes_are_named_up_to_three() -> None:
    unplaced = Unplaced("X1", 0, 9, 1, ("a", "b", "c"), 5, "year")
    assert str(unplaced) == (
        "X1: 10 records counted in no figure: 9 with a geography not in the framework (a, b, c and 2 more); "
        "1 with no year"
    )


def test_a_count_is_zero_where_no_record_counts(
    computed: tuple[duckdb.DuckDBPyConnection, list[Unplaced]],
) -> None:
    con, _ = computed
    assert figure(con, "C1", "2017-05", CARLOW) == (0, 0)
    assert figure(con, "C1", "2017-05", SOUTH) == (0, 0)
    assert figure(con, "C1", "2017-05", BRAMPTON, "girl") == (0, 0)
    assert figure(con, "C1", "2017-05", CARLOW, "boy") == (0, 0)
    assert figure(con, "C2", "2015-16", CARLOW) == (0, 0)
    # `other` is a group in June only: a group of the indicator, so 0 where it is not counted
    assert figure(con, "C1", "2017-06", BRAMPTON, "other") == (0, 0)
    assert figure(con, "C1", "2017-05", ASHBY, "other") == (0, 0)
    # no period before July 2016 has a record anywhere: no figure, rather than a 0 the data cannot support
    assert figure(con, "C1", "2016-06", COUNTY) is None
    # the records are placed by district: a team's count is not computed, so not 0 either
    assert con.execute("SELECT count(*) FROM observations WHERE geography = ?", [TEAM]).fetchone() == (0,)


def test_a_rate_with_no_records_stays_missing(
    computed: tuple[duckdb.DuckDBPyConnection, list[Unplaced]],
) -> None:
    con, _ = computed
    assert figure(con, "R1", "2017-05", CARLOW) is None
    assert figure(con, "R1", "2017-05", BRAMPTON) == (100, 8)


def test_the_engine_matches_the_reference_with_unplaced_records_and_zeros(
    computed: tuple[duckdb.DuckDBPyConnection, list[Unplaced]], paths: tuple[Path, Path]
) -> None:
    con, _ = computed
    engine = {
        (i, g, grp, p): (v, n, d)
        for i, g, grp, p, v, n, d in con.execute(
            "SELECT indicator, geography, grp, period, value, numerator, denominator FROM observations"
        ).fetchall()
    }
    reference = {
        (i, g, grp, p): (v, n, d)
        for i, g, grp, p, v, n, d in reference_results(con, load_framework(paths[0]))
    }
    assert engine.keys() == reference.keys()
    for key, (value, numerator, denominator) in engine.items():
        assert numerator == reference[key][1], key
        assert denominator == reference[key][2], key
        assert math.isclose(value, reference[key][0]), key


def test_a_zero_is_published(paths: tuple[Path, Path], tmp_path: Path) -> None:
    """Disclosure control hides counts of 1 to 5, never a 0."""
    framework_path, warehouse = paths
    framework = load_framework(framework_path)
    con = open_store(framework)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    compute_indicators(con, framework, DATA_MONTH)
    suppress(con, framework)
    row = con.execute(
        "SELECT value, status FROM observations WHERE indicator = 'C1' AND period = '2017-05' "
        "AND geography = ? AND grp = 'all'",
        [CARLOW],
    ).fetchone()
    assert row == (0, None)


def test_the_build_warns_about_records_counted_in_no_figure(paths: tuple[Path, Path], tmp_path: Path) -> None:
    framework_path, warehouse = paths
    steps: list[str] = []
    compute_release(framework_path, [], DATA_MONTH, steps.append, warehouse)
    assert [s for s in steps if s.startswith("Warning: ")] == [
        f"Warning: {code}: 11 records counted in no figure: 2 with no geography; "
        "5 with a geography not in the framework (E07000999, nowhere); 4 with no date"
        for code in ("C1", "C2", "R1")
    ]
    result = CliRunner().invoke(
        app,
        [
            *("build", "--framework", str(framework_path), "--period", "2017-06", "--no-paper"),
            *("--out", str(tmp_path / "r"), "--warehouse", str(warehouse)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "C2: 11 records counted in no figure" in result.stderr
    manifest = json.loads((tmp_path / "r" / "release.json").read_text(encoding="utf-8"))
    assert [w.split(":")[0] for w in manifest["warnings"]] == ["C1", "C2", "R1"]


def test_the_one_query_form_gives_the_engines_rows(
    computed: tuple[duckdb.DuckDBPyConnection, list[Unplaced]], paths: tuple[Path, Path]
) -> None:
    """`compile_indicator` (read by benchmarks/bench_records.py) is the engine's two statements as one."""
    con, _ = computed
    for indicator in load_framework(paths[0]).indicators.values():
        assert indicator.compute is not None
        one_query = con.execute(
            f"SELECT geography, grp, period, value FROM ({compile_indicator(indicator, indicator.compute)}) ORDER BY ALL"
        ).fetchall()
        engine = con.execute(
            "SELECT geography, grp, period, value FROM observations WHERE indicator = ? ORDER BY ALL",
            [indicator.code],
        ).fetchall()
        assert one_query == engine, indicator.code
