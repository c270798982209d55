"""Ofsted's Annex A lists 1–11 as data: each column's heading, field name and type.

Annex A is the workbook of child-level lists a council gives Ofsted at the
start of an inspection of local authority children's services (ILACS).
Each list goes to `annex_a_list_<n>`. Columns are matched by heading
(case, punctuation and spacing ignored). Values picked from the workbook's
drop-downs carry a letter prefix (`b) Female`, `q) 6: Police`), which the
loader removes. Only the child's (or adopter's) identifier is required.
"""

from __future__ import annotations

import re

from scorecards.warehouse.dfe_codes import ETHNICITY
from scorecards.warehouse.records import Field, Kind, RecordTable

GENDER = frozenset(
    {"MALE", "FEMALE", "NOT STATED/RECORDED", "NEITHER", "UNKNOWN", "NOT KNOWN", "INDETERMINATE"}
)
YES_NO = frozenset({"YES", "NO", "Y", "N"})

Column = tuple[str, str, Kind]  # field name, heading, kind

CHILD: tuple[Column, ...] = (
    ("child_id", "Child Unique ID", "text"),
    ("gender", "Gender", "code"),
    ("ethnicity", "Ethnicity", "code"),
    ("dob", "Date of Birth", "date"),
    ("age", "Age", "number"),
)
DISABILITY: Column = ("disability", "Does the Child have a Disability", "code")
ALLOCATED: tuple[Column, ...] = (
    ("allocated_team", "Allocated Team", "text"),
    ("allocated_worker", "Allocated Worker", "text"),
)

LISTS: dict[int, tuple[str, tuple[Column, ...]]] = {
    1: (
        "contacts",
        (
            *CHILD,
            ("contact_date", "Date of Contact", "date"),
            ("contact_source", "Contact Source", "text"),
        ),
    ),
    2: (
        "early help assessments",
        (
            *CHILD,
            ("assessment_start", "Assessment start date", "date"),
            ("assessment_completion", "Assessment completion date", "date"),
            ("organisation", "Organisation completing assessment", "text"),
        ),
    ),
    3: (
        "referrals",
        (
            *CHILD,
            ("referral_date", "Date of Referral", "date"),
            ("referral_source", "Referral Source", "text"),
            ("referral_nfa", "Referral NFA?", "code"),
            ("referrals_last_12_months", "Number of Referrals in Last 12 Months", "integer"),
            *ALLOCATED,
        ),
    ),
    4: (
        "assessments",
        (
            *CHILD,
            DISABILITY,
            ("assessment_start", "Continuous Assessment Start Date", "date"),
            ("child_seen", "Child Seen During Continuous Assessment", "code"),
            ("assessment_authorised", "Continuous Assessment Date of Authorisation", "date"),
            (
                "assessment_outcome",
                "Was the child assessed as requiring LA children's social care support?",
                "text",
            ),
            *ALLOCATED,
        ),
    ),
    5: (
        "section 47 enquiries and initial child protection conferences",
        (
            *CHILD,
            DISABILITY,
            ("s47_start", "Strategy discussion initiating Section 47 Enquiry Start Date", "date"),
            ("icpc_unnecessary", "Was an Initial Child Protection Conference deemed unnecessary?", "code"),
            ("icpc_date", "Date of Initial Child Protection Conference", "date"),
            (
                "icpc_resulted_in_plan",
                "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                "code",
            ),
            ("s47_last_12_months", "Number of Section 47 Enquiries in the last 12 months", "integer"),
            ("icpcs_last_12_months", "Number of ICPCs in the last 12 months", "integer"),
            *ALLOCATED,
        ),
    ),
    6: (
        "children in need",
        (
            *CHILD,
            DISABILITY,
            ("cin_start", "CIN Start Date", "date"),
            ("primary_need", "Primary Need Code", "text"),
            ("last_seen", "Date Child Was Last Seen", "date"),
            ("cin_closure", "CIN Closure Date", "date"),
            ("closure_reason", "Reason for Closure", "text"),
            ("case_status", "Case Status", "text"),
            *ALLOCATED,
        ),
    ),
    7: (
        "child protection plans",
        (
            *CHILD,
            DISABILITY,
            ("cp_start", "Child Protection Plan Start Date", "date"),
            ("initial_category", "Initial Category of Abuse", "text"),
            ("latest_category", "Latest Category of Abuse", "text"),
            ("last_visit", "Date of the Last Statutory Visit", "date"),
            ("seen_alone", "Was the Child Seen Alone?", "code"),
            ("latest_review", "Date of latest review conference", "date"),
            ("cp_end", "Child Protection Plan End Date", "date"),
            (
                "epo_last_6_months",
                "Subject to Emergency Protection Order or Protected Under Police Powers "
                "in Last Six Months (Y/N)",
                "code",
            ),
            ("previous_plans", "Number of Previous Child Protection Plans", "integer"),
            *ALLOCATED,
        ),
    ),
    8: (
        "children in care",
        (
            *CHILD,
            ("uasc", "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))", "code"),
            DISABILITY,
            ("care_start", "Date Started to be Looked After", "date"),
            ("category_of_need", "Child's Category of Need", "text"),
            (
                "subsequent_period",
                "Is this a second or subsequent period of being a Looked After Child "
                "within the last 12 months (Y/N)",
                "code",
            ),
            ("legal_status_start", "Start date of current legal status", "date"),
            ("legal_status", "Child's Legal Status", "text"),
            ("latest_review", "Date of Latest Statutory Review", "date"),
            ("last_visit", "Date of Last Social Work Visit", "date"),
            ("permanence_plan", "What is the permanence plan for this child?", "text"),
            ("last_iro_contact", "Date of Last IRO Visit / Contact to the Child", "date"),
            ("last_health_assessment", "Date of Last Health Assessment", "date"),
            ("last_dental_check", "Date of Last Dental Check", "date"),
            ("placements_last_12_months", "Number of Placements in the Last 12 months", "integer"),
            ("care_end", "Date Ceased to be Looked After", "date"),
            ("care_end_reason", "Reason Ceased to be Looked After", "text"),
            ("placement_start", "Start Date of Most Recent Placement", "date"),
            ("placement_type", "Placement Type", "text"),
            ("placement_provider", "Placement Provider", "text"),
            ("placement_postcode", "Placement postcode", "text"),
            ("placement_urn", "URN of Placement", "text"),
            ("placement_location", "Placement Location", "text"),
            ("placement_la", "LA of Placement", "text"),
            (
                "missing_episodes",
                "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
                "integer",
            ),
            (
                "absent_episodes",
                "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
                "integer",
            ),
            (
                "return_interview_offered",
                "Was the child offered a Return Interview after their last missing episode (Y/N)?",
                "code",
            ),
            (
                "return_interview_accepted",
                "Did the child accept a Return Interview after their last missing episode (Y/N)?",
                "code",
            ),
            *ALLOCATED,
        ),
    ),
    9: (
        "care leavers",
        (
            *CHILD,
            DISABILITY,
            *ALLOCATED,
            ("eligibility", "Eligibility Category", "text"),
            ("in_touch", "LA in Touch", "code"),
            ("accommodation_type", "Type of Accommodation", "text"),
            ("accommodation_suitable", "Suitability of Accommodation", "text"),
            ("activity", "Activity Status", "text"),
        ),
    ),
    10: (
        "children with a plan of adoption",
        (
            ("child_id", "Child Unique ID", "text"),
            ("family_id", "Family identifier", "text"),
            *CHILD[1:4],
            ("age", "Age of Child (Years)", "number"),
            DISABILITY,
            ("care_start", "Date the Child Entered Care", "date"),
            ("adoption_decision", "Date of Decision that Child Should be Placed for Adoption", "date"),
            ("placement_order", "Date of Placement Order", "date"),
            ("matched", "Date of Matching Child and Prospective Adopters", "date"),
            ("placed", "Date Placed for Adoption", "date"),
            ("adoption_order", "Date of Adoption Order", "date"),
            (
                "no_longer_adoption_decision",
                "Date of Decision that Child Should No Longer be Placed for Adoption",
                "date",
            ),
            ("no_longer_adoption_reason", "Reason Why Child No Longer Placed for Adoption", "text"),
            (
                "ffa_placement",
                "Date the child was placed for fostering in FFA or concurrent planning placement",
                "date",
            ),
        ),
    ),
    11: (
        "adopters",
        (
            ("adopter_id", "Individual adopter identifier", "text"),
            ("family_id", "Family identifier", "text"),
            *CHILD[1:3],
            ("disability", "Disability", "code"),
            ("fostering_for_adoption", "Is the (prospective) adopter fostering for adoption?", "code"),
            ("enquiry", "Date enquiry received", "date"),
            ("stage1_start", "Date Stage 1 started", "date"),
            ("stage1_end", "Date Stage 1 ended", "date"),
            ("stage2_start", "Date Stage 2 started", "date"),
            ("stage2_end", "Date Stage 2 ended", "date"),
            ("application_submitted", "Date application submitted", "date"),
            ("application_approved", "Date application approved", "date"),
            ("matched", "Date adopter matched with child(ren)", "date"),
            ("placed", "Date child/children placed with adopter(s)", "date"),
            ("children_placed", "No. of children placed", "integer"),
            ("adoption_order", "Date of Adoption Order", "date"),
            ("left_process", "Date of leaving adoption process", "date"),
            ("left_reason", "Reason for leaving adoption process", "text"),
        ),
    ),
}

CODES = {"gender": GENDER, "ethnicity": ETHNICITY}
IDENTIFIERS = ("child_id", "adopter_id")
# The date each list is about, which a child's date of birth should precede.
EVENT_DATES = {
    1: "contact_date",
    2: "assessment_start",
    3: "referral_date",
    4: "assessment_start",
    5: "s47_start",
    6: "cin_start",
    7: "cp_start",
    8: "care_start",
    10: "care_start",
}
# (start, end) pairs where the end cannot come first.
INTERVALS = {
    2: ("assessment_start", "assessment_completion"),
    4: ("assessment_start", "assessment_authorised"),
    6: ("cin_start", "cin_closure"),
    7: ("cp_start", "cp_end"),
    8: ("care_start", "care_end"),
}


def _field(name: str, heading: str, kind: Kind) -> Field:
    codes = CODES.get(name, YES_NO if kind == "code" else None)
    return Field(name, source=name, kind=kind, required=name in IDENTIFIERS, codes=codes)


TABLES: dict[int, RecordTable] = {
    number: RecordTable(
        f"annex_a_list_{number}", tuple(_field(*c) for c in columns), f"Annex A list {number}: {what}"
    )
    for number, (what, columns) in LISTS.items()
}


def normalise(heading: object) -> str:
    """A heading reduced to lower-case words, so spacing, case and quotes never matter."""
    text = str(heading or "").lower().replace("\u2018", "'").replace("\u2019", "'")
    return " ".join(re.findall(r"[a-z0-9]+", text))


HEADINGS: dict[int, dict[str, str]] = {
    number: {normalise(heading): name for name, heading, _ in columns}
    for number, (_, columns) in LISTS.items()
}
