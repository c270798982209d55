"""A scorecard page's tables as one reader sees them: filtered by RAG and
service, sorted, and with small numbers suppressed for the public.

Pure functions over the JSON a ScorecardPage keeps; the view renders the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SUPPRESSED = "[c]"  # the ONS mark for a confidential (suppressed) figure
RAG_CHOICES = (
    ("", "Any rating"),
    ("RED", "Red"),
    ("AMBER", "Amber"),
    ("GREEN", "Green"),
    ("none", "Not rated"),
)
SORT_CHOICES = (
    ("", "As printed"),
    ("rag", "Rating, red first"),
    ("code", "Indicator code"),
    ("title", "Indicator title"),
)
RAG_ORDER = {"RED": 0, "AMBER": 1, "GREEN": 2, "": 3}


@dataclass(frozen=True)
class View:
    """What the reader asked for, cleaned: unknown values mean 'no filter'."""

    rag: str = ""
    service: str = ""
    sort: str = ""

    @classmethod
    def from_query(cls, query: dict[str, str], services: list[str]) -> View:
        rag = query.get("rag", "")
        service = query.get("service", "")
        sort = query.get("sort", "")
        return cls(
            rag=rag if rag in dict(RAG_CHOICES) else "",
            service=service if service in services else "",
            sort=sort if sort in dict(SORT_CHOICES) else "",
        )

    @property
    def key(self) -> str:
        return f"{self.rag}|{self.service}|{self.sort}"

    @property
    def filtered(self) -> bool:
        return bool(self.rag or self.service)


def present(tables: list[dict[str, Any]], view: View, suppress: bool) -> list[dict[str, Any]]:
    return [_table(t, view, suppress) for t in tables]


def _table(table: dict[str, Any], view: View, suppress: bool) -> dict[str, Any]:
    sections = []
    for section in table["sections"]:
        rows = [_row(r, suppress) for r in section["rows"] if _wanted(r, view, suppress)]
        if rows:
            sections.append({"title": section["title"], "rows": _sorted(rows, view.sort)})
    shown = sum(len(s["rows"]) for s in sections)
    total = sum(len(s["rows"]) for s in table["sections"])
    small = any(c["small"] for s in sections for r in s["rows"] for c in r["cells"])
    return {**table, "sections": sections, "shown": shown, "total": total, "small": small}


def _wanted(row: dict[str, Any], view: View, suppress: bool) -> bool:
    rag = "" if suppress and _primary_suppressed(row) else row["rag"]
    if view.rag == "none" and rag:
        return False
    if view.rag not in ("", "none") and rag != view.rag:
        return False
    return not view.service or row["service"] == view.service


def _primary_suppressed(row: dict[str, Any]) -> bool:
    return any(c["small"] and c["rag"] for c in row["cells"])


def _sorted(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    if sort == "rag":
        return sorted(rows, key=lambda r: RAG_ORDER.get(r["shown_rag"], 3))
    if sort in ("code", "title"):
        return sorted(rows, key=lambda r: str(r[sort]).lower())
    return rows


def _row(row: dict[str, Any], suppress: bool) -> dict[str, Any]:
    cells = [_cell(c, suppress) for c in row["cells"]]
    rag = "" if suppress and _primary_suppressed(row) else row["rag"]
    return {**row, "cells": cells, "shown_rag": rag}


def _cell(cell: dict[str, Any], suppress: bool) -> dict[str, Any]:
    if suppress and cell["small"]:
        return {
            **cell,
            "text": SUPPRESSED,
            "rag": "",
            "dot": "",
            "arrow": "",
            "suppressed": True,
            "flag": False,
        }
    return {**cell, "suppressed": False, "flag": cell["flag"] or cell["small"]}


def suppressed_text(text: str, small: bool, suppress: bool) -> str:
    return SUPPRESSED if suppress and small else text
