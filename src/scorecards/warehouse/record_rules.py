"""Rules that look at a whole record, not one field: an end before its start,
a score out of range, the same pupil twice in one year.

`records.load_staged` checks each field alone. A loader then runs its rules
over the records it has just inserted (typed, so a rule is plain SQL on
dates and numbers): a rule with severity `rejected` removes the record again
and reports it; a `warning` keeps it and reports it. One query finds every
failing record of every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb

from scorecards.warehouse.records import Problem


@dataclass(frozen=True)
class RecordRule:
    """`failing` is an SQL condition on the loaded record `t` that is true when the rule fails."""

    field: str
    reason: str
    failing: str
    severity: Literal["rejected", "warning"] = "warning"


def apply_rules(
    con: duckdb.DuckDBPyConnection, table: str, rules: Sequence[RecordRule], load_id: int, shown_as: str
) -> tuple[int, list[Problem]]:
    """Check the records of load `load_id` in `table`; remove the rejected ones.

    Returns how many records were removed and every problem found. The
    staged file (`_stage`) must still be there: each problem carries the
    record as it was read.
    """
    if not rules:
        return 0, []
    checks = " UNION ALL ".join(
        f"SELECT t._source_row AS row, {_quote(r.field)} AS field, {_quote(r.reason)} AS reason, "
        f'{_quote(r.severity)} AS severity FROM "{table}" t WHERE t._load_id = $load AND ({r.failing})'
        for r in rules
    )
    rows = con.execute(
        f"SELECT c.row, c.field, c.reason, c.severity, CAST(to_json(s) AS VARCHAR) FROM ({checks}) c "
        "JOIN _stage s ON s._row = c.row ORDER BY c.row, c.field",
        {"load": load_id},
    ).fetchall()
    problems = [Problem(shown_as, int(row), f, reason, sev, record) for row, f, reason, sev, record in rows]
    rejected = sorted({p.row for p in problems if p.severity == "rejected"})
    if rejected:
        con.execute(
            f'DELETE FROM "{table}" WHERE _load_id = $load AND _source_row IN (SELECT unnest($rows))',
            {"load": load_id, "rows": rejected},
        )
    return len(rejected), problems


def duplicate_of_earlier(table: str, key: Sequence[str]) -> str:
    """A `failing` condition: an earlier record of the same load has the same key."""
    same = " AND ".join(f'd."{k}" IS NOT DISTINCT FROM t."{k}"' for k in key)
    return (
        f'EXISTS (SELECT 1 FROM "{table}" d WHERE d._load_id = t._load_id '
        f"AND d._source_row < t._source_row AND {same})"
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
