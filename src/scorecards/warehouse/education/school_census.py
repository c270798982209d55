"""The school census tables as councils hold them (`scorecards load school-census`).

A council's copy of the census comes as one flat CSV per census table, named
like `2025_spring_pupilonroll.csv` (the layout of the liia-tools school
census pipeline). Each file is recognised by its columns — every census
table has its own `<table>orderseqcolumn` — so a file's name does not matter;
when the name carries the census year and term they are kept with each
record.

Pupils' names are not loaded: no indicator needs them, and the warehouse
keeps the least personal data that lets records be linked (the census's own
row identifiers and the UPN).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse import dfe_codes as codes
from scorecards.warehouse.loaders import FileOutcome
from scorecards.warehouse.record_rules import RecordRule
from scorecards.warehouse.records import Field, RecordTable, csv_columns, load_staged, stage_csv

CENSUS_PERIOD = ("census_year INTEGER", "census_term VARCHAR")
SCHOOL = Field("school_id", "NativeId", required=True)


def _fields(key: str, *rest: Field) -> tuple[Field, ...]:
    return (Field(key, required=True), SCHOOL, Field("sourceid"), *rest)


PUPIL_FIELDS = (
    Field("upn"),
    Field("formerupn"),
    Field("uniquelearnernumber"),
    Field("dob", kind="date"),
    Field("sex", kind="code", codes=codes.SEX),
    Field("entrydate", kind="date"),
    Field("ethnicity", kind="code", codes=codes.ETHNICITY),
    # Some 300 language codes: not checked, only used to tell English from not.
    Field("language"),
    Field("parttime", kind="boolean"),
    Field("boarder", kind="code", codes=codes.BOARDER),
    Field("termlysessionspossible", kind="integer"),
)


@dataclass(frozen=True)
class CensusTable:
    """A census table: the names it goes by in extracts, and its warehouse table."""

    names: tuple[str, ...]
    spec: RecordTable
    rules: tuple[RecordRule, ...] = ()

    def recognised_by(self, columns: set[str]) -> str | None:
        """The name this file uses for the table, if it is this table."""
        return next((n for n in self.names if f"{n}orderseqcolumn" in columns), None)


PUPILS_ON_ROLL = CensusTable(
    ("pupilonroll",),
    RecordTable(
        "census_pupils_on_roll",
        _fields(
            "pupilonrolltableid",
            Field("schoolcensustableid"),
            *PUPIL_FIELDS,
            Field("ncyearactual", kind="code", codes=codes.NC_YEAR),
            Field("senprovision", kind="code", codes=codes.SEN_PROVISION),
            Field("enrolstatus", kind="code", codes=codes.ENROL_STATUS),
            Field("schoollunchtaken", kind="boolean"),
            Field("topupfunding", kind="boolean"),
            Field("hoursatsetting", kind="number"),
            Field("fundedhours", kind="number"),
            Field("extendedhours", kind="number"),
            Field("eligibilitycode"),
            Field("senunitindicator", kind="boolean"),
            Field("resourcedprovisionindicator", kind="boolean"),
            Field("servicechild"),
            Field("classtype", kind="code", codes=codes.CLASS_TYPE),
            Field("yssa"),
            Field("plaa", kind="code", codes=codes.ADOPTED_FROM_CARE),
            Field("youngcarer"),
            Field("eyppr", kind="boolean"),
            Field("eyppbf", kind="code", codes=codes.EY_PUPIL_PREMIUM_BASIS),
        ),
        "one row per pupil on roll on census day",
        CENSUS_PERIOD,
    ),
    (RecordRule("entrydate", "entry date is before the date of birth", "t.entrydate < t.dob"),),
)

PUPILS_NO_LONGER_ON_ROLL = CensusTable(
    ("pupilnolongeronroll",),
    RecordTable(
        "census_pupils_no_longer_on_roll",
        _fields(
            "pupilnolongeronrolltableid",
            Field("schoolcensustableid"),
            *PUPIL_FIELDS,
            Field("leavingdate", kind="date"),
        ),
        "one row per pupil who left since the last census",
        CENSUS_PERIOD,
    ),
    (RecordRule("leavingdate", "leaving date is before the entry date", "t.leavingdate < t.entrydate"),),
)

FSM_PERIODS = CensusTable(
    ("fsmperiod", "fsmperiodsonroll"),
    RecordTable(
        "census_fsm_periods",
        _fields(
            "fsmperiodtableid",
            Field("pupilonrolltableid", required=True),
            Field("fsmstartdate", kind="date", required=True),
            Field("fsmenddate", kind="date"),
            Field("ukcountry", kind="code", codes=codes.UK_COUNTRY),
        ),
        "one row per period of free school meals eligibility",
        CENSUS_PERIOD,
    ),
    (RecordRule("fsmenddate", "FSM end date is before its start date", "t.fsmenddate < t.fsmstartdate"),),
)

SEN_NEEDS = CensusTable(
    ("senneeds",),
    RecordTable(
        "census_sen_needs",
        _fields(
            "senneedstableid",
            Field("pupilonrolltableid", required=True),
            Field("sentyperank", kind="integer"),
            Field("sentype", kind="code", codes=codes.SEN_TYPE),
        ),
        "one row per special educational need, ranked",
        CENSUS_PERIOD,
    ),
)

EXCLUSIONS = CensusTable(
    ("termlyexclusionsonroll",),
    RecordTable(
        "census_exclusions",
        _fields(
            "termlyexclusionsonrolltableid",
            Field("pupilonrolltableid", required=True),
            Field("startdate", kind="date", required=True),
            Field("sessions", kind="number"),
            Field("category", kind="code", required=True, codes=codes.EXCLUSION_CATEGORY),
            Field("reason1", kind="code", codes=codes.EXCLUSION_REASON),
            Field("reason2", kind="code", codes=codes.EXCLUSION_REASON),
            Field("reason3", kind="code", codes=codes.EXCLUSION_REASON),
            Field("incare", kind="boolean"),
            Field("senprovision", kind="code", codes=codes.SEN_PROVISION),
        ),
        "one row per exclusion (permanent, suspension or lunchtime) in the previous term",
        CENSUS_PERIOD,
    ),
    (RecordRule("sessions", "a negative number of sessions", "t.sessions < 0", "rejected"),),
)

SESSIONS = CensusTable(
    ("termlysessiondetailsonroll",),
    RecordTable(
        "census_sessions",
        _fields(
            "termlysessiondetailsonrolltableid",
            Field("pupilonrolltableid", required=True),
            Field("sessions", kind="number"),
            Field("attendancereason", kind="code", required=True, codes=codes.ATTENDANCE_REASON),
        ),
        "one row per pupil and absence reason: sessions missed in the previous term",
        CENSUS_PERIOD,
    ),
    (RecordRule("sessions", "a negative number of sessions", "t.sessions < 0", "rejected"),),
)

TABLES = (PUPILS_ON_ROLL, PUPILS_NO_LONGER_ON_ROLL, FSM_PERIODS, SEN_NEEDS, EXCLUSIONS, SESSIONS)

# Older extracts call the session count `absencesessions`.
COLUMN_ALIASES = {"absencesessions": "sessions"}
PERIOD_IN_NAME = re.compile(r"(?P<year>\d{4})[_\- ]?(?P<term>autumn|spring|summer)", re.IGNORECASE)


class SchoolCensusLoader:
    kind = "school-census"
    version = "1"

    def load_file(self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
        table, renames = _recognise({c.lower() for c in csv_columns(con, str(path))}, path)
        stage_csv(con, str(path), renames)
        shown_as = str(path)
        count, problems = load_staged(con, table.spec, load_id, shown_as, table.rules, census_period(path))
        return FileOutcome({table.spec.table: count}, problems)


def _recognise(columns: set[str], path: Path) -> tuple[CensusTable, dict[str, str]]:
    """Which census table a file with these columns is, and the renames to its canonical names."""
    for table in TABLES:
        name = table.recognised_by(columns)
        if name is None:
            continue
        renames = {**COLUMN_ALIASES, f"{name}tableid": f"{table.names[0]}tableid"}
        return table, {old: new for old, new in renames.items() if old in columns and new not in columns}
    known = ", ".join(t.names[0] for t in TABLES)
    raise ScorecardsError(
        f"{path}: not a school census table this loader knows ({known}): "
        "no <table>orderseqcolumn column among its columns"
    )


def census_period(path: Path) -> dict[str, object]:
    """The census year and term the file's name gives, if it gives them."""
    found = PERIOD_IN_NAME.search(path.name)
    if found is None:
        return {}
    return {"census_year": int(found["year"]), "census_term": found["term"].lower()}


LOADER = SchoolCensusLoader()
