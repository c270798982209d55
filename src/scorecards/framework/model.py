"""The resolved framework: what the engine works with once the files are valid.

Stage three of three. Objects here are immutable and cross-referenced by
code; defaults from `framework.yaml` are already applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from scorecards.framework.spec import ComputeSpec
from scorecards.periods import ACADEMIC_YEAR_START, FINANCIAL_YEAR_START, Month, year_of

Comparator = Literal["", ">", ">=", "<", "<="]
ROLLING_3M_SUFFIX = "-R3M"


@dataclass(frozen=True)
class Target:
    year: str
    value: float
    comparator: Comparator = ""
    geography: str | None = None
    basis: Literal["annual", "monthly"] = "annual"
    text: str = ""

    @property
    def label(self) -> str:
        """The target as printed: `92`, `>80`."""
        return self.text or f"{self.comparator}{self.value:g}"


@dataclass(frozen=True)
class Band:
    rag: str
    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    below: float | None = None


@dataclass(frozen=True)
class RagRule:
    rated: bool = True
    tolerance: float = 3.0
    relative: bool = True
    floor: float | None = None
    band: float = 0.0
    bands: tuple[Band, ...] = ()
    min_denominator: int | None = None

    def describe(self) -> str:
        """A data note in words, as an exception page prints it."""
        if not self.rated:
            return "Not RAG rated"
        if self.bands:
            return "Explicit RAG bands"
        if self.floor is not None:
            return f"Floor {self.floor:g}"
        unit = "%" if self.relative else ""
        return f"Tolerance {self.tolerance:g}{unit} of the target"


@dataclass(frozen=True)
class HistoryEntry:
    period: Month
    change: str
    note: str = ""
    replaced_by: str | None = None
    replaces: str | None = None


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    polarity: str | None
    frequency: str
    unit: str
    decimals: int
    data_period: str
    rag: RagRule
    targets: tuple[Target, ...] = ()
    short_title: str | None = None
    definition: str = ""
    source: str = ""
    latest_data: str = ""
    service: str = ""
    status: str = "active"
    history: tuple[HistoryEntry, ...] = ()
    rolling_3_months: bool = False
    geographies: tuple[str, ...] = ()
    compute: ComputeSpec | None = None
    file: str = ""
    line: int | None = None

    @property
    def is_annual(self) -> bool:
        return self.frequency == "A"

    @property
    def year_start_month(self) -> int:
        return ACADEMIC_YEAR_START if self.data_period == "academic_year" else FINANCIAL_YEAR_START

    @property
    def rolling_code(self) -> str:
        return self.code + ROLLING_3M_SUFFIX

    def year_of_month(self, month: Month) -> str:
        return year_of(month, FINANCIAL_YEAR_START)

    def amended_between(self, earlier: Month, later: Month) -> bool:
        """True when the definition changed after `earlier` and by `later`."""
        return any(h.change == "amended" and earlier < h.period <= later for h in self.history)


@dataclass(frozen=True)
class Geography:
    code: str
    name: str
    level: str
    parent: str | None = None
    district: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    show: str
    year: str | None = None
    group: str = "all"
    heading: str | None = None
    basis: Literal["annual", "monthly"] = "annual"
    start: Month | None = None
    end: Month | None = None


@dataclass(frozen=True)
class Section:
    title: str | None
    indicators: tuple[str, ...]
    geography: str | None = None


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    summary_counts: bool = False


@dataclass(frozen=True)
class Scorecard:
    code: str
    title: str
    cadence: str
    geographies: tuple[str, ...]
    tables: tuple[Table, ...]
    guidance: str = ""
    notes: tuple[str, ...] = ()
    data_month_only: bool = False

    @property
    def cadence_months(self) -> int:
        return 3 if self.cadence == "quarterly" else 1

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for table in self.tables:
            for section in table.sections:
                seen.update(dict.fromkeys(section.indicators))
        return tuple(seen)


@dataclass(frozen=True)
class EqualityGroup:
    """A group of the equality report; `against` overrides its indicator's comparison."""

    group: str
    against: str | None = None


@dataclass(frozen=True)
class EqualityMeasure:
    """A key-stage measure: its indicator's code, the heading and the words its sentences use."""

    indicator: str
    stage: str
    wording: str
    subject: str


@dataclass(frozen=True)
class Equality:
    """What the annual equality report covers (`equality.yaml`)."""

    measures: tuple[EqualityMeasure, ...]
    vulnerable_groups: dict[str, tuple[EqualityGroup, ...]]  # heading → groups
    gender: EqualityGroup | None = None
    names: dict[str, str] = field(default_factory=dict)

    def name(self, group: str) -> str:
        """How a group is written: its name in `names`, else its code."""
        return self.names.get(group, group)

    def describe(self) -> str:
        """A summary, as `scorecards check` prints it."""
        groups = sum(len(g) for g in self.vulnerable_groups.values())
        text = f"{_count(len(self.measures), 'measure')}, {_count(groups, 'vulnerable group')}"
        text += f" under {_count(len(self.vulnerable_groups), 'heading')}"
        if self.gender is not None:
            text += f", gender: {self.gender.group} against {self.gender.against or 'its comparison'}"
        return text


@dataclass(frozen=True)
class PublishedMeasure:
    """Where one indicator's figure for one group is found in `national_figures`."""

    source_file: str
    measure: str
    filters: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NationalMap:
    """How the indicators compare with published national figures (`national.yaml`)."""

    council: str
    neighbours: str | None
    measures: dict[tuple[str, str], PublishedMeasure]  # (indicator, group) → measure

    def measure(self, indicator: str, group: str) -> PublishedMeasure | None:
        return self.measures.get((indicator, group))

    @property
    def indicators(self) -> tuple[str, ...]:
        """The codes of the indicators mapped, in file order."""
        return tuple(dict.fromkeys(code for code, _ in self.measures))

    def describe(self) -> str:
        """A summary, as `scorecards check` prints it."""
        mapped = _count(len(self.indicators), "indicator")
        neighbours = self.neighbours or "the most recently published grouping loaded"
        return f"council {self.council}, {mapped} mapped, neighbours: {neighbours}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    organisation: str
    produced_by: str
    root: Path
    geographies: dict[str, Geography]
    indicators: dict[str, Indicator]
    scorecards: dict[str, Scorecard]
    small_denominator: int | None = None
    suppress_below: int = 6
    files: tuple[Path, ...] = field(default=())
    equality: Equality | None = None  # no equality.yaml: no equality report
    national: NationalMap | None = None  # no national.yaml: no national figures or ranks

    def geographies_at(self, selector: str) -> list[Geography]:
        """Geographies named by a level (`district`) or a code, in file order."""
        return [g for g in self.geographies.values() if selector in (g.level, g.code)]

    def ancestors(self, code: str) -> list[str]:
        chain: list[str] = []
        parent = self.geographies[code].parent
        while parent is not None:
            chain.append(parent)
            parent = self.geographies[parent].parent
        return chain

    def name_index(self) -> dict[str, str]:
        """Every code, name and alias (lower case) to its geography code."""
        index: dict[str, str] = {}
        for geography in self.geographies.values():
            for label in (geography.code, geography.name, *geography.aliases):
                index[label.strip().lower()] = geography.code
        return index
