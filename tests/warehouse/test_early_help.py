"""The early-help case CSV loads; cases that cannot be counted are rejected
with file, row, field and reason; dates out of order are reported."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from tests.conftest import FIXTURES

CASES = FIXTURES / "samples" / "early_help_cases.csv"


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[LoadReport, Path]:
    warehouse = tmp_path / "warehouse.duckdb"
    return load_files(warehouse, loader_for("early-help"), [CASES]), warehouse


def problems(report: LoadReport, severity: str) -> set[tuple[int, str, str]]:
    assert report.quarantine is not None
    return {
        (int(r["row"]), r["field"], r["reason"])
        for r in rows_of(report.quarantine)
        if r["severity"] == severity
    }


def test_every_countable_case_is_loaded(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    file = report.files[0]
    assert (file.status, file.rows, file.rejected, file.warnings) == ("loaded", {"early_help_cases": 9}, 4, 4)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cases = con.execute("SELECT count(DISTINCT case_id), count(*) FROM early_help_cases").fetchone()
    assert cases == (9, 9)


def test_cases_that_cannot_be_counted_are_rejected(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    assert problems(report, "rejected") == {
        (9, "case_id", "the same case appears earlier in the file"),
        (10, "notification_date", "required value is missing"),
        (11, "closure_date", "closure date is before the notification date"),
        (12, "district", "required value is missing"),
    }


def test_dates_out_of_order_and_odd_codes_are_reported(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    assert problems(report, "warning") == {
        (7, "start_date", "start date is before the notification date"),
        (7, "plan_date", "plan date is before the notification date"),
        (8, "gender", "unknown code X"),
        (13, "closure_reason", "closed without a closure reason"),
        (14, "closure_reason", "unknown code finished"),
        (14, "closure_reason", "closure reason given but no closure date"),
    }


def test_both_date_formats_are_read(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "SELECT notification_date, plan_date FROM early_help_cases WHERE case_id = 'EH0004'"
        ).fetchone()
    assert row is not None
    assert [str(d) for d in row] == ["2016-04-04", "2016-04-20"]
