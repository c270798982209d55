"""The annual equality report (equality.html, equality.pdf) of a release built from
records: built from the synthetic tiny county, whose small groups disclosure control
suppresses, so the report shows both published and suppressed figures."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorecards.assess.equality import Question
from scorecards.assess.equality_model import EqualityReport, GroupFigures, MeasureReport
from scorecards.assess.equality_report import hidden_fields
from scorecards.demo.records import DATA_MONTH, load_everything, records_framework
from scorecards.figures.gaps import Comparison
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework
from scorecards.outputs import FORMATS
from scorecards.outputs.equality.tables import SUPPRESSED_TEXT, group_table, text_row
from scorecards.outputs.equality.writer import write
from scorecards.release.build import compute_release
from scorecards.release.model import Release
from scorecards.release.narrative.equality import ahead_sentence, result_sentence
from scorecards.release.narrative.gaps import Measure
from scorecards.synthetic.generate import generate
from tests.conftest import MINIMAL_FRAMEWORK, MINIMAL_VALUES
from tests.test_paper import heading_levels, need_poppler, page_texts, structure, words

STAGES = ("Early Years Foundation Stage", "Key Stage 2", "Key Stage 4")
HEADINGS = (
    "Free school meals",
    "Special educational needs",
    "Children in care",
    "Ethnicity",
    "English as an additional language",
)
WRITTEN = ("index.html", "equality.html", "release.json")


def tiny_release(root: Path) -> Release:
    """The records example's release of the synthetic tiny county (about 10 s)."""
    generate(root / "input", "tiny", seed=1, data_month=DATA_MONTH)
    load_everything(root / "input", root / "warehouse.duckdb", lambda step: None)
    return compute_release(records_framework(), [], DATA_MONTH, warehouse=root / "warehouse.duckdb")


def write_release(release: Release, folder: Path) -> Path:
    """The formats the report needs, in the release builder's order (not the committee paper)."""
    for name, writer in FORMATS:
        if name in WRITTEN:
            writer(release, folder)
    return folder


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    return tiny_release(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def report(release: Release) -> EqualityReport:
    assert release.equality is not None
    return release.equality


@pytest.fixture(scope="module")
def folder(release: Release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_release(release, tmp_path_factory.mktemp("release"))


def rows(report: EqualityReport) -> Iterator[tuple[MeasureReport, GroupFigures]]:
    for measure in report.measures:
        for groups in measure.groups:
            for row in groups.rows:
                yield measure, row
        if measure.gender:
            yield measure, measure.gender


def row_of(measure: MeasureReport, group: str) -> GroupFigures:
    return next(row for groups in measure.groups for row in groups.rows if row.group == group)


# --- the figures ---------------------------------------------------------------------------------


def test_every_key_stage_measure_has_every_group(report: EqualityReport) -> None:
    assert (report.area, report.year, report.neighbours) == ("Westmarch", "2015-16", 10)
    assert tuple(m.stage for m in report.measures) == STAGES
    for measure in report.measures:
        assert (measure.year, measure.last_year) == ("2015-16", "2014-15")
        assert tuple(g.heading for g in measure.groups) == HEADINGS
        assert measure.gender is not None and (measure.gender.name, measure.gender.against_name) == (
            "boys",
            "girls",
        )


def test_each_group_is_compared_as_its_gap_is_published(report: EqualityReport) -> None:
    ks2 = report.measures[1]
    against = {g: row_of(ks2, g).against for g in ("fsm", "sen", "sen-support", "cic", "white", "eal")}
    assert against == {
        "fsm": "non-fsm",
        "sen": "non-sen",
        "sen-support": "no-identified-sen",
        "cic": "all",
        "white": "all",
        "eal": "non-eal",
    }


def test_fsm_figures_set_the_gap_beside_england_s_and_the_neighbours(report: EqualityReport) -> None:
    fsm = row_of(report.measures[1], "fsm").figures
    assert fsm.result is not None and fsm.comparison is not None and fsm.gap is not None
    assert fsm.gap == pytest.approx(fsm.comparison - fsm.result)
    assert (fsm.national_result, fsm.national_gap) == (36, 21)  # England 2015-16, as seed 000 prints
    assert fsm.difference == pytest.approx(fsm.gap - 21)
    assert fsm.rank is not None and fsm.rank.of == 10  # one of Kent's neighbours published nothing
    assert fsm.change is not None and fsm.gap_change is not None


def test_small_groups_are_suppressed_and_nothing_is_computed_from_them(report: EqualityReport) -> None:
    suppressed = [(m, row) for m, row in rows(report) if row.is_suppressed("result")]
    assert {row.group for _, row in suppressed} >= {"cic", "ehcp"}
    for _measure, row in suppressed:
        figures = row.figures
        assert figures.result is None and figures.gap is None and figures.difference is None
        assert figures.rank is None and figures.gap_rank is None and figures.change is None
        assert {"result", "gap", "difference", "rank", "gap_rank", "change", "gap_change"} <= row.suppressed


def test_a_suppressed_cell_prints_as_suppressed_never_as_a_number(report: EqualityReport) -> None:
    for measure, row in rows(report):
        cells = dict(
            zip(("result", "comparison", "gap"), text_row(measure.indicator, row).cells, strict=False)
        )
        for field, cell in cells.items():
            if row.is_suppressed(field):
                assert (cell.text, cell.state) == (SUPPRESSED_TEXT, "suppressed")
            else:
                assert cell.text != SUPPRESSED_TEXT


def test_last_year_s_suppressed_result_hides_the_changes_only() -> None:
    q = Question(load_framework(MINIMAL_FRAMEWORK).indicators["GLD"], "K", "2015-16", "fsm", "non-fsm")
    assert hidden_fields(q, frozenset({("fsm", "2014-15")})) == {"change", "gap_change"}
    assert hidden_fields(q, frozenset({("non-fsm", "2014-15")})) == {"gap_change"}
    assert hidden_fields(q, frozenset({("non-fsm", "2015-16")})) == {
        "comparison",
        "gap",
        "difference",
        "gap_rank",
        "gap_change",
    }
    assert hidden_fields(q, frozenset({("fsm", "2013-14")})) == frozenset()


def test_the_group_table_has_a_section_per_heading_and_a_row_per_group(report: EqualityReport) -> None:
    table = group_table(report.measures[0])
    assert [s.heading for s in table.sections] == list(HEADINGS)
    assert [r.name for r in table.sections[1].rows] == [
        "SEN pupils",
        "Pupils on SEN support",
        "Pupils with an EHC plan",
    ]
    assert len(table.sections[3].rows) == 6 and table.suppressed


# --- the sentences -------------------------------------------------------------------------------


def test_the_fsm_paragraph_is_written_from_the_figures(report: EqualityReport) -> None:
    ks2 = report.measures[1]
    fsm = row_of(ks2, "fsm").figures
    assert fsm.result is not None and fsm.gap is not None
    paragraph = ks2.paragraphs[0]
    assert paragraph.startswith(
        "In 2016, the proportion of FSM pupils who achieved the 'expected standard' in Reading, Writing and "
        f"Mathematics combined was {fsm.result:.1f}%, compared to 36.0% nationally, which ranks Westmarch "
    )
    assert f"The attainment gap is {fsm.gap:.1f}%, which is" in paragraph
    assert "for this measure amongst its statistical neighbours." in paragraph
    assert re.search(
        r"The attainment gap (widened|narrowed) to [\d.]+% in 2016 from [\d.]+% in 2015\.", paragraph
    )


def test_suppressed_groups_are_named_but_given_no_figures(report: EqualityReport) -> None:
    last = report.measures[1].paragraphs[-1]
    assert last.startswith("In 2016, the results for ") and "Children in Care" in last
    assert last.endswith("are suppressed (small numbers), so no figures are given.")
    assert not re.search(r"\d+\.\d", last)


def test_an_average_score_is_written_as_an_average(report: EqualityReport) -> None:
    ks4 = report.measures[2]
    assert ks4.paragraphs[0].startswith("In 2016, the average Attainment 8 score of FSM pupils was ")
    words_ = Measure("Attainment 8 score", 1, "score")
    assert result_sentence("2016", "FSM pupils", words_, 35.94, 36.0, 3, "Westmarch") == (
        "In 2016, the average Attainment 8 score of FSM pupils was 35.9, compared to 36.0 nationally, "
        "which ranks Westmarch third amongst its statistical neighbours."
    )


def test_a_group_ahead_of_its_comparison_has_no_gap() -> None:
    row = GroupFigures("eal", "EAL pupils", "non-eal", "non-EAL pupils", Comparison(*[None] * 12))
    assert ahead_sentence(row, -1.53, Measure("", 1)) == (
        "There is no attainment gap: EAL pupils did better than non-EAL pupils, by 1.5%."
    )


def test_the_gender_paragraph_says_who_outperformed_whom(report: EqualityReport) -> None:
    for measure in report.measures:
        (paragraph,) = measure.gender_paragraphs
        assert re.match(r"In 2016, (girls outperformed boys|boys outperformed girls) in ", paragraph), (
            paragraph
        )
        assert "The gender gap" in paragraph


# --- the files -----------------------------------------------------------------------------------


def test_the_page_holds_the_tables_the_sentences_and_the_pdf_link(
    folder: Path, report: EqualityReport
) -> None:
    html = (folder / "equality.html").read_text(encoding="utf-8")
    assert '<h2 class="govuk-heading-l" id="vulnerable-groups">Outcomes for Vulnerable Groups</h2>' in html
    assert "Gender Differences</h2>" in html
    assert html.count('<table class="govuk-table"') == 6
    assert html.count('scope="rowgroup"') == 3 * len(HEADINGS)
    assert "Suppressed</td>" in html
    assert report.measures[0].paragraphs[0].replace("'", "&#39;") in html
    assert 'href="equality.pdf"' in html
    assert 'href="equality.html"' in (folder / "index.html").read_text(encoding="utf-8")


def test_the_pdf_holds_the_headings_tables_and_sentences(folder: Path) -> None:
    need_poppler()
    pages = page_texts(folder / "equality.pdf")
    text = words(" ".join(pages))
    assert 4 <= len(pages) <= 12
    assert "Annual equality report 2015-16" in words(pages[0])
    for heading in ("Outcomes for Vulnerable Groups", "Gender Differences", *STAGES, *HEADINGS):
        assert heading in text
    assert "Suppressed" in text and "Page 1 of" in text
    assert "In 2016, the proportion of FSM pupils who achieved a Good Level of Development was" in text
    info = subprocess.run(
        ["pdfinfo", str(folder / "equality.pdf")], capture_output=True, text=True, check=True
    )
    assert (
        "Westmarch: Annual equality report 2015-16" in info.stdout and "Tagged:          yes" in info.stdout
    )


def test_the_pdf_is_tagged_in_english_with_its_headings_in_order(folder: Path) -> None:
    catalog, elements = structure(folder / "equality.pdf")
    assert catalog["/Lang"] == "en-GB"
    assert heading_levels(elements)[:3] == [1, 2, 1]  # the title, how to read the tables, the first part
    assert all(b <= a + 1 for a, b in itertools.pairwise(heading_levels(elements)))


def test_the_report_is_written_before_the_manifest() -> None:
    names = [name for name, _ in FORMATS]
    assert names.index("index.html") < names.index("equality.html") < names.index("release.json")


def test_the_manifest_checksums_both_files(folder: Path) -> None:
    outputs = json.loads((folder / "release.json").read_text(encoding="utf-8"))["outputs"]
    assert {"equality.html", "equality.pdf"} <= set(outputs)


def test_a_release_from_values_files_has_no_equality_report(tmp_path: Path) -> None:
    release = compute_release(MINIMAL_FRAMEWORK, [MINIMAL_VALUES], DATA_MONTH)
    assert release.equality is None
    write(release, tmp_path)
    assert list(tmp_path.iterdir()) == []


# --- equality.yaml -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def records() -> Framework:
    return load_framework(records_framework())


def test_the_example_spec_writes_a_group_as_its_code(records: Framework) -> None:
    spec = records.equality
    assert spec is not None and spec.gender is not None
    assert (spec.gender.group, spec.gender.against) == ("male", "female")
    assert spec.vulnerable_groups["Free school meals"][0].group == "fsm"
    assert spec.name("cic") == "Children in Care" and spec.name("unnamed") == "unnamed"
