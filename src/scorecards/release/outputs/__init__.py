"""Output formats behind one interface: `write(release, folder)`.

The release builder loops over `FORMATS`; a new format is one module and
one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scorecards.equality_report import writer as equality_writer
from scorecards.release.model import Release
from scorecards.release.outputs import csv_output, html_output, json_output, xlsx_output

Writer = Callable[[Release, Path], None]


def _paper(release: Release, folder: Path) -> None:
    # Imported here: the paper can re-render a release folder, so it imports the builder.
    from scorecards.paper import writer

    writer.write(release, folder)


# Order matters: the paper (and the inputs it is re-rendered from) before the
# index that links to it; the manifest, which checksums everything, last.
FORMATS: tuple[tuple[str, Writer], ...] = (
    ("scorecard.csv", csv_output.write),
    ("scorecard.xlsx", xlsx_output.write),
    ("paper.pdf", _paper),
    ("index.html", html_output.write),
    ("equality.html", equality_writer.write),  # and equality.pdf; only with an equality report
    ("release.json", json_output.write),
)
