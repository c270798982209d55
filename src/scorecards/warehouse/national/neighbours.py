"""Statistical-neighbour groupings into `statistical_neighbours`.

The DfE's groupings list, for each council, its ten closest councils in
order (`SN1`…`SN10`, or `SN_1`…`SN_10` in the 2025 model), each followed
by a closeness column. Councils are named by their old three-digit codes.
Each grouping is kept under its file's name (`grouping`) with the year in
that name (`published`), so a framework can say which grouping it ranks
against; by default the most recent one loaded is used.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from scorecards.warehouse.records import Problem

DDL = """
CREATE TABLE IF NOT EXISTS statistical_neighbours (
    grouping VARCHAR NOT NULL,
    published INTEGER,
    la_code VARCHAR NOT NULL,
    la_name VARCHAR,
    neighbour_code VARCHAR NOT NULL,
    rank INTEGER NOT NULL,
    closeness VARCHAR,
    _load_id INTEGER NOT NULL,
    _source_row BIGINT NOT NULL
)
"""
NEIGHBOUR_COLUMN = re.compile(r"^sn_?(\d+)$")
CODE_COLUMNS = ("la num", "old_la_code", "la_code", "la number")
NAME_COLUMNS = ("la name", "la_name")
EXPECTED = 10
YEAR = re.compile(r"(20\d{2})")


def code(text: str) -> str:
    """SQL: a council code as text, `886` whether written 886, 886.0 or ` 886`."""
    number = f"CAST(TRY_CAST(TRY_CAST(trim({text}) AS DOUBLE) AS INTEGER) AS VARCHAR)"
    return f"coalesce({number}, nullif(trim({text}), ''))"


def neighbour_columns(columns: list[str]) -> list[tuple[int, str, str | None]]:
    """(rank, neighbour column, closeness column) for each SN column, in order."""
    found = []
    for position, name in enumerate(columns):
        matched = NEIGHBOUR_COLUMN.match(name)
        if matched:
            following = columns[position + 1] if position + 1 < len(columns) else None
            closeness = following if following and not NEIGHBOUR_COLUMN.match(following) else None
            found.append((int(matched[1]), name, closeness))
    return found


def is_grouping(columns: list[str]) -> bool:
    return bool(neighbour_columns(columns)) and any(c in columns for c in CODE_COLUMNS)


def load_grouping(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: int, columns: list[str]
) -> tuple[dict[str, int], list[Problem]]:
    """Insert one row per council and neighbour; report councils without ten."""
    shown_as = str(path)
    la = next(c for c in CODE_COLUMNS if c in columns)
    name = next((f's."{c}"' for c in NAME_COLUMNS if c in columns), "NULL")
    published = YEAR.search(path.stem)
    selects = " UNION ALL ".join(
        f"SELECT {rank} AS rank, {code(f's.{_q(column)}')} AS neighbour_code, "
        f"{f'trim(s.{_q(close)})' if close else 'NULL'} AS closeness, s._row FROM _stage s"
        for rank, column, close in neighbour_columns(columns)
    )
    con.execute(DDL)
    con.execute(
        f"""INSERT INTO statistical_neighbours BY NAME
        SELECT $grouping AS grouping, $published AS published, {code(f"s.{_q(la)}")} AS la_code,
            trim({name}) AS la_name, n.neighbour_code, n.rank, n.closeness, $load AS _load_id,
            s._row AS _source_row
        FROM _stage s JOIN ({selects}) n ON n._row = s._row
        WHERE {code(f"s.{_q(la)}")} IS NOT NULL AND n.neighbour_code IS NOT NULL""",
        {"grouping": path.stem, "published": int(published[1]) if published else None, "load": load_id},
    )
    inserted = con.execute(
        "SELECT count(*) FROM statistical_neighbours WHERE _load_id = ?", [load_id]
    ).fetchone()
    problems = _problems(con, columns, la, load_id, shown_as)
    return {"statistical_neighbours": int(inserted[0]) if inserted else 0}, problems


def _problems(
    con: duckdb.DuckDBPyConnection, columns: list[str], la: str, load_id: int, shown_as: str
) -> list[Problem]:
    """A row with no council code is rejected (a wholly blank line is no record); a
    council without ten neighbours is loaded and reported."""
    blank = "trim(concat_ws('', " + ", ".join(f"s.{_q(c)}" for c in columns if c != "_row") + ")) = ''"
    rows = con.execute(
        f"""SELECT s._row, {code(f"s.{_q(la)}")} IS NULL AS rejected, count(n.rank) AS neighbours,
            CAST(to_json(s) AS VARCHAR)
        FROM _stage s LEFT JOIN statistical_neighbours n ON n._load_id = ? AND n._source_row = s._row
        WHERE NOT ({blank})
        GROUP BY ALL HAVING rejected OR count(n.rank) <> {EXPECTED} ORDER BY 1""",
        [load_id],
    ).fetchall()
    return [
        Problem(shown_as, int(row), la, "no council code", "rejected", record)
        if rejected
        else Problem(
            shown_as, int(row), "neighbours", f"{count} neighbours, not {EXPECTED}", "warning", record
        )
        for row, rejected, count, record in rows
    ]


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'
