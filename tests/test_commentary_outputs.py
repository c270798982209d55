"""Commentary reaches every output of a release built with it: the paper's
exception page, the scorecard page, the workbook, commentary.csv, the
manifest and the inputs `scorecards paper` prints from again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scorecards.cli.app import app
from scorecards.outputs import build_release
from scorecards.periods import Month
from scorecards.release.model import sha256
from scorecards.release.narrative.overrides import NARRATIVE_FILE, Entry, Narrative, save_narrative
from tests.conftest import MINIMAL_FRAMEWORK, MINIMAL_VALUES
from tests.test_paper import need_poppler, page_texts, words

SENTENCE = "Two academies account for most of the rise."
HEADER = "indicator,geography,group,text,author,approved_by\n"


@pytest.fixture(scope="module")
def release_with_commentary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("commentary")
    commentary = folder / "given.csv"
    commentary.write_text(
        f"indicator,geography,text,author,approved_by\nEXCL,testshire,{SENTENCE},Wendy Murray,Julie Smith\n"
        "GOOD,Brampton & Cole,Inspections are due in July.,,\n",
        encoding="utf-8",
    )
    return build_release(
        MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6), folder / "release", commentary=commentary
    )


def test_the_exception_page_prints_the_commentary(release_with_commentary: Path) -> None:
    need_poppler()
    [page] = [words(t) for t in page_texts(release_with_commentary / "paper.pdf") if SENTENCE in words(t)]
    assert f"{SENTENCE} (Wendy Murray; approved by Julie Smith)" in page
    assert "Number of permanent exclusions" in page and "No commentary has been provided" not in page


def test_the_scorecard_pages_show_the_commentary_of_their_geographies(release_with_commentary: Path) -> None:
    county = (release_with_commentary / "scorecards" / "main" / "e10000099.html").read_text()
    assert SENTENCE in county and "Written by Wendy Murray; approved by Julie Smith." in county
    district = (release_with_commentary / "scorecards" / "main" / "e07000902.html").read_text()
    assert "Inspections are due in July." in district and SENTENCE not in district


def test_the_workbook_has_a_commentary_sheet(release_with_commentary: Path) -> None:
    book = load_workbook(release_with_commentary / "scorecard.xlsx", read_only=True)
    rows = [tuple(c or "" for c in row) for row in book["Commentary"].iter_rows(min_row=5, values_only=True)]
    assert rows == [
        ("GOOD", "Percentage of schools judged good or outstanding", "Brampton and Cole", "all",
         "Inspections are due in July.", "", ""),
        ("EXCL", "Number of permanent exclusions", "Testshire", "all", SENTENCE, "Wendy Murray", "Julie Smith"),
    ]  # fmt: skip


def test_commentary_csv_is_written_checksummed_and_kept_as_an_input(release_with_commentary: Path) -> None:
    expected = f"{HEADER}GOOD,E07000902,all,Inspections are due in July.,,\n"
    expected += f"EXCL,E10000099,all,{SENTENCE},Wendy Murray,Julie Smith\n"
    assert (release_with_commentary / "commentary.csv").read_text() == expected
    assert (release_with_commentary / "inputs" / "commentary.csv").read_text() == expected
    outputs = json.loads((release_with_commentary / "release.json").read_text())["outputs"]
    assert outputs["commentary.csv"] == sha256(release_with_commentary / "commentary.csv")
    assert "commentary.csv" in (release_with_commentary / "index.html").read_text()


def test_the_paper_command_prints_it_again_with_the_editors_commentary_winning(
    release_with_commentary: Path, tmp_path: Path
) -> None:
    need_poppler()
    result = CliRunner().invoke(
        app, ["paper", str(release_with_commentary), "--out", str(tmp_path / "a.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert SENTENCE in words(" ".join(page_texts(tmp_path / "a.pdf")))
    edit = Entry(scorecard="MAIN", geography="E10000099", indicator="EXCL", kind="commentary",
                 text="The editor's later word.", edited_by="Alice")  # fmt: skip
    save_narrative(release_with_commentary / NARRATIVE_FILE, Narrative(entries=(edit,)))
    try:
        result = CliRunner().invoke(
            app, ["paper", str(release_with_commentary), "--out", str(tmp_path / "b.pdf")]
        )
    finally:
        (release_with_commentary / NARRATIVE_FILE).unlink()
    assert result.exit_code == 0, result.output
    text = words(" ".join(page_texts(tmp_path / "b.pdf")))
    assert "The editor's later word. (Alice)" in text and SENTENCE not in text


def test_a_release_without_commentary_writes_the_header_alone(tmp_path: Path) -> None:
    folder = build_release(
        MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6), tmp_path / "r", without=frozenset({"paper.pdf"})
    )
    assert (folder / "commentary.csv").read_text() == HEADER
    assert "Commentary" not in load_workbook(folder / "scorecard.xlsx", read_only=True).sheetnames
    assert "Commentary" not in (folder / "scorecards" / "main" / "e10000099.html").read_text()
