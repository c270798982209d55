"""The SSDA903 tables as data: DfE field names (lower case), types and code lists.

Each warehouse table `ssda903_<table>` has the DfE's fields plus
`collection_year` (the year ending 31 March the return covers: from a
`YEAR` column when the file has one, else from a year in the file or
folder name). Only the child and the date that defines a record are
required; a blank field the DfE says must not be blank is loaded with a
warning (`MANDATORY`), and an odd code is loaded with a warning. Code lists:
the DfE's SSDA903 guidance (2015-16 to 2023-24 lists combined, so old and
new codes both load without warnings).
"""

from __future__ import annotations

from scorecards.warehouse.dfe_codes import ETHNICITY
from scorecards.warehouse.records import Field, RecordTable


def _codes(*values: str) -> frozenset[str]:
    return frozenset(values)


def _numbered(prefix: str, first: int, last: int) -> frozenset[str]:
    return frozenset(f"{prefix}{n}" for n in range(first, last + 1))


FLAG = _codes("0", "1")
SEX = _codes("1", "2")
RNE = _codes("S", "L", "P", "T", "U", "B")
LEGAL_STATUS = _codes("C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3")
CATEGORY_OF_NEED = _numbered("N", 1, 8)
PLACEMENT = _codes(
    *("A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1"),
    *("T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"),
)
PROVIDER = _numbered("PR", 0, 5)
REASON_EPISODE_CEASED = _codes(
    *("X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E43", "E44", "E45", "E46"),
    *("E47", "E48", "E5", "E6", "E7", "E9", "E14", "E15", "E16", "E17", "E8"),
)
REASON_PLACE_CHANGE = _codes(
    "CARPL",
    "CLOSE",
    "ALLEG",
    "STAND",
    "APPRR",
    "CREQB",
    "CREQO",
    "CHILD",
    "LAREQ",
    "PLACE",
    "CUSTOD",
    "OTHER",
)
IN_TOUCH = _codes("YES", "NO", "DIED", "REFU", "NREQ", "RHOM")
ACTIVITY = _codes("F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0")
ACCOMMODATION = frozenset({f"{kind}{suitable}" for kind in "BCDEGHKRSTUVWXYZ" for suitable in "12"} | {"0"})

YEAR = Field("collection_year", "year", "integer")


def _table(name: str, *fields: Field) -> RecordTable:
    return RecordTable(f"ssda903_{name}", (*fields, YEAR), f"SSDA903 {name.replace('_', ' ')}")


CHILD = Field("child", kind="text", required=True)
DOB = Field("dob", kind="date")

TABLES: dict[str, RecordTable] = {
    "header": _table(
        "header",
        CHILD,
        Field("sex", kind="code", codes=SEX),
        DOB,
        Field("ethnic", kind="code", codes=ETHNICITY),
        Field("upn"),
        Field("mother", kind="code", codes=FLAG),
        Field("mc_dob", kind="date"),
    ),
    "episodes": _table(
        "episodes",
        CHILD,
        Field("decom", kind="date", required=True),
        Field("rne", kind="code", codes=RNE),
        Field("ls", kind="code", codes=LEGAL_STATUS),
        Field("cin", kind="code", codes=CATEGORY_OF_NEED),
        Field("place", kind="code", codes=PLACEMENT),
        Field("place_provider", kind="code", codes=PROVIDER),
        Field("dec", kind="date"),
        Field("rec", kind="code", codes=REASON_EPISODE_CEASED),
        Field("reason_place_change", kind="code", codes=REASON_PLACE_CHANGE),
        Field("home_post"),
        Field("pl_post"),
        Field("urn"),
    ),
    "reviews": _table(
        "reviews",
        CHILD,
        DOB,
        Field("review", kind="date", required=True),
        Field("review_code", kind="code", codes=_numbered("PN", 0, 7)),
    ),
    "uasc": _table("uasc", CHILD, Field("sex", kind="code", codes=SEX), DOB, Field("duc", kind="date")),
    "oc2": _table(
        "oc2",
        CHILD,
        DOB,
        Field("sdq_score", kind="integer"),
        Field("sdq_reason", kind="code", codes=_numbered("SDQ", 1, 5)),
        *(
            Field(name, kind="code", codes=FLAG)
            for name in (
                "convicted",
                "health_check",
                "immunisations",
                "teeth_check",
                "health_assessment",
                "substance_misuse",
                "intervention_received",
                "intervention_offered",
            )
        ),
    ),
    "oc3": _table(
        "oc3",
        CHILD,
        DOB,
        Field("in_touch", kind="code", codes=IN_TOUCH),
        Field("activ", kind="code", codes=ACTIVITY),
        Field("accom", kind="code", codes=ACCOMMODATION),
    ),
    "ad1": _table(
        "ad1",
        CHILD,
        DOB,
        Field("date_int", kind="date", required=True),
        Field("date_match", kind="date"),
        Field("foster_care", kind="code", codes=FLAG),
        Field("nb_adoptr", kind="integer"),
        Field("sex_adoptr", kind="code", codes=_codes("M1", "F1", "MM", "FF", "MF")),
        Field("ls_adoptr", kind="code", codes=_codes("L0", "L11", "L12", "L2", "L3", "L4")),
    ),
    "placed_for_adoption": _table(
        "placed_for_adoption",
        CHILD,
        DOB,
        Field("date_placed", kind="date", required=True),
        Field("date_placed_ceased", kind="date"),
        Field("reason_placed_ceased", kind="code", codes=_numbered("RD", 1, 4)),
    ),
    "previous_permanence": _table(
        "previous_permanence",
        CHILD,
        DOB,
        Field("prev_perm", kind="code", codes=_codes("P1", "P2", "P3", "P4", "Z1")),
        Field("la_perm"),
        # Kept as text: the DfE allows a partly known date such as zz/zz/2010.
        Field("date_perm"),
    ),
    "missing": _table(
        "missing",
        CHILD,
        DOB,
        Field("missing", kind="code", codes=_codes("M", "A")),
        Field("mis_start", kind="date", required=True),
        Field("mis_end", kind="date"),
    ),
}

# Columns that identify each table (all must be present), tried before the
# overlap of all columns decides between candidates.
MARKERS: dict[str, frozenset[str]] = {
    "header": _codes("child", "ethnic"),
    "episodes": _codes("child", "decom", "rne"),
    "reviews": _codes("child", "review"),
    "uasc": _codes("child", "duc"),
    "oc2": _codes("child", "sdq_score", "convicted"),
    "oc3": _codes("child", "in_touch"),
    "ad1": _codes("child", "date_int"),
    "placed_for_adoption": _codes("child", "date_placed"),
    "previous_permanence": _codes("child", "prev_perm"),
    "missing": _codes("child", "mis_start"),
}
# Tables the DfE defines that Scorecards does not use: recognised, then skipped.
IGNORED: dict[str, frozenset[str]] = {
    "sw_episodes": _codes("child", "sw_id", "sw_decom"),
}

# Fields the DfE says must not be blank (a blank one is loaded with a warning).
MANDATORY: dict[str, tuple[str, ...]] = {
    "header": ("sex", "dob", "ethnic", "upn"),
    "episodes": ("rne", "ls", "cin", "place"),
    "reviews": ("review_code",),
    "uasc": ("dob",),
    "oc3": ("in_touch", "activ", "accom"),
    "ad1": ("date_match", "foster_care", "nb_adoptr", "sex_adoptr", "ls_adoptr"),
    "previous_permanence": ("prev_perm",),
    "missing": ("missing",),
}
