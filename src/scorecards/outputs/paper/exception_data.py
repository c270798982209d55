"""Exception pages and progress towards later targets, as the data the paper's template prints.

Each figure is the `ExceptionPage` or `Trajectory` as already computed and
rated (`paper.exceptions`, `scorecards.assess.trajectory`): nothing is rated here,
only written as text.
"""

from __future__ import annotations

from typing import Any

from scorecards.assess.trajectory import Outlook
from scorecards.framework.formatting import value_text
from scorecards.outputs.paper.contents import Part, Progress
from scorecards.outputs.paper.exceptions import ExceptionPage
from scorecards.release.narrative.outlook import outlook_sentence

Data = dict[str, Any]
ON_COURSE_TEXT = {True: "Yes", False: "No", None: "Not judged"}


def exception_data(page: ExceptionPage) -> Data:
    row, indicator = page.row, page.indicator
    return {
        "anchor": page.anchor,
        "title": indicator.title,
        "line": f"{indicator.code} · {row.geography.name} · {page.scorecard.title}",
        "trend": {
            "labels": [column.label for column in page.trend],
            "result_label": f"{row.geography.name} result",
            "results": [column.result for column in page.trend],
            "targets": [column.target for column in page.trend],
            "rags": [
                {"text": column.rag.value.title(), "style": column.rag.value} if column.rag else None
                for column in page.trend
            ],
        },
        "chart": {"svg": str(page.chart.svg), "alt": page.chart.description},
        "trajectory": trajectory_data(page),
        "commentary": commentary_data(page),
        "notes": [list(note) for note in page.notes],
    }


def trajectory_data(page: ExceptionPage) -> Data | None:
    if page.trajectory is None:
        return None
    return {
        "outlooks": [outlook_sentence(page.indicator, outlook) for outlook in page.trajectory.outlooks],
        "method": f"Projection: {page.trajectory.method}.",
    }


def commentary_data(page: ExceptionPage) -> Data | None:
    """The commentary, who wrote and who approved it; None when nobody has written any."""
    commentary = page.commentary
    if commentary is None:
        return None
    approved = f"; approved by {commentary.approved_by}" if commentary.approved_by else ""
    by = f"({commentary.author}{approved})" if commentary.author else ""
    return {"text": commentary.text, "by": by}


def progress_data(part: Part) -> Data:
    """A scorecard's table of trajectories: a row per later target, the indicator's cells spanning them."""
    return {
        "anchor": f"{part.anchor}-progress",
        "heading": f"{part.scorecard.title}: progress towards later targets",
        "items": [progress_item(item) for item in part.progress],
    }


def progress_item(item: Progress) -> Data:
    row, path = item.row, item.trajectory
    latest = row.assessment.latest
    return {
        "code": row.indicator.code,
        "title": row.indicator.title,
        "latest": f"{value_text(row.assessment.value, row.indicator)} ({latest.period if latest else ''})",
        "based_on": f"{len(path.fitted)} results, {path.fitted[0].period} to {path.fitted[-1].period}",
        "outlooks": [outlook_data(item, outlook) for outlook in path.outlooks],
    }


def outlook_data(item: Progress, outlook: Outlook) -> Data:
    rag = outlook.rag.value if outlook.rag else ""
    return {
        "year": outlook.target.year,
        "target": outlook.target.label,
        "projected": value_text(outlook.projected, item.row.indicator),
        "rag": {"text": rag, "style": rag},
        "on_course": ON_COURSE_TEXT[outlook.on_course],
    }
