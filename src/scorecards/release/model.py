"""What a release is: everything the output formats need, computed once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scorecards.assess.assessment import Assessment
from scorecards.assess.equality_model import EqualityReport
from scorecards.assess.tables import Page
from scorecards.figures.results import Result, ResultKey
from scorecards.figures.values import InputFile
from scorecards.framework.model import Framework
from scorecards.periods import Month


@dataclass(frozen=True)
class Commentary:
    """What a service wrote about one indicator for one geography (and group): printed
    on its exception page, its scorecard pages, the workbook and commentary.csv."""

    indicator: str  # the framework's code
    geography: str  # the geography's code, however it was written in the input
    text: str
    group: str = "all"
    author: str = ""
    approved_by: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.geography, self.group)


@dataclass(frozen=True)
class Release:
    name: str
    data_month: Month
    built_at: datetime
    framework: Framework
    pages: tuple[Page, ...]
    results: dict[ResultKey, Result]
    assessments: dict[ResultKey, Assessment]  # every result's, as the first page showing it rated it
    inputs: tuple[InputFile, ...]
    equality: EqualityReport | None = None  # built from record-level data with an equality.yaml
    warnings: tuple[str, ...] = ()  # e.g. records a computed indicator could not count anywhere
    commentary: tuple[Commentary, ...] = ()  # in the framework's order of indicators and geographies

    @property
    def framework_checksums(self) -> dict[str, str]:
        """sha256 of every framework file, by path inside the framework folder."""
        root = self.framework.root
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
        return {p.relative_to(root).as_posix(): sha256(p) for p in files}

    def pages_of(self, scorecard: str) -> list[Page]:
        return [p for p in self.pages if p.scorecard.code == scorecard]

    def commentary_on(self, indicator: str, geography: str, group: str = "all") -> Commentary | None:
        return next((c for c in self.commentary if c.key == (indicator, geography, group)), None)


def release_name(data_month: Month) -> str:
    """'July 2017 Release (June 2017 Data)': published the month after the data."""
    return f"{data_month.shift(1).long_name} Release ({data_month.long_name} Data)"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
