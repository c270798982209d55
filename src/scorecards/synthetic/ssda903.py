"""The SSDA903 tables as the DfE's CSV layout, from `care_periods` and `care_episodes`.

One extract holds each child's whole history of care, as a council's
case-management system gives it, except the two annual tables, OC2 and
OC3, which describe a child on 31 March and around a birthday in a
collection year: they are written once per collection year ending in the
reported months, the year in the file's name (`oc3_2017.csv`), which is
where the loader reads it from. Dates are written DD/MM/YYYY and postcodes
are fictional (the county's are `WM1`…`WM12`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from scorecards.synthetic import codes
from scorecards.synthetic.draws import choice
from scorecards.synthetic.files import write_csv
from scorecards.synthetic.shape import Council
from scorecards.synthetic.timeline import REPORTED_MONTHS, Timeline
from scorecards.synthetic.xmlcin import child_id, upn

DATE = "'%d/%m/%Y'"
FIRST_REVIEW_DAYS = 28  # within 20 working days of coming into care
SECOND_REVIEW_DAYS = 119  # three months after the first
REVIEW_EVERY_DAYS = 182


def fmt(column: str) -> str:
    return f"strftime({column}, {DATE})"


def collection_years(timeline: Timeline) -> list[int]:
    """Collection years (named by the 31 March that ends them) ending in the reported months."""
    first = timeline.data_month.shift(-(REPORTED_MONTHS - 1))
    start = date(first.year, first.month, 1)
    years = range(start.year, timeline.data_end.year + 1)
    return [y for y in years if start <= date(y, 3, 31) <= timeline.data_end]


def write_ssda903(
    con: duckdb.DuckDBPyConnection, council: Council, timeline: Timeline, folder: Path
) -> dict[str, int]:
    """Write the ten SSDA903 tables into `folder`; return the rows per file."""
    queries = {
        "header": _header(council, timeline),
        "episodes": _episodes(council),
        "reviews": _reviews(council, timeline),
        "uasc": _uasc(council),
        **{f"oc2_{year}": _oc2(council, year) for year in collection_years(timeline)},
        **{f"oc3_{year}": _oc3(council, year) for year in collection_years(timeline)},
        "ad1": _ad1(council),
        "placed_for_adoption": _placed_for_adoption(council),
        "previous_permanence": _previous_permanence(council),
        "missing": _missing(council, timeline),
    }
    return {f"{name}.csv": write_csv(con, query, folder / f"{name}.csv") for name, query in queries.items()}


def _header(council: Council, timeline: Timeline) -> str:
    end = timeline.sql_dates()["data_end"]
    girl = f"NOT male AND date_sub('year', dob, {end}) >= 12"
    mother = f"{girl} AND u('mother', child) < 0.03"
    return f"""
SELECT {child_id(council)} AS CHILD, CASE WHEN male THEN '1' ELSE '2' END AS SEX, {fmt("dob")} AS DOB,
    ethnicity AS ETHNIC,
    CASE WHEN date_sub('year', dob, {end}) >= 6 THEN {upn()} ELSE 'UN1' END AS UPN,
    CASE WHEN {mother} THEN '1' WHEN {girl} THEN '0' END AS MOTHER,
    CASE WHEN {mother} THEN {fmt(f"{end} - randint('baby', child, 30, 700)")} END AS MC_DOB
FROM care_periods ORDER BY child
"""


def postcode(council: Council, district: str, key: str) -> str:
    """SQL for a fictional postcode in `district` (an SQL expression giving its code)."""
    area = _area(council)
    numbers = " ".join(f"WHEN '{d.code}' THEN '{n}'" for n, d in enumerate(council.districts, start=1))
    letters = "'ABDEFGHJLNPQRSTUWXYZ'"
    unit = (
        f"CAST(pick('sector', {key}, 10) AS VARCHAR) || substr({letters}, 1 + pick('unit1', {key}, 20), 1) "
        f"|| substr({letters}, 1 + pick('unit2', {key}, 20), 1)"
    )
    return f"('{area}' || CASE {district} {numbers} ELSE '1' END || ' ' || {unit})"


def _area(council: Council) -> str:
    """Two letters for the council's postcode area: WM for the county."""
    if council.index == 0:
        return "WM"
    letters = "ABCDEFGHJKLMNOPRSTUWY"
    return letters[council.index // len(letters) % len(letters)] + letters[council.index % len(letters)]


def _episodes(council: Council) -> str:
    agency = "u('agency', placement_key)"
    provider = f"""CASE
        WHEN place IN ('U1', 'U2', 'U3') THEN 'PR1'
        WHEN place IN ('U4', 'U5', 'U6') THEN CASE WHEN {agency} < 0.4 THEN 'PR4' ELSE 'PR1' END
        WHEN place IN ('P1', 'P2') THEN 'PR0'
        WHEN place IN ('A4', 'A6') THEN CASE WHEN {agency} < 0.3 THEN 'PR5' ELSE 'PR1' END
        ELSE {choice(agency, (("PR4", 70), ("PR1", 20), ("PR5", 10)))} END"""
    away = "u('out_of_area', placement_key) < 0.25"
    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("decom")} AS DECOM, rne AS RNE, ls AS LS, need AS CIN,
    place AS PLACE, {provider} AS PLACE_PROVIDER, {fmt("dec")} AS DEC, rec AS REC,
    change_reason AS REASON_PLACE_CHANGE,
    {postcode(council, "district", "child")} AS HOME_POST,
    CASE WHEN place = 'P1' THEN {postcode(council, "district", "child")}
        WHEN {away} THEN 'QX' || CAST(1 + pick('away', placement_key, 9) AS VARCHAR) || ' 1AA'
        ELSE {postcode(council, "district", "placement_key")} END AS PL_POST,
    -- URN of the home; XXXXXXX is the DfE's code for a placement Ofsted does not register
    CASE WHEN place IN ('K2', 'R1', 'S1') THEN 'SC' || lpad(CAST(pick('home', placement_key, 900000) + 100000
        AS VARCHAR), 6, '0') ELSE 'XXXXXXX' END AS URN
FROM care_episodes e JOIN (SELECT child, district FROM care_periods) USING (child)
ORDER BY e.child, e.decom
"""


def _reviews(council: Council, timeline: Timeline) -> str:
    end = timeline.sql_dates()["data_end"]
    days = f"datediff('day', start, coalesce(finish, {end}))"
    count = (
        f"CASE WHEN {days} < {FIRST_REVIEW_DAYS} THEN 0 WHEN {days} < {SECOND_REVIEW_DAYS} THEN 1 "
        f"ELSE 2 + CAST(floor(({days} - {SECOND_REVIEW_DAYS}) / {REVIEW_EVERY_DAYS}) AS INTEGER) END"
    )
    review = (
        f"start + CASE WHEN r = 0 THEN {FIRST_REVIEW_DAYS} "
        f"ELSE {SECOND_REVIEW_DAYS} + {REVIEW_EVERY_DAYS} * CAST(r - 1 AS INTEGER) END"
    )
    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("dob")} AS DOB, {fmt(review)} AS REVIEW,
    {choice("u('review_code', child * 64 + r)", codes.REVIEW_CODE)} AS REVIEW_CODE
FROM (SELECT *, unnest(range({count})) AS r FROM care_periods)
ORDER BY child, r
"""


def _uasc(council: Council) -> str:
    return f"""
SELECT {child_id(council)} AS CHILD, CASE WHEN male THEN '1' ELSE '2' END AS SEX, {fmt("dob")} AS DOB,
    {fmt("CAST(dob + INTERVAL 18 YEAR AS DATE)")} AS DUC
FROM care_periods WHERE uasc ORDER BY child
"""


def _oc2(council: Council, year: int) -> str:
    """Children looked after for twelve months on 31 March: health, offending, substance misuse."""
    key = "child * 64 + year % 64"
    age = "date_sub('year', dob, make_date(year, 3, 31))"
    scored = f"{age} BETWEEN 4 AND 16 AND u('sdq', {key}) < 0.78"
    score = f"CAST(least(40, greatest(0, round(14 + 6.5 * z('sdq_score', {key})))) AS INTEGER)"
    reason = choice(f"u('sdq_reason', {key})", codes.SDQ_REASON)
    misuse = f"{age} >= 10 AND u('misuse', {key}) < 0.04"

    def flag(what: str, share: float) -> str:
        return f"CASE WHEN u('{what}', {key}) < {share} THEN '1' ELSE '0' END"

    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("dob")} AS DOB,
    CASE WHEN {scored} THEN {score} END AS SDQ_SCORE,
    CASE WHEN NOT ({scored}) THEN {reason} END AS SDQ_REASON,
    CASE WHEN {age} >= 10 THEN {flag("convicted", 0.04)} END AS CONVICTED,
    {flag("health_check", 0.9)} AS HEALTH_CHECK, {flag("immunisations", 0.88)} AS IMMUNISATIONS,
    {flag("teeth_check", 0.85)} AS TEETH_CHECK, {flag("health_assessment", 0.9)} AS HEALTH_ASSESSMENT,
    CASE WHEN {misuse} THEN '1' ELSE '0' END AS SUBSTANCE_MISUSE,
    CASE WHEN {misuse} THEN {flag("intervention_received", 0.6)} END AS INTERVENTION_RECEIVED,
    CASE WHEN {misuse} THEN {flag("intervention_offered", 0.85)} END AS INTERVENTION_OFFERED
FROM (SELECT *, {year} AS year FROM care_periods)
WHERE start <= make_date(year - 1, 3, 31) AND (finish IS NULL OR finish > make_date(year, 3, 31))
ORDER BY child
"""


def _oc3(council: Council, year: int) -> str:
    """Care leavers around their 17th to 21st birthday: in touch, activity, accommodation."""
    key = "child * 64 + year % 64"
    birthday = "CAST(dob + to_years(CAST(leaver_age AS INTEGER)) AS DATE)"
    touch = choice(f"u('in_touch', {key})", codes.IN_TOUCH)
    what, where = f"u('activity', {key})", f"u('accommodation', {key})"
    activity = (
        f"CASE WHEN u('eet', {key}) < 0.52 THEN {choice(what, codes.EET_ACTIVITY)} "
        f"ELSE {choice(what, codes.NEET_ACTIVITY)} END"
    )
    accommodation = (
        f"CASE WHEN u('suitable', {key}) < 0.86 THEN {choice(where, codes.SUITABLE_ACCOMMODATION)} "
        f"ELSE {choice(where, codes.UNSUITABLE_ACCOMMODATION)} END"
    )
    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("dob")} AS DOB, in_touch AS IN_TOUCH,
    CASE WHEN in_touch = 'YES' THEN {activity} ELSE '0' END AS ACTIV,
    CASE WHEN in_touch = 'YES' THEN {accommodation} ELSE '0' END AS ACCOM
FROM (
    SELECT *, {touch} AS in_touch FROM (
        SELECT p.*, {year} AS year, {year} - CASE WHEN month(p.dob) >= 4 THEN 1 ELSE 0 END - year(p.dob)
            AS leaver_age
        FROM care_periods p
        WHERE p.finish IS NOT NULL AND p.reason NOT IN ('E11', 'E12', 'E2')
            AND p.finish >= CAST(p.dob + INTERVAL 16 YEAR AS DATE)
            AND datediff('day', greatest(p.start, CAST(p.dob + INTERVAL 14 YEAR AS DATE)), p.finish) >= 91)
    WHERE leaver_age BETWEEN 17 AND 21 AND finish <= {birthday}
)
ORDER BY child
"""


def _ad1(council: Council) -> str:
    single = "u('single_adopter', child) < 0.13"
    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("dob")} AS DOB,
    {fmt("start + greatest(1, placement_order - randint('decision', child, 14, 60))")} AS DATE_INT,
    {fmt("start + placed - randint('matched', child, 7, 30)")} AS DATE_MATCH,
    CASE WHEN u('foster_to_adopt', child) < 0.2 THEN '1' ELSE '0' END AS FOSTER_CARE,
    CASE WHEN {single} THEN 1 ELSE 2 END AS NB_ADOPTR,
    CASE WHEN {single} THEN CASE WHEN u('adopter_sex', child) < 0.85 THEN 'F1' ELSE 'M1' END
        ELSE {choice("u('adopter_sex', child)", (("MF", 86), ("FF", 7), ("MM", 7)))} END AS SEX_ADOPTR,
    CASE WHEN {single} THEN 'L0'
        ELSE {choice("u('adopter_status', child)", (("L11", 65), ("L12", 8), ("L2", 27)))} END AS LS_ADOPTR
FROM care_periods WHERE adopted AND reason IN ('E11', 'E12') ORDER BY child
"""


def _placed_for_adoption(council: Council) -> str:
    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("dob")} AS DOB, {fmt("start + placed")} AS DATE_PLACED,
    {fmt("finish")} AS DATE_PLACED_CEASED, CASE WHEN finish IS NOT NULL THEN 'RD1' END AS REASON_PLACED_CEASED
FROM care_periods WHERE adopted AND start + placed <= coalesce(finish, DATE '9999-12-31')
    AND child IN (SELECT child FROM care_episodes WHERE place IN ('A4', 'A6'))
ORDER BY child
"""


def _previous_permanence(council: Council) -> str:
    order = choice("u('previous_permanence', child)", codes.PREVIOUS_PERMANENCE)
    permanent = "greatest(dob + 30, start - randint('permanence', child, 200, 2000))"
    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("dob")} AS DOB, prev_perm AS PREV_PERM,
    CASE WHEN prev_perm <> 'Z1' THEN '{council.la_number:03d}' END AS LA_PERM,
    CASE WHEN prev_perm <> 'Z1' THEN {fmt(permanent)} END AS DATE_PERM
FROM (SELECT *, CASE WHEN start - dob > 400 THEN {order} ELSE 'Z1' END AS prev_perm FROM care_periods)
ORDER BY child
"""


def _missing(council: Council, timeline: Timeline) -> str:
    end = timeline.sql_dates()["data_end"]
    key = "child * 64 + m"
    eleven = "greatest(start, CAST(dob + INTERVAL 11 YEAR AS DATE))"
    span = f"datediff('day', {eleven}, coalesce(finish, {end}))"
    started = f"{eleven} + CAST(floor(u('missing_day', {key}) * {span}) AS INTEGER)"
    return f"""
SELECT {child_id(council)} AS CHILD, {fmt("dob")} AS DOB,
    CASE WHEN u('away', {key}) < 0.15 THEN 'A' ELSE 'M' END AS MISSING,
    {fmt("started")} AS MIS_START,
    CASE WHEN started + randint('missing_days', {key}, 0, 7) <= {end}
        THEN {fmt(f"started + randint('missing_days', {key}, 0, 7)")} END AS MIS_END
FROM (
    SELECT child, dob, m, {started} AS started
    FROM (SELECT *, unnest(range(1 + pick('missing_count', child, 6))) AS m FROM care_periods
        WHERE u('goes_missing', child) < 0.12 AND {span} > 0)
)
ORDER BY child, started, m
"""
