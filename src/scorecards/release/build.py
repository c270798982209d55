"""Compute a release: load → validate → derive → compute → assess.

Each step is its own module; this one only runs them in order, reporting
progress. The outputs write the finished release (`scorecards.outputs`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from scorecards.assess.by_result import assessments_by_result
from scorecards.assess.equality_model import EqualityReport
from scorecards.assess.tables import build_pages
from scorecards.figures.derive import derive
from scorecards.figures.results import all_results
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework
from scorecards.periods import Month
from scorecards.release.commentary import read_commentary
from scorecards.release.model import Release, release_name

Progress = Callable[[str], None]  # a step, or a line starting WARNING to keep on screen
WARNING = "Warning: "


def compute_release(
    framework_path: Path,
    values_paths: Sequence[Path],
    data_month: Month,
    progress: Progress = lambda s: None,
    warehouse: Path | None = None,
    commentary: Path | None = None,
) -> Release:
    progress("Loading the framework")
    framework = load_framework(framework_path)
    progress("Reading commentary")
    # Before the values, which take longer: a bad commentary file fails fast.
    written = read_commentary(commentary, framework) if commentary is not None else ()
    con = open_store(framework)
    progress("Validating values")
    inputs = load_values(con, values_paths)
    warnings: list[str] = []
    if warehouse is not None:
        warnings += compute_from_records(con, framework, data_month, warehouse, progress)
    progress("Computing results")
    derive(con, framework)
    results = all_results(con, framework, data_month)
    equality = equality_report(con, framework, progress) if warehouse is not None else None
    con.close()
    progress("Assessing")
    pages = build_pages(framework, results, data_month)
    return Release(
        name=release_name(data_month),
        data_month=data_month,
        built_at=build_time(),
        framework=framework,
        pages=tuple(pages),
        results=results,
        assessments=assessments_by_result(framework, pages, results),
        inputs=tuple(inputs),
        equality=equality,
        warnings=tuple(warnings),
        commentary=written,
    )


def compute_from_records(
    con: duckdb.DuckDBPyConnection,
    framework: Framework,
    data_month: Month,
    warehouse: Path,
    progress: Progress,
) -> list[str]:
    """Computed indicators from the warehouse, their gaps, then disclosure control;
    return a warning for each indicator with records it could count nowhere."""
    from scorecards.compute.engine import attach_warehouse, compute_indicators
    from scorecards.figures.disclosure import suppress
    from scorecards.figures.gaps import add_gaps

    attach_warehouse(con, warehouse)
    warnings = [
        str(unplaced) for unplaced in compute_indicators(con, framework, data_month, progress=progress)
    ]
    for warning in warnings:
        progress(f"{WARNING}{warning}")
    add_gaps(con, framework)
    progress("Disclosure control")
    suppress(con, framework)
    return warnings


def equality_report(
    con: duckdb.DuckDBPyConnection, framework: Framework, progress: Progress
) -> EqualityReport | None:
    """The annual equality report, when the framework has an `equality.yaml`."""
    from scorecards.assess.equality_report import build_equality_report
    from scorecards.release.narrative.equality import with_paragraphs

    progress("Equality report")
    report = build_equality_report(con, framework)
    equality = framework.equality
    return with_paragraphs(report, equality) if report is not None and equality is not None else None


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that a rebuild is byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)
