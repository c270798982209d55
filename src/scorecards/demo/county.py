"""The example county: Kent's July 2017 Release (June 2017 Data), built
from the framework and values transcribed from the seed committee pack."""

from __future__ import annotations

from pathlib import Path

from scorecards.outputs import build_release
from scorecards.periods import Month
from scorecards.release.build import Progress

EXAMPLE = Path(__file__).parent.parent / "examples" / "kent"
DATA_MONTH = Month(2017, 6)


def example_framework() -> Path:
    return EXAMPLE / "framework"


def example_values() -> list[Path]:
    return sorted((EXAMPLE / "values").glob("*.csv"))


def build_demo(
    out: Path,
    progress: Progress = lambda step: None,
    without: frozenset[str] = frozenset(),
    commentary: Path | None = None,
) -> Path:
    return build_release(
        example_framework(),
        example_values(),
        DATA_MONTH,
        out,
        progress,
        without=without,
        commentary=commentary,
    )
