"""The public's CSV: the release's `scorecard.csv` with every figure that
rests on a small denominator suppressed, and every comparison made with one."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scorecards.periods import Month
from scorecards.web.releases.models import Release
from scorecards.web.releases.presenting import SUPPRESSED

FIGURES = ("value", "numerator", "denominator", "rag", "dot", "rolling_3m", "rolling_3m_rag")
EARLIER = (("one_month_ago", "dot_1m", 1), ("one_year_ago", "dot_1y", 12))


def small_periods(release: Release) -> set[tuple[str, str, str, str]]:
    """(indicator, geography, group, period) of every small-denominator figure."""
    found: set[tuple[str, str, str, str]] = set()
    for indicator, geography, group, series in release.results.values_list(
        "indicator", "geography", "group", "series"
    ):
        found.update((indicator, geography, group, p["period"]) for p in series if p.get("small"))
    return found


def public_csv(release: Release) -> str:
    small = small_periods(release)
    with (Path(release.folder) / "scorecard.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
        writer.writeheader()
        for row in reader:
            writer.writerow(suppress_row(row, small))
    return out.getvalue()


def suppress_row(row: dict[str, str], small: set[tuple[str, str, str, str]]) -> dict[str, str]:
    key = (row["indicator"], row["geography_code"], row["group"])
    if (*key, row["period"]) in small:
        row = {**row, **{f: "" for f in FIGURES if f in row}, "status": "suppressed", "value": SUPPRESSED}
        row.update({f: "" for f in ("one_month_ago", "dot_1m", "one_year_ago", "dot_1y") if f in row})
    if row.get("previous_period") and (*key, row["previous_period"]) in small:
        row = {**row, "previous": SUPPRESSED, "dot": ""}
    for column, dot, months in EARLIER:
        earlier = _months_before(row["period"], months)
        if row.get(column) and earlier and (*key, earlier) in small:
            row = {**row, column: SUPPRESSED, dot: ""}
    return row


def _months_before(period: str, months: int) -> str | None:
    try:
        return Month.parse(period).shift(-months).label
    except ValueError:
        return None
