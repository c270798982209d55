"""The early-help case CSV (`scorecards load early-help`), documented in docs/record-formats.md.

One row per case: when the notification came, when the case was allocated,
when a plan was in place, when and why it closed. The early-help indicators
(outcomes achieved at closure, plans within six weeks) are computed from
these dates.

A case with no identifier, district or notification date cannot be counted
and is rejected, as is a second row for the same case or a case closed
before it was notified. Dates out of order that do not stop a case being
counted (a plan dated before the notification) are loaded and reported.
"""

from __future__ import annotations

from scorecards.warehouse import dfe_codes as codes
from scorecards.warehouse.loaders import CsvLoader
from scorecards.warehouse.record_rules import RecordRule, duplicate_of_earlier
from scorecards.warehouse.records import Field, RecordTable

# Compared in upper case by `records.load_staged`; stored as written.
CLOSURE_REASONS = frozenset({"OUTCOMES_ACHIEVED", "DISENGAGED", "STEPPED_UP", "MOVED", "OTHER"})

CASES = RecordTable(
    "early_help_cases",
    (
        Field("case_id", required=True),
        Field("child_id", required=True),
        Field("district", required=True),
        Field("team"),
        Field("notification_date", kind="date", required=True),
        Field("start_date", kind="date"),
        Field("plan_date", kind="date"),
        Field("closure_date", kind="date"),
        Field("closure_reason", kind="code", codes=CLOSURE_REASONS),
        Field("stepped_down_from_scs", kind="boolean"),
        Field("gender", kind="code", codes=codes.SEX),
        Field("date_of_birth", kind="date"),
        Field("ethnicity", kind="code", codes=codes.ETHNICITY),
        Field("sen", kind="code", codes=frozenset({"N", "K", "E"})),
    ),
    "one row per early-help case",
)

RULES = (
    RecordRule(
        "case_id",
        "the same case appears earlier in the file",
        duplicate_of_earlier(("case_id",)),
        "rejected",
    ),
    RecordRule(
        "closure_date",
        "closure date is before the notification date",
        "t.closure_date < t.notification_date",
        "rejected",
    ),
    RecordRule(
        "start_date", "start date is before the notification date", "t.start_date < t.notification_date"
    ),
    RecordRule("plan_date", "plan date is before the notification date", "t.plan_date < t.notification_date"),
    RecordRule(
        "closure_reason",
        "closure reason given but no closure date",
        "t.closure_reason IS NOT NULL AND t.closure_date IS NULL",
    ),
    RecordRule(
        "closure_reason",
        "closed without a closure reason",
        "t.closure_date IS NOT NULL AND t.closure_reason IS NULL",
    ),
    RecordRule(
        "date_of_birth", "date of birth is after the notification", "t.date_of_birth > t.notification_date"
    ),
)


LOADER = CsvLoader("early-help", CASES, RULES)
