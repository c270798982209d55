"""Record tables declared as data, checked and loaded by SQL.

A loader describes each table it fills (`RecordTable`: fields with a kind,
whether required, allowed codes). A staged file (`_stage`, its text) is
typed in one pass and checked by SQL (`load_staged`): a record with a
missing required field or a value that is not a date or number is rejected
(quarantined); an unknown code is loaded and reported as a warning, because
real extracts carry odd codes and the analyst should see them, not lose the
record.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse.record_rules import THIS_FILE, THIS_LOAD, RecordRule

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
            # DuckDB's cast reads exactly TRUE_WORDS and FALSE_WORDS, in any case
            # (tests/warehouse/test_records.py), at a fraction of the cost of comparing words.
            return f"TRY_CAST({text} AS BOOLEAN)"
        case _:
            return text


def _date(text: str) -> str:
    """SQL: the date in `text` by the first of DATE_FORMATS that reads all of it.

    A date shaped like 2017-03-31 (the CIN census), 31/03/2017 (SSDA903) or
    2017-Mar-31 00:00:00 (the school census) can only be read by one of the
    formats, so it is read by that one alone: trying the formats in turn
    costs several times more for any but the first, and a load reads
    millions of dates.
    """
    formats = ", ".join(f"'{fmt}'" for fmt in DATE_FORMATS)
    return (
        f"CASE WHEN {text} LIKE '____-__-__' THEN CAST(try_strptime({text}, '%Y-%m-%d') AS DATE) "
        f"WHEN {text} LIKE '__/__/____' THEN CAST(try_strptime({text}, '%d/%m/%Y') AS DATE) "
        f"WHEN {text} LIKE '____-___-__ __:__:__' "
        f"THEN CAST(try_strptime({text}, '%Y-%b-%d %H:%M:%S') AS DATE) "
        f"ELSE CAST(try_strptime({text}, [{formats}]) AS DATE) END"
    )


@dataclass(frozen=True)
class Check:
    """A field check: SQL true when a record fails it (on `t`, the typed record,
    whose `_blank_<field>` says the file left the field empty), and the SQL of
    the reason to report (which may quote `s`, the staged text)."""

    field: str
    failing: str
    reason: str
    severity: Literal["rejected", "warning"]


def _checks(spec: RecordTable, present: set[str]) -> Iterable[Check]:
    for f in spec.fields:
        if f.column not in present:
            if f.required:
                missing = f"required column {f.source or f.name} is missing from the file"
                yield Check(f.name, "true", _quote(missing), "rejected")
            continue
        if f.required:
            yield Check(f.name, f't."{_blank(f)}"', "'required value is missing'", "rejected")
        if f.kind in ("date", "integer", "number", "boolean"):
            raw = f"nullif(trim(s.\"{f.column}\"), '')"
            failing = f't."{f.name}" IS NULL AND NOT t."{_blank(f)}"'
            yield Check(f.name, failing, f"'not a {f.kind}: ' || {raw}", "rejected")
        if f.codes is not None:
            allowed = ", ".join(_quote(c) for c in sorted(f.codes))
            yield Check(
                f.name,
                f'upper(t."{f.name}") NOT IN ({allowed})',
                f"'unknown code ' || t.\"{f.name}\"",
                "warning",
            )


def _blank(f: Field) -> str:
    return f"_blank_{f.name}"


def load_staged(
    con: duckdb.DuckDBPyConnection,
    spec: RecordTable,
    load_id: int,
    shown_as: str,
    rules: Sequence[RecordRule] = (),
    filled: Mapping[str, object] | None = None,
) -> tuple[int, list[Problem]]:
    """Check `_stage` (text columns, `_row`) against `spec` and its `rules`,
    and insert the acceptable records; return the count inserted and every problem.

    The staged text is typed once into the temp table `_typed` (what rules call
    `t`, and `record_rules.THIS_FILE`); field checks, then rules, remove what
    they reject from it, and what is left is inserted in one statement. Each
    step reads this file's records only, so loading the thousandth file of a
    table costs what loading the first did. `filled` gives a value for each
    named column the file leaves empty (the census term its name gives).
    """
    present = {name.lower() for name in staged_columns(con)}
    checks = list(_checks(spec, present))
    _type_staged(con, spec, present, checks, load_id)
    problems = _field_problems(con, checks, shown_as)
    _drop_rejected(con, problems)
    if rules:
        found = check_rules(con, rules, load_id, shown_as)
        _drop_rejected(con, found)
        problems += found
    con.execute(spec.ddl())
    return _insert(con, spec, filled or {}), problems


def _type_staged(
    con: duckdb.DuckDBPyConnection, spec: RecordTable, present: set[str], checks: list[Check], load_id: int
) -> None:
    """`_typed`: the staged records in their warehouse types, with `_load_id`,
    `_source_row`, whether each field was blank, and `_suspect`: whether the
    record fails any field check (worked out in the same pass, so that only
    the few that do are looked at again)."""
    selected = [
        f'CAST({typed(f) if f.column in present else "NULL"} AS {SQL_TYPES[f.kind]}) AS "{f.name}"'
        for f in spec.fields
    ]
    blanks = [
        f'nullif(trim("{f.column}"), \'\') IS NULL AS "{_blank(f)}"'
        for f in spec.fields
        if f.column in present
    ]
    suspect = " OR ".join(f"coalesce({c.failing}, false)" for c in checks) or "false"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {THIS_FILE} AS SELECT *, {suspect} AS _suspect FROM ("
        f"SELECT {', '.join([*selected, *blanks])}, CAST(? AS INTEGER) AS _load_id, _row AS _source_row "
        "FROM _stage) t",
        [load_id],
    )


def _field_problems(con: duckdb.DuckDBPyConnection, checks: list[Check], shown_as: str) -> list[Problem]:
    """The problems of the records `_type_staged` found suspect."""
    suspects = con.execute(f"SELECT count(*) FROM {THIS_FILE} WHERE _suspect").fetchone()
    if not checks or not suspects or not suspects[0]:
        return []  # the file is not read again
    flags = ", ".join(f"{c.failing} AS _fails{i}, {c.reason} AS _reason{i}" for i, c in enumerate(checks))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _failing AS SELECT t._source_row AS _row, {flags} "
        f"FROM {THIS_FILE} t JOIN _stage s ON s._row = t._source_row WHERE t._suspect"
    )
    found = " UNION ALL ".join(
        f"SELECT _row, {_quote(c.field)}, _reason{i}, {_quote(c.severity)} FROM _failing WHERE _fails{i}"
        for i, c in enumerate(checks)
    )
    return _problems(con, found, shown_as)


def _insert(con: duckdb.DuckDBPyConnection, spec: RecordTable, filled: Mapping[str, object]) -> int:
    """Insert `_typed` into the spec's table, with the `filled` values; return the count."""
    names, selected, values = [], [], []
    for f in spec.fields:
        names.append(f.name)
        selected.append(f'coalesce("{f.name}", ?)' if f.name in filled else f'"{f.name}"')
        values += [filled[f.name]] if f.name in filled else []
    for name, sql_type in map(_name_and_type, spec.extra):
        names.append(name)
        selected.append(f"CAST(? AS {sql_type})")
        values.append(filled.get(name))
    columns = ", ".join(f'"{name}"' for name in [*names, "_load_id", "_source_row"])
    return _changed(
        con,
        f'INSERT INTO "{spec.table}" ({columns}) SELECT {", ".join(selected)}, _load_id, _source_row '
        f"FROM {THIS_FILE}",
        values,
    )


def check_rules(
    con: duckdb.DuckDBPyConnection, rules: Sequence[RecordRule], load_id: int, shown_as: str
) -> list[Problem]:
    """Every record of `_typed` failing a rule, one problem per record and rule."""
    checks = " UNION ALL ".join(
        f"SELECT t._source_row, {_quote(r.field)}, {_quote(r.reason)}, {_quote(r.severity)} "
        f"FROM {THIS_FILE} t WHERE {r.failing}"
        for r in rules
    )
    parameters: dict[str, object] = {THIS_LOAD[1:]: load_id} if THIS_LOAD in checks else {}
    return _problems(con, checks, shown_as, parameters)


def _problems(
    con: duckdb.DuckDBPyConnection, checks: str, shown_as: str, parameters: dict[str, object] | None = None
) -> list[Problem]:
    """The problems the UNION of `checks` (row, field, reason, severity) finds, each
    with its record as the file gave it, in row order."""
    found = con.execute(
        f"SELECT * FROM ({checks}) c (row, field, reason, severity) ORDER BY row, field", parameters or {}
    ).fetchall()
    if not found:
        return []
    records = dict(
        con.execute(
            "SELECT _row, CAST(to_json(s) AS VARCHAR) FROM _stage s WHERE _row IN (SELECT unnest($rows))",
            {"rows": sorted({row for row, *_ in found})},
        ).fetchall()
    )
    return [Problem(shown_as, int(r), f, reason, sev, records[r]) for r, f, reason, sev in found]


def _drop_rejected(con: duckdb.DuckDBPyConnection, problems: Sequence[Problem]) -> None:
    rejected = sorted({p.row for p in problems if p.severity == "rejected"})
    if rejected:
        con.execute(
            f"DELETE FROM {THIS_FILE} WHERE _source_row IN (SELECT unnest($rows))", {"rows": rejected}
        )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _name_and_type(column: str) -> tuple[str, str]:
    """The name and type of an extra column's DDL, e.g. `census_year INTEGER`."""
    name, sql_type = column.split(maxsplit=1)
    return name.strip('"'), sql_type


def _changed(con: duckdb.DuckDBPyConnection, statement: str, parameters: list[object] | None = None) -> int:
    """Run an INSERT; return how many rows it inserted."""
    row = con.execute(statement, parameters).fetchone()
    return int(row[0]) if row else 0


def staged_columns(con: duckdb.DuckDBPyConnection, table: str = "_stage") -> list[str]:
    """A table's columns in order, from a query's description: a catalogue query
    (information_schema) costs more than loading a small file's records."""
    description = con.execute(f'SELECT * FROM "{table}" LIMIT 0').description or []
    return [str(column[0]) for column in description]


CSV_OPTIONS = (
    "header = true, all_varchar = true, parallel = false, strict_mode = false, null_padding = true, "
    "normalize_names = false"
)
DELIMITERS = (",", ";", "\t", "|")


def csv_columns(con: duckdb.DuckDBPyConnection, path: str) -> list[str]:
    """The column names of a CSV file's header, as written (read here when plain,
    else by DuckDB's sniffer)."""
    plain = _plain_header(path)
    if plain is not None:
        return plain[0]
    description = con.execute(f"SELECT * FROM read_csv(?, {CSV_OPTIONS}) LIMIT 0", [path]).description
    return [str(column[0]) for column in description or []]


def _plain_header(path: str) -> tuple[list[str], str] | None:
    """The header and delimiter of a plain UTF-8 CSV (a comma, or else the first of
    DELIMITERS its first line holds), or None when the file's first line is not
    plainly a header and DuckDB's sniffer had better look at the file."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            line = handle.readline()
    except (OSError, UnicodeDecodeError):
        return None
    delimiter = next((d for d in DELIMITERS if d in line), ",")
    header = next(csv.reader([line], delimiter=delimiter), [])
    if not line.endswith("\n") or not all(header) or '"' in line:
        return None
    return [name.strip() for name in header], delimiter


def stage_csv(con: duckdb.DuckDBPyConnection, path: str, renames: Mapping[str, str] | None = None) -> None:
    """Make `_stage` the CSV as text: columns lower-cased (then renamed by
    `renames`), `_row` the file's row number.

    `_stage` is a view, not a copy: a load reads the file once to type its
    records, and again only to quote the records it has problems with.
    Copying every value as text first cost as much as the rest of the load.
    A plain header is read here, so that DuckDB need not sniff the file (a
    sniff costs more than reading a small file's records).
    """
    plain = _plain_header(path)
    if plain is None:
        columns, options = csv_columns(con, path), CSV_OPTIONS
    else:
        columns, delimiter = plain
        types = "{" + ", ".join(f"{_quote(c)}: 'VARCHAR'" for c in columns) + "}"
        options = (
            f"{CSV_OPTIONS}, auto_detect = false, delim = {_quote(delimiter)}, quote = '\"', "
            f"escape = '\"', columns = {types}"
        )
    names = [c if c.lower() == "_row" else (renames or {}).get(c.lower(), c.lower()) for c in columns]
    clashing = sorted({n for n in names if names.count(n) > 1} | ({"_row"} & set(names)))
    if clashing:
        raise ScorecardsError(
            f"{path}: the column {clashing[0]!r} appears more than once (letter case aside)"
        )
    aliases = ", ".join(f'"{old}" AS "{new}"' for old, new in zip(columns, names, strict=True))
    drop_stage(con)
    con.execute(
        f"CREATE TEMP VIEW _stage AS SELECT row_number() OVER () + 1 AS _row, {aliases} "
        f"FROM read_csv({_quote(path)}, {options})"
    )


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Remove `_stage`, whether the last file left it a table or a view (dropping
    one as the other is an error, and an error aborts the file's transaction)."""
    view = con.execute("SELECT 1 FROM duckdb_views() WHERE temporary AND view_name = '_stage'").fetchone()
    con.execute(f"DROP {'VIEW' if view else 'TABLE'} IF EXISTS _stage")
