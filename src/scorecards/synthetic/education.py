"""Pupils: who they are, where they go to school, and how they do.

Each pupil belongs to a cohort (the year they started reception) and keeps
their characteristics across years: sex, ethnicity, first language, free
school meals, special educational needs, being in care, and a latent
`ability`. Outcomes are drawn from logistic models of those
characteristics, so the groups differ as they do in the DfE's statistics:
disadvantaged pupils about 25 points behind at KS2, pupils with SEN further
behind, children in care behind both; boys behind girls in the early years;
persistent absence twice as common among pupils on free school meals.

Everything is one INSERT … SELECT per council and year over `range()`:
the rows are numbered, and every value is a draw keyed by the pupil (or
the pupil and year), so the table is the same on every run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb

from scorecards.synthetic import codes
from scorecards.synthetic.draws import choice, quote
from scorecards.synthetic.shape import Council, district_choice, diversity, stable_fraction
from scorecards.synthetic.timeline import Timeline

YEAR_GROUPS = 14  # reception (0) to year 13
SIXTH_FORM_STAYING = {12: 0.55, 13: 0.5}
PRIMARY_SCHOOL_PUPILS = 300
SECONDARY_SCHOOL_PUPILS = 1000
FULL_YEAR_SESSIONS = 380
MINORITY_GROUPS = "('WROM', 'WIRT', 'BCRB', 'MWBC', 'BAFR', 'BOTH', 'ABAN', 'APKN')"

PUPIL_YEARS_DDL = """
CREATE OR REPLACE TABLE pupil_years (
    pupil BIGINT, yearkey BIGINT, year INTEGER, n INTEGER, cohort INTEGER, district VARCHAR, urn INTEGER,
    male BOOLEAN, ethnicity VARCHAR, eal BOOLEAN, fsm BOOLEAN, sen VARCHAR, cic BOOLEAN, dob DATE,
    gld BOOLEAN, ks2 BOOLEAN, a8 DOUBLE, possible INTEGER, missed INTEGER, excluded DATE, fixed INTEGER
)
"""


@dataclass(frozen=True)
class School:
    """A block of consecutive URNs: one phase's schools in one district."""

    district: str
    phase: str  # primary, secondary
    first_urn: int
    count: int


def schools(council: Council) -> list[School]:
    """The council's schools, by district and phase, numbered from its URN block."""
    total = sum(d.weight for d in council.districts)
    result, urn = [], 800_000 + council.index * 1000
    for district in council.districts:
        pupils = council.pupils * district.weight / total
        for phase, share, size in (
            ("primary", 7 / 13.05, PRIMARY_SCHOOL_PUPILS),
            ("secondary", 6.05 / 13.05, SECONDARY_SCHOOL_PUPILS),
        ):
            count = max(1, math.ceil(pupils * share / size))
            result.append(School(district.code, phase, urn, count))
            urn += count
    return result


def cohort_size(council: Council, cohort: int) -> int:
    base = council.pupils / (YEAR_GROUPS - 2 + sum(SIXTH_FORM_STAYING.values()))
    return round(base * (0.96 + 0.08 * stable_fraction("cohort", council.code, cohort)))


def build_pupils(con: duckdb.DuckDBPyConnection, council: Council, timeline: Timeline) -> None:
    """Fill `pupil_years`: one row per pupil per academic year generated."""
    con.execute(PUPIL_YEARS_DDL)
    for offset, year in enumerate(timeline.academic_years):
        con.execute(f"INSERT INTO pupil_years {_year_query(council, timeline, year, offset)}")


def _year_query(council: Council, timeline: Timeline, year: int, offset: int) -> str:
    sizes = []
    for n in range(YEAR_GROUPS):
        size = cohort_size(council, year - n)
        sizes.append(round(size * SIXTH_FORM_STAYING.get(n, 1.0)))
    starts = [sum(sizes[:n]) for n in range(YEAR_GROUPS)]
    group = "CASE " + " ".join(f"WHEN i < {starts[n] + sizes[n]} THEN {n}" for n in range(YEAR_GROUPS - 1))
    group += f" ELSE {YEAR_GROUPS - 1} END"
    first = "CASE n " + " ".join(f"WHEN {n} THEN {starts[n]}" for n in range(YEAR_GROUPS)) + " END"
    return f"""
WITH numbered AS (SELECT i, {group} AS n FROM range({sum(sizes)}) t(i)),
rows AS (
    SELECT n, {year} - n AS cohort,
        CAST({council.index} AS BIGINT) * 1000000000 + ({year} - n - 1900) * 1000000 + (i - {first}) AS pupil
    FROM numbered
),
people AS (
    SELECT *, pupil * 4 + {offset} AS yearkey, u('male', pupil) < 0.512 AS male,
        {district_choice(council, "u('district', pupil)")} AS district, z('ability', pupil) AS ability,
        {choice("u('ethnicity', pupil)", codes.ethnicity(diversity(council)))} AS ethnicity
    FROM rows
),
placed AS (
    SELECT *, {_deprivation(council)} AS dep,
        u('eal', pupil) < CASE WHEN ethnicity = 'WBRI' THEN 0.004 ELSE {_eal_share()} END AS eal
    FROM people
),
needs AS (
    SELECT *, u('fsm', pupil) < logistic(-2.05 + 0.9 * dep + CASE WHEN ethnicity IN {MINORITY_GROUPS}
            THEN 0.45 ELSE 0 END) AS fsm,
        u('cic', pupil) < 0.0055 * (1 + 0.6 * dep) AS cic
    FROM placed
),
sen AS (
    SELECT *, CASE WHEN u('sen', pupil) < 0.028 * m THEN 'E' WHEN u('sen', pupil) < 0.15 * m THEN 'K'
        ELSE 'N' END AS sen
    FROM (SELECT *, (CASE WHEN male THEN 1.4 ELSE 0.6 END) * (CASE WHEN fsm THEN 1.6 ELSE 0.9 END)
        * (CASE WHEN cic THEN 4 ELSE 1 END) AS m FROM needs)
)
SELECT pupil, yearkey, {year}, n, cohort, district, {_school(council)} AS urn, male, ethnicity, eal, fsm,
    sen, cic, make_date(cohort - 5, 9, 1) + randint('birthday', pupil, 0, 364) AS dob,
    {_outcomes(timeline, year)}
FROM sen
"""


def _deprivation(council: Council) -> str:
    branches = " ".join(f"WHEN {quote(d.code)} THEN {d.deprivation!r}" for d in council.districts)
    return f"(CASE district {branches} END)"


def _eal_share() -> str:
    branches = " ".join(f"WHEN {quote(g)} THEN {p}" for g, p in codes.EAL_BY_GROUP.items())
    return f"(CASE left(ethnicity, 1) {branches} ELSE 0.1 END)"


def _school(council: Council) -> str:
    branches = []
    for school in schools(council):
        phase = "n <= 6" if school.phase == "primary" else "n > 6"
        branches.append(
            f"WHEN district = {quote(school.district)} AND {phase} THEN "
            f"{school.first_urn} + pick('{school.phase}', pupil, {school.count})"
        )
    return f"(CASE {' '.join(branches)} END)"


# Each outcome's shift for each group, on its own scale (log-odds, Attainment 8 points,
# log absence rate): the group differences of the DfE's statistics, roughly.
EFFECTS = {
    "gld": {"fsm": -0.75, "K": -1.4, "E": -2.8, "cic": -0.7, "male": -0.7, "eal": -0.35},
    "ks2": {"fsm": -1.15, "K": -1.7, "E": -3.0, "cic": -1.0, "male": -0.3, "eal": -0.1},
    "a8": {"fsm": -11, "K": -12, "E": -32, "cic": -16, "male": -2.5, "eal": 1.5},
    "absence": {"fsm": 0.45, "K": 0.3, "E": 0.45, "cic": -0.1, "male": 0, "eal": -0.15},
    "excluded": {"fsm": 1.0, "K": 1.3, "E": 0.7, "cic": 0.6, "male": 0.9, "eal": -0.3},
    "fixed": {"fsm": 1.0, "K": 1.1, "E": 0.9, "cic": 0.8, "male": 0.9, "eal": -0.3},
}


def _shift(outcome: str) -> str:
    """SQL adding up a pupil's group effects for `outcome`."""
    e = EFFECTS[outcome]
    return (
        f"(CASE WHEN fsm THEN {e['fsm']} ELSE 0 END + CASE sen WHEN 'K' THEN {e['K']} WHEN 'E' THEN {e['E']} "
        f"ELSE 0 END + CASE WHEN cic THEN {e['cic']} ELSE 0 END + CASE WHEN male THEN {e['male']} ELSE 0 END "
        f"+ CASE WHEN eal THEN {e['eal']} ELSE 0 END)"
    )


def _outcomes(timeline: Timeline, year: int) -> str:
    """Results (only once the year is complete), sessions and exclusions of one year."""
    return ",\n".join((*_results(timeline.data_end >= date(year + 1, 8, 31)), *_attendance(timeline, year)))


def _results(complete: bool) -> tuple[str, ...]:
    if not complete:
        return ("CAST(NULL AS BOOLEAN) AS gld", "CAST(NULL AS BOOLEAN) AS ks2", "CAST(NULL AS DOUBLE) AS a8")
    a8 = f"51 + 11 * ability + {_shift('a8')} + 6 * z('a8', pupil)"
    return (
        f"CASE WHEN n = 0 THEN u('gld', pupil) < logistic(1.8 + 0.9 * ability + {_shift('gld')}) END AS gld",
        f"CASE WHEN n = 6 THEN u('ks2', pupil) < logistic(1.2 + 1.2 * ability + {_shift('ks2')}) END AS ks2",
        f"CASE WHEN n = 11 THEN round(greatest(0, least(90, {a8})), 1) END AS a8",
    )


def _attendance(timeline: Timeline, year: int) -> tuple[str, ...]:
    """Sessions possible and missed (to the data month in the year in progress), exclusions."""
    start, end = date(year, 9, 1), date(year + 1, 7, 22)
    elapsed = f"{min(1.0, max(0.0, (timeline.data_end - start).days / (end - start).days))!r}::DOUBLE"
    full = f"randint('full', yearkey, {FULL_YEAR_SESSIONS - 10}, {FULL_YEAR_SESSIONS})"
    part = "randint('joined', yearkey, 40, 340)"
    possible = f"round({elapsed} * CASE WHEN u('part_year', yearkey) < 0.06 THEN {part} ELSE {full} END)"
    rate = (
        f"least(0.95, exp(ln(0.031) + 0.25 * (n > 6)::INT - 0.2 * (n = 0)::INT + {_shift('absence')} "
        "+ 0.75 * z('absence', yearkey)))"
    )
    day = f"make_date({year}, 9, 2) + randint('exclusion_day', yearkey, 0, 320)"
    school_day = f"({day} + CASE isodow({day}) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END)"
    data_end = timeline.sql_dates()["data_end"]
    excluded = f"logistic(-9.3 + 1.6 * (n > 6)::INT - 1.5 * (n < 3)::INT + {_shift('excluded')})"
    fixed = f"{elapsed} * logistic(-5.5 + 1.7 * (n > 6)::INT + {_shift('fixed')})"
    return (
        f"CAST({possible} AS INTEGER) AS possible",
        f"CAST(round({possible} * {rate}) AS INTEGER) AS missed",
        f"CASE WHEN u('excluded', yearkey) < {excluded} AND {school_day} <= {data_end} "
        f"THEN {school_day} END AS excluded",
        f"CASE WHEN u('fixed', yearkey) < {fixed} "
        "THEN 1 + CAST(floor(-ln(1 - u('fixed_count', yearkey)) * 1.3) AS INTEGER) ELSE 0 END AS fixed",
    )


PUPILS_CSV = """
SELECT 'P' || lpad(CAST(pupil AS VARCHAR), 12, '0') AS pupil_id, urn AS school_urn, district,
    CAST(year AS VARCHAR) || '-' || lpad(CAST((year + 1) % 100 AS VARCHAR), 2, '0') AS academic_year,
    CASE WHEN n = 0 THEN 'R' ELSE CAST(n AS VARCHAR) END AS ncyear,
    CASE WHEN male THEN 'M' ELSE 'F' END AS gender, ethnicity,
    CASE WHEN fsm THEN 'Y' ELSE 'N' END AS fsm, sen, CASE WHEN cic THEN 'Y' ELSE 'N' END AS cic,
    CASE WHEN eal THEN 'Y' ELSE 'N' END AS eal,
    CASE gld WHEN true THEN 'Y' WHEN false THEN 'N' END AS eyfs_gld,
    CASE ks2 WHEN true THEN 'Y' WHEN false THEN 'N' END AS ks2_rwm_expected,
    a8 AS ks4_attainment8, possible AS sessions_possible, missed AS sessions_missed,
    strftime(excluded, '%Y-%m-%d') AS permanent_exclusion_date, fixed AS fixed_term_exclusions
FROM pupil_years WHERE year = {year}
"""


def pupils_query(year: int) -> str:
    """The pupil-level CSV's rows for one academic year (docs/record-formats.md)."""
    return PUPILS_CSV.format(year=int(year))
