"""Early-help cases, in the early-help case CSV (docs/record-formats.md).

A case is notified, allocated within days (a few close at triage without
being allocated), gets a plan (four in five within six weeks of the
notification) and closes some months later. Outcomes are achieved in about
seven closures in ten, less often for children with SEN and for boys; about
one closure in twelve is a step-up to social care.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scorecards.synthetic import codes
from scorecards.synthetic.draws import choice, quote
from scorecards.synthetic.files import write_csv
from scorecards.synthetic.shape import Council, district_choice, diversity
from scorecards.synthetic.timeline import Timeline
from scorecards.synthetic.xmlcin import child_id

EARLY_HELP_CHILDREN = 8_000_000  # early-help children are numbered from here within a council
UNALLOCATED_REASONS = (("disengaged", 40), ("moved", 15), ("stepped_up", 20), ("other", 25))
OTHER_REASONS = (("disengaged", 40), ("stepped_up", 30), ("moved", 13), ("other", 17))


def write_early_help(con: duckdb.DuckDBPyConnection, council: Council, timeline: Timeline, path: Path) -> int:
    """Write the council's early-help cases; return how many."""
    return write_csv(con, _cases(council, timeline), path)


def _team(council: Council) -> str:
    """SQL for the case's early-help team, when its district has any (else empty)."""
    branches = [
        f"WHEN {quote(d.code)} THEN " + choice("u('team', child)", [(t, 1) for t in d.early_help_teams])
        for d in council.districts
        if d.early_help_teams
    ]
    return f"CASE district {' '.join(branches)} END" if branches else "NULL"


def _cases(council: Council, timeline: Timeline) -> str:
    d = timeline.sql_dates()
    count = round(council.early_help_per_year * timeline.history_days / 365)
    first = council.index * 10_000_000 + EARLY_HELP_CHILDREN
    reason = _closure_reason()
    return f"""
WITH cases AS (
    SELECT {first} + i AS child, {d["history_start"]} + randint('notified', {first} + i, 0,
        {timeline.history_days - 1}) AS notified
    FROM range({count}) t(i)
),
people AS (
    SELECT *, notified - {_age()} AS dob, u('male', child) < 0.52 AS male,
        {choice("u('ethnicity', child)", codes.ethnicity(diversity(council)))} AS ethnicity,
        {choice("u('sen', child)", (("N", 78), ("K", 17), ("E", 5)))} AS sen,
        u('step_down', child) < 0.14 AS stepped_down,
        {district_choice(council, "u('district', child)", need=0.4)} AS district
    FROM cases
),
dated AS (
    SELECT *, CASE WHEN u('allocated', child) < 0.93 THEN notified + randint('allocated', child, 0, 20) END
            AS start_date,
        u('planned', child) < 0.9 AS planned
    FROM people
),
planned AS (
    SELECT *, CASE WHEN start_date IS NOT NULL AND planned THEN start_date
            + CASE WHEN u('plan_on_time', child) < 0.8 THEN randint('plan', child, 3, 21)
                ELSE randint('plan', child, 22, 90) END END AS plan_date,
        coalesce(start_date, notified) + CASE WHEN start_date IS NULL THEN randint('closed', child, 1, 30)
            ELSE randint('closed', child, 60, 330) END AS closed
    FROM dated
)
SELECT 'EH' || {child_id(council)} AS case_id, {child_id(council)} AS child_id, district,
    {_team(council)} AS team, strftime(notified, '%Y-%m-%d') AS notification_date,
    {_by_end("start_date", d["data_end"])} AS start_date, {_by_end("plan_date", d["data_end"])} AS plan_date,
    {_by_end("closed", d["data_end"])} AS closure_date,
    CASE WHEN closed <= {d["data_end"]} THEN {reason} END AS closure_reason,
    CASE WHEN stepped_down THEN 'Y' ELSE 'N' END AS stepped_down_from_scs,
    CASE WHEN male THEN 'M' ELSE 'F' END AS gender, strftime(dob, '%Y-%m-%d') AS date_of_birth, ethnicity, sen
FROM planned
WHERE notified <= {d["data_end"]} AND (closed >= {d["extract_start"]})
ORDER BY child
"""


def _closure_reason() -> str:
    """Why a case closed: outcomes achieved more often without SEN, for girls, and when not stepped down."""
    achieved = (
        "logistic(1.15 - 0.35 * (sen = 'K')::INT - 0.55 * (sen = 'E')::INT - 0.15 * male::INT "
        "+ 0.2 * (NOT stepped_down)::INT)"
    )
    draw = "u('reason', child)"
    return (
        f"CASE WHEN start_date IS NULL THEN {choice(draw, UNALLOCATED_REASONS)} "
        f"WHEN u('achieved', child) < {achieved} THEN 'outcomes_achieved' "
        f"ELSE {choice(draw, OTHER_REASONS)} END"
    )


def _by_end(column: str, data_end: str) -> str:
    return f"CASE WHEN {column} <= {data_end} THEN strftime({column}, '%Y-%m-%d') END"


def _age() -> str:
    """Days old at notification: early help reaches young children and teenagers most."""
    return (
        "CASE WHEN u('age_band', child) < 0.3 THEN randint('age', child, 0, 5 * 365 - 1) "
        "WHEN u('age_band', child) < 0.6 THEN randint('age', child, 5 * 365, 11 * 365 - 1) "
        "ELSE randint('age', child, 11 * 365, 18 * 365 - 30) END"
    )
