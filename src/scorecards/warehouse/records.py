"""Record tables declared as data, checked and loaded by SQL.

A loader describes each table it fills (`RecordTable`: fields with a kind,
whether required, allowed codes). A staged file is then checked with one
query per table: a record with a missing required field or a value that is
not a date or number is rejected (quarantined); an unknown code is loaded
and reported as a warning, because real extracts carry odd codes and the
analyst should see them, not lose the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import duckdb

Kind = Literal["text", "date", "integer", "number", "boolean", "code"]
DATE_FORMATS = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%b-%d %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
)
SQL_TYPES = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "date": "DATE",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
}
TRUE_WORDS = ("true", "yes", "y", "1", "t")
FALSE_WORDS = ("false", "no", "n", "0", "f")


@dataclass(frozen=True)
class Field:
    """One warehouse column and where it comes from in the source file."""

    name: str
    source: str = ""
    kind: Kind = "text"
    required: bool = False
    codes: frozenset[str] | None = None

    @property
    def column(self) -> str:
        return (self.source or self.name).lower()


@dataclass(frozen=True)
class RecordTable:
    table: str
    fields: tuple[Field, ...]
    description: str = ""
    extra: tuple[str, ...] = field(default=())  # additional DDL columns filled by the loader

    def ddl(self) -> str:
        columns = [f'"{f.name}" {SQL_TYPES[f.kind]}' for f in self.fields]
        columns += [*self.extra, "_load_id INTEGER NOT NULL", "_source_row BIGINT NOT NULL"]
        return f'CREATE TABLE IF NOT EXISTS "{self.table}" ({", ".join(columns)})'


@dataclass(frozen=True)
class Problem:
    """A record the loader rejected (`severity` reject) or loaded with a warning."""

    file: str
    row: int
    field: str
    reason: str
    severity: Literal["rejected", "warning"]
    record: str = ""


def typed(f: Field, column: str | None = None) -> str:
    """SQL turning the staged text of `f` into its warehouse type (NULL when it cannot)."""
    text = f"nullif(trim(\"{column or f.column}\"), '')"
    match f.kind:
        case "date":
            return _date(text)
        case "integer":
            return f"TRY_CAST(TRY_CAST({text} AS DOUBLE) AS BIGINT)"
        case "number":
            return f"TRY_CAST({text} AS DOUBLE)"
        case "boolean":
            words_true = ", ".join(f"'{w}'" for w in TRUE_WORDS)
            words_false = ", ".join(f"'{w}'" for w in FALSE_WORDS)
            return (
                f"CASE WHEN lower({text}) IN ({words_true}) THEN true "
                f"WHEN lower({text}) IN ({words_false}) THEN false END"
            )
        case _:
            return text


def _date(text: str) -> str:
    """SQL: the date in `text` by the first of DATE_FORMATS that reads all of it.

    A date shaped like 2017-03-31 (the CIN census) or 31/03/2017 (SSDA903)
    can only be read by one of the formats, so it is read by that one alone:
    trying the formats in turn costs several times more for any but the
    first, and a load reads hundreds of thousands of dates.
    """
    formats = ", ".join(f"'{fmt}'" for fmt in DATE_FORMATS)
    return (
        f"CASE WHEN {text} LIKE '____-__-__' THEN CAST(try_strptime({text}, '%Y-%m-%d') AS DATE) "
        f"WHEN {text} LIKE '__/__/____' THEN CAST(try_strptime({text}, '%d/%m/%Y') AS DATE) "
        f"ELSE CAST(try_strptime({text}, [{formats}]) AS DATE) END"
    )


def _checks(spec: RecordTable, present: set[str]) -> Iterable[str]:
    """SELECTs yielding (row, field, reason, severity) for one staged table."""
    for f in spec.fields:
        if f.column not in present:
            if f.required:
                yield (
                    f"SELECT _row, '{f.name}', "
                    f"'required column {f.source or f.name} is missing from the file', "
                    "'rejected' FROM _stage"
                )
            continue
        raw = f"nullif(trim(\"{f.column}\"), '')"
        if f.required:
            yield (
                f"SELECT _row, '{f.name}', 'required value is missing', 'rejected' "
                f"FROM _stage WHERE {raw} IS NULL"
            )
        if f.kind in ("date", "integer", "number", "boolean"):
            yield (
                f"SELECT _row, '{f.name}', 'not a {f.kind}: ' || {raw}, 'rejected' FROM _stage "
                f"WHERE {raw} IS NOT NULL AND {typed(f)} IS NULL"
            )
        if f.codes is not None:
            allowed = ", ".join("'" + c.replace("'", "''") + "'" for c in sorted(f.codes))
            yield (
                f"SELECT _row, '{f.name}', 'unknown code ' || {raw}, 'warning' FROM _stage "
                f"WHERE {raw} IS NOT NULL AND upper({raw}) NOT IN ({allowed})"
            )


def load_staged(
    con: duckdb.DuckDBPyConnection, spec: RecordTable, load_id: int, shown_as: str
) -> tuple[int, list[Problem]]:
    """Check table `_stage` (text columns, `_row`) against `spec` and insert the
    acceptable records; return the count inserted and every problem found."""
    present = {name.lower() for name in staged_columns(con)}
    checks = list(_checks(spec, present))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _problems (row BIGINT, field VARCHAR, reason VARCHAR, severity VARCHAR)"
    )
    found = _changed(con, "INSERT INTO _problems " + " UNION ALL ".join(checks)) if checks else 0
    con.execute(spec.ddl())
    selected = ", ".join(typed(f) if f.column in present else "NULL" for f in spec.fields)
    names = ", ".join(f'"{f.name}"' for f in spec.fields)
    inserted = _changed(
        con,
        f'INSERT INTO "{spec.table}" ({names}, _load_id, _source_row) '
        f"SELECT {selected}, ?, _row FROM _stage "
        "WHERE _row NOT IN (SELECT row FROM _problems WHERE severity = 'rejected')",
        [load_id],
    )
    if not found:
        return inserted, []
    rows = con.execute(
        "SELECT p.row, p.field, p.reason, p.severity, CAST(to_json(s) AS VARCHAR) FROM _problems p "
        "JOIN _stage s ON s._row = p.row ORDER BY p.row, p.field"
    ).fetchall()
    problems = [Problem(shown_as, int(r), f, reason, sev, record) for r, f, reason, sev, record in rows]
    return inserted, problems


def _changed(con: duckdb.DuckDBPyConnection, statement: str, parameters: list[object] | None = None) -> int:
    """Run an INSERT; return how many rows it inserted."""
    row = con.execute(statement, parameters).fetchone()
    return int(row[0]) if row else 0


def staged_columns(con: duckdb.DuckDBPyConnection, table: str = "_stage") -> list[str]:
    """A table's columns in order, from a query's description: a catalogue query
    (information_schema) costs more than loading a small file's records."""
    description = con.execute(f'SELECT * FROM "{table}" LIMIT 0').description or []
    return [str(column[0]) for column in description]


def stage_csv(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Read a CSV as text into `_stage`, columns lower-cased, `_row` the file's row number."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _stage AS SELECT * FROM ("
        "SELECT row_number() OVER () + 1 AS _row, * FROM read_csv(?, header = true, all_varchar = true, "
        "parallel = false, strict_mode = false, null_padding = true, normalize_names = false))",
        [path],
    )
    lower_case(con)


def lower_case(con: duckdb.DuckDBPyConnection) -> None:
    """Rename `_stage`'s columns to lower case (a file's `_ROW` column is left alone)."""
    columns = staged_columns(con)
    renamed = [c.lower() if c != c.lower() and c.lower() != "_row" else c for c in columns]
    if renamed == columns:
        return
    if len(set(renamed)) == len(renamed):  # one copy, rather than an ALTER per column
        aliases = ", ".join(f'"{old}" AS "{new}"' for old, new in zip(columns, renamed, strict=True))
        con.execute(f"CREATE OR REPLACE TEMP TABLE _stage AS SELECT {aliases} FROM _stage")
        return
    for old, new in zip(columns, renamed, strict=True):  # two columns clash: let DuckDB say so
        if old != new:
            con.execute(f'ALTER TABLE _stage RENAME COLUMN "{old}" TO "{new}"')
