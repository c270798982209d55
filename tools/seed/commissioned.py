"""Transcribe the Early Help Commissioning Services Monthly Scorecard (seed 002, June 2017).

Reads the seed text (the committee agenda pack, July 2017 release) and writes:

- ``src/scorecards/examples/kent/values/commissioned.csv``: every printed monthly
  value Dec-16..Jun-17 of every contract table (Family Support, Young Carers,
  Children's Centres, Youth, NEET), the annual CEH26 result, and the
  Children's Centres tables' "District" and "Kent" comparator columns;
- ``tests/fixtures/seed/commissioned_expected.csv``: the printed cells the
  fidelity tests check (DOT, RAG and the Jun-17 value per geography and indicator);
- ``src/scorecards/examples/kent/contracts.yaml``: the contracts table of the
  covering report and, per contract district, the June 2017 provider narrative
  and notes from the monitoring meeting.

The seed's tables are a PDF extraction: columns drift between rows, some rows
lose their title cells and some codes are misprinted (EH2 for EH21, CEH17 or
CEH28 for CEH14 ...). Rows are therefore identified by their position in the
table (every table of a service lists the same indicators in the same order),
values are anchored on the Dec-16 column (or, for rows that lost their title
cells, on the Jun-17 column) and the DOT/target/RAG cells on the table's DOT
column. Every misprinted code is reported on stderr.

Usage: python tools/seed/commissioned.py [SEED]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEED = REPO.parent / "shared" / "seeds" / "002_3cb9bc53583eec15.txt"
VALUES_OUT = REPO / "src/scorecards/examples/kent/values/commissioned.csv"
EXPECTED_OUT = REPO / "tests/fixtures/seed/commissioned_expected.csv"
CONTRACTS_OUT = REPO / "src/scorecards/examples/kent/contracts.yaml"

KENT = "E10000016"
YEAR = "2017-18"
NARRATIVE_PERIOD = "2017-06"
MONTHS = ("2016-12", "2017-01", "2017-02", "2017-03", "2017-04", "2017-05", "2017-06")
JUNE = len(MONTHS) - 1
ANNUAL_PERIOD = "2016-17"  # CEH26: the annual young carers' feedback result (printed under May-17)
PERCENT_MAX = 100.0

VALUES_HEADER = [
    "indicator",
    "geography",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "note",
    "group",
]
EXPECTED_HEADER = ["scorecard", "table", "geography", "indicator", "column", "year", "group", "expected"]

DISTRICTS = {
    "Ashford": "E07000105",
    "Canterbury": "E07000106",
    "Dartford": "E07000107",
    "Dover": "E07000108",
    "Gravesham": "E07000109",
    "Maidstone": "E07000110",
    "Sevenoaks": "E07000111",
    "Shepway": "E07000112",
    "Swale": "E07000113",
    "Thanet": "E07000114",
    "Tonbridge & Malling": "E07000115",
    "Tunbridge Wells": "E07000116",
}
# Spellings of district names in the narrative blocks.
DISTRICT_ALIASES = {"Tonbridge Wells": "Tunbridge Wells", "Tonbridge and Malling": "Tonbridge & Malling"}


@dataclass(frozen=True)
class Service:
    """One commissioned service: its scorecard layout and the indicators its tables list, in order."""

    key: str
    scorecard: str
    table: str
    title_prefix: str
    indicators: tuple[str, ...]
    annual: frozenset[str] = frozenset()
    percent: frozenset[str] = frozenset()


def _codes(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"CEH{n:02d}" for n in range(first, last + 1))


SERVICES = (
    Service(
        "FS",
        "EHCS-FS",
        "Family Support Service",
        "Family Support Service - ",
        (*_codes(1, 6), "CEH76", *_codes(7, 13), "EH21", "CEH14"),
        percent=frozenset(
            {"CEH06", "CEH76", "CEH07", "CEH08", "CEH09", "CEH10", "CEH11", "CEH12", "CEH13", "EH21"}
        ),
    ),
    Service(
        "YC",
        "EHCS-YC",
        "Young Carers",
        "Young Carers - ",
        _codes(15, 26),
        annual=frozenset({"CEH26"}),
        percent=frozenset({"CEH17", "CEH18", "CEH21", "CEH22", "CEH25", "CEH26"}),
    ),
    Service(
        "CC",
        "EHCS-CC",
        "Children's Centres",
        "Children's Centres - ",
        _codes(27, 49),
        percent=frozenset(_codes(27, 49)) - {"CEH27", "CEH36", "CEH38", "CEH40"},
    ),
    Service(
        "YOUTH",
        "EHCS-YOUTH",
        "Youth Services",
        "Youth Services - ",
        (
            *("CEH50", "CEH51", "CEH51a", "CEH52", "CEH52a", "CEH53", "CEH54", "CEH54a", "CEH55", "CEH55a"),
            *("CEH56", "CEH57", "CEH57a", "CEH58", "CEH58a", "CEH59", "CEH60", "CEH78", "CEH79"),
        ),
        percent=frozenset({"CEH51a", "CEH52a", "CEH54a", "CEH55a", "CEH57a", "CEH58a"}),
    ),
    Service(
        "NEET",
        "EHCS-NEET",
        "NEET Support",
        "NEET Support - CXK ",
        _codes(61, 75),
        percent=frozenset(_codes(65, 65) + _codes(67, 75)),
    ),
)
SERVICE_BY_KEY = {s.key: s for s in SERVICES}


def _district_slug(name: str) -> str:
    return name.lower().replace(" & ", "-and-").replace(" ", "-")


def _contract_titles(prefix: str, code: str, top: str, areas: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Table titles of a contract with areas and districts -> geography codes."""
    titles = {f"{prefix}{top}": code}
    for area, districts in areas.items():
        titles[f"{prefix}{area}"] = f"{code}-{area.lower()}"
        for district in districts:
            titles[f"{prefix}{area} - {district}"] = f"{code}-{_district_slug(district)}"
    return titles


AREAS_NW = {
    "North": ("Dartford", "Gravesham", "Sevenoaks"),
    "West": ("Maidstone", "Tonbridge & Malling", "Tunbridge Wells"),
}
AREAS_SE = {"South": ("Ashford", "Dover", "Shepway"), "East": ("Canterbury", "Swale", "Thanet")}
AREAS_ALL = {**AREAS_NW, **AREAS_SE}

# Table title as printed -> geography code (see framework/geographies/commissioned.yaml).
TITLES: dict[str, str] = {
    **_contract_titles("Family Support Service - Project Salus ", "salus-fss", "North & West", AREAS_NW),
    **_contract_titles("Family Support Service - Porchlight ", "porchlight-fss", "South & East", AREAS_SE),
    **_contract_titles("Young Carers - Imago ", "imago-yc", "Kent", AREAS_ALL),
    **_contract_titles("NEET Support - CXK ", "cxk-neet", "Kent", AREAS_ALL),
    "Children's Centres - Canterbury - Riverside": "cc-riverside",
    "Children's Centres - Shepway - Folkestone Early Years": "cc-folkestone-early-years",
    "Children's Centres - Shepway - The Village Childrens Centre": "cc-the-village",
    "Children's Centres - Shepway - Hythe Bay": "cc-hythe-bay",
    "Children's Centres - Swale - Seashells": "cc-seashells",
    "Children's Centres - Thanet - Millmead": "cc-millmead",
    "Youth Services - Ashford - Sk&side CIC Ashford Youth Hub": "youth-hub-ashford",
    "Youth Services - Canterbury - The Canterbury Academy Canterbury Youth Hub": "youth-hub-canterbury",
    "Youth Services - Dartford - Play Place Dartford Youth Hub": "youth-hub-dartford",
    "Youth Services - Dover - Pie Factory Dover Youth Hub": "youth-hub-dover",
    "Youth Services - Gravesham - The Gr@nd Gravesham Youth Hub": "youth-hub-gravesham",
    "Youth Services - Maidstone - Salus Maidstone Youth Hub": "youth-hub-maidstone",
    "Youth Services - Sevenoaks - West Kent Extra Sevenoaks Youth Hub": "youth-hub-sevenoaks",
    "Youth Services - Shepway - Salus Shepway Youth Hub": "youth-hub-shepway",
    "Youth Services - Swale - Amicus Horizons Swale Youth Hub": "youth-hub-swale",
    "Youth Services - Thanet - Pie Factory Thanet Youth Hub": "youth-hub-thanet",
    "Youth Services - Tonbridge & Malling West Kent YMCA Youth Hub": "youth-hub-tonbridge-and-malling",
    "Youth Services - Tunbridge Wells West Kent YMCA Youth Hub": "youth-hub-tunbridge-wells",
}
# Geography code prefix of each contract's districts, by the contract of the table before a narrative block.
CONTRACT_PREFIXES = ("salus-fss", "porchlight-fss", "imago-yc", "cxk-neet")

ARROWS = {"↑": "improved", "↓": "worsened", "↔": "same"}
RAGS = {"Green": "GREEN", "Amber": "AMBER", "Red": "RED", "Grey": ""}
CODE_CELL = re.compile(r"^(CEH|EH)\w*$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class Row:
    """One indicator row of a table, as printed."""

    line: int
    printed_code: str
    code: str
    values: dict[str, str]
    dot: str = ""
    monthly_target: str = ""
    target: str = ""
    rag: str = ""
    district: str = ""
    kent: str = ""


@dataclass
class Block:
    """One table: a title row naming the geography, then its indicator rows."""

    line: int
    title: str
    geography: str
    service: Service
    kind: str  # monthly | yearly | centres
    raw: list[tuple[int, list[str]]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def warn(message: str) -> None:
    print(f"commissioned: {message}", file=sys.stderr)


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.rstrip("\n").split("\t")]


def section(lines: Sequence[str]) -> tuple[int, int]:
    """First and last line index of the scorecard appendix (tables and narratives)."""
    start = next(i for i, line in enumerate(lines) if line.strip() == "FINAL RELEASE ONLY")
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == "Data Sources for Current Report")
    return start, end


def service_of(title: str) -> Service:
    return next(s for s in SERVICES if title.startswith(s.title_prefix))


def header_kind(fields: Sequence[str]) -> str:
    if "RAG - Yearly target" in fields:
        return "yearly"
    if "District" in fields and "Kent" in fields:
        return "centres"
    return "monthly"


def blocks(lines: Sequence[str]) -> list[Block]:
    """Every table of the appendix, with its raw indicator rows."""
    start, end = section(lines)
    found: list[Block] = []
    current: Block | None = None
    kind = "monthly"
    for index in range(start, end):
        fields = cells(lines[index])
        if fields[0] == "Indicators":
            kind, current = header_kind(fields), None
        elif fields[0] in TITLES and not any(fields[1:]):
            current = Block(index + 1, fields[0], TITLES[fields[0]], service_of(fields[0]), kind)
            found.append(current)
        elif current is not None and CODE_CELL.match(fields[0]) and len(fields) > 5:
            current.raw.append((index + 1, fields))
        else:
            current = None
    return found


def arrow_column(block: Block) -> int:
    """The table's DOT column: where the arrows are printed."""
    positions = Counter(i for _, f in block.raw for i, c in enumerate(f) if c in ARROWS)
    if not positions:
        raise SystemExit(f"line {block.line}: no DOT column in {block.title}")
    column, _ = positions.most_common(1)[0]
    return column


def value_offset(line: int, fields: Sequence[str], tail: int) -> int:
    """Index of the Dec-16 cell. Rows that lost their title cells are anchored on Jun-17."""
    if fields[1] or fields[2]:
        return 4
    filled = [i for i in range(3, tail) if fields[i]]
    if not filled:
        return 4
    offset = filled[-1] - JUNE
    if offset != 4:
        warn(f"line {line}: {fields[0]} has lost its title cells; values read from column {offset}")
    return offset


def row_tail(block: Block, line: int, fields: Sequence[str], column: int) -> int:
    """Index of the row's DOT cell: the table's, unless the row's own arrow or RAG says otherwise."""
    arrows = [i for i, c in enumerate(fields) if c in ARROWS and i < column + 2]
    rags = [i for i, c in enumerate(fields) if c in RAGS]
    if arrows:
        tail = arrows[0]
    elif rags:
        tail = rags[0] - (2 if block.kind == "yearly" else 3)
    else:
        tail = column
    if tail != column:
        warn(f"line {line}: {fields[0]} DOT/target/RAG cells start at column {tail}, not {column}")
    return tail


def parse_row(block: Block, line: int, fields: list[str], code: str, column: int) -> Row:
    tail = column if block.kind == "centres" else row_tail(block, line, fields, column)
    offset = value_offset(line, fields, tail)
    fields = fields + [""] * (tail + 5 - len(fields))
    stray = [fields[i] for i in range(offset + len(MONTHS), tail) if fields[i]]
    if stray:
        raise SystemExit(f"line {line}: cells {stray} between Jun-17 and the DOT column")
    values = {m: fields[offset + k] for k, m in enumerate(MONTHS) if fields[offset + k]}
    row = Row(line, fields[0], code, values)
    if block.kind == "centres":
        row.district, row.kent = fields[tail], fields[tail + 1]
    elif block.kind == "yearly":
        row.dot, row.target, row.rag = fields[tail], fields[tail + 1], fields[tail + 2]
    else:
        row.dot, row.monthly_target, row.target, row.rag = fields[tail : tail + 4]
    check_row(row)
    return row


def check_row(row: Row) -> None:
    if row.dot and row.dot not in ARROWS:
        raise SystemExit(f"line {row.line}: {row.dot!r} is not a DOT")
    if row.rag and row.rag not in RAGS:
        raise SystemExit(f"line {row.line}: {row.rag!r} is not a RAG")
    for text in row.values.values():
        if not NUMBER.match(text):
            raise SystemExit(f"line {row.line}: {text!r} is not a number")


def parse_block(block: Block) -> None:
    expected = block.service.indicators
    if len(block.raw) != len(expected):
        raise SystemExit(
            f"line {block.line}: {len(block.raw)} rows in {block.title}, expected {len(expected)}"
        )
    tail = 17 if block.kind == "centres" else arrow_column(block)
    for (line, fields), code in zip(block.raw, expected, strict=True):
        if fields[0] != code:
            warn(f"line {line}: code printed {fields[0]!r} in {block.title}; it is {code} (by position)")
        block.rows.append(parse_row(block, line, fields, code, tail))


def parsed(lines: Sequence[str]) -> list[Block]:
    found = blocks(lines)
    for block in found:
        parse_block(block)
    return found


# --- values -----------------------------------------------------------------------------------------------


def value_row(
    code: str, geography: str, period: str, text: str, service: Service, note: str = ""
) -> list[str]:
    if code in service.percent and float(text) > PERCENT_MAX:
        note = f"printed {text}: a percentage over 100, withheld"
        return [code, geography, period, "", "", "", "not_available", note, ""]
    return [code, geography, period, text, "", "", "", note, ""]


def row_values(block: Block, row: Row) -> Iterator[list[str]]:
    for period, text in row.values.items():
        if row.code in block.service.annual:
            note = f"annual result, printed in the {period} column"
            yield value_row(row.code, block.geography, ANNUAL_PERIOD, text, block.service, note)
        else:
            yield value_row(row.code, block.geography, period, text, block.service)


DISTRICT_NOTE = "District column of the Children's Centres tables (all centres in the district)"


def comparator_values(found: Sequence[Block]) -> list[list[str]]:
    """The Children's Centres tables' District and Kent columns (all centres, June 2017)."""
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for block in (b for b in found if b.kind == "centres"):
        district = DISTRICTS[block.title.split(" - ")[1]]
        for row in block.rows:
            for geography, text in ((district, row.district), (KENT, row.kent)):
                previous = seen.setdefault((row.code, geography), (text, row.line))
                if previous[0] != text:
                    warn(f"line {row.line}: {row.code} {geography}: {text} differs (line {previous[1]})")
    notes = {KENT: "Kent column of the Children's Centres tables"}  # else DISTRICT_NOTE
    result = []
    for (code, geography), (text, _) in seen.items():
        note = notes.get(geography, DISTRICT_NOTE)
        result.append(value_row(code, geography, "2017-06", text, SERVICE_BY_KEY["CC"], note))
    return result


def values(found: Sequence[Block]) -> list[list[str]]:
    rows = [v for block in found for row in block.rows for v in row_values(block, row)]
    return rows + comparator_values(found)


# --- expected cells ---------------------------------------------------------------------------------------


def expected_cells(block: Block, row: Row) -> Iterator[list[str]]:
    service = block.service
    base = [service.scorecard, service.table, block.geography, row.code]
    has_values = bool(row.values)
    if block.kind != "centres":
        if row.dot or has_values:
            yield [*base, "dot", "", "all", ARROWS.get(row.dot, "")]
        if row.rag or has_values:
            yield [*base, "rag", YEAR, "all", RAGS.get(row.rag, "")]
    latest = row.values.get(MONTHS[JUNE])
    if row.code in service.annual and row.values:
        latest = next(iter(row.values.values()))
    if latest is not None:
        yield [*base, "latest", "", "all", latest]


def expected(found: Sequence[Block]) -> list[list[str]]:
    return [cell for block in found for row in block.rows for cell in expected_cells(block, row)]


# --- contracts and narratives -----------------------------------------------------------------------------


def money(text: str) -> float | int:
    """'£1.2m' -> 1200000, '£500K' -> 500000, '£96,000.00' -> 96000."""
    clean = text.replace("£", "").replace(",", "").strip()
    scale = {"m": 1_000_000, "k": 1_000}.get(clean[-1].lower(), 1)
    amount = float(clean.rstrip("mMkK")) * scale
    return int(amount) if amount.is_integer() else round(amount, 2)


@dataclass
class Contract:
    """One row of the contracts table, with its scorecard geographies and June 2017 narratives."""

    code: str
    service: str
    provider: str
    area: str
    value: float | int
    scope: str
    narratives: list[dict[str, object]] = field(default_factory=list)

    @property
    def geographies(self) -> list[str]:
        return [g for g in TITLES.values() if g == self.code or g.startswith(f"{self.code}-")]

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "service": self.service,
            "provider": self.provider,
            "area": self.area,
            "value": self.value,
            "scope": self.scope,
            "geographies": self.geographies,
            "narratives": self.narratives,
        }


def contract_rows(lines: Sequence[str]) -> list[Contract]:
    """The covering report's contracts table (service, provider, area, scope, yearly value)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Service\tProvider\tArea\tScope"))
    contracts: list[Contract] = []
    service = scope = ""
    for line in lines[start + 1 :]:
        fields = cells(line) + [""] * 5
        if not any(fields):
            break
        if not fields[1] and not fields[2]:
            continue  # the total row
        if fields[2].startswith("£"):  # a row shifted one cell to the left
            fields = ["", fields[0], fields[1], "", fields[2]]
        service = fields[0] or service
        if fields[0]:
            scope = fields[3]  # the Youth scope cell spans all the youth rows
        code = contract_code(service, fields[2])
        contracts.append(Contract(code, service, fields[1], fields[2], money(fields[4]), fields[3] or scope))
    return contracts


def contract_code(service: str, area: str) -> str:
    fixed = {
        ("Family Support", "South/East"): "porchlight-fss",
        ("Family Support", "North/West"): "salus-fss",
        ("NEET Service", "County Wide"): "cxk-neet",
        ("Young Carers", "County Wide"): "imago-yc",
    }
    if (service, area) in fixed:
        return fixed[(service, area)]
    return f"youth-hub-{_district_slug(area.replace('Tonbridge and Malling', 'Tonbridge & Malling'))}"


CENTRES_CONTRACT = Contract(
    "cc",
    "Children's Centres",
    "Six external organisations (not named in the report)",
    "Canterbury, Shepway, Swale, Thanet",
    1123830,
    "Six of the 85 Children's Centres are commissioned, provided by six different external"
    " organisations (report paragraphs 1.4-1.5: the total cost of the six commissioned centres is"
    " £1,123,830; they are not listed in the contracts table).",
)


def paragraphs(text: str) -> list[str]:
    """A narrative cell as paragraphs: <p>..</p> blocks, tags stripped."""
    parts = re.findall(r"<p>(.*?)</p>", text, flags=re.S) if "<p>" in text else [text]
    return [re.sub(r"<[^>]+>", "", p).strip() for p in parts if p.strip()]


def area_names(fields: Sequence[str]) -> list[str]:
    """District names of an Area row: 'Area|Dartford|..', 'Area **Dartford** **Dover**', 'Area Shepway'."""
    if fields[0] != "Area":
        bold = re.findall(r"\*\*(.+?)\*\*", fields[0])
        return bold or [fields[0].removeprefix("Area").strip()]
    return [f for f in fields[1:] if f]


def narrative_geography(previous: Block, name: str) -> str:
    """The geography a narrative column belongs to, given the table printed before it."""
    prefix = next((p for p in CONTRACT_PREFIXES if previous.geography.startswith(p)), None)
    if prefix is None:
        return previous.geography  # a youth hub or children's centre: one district per table
    if name == "Kent":
        return prefix
    return f"{prefix}-{_district_slug(DISTRICT_ALIASES.get(name, name))}"


LABELS = ("Provider Narrative", "Notes from Monitoring")


def labelled(fields: Sequence[str]) -> tuple[str, list[str]]:
    """A narrative row's label (which may be shifted right) and its texts; stray page numbers dropped."""
    filled = [f for f in fields if f and not NUMBER.match(f)]
    if filled and filled[0].startswith(LABELS):
        return filled[0], filled[1:]
    return "", filled


def texts(fields: Sequence[str]) -> list[str]:
    return labelled(fields)[1]


@dataclass
class Narrative:
    line: int
    geography: str
    provider_narrative: list[str] = field(default_factory=list)
    monitoring_notes: list[str] = field(default_factory=list)


def narratives(lines: Sequence[str], found: Sequence[Block]) -> list[Narrative]:
    start, end = section(lines)
    result: list[Narrative] = []
    for index in range(start, end):
        fields = cells(lines[index])
        if not fields[0].startswith("Area"):
            continue
        previous = max((b for b in found if b.line < index + 1), key=lambda b: b.line)
        names = area_names(fields)
        entries = [Narrative(index + 1, narrative_geography(previous, n)) for n in names]
        fill_narratives(lines, index + 1, end, entries)
        result.extend(entries)
    return result + kent_narratives(lines, start, end, found)


def fill_narratives(lines: Sequence[str], index: int, end: int, entries: list[Narrative]) -> None:
    """Read the Provider Narrative / Notes rows that follow an Area row."""
    for position in range(index, min(index + 4, end)):
        fields = cells(lines[position])
        if fields[0].startswith("Area") or fields[0] == "Indicators":
            return
        label, found = labelled(fields)
        if not label:
            if any(f.strip("-") for f in fields):
                return
            continue  # a blank row or a markdown rule (|---|---|)
        if not found or found == ["Kent"]:
            continue
        if len(found) != len(entries):
            raise SystemExit(f"line {position + 1}: {len(found)} narratives for {len(entries)} districts")
        notes = label.startswith("Notes from Monitoring")
        # YC North: the narrative row is printed under the label "Notes from Monitoring Meeting"
        # (there is no Provider Narrative row); its cells are the providers' narratives.
        if notes and all(not e.provider_narrative for e in entries) and "<p>" in found[0]:
            warn(f"line {position + 1}: provider narratives printed under 'Notes from Monitoring Meeting'")
            notes = False
        for entry, text in zip(entries, found, strict=True):
            (entry.monitoring_notes if notes else entry.provider_narrative).extend(paragraphs(text))


def kent_narratives(lines: Sequence[str], start: int, end: int, found: Sequence[Block]) -> list[Narrative]:
    """'Provider Narrative | | Kent' followed by a row holding the county-wide narrative."""
    result = []
    for index in range(start, end - 1):
        fields = cells(lines[index])
        if fields[0] == "Provider Narrative" and texts(fields) == ["Kent"]:
            previous = max((b for b in found if b.line < index + 1), key=lambda b: b.line)
            entry = Narrative(index + 1, narrative_geography(previous, "Kent"))
            entry.provider_narrative = [p for t in texts(cells(lines[index + 1])) for p in paragraphs(t)]
            result.append(entry)
    return result


def contracts(lines: Sequence[str], found: Sequence[Block]) -> dict[str, object]:
    rows = [*contract_rows(lines), CENTRES_CONTRACT]
    by_geography = {g: c for c in rows for g in c.geographies}
    for entry in sorted(narratives(lines, found), key=lambda n: n.line):
        by_geography[entry.geography].narratives.append(
            {
                "geography": entry.geography,
                "period": NARRATIVE_PERIOD,
                "provider_narrative": entry.provider_narrative,
                "monitoring_notes": entry.monitoring_notes,
            }
        )
    return {"contracts": [c.as_dict() for c in rows]}


CONTRACTS_HEADER = """\
# Commissioned Early Help and Preventative Services contracts (seed 002: "Early Help
# and Preventative Services - Commissioned Services Contract Monitoring Update", section
# 1.2 table, and its Appendix 1 narratives for June 2017). Data for the contract-monitoring
# web pages; written by tools/seed/commissioned.py - do not edit by hand.
# value: yearly contract value in pounds. geographies: the scorecard geographies of the
# contract (framework/geographies/commissioned.yaml). narratives: per district (or hub,
# centre, county) the provider narrative and the notes from the monitoring meeting,
# one list item per paragraph; empty lists where the seed prints the row empty.
"""


def write_contracts(path: Path, data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    text = text.replace(f"period: {NARRATIVE_PERIOD}\n", f"period: '{NARRATIVE_PERIOD}'\n")
    path.write_text(CONTRACTS_HEADER + text, encoding="utf-8")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    lines = args.seed.read_text(encoding="utf-8").splitlines()
    found = parsed(lines)
    counts = Counter(b.service.key for b in found)
    print(f"tables: {len(found)} {dict(counts)}")
    written = write_csv(VALUES_OUT, VALUES_HEADER, values(found))
    print(f"values: {written} rows -> {VALUES_OUT.relative_to(REPO)}")
    written = write_csv(EXPECTED_OUT, EXPECTED_HEADER, expected(found))
    print(f"expected: {written} cells -> {EXPECTED_OUT.relative_to(REPO)}")
    write_contracts(CONTRACTS_OUT, contracts(lines, found))
    print(f"contracts -> {CONTRACTS_OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
