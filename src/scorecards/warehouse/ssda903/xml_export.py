"""The SSDA903 XML export (`<EXPSSDA903><CHILD><HEADER>…<EPISODE>…`) as table rows.

Case-management systems can export the return as one XML file instead of
CSV tables. This module flattens it into the same tables, so the XML and
CSV layouts are checked and loaded by the same SQL. The export is usually
one long line, so a record's row is its position among the elements of its
kind (the 17th EPISODE is row 17 of episodes).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # the council's own export; expat resolves no external entities
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scorecards.errors import ScorecardsError
from scorecards.warehouse.ssda903.tables import TABLES

# Element name in the export → field name, where they differ.
RENAMED = {"CHILDID": "child", "PL": "place"}
# HEADER elements holding one record of a table, and the tables those records go to.
GROUPS = {"AREVIEW": "reviews", "PERMANENCE": "previous_permanence", "OC2": "oc2",
          "AD_PLACED": "placed_for_adoption", "AMISSING": "missing"}  # fmt: skip
# Tables whose fields sit directly in HEADER (one record when any is present).
FLAT = ("oc3", "ad1")
CHILD_FIELDS = ("child", "dob", "sex")
COLUMNS = {name: tuple(f.column for f in spec.fields) for name, spec in TABLES.items()}


@dataclass
class Flattened:
    """Rows per table (first value the row, then the table's columns) and unread elements."""

    rows: dict[str, list[list[str | None]]] = field(default_factory=lambda: {name: [] for name in TABLES})
    unread: Counter[str] = field(default_factory=Counter)

    def add(self, table: str, values: dict[str, str | None]) -> None:
        target = self.rows[table]
        target.append([str(len(target) + 1), *(values.get(c) for c in COLUMNS[table])])


def is_ssda903_xml(path: Path) -> bool:
    """Whether `path` starts like an XML document (after any byte-order mark)."""
    with path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<")


def flatten(path: Path) -> Flattened:
    """Every record of the export, by table; raise ScorecardsError if it is not one."""
    result = Flattened()
    try:
        for child in _children(path):
            _flatten_child(child, result)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ScorecardsError(f"{path.name}:{line}: not well-formed XML (column {column}): {exc}") from exc
    return result


def _children(path: Path) -> Iterator[ET.Element]:
    events = ET.iterparse(path, events=("start", "end"))  # noqa: S314 - see the import
    _, root = next(events)
    if root.tag != "EXPSSDA903":
        hint = (
            " (a CIN census file: load it with `scorecards load cin-census`)" if root.tag == "Message" else ""
        )
        raise ScorecardsError(f"{path.name}: not an SSDA903 export: its root element is <{root.tag}>{hint}")
    for event, element in events:
        if event == "end" and element.tag == "CHILD":
            yield element
            root.clear()


def _flatten_child(child: ET.Element, result: Flattened) -> None:
    header = child.find("HEADER")
    own: dict[str, str | None] = {}
    if header is not None:
        own = {_name(e): _text(e) for e in header if len(e) == 0}
        _flatten_header(header, own, result)
    identity = {name: own.get(name) for name in CHILD_FIELDS}
    for element in child:
        if element.tag == "EPISODE":
            result.add("episodes", {**identity, **{_name(e): _text(e) for e in element}})
        elif element.tag != "HEADER":
            result.unread[element.tag] += 1


def _flatten_header(header: ET.Element, own: dict[str, str | None], result: Flattened) -> None:
    identity = {name: own.get(name) for name in CHILD_FIELDS}
    result.add("header", own)
    if (own.get("uasc") or "").lower() in ("1", "true", "y") or own.get("duc"):
        result.add("uasc", own)
    for table in FLAT:
        own_fields = {f.column for f in TABLES[table].fields} - {"child", "dob", "year"}
        if any(own.get(name) for name in own_fields):
            result.add(table, own)
    known = {f.column for f in TABLES["header"].fields} | {"uasc", "duc"}
    known |= {f.column for table in FLAT for f in TABLES[table].fields}
    for element in header:
        if element.tag in GROUPS:
            result.add(GROUPS[element.tag], {**identity, **{_name(e): _text(e) for e in element}})
        elif _name(element) not in known:
            result.unread[f"HEADER/{element.tag}"] += 1


def _name(element: ET.Element) -> str:
    return RENAMED.get(element.tag, element.tag.lower())


def _text(element: ET.Element) -> str | None:
    text = (element.text or "").strip()
    return text or None
