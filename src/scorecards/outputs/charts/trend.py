"""Charts as static SVG: the same markup in the committee paper and on the web.

Hand-written SVG, no plotting library: a trend line of results, each
point's RAG shown by shape *and* colour (circle Green, diamond Amber,
square Red, a small dot when not rated), the target as a dashed line, a
projection as a dotted line and later targets as crosses, with a legend.

Every chart carries a `<title>` and a `<desc>`, its text alternative (in a
tagged PDF the title becomes the figure's alternate text); the pages that
show a chart also show its figures as a table. Presentation is in SVG
attributes, not CSS, so the chart looks the same in Typst (the paper) and browsers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from scorecards.assess.rag import Rag

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK, GRID, LINE = "#0b0c0c", "#b1b4b6", "#1d70b8"
RAG_COLOURS = {Rag.GREEN: "#00703c", Rag.AMBER: "#f47738", Rag.RED: "#d4351c"}
LEFT, RIGHT, TOP, BOTTOM = 52.0, 24.0, 30.0, 26.0
DASHES = {"target": "6 4", "projection": "2 3"}


@dataclass(frozen=True)
class Point:
    x: float  # position along the time axis, in months
    value: float
    label: str  # the axis label: "Jun 17", "2015-16"
    text: str  # the value as printed: "24.6"
    rag: Rag | None = None


@dataclass(frozen=True)
class Line:
    name: str  # the legend's words: "Target", "Trend"
    points: tuple[tuple[float, float], ...]
    kind: str = "target"  # "target" (dashed) or "projection" (dotted)


@dataclass(frozen=True)
class Mark:
    x: float
    value: float
    label: str  # "2018-19 target: 95%"


@dataclass(frozen=True)
class Chart:
    title: str
    description: str  # the text alternative
    svg: Markup


@dataclass(frozen=True)
class Frame:
    """Maps values to the drawing: a box of `width` × `height` and the ranges shown in it."""

    width: float
    height: float
    x_range: tuple[float, float]
    ticks: tuple[float, ...]

    def x(self, x: float) -> float:
        low, high = self.x_range
        return LEFT + (x - low) / (high - low) * (self.width - LEFT - RIGHT)

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.height - BOTTOM - (value - low) / (high - low) * (self.height - TOP - BOTTOM)


def trend_chart(
    title: str,
    points: Sequence[Point],
    *,
    lines: Sequence[Line] = (),
    marks: Sequence[Mark] = (),
    chart_id: str = "chart",
    description: str | None = None,
    size: tuple[float, float] = (680.0, 220.0),
) -> Chart:
    """A line chart of `points`, with target or projection `lines` and later-target `marks`."""
    text = description or describe(title, points, marks)
    frame = _frame(points, lines, marks, size)
    parts = [
        _open(frame, chart_id, title, text),
        *_grid(frame),
        *_x_labels(frame, points),
        *(_line(frame, line) for line in lines),
        _series(frame, points),
        *(_marker(frame, p) for p in points),
        *_value_labels(frame, points),
        *(_mark(frame, m) for m in marks),
        *_legend(points, lines, marks),
        "</svg>",
    ]
    return Chart(title, text, Markup("".join(parts)))  # noqa: S704 - every text in it is escaped


def describe(title: str, points: Sequence[Point], marks: Sequence[Mark] = ()) -> str:
    """The chart in words: its span, first and last, lowest and highest, later targets."""
    if not points:
        return f"{title}: no results to show."
    first, last = points[0], points[-1]
    low, high = min(points, key=lambda p: p.value), max(points, key=lambda p: p.value)
    text = (
        f"{title}: {len(points)} results from {first.label} ({first.text}) to {last.label} ({last.text}); "
        f"lowest {low.text} ({low.label}), highest {high.text} ({high.label})."
    )
    if marks:
        text += " Later targets: " + "; ".join(m.label for m in marks) + "."
    return text


def nice_ticks(low: float, high: float, count: int = 5) -> tuple[float, ...]:
    """Round tick values covering `low`..`high`: steps of 1, 2 or 5 times a power of ten."""
    if high == low:
        low, high = low - (abs(low) or 1) * 0.1, high + (abs(high) or 1) * 0.1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    return tuple(round(start + i * step, 10) for i in range(round((end - start) / step) + 1))


def _frame(
    points: Sequence[Point], lines: Sequence[Line], marks: Sequence[Mark], size: tuple[float, float]
) -> Frame:
    xs = [p.x for p in points] + [x for line in lines for x, _ in line.points] + [m.x for m in marks]
    ys = [p.value for p in points] + [y for line in lines for _, y in line.points] + [m.value for m in marks]
    low, high = (min(xs), max(xs)) if xs else (0.0, 1.0)
    pad = max(high - low, 1.0) * 0.04
    return Frame(size[0], size[1], (low - pad, high + pad), nice_ticks(min(ys or [0.0]), max(ys or [1.0])))


def _open(frame: Frame, chart_id: str, title: str, description: str) -> str:
    ident = escape(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width:g} {frame.height:g}" '
        f'width="{frame.width:g}" height="{frame.height:g}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}" font-size="11" fill="{INK}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )


def _grid(frame: Frame) -> list[str]:
    step = frame.ticks[1] - frame.ticks[0] if len(frame.ticks) > 1 else 1.0
    decimals = max(0, min(2, -math.floor(math.log10(step)))) if step < 1 else 0
    parts = []
    for tick in frame.ticks:
        y = frame.y(tick)
        parts.append(
            f'<line x1="{LEFT:g}" x2="{frame.width - RIGHT:g}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="0.75"/>'
            f'<text x="{LEFT - 6:g}" y="{y + 4:.1f}" text-anchor="end">{tick:,.{decimals}f}</text>'
        )
    return parts


def _x_labels(frame: Frame, points: Sequence[Point]) -> list[str]:
    every = max(1, math.ceil(len(points) / 13))
    y = frame.height - 8
    return [
        f'<text x="{frame.x(p.x):.1f}" y="{y:g}" text-anchor="middle">{escape(p.label)}</text>'
        for i, p in enumerate(points)
        if i % every == 0 or i == len(points) - 1
    ]


def _line(frame: Frame, line: Line) -> str:
    """A target holds until the next one (a step); a projection is straight."""
    points = _steps(line.points) if line.kind == "target" else line.points
    coordinates = " ".join(f"{frame.x(x):.1f},{frame.y(y):.1f}" for x, y in points)
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{INK}" stroke-width="1.5" '
        f'stroke-dasharray="{DASHES.get(line.kind, "6 4")}"/>'
    )


def _steps(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    stepped: list[tuple[float, float]] = []
    for x, y in points:
        if stepped and stepped[-1][1] != y:
            stepped.append((x, stepped[-1][1]))
        stepped.append((x, y))
    return stepped


def _series(frame: Frame, points: Sequence[Point]) -> str:
    coordinates = " ".join(f"{frame.x(p.x):.1f},{frame.y(p.value):.1f}" for p in points)
    return f'<polyline points="{coordinates}" fill="none" stroke="{LINE}" stroke-width="2.5"/>'


def _marker(frame: Frame, point: Point) -> str:
    return symbol(point.rag, frame.x(point.x), frame.y(point.value))


def symbol(rag: Rag | None, x: float, y: float) -> str:
    """The marker for a RAG: circle Green, diamond Amber, square Red, dot when not rated."""
    edge = f'stroke="{INK}" stroke-width="0.75"'
    if rag is Rag.GREEN:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{RAG_COLOURS[rag]}" {edge}/>'
    if rag is Rag.AMBER:
        diamond = (
            f"M{x:.1f},{y - 6.5:.1f} L{x + 6.5:.1f},{y:.1f} L{x:.1f},{y + 6.5:.1f} L{x - 6.5:.1f},{y:.1f} Z"
        )
        return f'<path d="{diamond}" fill="{RAG_COLOURS[rag]}" {edge}/>'
    if rag is Rag.RED:
        return (
            f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{RAG_COLOURS[rag]}" {edge}/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{LINE}"/>'


def _value_labels(frame: Frame, points: Sequence[Point]) -> list[str]:
    if len(points) > 13:
        return []
    return [
        f'<text x="{frame.x(p.x):.1f}" y="{frame.y(p.value) - 9:.1f}" text-anchor="middle" '
        f'font-size="10">{escape(p.text)}</text>'
        for p in points
    ]


def _mark(frame: Frame, mark: Mark) -> str:
    x, y = frame.x(mark.x), frame.y(mark.value)
    cross = (
        f"M{x - 5:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 5:.1f} M{x - 5:.1f},{y + 5:.1f} L{x + 5:.1f},{y - 5:.1f}"
    )
    return (
        f'<path d="{cross}" stroke="{INK}" stroke-width="2"/>'
        f'<text x="{x - 8:.1f}" y="{y - 8:.1f}" text-anchor="end" font-size="10">{escape(mark.label)}</text>'
    )


def _legend(points: Sequence[Point], lines: Sequence[Line], marks: Sequence[Mark]) -> list[str]:
    entries: list[tuple[str, str]] = [
        (f'<line x1="0" x2="16" y1="0" y2="0" stroke="{LINE}" stroke-width="2.5"/>', "Result")
    ]
    for rag in Rag:
        if any(p.rag is rag for p in points):
            entries.append((symbol(rag, 8, 0), rag.title()))
    for line in lines:
        dash = DASHES.get(line.kind, "6 4")
        stroke = f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="{dash}"'
        entries.append((f'<line x1="0" x2="16" y1="0" y2="0" {stroke}/>', line.name))
    if marks:
        entries.append(
            (f'<path d="M3,-5 L13,5 M3,5 L13,-5" stroke="{INK}" stroke-width="2"/>', "Later target")
        )
    parts, x = [], LEFT
    for drawing, words in entries:
        parts.append(
            f'<g transform="translate({x:g},12)">{drawing}<text x="22" y="4">{escape(words)}</text></g>'
        )
        x += 30 + 6.2 * len(words)
    return parts
