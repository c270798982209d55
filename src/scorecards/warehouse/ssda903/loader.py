"""`scorecards load ssda903`: the SSDA903 (children looked after) return.

A file is one of the DfE's CSV tables — header, episodes, reviews, uasc,
oc2, oc3, ad1, placed_for_adoption, previous_permanence, missing — told
apart by its columns (whatever its name), or the XML export holding them
all, or the council's child → district map (`geography_map.py`). Each
table goes to `ssda903_<table>` with the DfE field names in lower case.
Besides the field checks of `records.py`, whole-record rules report what
the DfE's validation would query: blank mandatory fields, duplicate and
overlapping episodes, impossible date orders, malformed postcodes.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse import records, views
from scorecards.warehouse.geography_map import is_geography_map, load_map
from scorecards.warehouse.loaders import FileOutcome
from scorecards.warehouse.record_rules import THIS_FILE, RecordRule, duplicate_of_earlier
from scorecards.warehouse.records import Problem, load_staged, stage_csv
from scorecards.warehouse.ssda903.tables import IGNORED, MANDATORY, MARKERS, TABLES
from scorecards.warehouse.ssda903.xml_export import flatten, is_ssda903_xml
from scorecards.warehouse.staging import stage_rows

POSTCODE = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"
YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


class Ssda903Loader:
    kind = "ssda903"
    version = "1"

    def load_file(self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
        views.create_tables(con)
        outcome = _load_xml(con, path, load_id) if is_ssda903_xml(path) else _load_csv(con, path, load_id)
        views.create_views(con)
        return outcome


LOADER = Ssda903Loader()


def _load_csv(con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
    try:
        stage_csv(con, str(path))
    except duckdb.Error as exc:
        raise ScorecardsError(f"{path.name}: cannot be read as CSV: {exc}") from exc
    columns = staged_columns(con)
    if is_geography_map(columns):
        count, problems = load_map(con, path, load_id)
        return FileOutcome({"geography_map": count}, problems)
    table = recognise(columns, path.name)
    if table in IGNORED:
        reason = f"the SSDA903 {table} table is not used by Scorecards: the file was not loaded"
        return FileOutcome({}, [Problem(path.name, 1, "", reason, "warning")])
    count, problems = _load_table(con, table, path, load_id)
    return FileOutcome({TABLES[table].table: count}, problems)


def _load_xml(con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
    flattened = flatten(path)
    outcome = FileOutcome()
    for table, rows in flattened.rows.items():
        if not rows:
            continue
        stage_rows(con, [f.column for f in TABLES[table].fields], rows)
        count, problems = _load_table(con, table, path, load_id)
        outcome.rows[TABLES[table].table] = count
        outcome.problems += problems
    for element, count in sorted(flattened.unread.items()):
        reason = f"{count} <{element}> element(s) are not part of the SSDA903 tables: not loaded"
        outcome.problems.append(Problem(path.name, 1, element, reason, "warning"))
    return outcome


def staged_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    return set(records.staged_columns(con)) - {"_row"}


def recognise(columns: set[str], shown_as: str) -> str:
    """The SSDA903 table a file's columns belong to: every marker column present,
    then the most of the table's columns present."""
    candidates = {**MARKERS, **IGNORED}
    matching = [name for name, markers in candidates.items() if markers <= columns]
    if not matching:
        expected = "; ".join(f"{name}: {', '.join(sorted(m)).upper()}" for name, m in candidates.items())
        raise ScorecardsError(
            f"{shown_as}: not an SSDA903 table: its columns ({', '.join(sorted(columns)).upper()}) "
            f"include none of the sets that identify one ({expected}), nor CHILD_ID and DISTRICT "
            "of a geography map"
        )
    return max(matching, key=lambda name: (len(_columns_of(name) & columns), -len(_columns_of(name))))


def _columns_of(name: str) -> set[str]:
    return {f.column for f in TABLES[name].fields} if name in TABLES else set(IGNORED[name])


def _load_table(
    con: duckdb.DuckDBPyConnection, name: str, path: Path, load_id: int
) -> tuple[int, list[Problem]]:
    spec = TABLES[name]
    year = collection_year(path)
    filled = {"collection_year": year} if year is not None else {}
    inserted, problems = load_staged(con, spec, load_id, path.name, rules(name), filled)
    problems += _unknown_columns(con, name, path.name)
    if name == "oc3" and year is None and _undated(con):
        problems.append(Problem(path.name, 1, "collection_year", NO_YEAR, "warning"))
    return inserted, problems


NO_YEAR = (
    "the collection year is unknown (no YEAR column, and no year such as 2017 in the file or folder "
    "name): care leavers' birthdays cannot be placed in a year, so they count in no indicator"
)


def _undated(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(f"SELECT count(*) FROM {THIS_FILE} WHERE collection_year IS NULL").fetchone()
    return bool(row and row[0])


def collection_year(path: Path) -> int | None:
    """The year a file's name (or its folder's) gives, e.g. 2017 for SSDA903_2017_episodes.csv."""
    for name in (path.name, path.parent.name):
        found = YEAR_IN_NAME.search(name)
        if found:
            return int(found.group(1))
    return None


def _unknown_columns(con: duckdb.DuckDBPyConnection, name: str, shown_as: str) -> list[Problem]:
    known = _columns_of(name)
    return [
        Problem(
            shown_as,
            1,
            column,
            f"column {column.upper()} is not in the SSDA903 {name} table: ignored",
            "warning",
        )
        for column in sorted(staged_columns(con) - known)
    ]


def rules(name: str) -> list[RecordRule]:
    """The whole-record checks of one table: DfE mandatory fields, then its own rules."""
    blank = [
        RecordRule(f, "blank: the DfE requires a value (loaded, but fix it at source)", f't."{f}" IS NULL')
        for f in MANDATORY.get(name, ())
    ]
    return blank + list(TABLE_RULES.get(name, ()))


def _postcode(field: str) -> RecordRule:
    return RecordRule(
        field,
        "not a postcode",
        f"t.{field} IS NOT NULL AND NOT regexp_full_match(upper(trim(t.{field})), '{POSTCODE}')",
    )


def _overlapping() -> str:
    return (
        f"EXISTS (SELECT 1 FROM {THIS_FILE} o WHERE o.child = t.child "
        "AND o.decom < t.decom AND coalesce(o.dec, DATE '9999-12-31') > t.decom)"
    )


TABLE_RULES: dict[str, tuple[RecordRule, ...]] = {
    "header": (RecordRule("child", "the same child as an earlier row", duplicate_of_earlier(["child"])),),
    "episodes": (
        RecordRule("dec", "the episode ends before it starts", "t.dec < t.decom", "rejected"),
        RecordRule(
            "decom",
            "the same child and start date as an earlier row",
            duplicate_of_earlier(["child", "decom"]),
        ),
        RecordRule("decom", "starts before the child's previous episode ends", _overlapping()),
        RecordRule(
            "rec", "a reason the episode ceased but no end date", "t.rec IS NOT NULL AND t.dec IS NULL"
        ),
        RecordRule(
            "rec", "an end date but no reason the episode ceased", "t.dec IS NOT NULL AND t.rec IS NULL"
        ),
        _postcode("home_post"),
        _postcode("pl_post"),
    ),
    "uasc": (RecordRule("child", "the same child as an earlier row", duplicate_of_earlier(["child"])),),
    "oc3": (RecordRule("child", "the same child as an earlier row", duplicate_of_earlier(["child"])),),
    "placed_for_adoption": (
        RecordRule(
            "child",
            "the same child as an earlier row",
            duplicate_of_earlier(["child"]),
        ),
        RecordRule(
            "date_placed_ceased", "ceased before the child was placed", "t.date_placed_ceased < t.date_placed"
        ),
    ),
    "missing": (RecordRule("mis_end", "ends before it starts", "t.mis_end < t.mis_start"),),
}
