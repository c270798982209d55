"""How to read the report's tables: the same words on the web page and in the PDF.

Each item is a term in bold and the words around it, so the page (Jinja2,
`equality-guidance.html`) and the PDF (Typst, `equality.typ`) print them
alike without either template holding a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.assess.equality_model import EqualityReport


@dataclass(frozen=True)
class GuideItem:
    before: str
    term: str
    after: str


def reading_guide(report: EqualityReport) -> tuple[GuideItem, ...]:
    area = report.area
    items = [
        GuideItem("A ", "gap", " is how far a group is behind the group it is compared with, in the "
                  "measure's unit: positive when the group does worse, negative when it does better. The "
                  "table names the group each is compared with."),
        GuideItem("", "Gap minus England's gap", f" is positive when {area}'s gap is wider than England's."),
    ]  # fmt: skip
    if report.neighbours:
        grouping = f" ({report.grouping.replace('_', ' ')})" if report.grouping else ""
        items.append(
            GuideItem("", "Ranks", f" place {area} among itself and those of its {report.neighbours} "
                      f"statistical neighbours{grouping} that published a figure: 1 is the best result, "
                      "or the narrowest gap.")
        )  # fmt: skip
    items += [
        GuideItem("", "Change on last year", " is this year's result or gap minus last year's."),
        GuideItem("", "Suppressed", ": hidden by disclosure control, because the group, or a group the "
                  "figure is computed from, is small enough that a child could be identified. No figure is "
                  "computed from a suppressed one."),
        GuideItem("", "–", ": not available: England's figures are not published for every group, and a "
                  "rank needs neighbours' figures."),
    ]  # fmt: skip
    return tuple(items)
