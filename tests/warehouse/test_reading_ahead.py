"""Census files read in worker processes load exactly as files read one by one
in this process: the same records, problems and failures — whether the next
files are read ahead (warehouse/preparing.py) or a large file is read in two
halves at once (warehouse/census_halves.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.cin_census import halves as census_halves
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from scorecards.warehouse.preparing import Preparer, worth_preparing
from tests.warehouse.social_care_samples import CIN, DIRTY

FIXTURES = Path(__file__).parents[1] / "fixtures" / "social_care"


def files(tmp_path: Path) -> list[Path]:
    broken = tmp_path / "broken.xml"
    broken.write_text("<Message><Header></Message>\n", encoding="utf-8")
    empty = tmp_path / "no_children.xml"
    empty.write_text("<Message><Children/></Message>\n", encoding="utf-8")
    return [
        FIXTURES / "cin_2016.xml",
        broken,
        DIRTY / "CIN_header_issues_100.xml",
        empty,
        FIXTURES / "geography_map.csv",
        FIXTURES / "cin_2017.xml",
    ]


def contents(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, but the time of each load."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        rows = {
            t: con.execute(f'SELECT * EXCLUDE ({_changing(t)}) FROM "{t}" ORDER BY ALL').fetchall()
            for t in tables
        }
    return rows


def _changing(table: str) -> str:
    return "loaded_at" if table == "loads" else "_load_id"


def summary(report: LoadReport) -> list[tuple[str, str, dict[str, int], int, int, str]]:
    return [(f.path.name, f.status, f.rows, f.rejected, f.warnings, f.message) for f in report.files]


def test_files_read_ahead_load_as_files_read_one_by_one(tmp_path: Path) -> None:
    paths = files(tmp_path)
    loader = loader_for("cin-census")
    assert isinstance(loader, Preparer) and worth_preparing(loader, paths)
    ahead = load_files(tmp_path / "ahead" / "warehouse.duckdb", loader, paths)
    one_by_one = [load_files(tmp_path / "one" / "warehouse.duckdb", loader, [p]) for p in paths]
    assert summary(ahead) == [line for report in one_by_one for line in summary(report)]
    assert contents(tmp_path / "ahead" / "warehouse.duckdb") == contents(
        tmp_path / "one" / "warehouse.duckdb"
    )
    statuses = [f.status for f in ahead.files]
    assert statuses == ["loaded", "failed", "loaded", "failed", "loaded", "loaded"]
    assert "not well-formed XML" in ahead.files[1].message
    assert "no <Child> records" in ahead.files[3].message


def test_a_file_already_loaded_is_skipped_when_read_ahead(tmp_path: Path) -> None:
    paths = files(tmp_path)
    warehouse = tmp_path / "warehouse.duckdb"
    loader = loader_for("cin-census")
    load_files(warehouse, loader, paths[:1])
    report = load_files(warehouse, loader, paths)
    assert [f.status for f in report.files][:3] == ["skipped", "failed", "loaded"]


def test_a_census_read_in_two_halves_loads_as_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loader = loader_for("cin-census")
    paths = [FIXTURES / "cin_plans.xml", FIXTURES / "cin_2017.xml", CIN / "fake_CIN_data.xml"]
    whole = [load_files(tmp_path / "whole" / "warehouse.duckdb", loader, [p]) for p in paths]
    monkeypatch.setattr(census_halves, "MIN_SIZE", 0)  # cut even the small fixtures
    assert all(census_halves.read_in_two(p, tmp_path / "read" / p.stem) is not None for p in paths)
    halves = [load_files(tmp_path / "halves" / "warehouse.duckdb", loader, [p]) for p in paths]
    assert [summary(r) for r in halves] == [summary(r) for r in whole]
    assert contents(tmp_path / "halves" / "warehouse.duckdb") == contents(
        tmp_path / "whole" / "warehouse.duckdb"
    )


def test_a_census_is_not_cut_where_markup_could_hide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(census_halves, "MIN_SIZE", 0)
    text = (FIXTURES / "cin_plans.xml").read_text(encoding="utf-8")
    assert census_halves.cut(text.encode()) is not None
    for changed in (text.replace("<Children>", "<Children><!-- <Child> -->"), text.replace("\n", "\r")):
        assert census_halves.cut(changed.encode()) is None
