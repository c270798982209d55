"""`scorecard.xlsx`: a sheet per scorecard and geography, RAG cells
coloured (and spelt out, so colour is never the only signal), headings frozen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from scorecards.assess.direction import ARROWS
from scorecards.assess.rag import Rag
from scorecards.assess.tables import Cell, Page
from scorecards.release.model import Release

RAG_COLOURS = {
    Rag.GREEN: ("#00703C", "#FFFFFF"),
    Rag.AMBER: ("#FFDD00", "#0B0C0C"),
    Rag.RED: ("#D4351C", "#FFFFFF"),
}
TITLE_ROWS = 3  # title, geography and data month, blank


def write(release: Release, folder: Path) -> None:
    workbook = xlsxwriter.Workbook(str(folder / "scorecard.xlsx"), {"strings_to_numbers": False})
    workbook.set_properties(
        {
            "title": release.name,
            "author": release.framework.produced_by,
            "company": release.framework.organisation,
            # The build time, not now: SOURCE_DATE_EPOCH makes a rebuild byte-identical.
            "created": release.built_at.replace(tzinfo=None),
        }
    )
    formats = _formats(workbook)
    names: set[str] = set()
    for page in release.pages:
        sheet = workbook.add_worksheet(_sheet_name(page, names))
        _write_page(sheet, page, release, formats)
    if release.commentary:  # no sheet at all when there is none: the workbook is as before
        _write_commentary(workbook.add_worksheet(_unique("Commentary", names)), release, formats)
    workbook.close()


def _write_commentary(sheet: Worksheet, release: Release, formats: dict[str, Any]) -> None:
    """The release's commentary, one row per indicator, geography and group."""
    sheet.write(0, 0, f"Commentary - {release.name}", formats["title"])
    headings = ["Code", "Indicator", "Geography", "Group", "Commentary", "Author", "Approved by"]
    sheet.write_row(TITLE_ROWS, 0, headings, formats["heading"])
    sheet.freeze_panes(TITLE_ROWS + 1, 2)
    framework = release.framework
    for row, entry in enumerate(release.commentary, start=TITLE_ROWS + 1):
        indicator, geography = framework.indicators[entry.indicator], framework.geographies[entry.geography]
        cells = [entry.indicator, indicator.title, geography.name, entry.group, entry.text]
        sheet.write_row(row, 0, [*cells, entry.author, entry.approved_by], formats["text"])
    for column, width in enumerate((10, 50, 20, 10, 80, 20, 20)):
        sheet.set_column(column, column, width)


def _formats(workbook: xlsxwriter.Workbook) -> dict[str, Any]:
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "heading": workbook.add_format(
            {"bold": True, "bg_color": "#F3F2F1", "text_wrap": True, "valign": "top", "border": 1}
        ),
        "section": workbook.add_format({"bold": True, "italic": True}),
        "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "cell": workbook.add_format({"align": "right"}),
    }
    for rag, (background, colour) in RAG_COLOURS.items():
        formats[rag.value] = workbook.add_format(
            {"bg_color": background, "font_color": colour, "bold": True, "align": "center"}
        )
    return formats


def _sheet_name(page: Page, taken: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\; names must be unique."""
    return _unique(f"{page.scorecard.code} {page.geography.name}", taken)


def _unique(base: str, taken: set[str]) -> str:
    for char in "[]:*?/\\":
        base = base.replace(char, "-")
    name, counter = base[:31], 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(name.lower())
    return name


def _write_page(sheet: Worksheet, page: Page, release: Release, formats: dict[str, Any]) -> None:
    sheet.write(0, 0, f"{page.scorecard.title} - {page.geography.name}", formats["title"])
    sheet.write(1, 0, release.name)
    row = TITLE_ROWS
    widest = max((len(t.headings) for t in page.tables), default=0)
    for index, table in enumerate(page.tables):
        sheet.write_row(row, 0, ["Code", table.title, *table.headings], formats["heading"])
        if index == 0:
            sheet.freeze_panes(row + 1, 2)
        row += 1
        for section in table.sections:
            if section.title:
                sheet.write(row, 0, section.title, formats["section"])
                row += 1
            for table_row in section.rows:
                sheet.write(row, 0, table_row.indicator.code)
                sheet.write(row, 1, table_row.indicator.title, formats["text"])
                for column, cell in enumerate(table_row.cells, start=2):
                    _write_cell(sheet, row, column, cell, formats)
                row += 1
        if table.counts:
            counts = ", ".join(f"{rag.value} {count}" for rag, count in table.counts.items())
            sheet.write(row, 1, f"RAG count: {counts}", formats["section"])
            row += 1
        row += 1
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, widest + 1, 12)


def _write_cell(sheet: Worksheet, row: int, column: int, cell: Cell, formats: dict[str, Any]) -> None:
    if cell.rag is not None:
        text = f"{cell.text} ({cell.rag.value})" if cell.column.show == "latest_rag" else cell.rag.value
        sheet.write_string(row, column, text, formats[cell.rag.value])
    elif cell.direction is not None:
        sheet.write_string(row, column, f"{ARROWS[cell.direction]} {cell.direction.value}", formats["cell"])
    elif cell.number is not None and cell.column.show in ("numerator", "denominator"):
        sheet.write_number(row, column, cell.number, formats["cell"])
    else:
        sheet.write_string(row, column, cell.text, formats["cell"])
