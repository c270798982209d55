"""DfE code lists with the weights the generator draws them by.

The codes are those of the specifications in force in the example's data
year (SSDA903 2016-17, CIN census and school census as the DfE's samples),
all of them in the loaders' code lists, so a generated file loads without
unknown-code warnings. The weights are round figures of the
shape of the DfE's published statistics, not any council's data.
"""

from __future__ import annotations

from scorecards.synthetic.draws import Weighted

# Ethnic groups other than White British; White British takes the rest of a
# council's population (its share depends on how diverse the council is).
MINORITY_ETHNICITY: Weighted = (
    ("WIRI", 2.0), ("WIRT", 0.5), ("WROM", 0.7), ("WOTH", 20.0),
    ("MWBC", 5.0), ("MWBA", 2.5), ("MWAS", 4.0), ("MOTH", 5.0),
    ("AIND", 8.0), ("APKN", 8.0), ("ABAN", 4.0), ("AOTH", 6.0),
    ("BCRB", 3.0), ("BAFR", 10.0), ("BOTH", 2.0), ("CHNE", 1.5),
    ("OOTH", 5.0), ("REFU", 2.0), ("NOBT", 1.5),
)  # fmt: skip

# The share of each major group (first letter) whose first language is not English.
EAL_BY_GROUP = {"W": 0.35, "M": 0.12, "A": 0.75, "B": 0.5, "C": 0.7, "O": 0.65, "R": 0.05, "N": 0.1}


def ethnicity(diversity: float) -> Weighted:
    """Ethnicity codes for a population whose non-White-British share is `diversity`."""
    minority = sum(w for _, w in MINORITY_ETHNICITY)
    return (("WBRI", 1 - diversity), *((code, diversity * w / minority) for code, w in MINORITY_ETHNICITY))


# Unaccompanied asylum-seeking children: mostly from East Africa, Afghanistan, the Middle East, Albania.
UASC_ETHNICITY: Weighted = (("BAFR", 35), ("AOTH", 30), ("OOTH", 20), ("WOTH", 10), ("BOTH", 5))

# School census: SEN primary need types, and reasons for exclusion.
SEN_TYPE: Weighted = (
    ("SLCN", 23), ("MLD", 20), ("SEMH", 18), ("ASD", 12), ("SPLD", 11),
    ("OTH", 4), ("PD", 3), ("SLD", 3), ("HI", 2), ("VI", 1), ("PMLD", 1), ("MSI", 0.3), ("NSA", 1.7),
)  # fmt: skip
EXCLUSION_REASON: Weighted = (
    ("PP", 30), ("VA", 20), ("PA", 10), ("VP", 6), ("DA", 6), ("BU", 3), ("RA", 1), ("TH", 2), ("DM", 4),
    ("OT", 18),
)  # fmt: skip
# Absence reasons (school census attendance codes) and their shares of sessions missed.
ABSENCE_REASON: Weighted = (
    ("I", 56), ("M", 4), ("R", 1), ("E", 1), ("C", 8), ("G", 5), ("H", 2), ("O", 17), ("U", 3), ("N", 3),
)  # fmt: skip
LANGUAGE_OTHER: Weighted = (
    ("POL", 20), ("URD", 12), ("PNJ", 10), ("BNG", 8), ("ARA", 6), ("ROM", 6), ("SOM", 5), ("GUJ", 5),
    ("LIT", 4), ("PRS", 4), ("TUR", 4), ("OTH", 16),
)  # fmt: skip

# CIN census.
REFERRAL_SOURCE: Weighted = (
    ("1A", 3), ("1B", 1), ("1C", 2), ("1D", 2), ("2A", 17), ("2B", 1), ("3A", 3), ("3B", 2), ("3C", 1),
    ("3D", 2), ("3E", 4), ("3F", 3), ("4", 2), ("5A", 7), ("5B", 3), ("5C", 3), ("5D", 2), ("6", 28),
    ("7", 2), ("8", 5), ("9", 1), ("10", 6),
)  # fmt: skip
PRIMARY_NEED: Weighted = (
    ("N1", 52), ("N2", 5), ("N3", 3), ("N4", 9), ("N5", 16), ("N6", 3), ("N7", 0.5), ("N8", 4), ("N9", 6),
    ("N0", 1.5),
)  # fmt: skip
DISABILITY: Weighted = (
    ("AUT", 25), ("BEH", 15), ("COMM", 12), ("LD", 14), ("MOB", 6), ("HAND", 6), ("HEAR", 4), ("VIS", 3),
    ("CON", 6), ("INC", 3), ("PC", 2), ("DDA", 4),
)  # fmt: skip
ASSESSMENT_FACTOR: Weighted = (
    ("3A", 9), ("3B", 3), ("3C", 3), ("2A", 6), ("2B", 3), ("2C", 2), ("1A", 4), ("1B", 2), ("1C", 2),
    ("4A", 14), ("4B", 4), ("4C", 2), ("5A", 3), ("5B", 3), ("5C", 3), ("6A", 4), ("6B", 2), ("6C", 2),
    ("7A", 2), ("8B", 2), ("8C", 4), ("8D", 1), ("8E", 1), ("8F", 2), ("9A", 2), ("10A", 2), ("11A", 3),
    ("12A", 1), ("13A", 1), ("14A", 2), ("15A", 1), ("16A", 1), ("17A", 1), ("18B", 3), ("19B", 4),
    ("20", 1), ("21", 14), ("22A", 3), ("23A", 1), ("24A", 2),
)  # fmt: skip
SDQ_REASON: Weighted = (("SDQ1", 50), ("SDQ2", 20), ("SDQ3", 10), ("SDQ4", 10), ("SDQ5", 10))
PREVIOUS_PERMANENCE: Weighted = (("Z1", 90), ("P1", 2), ("P2", 4), ("P3", 2), ("P4", 2))
CATEGORY_OF_ABUSE: Weighted = (("NEG", 48), ("EMO", 35), ("PHY", 8), ("SAB", 4), ("MUL", 5))

# SSDA903.
LEGAL_STATUS_START: Weighted = (("V2", 45), ("C1", 40), ("E1", 2), ("C2", 8), ("L1", 2), ("L2", 3))
NEED_IN_CARE: Weighted = (("N1", 62), ("N2", 3), ("N3", 3), ("N4", 8), ("N5", 14), ("N6", 2), ("N8", 8))
NEED_UASC = "N8"  # absent parenting: the category of need of an unaccompanied child
FOSTER_PLACEMENT: Weighted = (("U4", 20), ("U5", 12), ("U6", 40), ("U1", 8), ("U2", 8), ("U3", 12))
OTHER_PLACEMENT: Weighted = (("K2", 40), ("H5", 25), ("P1", 15), ("P2", 5), ("R1", 3), ("S1", 4), ("Z1", 8))
PLACEMENT_PROVIDER: Weighted = (("PR1", 55), ("PR4", 35), ("PR5", 6), ("PR2", 2), ("PR3", 2))
PLACE_CHANGE_REASON: Weighted = (
    ("CARPL", 30), ("LAREQ", 15), ("CREQB", 8), ("CREQO", 8), ("CHILD", 8), ("STAND", 10), ("PLACE", 6),
    ("ALLEG", 2), ("OTHER", 13),
)  # fmt: skip
REVIEW_CODE: Weighted = (
    ("PN1", 60), ("PN2", 5), ("PN3", 10), ("PN4", 10), ("PN5", 3), ("PN6", 5), ("PN7", 5), ("PN0", 2),
)  # fmt: skip
# Reasons a period of care ends, other than adoption and the 18th birthday.
LEAVING_REASON: Weighted = (
    ("E4A", 42), ("E13", 12), ("E41", 12), ("E43", 4), ("E44", 5), ("E8", 14), ("E4B", 8), ("E3", 3),
    ("E9", 4), ("E7", 2), ("E15", 1), ("E16", 1), ("E14", 1),
)  # fmt: skip
# Reasons a period of care ends on the 18th birthday.
LEAVING_AT_EIGHTEEN: Weighted = (("E5", 40), ("E17", 25), ("E6", 12), ("E8", 15), ("E7", 3), ("E15", 5))
# Care leavers: in touch, activity (education, employment or training), accommodation.
IN_TOUCH: Weighted = (("YES", 88), ("NO", 5), ("REFU", 3), ("NREQ", 2), ("DIED", 0.2), ("RHOM", 1.8))
EET_ACTIVITY: Weighted = (("F1", 8), ("P1", 1), ("F2", 25), ("P2", 3), ("F3", 18), ("P3", 6))
NEET_ACTIVITY: Weighted = (("G4", 18), ("G5", 70), ("G6", 12))
SUITABLE_ACCOMMODATION: Weighted = (
    ("D1", 25), ("E1", 10), ("U1", 25), ("Z1", 10), ("B1", 15), ("K1", 5), ("C1", 3), ("T1", 2), ("Y1", 5),
)  # fmt: skip
UNSUITABLE_ACCOMMODATION: Weighted = (("X2", 20), ("S2", 15), ("W2", 10), ("V2", 15), ("B2", 15), ("U2", 25))
