"""Equality gaps, the gap against the national gap, and ranks among the
statistical neighbours: properties, the seed's worked examples, and the
set-based step that adds gap observations."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.compute.engine import attach_warehouse, compute_indicators
from scorecards.figures.gaps import Figures, Rank, add_gaps, compare, difference, gap, gap_label, rank_among
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework
from scorecards.framework.spec import GapSpec
from scorecards.periods import Month
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import load_files
from tests.conftest import FIXTURES
from tests.education_framework import education_framework

results = st.floats(min_value=0, max_value=100, allow_nan=False)
polarities = st.sampled_from(["H", "L"])
neighbours = st.lists(st.one_of(st.none(), results), min_size=10, max_size=10)


@given(results, st.one_of(st.none(), polarities))
def test_the_gap_of_a_group_against_itself_is_zero(value: float, polarity: str | None) -> None:
    assert gap(value, value, polarity) == 0


@given(results, results, polarities)
def test_swapping_the_groups_negates_the_gap(a: float, b: float, polarity: str) -> None:
    assert gap(a, b, polarity) == -(gap(b, a, polarity) or 0)


@given(results, results)
def test_a_group_doing_worse_has_a_positive_gap_whatever_the_polarity(a: float, b: float) -> None:
    worse_when_higher_is_best, better = min(a, b), max(a, b)
    assert (gap(worse_when_higher_is_best, better, "H") or 0) >= 0
    assert (gap(better, worse_when_higher_is_best, "L") or 0) >= 0


@given(results, neighbours, polarities)
def test_a_rank_among_ten_neighbours_is_between_1_and_11(
    value: float, others: list[float | None], polarity: str
) -> None:
    rank = rank_among(value, others, polarity)
    assert rank is not None
    assert 1 <= rank.position <= rank.of <= 11
    assert rank.of == 1 + sum(1 for v in others if v is not None)


@given(results, neighbours, polarities)
def test_ties_share_the_better_position(value: float, others: list[float | None], polarity: str) -> None:
    known = [v for v in others if v is not None]
    rank = rank_among(value, [*others, value], polarity)
    tied = rank_among(value, others, polarity)
    assert rank is not None and tied is not None
    assert rank.position == tied.position
    better = [v for v in known if (v > value if polarity == "H" else v < value)]
    assert rank.position == len(better) + 1


@given(neighbours, polarities)
def test_the_best_figure_ranks_first_and_the_worst_last(others: list[float | None], polarity: str) -> None:
    best, worst = (101.0, -1.0) if polarity == "H" else (-1.0, 101.0)
    top, bottom = rank_among(best, others, polarity), rank_among(worst, others, polarity)
    assert top is not None and bottom is not None
    assert top.position == 1
    assert bottom.position == bottom.of


def test_figures_are_ranked_as_shown() -> None:
    assert rank_among(37.04, [37.0, 33.0], "H", decimals=0) == Rank(1, 3)
    assert rank_among(37.04, [37.0, 33.0], "H") == Rank(1, 3)
    assert rank_among(36.96, [37.0, 33.0], "H") == Rank(2, 3)
    assert rank_among(36.96, [37.0, 33.0], "H", decimals=0) == Rank(1, 3)


def test_no_rank_without_a_figure_or_a_polarity() -> None:
    assert rank_among(None, [1.0], "H") is None
    assert rank_among(1.0, [2.0], None) is None
    assert rank_among(1.0, [2.0], "T") is None


def test_gaps_are_named_by_their_groups() -> None:
    assert gap_label(GapSpec(group="fsm", against="non-fsm")) == "gap:fsm-vs-non-fsm"
    assert gap_label(GapSpec(group="sen")) == "gap:sen-vs-all"


# Seed 000, "Outcomes for Vulnerable Groups" (2016). Where the seed prints a group's result
# and its gap, the comparison group's result is the two added (FSM 37% and a gap of 25: non-FSM 62%).


def test_ks2_fsm_gap_is_4_points_wider_than_the_national_gap() -> None:
    # "37%, compared to 36% nationally … The attainment gap is 25%, which is 4% wider than the
    # national gap figure."
    found = compare("H", Figures(37, 62), Figures(36, 57), [])
    assert (found.result, found.national_result, found.gap, found.national_gap) == (37, 36, 25, 21)
    assert found.difference == 4


def test_ks4_basics_fsm_gap_is_6_3_points_wider_than_the_national_gap() -> None:
    # "the attainment gap between pupils eligible for FSM and their peers was 34.1%. This is 6.3%
    # wider than the 2016 national gap of 27.8%"
    assert difference(34.1, 27.8) == pytest.approx(6.3)


def test_ks4_ebacc_fsm_gap_wider_than_every_neighbours_ranks_11th() -> None:
    # "7.0%, compared to 10.3% nationally. The FSM attainment gap in Kent is 25.1% which is 8.4%
    # wider than the national gap of 16.7% and ranks Kent 11th against its statistical neighbours."
    narrower = [Figures(10.0 + k, 10.0 + k + 16.0 + k / 2) for k in range(10)]
    found = compare("H", Figures(7.0, 32.1), Figures(10.3, 27.0), narrower)
    assert found.gap == pytest.approx(25.1) and found.national_gap == pytest.approx(16.7)
    assert found.difference == pytest.approx(8.4)
    assert found.gap_rank == Rank(11, 11)


def test_eyfs_fsm_gap_widened_from_16_to_19_points() -> None:
    # "58%, compared to 54% nationally, which is slightly less than the 2015 figure of 59% …
    # The FSM achievement gap widened to 19 percentage points in 2016 from 16 percentage points in 2015."
    found = compare("H", Figures(58, 77), Figures(54, 72), [], last_year=Figures(59, 75))
    assert (found.gap, found.last_year_gap, found.gap_change) == (19, 16, 3)
    assert found.change == -1


def test_a_lower_is_better_gap_is_the_group_above_its_peers() -> None:
    # persistent absence: FSM pupils 20% absent, others 10%: FSM pupils are 10 points behind
    found = compare("L", Figures(20, 10), Figures(15, 9), [Figures(18, 10), Figures(25, 10)])
    assert (found.gap, found.national_gap, found.difference) == (10, 6, 4)
    assert found.rank == Rank(2, 3)  # 18 is lower (better) than 20; 25 worse
    assert found.gap_rank == Rank(2, 3)  # gaps 8 (better), 10, 15


@pytest.fixture(scope="module")
def computed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Framework, duckdb.DuckDBPyConnection]:
    root = tmp_path_factory.mktemp("gaps")
    framework = load_framework(education_framework(root / "framework"))
    warehouse = root / "warehouse.duckdb"
    load_files(warehouse, loader_for("pupils"), [FIXTURES / "samples" / "pupils.csv"])
    load_files(warehouse, loader_for("early-help"), [FIXTURES / "samples" / "early_help_cases.csv"])
    con = open_store(framework)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    compute_indicators(con, framework, Month(2017, 6))
    return framework, con


def test_add_gaps_adds_each_gap_wherever_both_groups_have_a_result(
    computed: tuple[Framework, duckdb.DuckDBPyConnection],
) -> None:
    framework, con = computed
    added = add_gaps(con, framework)
    rows = con.execute("SELECT indicator, geography, period, grp, value, origin FROM observations").fetchall()
    values = {(i, g, p, grp): v for i, g, p, grp, v, _ in rows}
    expected = {}
    for code, indicator in framework.indicators.items():
        for spec in indicator.compute.gaps if indicator.compute else []:
            sign = -1 if indicator.polarity == "L" else 1
            for (i, g, p, grp), v in values.items():
                comparison = values.get((i, g, p, spec.against))
                if i == code and grp == spec.group and v is not None and comparison is not None:
                    expected[(i, g, p, gap_label(spec))] = sign * (comparison - v)
    found = {key: v for key, v in values.items() if key[3].startswith("gap:")}
    assert found == pytest.approx(expected)
    assert added == len(expected) > 0
    assert {origin for *_, grp, _, origin in rows if grp.startswith("gap:")} == {"derived"}
    assert add_gaps(con, framework) == 0  # a gap already there is kept, not added twice


def test_persistent_absence_gap_is_positive_when_fsm_pupils_miss_more(
    computed: tuple[Framework, duckdb.DuckDBPyConnection],
) -> None:
    framework, con = computed
    add_gaps(con, framework)
    # 2015-16 primary pupils in the fixture: the one FSM pupil (P004) missed 60 of 380
    # sessions, the three others under 10%.
    row = con.execute(
        "SELECT value FROM observations WHERE indicator = 'EH46a' AND geography = 'E10000099' "
        "AND period = '2015-16' AND grp = 'gap:fsm-vs-non-fsm'"
    ).fetchone()
    assert row == (100.0,)


def test_no_gaps_without_gap_specs(tmp_path: Path) -> None:
    framework = load_framework(FIXTURES / "frameworks" / "minimal")
    con = open_store(framework)
    load_values(con, [])
    assert add_gaps(con, framework) == 0
