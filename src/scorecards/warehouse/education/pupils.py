"""The pupil-level CSV (`scorecards load pupils`), documented in docs/record-formats.md.

One row per pupil per academic year: school, district, the key-stage
results, the vulnerable-group flags (FSM, SEN, in care, EAL), gender,
ethnicity, attendance and exclusions. It is the council's own joined
extract — what the education indicators and their gaps are computed from.

A row that cannot be attributed or counted is rejected: no pupil, district
or well-formed year, the same pupil twice in a year, an Attainment 8 score
outside 0–90, more sessions missed than possible. Odd codes are loaded and
reported.
"""

from __future__ import annotations

from scorecards.warehouse import dfe_codes as codes
from scorecards.warehouse.loaders import CsvLoader
from scorecards.warehouse.record_rules import RecordRule, duplicate_of_earlier
from scorecards.warehouse.records import Field, RecordTable

SEN = frozenset({"N", "K", "E"})
NC_YEAR = frozenset({"R", *(str(y) for y in range(1, 15))})

PUPILS = RecordTable(
    "pupils",
    (
        Field("pupil_id", required=True),
        Field("school_urn"),
        Field("district", required=True),
        Field("academic_year", required=True),
        Field("ncyear", kind="code", codes=NC_YEAR),
        Field("gender", kind="code", codes=codes.SEX),
        Field("ethnicity", kind="code", codes=codes.ETHNICITY),
        Field("fsm", kind="boolean"),
        Field("sen", kind="code", codes=SEN),
        Field("cic", kind="boolean"),
        Field("eal", kind="boolean"),
        Field("eyfs_gld", kind="boolean"),
        Field("ks2_rwm_expected", kind="boolean"),
        Field("ks4_attainment8", kind="number"),
        Field("sessions_possible", kind="integer"),
        Field("sessions_missed", kind="integer"),
        Field("permanent_exclusion_date", kind="date"),
        Field("fixed_term_exclusions", kind="integer"),
    ),
    "one row per pupil per academic year",
)

# The first calendar year of a label such as 2016-17 (NULL when it is not one),
# and the academic year's first day, for the rules below.
_FIRST = "TRY_CAST(substr(t.academic_year, 1, 4) AS INTEGER)"
_LAST = "TRY_CAST(substr(t.academic_year, 6, 2) AS INTEGER)"
_YEAR_START = f"make_date({_FIRST}, 9, 1)"

RULES = (
    RecordRule(
        "academic_year",
        "not an academic year such as 2016-17",
        f"NOT coalesce(regexp_full_match(t.academic_year, '\\d{{4}}-\\d{{2}}') "
        f"AND ({_FIRST} + 1) % 100 = {_LAST}, false)",
        "rejected",
    ),
    RecordRule(
        "pupil_id",
        "the same pupil appears earlier in the file for the same academic year",
        duplicate_of_earlier(("pupil_id", "academic_year")),
        "rejected",
    ),
    RecordRule(
        "ks4_attainment8",
        "Attainment 8 is outside 0 to 90",
        "t.ks4_attainment8 < 0 OR t.ks4_attainment8 > 90",
        "rejected",
    ),
    RecordRule("sessions_possible", "negative sessions possible", "t.sessions_possible < 0", "rejected"),
    RecordRule("sessions_missed", "negative sessions missed", "t.sessions_missed < 0", "rejected"),
    RecordRule(
        "sessions_missed",
        "more sessions missed than possible",
        "t.sessions_missed > t.sessions_possible",
        "rejected",
    ),
    RecordRule(
        "fixed_term_exclusions", "negative number of exclusions", "t.fixed_term_exclusions < 0", "rejected"
    ),
    RecordRule(
        "permanent_exclusion_date",
        "permanent exclusion date is outside the academic year",
        f"t.permanent_exclusion_date < {_YEAR_START} "
        f"OR t.permanent_exclusion_date >= {_YEAR_START} + INTERVAL 1 YEAR",
    ),
)


LOADER = CsvLoader("pupils", PUPILS, RULES)
