"""Writing `paper.pdf`: as a release output, and again from a release folder.

As an output format (`write`, in the release builder's FORMATS) it first
keeps the release's inputs in the folder (`snapshot.write_inputs`), then
typesets the paper (Typst); it comes after every other output but
`release.json`, whose checksums must include both. If Typst cannot be loaded
on this machine the build still publishes every other format, and the
inputs, and warns "paper.pdf skipped: …"; `scorecards paper RELEASE_DIR`
renders it later, and fails with that message instead.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from scorecards.outputs.paper.contents import paper_contents
from scorecards.outputs.paper.render import write_pdf
from scorecards.outputs.paper.typeset import PaperUnavailable
from scorecards.release.build import Progress
from scorecards.release.model import Release
from scorecards.release.narrative.overrides import NARRATIVE_FILE, Narrative, load_narrative
from scorecards.release.snapshot import load_release, refresh_manifest, write_inputs

PAPER = "paper.pdf"
log = logging.getLogger(__name__)


def write(release: Release, folder: Path) -> None:
    """The output format: the inputs and `paper.pdf`, or a warning when the paper cannot be printed."""
    write_inputs(release, folder)
    try:
        render_paper(release, folder / PAPER, load_narrative(folder / NARRATIVE_FILE))
    except PaperUnavailable as exc:
        log.warning("%s skipped: %s", PAPER, exc)


def render_paper(release: Release, target: Path, narrative: Narrative | None = None) -> int:
    """Print the release's committee paper to `target`; return its page count."""
    return write_pdf(paper_contents(release, narrative), target)


def paper_from_folder(folder: Path, target: Path | None = None, progress: Progress = lambda s: None) -> Path:
    """Render the paper of the release in `folder` (with the editors' narrative kept there).

    Written to `folder/paper.pdf` by default, whose checksum in `release.json`
    is then brought up to date; or to `target`, leaving the release as it is.
    """
    release = load_release(folder, progress)
    narrative = load_narrative(folder / NARRATIVE_FILE)
    target = target or folder / PAPER
    progress(f"Writing {target.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".pdf", dir=target.parent)
    os.close(handle)
    try:
        render_paper(release, Path(staging), narrative)
        Path(staging).chmod(0o644)
        os.replace(staging, target)
    finally:
        Path(staging).unlink(missing_ok=True)
    if target.resolve() == (folder / PAPER).resolve():
        refresh_manifest(folder)
    return target
