"""The records example's education and early-help indicators, computed from
the fixture records, agree with a plain Python count of the same records —
for the county, every district and every group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from scorecards.compute.engine import attach_warehouse, compute_indicators
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework
from scorecards.periods import Month
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import load_files
from tests.conftest import FIXTURES
from tests.education_framework import COUNTY, education_framework

Pupil = dict[str, object]
PRIMARY = {str(y) for y in range(1, 7)}
SECONDARY = {str(y) for y in range(7, 12)}


def number(p: Pupil, field: str) -> float:
    return float(str(p[field]))


def absent(p: Pupil) -> float:
    """1 for a persistent absentee: 10% or more of possible sessions missed."""
    return float(number(p, "sessions_missed") >= 0.1 * number(p, "sessions_possible"))


# indicator → (who counts, what a pupil adds to the numerator)
ANNUAL: dict[str, tuple[Callable[[Pupil], bool], Callable[[Pupil], float]]] = {
    "EY14": (
        lambda p: p["ncyear"] == "R" and p["eyfs_gld"] is not None,
        lambda p: float(bool(p["eyfs_gld"])),
    ),
    "SISE4a": (lambda p: p["ks2_rwm_expected"] is not None, lambda p: float(bool(p["ks2_rwm_expected"]))),
    "SISE12a": (lambda p: p["ks4_attainment8"] is not None, lambda p: number(p, "ks4_attainment8")),
    "EH46a": (lambda p: p["ncyear"] in PRIMARY and number(p, "sessions_possible") > 0, absent),
    "EH47a": (lambda p: p["ncyear"] in SECONDARY and number(p, "sessions_possible") > 0, absent),
    "PEX1": (lambda p: True, lambda p: float(p["permanent_exclusion_date"] is not None)),
}
MAJOR_GROUPS = {
    "W": "white",
    "M": "mixed",
    "A": "asian",
    "B": "black",
    "C": "chinese",
    "O": "any-other-ethnic-group",
}


def groups_of(p: Pupil) -> list[str]:
    """The pupil's group in every breakdown, as the indicators' `breakdowns` define them."""
    ethnicity = str(p["ethnicity"] or "")
    major = (
        "ethnicity-unclassified"
        if ethnicity in ("", "REFU", "NOBT")
        else MAJOR_GROUPS.get(ethnicity[0], "ethnicity-unclassified")
    )
    sen = str(p["sen"])
    return [
        "fsm" if p["fsm"] else "non-fsm",
        "sen" if sen in ("K", "E") else "non-sen",
        {"K": "sen-support", "E": "ehcp", "N": "no-identified-sen"}[sen],
        "cic" if p["cic"] else "non-cic",
        {"F": "female", "M": "male"}[str(p["gender"])],
        major,
        "eal" if p["eal"] else "non-eal",
    ]


@pytest.fixture(scope="module")
def computed(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]]:
    root = tmp_path_factory.mktemp("edu")
    framework = load_framework(education_framework(root / "framework"))
    warehouse = root / "warehouse.duckdb"
    load_files(warehouse, loader_for("pupils"), [FIXTURES / "samples" / "pupils.csv"])
    load_files(warehouse, loader_for("early-help"), [FIXTURES / "samples" / "early_help_cases.csv"])
    con = open_store(framework)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    compute_indicators(con, framework, Month(2017, 6))
    cursor = con.execute(
        "SELECT p.*, g.code AS district_code FROM pupils p JOIN geography_names g ON g.label = lower(p.district)"
    )
    names = [d[0] for d in cursor.description or []]
    pupils = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return framework, con, pupils


def reference(pupils: list[Pupil], code: str) -> dict[tuple[str, str, str], float]:
    """(place, group, year) → value in percent (or average), counted in Python."""
    counts, scores = ANNUAL[code]
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for p in pupils:
        if not counts(p):
            continue
        for place in (COUNTY, str(p["district_code"])):
            for group in ("all", *groups_of(p)):
                cell = sums[(place, group, str(p["academic_year"]))]
                cell[0] += scores(p)
                cell[1] += 1
    scale = 1 if code == "SISE12a" else 100
    return {key: num / den * scale for key, (num, den) in sums.items()}


def observed(con: duckdb.DuckDBPyConnection, code: str) -> dict[tuple[str, str, str], float]:
    rows = con.execute(
        "SELECT geography, grp, period, value FROM observations WHERE indicator = ? "
        "AND (geography = ? OR geography LIKE 'E07%')",
        [code, COUNTY],
    ).fetchall()
    return {(g, grp, period): value for g, grp, period, value in rows}


@pytest.mark.parametrize("code", sorted(ANNUAL))
def test_annual_indicator_matches_a_plain_count_for_every_place_and_group(
    computed: tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]], code: str
) -> None:
    _, con, pupils = computed
    expected = reference(pupils, code)
    assert expected
    assert observed(con, code) == pytest.approx(expected)


def test_eyfs_good_level_of_development_for_the_county(
    computed: tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]],
) -> None:
    _, con, _ = computed
    # 2015-16 reception: P001 (GLD), P002 (not), P003 (GLD, at "Ashby", a district name)
    row = con.execute(
        "SELECT numerator, denominator, value FROM observations WHERE indicator = 'EY14' AND geography = ? "
        "AND grp = 'all' AND period = '2015-16'",
        [COUNTY],
    ).fetchone()
    assert row == (2, 3, pytest.approx(200 / 3))


def test_each_breakdown_adds_up_to_the_whole(
    computed: tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]],
) -> None:
    _, con, _ = computed
    unbalanced = con.execute(
        """SELECT o.indicator, o.geography, o.period, o.breakdown FROM observations o
        JOIN observations a ON a.indicator = o.indicator AND a.geography = o.geography AND a.period = o.period
            AND a.grp = 'all'
        WHERE o.breakdown IS NOT NULL
        GROUP BY o.indicator, o.geography, o.period, o.breakdown, a.denominator, a.numerator
        HAVING sum(o.denominator) IS DISTINCT FROM a.denominator OR sum(o.numerator) <> a.numerator"""
    ).fetchall()
    assert unbalanced == []


def test_permanent_exclusions_are_counted_over_rolling_12_months(
    computed: tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]],
) -> None:
    _, con, _ = computed
    # P004 (Year 6) was excluded on 2016-03-14: counted in the 12 months to 2016-03 … 2017-02.
    months = con.execute(
        "SELECT period FROM observations WHERE indicator = 'EH43' AND geography = ? AND grp = 'all' "
        "AND value = 1 ORDER BY period",
        [COUNTY],
    ).fetchall()
    assert [m for (m,) in months] == [
        f"{y}-{m:02d}" for y, m in [(2016, k) for k in range(3, 13)] + [(2017, 1), (2017, 2)]
    ]


def test_early_help_outcomes_achieved_among_the_month_s_closures(
    computed: tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]],
) -> None:
    _, con, _ = computed
    # June 2016 closures loaded: EH0001 and EH0006 with outcomes achieved, EH0002 disengaged,
    # EH0005 stepped up, EH0011 with no reason.
    row = con.execute(
        "SELECT numerator, denominator FROM observations WHERE indicator = 'EH16' AND geography = ? "
        "AND grp = 'all' AND period = '2016-06'",
        [COUNTY],
    ).fetchone()
    assert row == (2, 5)


def test_a_plan_within_six_weeks_counts_from_six_weeks_after_notification(
    computed: tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]],
) -> None:
    _, con, _ = computed
    # End of March 2016: EH0001 (notified 4 January, plan 20 January) and EH0002 (notified 1
    # February, plan 1 April: late) are both six weeks old; EH0003 (notified 10 March) is not yet.
    row = con.execute(
        "SELECT numerator, denominator FROM observations WHERE indicator = 'EH52' AND geography = ? "
        "AND grp = 'all' AND period = '2016-03'",
        [COUNTY],
    ).fetchone()
    assert row == (1, 2)


def test_every_indicator_cites_its_source_and_definition(
    computed: tuple[Framework, duckdb.DuckDBPyConnection, list[Pupil]],
) -> None:
    framework, _, _ = computed
    for indicator in framework.indicators.values():
        assert indicator.definition and indicator.source, indicator.code
        assert indicator.compute is not None, indicator.code


def test_the_national_map_names_only_published_measures(tmp_path: Path) -> None:
    framework = load_framework(education_framework(tmp_path / "framework"))
    national = framework.national
    assert national is not None
    lait = (
        Path(__file__).resolve().parents[1].parent
        / "shared"
        / "samples"
        / "national"
        / "lait"
        / "bds_long_0.parquet"
    )
    with duckdb.connect() as con:
        published = {
            m
            for (m,) in con.execute(
                'SELECT DISTINCT "Short Desc" FROM read_parquet(?)', [str(lait)]
            ).fetchall()
        }
    assert {m.measure for m in national.measures.values()} <= published
