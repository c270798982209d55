"""What a CIN census XML file gives, and how records are read from its elements.

Both readers (`xml_reader.py`: libxml2 in pieces, or `xml_exact.py`: expat)
hand each `Child` and `Header` element to `read_child` / `read_header`, which
fill the table rows of a `Parsed`. An element is an lxml element or a `Node`
that reads as one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from scorecards.warehouse.cin_census.tables import TABLES

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

Element: TypeAlias = Any  # an lxml element, or a `Node` (which reads as one); lxml has no type information
Row = list[str | int | None]
Rows = list[Row]


@dataclass
class Parsed:
    """Rows per table (first value the XML line), and what was read but not loaded.
    A value is None when its element is absent, and None or "" when it is empty:
    either is staged as NULL."""

    rows: dict[str, Rows] = field(default_factory=lambda: {t.table: [] for t in TABLES})
    unread: dict[str, tuple[int, int]] = field(default_factory=dict)  # element path → (first line, count)
    stray: list[tuple[int, str, str]] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)
    lines_before: int = 0  # added to every element's line: the lines before what is being parsed

    def line(self, element: Element) -> int:
        return element.sourceline + self.lines_before  # type: ignore[no-any-return]

    def skip(self, path: str, element: Element) -> None:
        if "{" in path:  # a name in a namespace, which only the exact read names as written
            raise NotQuick
        first, count = self.unread.get(path) or (self.line(element), 0)
        self.unread[path] = (first, count + 1)

    def number(self, what: str) -> int:
        self.counters[what] += 1
        return self.counters[what]


class NotQuick(Exception):
    """The census holds what the quick read does not read exactly."""


def _text(element: Element) -> list[str]:
    """The element's own text, in pieces around its child elements."""
    return [element.text or "", *(c.tail or "" for c in element)]


def _value(element: Element) -> str | None:
    """The text of an element read whole (a Disability, a factor, a review)."""
    text = "".join(_text(element)) if len(element) else element.text
    return (text.strip() or None) if text else None


def _places(table: str, names: dict[str, str], key: tuple[str, ...] = ()) -> dict[str, int]:
    """Where in a `table` row (after its line) each element named in `names` goes;
    the table's columns start with `key`."""
    columns = COLUMNS[table]
    assert columns[: len(key)] == key, f"{table} columns do not start with {key}"
    return {tag: columns.index(column) + 1 for tag, column in names.items()}


def _blank(table: str) -> Row:
    return [0] + [None] * len(COLUMNS[table])


CHILD = ("la_child_id",)
EPISODE_KEY = ("la_child_id", "episode_no")
COLLECTION_PLACES = _places("cin_header", COLLECTION)
SOURCE_PLACES = _places("cin_header", SOURCE)
IDENTIFIER_PLACES = _places("cin_children", IDENTIFIERS, CHILD)
ETHNICITY_PLACES = _places("cin_children", {"Ethnicity": "ethnicity"})
EPISODE_PLACES = _places("cin_episodes", EPISODE, EPISODE_KEY)
ASSESSMENT_PLACES = _places("cin_assessments", ASSESSMENT, (*EPISODE_KEY, "assessment_no"))
PLAN_DATES_PLACES = _places("cin_plan_dates", PLAN_DATES, EPISODE_KEY)
SECTION47_PLACES = _places("cin_section47", SECTION47, EPISODE_KEY)
CP_PLAN_PLACES = _places("cin_cp_plans", CP_PLAN, (*EPISODE_KEY, "plan_no"))
_places("cin_disabilities", {}, (*CHILD, "disability"))
_places("cin_assessment_factors", {}, (*EPISODE_KEY, "assessment_no", "factor"))
_places("cin_cp_reviews", {}, (*EPISODE_KEY, "plan_no", "review_date"))
BLANK = {t.table: _blank(t.table) for t in TABLES}


def _fill(
    row: Row, node: Element, places: dict[str, int], parsed: Parsed, modules: tuple[str, ...] = ()
) -> Element | None:
    """Put in `row` the values of the leaf elements of `node` that `places` places
    (the first of each); any other child element not in `modules` is not read.
    Returns the first child element named `modules[0]`, if any."""
    first = None
    for child in node[:]:  # a list of the children: quicker than iterating
        at = places.get(child.tag)
        if at is not None and row[at] is None and not len(child):
            text = child.text
            row[at] = text.strip() if text else ""
        elif at is None or len(child):
            tag = child.tag
            if tag not in modules:
                parsed.skip(f"{node.tag}/{tag}", child)
            elif first is None and tag == modules[0]:
                first = child
    return first


def _first(node: Element, tag: str) -> Element | None:
    for child in node:
        if child.tag == tag:
            return child
    return None


def _whole(elements: Element, key: Row, parsed: Parsed) -> Rows:
    """A row for each of `elements` read whole (a Disability, a factor, a review): its
    line, `key`, and its text."""
    before = parsed.lines_before
    return [[e.sourceline + before, *key, _value(e)] for e in elements[:]]


def read_header(header: Element, parsed: Parsed) -> None:
    row = BLANK["cin_header"].copy()
    row[0] = header.sourceline + parsed.lines_before
    collection = _first(header, "CollectionDetails")
    if collection is not None:
        _fill(row, collection, COLLECTION_PLACES, parsed)
    source = _first(header, "Source")
    if source is not None:
        _fill(row, source, SOURCE_PLACES, parsed)
    _fill(row, header, {}, parsed, ("CollectionDetails", "Source"))
    parsed.rows["cin_header"].append(row)


def read_child(child: Element, parsed: Parsed) -> None:
    identifiers: Element | None = None
    characteristics: Element | None = None
    episodes = []
    for node in child[:]:  # the first identifiers and characteristics count
        tag = node.tag
        if tag == "CINdetails":
            episodes.append(node)
        elif tag == "ChildIdentifiers":
            if identifiers is None:
                identifiers = node
        elif tag == "ChildCharacteristics":
            if characteristics is None:
                characteristics = node
        else:
            parsed.skip(f"Child/{tag}", node)
    row = [child.sourceline + parsed.lines_before, *BLANK["cin_children"][1:]]
    if identifiers is not None:
        _fill(row, identifiers, IDENTIFIER_PLACES, parsed)
    disabilities = None
    if characteristics is not None:
        disabilities = _fill(row, characteristics, ETHNICITY_PLACES, parsed, ("Disabilities",))
    parsed.rows["cin_children"].append(row)
    child_id = row[1]
    if disabilities is not None:
        parsed.rows["cin_disabilities"] += _whole(disabilities, [child_id], parsed)
    for details in episodes:
        read_episode(details, child_id, parsed)


def read_episode(details: Element, child_id: str | int | None, parsed: Parsed) -> None:
    key = [child_id, parsed.number("episode")]
    row = [details.sourceline + parsed.lines_before, *key, *BLANK["cin_episodes"][3:]]
    for node in details[:]:
        tag = node.tag
        at = EPISODE_PLACES.get(tag)
        if at is not None and not len(node):
            if row[at] is None:
                text = node.text
                row[at] = text.strip() if text else ""
        elif tag == "Assessments":
            read_assessment(node, key, parsed)
        elif tag == "CINPlanDates":
            _module(node, key, "cin_plan_dates", PLAN_DATES_PLACES, parsed)
        elif tag == "Section47":
            _module(node, key, "cin_section47", SECTION47_PLACES, parsed)
        elif tag == "ChildProtectionPlans":
            read_plan(node, key, parsed)
        else:
            parsed.skip(f"CINdetails/{tag}", node)
    parsed.rows["cin_episodes"].append(row)


def _module(
    module: Element,
    key: Row,
    table: str,
    places: dict[str, int],
    parsed: Parsed,
    modules: tuple[str, ...] = (),
) -> Element | None:
    """Add the `table` row of a module: its line, the `key` its columns start with,
    and its fields; return its first element named `modules[0]`, if any."""
    row = [module.sourceline + parsed.lines_before, *key, *BLANK[table][len(key) + 1 :]]
    first = _fill(row, module, places, parsed, modules)
    parsed.rows[table].append(row)
    return first


def read_assessment(assessment: Element, key: Row, parsed: Parsed) -> None:
    number = [*key, parsed.number("assessment")]
    modules = ("FactorsIdentifiedAtAssessment",)
    factors = _module(assessment, number, "cin_assessments", ASSESSMENT_PLACES, parsed, modules)
    if factors is not None:
        parsed.rows["cin_assessment_factors"] += _whole(factors, number, parsed)


def read_plan(plan: Element, key: Row, parsed: Parsed) -> None:
    number = [*key, parsed.number("plan")]
    reviews = _module(plan, number, "cin_cp_plans", CP_PLAN_PLACES, parsed, ("Reviews",))
    if reviews is not None:
        parsed.rows["cin_cp_reviews"] += _whole(reviews, number, parsed)
