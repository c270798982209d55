"""Where the public social-care sample files are, and facts read from them
(rows per CSV, elements per XML) that the loader tests compare with."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

from scorecards.warehouse.loading import LoadReport

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples"
SSDA903 = SAMPLES / "ssda903"
CIN = SAMPLES / "cin_census"
DIRTY = SAMPLES / "dirty"
ANNEX_A = SAMPLES / "annex_a" / "Annex_A.xlsx"


def data_rows(path: Path) -> int:
    """The records of a CSV: its lines after the header."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def elements(path: Path, tag: str) -> int:
    """How many `tag` elements an XML file holds, at any depth."""
    return sum(1 for _ in ET.parse(path).getroot().iter(tag))


def quarantined(report: LoadReport) -> list[dict[str, str]]:
    """The rows of the load's quarantine file."""
    assert report.quarantine is not None
    with report.quarantine.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def problems(report: LoadReport, file: str, severity: str = "warning") -> set[tuple[int, str, str]]:
    """(row, field, reason) of every problem of one file and severity."""
    return {
        (int(r["row"]), r["field"], r["reason"])
        for r in quarantined(report)
        if r["file"] == file and r["severity"] == severity
    }


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The line of a file where `needle` occurs for the `occurrence`-th time."""
    lines = [
        n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in text
    ]
    return lines[occurrence - 1]
