"""Read a CIN census XML file into table rows, keeping each element's line.

The file is read with expat as a stream, one `Child` at a time, so a
national-sized census never sits in memory whole. Every row starts with
the XML line of its element (a `Child`, a `CINdetails`, an `Assessments`…),
which is the row every problem report names. Elements the warehouse does
not hold (e.g. the 2026 `PreProceedingsandFGDM` module) and text outside
any field are counted and reported, never silently dropped.
"""

from __future__ import annotations

import gc
import xml.parsers.expat
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from scorecards.errors import ScorecardsError
from scorecards.warehouse.cin_census_tables import TABLES

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


class Node:
    """An element: its tag, line, character data (in pieces) and child elements.

    A census holds millions of elements, so a node is as cheap to make as
    a Python object can be (slots, no defaults to compute)."""

    __slots__ = ("children", "line", "tag", "text")

    def __init__(self, tag: str, line: int) -> None:
        self.tag = tag
        self.line = line
        self.text: list[str] = []
        self.children: list[Node] = []

    def find(self, tag: str) -> Node | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def all(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    @property
    def value(self) -> str | None:
        text = self.text
        joined = (text[0] if len(text) == 1 else "".join(text)).strip()
        return joined or None


Row = list[str | int | None]
Rows = list[Row]


@dataclass
class Parsed:
    """Rows per table (first value the XML line), and what was read but not loaded."""

    rows: dict[str, Rows] = field(default_factory=lambda: {t.table: [] for t in TABLES})
    unread: dict[str, tuple[int, int]] = field(default_factory=dict)  # element path → (first line, count)
    stray: list[tuple[int, str, str]] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)

    def add(self, table: str, line: int, values: dict[str, str | None]) -> None:
        self.rows[table].append([line, *map(values.get, COLUMNS[table])])

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
        with path.open("rb") as handle, _no_garbage_collection():
            reader.parser.ParseFile(handle)
    except xml.parsers.expat.ExpatError as exc:
        raise ScorecardsError(
            f"{path.name}:{exc.lineno}: not well-formed XML (column {exc.offset}): "
            f"{xml.parsers.expat.errors.messages[exc.code]}"
        ) from exc
    if reader.root is None:
        raise ScorecardsError(f"{path.name}: empty file: no CIN census Message")
    return reader.parsed


def parse_part(document: bytes, shown_as: str, lines_before: int, counters: dict[str, int]) -> Parsed:
    """The records of part of a census made a document of its own (census_halves.py):
    its lines are `lines_before` further down the file, and its modules are numbered
    on from `counters`. Raises ExpatError or ScorecardsError as `parse` would."""
    reader = _Reader(shown_as, lines_before)
    reader.parsed.counters.update(counters)
    with _no_garbage_collection():
        reader.parser.Parse(document, True)
    return reader.parsed


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector: the parse makes millions of objects and no
    cycles, and each collection would walk every row read so far."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Reader:
    """expat handlers building one element tree per Child, handed over when it ends.

    The handlers run once per element (and per run of text), millions of
    times for a national census, so they are closures over the stack and do
    no more than push, append and pop.
    """

    def __init__(self, shown_as: str, lines_before: int = 0) -> None:
        self.shown_as = shown_as
        self.parsed = Parsed()
        self.root: str | None = None
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.buffer_text = True  # one call per run of text, not per chunk
        self.parser.StartElementHandler = self.first
        stack: list[Node] = []
        parser, parsed = self.parser, self.parsed

        def start(tag: str, attributes: dict[str, str]) -> None:
            stack.append(Node(tag, parser.CurrentLineNumber + lines_before))

        def end(tag: str) -> None:
            node = stack.pop()
            if node.children and node.text and node.value:
                parsed.stray.append((node.line, node.tag, node.value))
            if stack:
                _place(node, stack[-1], parsed)

        def characters(data: str) -> None:
            if stack:
                stack[-1].text.append(data)

        self.start = start
        self.parser.EndElementHandler = end
        self.parser.CharacterDataHandler = characters

    def first(self, tag: str, attributes: dict[str, str]) -> None:
        """The root element: it must be a CIN census Message."""
        self.root = tag
        if tag != "Message":
            hint = (
                " (an SSDA903 export: load it with `scorecards load ssda903`)" if tag == "EXPSSDA903" else ""
            )
            raise ScorecardsError(f"{self.shown_as}: not a CIN census file: its root is <{tag}>{hint}")
        self.parser.StartElementHandler = self.start
        self.start(tag, attributes)


def _place(node: Node, parent: Node, parsed: Parsed) -> None:
    """An element that has ended: read it (a Child, the Header), or keep it in its parent."""
    if node.tag == "Child" and parent.tag == "Children":
        read_child(node, parsed)
        return
    if parent.tag == "Message":
        if node.tag == "Header":
            read_header(node, parsed)
            return
        if node.tag != "Children":
            parsed.skip(f"Message/{node.tag}", node.line)
    parent.children.append(node)


def _fields(
    node: Node | None, names: dict[str, str], parsed: Parsed, modules: tuple[str, ...] = ()
) -> dict[str, str | None]:
    """The leaf values of `node` named in `names` (the first of each); anything
    else not in `modules` is counted as unread."""
    values: dict[str, str | None] = {}
    if node is None:
        return values
    for child in node.children:
        name = names.get(child.tag)
        if name is not None and not child.children:
            if name not in values:
                values[name] = child.value
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
    identifiers: Node | None = None
    characteristics: Node | None = None
    episodes = []
    for node in child.children:  # the first identifiers and characteristics count
        if node.tag == "CINdetails":
            episodes.append(node)
        elif node.tag == "ChildIdentifiers":
            identifiers = identifiers or node
        elif node.tag == "ChildCharacteristics":
            characteristics = characteristics or node
        else:
            parsed.skip(f"Child/{node.tag}", node.line)
    identity = _fields(identifiers, IDENTIFIERS, parsed)
    disabilities = characteristics.find("Disabilities") if characteristics else None
    identity |= _fields(characteristics, {"Ethnicity": "ethnicity"}, parsed, ("Disabilities",))
    parsed.add("cin_children", child.line, identity)
    child_id = identity.get("la_child_id")
    for disability in disabilities.children if disabilities else []:
        parsed.add(
            "cin_disabilities", disability.line, {"la_child_id": child_id, "disability": disability.value}
        )
    for details in episodes:
        read_episode(details, child_id, parsed)


def read_episode(details: Node, child_id: str | None, parsed: Parsed) -> None:
    key = {"la_child_id": child_id, "episode_no": parsed.number("episode")}
    parsed.add("cin_episodes", details.line, _fields(details, EPISODE, parsed, EPISODE_MODULES) | key)
    for module in details.children:
        tag = module.tag
        if tag == "Assessments":
            read_assessment(module, key, parsed)
        elif tag == "CINPlanDates":
            parsed.add("cin_plan_dates", module.line, _fields(module, PLAN_DATES, parsed) | key)
        elif tag == "Section47":
            parsed.add("cin_section47", module.line, _fields(module, SECTION47, parsed) | key)
        elif tag == "ChildProtectionPlans":
            read_plan(module, key, parsed)


def read_assessment(assessment: Node, key: dict[str, str | None], parsed: Parsed) -> None:
    number = key | {"assessment_no": parsed.number("assessment")}
    values = _fields(assessment, ASSESSMENT, parsed, ("FactorsIdentifiedAtAssessment",))
    parsed.add("cin_assessments", assessment.line, values | number)
    factors = assessment.find("FactorsIdentifiedAtAssessment")
    for factor in factors.children if factors else []:
        parsed.add("cin_assessment_factors", factor.line, number | {"factor": factor.value})


def read_plan(plan: Node, key: dict[str, str | None], parsed: Parsed) -> None:
    number = key | {"plan_no": parsed.number("plan")}
    parsed.add("cin_cp_plans", plan.line, _fields(plan, CP_PLAN, parsed, ("Reviews",)) | number)
    reviews = plan.find("Reviews")
    for review in reviews.children if reviews else []:
        parsed.add("cin_cp_reviews", review.line, number | {"review_date": review.value})
