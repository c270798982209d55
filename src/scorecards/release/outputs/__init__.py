"""Output formats behind one interface: `write(release, folder)`.

The release builder loops over `FORMATS`; a new format is one module and
one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scorecards.release.model import Release
from scorecards.release.outputs import csv_output, html_output, json_output, xlsx_output

Writer = Callable[[Release, Path], None]

FORMATS: tuple[tuple[str, Writer], ...] = (
    ("scorecard.csv", csv_output.write),
    ("scorecard.xlsx", xlsx_output.write),
    ("index.html", html_output.write),
    ("release.json", json_output.write),
)
