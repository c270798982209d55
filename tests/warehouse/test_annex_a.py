"""Ofsted's Annex A: lists 1–11 load with the rows each sheet holds, drop-down
prefixes removed, and every dirty cell of the sample workbook reported."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pytest

from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from tests.warehouse.social_care_samples import ANNEX_A, quarantined


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadReport, Path]:
    warehouse = tmp_path_factory.mktemp("annex-a") / "warehouse.duckdb"
    return load_files(warehouse, loader_for("annex-a"), [ANNEX_A]), warehouse


def sheet_rows() -> dict[int, int]:
    """Rows with any value below each sheet's headings, read with openpyxl."""
    book = openpyxl.load_workbook(ANNEX_A, read_only=True)
    counts = {
        int(sheet.title.split()[1]): sum(
            1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(v not in (None, "") for v in row)
        )
        for sheet in book.worksheets
    }
    book.close()
    return counts


def test_every_list_loads_every_row(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    file = report.files[0]
    assert (file.status, file.rejected) == ("loaded", 0)
    assert file.rows == {f"annex_a_list_{n}": rows for n, rows in sheet_rows().items()}
    assert sum(file.rows.values()) == 59


def test_drop_down_prefixes_are_removed(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    with duckdb.connect(str(warehouse), read_only=True) as con:
        genders = con.execute("SELECT DISTINCT gender FROM annex_a_list_1 ORDER BY 1").fetchall()
        sources = con.execute("SELECT DISTINCT contact_source FROM annex_a_list_1 ORDER BY 1").fetchall()
    assert genders == [("Female",), ("Male",)]
    assert sources == [("1B: Individual",), ("6: Police",), ("9: Anonymous",)]


def test_formulas_load_as_the_values_excel_calculated(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    with duckdb.connect(str(warehouse), read_only=True) as con:
        dates = con.execute(
            "SELECT care_start, adoption_order FROM annex_a_list_10 WHERE child_id = '7961370'"
        )
        assert [tuple(str(d) for d in row) for row in dates.fetchall()] == [("2009-08-06", "2009-08-31")]


def test_every_dirty_cell_is_reported_with_sheet_row_field_and_reason(
    loaded: tuple[LoadReport, Path],
) -> None:
    report, _ = loaded
    found = {(r["file"], int(r["row"]), r["field"], r["reason"]) for r in quarantined(report)}
    na = "a spreadsheet error value #N/A: loaded as blank"
    assert found == {
        ("Annex_A.xlsx [List 1]", 3, "dob", "blank: Ofsted asks for it"),
        ("Annex_A.xlsx [List 4]", 5, "dob", "born after the assessment start"),
        *(
            ("Annex_A.xlsx [List 6]", row, field, na)
            for row in range(2, 7)
            for field in ("allocated_team", "allocated_worker")
        ),
        ("Annex_A.xlsx [List 7]", 2, "dob", "born after the cp start"),
        ("Annex_A.xlsx [List 7]", 8, "dob", "born after the cp start"),
        ("Annex_A.xlsx [List 8]", 3, "placement_postcode", "not a postcode"),
        ("Annex_A.xlsx [List 8]", 4, "ethnicity", "blank: Ofsted asks for it"),
        ("Annex_A.xlsx [List 8]", 5, "dob", "born after the care start"),
        ("Annex_A.xlsx [List 10]", 5, "dob", "born after the care start"),
    }


def test_a_file_that_is_not_a_workbook_fails(tmp_path: Path) -> None:
    path = tmp_path / "annex.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    file = load_files(tmp_path / "w.duckdb", loader_for("annex-a"), [path]).files[0]
    assert file.status == "failed"
    assert file.message.startswith("annex.xlsx: not an Excel workbook (.xlsx)")


def test_unknown_headings_and_sheets_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "annex.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "List 1"
    first.append(["Child Unique ID", "Gender", "Shoe size", "Date of Contact"])
    first.append([42, "a) Male", 9, "2020-09-16"])
    book.create_sheet("Notes").append(["anything"])
    book.save(path)
    report = load_files(tmp_path / "w.duckdb", loader_for("annex-a"), [path])
    assert report.files[0].rows["annex_a_list_1"] == 1
    found = {(r["file"], int(r["row"]), r["field"], r["reason"]) for r in quarantined(report)}
    assert (
        "annex.xlsx [List 1]",
        1,
        "Shoe size",
        "column 'Shoe size' is not a List 1 column: ignored",
    ) in found
    assert ("annex.xlsx", 1, "", "sheet 'Notes' is not one of Annex A's lists 1–11: not loaded") in found
