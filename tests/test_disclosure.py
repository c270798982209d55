"""Disclosure control: small numbers are hidden, and no hidden count can be
recovered by subtraction — not even by chaining subtractions across tables."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecards.figures.disclosure import suppress
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework
from tests.conftest import MINIMAL_FRAMEWORK

DISTRICTS = {"north": ["E07000901", "E07000902"], "south": ["E07000903", "E07000904", "E07000905"]}
GROUPS = ["fsm", "non-fsm"]
COMPUTED = """
  - code: KS2
    title: Expected standard at KS2
    polarity: H
    frequency: A
    unit: percent
    data_period: academic_year
    compute: {source: pupils, window: academic_year, year: academic_year, numerator: rwm, denominator: "1",
              breakdowns: [fsm]}
"""


@pytest.fixture(scope="module")
def framework(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    root = tmp_path_factory.mktemp("fw") / "framework"
    shutil.copytree(MINIMAL_FRAMEWORK, root)
    geographies = root / "geographies" / "testshire.yaml"
    geographies.write_text(
        geographies.read_text()
        + "  - {code: south, name: South Testshire, level: area, parent: E10000099}\n"
        + "  - {code: E07000903, name: Cole, level: district, parent: south}\n"
        + "  - {code: E07000904, name: Dunmore, level: district, parent: south}\n"
        + "  - {code: E07000905, name: Elsby, level: district, parent: south}\n"
    )
    indicators = root / "indicators" / "education.yaml"
    indicators.write_text(indicators.read_text() + COMPUTED)
    return load_framework(root)


def store_with(
    framework: Framework, cells: dict[tuple[str, str], tuple[int, int]], reverse: bool = False
) -> duckdb.DuckDBPyConnection:
    """Observations for every geography and group, summed from district × group cells
    (inserted in the opposite order when `reverse`)."""
    con = open_store(framework)
    load_values(con, [])
    areas = {d: area for area, ds in DISTRICTS.items() for d in ds}
    totals: dict[tuple[str, str], list[int]] = {}
    for (district, group), (num, den) in cells.items():
        for geography in (district, areas[district], "E10000099"):
            for grp in (group, "all"):
                total = totals.setdefault((geography, grp), [0, 0])
                total[0] += num
                total[1] += den
    rows = [(g, grp, None if grp == "all" else "b0", n, d, n, d) for (g, grp), (n, d) in totals.items()]
    con.executemany(
        "INSERT INTO observations BY NAME SELECT 'KS2' AS indicator, ? AS geography, ? AS grp, ? AS breakdown, "
        "'2016-17' AS period, DATE '2017-08-31' AS period_end, ?::DOUBLE / ? * 100 AS value, "
        "? AS numerator, ? AS denominator, 'records' AS origin",
        rows[::-1] if reverse else rows,
    )
    return con


def families(framework: Framework) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """Every (total, parts) relation a reader could subtract along."""
    children: dict[str, list[str]] = {}
    for g in framework.geographies.values():
        if g.parent:
            children.setdefault(g.parent, []).append(g.code)
    relations = []
    for parent, kids in children.items():
        for grp in ["all", *GROUPS]:
            relations.append(((parent, grp), [(k, grp) for k in kids]))
    for geography in framework.geographies:
        relations.append(((geography, "all"), [(geography, grp) for grp in GROUPS]))
    return relations


def recoverable(con: duckdb.DuckDBPyConnection, framework: Framework) -> set[tuple[str, str]]:
    """Peel: repeatedly solve any relation with one unknown; return hidden cells so recovered."""
    rows = con.execute("SELECT geography, grp, numerator, denominator, status FROM observations").fetchall()
    known = {(g, grp): (n, d) for g, grp, n, d, status in rows if status != "suppressed"}
    hidden = {(g, grp) for g, grp, _, _, status in rows if status == "suppressed"}
    present = known.keys() | hidden
    recovered: set[tuple[str, str]] = set()
    changed = True
    while changed:
        changed = False
        for total, parts in families(framework):
            members = [m for m in [total, *parts] if m in present]
            unknown = [m for m in members if m not in known]
            if total in present and len(unknown) == 1:
                cell = unknown[0]
                known[cell] = (0, 0)  # its value follows by subtraction; only the fact matters here
                recovered.add(cell)
                changed = True
    return recovered & hidden


def test_counts_of_one_to_five_are_hidden_and_never_shown_as_zero(framework: Framework) -> None:
    cells = {(d, g): (50, 100) for ds in DISTRICTS.values() for d in ds for g in GROUPS}
    cells[("E07000901", "fsm")] = (3, 10)
    con = store_with(framework, cells)
    suppress(con, framework)
    status, value = con.execute(
        "SELECT status, value FROM observations WHERE geography = 'E07000901' AND grp = 'fsm'"
    ).fetchone()  # type: ignore[misc]
    assert (status, value) == ("suppressed", None)
    assert recoverable(con, framework) == set()


def test_a_zero_is_hidden_to_protect_another_cell_only_when_nothing_else_can(framework: Framework) -> None:
    cells = {(d, g): (50, 100) for ds in DISTRICTS.values() for d in ds for g in GROUPS}
    cells[("E07000903", "fsm")] = (3, 10)  # hidden: its sibling districts must hide one more
    cells[("E07000904", "fsm")] = (0, 0)
    cells[("E07000905", "fsm")] = (30, 60)
    con = store_with(framework, cells)
    suppress(con, framework)
    hidden = con.execute(
        "SELECT geography FROM observations WHERE grp = 'fsm' AND status = 'suppressed' ORDER BY 1"
    ).fetchall()
    assert ("E07000905",) in hidden  # not the empty district in its place
    assert recoverable(con, framework) == set()


def test_large_numbers_are_published(framework: Framework) -> None:
    cells = {(d, g): (50, 100) for ds in DISTRICTS.values() for d in ds for g in GROUPS}
    con = store_with(framework, cells)
    assert suppress(con, framework) == 0


counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(counts, counts), min_size=10, max_size=10))
def test_no_hidden_count_can_be_recovered_by_subtraction(
    framework: Framework, pairs: list[tuple[int, int]]
) -> None:
    keys = [(d, g) for ds in DISTRICTS.values() for d in ds for g in GROUPS]
    cells = {key: (min(a, b), max(a, b)) for key, (a, b) in zip(keys, pairs, strict=True)}
    con = store_with(framework, cells)
    suppress(con, framework)
    assert recoverable(con, framework) == set()
    small = con.execute(
        "SELECT count(*) FROM observations WHERE status IS NULL AND ("
        "(numerator > 0 AND numerator < 6) OR (denominator > 0 AND denominator < 6) "
        "OR (denominator - numerator > 0 AND denominator - numerator < 6))"
    ).fetchone()
    assert small == (0,)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(counts, counts), min_size=10, max_size=10))
def test_the_same_records_hide_the_same_cells_whatever_the_row_order(
    framework: Framework, pairs: list[tuple[int, int]]
) -> None:
    keys = [(d, g) for ds in DISTRICTS.values() for d in ds for g in GROUPS]
    cells = {key: (min(a, b), max(a, b)) for key, (a, b) in zip(keys, pairs, strict=True)}
    hidden = []
    for reverse in (False, True):
        con = store_with(framework, cells, reverse)
        suppress(con, framework)
        query = "SELECT geography, grp FROM observations WHERE status = 'suppressed' ORDER BY ALL"
        hidden.append(con.execute(query).fetchall())
    assert hidden[0] == hidden[1]


def test_a_gap_is_hidden_when_either_group_is(framework: Framework) -> None:
    cells = {(d, g): (50, 100) for ds in DISTRICTS.values() for d in ds for g in GROUPS}
    cells[("E07000901", "fsm")] = (2, 4)
    con = store_with(framework, cells)
    con.execute(
        "INSERT INTO observations BY NAME SELECT 'KS2' AS indicator, geography, 'gap:fsm-vs-non-fsm' AS grp, "
        "period, period_end, 1.0 AS value, 'records' AS origin FROM observations WHERE grp = 'all'"
    )
    suppress(con, framework)
    hidden_gaps = {
        g
        for (g,) in con.execute(
            "SELECT geography FROM observations WHERE grp LIKE 'gap:%' AND status = 'suppressed'"
        ).fetchall()
    }
    assert "E07000901" in hidden_gaps
