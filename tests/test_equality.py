"""The equality figures a report writes from: a group's result and gap, the
national gap, ranks among the statistical neighbours, change on last year —
checked against seed 000's printed sentences with the DfE's published figures."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scorecards.assess.equality import (
    equality_figures,
    group_comparison,
    neighbour_codes,
    published_equality_figures,
    question,
)
from scorecards.compute.engine import attach_warehouse, compute_indicators
from scorecards.errors import ScorecardsError
from scorecards.figures.gaps import Rank, add_gaps
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework, NationalMap
from scorecards.periods import Month
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import load_files
from tests.conftest import FIXTURES
from tests.education_framework import COUNTY, education_framework

NATIONAL = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "national"
LAIT = NATIONAL / "lait" / "bds_long_0.parquet"
GROUPINGS = FIXTURES / "samples" / "national"
KENT_2021 = ["881", "845", "866", "885", "888", "941", "891", "937", "935", "860"]


@pytest.fixture(scope="module")
def framework(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    return load_framework(education_framework(tmp_path_factory.mktemp("eq") / "framework"))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("eqwh") / "warehouse.duckdb"
    national = [LAIT, NATIONAL / "ks2_la.csv", *sorted(GROUPINGS.glob("*.csv"))]
    load_files(path, loader_for("national"), national)
    load_files(path, loader_for("pupils"), [FIXTURES / "samples" / "pupils.csv"])
    load_files(path, loader_for("early-help"), [FIXTURES / "samples" / "early_help_cases.csv"])
    return path


@pytest.fixture(scope="module")
def kent(framework: Framework) -> NationalMap:
    """The records example's map, as Kent: 886 (old code) in the 2021 groupings."""
    national = framework.national
    assert national is not None and national.council == "886"
    return national


@pytest.fixture(scope="module")
def built(framework: Framework, warehouse: Path) -> duckdb.DuckDBPyConnection:
    con = open_store(framework)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    compute_indicators(con, framework, Month(2017, 6))
    add_gaps(con, framework)
    return con


def test_kent_is_ranked_among_its_2021_neighbours(
    built: duckdb.DuckDBPyConnection, kent: NationalMap
) -> None:
    assert neighbour_codes(built, "886", kent.neighbours) == KENT_2021
    assert neighbour_codes(built, "E10000016", kent.neighbours) == KENT_2021  # the new code pairs with 886


def test_a_council_with_no_neighbours_in_the_grouping_is_an_error(built: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ScorecardsError, match="council 999 has no statistical neighbours"):
        neighbour_codes(built, "999")
    with pytest.raises(ScorecardsError, match="no statistical neighbours in grouping SN_1999"):
        neighbour_codes(built, "886", "SN_1999")


def test_the_latest_grouping_is_used_by_default(built: duckdb.DuckDBPyConnection) -> None:
    assert neighbour_codes(built, "886")[:4] == ["881", "845", "878", "303"]  # the 2025 model


def test_ks2_fsm_figures_as_seed_000_prints_them(
    built: duckdb.DuckDBPyConnection, framework: Framework, kent: NationalMap
) -> None:
    # "In 2016, the proportion of FSM pupils who achieved the 'expected standard' in Reading,
    # Writing and Mathematics combined was 37%, compared to 36% nationally, which ranks Kent
    # first amongst its statistical neighbours for this measure. The attainment gap is 25%,
    # which is 4% wider than the national gap figure. Kent is ranked fourth for this measure."
    found = published_equality_figures(built, kent, question(framework, "SISE4a", "886", "2015-16", "fsm"))
    assert (found.result, found.comparison, found.gap) == (37, 62, 25)
    assert (found.national_result, found.national_gap, found.difference) == (36, 21, 4)
    assert found.rank is not None and found.rank.position == 1
    assert found.gap_rank is not None and found.gap_rank.position == 4
    assert found.rank.of == 10  # 941 (West Northamptonshire) published nothing for 2015-16


def test_eyfs_fsm_figures_as_seed_000_prints_them(
    built: duckdb.DuckDBPyConnection, framework: Framework, kent: NationalMap
) -> None:
    # "the percentage of FSM pupils … achieving a Good Level of Development was 58%, compared
    # to 54% nationally … The FSM achievement gap widened to 19 percentage points in 2016"
    found = published_equality_figures(built, kent, question(framework, "EY14", "886", "2015-16", "fsm"))
    assert (found.result, found.national_result, found.gap) == (58, 54, 19)


def test_eyfs_all_pupils_rank_second_as_seed_000_prints(
    built: duckdb.DuckDBPyConnection, framework: Framework, kent: NationalMap
) -> None:
    # "74.8% of children achieved a Good Level of Development … above the national average of
    # 69.3%. At this measure, Kent is ranked second amongst its statistical neighbours."
    found = published_equality_figures(built, kent, question(framework, "EY14", "886", "2015-16", "all"))
    assert (found.result, found.national_result, found.rank) == (74.8, 69.3, Rank(2, 10))
    assert (found.comparison, found.gap, found.gap_rank) == (None, None, None)  # all pupils have no gap


def test_the_council_s_own_figures_come_from_its_observations(
    built: duckdb.DuckDBPyConnection, framework: Framework, kent: NationalMap
) -> None:
    # The fixture's 2015-16 KS2 pupils: the FSM pupil (P004) did not reach the expected
    # standard, the non-FSM pupils (P005, P006, P020) all did.
    q = question(framework, "SISE4a", COUNTY, "2015-16", "fsm")
    found = equality_figures(built, kent, q)
    assert (q.against, found.result, found.comparison, found.gap) == ("non-fsm", 0, 100, 100)
    assert (found.national_gap, found.difference) == (21, 79)
    assert found.rank == Rank(10, 10) and found.gap_rank == Rank(10, 10)


def test_one_call_gives_a_group_s_comparison_with_the_framework_s_national_map(
    built: duckdb.DuckDBPyConnection, framework: Framework
) -> None:
    found = group_comparison(built, framework, "EY14", COUNTY, "2015-16", "fsm")
    # 2015-16 reception: the FSM pupil reached a good level of development, one of the two others did.
    assert (found.result, found.comparison, found.gap) == (100, 50, -50)
    assert (found.national_result, found.national_gap) == (54, 18)  # 72 − 54: "FSM_Gooddev_FSM_Other"
    assert found.rank == Rank(1, 10)


def test_a_group_without_a_gap_spec_is_compared_with_all_pupils(framework: Framework) -> None:
    assert question(framework, "SISE4a", COUNTY, "2015-16", "white").against == "all"
    assert question(framework, "SISE4a", COUNTY, "2015-16", "cic").against == "all"
    assert question(framework, "SISE4a", COUNTY, "2015-16", "sen").against == "non-sen"


def test_change_on_last_year_uses_the_year_before(
    built: duckdb.DuckDBPyConnection, framework: Framework, kent: NationalMap
) -> None:
    found = published_equality_figures(built, kent, question(framework, "SISE4a", "886", "2016-17", "fsm"))
    assert (found.result, found.last_year_result, found.change) == (42, 37, 5)
    assert found.gap_change == (found.gap or 0) - 25


def test_without_a_national_map_only_the_council_s_figures_are_given(
    built: duckdb.DuckDBPyConnection, framework: Framework
) -> None:
    found = equality_figures(built, None, question(framework, "EY14", COUNTY, "2015-16", "fsm"))
    assert (found.result, found.comparison, found.gap) == (100, 50, -50)
    assert (found.national_gap, found.rank, found.gap_rank) == (None, None, None)
