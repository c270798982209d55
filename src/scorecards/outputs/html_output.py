"""`index.html` and the release's other pages: a page per scorecard and per
scorecard × geography, guidance, data sources and definitions.

Pages are Jinja2 templates (autoescaped; an undefined name is an error) over
the release and the small view objects built here. Every link is relative,
so the folder works from file:// and from any web server. The styles are
GOV.UK Frontend's compiled CSS, vendored in `static/` with a system font
stack and `scorecards.css`; there is no JavaScript, and no inline script or
style. RAG is a word in a coloured tag and a direction of travel an arrow
with its word for screen readers: never colour or shape alone.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from scorecards.assess.direction import ARROWS, Direction
from scorecards.assess.rag import Rag
from scorecards.assess.tables import Cell, Page, TableView
from scorecards.figures.results import Observation
from scorecards.framework.formatting import (
    DATA_PERIOD_ABBREVIATIONS,
    DATA_PERIOD_NAMES,
    FREQUENCY_NAMES,
    POLARITY_NAMES,
    STATUS_TEXT,
)
from scorecards.framework.model import Framework, HistoryEntry, Indicator, Scorecard
from scorecards.outputs.commentary_output import on_page
from scorecards.periods import Month
from scorecards.release.model import Release

STATIC = Path(__file__).resolve().parent / "static"
SCORECARDS_FOLDER = "scorecards"

RAG_TAGS = {Rag.GREEN: "govuk-tag--green", Rag.AMBER: "govuk-tag--yellow", Rag.RED: "govuk-tag--red"}
# Columns whose cells are words, tags or arrows rather than numbers: not right-aligned.
RAG_COLUMNS = frozenset({"rag", "outturn_rag", "rolling_3m_rag"})
DOT_COLUMNS = frozenset({"dot", "dot_1m", "dot_1y"})
NOT_NUMBERS = frozenset({"polarity", "frequency", "data_period"}) | RAG_COLUMNS | DOT_COLUMNS
UNIT_NAMES = {
    "percent": "Percentage",
    "count": "Number",
    "rate_per_10000": "Rate per 10,000",
    "average": "Average",
    "score": "Score",
}
LEVEL_NAMES = {
    "county": "County",
    "area": "Areas",
    "district": "Districts",
    "team": "Teams",
    "unit": "Units",
    "centre": "Children's centres",
    "provider": "Providers",
}
CHANGE_NAMES = {"new": "New", "amended": "Amended", "replaced": "Replaced", "removed": "Removed"}
DOWNLOADS = {  # the files a reader can download, in the order the formats write them
    "scorecard.csv": "Open data, one row per result (CSV)",
    "scorecard.xlsx": "The scorecards as a workbook (Excel)",
    "commentary.csv": "Commentary on the indicators (CSV)",
    "paper.pdf": "The committee paper (PDF)",
    "release.json": "The release manifest, with a checksum of every input and output (JSON)",
}


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # relative to the release folder


NAVIGATION = (
    Link("Scorecards", "index.html"),
    Link("Guidance", "guidance.html"),
    Link("Data sources", "data-sources.html"),
    Link("Definitions", "definitions.html"),
)
SMALL_MARK = "†"  # beside a small denominator, explained under the table and in the guidance


@dataclass(frozen=True)
class Document:
    """One HTML file: where it goes, its template and what the template shows."""

    path: str
    template: str
    title: str
    breadcrumbs: tuple[Link, ...] = ()
    section: str = ""  # the navigation item this page belongs to
    wide: bool = False
    context: dict[str, object] = field(default_factory=dict)

    @property
    def root(self) -> str:
        """The way back to the release folder from this page."""
        return "../" * self.path.count("/")


@dataclass(frozen=True)
class PageFile:
    page: Page
    path: str


@dataclass(frozen=True)
class ScorecardFiles:
    scorecard: Scorecard
    folder: str
    pages: tuple[PageFile, ...]

    @property
    def index(self) -> str:
        return f"{self.folder}/index.html"


@dataclass(frozen=True)
class HtmlCell:
    text: str
    rag: Rag | None = None
    direction: Direction | None = None
    numeric: bool = True
    small: bool = False
    status: bool = False

    @property
    def tag(self) -> str:
        return RAG_TAGS[self.rag] if self.rag else ""

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction] if self.direction else ""


@dataclass(frozen=True)
class HtmlRow:
    code: str
    title: str
    anchor: str
    cells: tuple[HtmlCell, ...]


@dataclass(frozen=True)
class HtmlSection:
    title: str
    rows: tuple[HtmlRow, ...]


@dataclass(frozen=True)
class HtmlTable:
    id: str
    title: str
    headings: tuple[tuple[str, bool], ...]  # text, numeric
    sections: tuple[HtmlSection, ...]
    counts: tuple[tuple[Rag, int], ...]
    small: bool


def write(release: Release, folder: Path) -> None:
    environment = _environment()
    for document in documents(release, folder):
        target = folder / document.path
        target.parent.mkdir(parents=True, exist_ok=True)
        template = environment.get_template(document.template)
        html = template.render(doc=document, release=release, framework=release.framework, **document.context)
        target.write_text(html, encoding="utf-8")
    shutil.copytree(STATIC, folder / "static", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("scorecards.outputs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        navigation=NAVIGATION, rag_tags=RAG_TAGS, small_mark=SMALL_MARK, anchor=indicator_anchor
    )
    return environment


def documents(release: Release, folder: Path | None = None) -> Iterator[Document]:
    """Every page of the release, index first; `folder` (when given) tells
    which optional downloads, such as the paper, were written."""
    cards = scorecard_files(release)
    yield _index(release, cards, folder)
    for card in cards:
        yield _scorecard_index(release, card)
        for page_file in card.pages:
            yield _scorecard_page(release, card, page_file)
    yield _guidance(release)
    yield _data_sources(release)
    yield _definitions(release)


# --- file names ----------------------------------------------------------------------------------


def slug(text: str) -> str:
    """`E10000016` → `e10000016`, `Thanet Margate CSWT` → `thanet-margate-cswt`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def unique_slugs(codes: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """A distinct slug per code: codes differing only in case or punctuation get `-2`, `-3`."""
    taken, slugs = set(reserved), {}
    for code in codes:
        base = candidate = slug(code)
        counter = 2
        while candidate in taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        taken.add(candidate)
        slugs[code] = candidate
    return slugs


def scorecard_files(release: Release) -> list[ScorecardFiles]:
    """`scorecards/<scorecard>/index.html` and `scorecards/<scorecard>/<geography>.html`."""
    folders = unique_slugs(release.framework.scorecards)
    cards = []
    for code, card in release.framework.scorecards.items():
        folder = f"{SCORECARDS_FOLDER}/{folders[code]}"
        pages = release.pages_of(code)
        names = unique_slugs((p.geography.code for p in pages), reserved={"index"})
        files = tuple(PageFile(p, f"{folder}/{names[p.geography.code]}.html") for p in pages)
        cards.append(ScorecardFiles(card, folder, files))
    return cards


def indicator_anchor(code: str) -> str:
    """The id of an indicator's row on the definitions page; codes are unique and have no spaces."""
    return f"indicator-{code}"


# --- pages ---------------------------------------------------------------------------------------


OPTIONAL_DOWNLOADS = {"paper.pdf"}  # skipped when Typst cannot be loaded here


def _home(release: Release) -> Link:
    return Link(release.name, "index.html")


def _index(release: Release, cards: list[ScorecardFiles], folder: Path | None) -> Document:
    downloads = [
        Link(label, name)
        for name, label in DOWNLOADS.items()
        if not name.endswith(".html")
        and (name not in OPTIONAL_DOWNLOADS or folder is None or (folder / name).is_file())
    ]
    built = release.built_at
    return Document(
        "index.html",
        "index.html",
        release.name,
        section="index.html",
        context={"cards": cards, "downloads": downloads, "published": f"{built.day} {built:%B %Y}"},
    )


def _scorecard_index(release: Release, card: ScorecardFiles) -> Document:
    levels: dict[str, list[PageFile]] = {}
    for page_file in card.pages:
        levels.setdefault(page_file.page.geography.level, []).append(page_file)
    grouped = [(LEVEL_NAMES.get(level, level.title()), files) for level, files in levels.items()]
    return Document(
        card.index,
        "scorecard.html",
        card.scorecard.title,
        breadcrumbs=(_home(release),),
        section="index.html",
        context={"card": card, "levels": grouped},
    )


def _scorecard_page(release: Release, card: ScorecardFiles, page_file: PageFile) -> Document:
    page = page_file.page
    small = release.framework.small_denominator
    return Document(
        page_file.path,
        "page.html",
        f"{page.geography.name}: {card.scorecard.title}",
        breadcrumbs=(_home(release), Link(card.scorecard.title, card.index)),
        section="index.html",
        wide=True,
        context={
            "card": card.scorecard,
            "geography": page.geography,
            "tables": [html_table(t, f"table-{n}", small) for n, t in enumerate(page.tables, start=1)],
            "guidance": paragraphs(card.scorecard.guidance),
            "commentary": on_page(release, page),
        },
    )


def _guidance(release: Release) -> Document:
    framework = release.framework
    return Document(
        "guidance.html",
        "guidance.html",
        "Guidance",
        breadcrumbs=(_home(release),),
        section="guidance.html",
        context={
            "polarities": POLARITY_NAMES,
            "tolerance": tolerance_note(framework),
            "minimum_denominators": sorted({i.rag.min_denominator or 0 for i in _rated(framework)} - {0}),
            "arrows": ARROWS,
            "statuses": STATUS_TEXT,
            "frequencies": FREQUENCY_NAMES,
            "periods": [(DATA_PERIOD_ABBREVIATIONS[k], name) for k, name in DATA_PERIOD_NAMES.items()],
        },
    )


def _data_sources(release: Release) -> Document:
    latest = latest_observations(release)
    rows = [
        (i, _period_text(i, latest[i.code]) if i.code in latest else "")
        for i in release.framework.indicators.values()
    ]
    return Document(
        "data-sources.html",
        "data-sources.html",
        "Data sources",
        breadcrumbs=(_home(release),),
        section="data-sources.html",
        wide=True,
        context={"rows": rows},
    )


def _definitions(release: Release) -> Document:
    framework = release.framework
    rows = [
        (
            i,
            UNIT_NAMES.get(i.unit, i.unit),
            rag_rule_text(i),
            [history_parts(h, framework) for h in i.history],
        )
        for i in framework.indicators.values()
    ]
    return Document(
        "definitions.html",
        "definitions.html",
        "Definitions",
        breadcrumbs=(_home(release),),
        section="definitions.html",
        wide=True,
        context={"rows": rows, "polarities": POLARITY_NAMES, "frequencies": FREQUENCY_NAMES},
    )


# --- tables --------------------------------------------------------------------------------------


def html_table(table: TableView, table_id: str, small_denominator: int | None) -> HtmlTable:
    numeric = tuple(c.show not in NOT_NUMBERS for c in table.columns)
    sections = tuple(
        HtmlSection(
            section.title or (section.geography.name if section.geography else ""),
            tuple(_html_row(row.indicator, row.cells, small_denominator) for row in section.rows),
        )
        for section in table.sections
    )
    return HtmlTable(
        id=table_id,
        title=table.title,
        headings=tuple(zip(table.headings, numeric, strict=True)),
        sections=sections,
        counts=tuple(table.counts.items()) if table.counts else (),
        small=any(c.small for s in sections for r in s.rows for c in r.cells),
    )


def _html_row(indicator: Indicator, cells: tuple[Cell, ...], small_denominator: int | None) -> HtmlRow:
    return HtmlRow(
        indicator.code,
        indicator.title,
        indicator_anchor(indicator.code),
        tuple(html_cell(c, small_denominator) for c in cells),
    )


def html_cell(cell: Cell, small_denominator: int | None) -> HtmlCell:
    show = cell.column.show
    if cell.direction is not None:
        return HtmlCell("", direction=cell.direction, numeric=False)
    if cell.rag is not None:
        # A latest_rag cell shows the value and the tag; a rag column, the tag alone.
        return HtmlCell(cell.text if show == "latest_rag" else "", rag=cell.rag, numeric=show == "latest_rag")
    small = (
        show == "denominator"
        and small_denominator is not None
        and cell.number is not None
        and 1 <= cell.number <= small_denominator
    )
    return HtmlCell(cell.text, numeric=show not in NOT_NUMBERS, small=small, status=cell.status is not None)


# --- text ----------------------------------------------------------------------------------------


def paragraphs(text: str) -> list[list[str]]:
    """Guidance as written: paragraphs split by blank lines, each a list of lines."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [
        [line.strip() for line in block.splitlines() if line.strip()] for block in blocks if block.strip()
    ]


def _rated(framework: Framework) -> list[Indicator]:
    return [i for i in framework.indicators.values() if i.rag.rated and i.polarity and i.targets]


def tolerance_note(framework: Framework) -> str:
    """The rule most indicators are rated by, as the seed's guidance states it."""
    rated = _rated(framework)
    tolerances = Counter(
        (i.rag.tolerance, i.rag.relative) for i in rated if i.rag.floor is None and not i.rag.bands
    )
    if not tolerances:
        return ""
    (tolerance, relative), count = tolerances.most_common(1)[0]
    amount = f"{tolerance:g}%" if relative else f"{tolerance:g} (in the indicator's unit)"
    if count == len(rated):
        return (
            f"For every rated indicator, a tolerance of {amount} above or below the target has been applied."
        )
    return (
        f"For {count} of the {len(rated)} rated indicators, a tolerance of {amount} above or below the "
        "target has been applied; the definitions page gives each indicator's rule."
    )


def rag_rule_text(indicator: Indicator) -> str:
    if indicator.polarity is None:
        return "Monitored only: not RAG rated"
    if not indicator.targets:
        return "No target: not RAG rated"
    text = indicator.rag.describe()
    if indicator.rag.min_denominator:
        text += f"; no RAG when the denominator is below {indicator.rag.min_denominator}"
    return text


def history_parts(entry: HistoryEntry, framework: Framework) -> list[tuple[str, str]]:
    """A change as text and links: `Replaced by <SISE4a> (September 2015): note`.
    Each part is (text, href); href is empty for plain text."""
    parts = [(CHANGE_NAMES.get(entry.change, entry.change), "")]
    for joining, code in ((" by ", entry.replaced_by), (", replacing ", entry.replaces)):
        if code:
            href = f"#{indicator_anchor(code)}" if code in framework.indicators else ""
            parts += [(joining, ""), (code, href)]
    parts.append((f" ({entry.period.long_name})", ""))
    if entry.note:
        parts.append((f": {entry.note}", ""))
    return parts


def latest_observations(release: Release) -> dict[str, Observation]:
    """Each indicator's most recent result in the release, whatever the geography."""
    latest: dict[str, Observation] = {}
    for (code, _geography, group), result in release.results.items():
        if group != "all" or code not in release.framework.indicators:
            continue
        if code not in latest or result.latest.period_end > latest[code].period_end:
            latest[code] = result.latest
    return latest


def _period_text(indicator: Indicator, observation: Observation) -> str:
    """`2017-06` → `June 2017`; a year (`2015-16`) as it is."""
    if indicator.is_annual:
        return observation.period
    try:
        return Month.parse(observation.period).long_name
    except ValueError:
        return observation.period
