"""What the committee paper holds, in order: the view its template renders.

Cover → contents → guidance notes → summary of notable changes (each
scorecard's headline page: the generated sentences with the editors'
changes, and the RAG counts) → per scorecard: its pages per geography, an
exception page per Red indicator of its headline page, progress towards
later targets → data sources → definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scorecards.assess.tables import Page, Row, TableView
from scorecards.assess.trajectory import Trajectory
from scorecards.framework.model import Indicator, Scorecard
from scorecards.outputs.paper.exceptions import ExceptionPage, exception_pages
from scorecards.release.model import Release
from scorecards.release.narrative.overrides import Narrative, apply_narrative
from scorecards.release.narrative.summary import (
    Sentence,
    headline_pages,
    own_rows,
    page_summary,
    rag_count_sentence,
    rated_total_sentence,
)
from scorecards.release.narrative.wording import SEED_WORDING, Wording, day_text


@dataclass(frozen=True)
class PageSummary:
    page: Page
    sentences: tuple[Sentence, ...]
    counts: tuple[str, ...]  # the RAG count sentences


@dataclass(frozen=True)
class Progress:
    """An indicator's trajectory to its later targets."""

    row: Row
    trajectory: Trajectory


@dataclass(frozen=True)
class Part:
    scorecard: Scorecard
    anchor: str
    pages: tuple[Page, ...]
    summaries: tuple[PageSummary, ...]
    exceptions: tuple[ExceptionPage, ...]
    progress: tuple[Progress, ...]


@dataclass(frozen=True)
class Paper:
    release: Release
    title: str
    published: str  # "28th July 2017"
    parts: tuple[Part, ...]
    indicators: tuple[Indicator, ...]  # every indicator shown, in order of first appearance

    @property
    def edited(self) -> bool:
        return any(s.edited for part in self.parts for summary in part.summaries for s in summary.sentences)

    @property
    def has_summary(self) -> bool:
        return any(part.summaries for part in self.parts)


def paper_contents(
    release: Release, narrative: Narrative | None = None, wording: Wording = SEED_WORDING
) -> Paper:
    narrative = narrative or Narrative()
    headlines = headline_pages(release)
    parts = tuple(
        _part(release, card, [p for p in headlines if p.scorecard.code == card.code], narrative, wording)
        for card in release.framework.scorecards.values()
    )
    return Paper(
        release=release,
        title=f"{release.framework.name}: {release.name}",
        published=day_text(release.built_at.date()),
        parts=parts,
        indicators=shown_indicators(release),
    )


def _part(
    release: Release, card: Scorecard, headlines: list[Page], narrative: Narrative, wording: Wording
) -> Part:
    return Part(
        scorecard=card,
        anchor=f"scorecard-{card.code}".lower(),
        pages=tuple(printed_page(page) for page in release.pages_of(card.code)),
        summaries=tuple(summary(release, page, narrative, wording) for page in headlines),
        exceptions=tuple(e for page in headlines for e in exception_pages(page, release)),
        progress=tuple(p for page in headlines for p in progress(page)),
    )


def summary(release: Release, page: Page, narrative: Narrative, wording: Wording) -> PageSummary:
    card, geography = page.scorecard.code, page.geography.code
    sentences = apply_narrative(page_summary(page, wording), narrative, card, geography)
    counts: list[str] = []
    for table in page.tables:
        if table.counts:
            counts.append(rated_total_sentence(sum(table.counts.values()), page.scorecard.title))
            counts.append(rag_count_sentence(table.counts, release.data_month))
    return PageSummary(page, tuple(sentences), tuple(counts))


def progress(page: Page) -> list[Progress]:
    """Trajectories of the page's own indicators that have later targets."""
    found: dict[str, Progress] = {}
    for row in own_rows(page):
        path = row.assessment.trajectory
        if path is not None and row.indicator.code not in found:
            found[row.indicator.code] = Progress(row, path)
    return list(found.values())


def printed_page(page: Page) -> Page:
    """The page as printed: a month of a series with no figure in any row is left out
    (the months after the data month of a year-long series, in particular)."""
    return replace(page, tables=tuple(_without_empty_months(table) for table in page.tables))


def _without_empty_months(table: TableView) -> TableView:
    rows = [row for section in table.sections for row in section.rows]
    kept = [
        i
        for i, column in enumerate(table.columns)
        if column.show != "series" or any(row.cells[i].text for row in rows)
    ]
    if len(kept) == len(table.columns):
        return table
    sections = tuple(
        replace(
            section, rows=tuple(replace(row, cells=tuple(row.cells[i] for i in kept)) for row in section.rows)
        )
        for section in table.sections
    )
    return replace(
        table,
        headings=tuple(table.headings[i] for i in kept),
        columns=tuple(table.columns[i] for i in kept),
        sections=sections,
    )


def shown_indicators(release: Release) -> tuple[Indicator, ...]:
    seen: dict[str, Indicator] = {}
    for page in release.pages:
        for row in page.rows():
            seen.setdefault(row.indicator.code, row.indicator)
    return tuple(seen.values())
