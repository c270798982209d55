"""A scorecard's summary: its notable changes in words, and its RAG counts.

Which changes are notable (the rule, in table order, each indicator once):
on a scorecard's headline page (its county page), a result that moved since
the previously reported result (improved or worsened) and

- whose RAG differs from the previously reported result's against the same
  target (it came onto or fell off target), or
- is Red and worsened (further from a target it is far from), or
- is Amber and improved (closing on its target).

The seed's Kent summary has four of these, chosen by hand; an editor can
remove, replace or add any sentence (see `overrides`).

The RAG count sentences are those of the seed's social-care report (section
3): "There are 43 measures within the SCS Performance Scorecard which have a
RAG (Red, Amber, Green) rating applied." and "For June 2017, 17 performance
measures are rated as Green, 19 as Amber and seven as Red."
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scorecards.assess.assessment import Assessment
from scorecards.assess.direction import Direction
from scorecards.assess.rag import Rag
from scorecards.assess.tables import Page, Row
from scorecards.periods import Month
from scorecards.release.model import Release
from scorecards.release.narrative.change import change_sentence
from scorecards.release.narrative.wording import SEED_WORDING, Wording, count_words, plural

MOVED = (Direction.IMPROVED, Direction.WORSENED)
NOTABLE_WHEN_SAME_RAG = ((Rag.RED, Direction.WORSENED), (Rag.AMBER, Direction.IMPROVED))


@dataclass(frozen=True)
class Sentence:
    """A sentence of a summary, keyed by scorecard, geography and indicator codes."""

    scorecard: str
    geography: str
    indicator: str
    text: str
    generated: str  # what Scorecards wrote; empty when an editor added the sentence
    edited: bool = False
    edited_by: str = ""
    stale: bool = False  # edited, but the numbers no longer give the sentence the editor replaced

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.scorecard, self.geography, self.indicator)


def headline_pages(release: Release) -> list[Page]:
    """The pages a summary and exception pages are written for: each scorecard's county page."""
    return [page for page in release.pages if page.geography.level == "county"]


def page_summary(page: Page, wording: Wording = SEED_WORDING) -> list[Sentence]:
    """The generated summary of one scorecard page: a sentence per notable change."""
    sentences = []
    for row in notable_rows(page):
        text = change_sentence(row.assessment, cadence_months=page.scorecard.cadence_months, wording=wording)
        if text:
            key = (page.scorecard.code, page.geography.code, row.indicator.code)
            sentences.append(Sentence(*key, text=text, generated=text))
    return sentences


def notable_rows(page: Page) -> list[Row]:
    rows: dict[str, Row] = {}
    for row in own_rows(page):
        if row.indicator.code not in rows and is_notable(row.assessment):
            rows[row.indicator.code] = row
    return list(rows.values())


def own_rows(page: Page) -> Iterable[Row]:
    """The page's rows for its own geography (not sections pinned to another one)."""
    return (row for row in page.rows() if row.geography.code == page.geography.code)


def is_notable(assessment: Assessment) -> bool:
    if assessment.dot not in MOVED:
        return False
    came_onto_or_fell_off_target = assessment.previous_rag != assessment.rag
    return came_onto_or_fell_off_target or (assessment.rag, assessment.dot) in NOTABLE_WHEN_SAME_RAG


def rated_total_sentence(total: int, scorecard: str) -> str:
    """ "There are 43 measures within the SCS Performance Scorecard which have a RAG … rating applied."."""
    verb, has = ("is", "has") if total == 1 else ("are", "have")
    return (
        f"There {verb} {_how_many(total)} {plural(total, 'measure')} within the {scorecard} "
        f"which {has} a RAG (Red, Amber, Green) rating applied."
    )


def rag_count_sentence(counts: Mapping[Rag, int], month: Month) -> str:
    """ "For June 2017, 17 performance measures are rated as Green, 19 as Amber and seven as Red."."""
    green, amber, red = (counts.get(rag, 0) for rag in Rag)
    verb = "is" if green == 1 else "are"
    return (
        f"For {month.long_name}, {_how_many(green)} {plural(green, 'performance measure')} {verb} "
        f"rated as Green, {count_words(amber)} as Amber and {count_words(red)} as Red."
    )


def _how_many(count: int) -> str:
    return "no" if count == 0 else count_words(count)
