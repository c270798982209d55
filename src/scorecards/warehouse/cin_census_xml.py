"""Read a CIN census XML file into table rows, keeping each element's line.

The file is read with expat as a stream, one `Child` at a time, so a
national-sized census never sits in memory whole. Every row starts with
the XML line of its element (a `Child`, a `CINdetails`, an `Assessments`…),
which is the row every problem report names. Elements the warehouse does
not hold (e.g. the 2026 `PreProceedingsandFGDM` module) and text outside
any field are counted and reported, never silently dropped.
"""

from __future__ import annotations

import xml.parsers.expat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scorecards.errors import ScorecardsError
from scorecards.warehouse.cin_census_tables import TABLES

Rows = list[list[str | None]]

IDENTIFIERS = {
    "LAchildID": "la_child_id", "UPN": "upn", "FormerUPN": "former_upn", "UPNunknown": "upn_unknown",
    "PersonBirthDate": "dob", "ExpectedPersonBirthDate": "expected_dob", "GenderCurrent": "sex",
    "Sex": "sex", "PersonDeathDate": "death_date",
}  # fmt: skip
EPISODE = {
    "CINreferralDate": "referral_date", "ReferralSource": "referral_source",
    "PrimaryNeedCode": "primary_need", "CINclosureDate": "closure_date",
    "ReasonForClosure": "closure_reason", "DateOfInitialCPC": "date_of_initial_cpc",
    "ReferralNFA": "referral_nfa",
}  # fmt: skip
ASSESSMENT = {
    "AssessmentActualStartDate": "start_date", "AssessmentInternalReviewDate": "internal_review_date",
    "AssessmentAuthorisationDate": "authorisation_date",
}  # fmt: skip
PLAN_DATES = {"CINPlanStartDate": "start_date", "CINPlanEndDate": "end_date"}
SECTION47 = {
    "S47ActualStartDate": "start_date", "InitialCPCtarget": "initial_cpc_target",
    "DateOfInitialCPC": "date_of_initial_cpc", "ICPCnotRequired": "icpc_not_required",
}  # fmt: skip
CP_PLAN = {
    "CPPstartDate": "start_date", "CPPendDate": "end_date", "InitialCategoryOfAbuse": "initial_category",
    "LatestCategoryOfAbuse": "latest_category", "NumberOfPreviousCPP": "previous_plans",
}  # fmt: skip
COLLECTION = {"Collection": "collection", "Year": "year", "ReferenceDate": "reference_date"}
SOURCE = {
    "SourceLevel": "source_level", "LEA": "lea", "SoftwareCode": "software_code",
    "Release": "release", "SerialNo": "serial_no", "DateTime": "datetime",
}  # fmt: skip
COLUMNS = {t.table: tuple(f.column for f in t.fields) for t in TABLES}
# Containers whose content is read by their own function.
EPISODE_MODULES = ("Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans")


@dataclass(slots=True)
class Node:
    tag: str
    line: int
    text: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def find(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    @property
    def value(self) -> str | None:
        text = "".join(self.text).strip()
        return text or None


@dataclass
class Parsed:
    """Rows per table (first value the XML line), and what was read but not loaded."""

    rows: dict[str, Rows] = field(default_factory=lambda: {t.table: [] for t in TABLES})
    unread: dict[str, tuple[int, int]] = field(default_factory=dict)  # element path → (first line, count)
    stray: list[tuple[int, str, str]] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)

    def add(self, table: str, line: int, values: dict[str, str | None]) -> None:
        self.rows[table].append([str(line), *(values.get(c) for c in COLUMNS[table])])

    def skip(self, path: str, line: int) -> None:
        first, count = self.unread.get(path, (line, 0))
        self.unread[path] = (first, count + 1)

    def number(self, what: str) -> str:
        self.counters[what] += 1
        return str(self.counters[what])


def parse(path: Path) -> Parsed:
    """Every record of a CIN census file; ScorecardsError when it is not one or not XML."""
    reader = _Reader(path.name)
    try:
        with path.open("rb") as handle:
            reader.parser.ParseFile(handle)
    except xml.parsers.expat.ExpatError as exc:
        raise ScorecardsError(
            f"{path.name}:{exc.lineno}: not well-formed XML (column {exc.offset}): "
            f"{xml.parsers.expat.errors.messages[exc.code]}"
        ) from exc
    if reader.root is None:
        raise ScorecardsError(f"{path.name}: empty file: no CIN census Message")
    return reader.parsed


class _Reader:
    """expat handlers building one element tree per Child, handed over when it ends."""

    def __init__(self, shown_as: str) -> None:
        self.shown_as = shown_as
        self.parsed = Parsed()
        self.stack: list[Node] = []
        self.root: str | None = None
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.buffer_text = True  # one call per run of text, not per chunk
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = tag
            if tag != "Message":
                hint = (
                    " (an SSDA903 export: load it with `scorecards load ssda903`)"
                    if tag == "EXPSSDA903"
                    else ""
                )
                raise ScorecardsError(f"{self.shown_as}: not a CIN census file: its root is <{tag}>{hint}")
        self.stack.append(Node(tag, self.parser.CurrentLineNumber))

    def end(self, tag: str) -> None:
        node = self.stack.pop()
        if node.children and node.value:
            self.parsed.stray.append((node.line, node.tag, node.value))
        parent = self.stack[-1].tag if self.stack else None
        if tag == "Child" and parent == "Children":
            read_child(node, self.parsed)
        elif tag == "Header" and parent == "Message":
            read_header(node, self.parsed)
        elif self.stack:
            self.stack[-1].children.append(node)
        if parent == "Message" and tag not in ("Header", "Children"):
            self.parsed.skip(f"Message/{tag}", node.line)

    def characters(self, data: str) -> None:
        if self.stack:
            self.stack[-1].text.append(data)


def _fields(
    node: Node | None, names: dict[str, str], parsed: Parsed, modules: tuple[str, ...] = ()
) -> dict[str, str | None]:
    """The leaf values of `node` named in `names`; anything else not in `modules` is counted as unread."""
    values: dict[str, str | None] = {}
    if node is None:
        return values
    for child in node.children:
        if child.tag in names and not child.children:
            values.setdefault(names[child.tag], child.value)
        elif child.tag not in modules:
            parsed.skip(f"{node.tag}/{child.tag}", child.line)
    return values


def read_header(header: Node, parsed: Parsed) -> None:
    values = _fields(header.find("CollectionDetails"), COLLECTION, parsed)
    for source in header.all("Source")[:1]:
        values |= _fields(source, SOURCE, parsed)
    _fields(header, {}, parsed, ("CollectionDetails", "Source"))
    parsed.add("cin_header", header.line, values)


def read_child(child: Node, parsed: Parsed) -> None:
    _fields(child, {}, parsed, ("ChildIdentifiers", "ChildCharacteristics", "CINdetails"))
    identity = _fields(child.find("ChildIdentifiers"), IDENTIFIERS, parsed)
    characteristics = child.find("ChildCharacteristics")
    disabilities = characteristics.find("Disabilities") if characteristics else None
    ethnicity = _fields(characteristics, {"Ethnicity": "ethnicity"}, parsed, ("Disabilities",))
    child_id = {"la_child_id": identity.get("la_child_id")}
    parsed.add("cin_children", child.line, identity | ethnicity)
    for disability in disabilities.children if disabilities else []:
        parsed.add("cin_disabilities", disability.line, child_id | {"disability": disability.value})
    for details in child.all("CINdetails"):
        read_episode(details, child_id, parsed)


def read_episode(details: Node, child_id: dict[str, str | None], parsed: Parsed) -> None:
    key = child_id | {"episode_no": parsed.number("episode")}
    parsed.add("cin_episodes", details.line, key | _fields(details, EPISODE, parsed, EPISODE_MODULES))
    for assessment in details.all("Assessments"):
        number = {"assessment_no": parsed.number("assessment")}
        values = _fields(assessment, ASSESSMENT, parsed, ("FactorsIdentifiedAtAssessment",))
        parsed.add("cin_assessments", assessment.line, key | number | values)
        factors = assessment.find("FactorsIdentifiedAtAssessment")
        for factor in factors.children if factors else []:
            parsed.add("cin_assessment_factors", factor.line, key | number | {"factor": factor.value})
    for plan in details.all("CINPlanDates"):
        parsed.add("cin_plan_dates", plan.line, key | _fields(plan, PLAN_DATES, parsed))
    for enquiry in details.all("Section47"):
        parsed.add("cin_section47", enquiry.line, key | _fields(enquiry, SECTION47, parsed))
    for plan in details.all("ChildProtectionPlans"):
        number = {"plan_no": parsed.number("plan")}
        parsed.add("cin_cp_plans", plan.line, key | number | _fields(plan, CP_PLAN, parsed, ("Reviews",)))
        reviews = plan.find("Reviews")
        for review in reviews.children if reviews else []:
            parsed.add("cin_cp_reviews", review.line, key | number | {"review_date": review.value})
