"""The council's child → district map loads with either social-care kind, is
recognised by its columns, and reports children it places nowhere."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import load_files
from tests.warehouse.social_care_samples import problems


@pytest.mark.parametrize("kind", ["ssda903", "cin-census"])
def test_the_map_loads_with_either_kind_and_reports_unplaced_children(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "children-to-districts.csv"
    path.write_text("child_id,district,team\nA,Ardley,\nB,,\nA,E07000902,\n", encoding="utf-8")
    report = load_files(tmp_path / "w.duckdb", loader_for(kind), [path])
    assert report.files[0].rows == {"geography_map": 3}
    assert problems(report, path.name) == {
        (3, "district", "no district or team: the child's records count only in the county total"),
        (4, "child_id", "the same child as an earlier row: the later row wins"),
    }
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        placed = con.execute("SELECT child_id, district FROM child_geography ORDER BY 1").fetchall()
    assert placed == [("A", "E07000902"), ("B", None)]


def test_a_csv_that_is_neither_census_nor_map_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("child,name\n1,x\n", encoding="utf-8")
    file = load_files(tmp_path / "w.duckdb", loader_for("cin-census"), [path]).files[0]
    assert file.status == "failed"
    assert "not a CIN census file (XML, root <Message>) nor a geography map" in file.message
