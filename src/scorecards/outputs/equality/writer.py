"""`equality.html` and `equality.pdf`: the release output of the equality report.

Written only when the release has one (`Release.equality`: built from
record-level data with an `equality.yaml`). The PDF is typeset first, by
Typst with the committee paper's print layout (`scorecards.outputs.paper.typeset`,
tagged PDF/UA-1) and its own template, `templates/equality.typ`; the page
links to it only when it was written. Without Typst the build warns
"equality.pdf skipped: …" and publishes the rest.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from scorecards.assess.equality_model import EqualityReport
from scorecards.outputs.equality.guide import reading_guide
from scorecards.outputs.equality.tables import COLUMNS, TextCell, TextTable, gender_table, group_table
from scorecards.outputs.html_output import NAVIGATION, Document, Link
from scorecards.outputs.paper.typeset import PaperUnavailable, typeset
from scorecards.release.model import Release

HTML_FILE = "equality.html"
PDF_FILE = "equality.pdf"
TEMPLATES = Path(__file__).parent / "templates"
PRINT_TEMPLATE = TEMPLATES / "equality.typ"
log = logging.getLogger(__name__)


def write(release: Release, folder: Path) -> None:
    """The output format: both files, or nothing for a release without an equality report."""
    report = release.equality
    if report is None:
        return
    try:
        pages = typeset(PRINT_TEMPLATE, print_data(release, report), folder / PDF_FILE, release.built_at)
        log.info("%s: %d pages", PDF_FILE, pages)
    except PaperUnavailable as exc:
        log.warning("%s skipped: %s", PDF_FILE, exc)
    html = render_page(release, report, pdf=(folder / PDF_FILE).is_file())
    (folder / HTML_FILE).write_text(html, encoding="utf-8")


def render_page(release: Release, report: EqualityReport, pdf: bool = False) -> str:
    """The web page, in the release's GOV.UK layout (`base.html`)."""
    # Imported here: the release's output formats import this module.
    document = Document(
        HTML_FILE,
        HTML_FILE,
        report.title,
        breadcrumbs=(Link(release.name, "index.html"),),
        section="index.html",
        wide=True,
    )
    return (
        _environment()
        .get_template(HTML_FILE)
        .render(
            doc=document,
            release=release,
            framework=release.framework,
            pdf=PDF_FILE if pdf else "",
            **_context(report),
        )
    )


def print_data(release: Release, report: EqualityReport) -> dict[str, Any]:
    """The data the PDF's template prints, as text: the same tables and sentences as the page."""
    framework, area = release.framework, report.area
    neighbours = f"{report.neighbours} statistical neighbours"
    ranks = f", and {area}'s rank among its {neighbours}" if report.neighbours else ""
    return {
        "title": f"{area}: {report.title}",
        "author": framework.produced_by,
        "description": f"{framework.organisation}: {report.title.lower()}, outcomes for vulnerable groups "
        "and gender differences",
        "organisation": framework.organisation,
        "report_title": report.title,
        "subtitle": f"{area}: outcomes for vulnerable groups and gender differences",
        "facts": [
            ["Latest results", report.year],
            ["Release", release.name],
            ["Produced by", framework.produced_by],
            ["Published", f"{release.built_at.day} {release.built_at.strftime('%B %Y')}"],
        ],
        "introduction": f"How pupils in vulnerable groups in {area} achieved at each key stage: each "
        "group's result against the group it is compared with, the attainment gap between them, "
        f"England's gap{ranks}.",
        "guide": [vars(item) for item in reading_guide(report)],
        "measures": [
            {
                "stage": measure.stage,
                "groups": table_data(group_table(measure)),
                "paragraphs": list(measure.paragraphs),
                "gender": table_data(gender) if (gender := gender_table(measure)) else None,
                "gender_paragraphs": list(measure.gender_paragraphs),
            }
            for measure in report.measures
        ],
    }


def table_data(table: TextTable) -> dict[str, Any]:
    """A table of figures: its sections and rows, every row's cells as text, a status in italics."""
    rows: list[dict[str, Any]] = []
    for section in table.sections:
        if section.heading:
            rows.append({"section": section.heading})
        rows.extend(
            {
                "name": row.name,
                "against": row.against,
                "cells": [figure_cell(cell) for cell in row.cells],
                "shade": number % 2 == 1,
            }
            for number, row in enumerate(section.rows)
        )
    headings = ["Group", "Compared with", *(column.heading for column in COLUMNS)]
    return {"caption": table.caption, "headings": headings, "rows": rows}


def figure_cell(cell: TextCell) -> dict[str, str]:
    """A figure as text; "Suppressed" and the dash for a missing figure in italics."""
    return {"text": cell.text, "style": "" if cell.state == "value" else "status"}


def _context(report: EqualityReport) -> dict[str, Any]:
    return {
        "report": report,
        "columns": COLUMNS,
        "measures": [(m, group_table(m), gender_table(m)) for m in report.measures],
        "guide": reading_guide(report),
    }


def _environment() -> Environment:
    environment = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("scorecards.outputs.equality", "templates"),
                PackageLoader("scorecards.outputs", "templates"),
            ]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(navigation=NAVIGATION)
    return environment
