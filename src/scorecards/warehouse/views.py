"""Warehouse views that social-care indicators are computed from.

The statutory returns hold one row per file a council sent; these views
turn them into one row per fact — a referral, an assessment, a child
protection plan, a period in care, a care leaver's birthday — with the
child's characteristics as breakdown labels and the district the council's
geography map attributes the child to. An indicator's `compute:` block then
reads like its DfE definition instead of repeating the de-duplication.

- The same record in several returns (an episode open across 31 March is
  in both years' files) counts once: the latest census (reference date or
  collection year) wins, then the latest load.
- Breakdown labels never collide across breakdowns: `male`/`female`/
  `gender-unknown`; the DfE's major ethnic groups `white`, `mixed`, `asian`,
  `black`, `other-ethnic-group` (Chinese and any other) and
  `ethnicity-unclassified` (refused, not obtained); `uasc`/`non-uasc`;
  `disabled`/`not-disabled`/`disability-unknown`, `age-under-1` …
  `age-16-plus` (the DfE's age groups), `unborn`, `age-unknown`.
- `district` and `team` are NULL for a child the map does not place; an
  indicator then attributes the record to the county (see
  docs/record-formats.md, "Attributing records to geographies").

Both social-care loaders refresh the views after every file, inside the
file's transaction, so the views always match the tables.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from scorecards.warehouse import geography_map
from scorecards.warehouse.cin_census import tables as cin_census_tables
from scorecards.warehouse.ssda903 import tables as ssda903_tables
from scorecards.warehouse.store import open_warehouse

MACROS = (
    """
CREATE OR REPLACE MACRO sc_age_band(dob, on_date) AS CASE
    WHEN dob IS NULL OR on_date IS NULL THEN 'age-unknown'
    WHEN on_date < dob THEN 'unborn'
    WHEN date_sub('year', dob, on_date) < 1 THEN 'age-under-1'
    WHEN date_sub('year', dob, on_date) < 5 THEN 'age-1-4'
    WHEN date_sub('year', dob, on_date) < 10 THEN 'age-5-9'
    WHEN date_sub('year', dob, on_date) < 16 THEN 'age-10-15'
    ELSE 'age-16-plus' END
""",
    """
CREATE OR REPLACE MACRO sc_ethnic_group(code) AS CASE
    WHEN code IS NULL OR upper(code) IN ('REFU', 'NOBT') THEN 'ethnicity-unclassified'
    WHEN upper(code) LIKE 'W%' THEN 'white'
    WHEN upper(code) LIKE 'M%' THEN 'mixed'
    WHEN upper(code) LIKE 'A%' THEN 'asian'
    WHEN upper(code) LIKE 'B%' THEN 'black'
    WHEN upper(code) LIKE 'C%' OR upper(code) LIKE 'O%' THEN 'other-ethnic-group'
    ELSE 'ethnicity-unclassified' END
""",
    """
CREATE OR REPLACE MACRO sc_gender(code) AS CASE
    WHEN upper(code) IN ('1', 'M', 'MALE') THEN 'male'
    WHEN upper(code) IN ('2', 'F', 'FEMALE') THEN 'female'
    ELSE 'gender-unknown' END
""",
)

CHILD_GEOGRAPHY = """
CREATE OR REPLACE VIEW child_geography AS
SELECT child_id, district, team FROM (
    SELECT *, row_number() OVER (PARTITION BY child_id ORDER BY _load_id DESC, _source_row DESC) AS _pick
    FROM geography_map)
WHERE _pick = 1
"""

CLA_CHILD_FACTS = """
CREATE OR REPLACE VIEW cla_child_facts AS
WITH header AS (
    SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY child
            ORDER BY collection_year DESC NULLS LAST, _load_id DESC, _source_row DESC) AS _pick
        FROM ssda903_header)
    WHERE _pick = 1),
uasc AS (SELECT child, min(dob) AS dob FROM ssda903_uasc GROUP BY child),
ids AS (
    SELECT child FROM ssda903_header UNION SELECT child FROM ssda903_episodes
    UNION SELECT child FROM ssda903_uasc UNION SELECT child FROM ssda903_oc3)
SELECT i.child, h.sex, coalesce(h.dob, u.dob) AS dob, h.ethnic, h.upn,
    sc_gender(h.sex) AS gender,
    sc_ethnic_group(h.ethnic) AS ethnic_group,
    CASE WHEN u.child IS NULL THEN 'non-uasc' ELSE 'uasc' END AS uasc,
    g.district, g.team
FROM ids i
LEFT JOIN header h ON h.child = i.child
LEFT JOIN uasc u ON u.child = i.child
LEFT JOIN child_geography g ON g.child_id = i.child
"""

# A placement starts with a period of care (S) or a change of placement
# (P, T, U, B), except a temporary move (T0-T4) and a placement for adoption
# with the child's current foster carers (A3, A5), which the DfE does not
# count as a change. A child's period of care and current placement started
# at the latest such episode; when the files loaded hold no such episode
# (the history starts mid-period), at the first episode known.
CLA_EPISODE_FACTS = """
CREATE OR REPLACE VIEW cla_episode_facts AS
WITH picked AS (
    SELECT * EXCLUDE (_pick) FROM (
        SELECT *, row_number() OVER (PARTITION BY child, decom ORDER BY (dec IS NOT NULL) DESC,
            collection_year DESC NULLS LAST, _load_id DESC, _source_row DESC) AS _pick
        FROM ssda903_episodes)
    WHERE _pick = 1),
marked AS (
    SELECT *,
        upper(rne) = 'S' AS starts_period,
        upper(rne) = 'S' OR (upper(rne) IN ('P', 'T', 'U', 'B') AND coalesce(upper(place), '')
            NOT IN ('T0', 'T1', 'T2', 'T3', 'T4', 'A3', 'A5')) AS starts_placement
    FROM picked),
dated AS (
    SELECT *,
        coalesce(max(CASE WHEN starts_period THEN decom END) OVER w, min(decom) OVER w) AS period_start,
        coalesce(max(CASE WHEN starts_placement THEN decom END) OVER w, min(decom) OVER w) AS placement_start
    FROM marked
    WINDOW w AS (PARTITION BY child ORDER BY decom ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
SELECT d.*, c.dob,
    coalesce(c.gender, 'gender-unknown') AS gender,
    coalesce(c.ethnic_group, 'ethnicity-unclassified') AS ethnic_group,
    coalesce(c.uasc, 'non-uasc') AS uasc,
    c.district, c.team
FROM dated d LEFT JOIN cla_child_facts c ON c.child = d.child
"""

# OC3 records the young person's situation around their 17th-21st birthday in
# the collection year (1 April to 31 March); `birthday` is that birthday.
CLA_CARE_LEAVER_FACTS = """
CREATE OR REPLACE VIEW cla_care_leaver_facts AS
WITH picked AS (
    SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY child, collection_year
            ORDER BY _load_id DESC, _source_row DESC) AS _pick
        FROM ssda903_oc3)
    WHERE _pick = 1),
aged AS (
    SELECT *, collection_year - CASE WHEN month(dob) >= 4 THEN 1 ELSE 0 END - year(dob) AS age
    FROM picked)
SELECT a.child, a.dob, a.collection_year, a.age,
    CAST(a.dob + to_years(CAST(a.age AS INTEGER)) AS DATE) AS birthday,
    upper(a.in_touch) AS in_touch, upper(a.activ) AS activ, upper(a.accom) AS accom,
    coalesce(c.gender, 'gender-unknown') AS gender,
    coalesce(c.ethnic_group, 'ethnicity-unclassified') AS ethnic_group,
    coalesce(c.uasc, 'non-uasc') AS uasc,
    c.district, c.team
FROM aged a LEFT JOIN cla_child_facts c ON c.child = a.child
"""

CIN_CHILD_FACTS = """
CREATE OR REPLACE VIEW cin_child_facts AS
WITH picked AS (
    SELECT * FROM (
        SELECT c.*, row_number() OVER (PARTITION BY c.la_child_id
            ORDER BY h.reference_date DESC NULLS LAST, c._load_id DESC, c._source_row DESC) AS _pick
        FROM cin_children c LEFT JOIN cin_header h ON h._load_id = c._load_id)
    WHERE _pick = 1),
disabilities AS (
    SELECT _load_id, la_child_id, bool_or(upper(disability) <> 'NONE') AS disabled
    FROM cin_disabilities GROUP BY ALL)
SELECT p.la_child_id, p.upn, p.sex, coalesce(p.dob, p.expected_dob) AS dob, p.ethnicity,
    sc_gender(p.sex) AS gender,
    sc_ethnic_group(p.ethnicity) AS ethnic_group,
    CASE WHEN d.disabled THEN 'disabled' WHEN NOT d.disabled THEN 'not-disabled'
        ELSE 'disability-unknown' END AS disability,
    g.district, g.team
FROM picked p
LEFT JOIN disabilities d ON d._load_id = p._load_id AND d.la_child_id = p.la_child_id
LEFT JOIN child_geography g ON g.child_id = p.la_child_id
"""

CIN_REFERRAL_FACTS = """
CREATE OR REPLACE VIEW cin_referral_facts AS
WITH ranked AS (
    SELECT e.*, h.reference_date AS census_date,
        row_number() OVER (PARTITION BY e.la_child_id, e.referral_date
            ORDER BY h.reference_date DESC NULLS LAST, (e.closure_date IS NOT NULL) DESC,
            e._load_id DESC, e._source_row DESC) AS _pick
    FROM cin_episodes e LEFT JOIN cin_header h ON h._load_id = e._load_id),
picked AS (SELECT * EXCLUDE (_pick) FROM ranked WHERE _pick = 1)
SELECT p.*,
    upper(p.referral_nfa) IN ('TRUE', '1') AS nfa,
    lag(p.referral_date) OVER (PARTITION BY p.la_child_id ORDER BY p.referral_date) AS previous_referral_date,
    c.dob,
    coalesce(c.gender, 'gender-unknown') AS gender,
    coalesce(c.ethnic_group, 'ethnicity-unclassified') AS ethnic_group,
    coalesce(c.disability, 'disability-unknown') AS disability,
    sc_age_band(c.dob, p.referral_date) AS age_band,
    c.district, c.team
FROM picked p LEFT JOIN cin_child_facts c ON c.la_child_id = p.la_child_id
"""

REFERRAL_COLUMNS = "r.referral_date, r.dob, r.gender, r.ethnic_group, r.disability, r.district, r.team"

CIN_ASSESSMENT_FACTS = f"""
CREATE OR REPLACE VIEW cin_assessment_facts AS
SELECT a.*, {REFERRAL_COLUMNS}, sc_age_band(r.dob, a.start_date) AS age_band
FROM cin_assessments a
JOIN cin_referral_facts r ON r._load_id = a._load_id AND r.episode_no = a.episode_no
"""

# `subsequent_plan`: the child had a plan before this one — as the census says
# (NumberOfPreviousCPP) or as the census files loaded show.
CIN_CP_PLAN_FACTS = f"""
CREATE OR REPLACE VIEW cin_cp_plan_facts AS
WITH plans AS (
    SELECT p.*, {REFERRAL_COLUMNS},
        row_number() OVER (PARTITION BY p.la_child_id, p.start_date
            ORDER BY (p.end_date IS NOT NULL) DESC, p._load_id DESC, p._source_row DESC) AS _pick
    FROM cin_cp_plans p
    JOIN cin_referral_facts r ON r._load_id = p._load_id AND r.episode_no = p.episode_no),
picked AS (SELECT * EXCLUDE (_pick) FROM plans WHERE _pick = 1)
SELECT *,
    coalesce(previous_plans, 0) > 0 OR count(*) OVER (PARTITION BY la_child_id ORDER BY start_date
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) > 0 AS subsequent_plan,
    date_diff('day', start_date, end_date) AS duration_days,
    sc_age_band(dob, start_date) AS age_band
FROM picked
"""

VIEWS = (
    CHILD_GEOGRAPHY,
    CLA_CHILD_FACTS,
    CLA_EPISODE_FACTS,
    CLA_CARE_LEAVER_FACTS,
    CIN_CHILD_FACTS,
    CIN_REFERRAL_FACTS,
    CIN_ASSESSMENT_FACTS,
    CIN_CP_PLAN_FACTS,
)


VIEW_NAMES = tuple(re.findall(r"CREATE OR REPLACE VIEW (\w+)", "".join(VIEWS)))
VERSION = "scorecards views " + hashlib.sha256("\n".join((*MACROS, *VIEWS)).encode()).hexdigest()[:16]


def prepare_shared_tables(warehouse: Path) -> None:
    """Create the tables and views the CIN census and SSDA903 loaders share, so the
    two kinds can load at the same time (`loading.load_kinds`)."""
    con = open_warehouse(warehouse)
    try:
        create_tables(con)
        create_views(con)
    finally:
        con.close()


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every table the views read, empty if not loaded yet (so the views can always be created)."""
    specs = (*ssda903_tables.TABLES.values(), *cin_census_tables.TABLES, geography_map.TABLE)
    existing = {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = current_schema()"
        ).fetchall()
    }
    for spec in specs:
        if spec.table not in existing:
            con.execute(spec.ddl())


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the macros and views, so they match this version of the loaders.

    Each view is marked (a comment) with a checksum of every definition, so
    a warehouse whose views are already this version's is left as it is: a
    national load refreshes them after each of more than a thousand files.
    """
    if _current(con):
        return
    for statement in (*MACROS, *VIEWS):
        con.execute(statement)
    for name in VIEW_NAMES:
        con.execute(f"COMMENT ON VIEW {name} IS '{VERSION}'")


def _current(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE database_name = current_database() "
        "AND schema_name = current_schema() AND view_name IN (SELECT unnest(?)) AND comment = ?",
        [list(VIEW_NAMES), VERSION],
    ).fetchone()
    return row is not None and row[0] == len(VIEW_NAMES)
