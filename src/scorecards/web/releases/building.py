"""Build a draft release: the core computes it and writes its folder once;
the database gets its rows. A release for a month already published is a
correction: it is based on that release and records what changed.

Publishing writes the release's outputs again, with its approved commentary
(`republish`), then freezes it."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from scorecards.outputs import write_formats
from scorecards.periods import Month
from scorecards.release.build import compute_release
from scorecards.release.model import Release as CoreRelease
from scorecards.release.publish import publish_atomically
from scorecards.web.audit.models import record
from scorecards.web.releases.importing import import_release
from scorecards.web.releases.models import Release, Status
from scorecards.web.releases.republishing import republish
from scorecards.web.releases.storage import release_folder

INPUTS = "inputs"


def build_draft(
    framework: Path,
    values: Sequence[Path],
    month: Month,
    *,
    user: User | None,
    restricted: bool = False,
) -> Release:
    """Compute, write and import a draft release; raises ScorecardsError on bad input."""
    core = compute_release(framework, values, month)
    based_on = Release.objects.filter(data_month=month.label, status=Status.PUBLISHED).first()
    slug, name = identity(core, based_on)
    folder = publish_atomically(release_folder(slug), lambda staging: _write(core, values, staging))
    try:
        return import_release(
            core, folder, slug=slug, name=name, user=user, restricted=restricted, based_on=based_on
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def identity(core: CoreRelease, based_on: Release | None) -> tuple[str, str]:
    """The slug and name: `2017-06`, or `2017-06-correction-1` for the first correction."""
    month = core.data_month.label
    taken = set(Release.objects.filter(data_month=month).values_list("slug", flat=True))
    if based_on is None and month not in taken:
        return month, core.name
    number = 1
    while f"{month}-correction-{number}" in taken:
        number += 1
    return f"{month}-correction-{number}", f"{core.name}, correction {number}"


def _write(core: CoreRelease, values: Sequence[Path], folder: Path) -> None:
    inputs = folder / INPUTS
    inputs.mkdir()
    for path in values:
        shutil.copyfile(path, inputs / path.name)
    write_formats(core, folder)


@transaction.atomic
def publish(release: Release, user: User | None) -> Release:
    """Publish a draft; once published a release never changes."""
    locked = Release.objects.select_for_update().get(pk=release.pk)
    if locked.is_published:
        return locked
    before = locked.to_audit()
    # The files first: if they cannot be written the release stays a draft, its folder as it was.
    locked.manifest_sha256 = republish(locked)
    locked.status = Status.PUBLISHED
    locked.published_by = user
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_by", "published_at", "manifest_sha256"])
    record(user, "release.publish", locked, before, locked.to_audit())
    transaction.on_commit(lambda: _make_read_only(Path(locked.folder)))
    return locked


def _make_read_only(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            path.chmod(0o444)
