"""Publishing's rewrite of a release folder: the outputs written again with the
release's approved commentary.

Commentary is written and approved in the database after the draft's folder
was built, so the folder's paper, HTML, workbook and `commentary.csv` do not
have it yet. `republish` recomputes the release from the folder's own inputs
(`snapshot.load_release`: the same numbers, the same build time), gives it
the approved commentary (drafts are left out) with any editors' commentary
in `inputs/narrative.json` applied over it, and writes every output again
into a staging folder that replaces the old one whole
(`publish.publish_atomically`); a failure leaves the draft's folder as it was.
When there is no commentary to add and the folder has none, nothing is
rewritten.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

from django.contrib.auth.models import User

from scorecards.framework.load import load_framework
from scorecards.outputs import write_formats
from scorecards.release.commentary import read_commentary, with_editors_commentary
from scorecards.release.model import Commentary as CoreCommentary
from scorecards.release.narrative.overrides import NARRATIVE_FILE, load_narrative
from scorecards.release.publish import publish_atomically
from scorecards.release.snapshot import COMMENTARY, FRAMEWORK, INPUTS, MANIFEST, load_release
from scorecards.web.releases.models import Commentary, CommentaryStatus, Release


def republish(release: Release) -> str:
    """Write the outputs of `release`'s folder again with its approved commentary;
    return the checksum of its `release.json`."""
    folder = Path(release.folder)
    approved = approved_commentary(release)
    narrative = load_narrative(folder / NARRATIVE_FILE)
    editors = any(e.kind == "commentary" for e in narrative.entries)
    if approved or editors or (folder / COMMENTARY).is_file():
        framework = load_framework(folder / FRAMEWORK)
        wanted = with_editors_commentary(approved, narrative, framework)
        kept = read_commentary(folder / COMMENTARY, framework) if (folder / COMMENTARY).is_file() else ()
        if wanted != kept:
            _rewrite(folder, wanted)
    return _sha256(folder / MANIFEST)


def approved_commentary(release: Release) -> list[CoreCommentary]:
    found = Commentary.objects.filter(release=release, status=CommentaryStatus.APPROVED)
    return [
        CoreCommentary(
            indicator=c.indicator,
            geography=c.geography,
            text=c.text.strip(),
            author=_name(c.author),
            approved_by=_name(c.approved_by),
        )
        for c in found.select_related("author", "approved_by").order_by("indicator", "geography")
    ]


def _rewrite(folder: Path, commentary: tuple[CoreCommentary, ...]) -> None:
    core = replace(load_release(folder), commentary=commentary)

    def write(staging: Path) -> None:
        # The inputs the web kept (uploads, the editors' narrative.json) but the commentary,
        # which the outputs write again.
        shutil.copytree(folder / INPUTS, staging / INPUTS, ignore=shutil.ignore_patterns(COMMENTARY.name))
        for path in (staging / INPUTS).rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        write_formats(core, staging)

    publish_atomically(folder, write)


def _name(user: User | None) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
