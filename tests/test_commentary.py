"""Commentary: the `--commentary` file read with every problem at once, the
release carrying it, and every output printing it (the web's part is in
tests/web/test_commentary_publishing.py)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scorecards.cli.app import app
from scorecards.errors import ValidationFailed
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework
from scorecards.outputs import build_release
from scorecards.periods import Month
from scorecards.release.commentary import read_commentary, with_editors_commentary, write_commentary
from scorecards.release.model import Commentary
from scorecards.release.narrative.overrides import NARRATIVE_FILE, Entry, Narrative, save_narrative
from tests.conftest import MINIMAL_FRAMEWORK, MINIMAL_VALUES, pdf_text

runner = CliRunner()
HEADER = "indicator,geography,text,group,author,approved_by\n"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(MINIMAL_FRAMEWORK)


def commentary_file(tmp_path: Path, text: str | bytes, name: str = "commentary.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def problems(path: Path, framework: Framework) -> list[str]:
    with pytest.raises(ValidationFailed) as failed:
        read_commentary(path, framework)
    return [str(issue) for issue in failed.value.issues]


# --- reading ------------------------------------------------------------------------------------


def test_geographies_are_codes_names_or_aliases_in_any_case(tmp_path: Path, framework: Framework) -> None:
    path = commentary_file(
        tmp_path,
        "\ufeff" + HEADER + 'EXCL,testshire,"Two academies, both in Ashby.",,Alice,Bob\n'
        "GOOD,Brampton & Cole,  Better.  ,FSM,,\n"
        "GOOD,E07000901,Ashby held.,,,\n",
    )
    assert read_commentary(path, framework) == (
        Commentary("GOOD", "E07000901", "Ashby held."),
        Commentary("GOOD", "E07000902", "Better.", group="fsm"),
        Commentary("EXCL", "E10000099", "Two academies, both in Ashby.", author="Alice", approved_by="Bob"),
    )


def test_the_optional_columns_may_be_left_out(tmp_path: Path, framework: Framework) -> None:
    path = commentary_file(tmp_path, "text,geography,indicator\r\nRose.,Ashby,GOOD\r\n")
    assert read_commentary(path, framework) == (Commentary("GOOD", "E07000901", "Rose."),)


def test_every_problem_is_reported_with_file_line_and_column(tmp_path: Path, framework: Framework) -> None:
    path = commentary_file(
        tmp_path,
        HEADER + "NOPE,Ashby,Text.,,,\n"
        "GOOD,Atlantis,Text.,,,\n"
        "GOOD,Ashby,   ,,,\n"
        'GOOD,ashby,"A second,\nline",,,\n'
        ",,Text.,,,\n"
        "GOOD,Ashby,Text.,all groups,,\n"
        "GOOD,Ashby,Too,many,fields,here,!\n",
    )
    assert problems(path, framework) == [
        f"{path}:2: indicator: unknown indicator NOPE (not in the framework)",
        f"{path}:3: geography: unknown geography Atlantis (not a code, name or alias in the framework)",
        f"{path}:4: text: text is empty: write the commentary",
        f"{path}:7: geography: geography is missing",
        f"{path}:7: indicator: indicator is missing",
        f"{path}:8: group: group all groups is not a name such as all, non-uasc or fsm",
        f"{path}:9: 7 fields, but the header has 6 columns",
    ]


def test_a_second_entry_for_the_same_indicator_geography_and_group_is_a_duplicate(
    tmp_path: Path, framework: Framework
) -> None:
    path = commentary_file(
        tmp_path, HEADER + "GOOD,Ashby,First.,,,\nGOOD,E07000901,Second.,all,,\nGOOD,Ashby,Third.,fsm,,\n"
    )
    assert problems(path, framework) == [
        f"{path}:3: indicator: duplicate of line 2 (same indicator, geography and group)"
    ]


def test_unknown_and_missing_columns_are_reported_from_the_header(
    tmp_path: Path, framework: Framework
) -> None:
    path = commentary_file(tmp_path, "indicator,place,text,text,\nGOOD,Ashby,Rose.,Again,\n")
    assert problems(path, framework) == [
        f"{path}:1: (blank): unknown column",
        f"{path}:1: geography: required column is missing",
        f"{path}:1: place: unknown column",
        f"{path}:1: text: column appears twice",
    ]


def test_text_that_is_not_utf8_names_its_line(tmp_path: Path, framework: Framework) -> None:
    path = commentary_file(tmp_path, b"\xef\xbb\xbf" + HEADER.encode() + b"GOOD,Ashby,Caf\xe9 opened.,,,\n")
    assert problems(path, framework) == [
        f"{path}:2: not UTF-8 text: invalid continuation byte",
    ]


def test_a_file_that_is_not_there_says_so(tmp_path: Path, framework: Framework) -> None:
    with pytest.raises(Exception, match="no such commentary file"):
        read_commentary(tmp_path / "missing.csv", framework)


def test_the_dialect_is_never_sniffed_semicolons_are_text(tmp_path: Path, framework: Framework) -> None:
    path = commentary_file(tmp_path, "indicator;geography;text\nGOOD;Ashby;Rose.\n")
    assert problems(path, framework) == [
        f"{path}:1: geography: required column is missing",
        f"{path}:1: indicator: required column is missing",
        f"{path}:1: indicator;geography;text: unknown column",
        f"{path}:1: text: required column is missing",
    ]


def test_what_is_written_reads_back(tmp_path: Path, framework: Framework) -> None:
    entries = (Commentary("GOOD", "E07000901", 'Rose, "sharply".\nSee p. 2.', author="Alice"),)
    write_commentary(entries, tmp_path / "out.csv")
    assert read_commentary(tmp_path / "out.csv", framework) == entries
    write_commentary((), tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_text() == "indicator,geography,group,text,author,approved_by\n"


def test_the_editors_narrative_wins_over_the_file(framework: Framework) -> None:
    written = (Commentary("EXCL", "E10000099", "From the file."), Commentary("GOOD", "E07000901", "Kept."))
    edit = Entry(scorecard="MAIN", geography="E10000099", indicator="EXCL", kind="commentary",
                 text="From the editor.", edited_by="Alice")  # fmt: skip
    removal = edit.model_copy(update={"indicator": "GOOD", "geography": "E07000901", "text": ""})
    assert with_editors_commentary(written, Narrative(entries=(edit, removal)), framework) == (
        Commentary("EXCL", "E10000099", "From the editor.", author="Alice"),
    )


# --- the outputs, through the command line ------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("commentary")
    path = commentary_file(
        folder,
        "indicator,geography,text,author,approved_by\n"
        "EXCL,Testshire,Two academies account for most of the rise.,Wendy Murray,Julie Smith\n"
        "GOOD,Ashby,Ashby's schools held their inspections.,,\n",
    )
    result = runner.invoke(
        app,
        ["build", "--framework", str(MINIMAL_FRAMEWORK), "--values", str(MINIMAL_VALUES),
         "--period", "2017-06", "--out", str(folder / "release"), "--commentary", str(path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return folder / "release"


def test_commentary_csv_holds_the_release_commentary_with_codes(built: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built / "commentary.csv").read_text(encoding="utf-8"))))
    assert [(r["indicator"], r["geography"], r["group"], r["text"], r["author"]) for r in rows] == [
        ("GOOD", "E07000901", "all", "Ashby's schools held their inspections.", ""),
        ("EXCL", "E10000099", "all", "Two academies account for most of the rise.", "Wendy Murray"),
    ]
    assert (built / "inputs" / "commentary.csv").read_bytes() == (built / "commentary.csv").read_bytes()
    assert "commentary.csv" in (built / "release.json").read_text()
    assert 'href="commentary.csv"' in (built / "index.html").read_text()


def test_the_workbook_has_a_commentary_sheet(built: Path) -> None:
    book = load_workbook(built / "scorecard.xlsx", read_only=True)
    rows = list(book["Commentary"].iter_rows(min_row=4, values_only=True))
    assert rows[0] == ("Code", "Indicator", "Geography", "Group", "Commentary", "Author", "Approved by")
    assert rows[2] == (
        "EXCL", "Number of permanent exclusions", "Testshire", "all",
        "Two academies account for most of the rise.", "Wendy Murray", "Julie Smith",
    )  # fmt: skip


def test_the_scorecard_page_shows_the_commentary_on_its_indicators(built: Path) -> None:
    county = next(p for p in (built / "scorecards").rglob("*.html") if "e10000099" in p.name)
    html = county.read_text(encoding="utf-8")
    assert "Two academies account for most of the rise." in html
    assert "Written by Wendy Murray; approved by Julie Smith." in html


def test_the_paper_prints_it_on_the_exception_page_and_again_from_the_folder(built: Path) -> None:
    expected = "Two academies account for most of the rise. (Wendy Murray; approved by Julie Smith)"
    assert expected in pdf_text(built / "paper.pdf")
    result = runner.invoke(app, ["paper", str(built), "--out", str(built.parent / "again.pdf")])
    assert result.exit_code == 0, result.output
    assert expected in pdf_text(built.parent / "again.pdf")


def test_the_paper_command_applies_the_editors_commentary_over_the_file(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "release"
    shutil.copytree(built, folder)
    edit = Entry(scorecard="MAIN", geography="E10000099", indicator="EXCL", kind="commentary",
                 text="An editor's later word.", edited_by="Alice")  # fmt: skip
    save_narrative(folder / NARRATIVE_FILE, Narrative(entries=(edit,)))
    assert runner.invoke(app, ["paper", str(folder)]).exit_code == 0
    text = pdf_text(folder / "paper.pdf")
    assert "An editor's later word. (Alice)" in text and "Two academies" not in text


def test_a_bad_commentary_file_stops_the_build_and_builds_nothing(tmp_path: Path) -> None:
    path = commentary_file(tmp_path, "indicator,geography,text,colour\nNOPE,Ashby,,red\n")
    result = runner.invoke(
        app,
        ["build", "--framework", str(MINIMAL_FRAMEWORK), "--values", str(MINIMAL_VALUES),
         "--period", "2017-06", "--out", str(tmp_path / "release"), "--commentary", str(path)],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = " ".join(result.output.split())
    for expected in (
        "commentary: 3 problems",
        f"{path}:1: colour: unknown column",
        f"{path}:2: indicator: unknown indicator NOPE (not in the framework)",
        f"{path}:2: text: text is empty: write the commentary",
    ):
        assert expected in message
    assert not (tmp_path / "release").exists()


def test_the_demo_takes_a_commentary_file_too(tmp_path: Path) -> None:
    path = commentary_file(tmp_path, "indicator,geography,text\nEY2,Atlantis,Rose.\n")
    result = runner.invoke(
        app, ["demo", "--no-paper", "--out", str(tmp_path / "out"), "--commentary", str(path)]
    )
    assert result.exit_code == 1
    assert "unknown geography Atlantis" in result.output
    assert not (tmp_path / "out").exists()


def test_without_commentary_commentary_csv_is_a_header(tmp_path: Path) -> None:
    folder = build_release(
        MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6), tmp_path / "r", without=frozenset({"paper.pdf"})
    )
    assert (folder / "commentary.csv").read_text() == "indicator,geography,group,text,author,approved_by\n"
    assert "Commentary" not in load_workbook(folder / "scorecard.xlsx", read_only=True).sheetnames
