"""The exact read of a CIN census: expat, with a Python handler for each
element's start, end and text, building a tree of `Node`s one `Child` at a
time. It reads every census the quick read (`xml_reader.py`) leaves to it."""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Iterator
from typing import IO

from scorecards.errors import ScorecardsError
from scorecards.warehouse.cin_census.xml_rows import Parsed, read_child, read_header


def read_exactly(source: IO[bytes], shown_as: str, parsed: Parsed) -> None:
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
