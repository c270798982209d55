"""The social-care indicators of the records example, computed from small
hand-made record sets (tests/fixtures/social_care/) loaded through the
loaders into a warehouse. Each test's docstring works the answer out by hand."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

import scorecards
from scorecards.compute.calendar import create_calendar
from scorecards.compute.engine import attach_warehouse, compute_indicators
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.periods import Month
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import load_files

RECORDS = Path(scorecards.__file__).parent / "examples" / "records" / "framework"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "social_care"
COUNTY = "E10000999"
ARDLEY, DUNMORE, GREYWATER = "E07000901", "E07000904", "E07000907"
IN_CARE = (
    "SSDA903_2017_header.csv",
    "SSDA903_2017_episodes.csv",
    "SSDA903_2017_uasc.csv",
    "geography_map.csv",
)

Result = tuple[float, float, float]  # value, numerator, denominator


def computed(tmp_path: Path, month: str, files: dict[str, tuple[str, ...]]) -> duckdb.DuckDBPyConnection:
    """Load `files` (kind → fixture names), then compute the social-care indicators for `month`."""
    warehouse = tmp_path / "warehouse.duckdb"
    for kind, names in files.items():
        report = load_files(warehouse, loader_for(kind), [FIXTURES / name for name in names])
        assert [f.status for f in report.files] == ["loaded"] * len(names)
    framework = load_framework(social_care_framework(tmp_path / "framework"))
    con = open_store(framework)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    compute_indicators(con, framework, Month.parse(month))
    return con


def social_care_framework(root: Path) -> Path:
    """The records example with its social-care indicators and scorecard only."""
    shutil.copytree(RECORDS / "geographies", root / "geographies")
    shutil.copy(RECORDS / "framework.yaml", root)
    for name in ("indicators/social-care.yaml", "scorecards/social-care.yaml"):
        (root / name).parent.mkdir(exist_ok=True)
        shutil.copy(RECORDS / name, root / name)
    return root


def result(
    con: duckdb.DuckDBPyConnection, code: str, period: str, geography: str = COUNTY, group: str = "all"
) -> Result:
    row = con.execute(
        "SELECT round(value, 2), numerator, denominator FROM observations "
        "WHERE indicator = ? AND period = ? AND geography = ? AND grp = ?",
        [code, period, geography, group],
    ).fetchone()
    assert row is not None, f"no {code} for {geography} {group} {period}"
    return (float(row[0]), float(row[1]), float(row[2]))


@pytest.fixture
def referrals(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    return computed(
        tmp_path, "2016-12", {"cin-census": ("cin_2016.xml", "cin_2017.xml", "geography_map.csv")}
    )


def test_one_referral_in_three_followed_a_referral_within_12_months(
    referrals: duckdb.DuckDBPyConnection,
) -> None:
    """Referrals in 2016: A on 1 Feb (A's previous referral, 1 June 2014, is 20 months
    earlier), A on 1 Aug (6 months after 1 Feb: a re-referral) and B on 1 May (B's
    first): 1 of 3. A's 1 Feb referral is in both censuses and counts once."""
    assert result(referrals, "RA01", "2016-12") == (33.33, 1, 3)


def test_re_referrals_count_where_the_map_places_the_child(referrals: duckdb.DuckDBPyConnection) -> None:
    """A is mapped to Ardley (by name) in North Westmarch: 1 of A's 2; B is not in the
    map, so B counts in the county only."""
    assert result(referrals, "RA01", "2016-12", ARDLEY) == (50.0, 1, 2)
    assert result(referrals, "RA01", "2016-12", "north") == (50.0, 1, 2)
    assert result(referrals, "RA01", "2016-12", group="female") == (50.0, 1, 2)
    assert result(referrals, "RA01", "2016-12", group="male") == (0.0, 0, 1)
    assert result(referrals, "RA01", "2016-12", group="black") == (0.0, 0, 1)
    assert result(referrals, "RA01", "2016-12", group="age-5-9") == (50.0, 1, 2)


def test_working_days_skip_weekends_and_england_s_christmas_bank_holidays() -> None:
    """From Monday 19 December 2016: 20-23 Dec (4), Christmas weekend and the 26th
    and 27th (Christmas Day's substitute) off, 28-30 Dec (7), Monday 2 January off
    (New Year's Day's substitute), 3-6 Jan (11), six full weeks to 17 Feb (41), then
    20, 21, 22, 23 Feb: the 45th working day is Thursday 23 February 2017."""
    con = duckdb.connect()
    create_calendar(con, date(2016, 1, 1), date(2017, 12, 31))
    days = con.execute(
        "SELECT f.working_day_number - s.working_day_number FROM calendar s, calendar f "
        "WHERE s.date = DATE '2016-12-19' AND f.date IN (DATE '2017-02-23', DATE '2017-02-24') ORDER BY f.date"
    ).fetchall()
    assert days == [(45,), (46,)]


def test_an_assessment_spanning_christmas_is_timed_in_working_days(tmp_path: Path) -> None:
    """Both assessments started on 19 December 2016: D's, authorised on 23 February
    2017, took 45 working days (within); E's, authorised the next day, 46. E's second
    assessment is not authorised yet and does not count: 1 of 2."""
    con = computed(tmp_path, "2017-03", {"cin-census": ("cin_assessments.xml",)})
    assert result(con, "RA02", "2017-03") == (50.0, 1, 2)
    assert result(con, "RA02", "2017-03", group="male") == (100.0, 1, 1)


def test_plans_for_a_second_time_count_earlier_plans_here_or_elsewhere(tmp_path: Path) -> None:
    """Plans starting in 2016: C's second (C had a plan in 2015, in the files), D2's
    (NumberOfPreviousCPP 2: plans elsewhere), E2's first: 2 of 3. C is mapped to the
    Greywater team, so the plan counts in the team, its district and area."""
    con = computed(tmp_path, "2016-12", {"cin-census": ("cin_plans.xml", "geography_map.csv")})
    assert result(con, "CP04", "2016-12") == (66.67, 2, 3)
    assert result(con, "CP04", "2016-12", "greywater-cswt") == (100.0, 1, 1)
    assert result(con, "CP04", "2016-12", GREYWATER) == (100.0, 1, 1)
    assert result(con, "CP04", "2016-12", "east") == (100.0, 1, 1)


def test_a_plan_lasting_729_days_has_lasted_two_years(tmp_path: Path) -> None:
    """Plans ending in 2014: F's, 1 January 2013 to 31 December 2014 (730 days counting
    the last, so more than 729: two years or more), and G's, from 2 January 2013
    (729 days counting the last: not): 1 of 2."""
    con = computed(tmp_path, "2014-12", {"cin-census": ("cin_plans.xml",)})
    assert result(con, "CP05", "2014-12") == (50.0, 1, 2)


@pytest.fixture(scope="module")
def in_care(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return computed(tmp_path_factory.mktemp("in-care"), "2017-03", {"ssda903": IN_CARE})


def test_one_child_in_six_had_three_placements_in_the_year(in_care: duckdb.DuckDBPyConnection) -> None:
    """Looked after at 31 March 2017, short breaks (child 3, V3) left out: child 1 had
    three placements since April 2016 (U1 from January, U4 from May, U6 from October);
    2 one (a change of legal status is no move); 4 two (the adoption placement with the
    same foster carers, A3, is no move); 6, 7 and 8 one: 1 of 6."""
    assert result(in_care, "CIC01", "2017-03") == (16.67, 1, 6)


def test_placements_break_down_by_uasc_and_district(in_care: duckdb.DuckDBPyConnection) -> None:
    """Child 1 is an unaccompanied asylum-seeking child, mapped to Ardley; child 2 to Dunmore."""
    assert result(in_care, "CIC01", "2017-03", group="uasc") == (100.0, 1, 1)
    assert result(in_care, "CIC01", "2017-03", group="non-uasc") == (0.0, 0, 5)
    assert result(in_care, "CIC01", "2017-03", ARDLEY) == (100.0, 1, 1)
    assert result(in_care, "CIC01", "2017-03", DUNMORE) == (0.0, 0, 1)


def test_long_term_stability_counts_under_16s_in_care_two_and_a_half_years(
    in_care: duckdb.DuckDBPyConnection,
) -> None:
    """Under 16 and looked after since 30 September 2014 or earlier: child 2 (same
    placement since January 2014), 6 (moved in January 2016) and 8 (fostered since June
    2014, then placed for adoption with the same carers: the placement continues).
    Child 7 is 17; child 1 came into care in 2016: 2 of 3."""
    assert result(in_care, "CIC02", "2017-03") == (66.67, 2, 3)


def test_children_leaving_care_count_once_at_their_last_leaving(in_care: duckdb.DuckDBPyConnection) -> None:
    """Left care in the year to March 2017: child 9 adopted (E11), 10 returned home
    (E4A), 11 returned home in May 2016, came back, and was adopted in January 2017
    (E12, the last occasion counts): 2 of 3. Episodes ending with X1 are moves, not
    leaving care."""
    assert result(in_care, "AD04", "2017-03") == (66.67, 2, 3)


def test_a_month_counts_only_the_leavings_in_its_12_months(in_care: duckdb.DuckDBPyConnection) -> None:
    """In the year to December 2016 child 11's last leaving was May's return home: 1 of 3."""
    assert result(in_care, "AD04", "2016-12") == (33.33, 1, 3)


@pytest.fixture(scope="module")
def care_leavers(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return computed(
        tmp_path_factory.mktemp("care-leavers"), "2017-03", {"ssda903": ("SSDA903_2017_oc3.csv",)}
    )


def test_care_leavers_in_touch(care_leavers: duckdb.DuckDBPyConnection) -> None:
    """The year ending 31 March 2017 (from the file's name): YP1 turned 19 in June
    2016, YP2 21 in February 2017, YP3 19 in January 2017, YP6 20 in November 2016;
    YP4 died and YP5 turned 17, so neither counts. In touch: YP1, YP3, YP6: 3 of 4."""
    assert result(care_leavers, "CL01", "2016-17") == (75.0, 3, 4)
    assert result(care_leavers, "CL01", "2016-17", group="age-19") == (100.0, 2, 2)


def test_care_leavers_in_suitable_accommodation(care_leavers: duckdb.DuckDBPyConnection) -> None:
    """YP3's residence is not known (R2), so YP3 is left out; YP1 is in suitable
    independent living (U1), YP2's accommodation is not known (0) and YP6 lives with
    parents unsuitably (B2): 1 of 3."""
    assert result(care_leavers, "CL02", "2016-17") == (33.33, 1, 3)


def test_care_leavers_in_education_employment_or_training(care_leavers: duckdb.DuckDBPyConnection) -> None:
    """YP1 is in higher education full time (F1), YP6 in education part time (P2), YP3
    not in education, employment or training (G5), YP2 not known (0): 2 of 4."""
    assert result(care_leavers, "CL03", "2016-17") == (50.0, 2, 4)


def test_every_indicator_is_computed_for_every_month_and_geography_level(tmp_path: Path) -> None:
    """All the fixtures together, for the 24 months April 2015 to March 2017: child 7
    has been in care since 2012, so the children-in-care snapshot has a county figure
    for every month; every indicator has figures; records reach the county, areas,
    districts and the team the map names."""
    con = computed(
        tmp_path,
        "2017-03",
        {
            "cin-census": ("cin_2016.xml", "cin_2017.xml", "cin_assessments.xml", "cin_plans.xml"),
            "ssda903": (*IN_CARE, "SSDA903_2017_oc3.csv"),
        },
    )
    months = con.execute(
        "SELECT indicator, count(DISTINCT period) FROM observations WHERE geography = ? AND grp = 'all' "
        "GROUP BY 1",
        [COUNTY],
    ).fetchall()
    assert set(dict(months)) == {
        "RA01",
        "RA02",
        "CP04",
        "CP05",
        "CIC01",
        "CIC02",
        "AD04",
        "CL01",
        "CL02",
        "CL03",
    }
    assert dict(months)["CIC01"] == 24
    levels = con.execute(
        "SELECT DISTINCT g.level FROM observations o JOIN geographies g ON g.code = o.geography ORDER BY 1"
    ).fetchall()
    assert levels == [("area",), ("county",), ("district",), ("team",)]
