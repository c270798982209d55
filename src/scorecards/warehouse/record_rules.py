"""Rules that look at a whole record, not one field: an end before its start,
a score out of range, the same pupil twice in one year.

`records.load_staged` checks each field alone, then runs a loader's rules
over the file's records, typed (so a rule is plain SQL on dates and
numbers): a rule with severity `rejected` keeps the record out of the
warehouse and reports it; a `warning` loads it and reports it. One query
finds every failing record of every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

# The temp table holding the typed records of the file being loaded: a rule's `t`.
THIS_FILE = "_typed"
# The id of the load under way, for a rule reading another table's records of the
# same load: a constant, so that DuckDB reads that load's row groups, not the table.
THIS_LOAD = "$this_load"


@dataclass(frozen=True)
class RecordRule:
    """`failing` is an SQL condition on the record `t` that is true when the rule fails;
    other records of the same file are in THIS_FILE, other tables' records of the
    same load are their rows with `_load_id = THIS_LOAD`."""

    field: str
    reason: str
    failing: str
    severity: Literal["rejected", "warning"] = "warning"


def duplicate_of_earlier(key: Sequence[str]) -> str:
    """A `failing` condition: an earlier record of the same file has the same key."""
    same = " AND ".join(f'd."{k}" IS NOT DISTINCT FROM t."{k}"' for k in key)
    return f"EXISTS (SELECT 1 FROM {THIS_FILE} d WHERE d._source_row < t._source_row AND {same})"
