"""Output formats behind one interface: `write(release, folder)`, and the
release written in every format and published atomically.

A new format is one module and one entry in `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from scorecards.outputs import commentary_output, csv_output, html_output, json_output, xlsx_output
from scorecards.outputs.equality import writer as equality_writer
from scorecards.outputs.paper import writer as paper_writer
from scorecards.periods import Month
from scorecards.release.build import Progress, compute_release
from scorecards.release.model import Release
from scorecards.release.publish import publish_atomically

Writer = Callable[[Release, Path], None]

# Order matters: the paper (and the inputs it is re-rendered from) before the
# index that links to it; the manifest, which checksums everything, last.
FORMATS: tuple[tuple[str, Writer], ...] = (
    ("scorecard.csv", csv_output.write),
    ("scorecard.xlsx", xlsx_output.write),
    ("commentary.csv", commentary_output.write),
    ("paper.pdf", paper_writer.write),
    ("index.html", html_output.write),
    ("equality.html", equality_writer.write),  # and equality.pdf; only with an equality report
    ("release.json", json_output.write),
)


def build_release(
    framework_path: Path,
    values_paths: Sequence[Path],
    data_month: Month,
    out: Path,
    progress: Progress = lambda step: None,
    warehouse: Path | None = None,
    without: frozenset[str] = frozenset(),
    commentary: Path | None = None,
) -> Path:
    """Build the release for `data_month` into the folder `out`; return its
    path. `without` names formats to leave out (e.g. `paper.pdf` for a quick draft);
    `commentary` is a commentary file (`scorecards.release.commentary`)."""
    release = compute_release(framework_path, values_paths, data_month, progress, warehouse, commentary)
    return publish_release(release, out, progress, without)


def publish_release(
    release: Release, out: Path, progress: Progress = lambda step: None, without: frozenset[str] = frozenset()
) -> Path:
    """Write `release` in every format (but those `without`) and publish it at `out`."""

    def write_all(folder: Path) -> None:
        for name, writer in FORMATS:
            if name not in without:
                progress(f"Writing {name}")
                writer(release, folder)

    return publish_atomically(out, write_all)
