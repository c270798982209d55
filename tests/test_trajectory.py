"""Trajectory: the least-squares line through the latest results, read at the
end of each later target year and rated with the indicator's own rule."""

from __future__ import annotations

from datetime import date

import pytest

from scorecards.assess.rag import Rag
from scorecards.assess.trajectory import least_squares, trajectory
from scorecards.demo.county import DATA_MONTH, example_framework, example_values
from scorecards.figures.results import Observation, Result
from scorecards.framework.model import Geography, Indicator, RagRule, Target
from scorecards.periods import Month
from scorecards.release.build import compute_release
from scorecards.release.narrative.outlook import outlook_sentence

KENT = Geography("E10000016", "Kent", "county")


def schools(targets: tuple[Target, ...]) -> Indicator:
    return Indicator(
        code="SISE34",
        title="Percentage of all schools with Good or Outstanding Ofsted Judgements",
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
    return Result("X", KENT.code, "all", latest=series[-1], series=series)


# Seed 002, committee report 3.5 and the scorecards: 88.8% (March 2016), 90.8% (March 2017),
# 91.6% (June 2017): "We are on track for our long term target that 95% of schools will be good
# or outstanding by 2018-19."
SCHOOLS = monthly(("2016-03", 88.8), ("2017-03", 90.8), ("2017-06", 91.6))


def test_schools_are_on_course_for_95_percent_by_2018_19_as_the_seed_says() -> None:
    path = trajectory(schools((Target("2017-18", 93), Target("2018-19", 95))), KENT, SCHOOLS)
    assert path is not None
    by_year = {o.target.year: o for o in path.outlooks}
    assert by_year["2018-19"].due == Month(2019, 3)
    assert by_year["2018-19"].projected == pytest.approx(95.29, abs=0.01)
    assert by_year["2018-19"].on_course and by_year["2018-19"].rag is Rag.GREEN
    assert path.method == "least-squares line through the 3 results from 2016-03 to 2017-06"


def test_the_outlook_in_words() -> None:
    ind = schools((Target("2018-19", 95),))
    path = trajectory(ind, KENT, SCHOOLS)
    assert path is not None
    assert outlook_sentence(ind, path.outlooks[0]) == (
        "At the present trend the result would be 95.3% by March 2019: on course for the 2018-19 target of 95%."
    )


def test_the_current_years_target_is_not_a_later_target() -> None:
    assert trajectory(schools((Target("2016-17", 92), Target("2017-18", 93))), KENT, SCHOOLS) is None


def test_a_trend_short_of_a_later_target_is_not_on_course() -> None:
    path = trajectory(schools((Target("2018-19", 99),)), KENT, SCHOOLS)
    assert path is not None
    assert not path.outlooks[0].on_course
    assert path.outlooks[0].rag is Rag.RED  # 95.3 is more than 3% short of 99


def test_lowest_is_best_is_on_course_when_the_line_falls_below_the_target() -> None:
    caseloads = Indicator("ST04", "Average caseloads", "L", "M", "average", 1, "snapshot", RagRule(floor=22),
                          targets=(Target("2018-19", 18),))  # fmt: skip
    falling = monthly(("2017-03", 22.0), ("2017-04", 21.4), ("2017-05", 21.0), ("2017-06", 20.4))
    path = trajectory(caseloads, KENT, falling)
    assert path is not None
    assert path.outlooks[0].projected < 18 and path.outlooks[0].on_course


def test_only_the_latest_twelve_monthly_results_are_fitted() -> None:
    figures = [(Month(2015, 1).shift(i).label, 50.0 + (10 if i < 8 else 0)) for i in range(20)]
    path = trajectory(schools((Target("2018-19", 95),)), KENT, monthly(*figures))
    assert path is not None
    assert len(path.fitted) == 12 and path.slope == pytest.approx(0.0)


def test_an_annual_indicator_is_projected_from_its_outturns_in_the_example_release() -> None:
    # EY14, Kent: 73.0 (2014-15), 74.8 (2015-16); targets 81, 85, 87 for 2016-17 to 2018-19
    release = compute_release(example_framework(), example_values(), DATA_MONTH)
    ey14 = release.framework.indicators["EY14"]
    path = trajectory(
        ey14, release.framework.geographies[KENT.code], release.results[("EY14", KENT.code, "all")]
    )
    assert path is not None
    assert [(o.target.year, o.due, round(o.projected, 1), o.on_course) for o in path.outlooks] == [
        ("2016-17", Month(2017, 8), 76.6, False),
        ("2017-18", Month(2018, 8), 78.4, False),
        ("2018-19", Month(2019, 8), 80.2, False),
    ]


def test_one_result_draws_no_line() -> None:
    single = monthly(("2017-06", 91.6))
    assert trajectory(schools((Target("2018-19", 95),)), KENT, single) is None


def test_closest_to_target_without_a_rag_rule_is_projected_but_not_judged() -> None:
    places = Indicator("CYPE4", "Percentage of surplus school places", "T", "A", "percent", 1, "academic_year",
                       RagRule(rated=False), targets=(Target("2016-17", 5),))  # fmt: skip
    annual = Result("CYPE4", KENT.code, "all", latest=Observation("2015-16", date(2016, 8, 31), 4.6),
                    series=(Observation("2014-15", date(2015, 8, 31), 5.0), Observation("2015-16", date(2016, 8, 31), 4.6)))  # fmt: skip
    path = trajectory(places, KENT, annual)
    assert path is not None and path.outlooks[0].on_course is None
    assert outlook_sentence(places, path.outlooks[0]) == (
        "At the present trend the result would be 4.2% by August 2017, against the 2016-17 target of 5%."
    )


def test_an_unrated_indicator_has_no_trajectory() -> None:
    monitored = Indicator("EH02", "Rate of notifications", None, "M", "rate_per_10000", 1, "snapshot", RagRule(),
                          targets=(Target("2018-19", 300),))  # fmt: skip
    assert trajectory(monitored, KENT, SCHOOLS) is None


def test_least_squares_through_two_points_is_the_line_through_both() -> None:
    line = least_squares([0.0, 12.0], [73.0, 74.8])
    assert line is not None
    slope, level, centre = line
    assert slope == pytest.approx(0.15) and level == pytest.approx(73.9) and centre == 6.0
    assert least_squares([5.0, 5.0], [1.0, 2.0]) is None


def test_a_missing_figure_is_left_out_of_the_line() -> None:
    figures = (*SCHOOLS.series, Observation("2017-07", date(2017, 7, 31), None, status="not_available"))
    result = Result("X", KENT.code, "all", latest=figures[-1], series=figures)
    path = trajectory(schools((Target("2018-19", 95),)), KENT, result)
    assert path is not None and len(path.fitted) == 3
