"""The CIN census XML (DfE schema), built as text by SQL and streamed to disk.

Each child's `<Child>` element is one string put together by a query from
`cin_children` and `referrals` (one `<CINdetails>` per referral, in date
order), so 650,000 referrals never become Python objects. The elements are
in the schema's order and indented as the DfE's samples are, one element a
line, so a loader's line numbers point at a record.

The header is that of an in-year extract for the census year the data
month falls in: `Year` the year of the 31 March that ends it and
`ReferenceDate` that 31 March, as the DfE's validation expects.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import duckdb

from scorecards.synthetic import codes
from scorecards.synthetic.draws import choice
from scorecards.synthetic.files import write_text
from scorecards.synthetic.shape import Council
from scorecards.synthetic.timeline import Timeline

CHILD_INDENT = 8  # spaces before <Child>, as in the DfE's samples
STEP = 4
FACTORS_AT_MOST = 4
REVIEW_FIRST_DAYS = 90  # first child protection review conference within three months
REVIEW_EVERY_DAYS = 182  # then every six months


def write_cin_census(con: duckdb.DuckDBPyConnection, council: Council, timeline: Timeline, path: Path) -> int:
    """Write the council's CIN census file; return the number of children."""
    return write_text(con, _children_xml(timeline, council), path, header(council, timeline), FOOTER)


def census_year(timeline: Timeline) -> int:
    """The year of the 31 March ending the census year the data month is in."""
    end = timeline.data_end
    return end.year if end.month <= 3 else end.year + 1


def header(council: Council, timeline: Timeline) -> str:
    year = census_year(timeline)
    stamp = datetime.combine(timeline.data_end, time()).isoformat()
    return f"""<Message>
    <Header>
        <CollectionDetails>
            <Collection>CIN</Collection>
            <Year>{year}</Year>
            <ReferenceDate>{date(year, 3, 31).isoformat()}</ReferenceDate>
        </CollectionDetails>
        <Source>
            <SourceLevel>L</SourceLevel>
            <LEA>{council.la_number:03d}</LEA>
            <SoftwareCode>Scorecards synthetic data</SoftwareCode>
            <Release>1</Release>
            <SerialNo>001</SerialNo>
            <DateTime>{stamp}</DateTime>
        </Source>
    </Header>
    <Children>
"""


FOOTER = """    </Children>
</Message>
"""


def _line(depth: int, tag: str, value: str) -> str:
    """SQL for one `<tag>value</tag>` line, or '' when `value` is NULL."""
    pad = " " * (CHILD_INDENT + STEP * depth)
    return f"coalesce('{pad}<{tag}>' || {value} || '</{tag}>\n', '')"


def _open(depth: int, tag: str) -> str:
    return f"'{' ' * (CHILD_INDENT + STEP * depth)}<{tag}>\n'"


def _close(depth: int, tag: str) -> str:
    return f"'{' ' * (CHILD_INDENT + STEP * depth)}</{tag}>\n'"


def _date(column: str) -> str:
    return f"strftime({column}, '%Y-%m-%d')"


def _block(depth: int, tag: str, condition: str, *parts: str) -> str:
    """SQL for an element holding `parts`, present only when `condition` holds."""
    body = " || ".join((_open(depth, tag), *parts, _close(depth, tag)))
    return f"CASE WHEN {condition} THEN {body} ELSE '' END"


def _each(depth: int, tag: str, values: str) -> str:
    """SQL for one `<tag>` line per element of the list `values` (text)."""
    pad = " " * (CHILD_INDENT + STEP * depth)
    return f"array_to_string(list_transform({values}, lambda v: '{pad}<{tag}>' || v || '</{tag}>\n'), '')"


def _assessment() -> str:
    """An assessment, with one to four factors (sorted) once it is authorised."""
    code = choice("u('factor', key * 8 + k)", codes.ASSESSMENT_FACTOR)
    drawn = f"list_transform(range(1 + pick('factors', key, {FACTORS_AT_MOST})), lambda k: {code})"
    factors = f"list_sort(list_distinct({drawn}))"
    return _block(
        2, "Assessments", "assess_start IS NOT NULL",
        _line(3, "AssessmentActualStartDate", _date("assess_start")),
        _line(3, "AssessmentAuthorisationDate", _date("assess_auth")),
        _block(3, "FactorsIdentifiedAtAssessment", "assess_auth IS NOT NULL",
               _each(4, "AssessmentFactors", factors)),
    )  # fmt: skip


def _protection(data_end: str) -> str:
    """A child protection plan, with its review conferences to its end or the data month."""
    last = f"coalesce(cpp_end, {data_end})"
    days = f"datediff('day', cpp_start, {last}) - {REVIEW_FIRST_DAYS}"
    count = f"CAST(floor(({days}) / {REVIEW_EVERY_DAYS}) + 1 AS INTEGER)"
    dates = (
        f"list_transform(range(greatest(0, {count})), lambda k: "
        f"strftime(cpp_start + CAST({REVIEW_FIRST_DAYS} + {REVIEW_EVERY_DAYS} * k AS INTEGER), '%Y-%m-%d'))"
    )
    return _block(
        2, "ChildProtectionPlans", "cpp_start IS NOT NULL",
        _line(3, "CPPstartDate", _date("cpp_start")), _line(3, "CPPendDate", _date("cpp_end")),
        _line(3, "InitialCategoryOfAbuse", "category"),
        _line(3, "LatestCategoryOfAbuse", "coalesce(latest_category, category)"),
        _line(3, "NumberOfPreviousCPP", "CAST(previous_plans AS VARCHAR)"),
        _block(3, "Reviews", f"cpp_start + {REVIEW_FIRST_DAYS} <= {last}", _each(4, "CPPreviewDate", dates)),
    )  # fmt: skip


def _details(data_end: str) -> str:
    """One `<CINdetails>` per referral (depth 1 inside `<Child>`), elements in the schema's order."""
    plan = _block(
        2, "CINPlanDates", "plan_start IS NOT NULL",
        _line(3, "CINPlanStartDate", _date("plan_start")), _line(3, "CINPlanEndDate", _date("plan_end")),
    )  # fmt: skip
    enquiry = _block(
        2, "Section47", "s47_start IS NOT NULL",
        _line(3, "S47ActualStartDate", _date("s47_start")),
        _line(3, "InitialCPCtarget", _date("icpc_target")), _line(3, "DateOfInitialCPC", _date("icpc")),
        _line(3, "ICPCnotRequired", "CAST(icpc_not_required AS VARCHAR)"),
    )  # fmt: skip
    return " || ".join((
        _open(1, "CINdetails"),
        _line(2, "CINreferralDate", _date("ref_date")), _line(2, "ReferralSource", "source"),
        _line(2, "PrimaryNeedCode", "need"), _line(2, "CINclosureDate", _date("closure")),
        _line(2, "ReasonForClosure", "closure_reason"), _line(2, "DateOfInitialCPC", _date("icpc")),
        _assessment(), plan, enquiry, _line(2, "ReferralNFA", "CAST(nfa AS VARCHAR)"), _protection(data_end),
        _close(1, "CINdetails"),
    ))  # fmt: skip


def _children_xml(timeline: Timeline, council: Council) -> str:
    data_end = timeline.sql_dates()["data_end"]
    disability = choice("u('disability', child)", codes.DISABILITY)
    return f"""
WITH details AS (
    SELECT child, string_agg({_details(data_end)}, '' ORDER BY ref_date) AS xml
    FROM (SELECT *, child * 8 + j AS key FROM referrals) GROUP BY child
)
SELECT {_open(0, "Child")} || {_open(1, "ChildIdentifiers")}
    || {_line(2, "LAchildID", child_id(council))}
    || CASE WHEN date_sub('year', c.dob, {data_end}) >= 6 THEN {_line(2, "UPN", upn())}
        ELSE {_line(2, "UPNunknown", "'UN1'")} END
    || {_line(2, "PersonBirthDate", _date("c.dob"))}
    || {_line(2, "Sex", "CASE WHEN c.male THEN 'M' ELSE 'F' END")}
    || {_close(1, "ChildIdentifiers")} || {_open(1, "ChildCharacteristics")}
    || {_line(2, "Ethnicity", "c.ethnicity")}
    || {_open(2, "Disabilities")}
    || {_line(3, "Disability", f"CASE WHEN u('disabled', child) < 0.07 THEN {disability} ELSE 'NONE' END")}
    || {_close(2, "Disabilities")} || {_close(1, "ChildCharacteristics")}
    || d.xml || rtrim({_close(0, "Child")}, chr(10))
FROM cin_children c JOIN details d USING (child)
ORDER BY child
"""


def child_id(council: Council, column: str = "child") -> str:
    """SQL for the child's LAchildID / CHILD: the council's LA number and seven digits."""
    return f"'{council.la_number:03d}' || lpad(CAST({column} % 10000000 AS VARCHAR), 7, '0')"


def upn(column: str = "child") -> str:
    """SQL for a pseudonymous UPN: a letter and twelve digits, as the schema's pattern asks."""
    return f"'T' || lpad(CAST({column} AS VARCHAR), 12, '0')"
