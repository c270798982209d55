"""Charts, the same in every output and on the web: trend lines as static SVG
(`trend`), and bar charts of the geographies laid out as numbers for an SVG
template (`bars`). Each is readable without colour and comes with its table."""

from scorecards.outputs.charts.bars import Bar, BarChart, bar_chart
from scorecards.outputs.charts.trend import Chart, Line, Mark, Point, describe, nice_ticks, trend_chart

__all__ = [
    "Bar",
    "BarChart",
    "Chart",
    "Line",
    "Mark",
    "Point",
    "bar_chart",
    "describe",
    "nice_ticks",
    "trend_chart",
]
