"""Charts as static SVG: well-formed, described in words, RAG by shape and colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from scorecards.assess.rag import Rag
from scorecards.outputs.charts import Line, Mark, Point, describe, nice_ticks, trend_chart

SVG = "{http://www.w3.org/2000/svg}"
CASELOADS = [
    Point(24205, 22.0, "Mar 17", "22.0", Rag.AMBER),
    Point(24206, 23.4, "Apr 17", "23.4", Rag.RED),
    Point(24207, 23.8, "May 17", "23.8", Rag.RED),
    Point(24208, 24.6, "Jun 17", "24.6", Rag.RED),
]
TARGET = Line("Target", ((24205, 18.0), (24208, 18.0)))


def parsed(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_a_chart_is_well_formed_svg_with_a_title_and_a_text_alternative() -> None:
    chart = trend_chart("Average caseloads in CSWTs, Kent", CASELOADS, lines=[TARGET], chart_id="st04")
    root = parsed(chart.svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "st04-title st04-desc"
    assert root.findtext(f"{SVG}title") == "Average caseloads in CSWTs, Kent"
    assert root.findtext(f"{SVG}desc") == chart.description
    assert chart.description == (
        "Average caseloads in CSWTs, Kent: 4 results from Mar 17 (22.0) to Jun 17 (24.6); "
        "lowest 22.0 (Mar 17), highest 24.6 (Jun 17)."
    )


def test_rag_is_shown_by_shape_as_well_as_colour() -> None:
    root = parsed(trend_chart("Caseloads", CASELOADS).svg)
    fills = {"#f47738": "path", "#d4351c": "rect"}
    for colour, shape in fills.items():
        drawn = [e for e in root.iter() if e.get("fill") == colour]
        assert drawn and all(e.tag == f"{SVG}{shape}" for e in drawn)
    squares = [e for e in root.iter(f"{SVG}rect") if e.get("fill") == "#d4351c"]
    assert len(squares) == 3 + 1  # three red results and the legend's key


def test_every_value_is_labelled_and_the_legend_names_what_is_drawn() -> None:
    root = parsed(trend_chart("Caseloads", CASELOADS, lines=[TARGET]).svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"22.0", "23.4", "23.8", "24.6", "Mar 17", "Jun 17"} <= set(texts)
    assert {"Result", "Amber", "Red", "Target"} <= set(texts)
    assert "Green" not in texts


def test_a_target_that_changes_is_drawn_as_a_step() -> None:
    stepped = Line("Target", ((0, 74.0), (12, 78.0), (15, 78.0)))
    root = parsed(trend_chart("Take-up", [Point(0, 74, "Mar 16", "74.0"), Point(15, 65.3, "Jun 17", "65.3")],
                              lines=[stepped]).svg)  # fmt: skip
    dashed = next(e for e in root.iter(f"{SVG}polyline") if e.get("stroke-dasharray") == "6 4")
    corners = dashed.get("points", "").split()
    assert len(corners) == 4 and corners[1].split(",")[1] == corners[0].split(",")[1]


def test_later_targets_are_marked_and_named_in_the_description() -> None:
    chart = trend_chart("Schools", CASELOADS, marks=[Mark(24230, 95, "2018-19 target: 95%")])
    assert "2018-19 target: 95%" in [t.text for t in parsed(chart.svg).iter(f"{SVG}text")]
    assert chart.description.endswith("Later targets: 2018-19 target: 95%.")


def test_text_in_a_chart_is_escaped() -> None:
    chart = trend_chart('Cases <closed> & "re-opened"', [Point(0, 1, "A&B", "1")], chart_id='x"y')
    root = parsed(chart.svg)
    assert root.findtext(f"{SVG}title") == 'Cases <closed> & "re-opened"'


def test_a_chart_without_results_says_so() -> None:
    assert describe("Caseloads", []) == "Caseloads: no results to show."
    assert parsed(trend_chart("Caseloads", []).svg).findtext(f"{SVG}desc") == "Caseloads: no results to show."


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (22.0, 24.6, (22.0, 23.0, 24.0, 25.0)),
        (18.0, 24.6, (18.0, 20.0, 22.0, 24.0, 26.0)),
        (0.0, 371.8, (0.0, 100.0, 200.0, 300.0, 400.0)),
        (5.0, 5.0, (4.5, 5.0, 5.5)),
        (0.5, 2.7, (0.0, 1.0, 2.0, 3.0)),
    ],
)
def test_ticks_are_round_and_cover_the_values(low: float, high: float, ticks: tuple[float, ...]) -> None:
    assert nice_ticks(low, high) == ticks
