"""The council's child → district (and team) map, which attributes records
to geographies.

Neither SSDA903 nor the CIN census carries a district, so the council
supplies a small CSV alongside the returns: `child_id,district[,team]`.
`child_id` is the identifier its case-management system puts in SSDA903
`CHILD` and CIN census `LAchildID`; `district` is the district's code in the
framework's geographies (ONS code, e.g. E07000105); `team` optionally the
team's code. Either the `ssda903` or the `cin-census` kind loads it (the
file is recognised by its columns). The latest load wins for each child.
See docs/record-formats.md, "Attributing records to geographies".
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scorecards.warehouse.record_rules import RecordRule, duplicate_of_earlier
from scorecards.warehouse.records import Field, Problem, RecordTable, load_staged

TABLE = RecordTable(
    "geography_map",
    (
        Field("child_id", kind="text", required=True),
        Field("district", kind="text"),
        Field("team", kind="text"),
    ),
    "which district (and team) each child's records are attributed to",
)
COLUMNS = frozenset({"child_id", "district"})


def is_geography_map(columns: set[str]) -> bool:
    """A staged file with `child_id` and `district` columns is a geography map."""
    return columns >= COLUMNS


def load_map(con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> tuple[int, list[Problem]]:
    """Insert the staged geography map; a child placed nowhere is a warning, not an error."""
    return load_staged(con, TABLE, load_id, path.name, RULES)


RULES = (
    RecordRule(
        "district",
        "no district or team: the child's records count only in the county total",
        "t.district IS NULL AND t.team IS NULL",
    ),
    RecordRule(
        "child_id",
        "the same child as an earlier row: the later row wins",
        duplicate_of_earlier(["child_id"]),
    ),
)
