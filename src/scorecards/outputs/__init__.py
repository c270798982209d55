"""Output formats behind one interface: `write(release, folder)`, and the
release written in every format and published atomically.

A new format is one module and one entry in `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from scorecards.outputs import commentary_output, csv_output, html_output, json_output, xlsx_output
from scorecards.outputs.equality import writer as equality_writer
from scorecards.outputs.paper import writer as paper_writer
from scorecards.periods import Month
from scorecards.release.build import Progress, compute_release
from scorecards.release.model import Release
from scorecards.release.publish import publish_atomically

Writer = Callable[[Release, Path], None]

# Typst typesets the paper on both cores without holding Python's lock, so the
# paper is written in a thread while the next formats are; it must be done
# before the formats that read the folder: the index, which links it only
# when it was printed, and the manifest, which checksums it.
IN_BACKGROUND = frozenset({"paper.pdf"})
READ_THE_FOLDER = frozenset({"index.html", "release.json"})

# Order matters: the paper (and the inputs it is re-rendered from) before the
# index that links to it; the manifest, which checksums everything, last.
FORMATS: tuple[tuple[str, Writer], ...] = (
    ("paper.pdf", paper_writer.write),
    ("scorecard.csv", csv_output.write),
    ("scorecard.xlsx", xlsx_output.write),
    ("commentary.csv", commentary_output.write),
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
    return publish_atomically(out, lambda folder: write_formats(release, folder, progress, without))


def write_formats(
    release: Release,
    folder: Path,
    progress: Progress = lambda step: None,
    without: frozenset[str] = frozenset(),
) -> None:
    """Write every format of `release` (but those `without`) into `folder`, in FORMATS order."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: list[Future[None]] = []
        for name, writer in FORMATS:
            if name in without:
                continue
            if name in READ_THE_FOLDER:
                _finish(pending)
            progress(f"Writing {name}")
            if name in IN_BACKGROUND:
                pending.append(pool.submit(writer, release, folder))
            else:
                writer(release, folder)
        _finish(pending)


def _finish(pending: list[Future[None]]) -> None:
    """Wait for the formats written in the background; their errors are raised here."""
    while pending:
        pending.pop(0).result()
