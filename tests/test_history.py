"""A result's rated history: each period against its own year's target."""

from __future__ import annotations

from scorecards.assess.assessment import assess
from scorecards.assess.rag import Rag
from scorecards.demo.county import DATA_MONTH, example_framework, example_values
from scorecards.figures.results import Observation, Result
from scorecards.framework.model import Geography, Indicator, RagRule, Target
from scorecards.periods import Month
from scorecards.release.build import compute_release

KENT = Geography("E10000016", "Kent", "county")


def on_time(*targets: Target) -> Indicator:
    return Indicator(
        code="X1",
        title="Percentage of things done on time",
        polarity="H",
        frequency="M",
        unit="percent",
        decimals=1,
        data_period="snapshot",
        rag=RagRule(),
        targets=targets,
    )


def monthly(*figures: tuple[str, float]) -> Result:
    series = tuple(Observation(p, Month.parse(p).last_day, v) for p, v in figures)
    return Result("X1", KENT.code, "all", latest=series[-1], series=series)


def test_each_month_is_rated_against_its_own_years_target() -> None:
    indicator = on_time(Target("2016-17", 80), Target("2017-18", 90))
    assessed = assess(indicator, KENT, monthly(("2017-03", 85.0), ("2017-04", 85.0)), cadence=1)
    assert [(h.target.year if h.target else None, h.rag) for h in assessed.history] == [
        ("2016-17", Rag.GREEN),
        ("2017-18", Rag.RED),
    ]


def test_the_latest_month_whose_year_has_no_target_is_rated_as_the_scorecard_rates_it() -> None:
    indicator = on_time(Target("2016-17", 80))
    result = monthly(("2017-03", 85.0), ("2017-04", 85.0))
    assessed = assess(indicator, KENT, result, cadence=1, target_year="2016-17")
    latest = assessed.history[-1]
    assert (
        (latest.target, latest.rag) == (assessed.target, assessed.rag) == (Target("2016-17", 80), Rag.GREEN)
    )


def test_the_release_carries_every_results_assessment_as_the_first_page_showing_it_rated_it() -> None:
    release = compute_release(example_framework(), example_values(), DATA_MONTH)
    assert set(release.results) <= set(release.assessments)
    first: dict[tuple[str, str, str], object] = {}
    for page in release.pages:
        for row in page.rows():
            first.setdefault((row.indicator.code, row.geography.code, "all"), row.assessment)
    assert all(release.assessments[key] is assessment for key, assessment in first.items())
