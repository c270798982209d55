"""A release folder that can be rendered again: its inputs, kept inside it.

`write_inputs` copies the framework's YAML files and the values files into
`inputs/` of the release folder (an output format like the others, so the
copies are checksummed in `release.json`); `load_release` recomputes the
release from those copies, with the data month and build time recorded in
`release.json`. The release's commentary is kept as `inputs/commentary.csv`
(when it has any), and an editor's commentary in `inputs/narrative.json`
is applied over it when the release is loaded again. Recomputing is deterministic, so the paper rendered later
(`scorecards paper RELEASE_DIR`, e.g. after an editor's changes in
`inputs/narrative.json`) shows exactly the published numbers, and nothing
but plain text files is kept: no pickles, no second data model to drift.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from scorecards.errors import ScorecardsError
from scorecards.periods import Month
from scorecards.release.build import Progress, compute_release
from scorecards.release.commentary import with_editors_commentary, write_commentary
from scorecards.release.model import Release, sha256
from scorecards.release.narrative.overrides import NARRATIVE_FILE, load_narrative

INPUTS = "inputs"
FRAMEWORK = Path(INPUTS) / "framework"
VALUES = Path(INPUTS) / "values"
COMMENTARY = Path(INPUTS) / "commentary.csv"
MANIFEST = "release.json"


def write_inputs(release: Release, folder: Path) -> None:
    """Copy the framework files and values files the release was built from into `folder/inputs`."""
    for relative in release.framework_checksums:
        _copy(release.framework.root / relative, folder / FRAMEWORK / relative)
    for number, source in enumerate(release.inputs, start=1):
        _copy(source.path, folder / VALUES / values_name(number, source.path))
    if release.commentary:
        write_commentary(release.commentary, folder / COMMENTARY)


def values_name(number: int, path: Path) -> str:
    """`01-directorate.csv`: numbered, so files of the same name stay apart and in order."""
    return f"{number:02d}-{path.name}"


def load_release(folder: Path, progress: Progress = lambda step: None) -> Release:
    """The release in `folder`, recomputed from the inputs kept in it."""
    manifest = _manifest(folder)
    values = sorted((folder / VALUES).glob("*"))
    if not (folder / FRAMEWORK / "framework.yaml").is_file() or not values:
        raise ScorecardsError(
            f"{folder}: the release does not keep its inputs (no {FRAMEWORK}/ or {VALUES}/); "
            "rebuild it with this version of Scorecards"
        )
    commentary = folder / COMMENTARY if (folder / COMMENTARY).is_file() else None
    month = Month.parse(manifest["data_month"])
    release = compute_release(folder / FRAMEWORK, values, month, progress, commentary=commentary)
    edited = with_editors_commentary(
        release.commentary, load_narrative(folder / NARRATIVE_FILE), release.framework
    )
    return replace(
        release,
        name=manifest["release"],
        built_at=datetime.fromisoformat(manifest["built_at"]),
        commentary=edited,
    )


def refresh_manifest(folder: Path) -> None:
    """Bring the output checksums in `release.json` up to date (after the paper is rendered again)."""
    path = folder / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["outputs"] = {
        p.relative_to(folder).as_posix(): sha256(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _manifest(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key: str(data[key]) for key in ("release", "data_month", "built_at")}
    except FileNotFoundError:
        raise ScorecardsError(f"{folder}: not a release folder (no {MANIFEST})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ScorecardsError(f"{path}: not a release manifest ({exc})") from None


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
