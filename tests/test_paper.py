"""The committee paper: the example county's paper rendered once and checked
by its text (poppler's pdftotext), and PNGs of its first pages kept in
test-artifacts/paper/ for a person to look at; then the paper as a release
output and the `scorecards paper` command on the minimal framework."""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from scorecards.cli.app import app
from scorecards.demo.county import DATA_MONTH, example_framework, example_values
from scorecards.outputs import build_release, csv_output, json_output
from scorecards.outputs.paper import typeset, writer
from scorecards.outputs.paper.exceptions import red_rows
from scorecards.periods import Month
from scorecards.release import snapshot
from scorecards.release.build import compute_release
from scorecards.release.model import Release, sha256
from scorecards.release.narrative.overrides import NARRATIVE_FILE, Entry, Narrative, save_narrative
from scorecards.release.narrative.summary import headline_pages
from tests.conftest import MINIMAL_FRAMEWORK, MINIMAL_VALUES, need_poppler

ARTIFACTS = Path(__file__).parents[1] / "test-artifacts" / "paper"
PUBLISHED = datetime(2017, 7, 28, 9, 0, tzinfo=UTC)
# The order the release builder needs: the paper (and the inputs it keeps) before
# the manifest, which is last.
FORMATS = (
    ("scorecard.csv", csv_output.write),
    ("paper.pdf", writer.write),
    ("release.json", json_output.write),
)
runner = CliRunner()


def page_texts(pdf: Path) -> list[str]:
    """Each page's text in the order it is drawn (`-raw`): a table row by row, a column whole."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True)
    return text.stdout.split("\f")[:-1]


def words(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces, for finding sentences."""
    return " ".join(text.split())


def structure(pdf: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The PDF's catalogue and every element of its structure tree, in reading order."""
    catalog = PdfReader(pdf).trailer["/Root"]
    elements: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "/S" in node:
            elements.append(node)
            walk(node.get("/K", []))

    walk(catalog["/StructTreeRoot"].get("/K", []))
    return catalog, elements


def heading_levels(elements: list[dict[str, Any]]) -> list[int]:
    """The levels of the headings (H1 to H6) among structure elements, in order."""
    return [int(e["/S"][2:]) for e in elements if re.fullmatch(r"/H[1-6]", e["/S"])]


@pytest.fixture(scope="module")
def kent() -> Release:
    release = compute_release(example_framework(), example_values(), DATA_MONTH)
    return replace(release, built_at=PUBLISHED)


@pytest.fixture(scope="module")
def example_paper(kent: Release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_poppler()
    pdf = tmp_path_factory.mktemp("paper") / "paper.pdf"
    try:
        writer.render_paper(kent, pdf)
    except typeset.PaperUnavailable as exc:  # no Typst here: the build warns and goes on
        if os.environ.get("SCORECARDS_REQUIRE_POPPLER"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    keep_pictures(pdf)
    return pdf


def keep_pictures(pdf: Path) -> None:
    """PNGs of the first pages and of the social-care caseload exception page."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-l", "6", str(pdf), str(ARTIFACTS / "page")], check=True)
    texts = page_texts(pdf)
    caseload = next(i for i, t in enumerate(texts, 1) if "Trend data" in t and "social workers in CSWTs" in t)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            str(caseload),
            "-l",
            str(caseload),
            str(pdf),
            str(ARTIFACTS / "exception"),
        ],
        check=True,
    )


@pytest.fixture(scope="module")
def texts(example_paper: Path) -> list[str]:
    return page_texts(example_paper)


# --- the example county's paper ---------------------------------------------------------------


def test_the_example_paper_has_a_plausible_number_of_pages(texts: list[str]) -> None:
    assert 150 <= len(texts) <= 220


def test_the_paper_is_tagged_pdf_ua_with_a_title_and_a_language(example_paper: Path) -> None:
    info = subprocess.run(["pdfinfo", str(example_paper)], check=True, capture_output=True, text=True).stdout
    info += subprocess.run(
        ["pdfinfo", "-meta", str(example_paper)], check=True, capture_output=True, text=True
    ).stdout
    assert "Tagged:          yes" in info
    assert (
        "Title:           Children, Young People and Education Performance Management: July 2017 Release"
        in info
    )
    assert 'pdfuaid:part="1"' in info or "<pdfuaid:part>1</pdfuaid:part>" in info
    catalog, _ = structure(example_paper)
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)


def test_the_structure_tree_has_a_language_headings_in_order_and_its_ids_indexed(
    example_paper: Path,
) -> None:
    catalog, elements = structure(example_paper)
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en-GB"
    levels = heading_levels(elements)
    assert levels[0] == 1 and levels.count(1) >= 5
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skips == [], "a heading level is skipped"
    if any("/ID" in e for e in elements):
        ids = catalog["/StructTreeRoot"]["/IDTree"]
        assert ids.get("/Names") or ids.get("/Kids")


def test_every_page_is_numbered(texts: list[str]) -> None:
    assert all(f"Page {number} of {len(texts)}" in text for number, text in enumerate(texts, 1))


def test_the_cover_names_the_release_data_month_producer_and_publication_date(texts: list[str]) -> None:
    cover = words(texts[0])
    for expected in (
        "July 2017 Release (June 2017 Data)",
        "Data month June 2017",
        "Produced by Management Information, KCC",
        "Publication date 28th July 2017",
    ):
        assert expected in cover


def test_every_part_has_its_heading(texts: list[str], kent: Release) -> None:
    lines = {line.strip() for text in texts for line in text.splitlines()}
    headings = [
        "Contents",
        "Guidance notes",
        "Summary of notable changes",
        "Data sources",
        "Indicator definitions",
    ]
    headings += [card.title for card in kent.framework.scorecards.values()]
    headings += ["Average Caseloads of social workers in CSWTs", "Children, Young People and Education Directorate "
                 "Scorecard: progress towards later targets"]  # fmt: skip
    assert [h for h in headings if h not in lines] == []


def test_the_guidance_explains_polarity_rag_direction_and_incomplete_data(texts: list[str]) -> None:
    guidance = words(next(t for t in texts if "Guidance notes" in t and "Polarity" in t))
    for expected in (
        "highest is best",
        "GREEN",
        "AMBER",
        "RED",
        "Performance has improved",
        "Data not available",
    ):
        assert expected in guidance


def test_the_summary_has_the_generated_sentences_and_rag_counts(texts: list[str]) -> None:
    summary = words(" ".join(t for t in texts if "Summary of notable changes" in t))
    assert (
        "The number of permanent exclusions from the primary phase - all Year R to Year 6 pupils has risen by 4 "
        "from 16 in the previous quarter to 20, which does not meet the 2016-17 target of 15." in summary
    )
    assert (
        "For June 2017, 17 performance measures are rated as Green, 19 as Amber and seven as Red." in summary
    )


def test_every_red_county_indicator_has_an_exception_page_of_one_page(
    texts: list[str], kent: Release
) -> None:
    reds = [row for page in headline_pages(kent) for row in red_rows(page)]
    exceptions = [i for i, t in enumerate(texts) if "Trend data" in t]
    assert len(exceptions) == len(reds) == 27  # 20 on the directorate scorecard, 7 on the social-care one
    assert all("Data notes" in texts[i] and "Commentary" in texts[i] for i in exceptions)
    # Nothing runs over: the page after each is the next exception page or the start of the next part.
    after = [texts[i + 1] for i in exceptions]
    starts = ("Trend data", "Where the present trend leads", "Data sources", *(
        f"{card.title}\n" for card in kent.framework.scorecards.values()))  # fmt: skip
    assert all(any(start in text for start in starts) for text in after)


def test_the_caseload_exception_page_has_what_the_seeds_page_has(texts: list[str]) -> None:
    page = words(next(t for t in texts if "Trend data" in t and "social workers in CSWTs" in t))
    for expected in (
        "Trend data Jun 2016 Mar 2017 Apr 2017 May 2017 Jun 2017",
        "Kent result 21.3 22.0 23.4 23.8 24.6",
        "Target 18.0 18.0 18.0 18.0 18.0",
        "RAG rating Amber Amber Red Red Red",
        "Target 18 (2017-18) (RAG bands: Above 22 = Red, 18 to 22 = Amber, 18 and below = Green)",
        "Polarity Lowest is best",
        "Tolerance Floor 22",
        "Figures shown are based on a snapshot as at the end of the reporting month.",
        "Data source Liberi and Area Staffing Spreadsheets",
        "No commentary has been provided for this release.",
    ):
        assert expected in page


def test_table_headers_repeat_on_every_page_of_a_long_table(texts: list[str]) -> None:
    sources = [t for t in texts if "Data sources" in t and "Contents" not in t]
    assert len(sources) > 3
    assert all("Code" in t and "Source" in t and "Latest data" in t and "Release date" in t for t in sources)


def test_progress_towards_later_targets_shows_the_annual_trajectories(texts: list[str]) -> None:
    progress = words(
        next(t for t in texts if "progress towards later targets" in t and "Where the present" in t)
    )
    # The cells spanning an indicator's rows are drawn with its last row: the text is checked piece by piece.
    for expected in (
        "EY14 Percentage of pupils at EYFS achieving a Good Level of Development",
        "74.8% (2015-16)",
        "2016-17 81 76.6% RED No",
        "2017-18 85 78.4% RED No",
        "2018-19 87 80.2% RED No",
        "2 results, 2014-15 to 2015-16",
        "CYPE4 Percentage of surplus school places in Kent Primary schools 4.6% (2015-16)",
        "2016-17 5 4.2% Not judged",
    ):
        assert expected in progress


def test_pictures_of_the_first_pages_are_kept_for_a_person_to_look_at(example_paper: Path) -> None:
    kept = sorted(p.name for p in ARTIFACTS.glob("*.png"))
    assert [k for k in kept if k.startswith("page-")] == [f"page-{n:03d}.png" for n in range(1, 7)]
    assert any(k.startswith("exception-") for k in kept)


# --- the paper as a release output, and the `paper` command -----------------------------------


@pytest.fixture
def minimal_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(PUBLISHED.timestamp())))
    monkeypatch.setattr("scorecards.outputs.FORMATS", FORMATS)
    return build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6), tmp_path / "release")


def test_the_build_writes_the_paper_before_the_manifest_that_checksums_it(minimal_release: Path) -> None:
    manifest = json.loads((minimal_release / "release.json").read_text())
    assert manifest["outputs"]["paper.pdf"] == sha256(minimal_release / "paper.pdf")
    assert "inputs/framework/framework.yaml" in manifest["outputs"]
    assert manifest["outputs"]["inputs/values/01-minimal.csv"] == sha256(MINIMAL_VALUES)


def test_the_release_folder_recomputes_the_release_it_was_built_from(minimal_release: Path) -> None:
    again = snapshot.load_release(minimal_release)
    original = compute_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6))
    assert again.built_at == PUBLISHED and again.name == original.name
    assert [[c.text for c in row.cells] for page in again.pages for row in page.rows()] == [
        [c.text for c in row.cells] for page in original.pages for row in page.rows()
    ]


def test_the_paper_command_renders_the_editors_narrative(minimal_release: Path) -> None:
    need_poppler()
    edit = Entry(scorecard="MAIN", geography="E10000099", indicator="EXCL", kind="summary",
                 text="Exclusions rose to 20, five above the target.", edited_by="Alice")  # fmt: skip
    comment = edit.model_copy(
        update={"kind": "commentary", "text": "Two academies account for most of the rise."}
    )
    save_narrative(minimal_release / NARRATIVE_FILE, Narrative(entries=(edit, comment)))
    result = runner.invoke(app, ["paper", str(minimal_release)])
    assert result.exit_code == 0, result.output
    text = words(" ".join(page_texts(minimal_release / "paper.pdf")))
    assert "Exclusions rose to 20, five above the target. (edited by Alice)" in text
    assert "Two academies account for most of the rise." in text
    manifest = json.loads((minimal_release / "release.json").read_text())
    assert manifest["outputs"]["paper.pdf"] == sha256(minimal_release / "paper.pdf")


def test_the_paper_command_can_write_elsewhere_leaving_the_release_alone(minimal_release: Path) -> None:
    before = (minimal_release / "release.json").read_bytes()
    result = runner.invoke(
        app, ["paper", str(minimal_release), "--out", str(minimal_release.parent / "copy.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert (minimal_release.parent / "copy.pdf").read_bytes() == (minimal_release / "paper.pdf").read_bytes()
    assert (minimal_release / "release.json").read_bytes() == before


def test_the_paper_command_on_a_folder_that_is_not_a_release_fails_plainly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["paper", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{tmp_path}: not a release folder (no release.json)" in words(result.output)


def test_the_paper_command_on_a_release_without_its_inputs_says_to_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scorecards.outputs.FORMATS", (("release.json", json_output.write),))
    folder = build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6), tmp_path / "old")
    result = runner.invoke(app, ["paper", str(folder)])
    assert result.exit_code == 1
    assert "the release does not keep its inputs" in words(result.output)


def test_without_typst_the_build_skips_the_paper_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def unavailable() -> None:
        raise typeset.PaperUnavailable("Typst cannot be loaded (No module named 'typst')")

    monkeypatch.setattr(typeset, "load_typst", unavailable)
    monkeypatch.setattr("scorecards.outputs.FORMATS", FORMATS)
    with caplog.at_level(logging.WARNING):
        folder = build_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6), tmp_path / "r")
    assert "paper.pdf skipped: Typst cannot be loaded" in caplog.text
    assert (folder / "release.json").is_file() and not (folder / "paper.pdf").exists()
    assert (folder / "inputs" / "framework" / "framework.yaml").is_file()
    result = runner.invoke(app, ["paper", str(folder)])
    assert result.exit_code == 1 and "Typst cannot be loaded" in words(result.output)


HOSTILE = "Costs #rose by $5 *not* _all_ @team <b> \\n // [see] \\ #set text(red) ] end"


def test_an_editors_text_is_printed_as_written_never_read_as_markup(minimal_release: Path) -> None:
    need_poppler()
    entry = Entry(scorecard="MAIN", geography="E10000099", indicator="EXCL", kind="commentary", text=HOSTILE)
    save_narrative(minimal_release / NARRATIVE_FILE, Narrative(entries=(entry,)))
    result = runner.invoke(app, ["paper", str(minimal_release)])
    assert result.exit_code == 0, result.output
    assert words(HOSTILE) in words(" ".join(page_texts(minimal_release / "paper.pdf")))


def test_a_rebuilt_paper_is_byte_identical(tmp_path: Path) -> None:
    release = replace(
        compute_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], Month(2017, 6)), built_at=PUBLISHED
    )
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert writer.render_paper(release, first) == len(PdfReader(first).pages)
    writer.render_paper(release, second)
    assert first.read_bytes() == second.read_bytes()
