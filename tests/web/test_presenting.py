"""Filtering, sorting and suppressing a page's rows (pure functions over the stored tables)."""

from __future__ import annotations

from typing import Any

from scorecards.web.releases.presenting import View, present


def cell(text: str, rag: str = "", small: bool = False) -> dict[str, Any]:
    return {
        "text": text,
        "rag": rag,
        "dot": "",
        "arrow": "",
        "numeric": True,
        "flag": False,
        "status": False,
        "small": small,
    }


def row(code: str, rag: str, service: str = "EH", small: bool = False) -> dict[str, Any]:
    return {
        "code": code,
        "title": f"Title {code}",
        "service": service,
        "geography": "G",
        "rag": rag,
        "cells": [cell("1", rag, small)],
    }


TABLES = [
    {
        "title": "T",
        "headings": [["RAG", True]],
        "counts": [],
        "sections": [
            {
                "title": "",
                "rows": [row("B2", "GREEN"), row("A1", "RED", "SEND"), row("C3", "AMBER"), row("D4", "")],
            }
        ],
    }
]


def codes(tables: list[dict[str, Any]]) -> list[str]:
    return [r["code"] for s in tables[0]["sections"] for r in s["rows"]]


def test_no_view_keeps_the_printed_order() -> None:
    assert codes(present(TABLES, View(), False)) == ["B2", "A1", "C3", "D4"]


def test_filter_by_rag() -> None:
    assert codes(present(TABLES, View(rag="RED"), False)) == ["A1"]
    assert codes(present(TABLES, View(rag="none"), False)) == ["D4"]


def test_filter_by_service() -> None:
    assert codes(present(TABLES, View(service="SEND"), False)) == ["A1"]


def test_sort_red_first_then_amber_green_and_unrated() -> None:
    assert codes(present(TABLES, View(sort="rag"), False)) == ["A1", "C3", "B2", "D4"]


def test_sort_by_code() -> None:
    assert codes(present(TABLES, View(sort="code"), False)) == ["A1", "B2", "C3", "D4"]


def test_counts_what_the_filter_shows() -> None:
    table = present(TABLES, View(rag="GREEN"), False)[0]
    assert (table["shown"], table["total"]) == (1, 4)


def test_unknown_query_values_are_ignored() -> None:
    view = View.from_query({"rag": "PURPLE", "service": "Nope", "sort": "drop table"}, ["EH"])
    assert view == View()


def test_a_suppressed_cell_loses_its_figure_and_rating() -> None:
    tables = [{**TABLES[0], "sections": [{"title": "", "rows": [row("S", "RED", small=True)]}]}]
    shown = present(tables, View(), True)[0]["sections"][0]["rows"][0]
    assert shown["cells"][0]["text"] == "[c]" and shown["cells"][0]["rag"] == "" and shown["shown_rag"] == ""


def test_a_suppressed_rating_is_not_found_by_filtering_on_it() -> None:
    tables = [{**TABLES[0], "sections": [{"title": "", "rows": [row("S", "RED", small=True)]}]}]
    assert codes(present(tables, View(rag="RED"), True)) == []
