"""The paper as the data its Typst template prints (`templates/paper.typ`), and as a PDF.

Every figure and word is taken from the `Paper` view, formatted by
`scorecards.framework.formatting` and the narrative, as strings: the template only
lays them out. The data goes to Typst as JSON, so an editor's text is
printed as it is written, never read as markup (tests/test_paper.py prints
hostile strings). The exception pages are `paper.exception_data`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scorecards.assess.direction import ARROWS
from scorecards.assess.tables import Cell, Page, TableView
from scorecards.framework.formatting import (
    DATA_PERIOD_ABBREVIATIONS,
    DATA_PERIOD_NAMES,
    FREQUENCY_NAMES,
    POLARITY_NAMES,
    STATUS_TEXT,
)
from scorecards.framework.model import Indicator
from scorecards.outputs.paper.contents import Paper, Part
from scorecards.outputs.paper.exception_data import exception_data, progress_data
from scorecards.outputs.paper.typeset import TEMPLATES, typeset
from scorecards.release.narrative.summary import Sentence

TEMPLATE = TEMPLATES / "paper.typ"
RAG_COLUMNS = frozenset({"rag", "outturn_rag", "rolling_3m_rag"})
Data = dict[str, Any]


def write_pdf(paper: Paper, target: Path) -> int:
    """Typeset the paper to `target` as a tagged PDF (PDF/UA-1); return its page count."""
    return typeset(TEMPLATE, paper_data(paper), target, paper.release.built_at)


def paper_data(paper: Paper) -> Data:
    framework, release = paper.release.framework, paper.release
    return {
        "title": paper.title,
        "author": framework.produced_by,
        "description": f"{framework.organisation}: committee paper for the {release.name}",
        "keywords": ["scorecard", "performance", "RAG", framework.organisation],
        "cover": {
            "organisation": framework.organisation,
            "name": framework.name,
            "release": release.name,
            "facts": [
                ["Data month", release.data_month.long_name],
                ["Produced by", framework.produced_by],
                ["Publication date", paper.published],
                ["Framework", f"{framework.name}, version {framework.version}"],
                ["Scorecards", "\n".join(part.scorecard.title for part in paper.parts)],
            ],
        },
        "contents": contents(paper),
        "guidance": guidance(),
        "summary": summary(paper) if paper.has_summary else None,
        "parts": [part_data(paper, part) for part in paper.parts],
        "indicators": [indicator_data(indicator, paper.published) for indicator in paper.indicators],
    }


def contents(paper: Paper) -> list[Data]:
    """The entries of the contents page, each with the label of the heading it points to."""
    entries: list[Data] = [{"text": "Guidance notes", "anchor": "guidance", "children": []}]
    if paper.has_summary:
        entries.append({"text": "Summary of notable changes", "anchor": "summary", "children": []})
    for part in paper.parts:
        children = [
            {"text": f"Exception: {e.indicator.code} {e.indicator.title}", "anchor": e.anchor}
            for e in part.exceptions
        ]
        if part.progress:
            children.append({"text": "Progress towards later targets", "anchor": f"{part.anchor}-progress"})
        entries.append({"text": part.scorecard.title, "anchor": part.anchor, "children": children})
    entries.append({"text": "Data sources", "anchor": "data-sources", "children": []})
    entries.append({"text": "Indicator definitions", "anchor": "definitions", "children": []})
    return entries


def guidance() -> Data:
    """What the guidance notes print from the shared names, so they always match the tables."""
    return {
        "polarity": {code: name.lower() for code, name in POLARITY_NAMES.items()},
        "arrows": {direction.value: arrow for direction, arrow in ARROWS.items()},
        "statuses": list(STATUS_TEXT.values()),
        "abbreviations": [[code, name] for code, name in FREQUENCY_NAMES.items()]
        + [[code, DATA_PERIOD_NAMES[key]] for key, code in DATA_PERIOD_ABBREVIATIONS.items()],
    }


def summary(paper: Paper) -> list[Data]:
    return [
        {
            "heading": f"{part.scorecard.title} – {page_summary.page.geography.name}",
            "sentences": [sentence_data(s) for s in page_summary.sentences],
            "counts": list(page_summary.counts),
        }
        for part in paper.parts
        for page_summary in part.summaries
    ]


def sentence_data(sentence: Sentence) -> Data:
    mark = ""
    if sentence.edited:
        by = f" by {sentence.edited_by}" if sentence.edited_by else ""
        stale = "; the figures have changed since" if sentence.stale else ""
        mark = f"(edited{by}{stale})"
    return {"text": sentence.text, "edited": mark}


def part_data(paper: Paper, part: Part) -> Data:
    release, card = paper.release, part.scorecard
    places = ", ".join(page.geography.name for page in part.pages)
    count = f"{len(part.pages)} {'page' if len(part.pages) == 1 else 'pages'}"
    return {
        "anchor": part.anchor,
        "title": card.title,
        "overview": f"{release.name} · {count}: {places}",
        "guidance": card.guidance or "",
        "pages": [page_data(paper, page) for page in part.pages],
        "exceptions": [exception_data(exception) for exception in part.exceptions],
        "progress": progress_data(part) if part.progress else None,
    }


def page_data(paper: Paper, page: Page) -> Data:
    return {
        "heading": f"{page.scorecard.title} – {page.geography.name}",
        "data_month": f"{paper.release.data_month.long_name} data",
        "tables": [table_data(table) for table in page.tables],
        "notes": list(page.scorecard.notes),
    }


def table_data(table: TableView) -> Data:
    """A scorecard table: its columns' widths, headings, sections and rows of styled cells."""
    rows: list[Data] = []
    for section in table.sections:
        if section.title:
            rows.append({"section": section.title})
        rows.extend(
            {
                "code": row.indicator.code,
                "title": row.indicator.title,
                "cells": [cell(c) for c in row.cells],
                "shade": number % 2 == 1,  # alternate rows shaded, from each section's first
            }
            for number, row in enumerate(section.rows)
        )
    return {
        "caption": table.title,
        "widths": column_widths(table),
        "headings": ["Code", "Indicator", *table.headings],
        "rows": rows,
        "counts": [
            {"rag": rag.value, "text": f"{rag.value} {count}"} for rag, count in (table.counts or {}).items()
        ],
    }


def cell(value: Cell) -> Data:
    """A scorecard cell: RAG as a word on its colour, direction of travel as an arrow.

    A result shown with its rating carries the rating's initial ("22.2% G").
    """
    if value.direction is not None:
        return {"text": ARROWS[value.direction], "style": value.direction.value}
    if value.status is not None:
        return {"text": value.text, "style": "status"}
    if value.rag is not None and value.column.show not in RAG_COLUMNS:
        return {"text": f"{value.text} {value.rag.value[0]}", "style": value.rag.value}
    if value.rag is not None:
        return {"text": value.text, "style": value.rag.value}
    return {"text": value.text, "style": ""}


def column_widths(table: TableView) -> list[float]:
    """Per cent of the width for code, indicator and each column."""
    count = len(table.columns)
    each = min(8.0, 64.0 / count) if count else 0.0
    return [5.0, 95.0 - each * count, *([each] * count)]


def indicator_data(indicator: Indicator, published: str) -> Data:
    """An indicator's row in the data sources and in the definitions."""
    return {
        "code": indicator.code,
        "title": indicator.title,
        "source": indicator.source,
        "latest_data": indicator.latest_data,
        "period": DATA_PERIOD_ABBREVIATIONS[indicator.data_period],
        "released": published,
        "polarity": indicator.polarity or "",
        "frequency": indicator.frequency,
        "definition": indicator.definition,
    }
