"""`scorecards load annex-a`: Ofsted's Annex A workbook, lists 1–11.

Each sheet named "List <n>" goes to `annex_a_list_<n>` (columns in
`annex_a_lists.py`), read with openpyxl in read-only mode using the values
Excel last calculated (a formula's result, not its text). A workbook is
hand-kept, so besides the field checks the loader reports what a person
typing into it gets wrong: spreadsheet error values (`#N/A`), blank
characteristics, a child born after the event the list records, an end
before its start, a postcode that is not one. Rows are the sheet's rows.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Protocol, cast

import duckdb
import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from scorecards.errors import ScorecardsError
from scorecards.warehouse.annex_a.lists import EVENT_DATES, HEADINGS, INTERVALS, TABLES, normalise
from scorecards.warehouse.loaders import FileOutcome
from scorecards.warehouse.record_rules import RecordRule
from scorecards.warehouse.records import Problem, load_staged
from scorecards.warehouse.ssda903.loader import POSTCODE
from scorecards.warehouse.staging import stage_rows

SHEET = re.compile(r"^\s*list\s*(\d{1,2})\b", re.IGNORECASE)
ERRORS = ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!")
PREFIX = r"^[A-Za-z]{1,2}\)\s*"  # the drop-down letter: "b) Female"


class Sheet(Protocol):
    """What the loader reads of a worksheet (openpyxl's read-only sheet)."""

    title: str

    def iter_rows(self, *, values_only: bool) -> Iterator[tuple[object, ...]]: ...


class AnnexALoader:
    kind = "annex-a"
    version = "1"

    def load_file(self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
        for spec in TABLES.values():
            con.execute(spec.ddl())
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError) as exc:
            raise ScorecardsError(f"{path.name}: not an Excel workbook (.xlsx): {exc}") from exc
        try:
            sheets = [cast(Sheet, sheet) for sheet in workbook.worksheets]
            return _load_workbook(con, sheets, path.name, load_id)
        finally:
            workbook.close()


LOADER = AnnexALoader()


def _load_workbook(
    con: duckdb.DuckDBPyConnection, sheets: list[Sheet], shown_as: str, load_id: int
) -> FileOutcome:
    outcome = FileOutcome()
    for sheet in sheets:
        found = SHEET.match(sheet.title)
        number = int(found.group(1)) if found else None
        if number not in TABLES:
            reason = f"sheet {sheet.title!r} is not one of Annex A's lists 1–11: not loaded"
            outcome.problems.append(Problem(shown_as, 1, "", reason, "warning"))
            continue
        count, problems = _load_list(con, sheet, number, f"{shown_as} [{sheet.title}]", load_id)
        outcome.rows[TABLES[number].table] = count
        outcome.problems += problems
    if not outcome.rows:
        raise ScorecardsError(f"{shown_as}: no sheet named 'List 1' … 'List 11': not an Annex A workbook")
    return outcome


def _load_list(
    con: duckdb.DuckDBPyConnection, sheet: Sheet, number: int, shown_as: str, load_id: int
) -> tuple[int, list[Problem]]:
    rows = sheet.iter_rows(values_only=True)
    headings = next(rows, ())
    names, problems = _columns(headings, number, shown_as)
    records = (
        [str(index), *(_text(values[i]) if i < len(values) else None for i in names)]
        for index, values in enumerate(rows, start=2)
        if any(value not in (None, "") for value in values)
    )
    stage_rows(con, list(names.values()), records)
    problems += _spreadsheet_errors(con, list(names.values()), shown_as)
    _strip_prefixes(con, [n for n in names.values() if _kind(number, n) in ("text", "code")])
    inserted, found = load_staged(con, TABLES[number], load_id, shown_as, rules(number))
    return inserted, problems + found


def _columns(headings: Iterable[object], number: int, shown_as: str) -> tuple[dict[int, str], list[Problem]]:
    """Column index → field name for the headings this list knows; a warning for each other heading."""
    known = HEADINGS[number]
    names: dict[int, str] = {}
    problems = []
    for index, heading in enumerate(headings):
        key = normalise(heading)
        if key in known and known[key] not in names.values():
            names[index] = known[key]
        elif key:
            reason = f"column {str(heading).strip()!r} is not a List {number} column: ignored"
            problems.append(Problem(shown_as, 1, str(heading).strip(), reason, "warning"))
    return names, problems


def _text(value: object) -> str | None:
    """A cell as the text the SQL checks read: dates ISO, whole numbers without '.0'."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time(0) else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").strip()


def _kind(number: int, name: str) -> str:
    return next(f.kind for f in TABLES[number].fields if f.name == name)


def _spreadsheet_errors(con: duckdb.DuckDBPyConnection, names: list[str], shown_as: str) -> list[Problem]:
    """Report cells holding an Excel error value (#N/A …), then blank them."""
    if not names:
        return []
    errors = ", ".join(f"'{e}'" for e in ERRORS)
    found = " UNION ALL ".join(
        f'SELECT _row, \'{n}\' AS field, "{n}" AS value FROM _stage WHERE upper(trim("{n}")) IN ({errors})'
        for n in names
    )
    rows = con.execute(
        f"SELECT f._row, f.field, f.value, CAST(to_json(s) AS VARCHAR) FROM ({found}) f "
        "JOIN _stage s ON s._row = f._row ORDER BY f._row, f.field"
    ).fetchall()
    for n in names:
        con.execute(f'UPDATE _stage SET "{n}" = NULL WHERE upper(trim("{n}")) IN ({errors})')
    return [
        Problem(
            shown_as,
            int(row),
            field,
            f"a spreadsheet error value {value}: loaded as blank",
            "warning",
            record,
        )
        for row, field, value, record in rows
    ]


def _strip_prefixes(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    for n in names:
        con.execute(f"UPDATE _stage SET \"{n}\" = regexp_replace(trim(\"{n}\"), '{PREFIX}', '')")


def rules(number: int) -> list[RecordRule]:
    """The whole-record checks of list `number`."""
    fields = {f.name for f in TABLES[number].fields}
    found = [
        RecordRule(name, "blank: Ofsted asks for it", f"t.{name} IS NULL")
        for name in ("gender", "ethnicity", "dob")
        if name in fields
    ]
    if number in EVENT_DATES and "dob" in fields:
        event = EVENT_DATES[number]
        found.append(RecordRule("dob", f"born after the {event.replace('_', ' ')}", f"t.dob > t.{event}"))
    if number in INTERVALS:
        start, end = INTERVALS[number]
        found.append(RecordRule(end, f"{end.replace('_', ' ')} is before {start.replace('_', ' ')}",
                                f"t.{end} < t.{start}"))  # fmt: skip
    if "placement_postcode" in fields:
        found.append(
            RecordRule(
                "placement_postcode",
                "not a postcode",
                "t.placement_postcode IS NOT NULL "
                f"AND NOT regexp_full_match(upper(t.placement_postcode), '{POSTCODE}')",
            )
        )
    return found
