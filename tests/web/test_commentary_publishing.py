"""Commentary reaches the published release: an editor writes it on a draft, an
analyst approves it and publishes, and the approved sentence is in the
release's paper.pdf, commentary.csv and HTML; a draft nobody approved is not."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from scorecards.demo.county import DATA_MONTH, example_framework, example_values
from tests.conftest import need_poppler
from tests.web.world import PUBLISHED

SLUG = "2017-06-commentary-walk"
KENT = "E10000016"
APPROVED = "Take-up of free early education rose in every district but Thanet."
DRAFT_ONLY = "A sentence nobody approved."


@pytest.fixture
def draft(people):  # type: ignore[no-untyped-def]
    """A draft of the example release, its folder a copy of the published one's."""
    from scorecards.release.build import compute_release
    from scorecards.web.releases.importing import import_release
    from scorecards.web.releases.models import Release
    from scorecards.web.releases.storage import release_folder

    folder = release_folder(SLUG)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(Path(Release.objects.get(slug=PUBLISHED).folder), folder)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    core = compute_release(example_framework(), example_values(), DATA_MONTH)
    yield import_release(core, folder, slug=SLUG, name="Commentary walk", user=people["alice"])
    shutil.rmtree(folder, ignore_errors=True)


def test_approved_commentary_is_published_in_the_paper_the_csv_and_the_html(  # type: ignore[no-untyped-def]
    draft, as_person, django_capture_on_commit_callbacks
) -> None:
    from scorecards.web.releases.models import Commentary, Release

    need_poppler()
    alice = as_person("ada")
    base = f"/releases/{SLUG}"
    alice.post(f"{base}/indicators/EY2/commentary/", {"geography": KENT, "text": APPROVED})
    alice.post(f"{base}/indicators/EH43/commentary/", {"geography": KENT, "text": DRAFT_ONLY})
    written = Commentary.objects.get(release=draft, indicator="EY2")
    assert written.status == "draft"
    alice = as_person("alice")
    alice.post(f"{base}/commentary/{written.pk}/approve/")
    with django_capture_on_commit_callbacks(execute=True):
        alice.post(f"{base}/publish/")

    published = Release.objects.get(slug=SLUG)
    folder = Path(published.folder)
    assert published.is_published
    paper = subprocess.run(
        ["pdftotext", "-layout", str(folder / "paper.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert APPROVED in " ".join(paper.split())
    with (folder / "commentary.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["indicator"], r["geography"], r["text"], r["approved_by"]) for r in rows] == [
        ("EY2", KENT, APPROVED, "alice@kent.example")
    ]
    html = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.html"))
    assert APPROVED in html
    assert DRAFT_ONLY not in paper and DRAFT_ONLY not in html and DRAFT_ONLY not in str(rows)
    assert (folder / "inputs" / "commentary.csv").is_file()
    assert hashlib.sha256((folder / "release.json").read_bytes()).hexdigest() == published.manifest_sha256
    assert all(not p.stat().st_mode & 0o222 for p in folder.rglob("*") if p.is_file())
    download = as_person("alice").get(f"{base}/downloads/commentary.csv")
    assert APPROVED in b"".join(download.streaming_content).decode()  # type: ignore[attr-defined]
