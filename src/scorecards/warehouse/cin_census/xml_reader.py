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
- the exact one (`xml_exact.read_exactly`): expat, with a Python handler for each element's
  start, end and text, building a tree of `Node`s one `Child` at a time.
"""

from __future__ import annotations

import gc
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

# libxml2 as configured here (`SAFE`) loads no DTD, no external entity and nothing
# from the network, and keeps its limits on expansion, depth and text size.
from lxml import etree

from scorecards.warehouse.cin_census.xml_exact import read_exactly
from scorecards.warehouse.cin_census.xml_rows import (
    Element,
    NotQuick,
    Parsed,
    read_child,
    read_header,
)


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
        for read in (_quick, read_exactly):
            source.seek(0)
            parsed = Parsed(lines_before=lines_before)
            parsed.counters.update(counters)
            try:
                read(source, shown_as, parsed)
                return parsed
            except NotQuick:
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
    """Read the census with libxml2, piece by piece; NotQuick if it cannot be read exactly so."""
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
        raise NotQuick from None  # the exact read says what is wrong
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
            raise NotQuick  # expat counts a lone CR as a line end, libxml2 does not
        if b"=" in chunk and self.TAG_OVER_LINES.search((self.given or b"") + chunk):
            raise NotQuick  # libxml2 numbers an element by the line its start tag ends on
        lines = chunk.count(b"\n")
        if self.lines + lines >= self.CUT_AFTER and chunk:
            end = self.given or b""
            found = self.CUT.search(end + chunk)
            while found and found.start(1) < len(end):  # its <Child> was given
                found = self.CUT.search(end + chunk, found.start(1) + 1)
            at = found.start(1) - len(end) if found else len(chunk)
            if self.lines + chunk.count(b"\n", 0, at) >= self.LINES:
                raise NotQuick  # no place to cut
            if found:
                self.pending = chunk[at:]
                self.lines += chunk.count(b"\n", 0, at)
                self.cut = True
                return chunk[:at] + self.CLOSING
        self.lines += lines
        self.given = chunk[-64:]
        return chunk

    def _declaration(self, start: bytes) -> bytes:
        """The XML declaration that opens the file, on one line; NotQuick for a file
        in UTF-16 or UTF-32 (whose bytes these pieces are not cut in)."""
        if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start[:4]:
            raise NotQuick
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
                    raise NotQuick  # not a census: the exact read says what it is
                root = element
                continue
            parent = element.getparent()
            if parent is root:
                self.flush(root, element)
                if element.tag == "Children" and event == "start":
                    children += 1
                    if children > 1:
                        raise NotQuick  # a second Children (each piece is cut in the one)
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
            raise NotQuick
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
            raise NotQuick  # stray text
        _end(element, parent_tag, self.parsed)
        element.getparent().remove(element)


def _no_text(element: Element) -> None:
    if element.text and element.text.strip():
        raise NotQuick  # stray text


def _end(element: Element, parent_tag: str, parsed: Parsed) -> None:
    """What the end of `element`, in `parent_tag`, does: a Child in Children and a
    Header in Message are read; any other element stays in its parent, and a
    Message counts those it does not hold."""
    if len(element) and (TEXT_BESIDE(element) or next(element.iter("Children", "Message"), None) is not None):
        raise NotQuick  # stray text, or elements that would be read as they end
    tag = element.tag
    if parent_tag == "Children" and tag == "Child":
        read_child(element, parsed)
    elif parent_tag == "Message" and tag == "Header":
        read_header(element, parsed)
    elif parent_tag == "Message" and tag != "Children":
        parsed.skip(f"Message/{tag}", element)
