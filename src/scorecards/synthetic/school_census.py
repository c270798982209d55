"""The spring school census tables, as councils hold them (the layout of
`../shared/samples/school_census/`: one CSV per census table, linked by
`pupilonrolltableid`, named like `2017_spring_pupilonroll.csv`).

The census of each academic year holds the pupils of `pupil_years` still
on roll on census day (the third Thursday of January), with their free
school meal periods, special educational needs, the exclusions and the
sessions missed in the autumn term before it, and the pupils who left since
the autumn census. `upn` is the pupil-level CSV's `pupil_id` and `NativeId`
the school's URN, so the two files link. Rows come in the order of
`pupil_years` (a scan keeps a table's order, and so do filters, projections
and `unnest`); only the one table built by a UNION is sorted.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb

from scorecards.synthetic import codes
from scorecards.synthetic.draws import choice
from scorecards.synthetic.files import write_csv
from scorecards.synthetic.timeline import Timeline

AUTUMN_SHARE = 0.38  # of a year's sessions, in the autumn term
DAY = "'%Y-%b-%d 00:00:00'"  # the census extracts' date layout, e.g. 2017-Jan-19 00:00:00

PUPIL_ID = "'P' || lpad(CAST(pupil AS VARCHAR), 12, '0')"
ROW_ID = "printf('%012x', yearkey)"
KEYS = "CAST(urn AS VARCHAR) AS NativeId"
SOURCE_ID = "printf('%08x', urn) AS sourceid"
CENSUS_ID = "printf('%08x', urn * 100 + year % 100) AS schoolcensustableid"
PERSON = f"""strftime(dob, {DAY}) AS dob,
    'SUR' || CAST(1000 + pick('surname', pupil, 9000) AS VARCHAR) AS surname,
    'FOR' || CAST(1000 + pick('forename', pupil, 9000) AS VARCHAR) AS forename,
    'MID' || CAST(1000 + pick('middlename', pupil, 9000) AS VARCHAR) AS middlenames,
    NULL AS preferredsurname, NULL AS formersurname,
    {PUPIL_ID} AS upn, NULL AS formerupn, NULL AS uniquelearnernumber,
    CASE WHEN male THEN 'M' ELSE 'F' END AS sex"""
LANGUAGE = "CASE WHEN eal THEN " + choice("u('language', pupil)", codes.LANGUAGE_OTHER) + " ELSE 'ENG' END"


def census_day(year: int) -> date:
    """Spring census day of the academic year starting in `year`: the third Thursday of January."""
    first = date(year + 1, 1, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


def census_years(timeline: Timeline) -> list[int]:
    """The academic years whose spring census day is on or before the data month's end."""
    return [y for y in timeline.academic_years if census_day(y) <= timeline.data_end]


def write_school_census(con: duckdb.DuckDBPyConnection, timeline: Timeline, folder: Path) -> dict[str, int]:
    """Write each census year's six tables; return rows per file."""
    written = {}
    for year in census_years(timeline):
        con.execute(f"CREATE OR REPLACE TEMP TABLE census AS {_census(year)}")
        for table, query in _tables(year).items():
            name = f"{year + 1}_spring_{table}.csv"
            written[name] = write_csv(con, query, folder / name)
        con.execute("DROP TABLE census")
    return written


def _tables(year: int) -> dict[str, str]:
    return {
        "pupilonroll": _on_roll(year),
        "fsmperiod": _fsm_periods(year),
        "senneeds": _sen_needs(),
        "termlyexclusionsonroll": _exclusions(year),
        "termlysessiondetailsonroll": _sessions(),
        "pupilnolongeronroll": _no_longer_on_roll(),
    }


def _census(year: int) -> str:
    """The year's pupils: who left before census day, and their autumn-term figures."""
    day = f"DATE '{census_day(year).isoformat()}'"
    term_start = f"DATE '{year}-09-05'"
    excluded_before = f"excluded IS NOT NULL AND excluded <= {day}"
    return f"""
SELECT *, {excluded_before} OR u('moved_away', yearkey) < 0.01 AS left_school,
    CASE WHEN {excluded_before} THEN excluded
        ELSE {term_start} + randint('moved_on', yearkey, 0, datediff('day', {term_start}, {day}) - 1)
        END AS leaving_date,
    least(entry_date, {day}) AS entry,
    CAST(round(possible * {AUTUMN_SHARE}) AS INTEGER) AS autumn_possible,
    CAST(round(missed * {AUTUMN_SHARE}) AS INTEGER) AS autumn_missed,
    excluded IS NOT NULL AND excluded <= DATE '{year}-12-31' AS excluded_in_autumn
FROM (
    SELECT *, CASE WHEN n <= 6 THEN make_date(cohort, 9, 1) ELSE make_date(cohort + 7, 9, 1) END
        + CASE WHEN u('joined_late', pupil) < 0.08 THEN randint('joined', pupil, 30, 600) ELSE 0 END
        AS entry_date
    FROM pupil_years WHERE year = {year})
"""


def _on_roll(year: int) -> str:
    lunch = "CASE WHEN u('lunch', yearkey) < 0.85 THEN 'True' ELSE 'False' END"
    return f"""
SELECT {ROW_ID} AS pupilonrolltableid, {KEYS}, {PERSON},
    strftime(entry, {DAY}) AS entrydate, 1 AS pupilonrollorderseqcolumn, {SOURCE_ID}, {CENSUS_ID},
    NULL AS hoursatsetting, CASE WHEN n <= 2 THEN {lunch} END AS schoollunchtaken, 'False' AS parttime,
    CASE WHEN sen = 'E' AND u('top_up', pupil) < 0.3 THEN 'True' ELSE 'False' END AS topupfunding,
    NULL AS unitcontacttime, autumn_possible AS termlysessionspossible, 'False' AS senunitindicator,
    'False' AS resourcedprovisionindicator, NULL AS moveoffrollflag, NULL AS fundedhours,
    NULL AS missingaddress, NULL AS duplicatenotfunded, NULL AS extendedhours, NULL AS eligibilitycode,
    NULL AS dafindicator, ethnicity, NULL AS yssa, NULL AS servicechild, {LANGUAGE} AS language,
    NULL AS classtype, 'C' AS enrolstatus, NULL AS boarder, NULL AS plaa, sen AS senprovision,
    CASE WHEN n = 0 THEN 'R' ELSE CAST(n AS VARCHAR) END AS ncyearactual, NULL AS eyppr, NULL AS eyppbf,
    NULL AS youngcarer
FROM census WHERE NOT left_school
"""


def _fsm_periods(year: int) -> str:
    """A current period for pupils eligible now; an ended one for a few who were before."""
    day = f"DATE '{census_day(year).isoformat()}'"
    since = f"{day} - randint('fsm_since', pupil, 400, 2000)"
    return f"""
SELECT {ROW_ID} AS pupilonrolltableid, {KEYS}, printf('%08x', yearkey * 2) AS fsmperiodtableid,
    1 AS fsmperiodorderseqcolumn, {SOURCE_ID},
    strftime(CASE WHEN fsm THEN greatest(dob + 3 * 365, {day} - randint('fsm_since', pupil, 20, 2000))
        ELSE {since} END, {DAY}) AS fsmstartdate,
    CASE WHEN NOT fsm THEN strftime({since} + randint('fsm_for', pupil, 60, 365), {DAY}) END AS fsmenddate,
    'ENG' AS ukcountry
FROM census WHERE NOT left_school AND (fsm OR u('had_fsm', pupil) < 0.06)
"""


def _sen_needs() -> str:
    """The primary need, and a different secondary need for three pupils in ten."""
    names = "[" + ", ".join(f"'{code}'" for code, _ in codes.SEN_TYPE) + "]"
    others = len(codes.SEN_TYPE) - 1
    other = f"list_filter({names}, lambda c: c <> first)[1 + pick('sen_type2', pupil, {others})]"
    return f"""
SELECT {ROW_ID} AS pupilonrolltableid, {KEYS}, printf('%08x', yearkey * 2 + k) AS senneedstableid,
    k + 1 AS senneedsorderseqcolumn, {SOURCE_ID}, CAST(k + 1 AS DOUBLE) AS sentyperank,
    CASE WHEN k = 0 THEN first ELSE {other} END AS sentype
FROM (SELECT *, {choice("u('sen_type', pupil)", codes.SEN_TYPE)} AS first,
        unnest(range(CASE WHEN u('second_need', pupil) < 0.3 THEN 2 ELSE 1 END)) AS k
    FROM census WHERE NOT left_school AND sen IN ('K', 'E'))
"""


def _exclusions(year: int) -> str:
    """Suspensions that fell in the autumn term, and permanent exclusions in it."""
    key = "yearkey * 16 + k"
    day = f"make_date({year}, 9, 2) + randint('fixed_day', {key}, 0, 110)"
    school_day = f"({day} + CASE isodow({day}) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END)"
    return f"""
SELECT {ROW_ID} AS pupilonrolltableid, {KEYS}, printf('%08x', {key}) AS termlyexclusionsonrolltableid,
    k + 1 AS termlyexclusionsonrollorderseqcolumn, {SOURCE_ID}, strftime(started, {DAY}) AS startdate,
    sessions,
    {choice(f"u('exclusion_reason', {key})", codes.EXCLUSION_REASON)} AS reason1, NULL AS reason2,
    NULL AS reason3, category, sen AS senprovision
FROM (
    SELECT *, {school_day} AS started, CAST(randint('fixed_sessions', {key}, 1, 8) AS DOUBLE) AS sessions,
        'FIXD' AS category
    FROM (SELECT *, unnest(range(fixed)) AS k FROM census WHERE fixed > 0)
    WHERE u('fixed_in_autumn', {key}) < {AUTUMN_SHARE}
    UNION ALL
    SELECT *, 15 AS k, excluded, NULL, 'PERM' FROM census WHERE excluded_in_autumn
)
ORDER BY yearkey, k
"""


def _sessions() -> str:
    """Each pupil's autumn absence split over one to three different reasons."""
    reasons = [code for code, _ in codes.ABSENCE_REASON]
    names = "[" + ", ".join(f"'{r}'" for r in reasons) + "]"
    weighted = [(str(i), weight) for i, (_, weight) in enumerate(codes.ABSENCE_REASON)]
    first = "CAST(round(autumn_missed * 0.7) AS INTEGER)"
    second = f"CAST(round((autumn_missed - {first}) * 0.6) AS INTEGER)"
    split = (
        f"CASE WHEN autumn_missed > 14 THEN [{first}, {second}, autumn_missed - {first} - {second}] "
        f"WHEN autumn_missed > 6 THEN [{first}, autumn_missed - {first}] ELSE [autumn_missed] END"
    )
    return f"""
SELECT {ROW_ID} AS pupilonrolltableid, {KEYS},
    printf('%08x', yearkey * 4 + k) AS termlysessiondetailsonrolltableid,
    k + 1 AS termlysessiondetailsonrollorderseqcolumn, {SOURCE_ID}, CAST(split[k + 1] AS DOUBLE) AS sessions,
    {names}[1 + (reason + 3 * k) % {len(reasons)}] AS attendancereason
FROM (SELECT *, CAST({choice("u('absence_reason', yearkey)", weighted)} AS INTEGER) AS reason,
        unnest(range(len(split))) AS k
    FROM (SELECT *, {split} AS split FROM census WHERE NOT left_school AND autumn_missed > 0))
WHERE split[k + 1] > 0
"""


def _no_longer_on_roll() -> str:
    return f"""
SELECT {ROW_ID} AS pupilnolongeronrolltableid, {KEYS}, {PERSON},
    strftime(least(entry, leaving_date), {DAY}) AS entrydate, strftime(leaving_date, {DAY}) AS leavingdate,
    1 AS pupilnolongeronrollorderseqcolumn, {SOURCE_ID}, {CENSUS_ID}, 'False' AS parttime,
    CAST(round(autumn_possible * 0.5) AS INTEGER) AS termlysessionspossible, NULL AS moveonrollflag,
    ethnicity, NULL AS boarder, {LANGUAGE} AS language
FROM census WHERE left_school
"""
