"""Every result's assessment, for readers that list results rather than pages
(the web's results and their series)."""

from __future__ import annotations

from collections.abc import Sequence

from scorecards.assess.assessment import Assessment, assess
from scorecards.assess.tables import Page
from scorecards.figures.results import Result, ResultKey
from scorecards.framework.model import Framework


def assessments_by_result(
    framework: Framework, pages: Sequence[Page], results: dict[ResultKey, Result]
) -> dict[ResultKey, Assessment]:
    """Each result's assessment: as the first page showing it rated it, else
    against its own year's target, compared month on month."""
    found: dict[ResultKey, Assessment] = {}
    for page in pages:
        for row in page.rows():
            found.setdefault((row.indicator.code, row.geography.code, "all"), row.assessment)
    for key, result in results.items():
        if key not in found:
            indicator, geography = framework.indicators[key[0]], framework.geographies[key[1]]
            found[key] = assess(indicator, geography, result, cadence=1)
    return found
