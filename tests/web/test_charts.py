"""The district chart's layout: bars from a zero baseline, reference lines, no bars for no value."""

from __future__ import annotations

from scorecards.outputs.charts import Bar, bar_chart


def test_bars_grow_from_zero_in_proportion_to_their_value() -> None:
    chart = bar_chart([Bar("A", 50.0, "50%", "GREEN"), Bar("B", 100.0, "100%", "RED")], {})
    assert chart is not None
    a, b = chart.bars
    assert a.x == b.x == chart.baseline
    assert b.width == 2 * a.width
    assert (a.rag, b.rag) == ("green", "red")


def test_a_negative_value_draws_left_of_the_baseline() -> None:
    chart = bar_chart([Bar("A", -10.0, "-10"), Bar("B", 30.0, "30")], {})
    assert chart is not None
    assert chart.bars[0].x < chart.baseline and chart.bars[0].x + chart.bars[0].width == chart.baseline


def test_a_missing_value_draws_no_bar() -> None:
    chart = bar_chart([Bar("A", None, "[c]"), Bar("B", 30.0, "30")], {})
    assert chart is not None and chart.bars[0].width == 0


def test_the_county_is_a_labelled_reference_line() -> None:
    chart = bar_chart([Bar("A", 10.0, "10"), Bar("B", 30.0, "30")], {"county": ("Kent 20", 20.0)})
    assert chart is not None
    (line,) = chart.lines
    assert line.label == "Kent 20" and chart.bars[0].x < line.x < chart.bars[1].x + chart.bars[1].width


def test_no_values_means_no_chart() -> None:
    assert bar_chart([Bar("A", None, "")], {}) is None
