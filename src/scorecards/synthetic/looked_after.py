"""Children looked after: periods of care and the episodes within them.

A period of care starts at a random date in the 18 years to the data month
(so that children who came into care as babies are still there), with an
age at entry, a route (adoption for a share of the under-fives) and a
length; it ends at the 18th birthday at the latest. Unaccompanied
asylum-seeking children are a second stream: older at entry, nearly all
boys, in care until 18. Within a period, episodes start at each placement
move and each change of legal status; a minority of children are
"unstable", moving several times a year, which is what puts about one
child in ten at three or more placements in twelve months.

Tables built: `care_periods` (one row per child) and `care_episodes`.
"""

from __future__ import annotations

import duckdb

from scorecards.synthetic import codes
from scorecards.synthetic.draws import choice
from scorecards.synthetic.shape import Council, district_choice, diversity
from scorecards.synthetic.timeline import Timeline

HORIZON_DAYS = 18 * 365
UASC_SHARE = 0.2
MEAN_YEARS = 2.15  # of a period that is counted in the stock (calibrated: see tests)
MEAN_YEARS_UASC = 2.3
CARE_CHILDREN = 5_000_000  # children in care are numbered from here within a council


def build_care(con: duckdb.DuckDBPyConnection, council: Council, timeline: Timeline) -> None:
    """Fill `care_periods` and `care_episodes` for one council."""
    con.execute(f"CREATE OR REPLACE TABLE care_periods AS {_periods(council, timeline)}")
    con.execute(f"CREATE OR REPLACE TABLE care_episodes AS {_episodes(timeline)}")


def _periods(council: Council, timeline: Timeline) -> str:
    years = HORIZON_DAYS / 365
    resident = round(council.in_care * (1 - UASC_SHARE) / MEAN_YEARS * years)
    unaccompanied = round(council.in_care * UASC_SHARE / MEAN_YEARS_UASC * years)
    first = council.index * 10_000_000 + CARE_CHILDREN
    d = timeline.sql_dates()
    return f"""
WITH streams AS (
    SELECT {first} + i AS child, false AS uasc FROM range({resident}) t(i)
    UNION ALL
    SELECT {first + resident} + i, true FROM range({unaccompanied}) t(i)
),
started AS ({_started(council, d)}),
routed AS (
    SELECT *, start - age AS dob,
        NOT uasc AND age < 5 * 365 AND u('adoption', child) < 0.5 AS adopted,
        randint('order', child, 150, 300) AS care_order,
        CASE WHEN uasc THEN 'V2' ELSE {choice("u('legal', child)", codes.LEGAL_STATUS_START)} END AS first_ls
    FROM started
),
planned AS (
    SELECT *, care_order + randint('placement_order', child, 0, 60) AS placement_order,
        care_order + randint('placement_order', child, 0, 60) + randint('placed', child, 60, 240) AS placed,
        CASE WHEN adopted THEN care_order + randint('placement_order', child, 0, 60)
                + randint('placed', child, 60, 240) + randint('adopted', child, 70, 300)
            WHEN uasc THEN 9999
            ELSE {_planned_length()} END AS length
    FROM routed
),
ended AS (
    SELECT *, least(start + length, CAST(dob + INTERVAL 18 YEAR AS DATE)) AS planned_end,
        start + length >= CAST(dob + INTERVAL 18 YEAR AS DATE) AS at_eighteen
    FROM planned
)
SELECT child, uasc, male, ethnicity, district, dob, start, age, adopted, care_order, placement_order, placed,
    first_ls,
    CASE WHEN planned_end <= {d["data_end"]} THEN planned_end END AS finish,
    CASE WHEN planned_end > {d["data_end"]} THEN NULL
        WHEN adopted THEN CASE WHEN u('contested', child) < 0.15 THEN 'E12' ELSE 'E11' END
        WHEN at_eighteen THEN {choice("u('leaving', child)", codes.LEAVING_AT_EIGHTEEN)}
        ELSE {choice("u('leaving', child)", codes.LEAVING_REASON)} END AS reason,
    CASE WHEN uasc THEN '{codes.NEED_UASC}' ELSE {choice("u('need', child)", codes.NEED_IN_CARE)} END AS need,
    u('unstable', child) < CASE WHEN age > 10 * 365 THEN 0.22 ELSE 0.12 END AS unstable
FROM ended
WHERE planned_end >= {d["history_start"]}
ORDER BY child
"""


def _started(council: Council, d: dict[str, str]) -> str:
    """Each child's entry to care: when, at what age, sex, ethnicity and district."""
    return f"""
    SELECT child, uasc, {d["data_end"]} - randint('care_start', child, 0, {HORIZON_DAYS}) AS start,
        CASE WHEN uasc THEN randint('age', child, 14 * 365, 18 * 365 - 60) ELSE {_age_at_entry()} END AS age,
        CASE WHEN uasc THEN u('male', child) < 0.92 ELSE u('male', child) < 0.55 END AS male,
        CASE WHEN uasc THEN {choice("u('ethnicity', child)", codes.UASC_ETHNICITY)}
            ELSE {choice("u('ethnicity', child)", codes.ethnicity(diversity(council)))} END AS ethnicity,
        {district_choice(council, "u('district', child)", need=0.6)} AS district
    FROM streams
"""


def _age_at_entry() -> str:
    """Days old at entry: a fifth as babies, a third aged 10 to 15."""
    return (
        "CASE WHEN u('age_band', child) < 0.22 THEN randint('age', child, 0, 364) "
        "WHEN u('age_band', child) < 0.39 THEN randint('age', child, 365, 5 * 365 - 1) "
        "WHEN u('age_band', child) < 0.58 THEN randint('age', child, 5 * 365, 10 * 365 - 1) "
        "WHEN u('age_band', child) < 0.92 THEN randint('age', child, 10 * 365, 16 * 365 - 1) "
        "ELSE randint('age', child, 16 * 365, 18 * 365 - 60) END"
    )


def _planned_length() -> str:
    """Days in care: a quarter leave within eight weeks, a quarter stay over three years."""
    return (
        "CASE WHEN u('length_band', child) < 0.25 THEN randint('length', child, 3, 56) "
        "WHEN u('length_band', child) < 0.5 THEN randint('length', child, 57, 365) "
        "WHEN u('length_band', child) < 0.75 THEN randint('length', child, 366, 1100) "
        f"ELSE randint('length', child, 1101, {HORIZON_DAYS}) END"
    )


_CHANGE_POINTS = """moves AS (
    SELECT child, randint('early_move', child, 3, 56) AS day, NULL AS ls FROM periods
    WHERE u('early', child) < 0.3 AND NOT adopted
    UNION ALL
    SELECT child, CAST(floor(u('move', child * 64 + m) * movable) AS INTEGER), NULL
    FROM (SELECT *, CASE WHEN adopted THEN least(days, placed) ELSE days END AS movable,
            unnest(range(CAST(floor((CASE WHEN unstable THEN 2.0 ELSE 0.1 END) * days / 365
                + u('moves', child)) AS INTEGER))) AS m
        FROM periods)
    UNION ALL
    SELECT child, placed, NULL FROM periods WHERE adopted
),
legal AS (
    SELECT child, care_order AS day, 'C2' AS ls FROM periods WHERE first_ls = 'C1' OR adopted
    UNION ALL
    SELECT child, placement_order, 'E1' FROM periods WHERE adopted
    UNION ALL
    SELECT child, randint('s20_to_order', child, 30, 300), 'C1' FROM periods
    WHERE first_ls = 'V2' AND NOT adopted AND u('s20_to_order', child) < 0.15
),
"""  # placement moves and legal changes: the days an episode can start


def _episodes(timeline: Timeline) -> str:
    """Episodes from change points: placement moves (P), legal changes (L), both (T)."""
    d = timeline.sql_dates()
    return f"""
WITH periods AS (
    SELECT *, coalesce(finish, {d["data_end"]}) - start AS days FROM care_periods
),
{_CHANGE_POINTS}changes AS (
    SELECT c.child, c.day, bool_or(c.ls IS NULL) AS moved, bool_or(c.ls IS NOT NULL) AS legal,
        max(c.ls) AS ls
    FROM (SELECT * FROM moves UNION ALL SELECT * FROM legal) c JOIN periods p USING (child)
    WHERE c.day > 0 AND c.day < p.days
    GROUP BY c.child, c.day
),
points AS (
    SELECT child, 0 AS day, 'S' AS rne, first_ls AS ls, true AS moved FROM periods
    UNION ALL
    SELECT child, day, CASE WHEN moved AND legal THEN 'T' WHEN moved THEN 'P' ELSE 'L' END, ls, moved
    FROM changes
),
sequenced AS (
    SELECT *,
        last_value(ls IGNORE NULLS) OVER w AS legal_status,
        sum(CASE WHEN moved THEN 1 ELSE 0 END) OVER w AS placement_no,
        lead(day) OVER (PARTITION BY child ORDER BY day) AS next_day,
        lead(moved) OVER (PARTITION BY child ORDER BY day) AS next_moved
    FROM points
    WINDOW w AS (PARTITION BY child ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
placements AS (
    SELECT child, placement_no, min(day) AS placement_day FROM sequenced GROUP BY child, placement_no
),
aged AS (
    SELECT s.*, q.start, q.finish, q.reason, q.need, q.uasc, q.adopted AND s.day >= q.placed AS for_adoption,
        datediff('day', q.dob, q.start + l.placement_day) / 365.25 AS placement_age,
        child * 64 + s.placement_no AS placement_key
    FROM sequenced s JOIN periods q USING (child) JOIN placements l USING (child, placement_no)
)
SELECT child, start + day AS decom, rne, legal_status AS ls, need, placement_no,
    CASE WHEN next_day IS NOT NULL THEN start + next_day ELSE finish END AS dec,
    CASE WHEN next_day IS NOT NULL THEN 'X1' ELSE reason END AS rec,
    CASE WHEN next_moved THEN {choice("u('change_reason', placement_key)", codes.PLACE_CHANGE_REASON)}
        END AS change_reason,
    CASE kind WHEN 'foster' THEN {choice("u('foster', placement_key)", codes.FOSTER_PLACEMENT)} ELSE kind END
        AS place,
    uasc, placement_key
FROM (SELECT *, {_placement()} AS kind FROM aged)
ORDER BY child, decom
"""


TEENAGERS = (("foster", 68), ("K2", 22), ("R1", 2), ("S1", 1), ("P1", 5), ("Z1", 2))


def _placement() -> str:
    """The placement type: by age when the placement began, or adoption once placed for it."""
    draw = "u('placement', placement_key)"
    return f"""CASE WHEN for_adoption THEN CASE WHEN u('foster_to_adopt', child) < 0.2 THEN 'A4' ELSE 'A6' END
        WHEN placement_age < 12 THEN {choice(draw, (("foster", 92), ("K2", 3), ("P1", 5)))}
        WHEN placement_age < 16 AND NOT uasc THEN {choice(draw, TEENAGERS)}
        WHEN uasc THEN {choice(draw, (("foster", 40), ("H5", 50), ("K2", 5), ("P2", 5)))}
        ELSE {choice(draw, (("foster", 45), ("H5", 38), ("K2", 12), ("P2", 5)))} END"""
