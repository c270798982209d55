"""`commentary.csv`: the release's commentary, one row per indicator × geography
(× group), in the format `--commentary` reads (`release.commentary`), so a
release's commentary can be given to the next build. A header alone when the
release has none. Also what a scorecard page shows of it (`on_page`)."""

from __future__ import annotations

from pathlib import Path

from scorecards.assess.tables import Page
from scorecards.release.commentary import write_commentary
from scorecards.release.model import Commentary, Release

COMMENTARY = "commentary.csv"


def write(release: Release, folder: Path) -> None:
    write_commentary(release.commentary, folder / COMMENTARY)


def on_page(release: Release, page: Page) -> list[Commentary]:
    """The commentary on the indicators of `page` for the geographies it shows them for."""
    shown = {(row.indicator.code, row.geography.code) for row in page.rows()}
    return [c for c in release.commentary if (c.indicator, c.geography) in shown]
