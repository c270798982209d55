"""Where release folders live, and which of their files are downloads."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

DOWNLOADS = {
    "scorecard.csv": "Open data, one row per result (CSV)",
    "scorecard.xlsx": "The scorecards as a workbook (Excel)",
    "commentary.csv": "Commentary on the indicators (CSV)",
    "paper.pdf": "The committee paper (PDF)",
    "release.json": "The release manifest, with a checksum of every input and output (JSON)",
}
PUBLIC_DOWNLOADS = ("scorecard.csv",)  # generated with small numbers suppressed


def release_folder(slug: str) -> Path:
    return Path(settings.RELEASES_DIR) / slug
