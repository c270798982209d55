"""SSDA903: every public sample table and the XML export load with the counts
the files hold; each table is recognised by its columns; every defect of the
dirty extracts is reported with file, row, field and reason."""

from __future__ import annotations

import csv
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from scorecards.warehouse.ssda903.loader import NO_YEAR
from tests.warehouse.social_care_samples import DIRTY, SSDA903, data_rows, elements, problems

TABLES = (
    "header",
    "episodes",
    "reviews",
    "uasc",
    "oc2",
    "oc3",
    "ad1",
    "placed_for_adoption",
    "previous_permanence",
    "missing",
)
BLANK = "blank: the DfE requires a value (loaded, but fix it at source)"
OVERLAP = "starts before the child's previous episode ends"


def load(tmp_path: Path, *paths: Path) -> LoadReport:
    return load_files(tmp_path / "warehouse.duckdb", loader_for("ssda903"), list(paths))


def count(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("table", TABLES)
def test_every_sample_table_loads_every_record(tmp_path: Path, table: str) -> None:
    path = SSDA903 / f"{table}.csv"
    report = load(tmp_path, path)
    file = report.files[0]
    assert (file.status, file.rejected) == ("loaded", 0)
    assert file.rows == {f"ssda903_{table}": data_rows(path)}
    assert count(tmp_path, f"SELECT count(*) FROM ssda903_{table}") == [(data_rows(path),)]


def test_a_table_is_recognised_by_its_columns_whatever_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "extract-from-the-case-system.csv"
    shutil.copy(SSDA903 / "episodes.csv", renamed)
    assert load(tmp_path, renamed).files[0].rows == {"ssda903_episodes": 5050}


def test_social_worker_episodes_are_skipped_with_a_warning(tmp_path: Path) -> None:
    report = load(tmp_path, SSDA903 / "sw_episodes.csv")
    assert (report.files[0].rows, report.files[0].warnings) == ({}, 1)
    assert problems(report, "sw_episodes.csv") == {
        (1, "", "the SSDA903 sw_episodes table is not used by Scorecards: the file was not loaded")
    }


def test_a_file_of_no_ssda903_table_fails_naming_its_columns(tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("CHILD,COLOUR\n1,blue\n", encoding="utf-8")
    file = load(tmp_path, odd).files[0]
    assert file.status == "failed"
    assert "odd.csv: not an SSDA903 table: its columns (CHILD, COLOUR)" in file.message


def test_dirty_header_reports_duplicate_children_and_an_unknown_ethnicity(tmp_path: Path) -> None:
    path = DIRTY / "dirty_SSDA903_2020_header.csv"
    report = load(tmp_path, path)
    assert report.files[0].rows == {"ssda903_header": data_rows(path)}
    assert problems(report, path.name) == {
        (3, "child", "the same child as an earlier row"),
        (4, "child", "the same child as an earlier row"),
        (6, "child", "the same child as an earlier row"),
        (6, "ethnic", "unknown code UNKN"),
    }


def test_dirty_episodes_report_each_defect_and_keep_every_episode(tmp_path: Path) -> None:
    path = DIRTY / "dirty_SSDA903_2020_episodes.csv"
    report = load(tmp_path, path)
    assert (report.files[0].rows, report.files[0].rejected) == ({"ssda903_episodes": 5}, 0)
    assert problems(report, path.name) == {
        (1, "test_column", "column TEST_COLUMN is not in the SSDA903 episodes table: ignored"),
        (2, "decom", OVERLAP),
        (3, "ls", BLANK),
        (4, "decom", OVERLAP),
        (5, "pl_post", "not a postcode"),
        (6, "rne", "unknown code *DUMMY*"),
    }


def test_placed_for_adoption_errors_are_reported(tmp_path: Path) -> None:
    path = DIRTY / "placed_for_adoption_errors.csv"
    report = load(tmp_path, path)
    found = problems(report, path.name)
    assert report.files[0].rows == {"ssda903_placed_for_adoption": data_rows(path)}
    assert (3, "child", "the same child as an earlier row") in found
    unknown = {row for row, field, reason in found if reason == "unknown code XXX"}
    assert unknown == set(range(2, data_rows(path) + 2))


def test_a_year_column_dates_the_records_and_other_columns_are_reported(tmp_path: Path) -> None:
    path = DIRTY / "SSDA903_episodes_for_testing_fixes_INPUT.csv"
    report = load(tmp_path, path)
    assert report.files[0].rows == {"ssda903_episodes": data_rows(path)}
    assert (1, "la", "column LA is not in the SSDA903 episodes table: ignored") in problems(report, path.name)
    with path.open(encoding="utf-8", newline="") as handle:
        expected = Counter(int(row["YEAR"]) for row in csv.DictReader(handle))
    years = count(tmp_path, "SELECT collection_year, count(*) FROM ssda903_episodes GROUP BY 1")
    assert dict(years) == expected


def test_the_collection_year_comes_from_the_file_name(tmp_path: Path) -> None:
    named = tmp_path / "SSDA903_2018_oc3.csv"
    shutil.copy(SSDA903 / "oc3.csv", named)
    report = load(tmp_path, named)
    assert NO_YEAR not in {reason for _, _, reason in problems(report, named.name)}
    assert count(tmp_path, "SELECT DISTINCT collection_year FROM ssda903_oc3") == [(2018,)]


def test_care_leavers_without_a_collection_year_are_reported(tmp_path: Path) -> None:
    report = load(tmp_path, SSDA903 / "oc3.csv")
    assert (1, "collection_year", NO_YEAR) in problems(report, "oc3.csv")


def test_an_episode_ending_before_it_starts_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "7,01/05/2016,S,C2,N1,U1,PR1,01/04/2016,E11,,,,\n"
        "8,01/05/2016,S,C2,N1,U1,PR1,,,,,,\n",
        encoding="utf-8",
    )
    report = load(tmp_path, path)
    assert (report.files[0].rows, report.files[0].rejected) == ({"ssda903_episodes": 1}, 1)
    assert problems(report, "episodes.csv", "rejected") == {(2, "dec", "the episode ends before it starts")}
    assert count(tmp_path, "SELECT child FROM ssda903_episodes") == [("8",)]


def test_the_xml_export_loads_into_the_same_tables(tmp_path: Path) -> None:
    path = DIRTY / "fake_903.xml"
    report = load(tmp_path, path)
    rows = report.files[0].rows
    assert report.files[0].status == "loaded"
    assert rows["ssda903_header"] == elements(path, "CHILD") == 253
    assert rows["ssda903_episodes"] == elements(path, "EPISODE") == 459
    assert rows["ssda903_reviews"] == elements(path, "AREVIEW")
    assert rows["ssda903_missing"] == elements(path, "AMISSING")
    assert rows["ssda903_placed_for_adoption"] == elements(path, "AD_PLACED")
    assert rows["ssda903_uasc"] == elements(path, "DUC")
    odd = [e for e in ET.parse(path).getroot().iter("REASON_PLACED_CEASED") if e.text == "XXX"]
    reported = [
        p for p in problems(report, path.name) if p[1:] == ("reason_placed_ceased", "unknown code XXX")
    ]
    assert len(reported) == len(odd) == 3


def test_a_cin_census_file_is_refused_with_the_kind_to_use(tmp_path: Path) -> None:
    file = load(tmp_path, Path(__file__).parents[1] / "fixtures" / "social_care" / "cin_2016.xml").files[0]
    assert file.status == "failed"
    assert "load it with `scorecards load cin-census`" in file.message


def test_every_dirty_extract_loads_and_reports_without_failing(tmp_path: Path) -> None:
    paths = [
        DIRTY / name
        for name in (
            "dirty_SSDA903_2020_header.csv",
            "dirty_SSDA903_2020_episodes.csv",
            "SSDA903_episodes_for_testing_fixes_INPUT.csv",
            "placed_for_adoption_errors.csv",
            "fake_903.xml",
        )
    ]
    report = load(tmp_path, *paths)
    assert [f.status for f in report.files] == ["loaded"] * len(paths)
    assert all(f.warnings > 0 for f in report.files)
