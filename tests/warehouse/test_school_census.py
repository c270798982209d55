"""The school census tables load, are recognised by their columns, and report
odd codes and dates without losing records."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.dfe_codes import SEN_TYPE
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "school_census"
TABLES = {
    "2025_spring_pupilonroll.csv": "census_pupils_on_roll",
    "2025_spring_pupilnolongeronroll.csv": "census_pupils_no_longer_on_roll",
    "2025_spring_fsmperiod.csv": "census_fsm_periods",
    "2025_spring_senneeds.csv": "census_sen_needs",
    "2025_spring_termlyexclusionsonroll.csv": "census_exclusions",
    "2025_spring_termlysessiondetailsonroll.csv": "census_sessions",
}


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadReport, Path]:
    warehouse = tmp_path_factory.mktemp("census") / "warehouse.duckdb"
    report = load_files(warehouse, loader_for("school-census"), sorted(SAMPLES.glob("*.csv")))
    return report, warehouse


def count(warehouse: Path, sql: str) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def test_every_sample_table_loads_into_its_own_table(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    assert {f.path.name: f.status for f in report.files} == dict.fromkeys(TABLES, "loaded")
    assert {f.path.name: set(f.rows) for f in report.files} == {name: {t} for name, t in TABLES.items()}


def test_every_record_of_every_table_is_loaded(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    for file in report.files:
        expected = len(rows_of(file.path))
        assert file.rejected == 0, file.path.name
        assert count(warehouse, f"SELECT count(*) FROM {TABLES[file.path.name]}") == expected, file.path.name


def test_pupils_on_roll_are_the_9498_pupils_of_8_schools(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    assert count(warehouse, "SELECT count(*) FROM census_pupils_on_roll") == 9498
    assert count(warehouse, "SELECT count(DISTINCT school_id) FROM census_pupils_on_roll") == 8


def test_census_dates_are_read_in_the_census_format(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    first = rows_of(SAMPLES / "2025_spring_pupilonroll.csv")[0]
    dob = datetime.strptime(first["dob"], "%Y-%b-%d %H:%M:%S").date()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded_dob = con.execute(
            "SELECT dob FROM census_pupils_on_roll WHERE pupilonrolltableid = ?",
            [first["pupilonrolltableid"]],
        ).fetchone()
    assert loaded_dob == (dob,)


def test_the_census_year_and_term_come_from_the_file_name(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    for table in TABLES.values():
        assert count(
            warehouse, f"SELECT count(*) FROM {table} WHERE census_year = 2025 AND census_term = 'spring'"
        ) == (count(warehouse, f"SELECT count(*) FROM {table}"))


def test_pupils_names_are_not_kept(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = {c for (c,) in con.execute("SELECT column_name FROM information_schema.columns").fetchall()}
    assert not columns & {"surname", "forename", "middlenames", "preferredsurname", "formersurname"}


def test_unknown_sen_types_are_loaded_and_reported(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    odd = [r for r in rows_of(SAMPLES / "2025_spring_senneeds.csv") if r["sentype"].upper() not in SEN_TYPE]
    sen = next(f for f in report.files if f.path.name == "2025_spring_senneeds.csv")
    assert sen.warnings == len(odd) == 16954
    assert count(warehouse, "SELECT count(*) FROM census_sen_needs") == 16954


def test_fsm_periods_ending_before_they_start_are_reported(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    assert report.quarantine is not None
    backwards = [
        r
        for r in rows_of(SAMPLES / "2025_spring_fsmperiod.csv")
        if r["fsmenddate"]
        and datetime.strptime(r["fsmenddate"], "%Y-%b-%d %H:%M:%S")
        < datetime.strptime(r["fsmstartdate"], "%Y-%b-%d %H:%M:%S")
    ]
    reported = [
        r
        for r in rows_of(report.quarantine)
        if r["file"].endswith("fsmperiod.csv") and r["reason"] == "FSM end date is before its start date"
    ]
    assert len(reported) == len(backwards) == 6382
    assert {r["severity"] for r in reported} == {"warning"}


def test_pupils_entering_school_before_birth_are_the_only_warnings_on_roll(
    loaded: tuple[LoadReport, Path],
) -> None:
    report, _ = loaded
    assert report.quarantine is not None
    census = "%Y-%b-%d %H:%M:%S"
    impossible = [
        r
        for r in rows_of(SAMPLES / "2025_spring_pupilonroll.csv")
        if r["entrydate"]
        and r["dob"]
        and datetime.strptime(r["entrydate"], census) < datetime.strptime(r["dob"], census)
    ]
    reported = [r for r in rows_of(report.quarantine) if r["file"].endswith("_pupilonroll.csv")]
    assert {(r["field"], r["reason"]) for r in reported} == {
        ("entrydate", "entry date is before the date of birth")
    }
    assert len(reported) == len(impossible) == 161


def test_a_dirty_row_is_rejected_with_file_row_field_and_reason(tmp_path: Path) -> None:
    source = (SAMPLES / "2025_spring_pupilonroll.csv").read_text(encoding="utf-8").splitlines()
    header = source[0].split(",")
    broken = source[2].split(",")
    broken[header.index("dob")] = "2020-Abc-99 00:00:00"
    missing = source[3].split(",")
    missing[header.index("pupilonrolltableid")] = ""
    path = tmp_path / "2025_spring_pupilonroll.csv"
    path.write_text(
        "\n".join([source[0], source[1], ",".join(broken), ",".join(missing)]) + "\n", encoding="utf-8"
    )
    report = load_files(tmp_path / "w.duckdb", loader_for("school-census"), [path])
    assert report.files[0].rows == {"census_pupils_on_roll": 1}
    assert report.quarantine is not None
    problems = {(r["row"], r["field"], r["severity"], r["reason"]) for r in rows_of(report.quarantine)}
    assert ("3", "dob", "rejected", "not a date: 2020-Abc-99 00:00:00") in problems
    assert ("4", "pupilonrolltableid", "rejected", "required value is missing") in problems
    assert {r["file"] for r in rows_of(report.quarantine)} == {str(path)}


def test_a_file_that_is_no_census_table_fails_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "addresses.csv"
    path.write_text("id,postcode\n1,CT1 1AA\n", encoding="utf-8")
    report = load_files(tmp_path / "w.duckdb", loader_for("school-census"), [path])
    assert report.files[0].status == "failed"
    assert "not a school census table" in report.files[0].message
    assert not report.loaded_anything
