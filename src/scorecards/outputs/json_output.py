"""`release.json`: the release's manifest — name, data month, build time,
framework version and the checksum of every input."""

from __future__ import annotations

import json
from pathlib import Path

from scorecards import __version__
from scorecards.release.model import Release, sha256

MANIFEST = "release.json"


def write(release: Release, folder: Path) -> None:
    manifest = {
        "release": release.name,
        "data_month": release.data_month.label,
        "built_at": release.built_at.isoformat(timespec="seconds"),
        "scorecards_version": __version__,
        "framework": {
            "name": release.framework.name,
            "version": release.framework.version,
            "organisation": release.framework.organisation,
            "files": release.framework_checksums,
        },
        "inputs": [
            {"file": str(i.path), "name": i.path.name, "sha256": i.sha256, "rows": i.rows}
            for i in release.inputs
        ],
        "warnings": list(release.warnings),
        "outputs": {
            p.relative_to(folder).as_posix(): sha256(p)
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
