"""Disclosure control: small numbers computed from records never reach a
published output.

Primary suppression hides a cell whose count of children is small: a
numerator, a denominator, or the complement (denominator − numerator) from 1
up to the threshold − 1 (default 6, so counts of 1 to 5 are hidden, as the
DfE's children's social care statistics do). Secondary suppression then
hides more cells until no suppressed cell can be recovered by subtraction:
within every additive family — the geographies with one parent, and the
groups of one breakdown for one geography — either no cell or at least two
cells are hidden. A gap is hidden when either of its groups is. A hidden
cell is marked `suppressed`, never shown as zero.

Only figures computed from records are controlled: figures from values
files are published aggregates already.
"""

from __future__ import annotations

import duckdb

from scorecards.framework.model import Framework

DEFAULT_THRESHOLD = 6
SUPPRESSED = "suppressed"

PRIMARY_SQL = """
UPDATE observations o SET status = 'suppressed'
FROM thresholds t
WHERE o.indicator = t.indicator AND o.origin = 'records' AND o.status IS NULL AND (
       (o.numerator > 0 AND o.numerator < t.threshold)
    OR (o.denominator > 0 AND o.denominator < t.threshold)
    OR (o.denominator - o.numerator > 0 AND o.denominator - o.numerator < t.threshold)
    OR (o.denominator IS NULL AND o.value > 0 AND o.value < t.threshold))
"""

# A family is a total and the cells that add up to it: a geography and its
# children, or a geography's whole population and the groups of one
# breakdown. A family with exactly one hidden cell gets one more hidden: its
# smallest visible part (a zero only when no other part is left: hiding a
# zero protects nothing from a reader who knows the cell is empty), or the
# total when no part is left visible. Among equally small parts the first by
# geography and group is hidden, so the same records always publish the same
# pattern (row order varies with threads).
FAMILIES_SQL = """
CREATE OR REPLACE TEMP VIEW families AS
SELECT o.rowid AS cell, o.indicator || '|' || o.period || '|' || o.grp || '|geo|' || g.parent AS family,
       false AS is_total, coalesce(o.denominator, o.value) AS size,
       o.status IS NOT DISTINCT FROM 'suppressed' AS hidden, o.geography || '|' || o.grp AS identity
FROM observations o JOIN geographies g ON g.code = o.geography
WHERE o.origin = 'records' AND g.parent IS NOT NULL AND NOT starts_with(o.grp, 'gap:')
UNION ALL
SELECT o.rowid, o.indicator || '|' || o.period || '|' || o.grp || '|geo|' || o.geography,
       true, coalesce(o.denominator, o.value), o.status IS NOT DISTINCT FROM 'suppressed',
       o.geography || '|' || o.grp
FROM observations o
WHERE o.origin = 'records' AND NOT starts_with(o.grp, 'gap:')
  AND EXISTS (SELECT 1 FROM geographies c WHERE c.parent = o.geography)
UNION ALL
SELECT o.rowid, o.indicator || '|' || o.period || '|' || o.geography || '|grp|' || o.breakdown,
       false, coalesce(o.denominator, o.value), o.status IS NOT DISTINCT FROM 'suppressed',
       o.geography || '|' || o.grp
FROM observations o
WHERE o.origin = 'records' AND o.breakdown IS NOT NULL
UNION ALL
SELECT o.rowid, o.indicator || '|' || o.period || '|' || o.geography || '|grp|' || b.breakdown,
       true, coalesce(o.denominator, o.value), o.status IS NOT DISTINCT FROM 'suppressed',
       o.geography || '|' || o.grp
FROM observations o
JOIN (SELECT DISTINCT indicator, breakdown FROM observations WHERE breakdown IS NOT NULL) b USING (indicator)
WHERE o.origin = 'records' AND o.grp = 'all'
"""

SECONDARY_SQL = """
UPDATE observations SET status = 'suppressed'
WHERE rowid IN (
    SELECT arg_min(cell, (is_total, size = 0, size, identity)) FROM families
    WHERE NOT hidden AND family IN (
        SELECT family FROM families GROUP BY family
        HAVING count(*) FILTER (WHERE hidden) = 1 AND count(*) FILTER (WHERE NOT hidden) > 0)
    GROUP BY family)
"""

GAPS_SQL = """
UPDATE observations o SET status = 'suppressed'
WHERE starts_with(o.grp, 'gap:') AND o.status IS NULL AND EXISTS (
    SELECT 1 FROM observations p
    WHERE p.indicator = o.indicator AND p.period = o.period AND p.geography = o.geography
      AND p.status = 'suppressed'
      AND p.grp IN (split_part(substr(o.grp, 5), '-vs-', 1), split_part(substr(o.grp, 5), '-vs-', 2)))
"""

BLANK_SQL = """
UPDATE observations SET value = NULL, numerator = NULL, denominator = NULL WHERE status = 'suppressed'
"""


def suppress(con: duckdb.DuckDBPyConnection, framework: Framework, max_rounds: int = 50) -> int:
    """Apply primary and secondary suppression; return how many cells are hidden."""
    con.execute("CREATE OR REPLACE TEMP TABLE thresholds (indicator VARCHAR, threshold DOUBLE)")
    con.executemany(
        "INSERT INTO thresholds VALUES (?, ?)",
        [
            (code, indicator.compute.suppress_below or framework.suppress_below or DEFAULT_THRESHOLD)
            for code, indicator in framework.indicators.items()
            if indicator.compute is not None
        ],
    )
    con.execute(PRIMARY_SQL)
    con.execute(FAMILIES_SQL)
    for _ in range(max_rounds):
        before = hidden_count(con)
        con.execute(SECONDARY_SQL)
        if hidden_count(con) == before:
            break
    con.execute(GAPS_SQL)
    con.execute(BLANK_SQL)
    return hidden_count(con)


def hidden_count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM observations WHERE status = 'suppressed'").fetchone()
    return int(row[0]) if row else 0
