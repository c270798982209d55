"""The CIN census warehouse tables as data, with the DfE schema's code lists.

One table per repeating module of the DfE's XML schema (`Message/Header`,
`Children/Child` → `ChildIdentifiers`, `ChildCharacteristics`,
`CINdetails` → `Assessments`, `CINPlanDates`, `Section47`,
`ChildProtectionPlans` → `Reviews`). Rows join on `la_child_id` and the
numbers the loader gives each module within its file (`episode_no`,
`assessment_no`, `plan_no`), together with `_load_id`. `_source_row` is the
XML line of the record's element. Code lists: the DfE's CIN census
specification (2021-22 to 2025-26 combined).
"""

from __future__ import annotations

from scorecards.warehouse.dfe_codes import ETHNICITY
from scorecards.warehouse.records import Field, RecordTable


def _codes(*values: str) -> frozenset[str]:
    return frozenset(values)


def _numbered(prefix: str, first: int, last: int) -> frozenset[str]:
    return frozenset(f"{prefix}{n}" for n in range(first, last + 1))


YES_NO = _codes("TRUE", "FALSE", "0", "1")
# GenderCurrent (1 male, 2 female, 0 not recorded, 9 indeterminate) and its successor Sex (M, F, U).
SEX = _codes("0", "1", "2", "9", "M", "F", "U")
DISABILITY = _codes(
    "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"
)
REFERRAL_SOURCE = _codes(
    *("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F"),
    *("4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"),
)
PRIMARY_NEED = _numbered("N", 0, 9)
CLOSURE_REASON = _numbered("RC", 1, 8)
ABUSE = _codes("NEG", "PHY", "SAB", "EMO", "MUL")
FACTORS = _codes(
    *("1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C"),
    *("6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A"),
    *("14A", "15A", "16A", "17A", "18B", "18C", "19B", "19C", "20", "21", "22A", "23A", "24A"),
)

CHILD_ID = Field("la_child_id", required=True)
EPISODE_NO = Field("episode_no", kind="integer", required=True)

HEADER = RecordTable(
    "cin_header",
    (
        Field("collection"),
        Field("year", kind="integer"),
        Field("reference_date", kind="date"),
        Field("source_level"),
        Field("lea"),
        Field("software_code"),
        Field("release"),
        Field("serial_no"),
        Field("datetime"),
    ),
    "the file's Header: collection year, reference date, the council (LEA)",
)
CHILDREN = RecordTable(
    "cin_children",
    (
        CHILD_ID,
        Field("upn"),
        Field("former_upn"),
        Field("upn_unknown", kind="code", codes=_numbered("UN", 1, 10)),
        Field("dob", kind="date"),
        Field("expected_dob", kind="date"),
        Field("sex", kind="code", codes=SEX),
        Field("death_date", kind="date"),
        Field("ethnicity", kind="code", codes=ETHNICITY),
    ),
    "one row per Child: identifiers and characteristics",
)
DISABILITIES = RecordTable(
    "cin_disabilities",
    (CHILD_ID, Field("disability", kind="code", required=True, codes=DISABILITY)),
    "one row per Disability of a child",
)
EPISODES = RecordTable(
    "cin_episodes",
    (
        CHILD_ID,
        EPISODE_NO,
        Field("referral_date", kind="date", required=True),
        Field("referral_source", kind="code", codes=REFERRAL_SOURCE),
        Field("primary_need", kind="code", codes=PRIMARY_NEED),
        Field("closure_date", kind="date"),
        Field("closure_reason", kind="code", codes=CLOSURE_REASON),
        Field("date_of_initial_cpc", kind="date"),
        Field("referral_nfa", kind="code", codes=YES_NO),
    ),
    "one row per CINdetails: a referral and the episode of need it opens",
)
ASSESSMENTS = RecordTable(
    "cin_assessments",
    (
        CHILD_ID,
        EPISODE_NO,
        Field("assessment_no", kind="integer", required=True),
        Field("start_date", kind="date", required=True),
        Field("internal_review_date", kind="date"),
        Field("authorisation_date", kind="date"),
    ),
    "one row per Assessments module",
)
ASSESSMENT_FACTORS = RecordTable(
    "cin_assessment_factors",
    (
        CHILD_ID,
        EPISODE_NO,
        Field("assessment_no", kind="integer", required=True),
        Field("factor", kind="code", required=True, codes=FACTORS),
    ),
    "one row per factor identified at the end of an assessment",
)
PLAN_DATES = RecordTable(
    "cin_plan_dates",
    (CHILD_ID, EPISODE_NO, Field("start_date", kind="date", required=True), Field("end_date", kind="date")),
    "one row per CINPlanDates module: a child in need plan",
)
SECTION47 = RecordTable(
    "cin_section47",
    (
        CHILD_ID,
        EPISODE_NO,
        Field("start_date", kind="date", required=True),
        Field("initial_cpc_target", kind="date"),
        Field("date_of_initial_cpc", kind="date"),
        Field("icpc_not_required", kind="code", codes=YES_NO),
    ),
    "one row per Section47 enquiry",
)
CP_PLANS = RecordTable(
    "cin_cp_plans",
    (
        CHILD_ID,
        EPISODE_NO,
        Field("plan_no", kind="integer", required=True),
        Field("start_date", kind="date", required=True),
        Field("end_date", kind="date"),
        Field("initial_category", kind="code", codes=ABUSE),
        Field("latest_category", kind="code", codes=ABUSE),
        Field("previous_plans", kind="integer"),
    ),
    "one row per ChildProtectionPlans module",
)
CP_REVIEWS = RecordTable(
    "cin_cp_reviews",
    (CHILD_ID, EPISODE_NO, Field("plan_no", kind="integer", required=True),
     Field("review_date", kind="date", required=True)),
    "one row per CPPreviewDate of a child protection plan",
)  # fmt: skip

# In loading order: a table's whole-record rules may read the tables before it
# (a child's age at the header's reference date, an assessment's factors).
TABLES: tuple[RecordTable, ...] = (
    HEADER,
    CHILDREN,
    DISABILITIES,
    EPISODES,
    ASSESSMENT_FACTORS,
    ASSESSMENTS,
    PLAN_DATES,
    SECTION47,
    CP_PLANS,
    CP_REVIEWS,
)
