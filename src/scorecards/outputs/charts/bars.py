"""A horizontal bar chart, laid out on the server as plain numbers for an SVG
template: no script, no inline style. Bars carry their RAG as a class (for
colour) and their label and value as text, and the page shows the same
figures in a table, so the chart is never the only way to read them."""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 210
BAR_AREA = 380
VALUE_WIDTH = 110
BAR_HEIGHT = 22
GAP = 8
TOP = 10
AXIS_SPACE = 30


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str
    rag: str = ""


@dataclass(frozen=True)
class DrawnBar:
    label: str
    text: str
    rag: str
    x: float
    y: float
    width: float
    label_y: float

    @property
    def value_x(self) -> float:
        return round(self.x + self.width + 6, 1)


@dataclass(frozen=True)
class Reference:
    label: str
    x: float
    kind: str  # "county" or "target"
    label_y: float = 0.0


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: tuple[DrawnBar, ...]
    lines: tuple[Reference, ...]  # vertical lines: the county, the target
    baseline: float
    plot_bottom: float
    bar_height: int = BAR_HEIGHT
    label_x: int = LABEL_WIDTH - 8


def bar_chart(bars: list[Bar], references: dict[str, tuple[str, float | None]]) -> BarChart | None:
    """Lay out `bars`; `references` are vertical lines, e.g. {"county": ("Kent 22.2%", 22.2)}."""
    values = [b.value for b in bars if b.value is not None]
    values += [v for _, v in references.values() if v is not None]
    if not values:
        return None
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0

    def x_of(value: float) -> float:
        return round(LABEL_WIDTH + (value - low) / span * BAR_AREA, 1)

    baseline = x_of(0.0)
    drawn = []
    for n, bar in enumerate(bars):
        y = TOP + n * (BAR_HEIGHT + GAP)
        end = x_of(bar.value) if bar.value is not None else baseline
        drawn.append(
            DrawnBar(bar.label, bar.text, bar.rag.lower(), min(baseline, end), y, abs(end - baseline), y + 15)
        )
    bottom = TOP + len(bars) * (BAR_HEIGHT + GAP)
    shown = [(kind, label, v) for kind, (label, v) in references.items() if v is not None]
    lines = tuple(
        Reference(label, x_of(v), kind, bottom + 18 + n * AXIS_SPACE)
        for n, (kind, label, v) in enumerate(shown)
    )
    return BarChart(
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=bottom + AXIS_SPACE * max(1, len(lines)),
        bars=tuple(drawn),
        lines=lines,
        baseline=baseline,
        plot_bottom=bottom,
    )
