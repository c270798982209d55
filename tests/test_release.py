"""A release folder: every format written, whole or not at all."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecards import outputs
from scorecards.errors import ScorecardsError
from scorecards.outputs import build_release
from scorecards.periods import Month
from tests.conftest import MINIMAL_FRAMEWORK, MINIMAL_VALUES

JUNE = Month(2017, 6)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, tmp_path_factory.mktemp("r") / "release")


def csv_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "scorecard.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_format_is_written(release: Path) -> None:
    for name in ("index.html", "scorecard.csv", "scorecard.xlsx", "release.json"):
        assert (release / name).is_file(), name


def test_csv_is_tidy_with_the_required_columns(release: Path) -> None:
    rows = csv_rows(release)
    required = {
        "scorecard",
        "geography",
        "indicator",
        "title",
        "period",
        "value",
        "numerator",
        "denominator",
        "previous",
        "dot",
        "target",
        "rag",
        "one_month_ago",
        "dot_1m",
        "one_year_ago",
        "dot_1y",
        "rolling_3m",
        "rolling_3m_rag",
        "group",
        "status",
    }
    assert required <= set(rows[0])
    assert {r["dot"] for r in rows} <= {"improved", "worsened", "same", ""}
    assert {r["rag"] for r in rows} <= {"GREEN", "AMBER", "RED", ""}


def test_county_value_is_computed_from_district_sums(release: Path) -> None:
    [county] = [r for r in csv_rows(release) if r["indicator"] == "GOOD" and r["geography"] == "Testshire"]
    # (45 + 40) / (50 + 50) = 85%, not the average of 90% and 80% (equal here) — and previous (44+40)/100
    assert (county["value"], county["numerator"], county["denominator"]) == ("85.0", "85", "100")
    assert (county["previous"], county["dot"], county["rag"]) == ("84.0", "improved", "RED")


def test_status_marks_are_published_without_a_value(release: Path) -> None:
    [row] = [r for r in csv_rows(release) if r["indicator"] == "GLD" and r["geography"] == "Ashby"]
    assert (row["value"], row["status"]) == ("", "not_available")


def test_manifest_records_checksums_of_every_input_and_output(release: Path) -> None:
    manifest = json.loads((release / "release.json").read_text())
    assert manifest["release"] == "July 2017 Release (June 2017 Data)"
    assert manifest["data_month"] == "2017-06"
    assert manifest["framework"]["version"] == "1"
    assert set(manifest["framework"]["files"]) == {
        "framework.yaml",
        "geographies/testshire.yaml",
        "indicators/education.yaml",
        "scorecards/main.yaml",
    }
    [values] = manifest["inputs"]
    assert values["name"] == "minimal.csv" and len(values["sha256"]) == 64
    assert "scorecard.csv" in manifest["outputs"]


def test_xlsx_has_a_sheet_per_scorecard_and_geography_with_coloured_rags(release: Path) -> None:
    book = load_workbook(release / "scorecard.xlsx")
    assert book.sheetnames == ["MAIN Testshire", "MAIN Ashby", "MAIN Brampton and Cole"]
    sheet = book["MAIN Testshire"]
    assert sheet.freeze_panes == "C5"
    rag_cells = [c for row in sheet.iter_rows() for c in row if c.value in ("GREEN", "AMBER", "RED")]
    assert rag_cells and all(c.fill.fgColor.rgb not in (None, "00000000") for c in rag_cells)


def test_rebuild_with_source_date_epoch_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    first = build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, tmp_path / "a")
    time.sleep(1.1)  # the workbook once carried the time it was written
    second = build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, tmp_path / "b")
    for name in ("scorecard.csv", "index.html", "scorecard.xlsx", "release.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    manifest = json.loads((first / "release.json").read_text())
    assert manifest["built_at"] == "2017-07-14T02:40:00+00:00"


def test_a_failing_format_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(release: object, folder: Path) -> None:
        (folder / "half.txt").write_text("half")
        raise ScorecardsError("disk full")

    monkeypatch.setattr(outputs, "FORMATS", (*outputs.FORMATS[:1], ("broken", broken)))
    monkeypatch.setattr("scorecards.outputs.FORMATS", outputs.FORMATS)
    with pytest.raises(ScorecardsError, match="disk full"):
        build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, tmp_path / "release")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rebuild_keeps_the_previous_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, tmp_path / "release")
    before = (target / "scorecard.csv").read_bytes()

    def broken(release: object, folder: Path) -> None:
        raise ScorecardsError("disk full")

    monkeypatch.setattr("scorecards.outputs.FORMATS", (("broken", broken),))
    with pytest.raises(ScorecardsError):
        build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, target)
    assert (target / "scorecard.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_the_paper_written_in_the_background_is_done_before_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_paper(release: object, folder: Path) -> None:
        time.sleep(0.5)
        (folder / "paper.pdf").write_text("typeset")

    formats = (("paper.pdf", slow_paper), *[f for f in outputs.FORMATS if f[0] != "paper.pdf"])
    monkeypatch.setattr("scorecards.outputs.FORMATS", formats)
    target = build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, tmp_path / "release")
    assert "paper.pdf" in json.loads((target / "release.json").read_text())["outputs"]
    assert 'href="paper.pdf"' in (target / "index.html").read_text()


def test_a_paper_failing_in_the_background_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_paper(release: object, folder: Path) -> None:
        raise ScorecardsError("the typesetter broke")

    formats = (("paper.pdf", broken_paper), *[f for f in outputs.FORMATS if f[0] != "paper.pdf"])
    monkeypatch.setattr("scorecards.outputs.FORMATS", formats)
    with pytest.raises(ScorecardsError, match="the typesetter broke"):
        build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], JUNE, tmp_path / "release")
    assert list(tmp_path.iterdir()) == []
