"""`scorecard.csv`: tidy open data, one row per scorecard × geography ×
indicator × group × period shown.

The latest period's row carries the full assessment; earlier months shown
in a trend (series) column carry their value only.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from scorecards.assess.assessment import Assessment
from scorecards.assess.tables import Page, Row
from scorecards.figures.results import Observation
from scorecards.framework.formatting import number
from scorecards.release.model import Release

COLUMNS = (
    "scorecard",
    "geography",
    "geography_code",
    "indicator",
    "title",
    "group",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "previous",
    "previous_period",
    "dot",
    "target",
    "target_year",
    "rag",
    "one_month_ago",
    "dot_1m",
    "one_year_ago",
    "dot_1y",
    "rolling_3m",
    "rolling_3m_rag",
)


def write(release: Release, folder: Path) -> None:
    with (folder / "scorecard.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows(release))


def rows(release: Release) -> Iterator[dict[str, str]]:
    seen: set[tuple[str, ...]] = set()
    for page in release.pages:
        for row in page.rows():
            for record in _row_records(page, row):
                key = (
                    record["scorecard"],
                    record["geography_code"],
                    record["indicator"],
                    record["group"],
                    record["period"],
                )
                if key not in seen:
                    seen.add(key)
                    yield record


def _row_records(page: Page, row: Row) -> Iterator[dict[str, str]]:
    assessment = row.assessment
    if assessment.latest is not None:
        yield _assessed(page, assessment)
    for group in row.groups.values():  # a breakdown the table shows (e.g. excluding UASC)
        if group.result is not None:
            yield _assessed(page, group)
    shown = {c.column.year for c in row.cells if c.column.show == "series"}
    if assessment.result is not None:
        for observation in assessment.result.series:
            if observation.period in shown and observation != assessment.latest:
                yield _plain(page, assessment, observation)


def _base(page: Page, assessment: Assessment, observation: Observation) -> dict[str, str]:
    indicator = assessment.indicator
    decimals = indicator.decimals
    return {
        "scorecard": page.scorecard.code,
        "geography": assessment.geography.name,
        "geography_code": assessment.geography.code,
        "indicator": indicator.code,
        "title": indicator.title,
        "group": assessment.group,
        "period": observation.period,
        "value": number(observation.value, decimals, thousands=False),
        "numerator": _raw(observation.numerator),
        "denominator": _raw(observation.denominator),
        "status": observation.status or "",
    }


def _assessed(page: Page, assessment: Assessment) -> dict[str, str]:
    latest = assessment.latest
    assert latest is not None
    indicator = assessment.indicator
    result = assessment.result
    record = _base(page, assessment, latest)
    rolling = assessment.rolling.latest if assessment.rolling else None
    record.update(
        previous=_value(assessment.previous, indicator.decimals),
        previous_period=assessment.previous.period if assessment.previous else "",
        dot=assessment.dot.value if assessment.dot else "",
        target=assessment.target.label if assessment.target else "",
        target_year=assessment.target.year if assessment.target else "",
        rag=assessment.rag.value if assessment.rag else "",
        one_month_ago=_value(result.one_month_ago if result else None, indicator.decimals),
        dot_1m=assessment.dot_1m.value if assessment.dot_1m else "",
        one_year_ago=_value(result.one_year_ago if result else None, indicator.decimals),
        dot_1y=assessment.dot_1y.value if assessment.dot_1y else "",
        rolling_3m=_value(rolling, indicator.decimals),
        rolling_3m_rag=assessment.rolling_rag.value if assessment.rolling_rag else "",
    )
    return record


def _plain(page: Page, assessment: Assessment, observation: Observation) -> dict[str, str]:
    record = dict.fromkeys(COLUMNS, "")
    record.update(_base(page, assessment, observation))
    return record


def _value(observation: Observation | None, decimals: int) -> str:
    return number(observation.value, decimals, thousands=False) if observation else ""


def _raw(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
