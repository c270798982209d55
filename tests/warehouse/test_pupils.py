"""The pupil-level CSV loads; rows that cannot be counted are rejected and
reported with file, row, field and reason; odd codes load with a warning."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from tests.conftest import FIXTURES

PUPILS = FIXTURES / "samples" / "pupils.csv"


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[LoadReport, Path]:
    warehouse = tmp_path / "warehouse.duckdb"
    return load_files(warehouse, loader_for("pupils"), [PUPILS]), warehouse


def problems(report: LoadReport, severity: str) -> set[tuple[int, str, str]]:
    assert report.quarantine is not None
    return {
        (int(r["row"]), r["field"], r["reason"])
        for r in rows_of(report.quarantine)
        if r["severity"] == severity
    }


def test_every_countable_pupil_year_is_loaded(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    file = report.files[0]
    assert file.status == "loaded"
    assert (file.rows, file.rejected, file.warnings) == ({"pupils": 15}, 6, 2)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded_ids = con.execute("SELECT pupil_id, academic_year FROM pupils ORDER BY _source_row").fetchall()
    assert len(loaded_ids) == len(set(loaded_ids)) == 15


def test_rejected_rows_name_file_row_field_and_reason(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    assert problems(report, "rejected") == {
        (16, "pupil_id", "the same pupil appears earlier in the file for the same academic year"),
        (17, "ks4_attainment8", "Attainment 8 is outside 0 to 90"),
        (18, "district", "required value is missing"),
        (19, "academic_year", "not an academic year such as 2016-17"),
        (20, "sessions_missed", "more sessions missed than possible"),
        (21, "fsm", "not a boolean: maybe"),
    }
    assert {r["file"] for r in rows_of(report.quarantine or Path())} == {str(PUPILS)}


def test_odd_codes_and_dates_load_with_a_warning(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    assert problems(report, "warning") == {
        (11, "ethnicity", "unknown code XXXX"),
        (22, "permanent_exclusion_date", "permanent exclusion date is outside the academic year"),
    }
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM pupils WHERE _source_row IN (11, 22)").fetchone() == (2,)


def test_flags_scores_and_dates_are_typed(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "SELECT fsm, cic, ks2_rwm_expected, permanent_exclusion_date, fixed_term_exclusions "
            "FROM pupils WHERE pupil_id = 'P004'"
        ).fetchone()
        a8 = con.execute("SELECT sum(ks4_attainment8) FROM pupils").fetchone()
    assert row is not None
    assert row[:3] == (True, True, False)
    assert str(row[3]) == "2016-03-14" and row[4] == 2
    expected = sum(float(r["ks4_attainment8"]) for r in rows_of(PUPILS)[:14] if r["ks4_attainment8"])
    assert a8 == (expected,)
