"""The paper as HTML (Jinja2) and as a tagged PDF (WeasyPrint, PDF/UA-1).

WeasyPrint is imported only when a PDF is written: it needs the Pango
library, and a machine without it can still build every other format.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from scorecards import __version__
from scorecards.assess.direction import ARROWS
from scorecards.assess.tables import Cell, TableView
from scorecards.errors import ScorecardsError
from scorecards.framework.formatting import (
    DATA_PERIOD_ABBREVIATIONS,
    DATA_PERIOD_NAMES,
    FREQUENCY_NAMES,
    POLARITY_NAMES,
    STATUS_TEXT,
    value_text,
)
from scorecards.outputs.paper.contents import Paper
from scorecards.release.narrative.outlook import outlook_sentence

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = TEMPLATES / "paper.css"
PDF_VARIANT = "pdf/ua-1"  # tagged, with the title shown and the language set
RAG_COLUMNS = frozenset({"rag", "outturn_rag", "rolling_3m_rag"})


class PaperUnavailable(ScorecardsError):
    """WeasyPrint (or the Pango library it needs) cannot be loaded on this machine."""


def render_html(paper: Paper) -> str:
    return _environment().get_template("paper.html").render(paper=paper, release=paper.release)


def write_pdf(html: str, target: Path, stylesheet: Path = STYLESHEET, base_url: Path = TEMPLATES) -> int:
    """Print `html` to `target` as a PDF/UA-1 (tagged) document; return its page count.

    The committee paper's stylesheet by default; another document printed the
    same way (the equality report) passes its own.
    """
    with without_garbage_collection():
        document = layout(html, stylesheet, base_url)
        with cached_page_references():
            document.write_pdf(target, pdf_variant=PDF_VARIANT)
        return len(document.pages)


@contextmanager
def without_garbage_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the paper is printed.

    Printing creates millions of objects (boxes that point to their parents)
    that all live until the PDF is written: every collection walks them and
    frees nothing. Pausing the collector takes a third off the time to print
    the example paper and raises its peak memory by 3% (docs/BENCHMARKS.md).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def layout(html: str, stylesheet: Path = STYLESHEET, base_url: Path = TEMPLATES) -> Any:
    """`html` laid out in pages (a WeasyPrint document)."""
    weasyprint = load_weasyprint()
    return lean_html()(string=html, base_url=str(base_url)).render(
        stylesheets=[weasyprint.CSS(filename=str(stylesheet))]
    )


UNUSED_UA = re.compile(r"^::(footnote|note)-")


@cache
def lean_html() -> Any:
    """WeasyPrint's HTML class, without the user-agent rules for footnotes and notes.

    Those five rules (`::footnote-call`, `::note-marker`, …) apply to every
    element, so WeasyPrint computes five pseudo-element styles for each of the
    paper's 40,000 elements: a tenth of the time to lay it out, for features
    the paper does not use. The rest of WeasyPrint's own stylesheet is used as
    it is. `_ua_stylesheets` is WeasyPrint's (pinned, 70.0): if it changes,
    the paper prints the same, only slower.
    """
    weasyprint = load_weasyprint()
    source = Path(weasyprint.__file__).parent / "css" / "html5_ua.css"
    if not source.is_file() or not hasattr(weasyprint.HTML, "_ua_stylesheets"):
        return weasyprint.HTML
    kept = [line for line in source.read_text(encoding="utf-8").splitlines() if not UNUSED_UA.match(line)]
    sheet = weasyprint.CSS(string="\n".join(kept), counter_style=weasyprint.html.UA_COUNTER_STYLE)

    class LeanHTML(weasyprint.HTML):  # type: ignore[misc, name-defined]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return LeanHTML


@contextmanager
def cached_page_references() -> Iterator[None]:
    """Work around a quadratic cost in tagging a long PDF.

    pydyf's `PDF.page_references` rebuilds the reference of every page on each
    call, and WeasyPrint 70 calls it once per structure element when tagging
    (about 70,000 times for the example paper of 180 pages: a fifth of the
    time to write it). While printing, the references are kept per PDF and
    recomputed only when a page has been added; the PDF written is the same
    byte for byte (tests/test_paper.py).
    """
    import pydyf  # type: ignore[import-untyped]

    original = pydyf.PDF.page_references

    def cached(pdf: Any) -> Any:
        count = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_scorecards_page_references")
        if kept is None or kept[0] != count:
            kept = (count, original.fget(pdf))
            pdf.__dict__["_scorecards_page_references"] = kept
        return kept[1]

    pydyf.PDF.page_references = property(cached)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


def load_weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:
        raise PaperUnavailable(
            f"WeasyPrint cannot be loaded ({exc}); install it (pip install weasyprint==70.0) and "
            "Debian's libpango-1.0-0 and libpangoft2-1.0-0"
        ) from None
    return weasyprint


def cell(value: Cell) -> Markup:
    """A scorecard cell: RAG as a word on its colour, direction of travel as an arrow."""
    if value.direction is not None:
        return Markup('<td class="{0}">{1}</td>').format(value.direction.value, ARROWS[value.direction])
    if value.status is not None:
        return Markup('<td class="status">{0}</td>').format(value.text)
    if value.rag is not None and value.column.show not in RAG_COLUMNS:
        return Markup('<td class="{0}">{1} {2}</td>').format(value.rag.value, value.text, value.rag.value[0])
    if value.rag is not None:
        return Markup('<td class="{0}">{1}</td>').format(value.rag.value, value.text)
    return Markup("<td>{0}</td>").format(value.text)


def column_widths(table: TableView) -> list[float]:
    """Per cent of the width for code, indicator and each column (the table layout is fixed)."""
    count = len(table.columns)
    each = min(8.0, 64.0 / count) if count else 0.0
    return [5.0, 95.0 - each * count, *([each] * count)]


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("scorecards.outputs.paper", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        cell=cell,
        column_widths=column_widths,
        outlook_sentence=outlook_sentence,
        arrows=ARROWS,
        polarity_names=POLARITY_NAMES,
        frequency_names=FREQUENCY_NAMES,
        data_period_names=DATA_PERIOD_NAMES,
        data_period_abbreviations=DATA_PERIOD_ABBREVIATIONS,
        status_text=STATUS_TEXT,
        value_text=value_text,
        version=__version__,
    )
    return environment
