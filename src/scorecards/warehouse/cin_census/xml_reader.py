"""Read a CIN census XML file into table rows, keeping each element's line.

Every row starts with the XML line of its element (a `Child`, a
`CINdetails`, an `Assessments`…), which is the row every problem report
names. Elements the warehouse does not hold (e.g. the 2026
`PreProceedingsandFGDM` module) and text outside any field are counted
and reported, never silently dropped. A census is read as a stream, one
`Child` at a time, so a national-sized census never sits in memory whole.

What an element's end does is defined element by element: a `Child` in a
`Children` and a `Header` in a `Message` are read (`read_child`,
`read_header`) and dropped; any other element stays in its parent, where a
`Message` counts those it does not hold; text beside child elements is
reported as stray. Two readers do this:

- the quick one (`_quick`): libxml2 (lxml) parses the file in C, dropping
  the blank text between elements, and Python touches only the elements
  records are read from. libxml2 numbers lines exactly only up to 65,535,
  so the file is given to it in pieces of fewer lines (`_Pieces`), each cut
  just before a `<Child>` and read as a document of its own, its lines
  counted on from the pieces before. A census it does not read exactly —
  stray text, a `Children` or `Message` where a record is, a namespace, no
  place to cut, lines ending in a lone CR, or XML it cannot parse — it
  leaves to
- the exact one (`_exact`): expat, with a Python handler for each element's
  start, end and text, building a tree of `Node`s one `Child` at a time.
"""

from __future__ import annotations

import gc
import io
import re
import xml.parsers.expat
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeAlias

# libxml2 as configured here (`SAFE`) loads no DTD, no external entity and nothing
# from the network, and keeps its limits on expansion, depth and text size.
from lxml import etree

from scorecards.errors import ScorecardsError
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
            raise _NotQuick
        first, count = self.unread.get(path) or (self.line(element), 0)
        self.unread[path] = (first, count + 1)

    def number(self, what: str) -> int:
        self.counters[what] += 1
        return self.counters[what]


class _NotQuick(Exception):
    """The census holds what the quick read does not read exactly."""


def parse(path: Path) -> Parsed:
    """Every record of a CIN census file; ScorecardsError when it is not one or not XML."""
    with path.open("rb") as handle:
        return _read(handle, path.name, 0, {})


def parse_part(document: bytes, shown_as: str, lines_before: int, counters: dict[str, int]) -> Parsed:
    """The records of part of a census made a document of its own (census_halves.py):
    its lines are `lines_before` further down the file, and its modules are numbered
    on from `counters`. Raises ScorecardsError as `parse` would."""
    return _read(io.BytesIO(document), shown_as, lines_before, counters)


def _read(source: IO[bytes], shown_as: str, lines_before: int, counters: dict[str, int]) -> Parsed:
    with no_garbage_collection():
        for read in (_quick, _exact):
            source.seek(0)
            parsed = Parsed(lines_before=lines_before)
            parsed.counters.update(counters)
            try:
                read(source, shown_as, parsed)
                return parsed
            except _NotQuick:
                continue
    raise AssertionError("the exact read reads every census")


@contextmanager
def no_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector: a parse makes millions of objects and no
    cycles, and each collection would walk every row read so far. Callers
    keep it paused until they have dropped the rows."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The quick read --------------------------------------------------------------

SAFE = {"resolve_entities": "internal", "no_network": True, "load_dtd": False, "huge_tree": False}
STREAMED = ("Message", "Children", "Child", "Header")
# Text beside child elements in or under an element (blank text is not kept).
TEXT_BESIDE = etree.XPath(
    "boolean(.//text()/preceding-sibling::* | .//text()/following-sibling::*)",
    regexp=False,
    smart_strings=False,
)


def _quick(source: IO[bytes], shown_as: str, parsed: Parsed) -> None:
    """Read the census with libxml2, piece by piece; _NotQuick if it cannot be read exactly so."""
    pieces = _Pieces(source)
    stream = _Stream(parsed)
    lines_before = parsed.lines_before
    try:
        while True:
            parsed.lines_before = lines_before + pieces.lines_before
            stream.read(pieces)
            if not pieces.cut:
                return
            pieces.next()
    except etree.XMLSyntaxError:
        raise _NotQuick from None  # the exact read says what is wrong
    finally:
        parsed.lines_before = lines_before


class _Pieces:
    """The file as libxml2 is given it: in pieces of fewer than 65,535 lines (past
    which libxml2 does not number elements' lines), each cut just before a
    `<Child>` that follows a `</Child>`. The first piece is closed with
    `</Children></Message>`; the next opened with the file's XML declaration and
    `<Message><Children>`. A cut not between two children of Message/Children
    leaves a piece that does not parse."""

    CHUNK = 1 << 16
    CUT_AFTER = 50_000  # lines into a piece, where cutting starts
    LINES = 65_000  # a piece has fewer lines
    CUT = re.compile(rb"</Child>\s*(<Child>)")
    TAG_OVER_LINES = re.compile(rb"<[^!?/<>][^<>]*\n")  # a start tag with attributes on more than one line
    CLOSING, OPENING = b"</Children></Message>", b"<Message><Children>"

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.lines_before = 0  # the lines of the file before the piece being given
        self.lines = 0  # the line ends given in this piece
        self.cut = False  # whether this piece ends at a cut
        self.given: bytes | None = None  # the end of what was given, where a cut may start
        self.pending = b""  # read from the file for the next piece
        self.declaration: bytes | None = None

    def next(self) -> None:
        """Start giving the next piece."""
        self.lines_before += self.lines
        self.lines = 0
        self.cut = False
        self.given = None
        self.pending = (self.declaration or b"") + self.OPENING + self.pending

    def read(self, size: int) -> bytes:
        if self.cut:
            return b""
        chunk = self.pending or self.raw.read(self.CHUNK)
        self.pending = b""
        if self.declaration is None:
            self.declaration = self._declaration(chunk)
        if chunk.endswith(b"\r"):
            chunk += self.raw.read(1)
        if b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n"):
            raise _NotQuick  # expat counts a lone CR as a line end, libxml2 does not
        if b"=" in chunk and self.TAG_OVER_LINES.search((self.given or b"") + chunk):
            raise _NotQuick  # libxml2 numbers an element by the line its start tag ends on
        lines = chunk.count(b"\n")
        if self.lines + lines >= self.CUT_AFTER and chunk:
            end = self.given or b""
            found = self.CUT.search(end + chunk)
            while found and found.start(1) < len(end):  # its <Child> was given
                found = self.CUT.search(end + chunk, found.start(1) + 1)
            at = found.start(1) - len(end) if found else len(chunk)
            if self.lines + chunk.count(b"\n", 0, at) >= self.LINES:
                raise _NotQuick  # no place to cut
            if found:
                self.pending = chunk[at:]
                self.lines += chunk.count(b"\n", 0, at)
                self.cut = True
                return chunk[:at] + self.CLOSING
        self.lines += lines
        self.given = chunk[-64:]
        return chunk

    def _declaration(self, start: bytes) -> bytes:
        """The XML declaration that opens the file, on one line; _NotQuick for a file
        in UTF-16 or UTF-32 (whose bytes these pieces are not cut in)."""
        if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start[:4]:
            raise _NotQuick
        start = start.removeprefix(b"\xef\xbb\xbf")
        end = start.find(b"?>") + 2 if start.startswith(b"<?xml") else 0
        return re.sub(rb"[\r\n]", b" ", start[:end])


class _Stream:
    """Ends the elements of a Message in order as they are parsed: each Child of its
    Children and its Header at their end tags, and the elements before them first."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed

    def read(self, pieces: _Pieces) -> None:
        """Read the next piece of the file."""
        events = etree.iterparse(
            pieces, events=("start", "end"), tag=STREAMED, remove_comments=True, remove_pis=True,
            remove_blank_text=True, **SAFE,
        )  # fmt: skip
        root = None
        children = 0
        for event, element in events:
            if root is None:  # the first start tag: the Message
                if element.getparent() is not None or element.tag != "Message":
                    raise _NotQuick  # not a census: the exact read says what it is
                root = element
                continue
            parent = element.getparent()
            if parent is root:
                self.flush(root, element)
                if element.tag == "Children" and event == "start":
                    children += 1
                    if children > 1:
                        raise _NotQuick  # a second Children (each piece is cut in the one)
                elif element.tag == "Children":
                    self.flush(element, None)
                    _no_text(element)
                    if not pieces.cut:
                        self.drop(element, "Message")
            elif (
                event == "end"
                and element.tag == "Child"
                and parent.tag == "Children"
                and parent.getparent() is root
            ):
                self.flush(parent, element)
                self.drop(element, "Children")
        if root is None:
            raise _NotQuick
        if not pieces.cut:
            self.flush(root, None)
        _no_text(root)

    def flush(self, parent: Element, before: Element | None) -> None:
        """End, in order, and drop the children of `parent` before `before` (all when None)."""
        while len(parent) and parent[0] is not before:
            self.drop(parent[0], parent.tag)

    def drop(self, element: Element, parent_tag: str) -> None:
        """End an element and drop it."""
        if element.tail and element.tail.strip():
            raise _NotQuick  # stray text
        _end(element, parent_tag, self.parsed)
        element.getparent().remove(element)


def _no_text(element: Element) -> None:
    if element.text and element.text.strip():
        raise _NotQuick  # stray text


def _end(element: Element, parent_tag: str, parsed: Parsed) -> None:
    """What the end of `element`, in `parent_tag`, does: a Child in Children and a
    Header in Message are read; any other element stays in its parent, and a
    Message counts those it does not hold."""
    if len(element) and (TEXT_BESIDE(element) or next(element.iter("Children", "Message"), None) is not None):
        raise _NotQuick  # stray text, or elements that would be read as they end
    tag = element.tag
    if parent_tag == "Children" and tag == "Child":
        read_child(element, parsed)
    elif parent_tag == "Message" and tag == "Header":
        read_header(element, parsed)
    elif parent_tag == "Message" and tag != "Children":
        parsed.skip(f"Message/{tag}", element)


# The exact read ----------------------------------------------------------------


def _exact(source: IO[bytes], shown_as: str, parsed: Parsed) -> None:
    """Read the census with expat; ScorecardsError when it is not one or not XML."""
    reader = _Reader(shown_as, parsed)
    try:
        reader.parser.ParseFile(source)
    except xml.parsers.expat.ExpatError as exc:
        raise ScorecardsError(
            f"{shown_as}:{exc.lineno + parsed.lines_before}: not well-formed XML (column {exc.offset}): "
            f"{xml.parsers.expat.errors.messages[exc.code]}"
        ) from exc
    if reader.root is None:
        raise ScorecardsError(f"{shown_as}: empty file: no CIN census Message")


class Node:
    """An element as expat read it: its tag, line, character data (in pieces)
    and child elements. It reads as an lxml element does (`sourceline`, `text`,
    `tail`, its children), so that the same functions read records from either.
    A census holds millions of elements, so a node is as cheap to make as a
    Python object can be."""

    __slots__ = ("children", "pieces", "sourceline", "tag")
    tail = None  # all of a node's text is in `text`

    def __init__(self, tag: str, line: int) -> None:
        self.tag = tag
        self.sourceline = line
        self.pieces: list[str] = []
        self.children: list[Node] = []

    @property
    def text(self) -> str | None:
        return "".join(self.pieces) if self.pieces else None

    def __len__(self) -> int:
        return len(self.children)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.children)

    def __getitem__(self, index: slice) -> list[Node]:
        return self.children[index]


class _Reader:
    """expat handlers building one element tree per Child, handed over when it ends.

    The handlers run once per element (and per run of text), millions of
    times for a national census, so they are closures over the stack and do
    no more than push, append and pop.
    """

    def __init__(self, shown_as: str, parsed: Parsed) -> None:
        self.shown_as = shown_as
        self.root: str | None = None
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.buffer_text = True  # one call per run of text, not per chunk
        self.parser.StartElementHandler = self.first
        stack: list[Node] = []
        parser = self.parser

        def start(tag: str, attributes: dict[str, str]) -> None:
            stack.append(Node(tag, parser.CurrentLineNumber))

        def end(tag: str) -> None:
            node = stack.pop()
            if node.children and (value := "".join(node.pieces).strip()):
                parsed.stray.append((parsed.line(node), node.tag, value))
            if stack:
                _place(node, stack[-1], parsed)

        def characters(data: str) -> None:
            if stack:
                stack[-1].pieces.append(data)

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
            parsed.skip(f"Message/{node.tag}", node)
    parent.children.append(node)


# Reading records, from either read ----------------------------------------------


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
