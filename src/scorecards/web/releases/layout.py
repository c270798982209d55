"""A core scorecard page (`tables.Page`) as the JSON a ScorecardPage keeps.

Cells are presented exactly as the release's HTML presents them
(`html_output.html_cell`: the text, the RAG word, the direction); this adds
what the web needs besides: each row's service and primary RAG (for
filtering and sorting) and, per cell, whether it rests on a small
denominator (suppressed for the public).
"""

from __future__ import annotations

from typing import Any

from scorecards.assess.tables import Page, Row, TableView
from scorecards.figures.results import Observation, Result, ResultKey, outturn
from scorecards.framework.model import Column
from scorecards.outputs.html_output import NOT_NUMBERS, html_cell

NEVER_SMALL = frozenset({"polarity", "frequency", "data_period", "target", "monthly_target"})
PRIMARY_RAG = ("latest_rag", "rag")


def is_small(denominator: float | None, limit: int | None) -> bool:
    return limit is not None and denominator is not None and 1 <= denominator <= limit


def page_tables(page: Page, results: dict[ResultKey, Result], limit: int | None) -> list[dict[str, Any]]:
    return [_table(table, results, limit) for table in page.tables]


def _table(table: TableView, results: dict[ResultKey, Result], limit: int | None) -> dict[str, Any]:
    numeric = [c.show not in NOT_NUMBERS for c in table.columns]
    return {
        "title": table.title,
        "headings": [[h, n] for h, n in zip(table.headings, numeric, strict=True)],
        "counts": [[rag.value, count] for rag, count in (table.counts or {}).items()],
        "sections": [
            {
                "title": section.title or (section.geography.name if section.geography else ""),
                "rows": [_row(row, results, limit) for row in section.rows],
            }
            for section in table.sections
        ],
    }


def _row(row: Row, results: dict[ResultKey, Result], limit: int | None) -> dict[str, Any]:
    cells = []
    for cell in row.cells:
        shown = html_cell(cell, limit)
        small = cell.column.show not in NEVER_SMALL and any(
            is_small(o.denominator, limit) for o in cell_observations(cell.column, row, results) if o
        )
        cells.append(
            {
                "text": shown.text,
                "rag": shown.rag.value if shown.rag else "",
                "dot": shown.direction.value if shown.direction else "",
                "arrow": shown.arrow,
                "numeric": shown.numeric,
                "flag": shown.small,
                "status": shown.status,
                "small": small,
            }
        )
    primary = next(
        (c.rag for c in row.cells if c.column.show in PRIMARY_RAG and c.column.group == "all"), None
    )
    return {
        "code": row.indicator.code,
        "title": row.indicator.title,
        "service": row.indicator.service,
        "geography": row.geography.code,
        "rag": primary.value if primary else "",
        "cells": cells,
    }


def cell_observations(column: Column, row: Row, results: dict[ResultKey, Result]) -> list[Observation | None]:
    """The observations a cell's figure is made from."""
    assessment = row.assessment
    result = results.get((row.indicator.code, row.geography.code, column.group))
    latest = result.latest if result else None
    show = column.show
    if show == "series":
        return [result.at_period(column.year) if result and column.year else None]
    if show == "previous":
        return [assessment.previous]
    if show == "dot":
        return [latest, assessment.previous]
    if show in ("one_month_ago", "dot_1m", "change"):
        return [result.one_month_ago if result else None, latest if show != "one_month_ago" else None]
    if show in ("one_year_ago", "dot_1y"):
        return [result.one_year_ago if result else None, latest if show == "dot_1y" else None]
    if show in ("rolling_3m", "rolling_3m_rag"):
        return [assessment.rolling.latest if assessment.rolling else None]
    if show in ("outturn", "outturn_rag") and column.year:
        return [outturn(row.indicator, result, column.year)]
    if show == "variance":
        return [latest, assessment.latest]
    return [latest, assessment.latest if column.group == "all" else None]
