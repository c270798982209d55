"""Bad values files: every problem is reported together, with file, row and
column, and nothing is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecards.errors import ValidationFailed
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from tests.conftest import MINIMAL_FRAMEWORK

HEADER = "indicator,geography,period,value,numerator,denominator,status,note\n"


def problems(tmp_path: Path, body: str, name: str = "values.csv", header: str = HEADER) -> list[str]:
    path = tmp_path / name
    path.write_text(header + body)
    con = open_store(load_framework(MINIMAL_FRAMEWORK))
    with pytest.raises(ValidationFailed) as failure:
        load_values(con, [path])
    assert "observations" not in {t for (t,) in con.execute("SHOW TABLES").fetchall()}
    return [str(issue).replace(str(tmp_path) + "/", "") for issue in failure.value.issues]


def test_clean_values_load(values_file: Path) -> None:
    con = open_store(load_framework(MINIMAL_FRAMEWORK))
    [loaded] = load_values(con, [values_file])
    assert loaded.rows == 9
    assert con.execute("SELECT count(*) FROM observations").fetchone() == (9,)
    # a value given only as numerator and denominator is computed
    assert con.execute(
        "SELECT value FROM observations WHERE indicator='GOOD' AND geography='E07000901' AND period='2017-06'"
    ).fetchone() == (90.0,)


def test_unknown_indicator_and_geography(tmp_path: Path) -> None:
    assert problems(tmp_path, "GOD,Ashby,2017-06,90,,,,\nGOOD,Atlantis,2017-06,90,,,,\n") == [
        "values.csv:2: indicator: unknown indicator GOD (not in the framework)",
        "values.csv:3: geography: unknown geography Atlantis (not a code, name or alias in the framework)",
    ]


def test_geography_by_code_name_or_alias_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(HEADER + "GOOD,e07000901,2017-06,90,,,,\nGOOD,BRAMPTON & COLE,2017-06,80,,,,\n")
    con = open_store(load_framework(MINIMAL_FRAMEWORK))
    load_values(con, [path])
    assert sorted(con.execute("SELECT geography FROM observations").fetchall()) == [
        ("E07000901",),
        ("E07000902",),
    ]


def test_period_must_fit_the_frequency(tmp_path: Path) -> None:
    assert problems(
        tmp_path, "GOOD,Ashby,2016-17,90,,,,\nGLD,Ashby,2017-06,70,,,,\nGOOD,Ashby,June 2017,90,,,,\n"
    ) == [
        "values.csv:2: period: period 2016-17 does not fit monthly indicator GOOD: write the month as YYYY-MM, e.g. 2017-06",
        "values.csv:3: period: period 2017-06 does not fit annual indicator GLD: write the year as YYYY-YY, e.g. 2016-17",
        "values.csv:4: period: period June 2017 does not fit monthly indicator GOOD: write the month as YYYY-MM, e.g. 2017-06",
    ]


def test_impossible_percentages_and_numerators(tmp_path: Path) -> None:
    assert problems(tmp_path, "GOOD,Ashby,2017-06,101,,,,\nGOOD,Ashby,2017-05,,60,50,,\n") == [
        "values.csv:2: value: percentage 101 is outside 0-100",
        "values.csv:3: numerator: numerator 60 is above the denominator 50",
    ]


def test_non_numbers_in_each_numeric_column(tmp_path: Path) -> None:
    assert problems(tmp_path, "GOOD,Ashby,2017-06,ninety,4x,five,,\n") == [
        "values.csv:2: denominator: not a number: five",
        "values.csv:2: numerator: not a number: 4x",
        "values.csv:2: value: not a number: ninety",
    ]


def test_duplicates_name_the_first_row(tmp_path: Path) -> None:
    assert problems(tmp_path, "GOOD,Ashby,2017-06,90,,,,\nGOOD,ashby,2017-06,91,,,,\n") == [
        "values.csv:3: indicator: duplicate of values.csv row 2 (same indicator, geography, period and group)"
    ]


def test_duplicates_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(HEADER + "GOOD,Ashby,2017-06,90,,,,\n")
    (tmp_path / "b.csv").write_text(HEADER + "GOOD,E07000901,2017-06,90,,,,\n")
    con = open_store(load_framework(MINIMAL_FRAMEWORK))
    with pytest.raises(ValidationFailed, match=r"b\.csv:2: indicator: duplicate of .*a\.csv row 2"):
        load_values(con, [tmp_path / "a.csv", tmp_path / "b.csv"])


def test_status_marks_and_missing_values(tmp_path: Path) -> None:
    assert problems(tmp_path, "GOOD,Ashby,2017-06,,,,late,\nGOOD,Ashby,2017-05,,,,,\n") == [
        "values.csv:2: status: unknown status late: use not_available or to_be_supplied",
        "values.csv:3: value: no value: give a value, a numerator and denominator, or a status",
    ]


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    assert problems(
        tmp_path, "GOOD,Ashby,2017-06,90\n", header="indicator,geography,period,value,colour\n"
    ) == [
        "values.csv:1: colour: unknown column",
        "values.csv:1: denominator: required column is missing",
        "values.csv:1: note: required column is missing",
        "values.csv:1: numerator: required column is missing",
        "values.csv:1: status: required column is missing",
    ]


def test_xlsx_values_are_validated_with_rows(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "values.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER.strip().split(","))
    sheet.write_row(1, 0, ["GOOD", "Ashby", "2017-06", 90])
    sheet.write_row(2, 0, ["GOOD", "Nowhere", "2017-06", 90])
    book.close()
    con = open_store(load_framework(MINIMAL_FRAMEWORK))
    with pytest.raises(ValidationFailed) as failure:
        load_values(con, [path])
    assert [str(i).replace(str(tmp_path) + "/", "") for i in failure.value.issues] == [
        "values.xlsx:3: geography: unknown geography Nowhere (not a code, name or alias in the framework)"
    ]
