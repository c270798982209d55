"""`index.html` and its pages (placeholder until the templates land)."""

from __future__ import annotations

from pathlib import Path

from scorecards.release.model import Release


def write(release: Release, folder: Path) -> None:
    (folder / "index.html").write_text(f"<!doctype html><html lang=en><title>{release.name}</title></html>")
