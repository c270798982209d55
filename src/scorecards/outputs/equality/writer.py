"""`equality.html` and `equality.pdf`: the release output of the equality report.

Written only when the release has one (`Release.equality`: built from
record-level data with an `equality.yaml`). The PDF is printed first, with
the committee paper's printing helpers (WeasyPrint, tagged PDF/UA-1) and its
own stylesheet; the page links to it only when it was written. Without
WeasyPrint the build warns "equality.pdf skipped: …" and publishes the rest.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from scorecards import __version__
from scorecards.assess.equality_model import EqualityReport
from scorecards.outputs.equality.tables import COLUMNS, gender_table, group_table
from scorecards.outputs.paper.render import (
    PDF_VARIANT,
    PaperUnavailable,
    cached_page_references,
    lean_html,
    load_weasyprint,
    without_garbage_collection,
)
from scorecards.release.model import Release

HTML_FILE = "equality.html"
PDF_FILE = "equality.pdf"
TEMPLATES = Path(__file__).parent / "templates"
log = logging.getLogger(__name__)


def write(release: Release, folder: Path) -> None:
    """The output format: both files, or nothing for a release without an equality report."""
    report = release.equality
    if report is None:
        return
    try:
        pages = write_pdf(render_print_html(release, report), folder / PDF_FILE)
        log.info("%s: %d pages", PDF_FILE, pages)
    except PaperUnavailable as exc:
        log.warning("%s skipped: %s", PDF_FILE, exc)
    html = render_page(release, report, pdf=(folder / PDF_FILE).is_file())
    (folder / HTML_FILE).write_text(html, encoding="utf-8")


def render_page(release: Release, report: EqualityReport, pdf: bool = False) -> str:
    """The web page, in the release's GOV.UK layout (`base.html`)."""
    # Imported here: the release's output formats import this module.
    from scorecards.outputs.html_output import Document, Link

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


def render_print_html(release: Release, report: EqualityReport) -> str:
    """The document WeasyPrint prints."""
    return (
        _environment()
        .get_template("equality-print.html")
        .render(release=release, framework=release.framework, version=__version__, **_context(report))
    )


def write_pdf(html: str, target: Path) -> int:
    """Print `html` to `target` as a tagged PDF with the report's stylesheet; return its page count."""
    weasyprint = load_weasyprint()
    with without_garbage_collection():
        document = lean_html()(string=html, base_url=str(TEMPLATES)).render(
            stylesheets=[weasyprint.CSS(filename=str(TEMPLATES / "equality.css"))]
        )
        with cached_page_references():
            document.write_pdf(target, pdf_variant=PDF_VARIANT)
        return len(document.pages)


def _context(report: EqualityReport) -> dict[str, Any]:
    return {
        "report": report,
        "columns": COLUMNS,
        "measures": [(m, group_table(m), gender_table(m)) for m in report.measures],
    }


def _environment() -> Environment:
    from scorecards.outputs.html_output import NAVIGATION

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
