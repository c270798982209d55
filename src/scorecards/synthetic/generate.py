"""`scorecards generate`: write a synthetic population's statutory returns and records.

For each council of the scale, the population is built as tables in an
in-memory DuckDB (`looked_after`, `children_in_need`, `education`) and
written in the formats the loaders read (`ssda903`, `xmlcin`,
`attribution`, `school_census`, `early_help`, the pupil-level CSV). The
county's files go in one folder per kind; a national population has one
sub-folder per council in each, and `geographies.yaml` (England, its regions
and the councils) for a framework to attribute them to. `MANIFEST.json` lists
every file by the `scorecards load` KIND that reads it, with its row count
and the population's headline figures.

The folder is written beside its target and renamed into place when
complete, so a failed run never leaves half a population. The same seed,
scale and data month give byte-identical files.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.periods import Month
from scorecards.synthetic import draws
from scorecards.synthetic.attribution import write_geography_map
from scorecards.synthetic.children_in_need import build_need
from scorecards.synthetic.early_help import write_early_help
from scorecards.synthetic.education import build_pupils, pupils_query
from scorecards.synthetic.files import write_csv
from scorecards.synthetic.looked_after import build_care
from scorecards.synthetic.school_census import write_school_census
from scorecards.synthetic.shape import SCALES, Council, ScaleName, councils, geographies_yaml
from scorecards.synthetic.ssda903 import write_ssda903
from scorecards.synthetic.timeline import Timeline
from scorecards.synthetic.xmlcin import write_cin_census

DEFAULT_MONTH = Month(2017, 6)
FOLDERS = {  # the `scorecards load` KIND → the folder its files are written to
    "ssda903": "ssda903",
    "cin-census": "cin_census",
    "school-census": "school_census",
    "pupils": "pupils",
    "early-help": "early_help",
}
Progress = Callable[[str], None]
NATIONAL_GEOGRAPHIES = "geographies.yaml"  # England, regions and councils, for a national framework


@dataclass
class Written:
    """What the generation wrote: files per kind (in order), rows per file, figures per council."""

    files: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in FOLDERS})
    rows: dict[str, int] = field(default_factory=dict)
    figures: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, kind: str, path: Path, rows: int, root: Path) -> None:
        relative = path.relative_to(root).as_posix()
        self.files[kind].append(relative)
        self.rows[relative] = rows


def generate(
    out: Path,
    scale: str = "county",
    seed: int = 1,
    data_month: Month = DEFAULT_MONTH,
    progress: Progress = lambda step: None,
    threads: int | None = None,
) -> dict[str, Any]:
    """Generate a population into `out`; return its manifest. `threads` caps
    DuckDB's threads (the files never depend on it)."""
    if scale not in SCALES:
        raise ScorecardsError(f"unknown scale {scale!r}: choose one of {', '.join(SCALES)}")
    chosen: ScaleName = scale
    _check_target(out)
    staging = out.with_name(f".{out.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        manifest = _generate(staging, chosen, seed, Timeline(data_month), progress, threads)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _publish(staging, out)
    return manifest


def _generate(staging: Path, scale: ScaleName, seed: int, timeline: Timeline, progress: Progress,
              threads: int | None) -> dict[str, Any]:  # fmt: skip
    written = Written()
    every = councils(scale)
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        draws.install(con, seed)
        for number, council in enumerate(every, start=1):
            progress(f"Generating {council.name} ({number}/{len(every)})")
            nested = council.code if scale == "national" else None
            _council(con, council, timeline, Folders(staging, nested, written))
            written.figures[council.code] = figures(con, timeline)
    finally:
        con.close()
    manifest = _manifest(scale, seed, timeline.data_month, every, written)
    if scale == "national":
        (staging / NATIONAL_GEOGRAPHIES).write_text(geographies_yaml(every), encoding="utf-8")
        manifest["geographies"] = NATIONAL_GEOGRAPHIES
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (staging / "MANIFEST.json").write_text(text, encoding="utf-8")
    return manifest


def _check_target(out: Path) -> None:
    """Refuse to replace a folder that is not an earlier generation."""
    if out.exists() and any(out.iterdir()) and not (out / "MANIFEST.json").is_file():
        raise ScorecardsError(f"{out}: the folder holds files not generated by Scorecards: choose another")


def _publish(staging: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)


@dataclass(frozen=True)
class Folders:
    """Where a council's files go (`kind/`, or `kind/<council>/` nationally), and the record of them."""

    root: Path
    council: str | None
    written: Written

    def folder(self, kind: str) -> Path:
        folder = self.root / FOLDERS[kind] / (self.council or "")
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def path(self, kind: str, name: str) -> Path:
        return self.folder(kind) / name

    def wrote(self, kind: str, path: Path, rows: int) -> None:
        self.written.add(kind, path, rows, self.root)


def _council(con: duckdb.DuckDBPyConnection, council: Council, timeline: Timeline, folders: Folders) -> None:
    """Build one council's population and write its files."""
    build_care(con, council, timeline)
    build_need(con, council, timeline)
    build_pupils(con, council, timeline)
    ssda903 = folders.folder("ssda903")
    for name, rows in write_ssda903(con, council, timeline, ssda903).items():
        folders.wrote("ssda903", ssda903 / name, rows)
    xml = folders.path("cin-census", "cin_census.xml")
    folders.wrote("cin-census", xml, write_cin_census(con, council, timeline, xml))
    mapped = folders.path("cin-census", "geography_map.csv")
    folders.wrote("cin-census", mapped, write_geography_map(con, council, mapped))
    for year in timeline.academic_years:
        pupils = folders.path("pupils", f"pupils_{timeline.year_label(year)}.csv")
        folders.wrote("pupils", pupils, write_csv(con, pupils_query(year), pupils))
    census = folders.folder("school-census")
    for name, rows in write_school_census(con, timeline, census).items():
        folders.wrote("school-census", census / name, rows)
    cases = folders.path("early-help", "early_help.csv")
    folders.wrote("early-help", cases, write_early_help(con, council, timeline, cases))


def figures(con: duckdb.DuckDBPyConnection, timeline: Timeline) -> dict[str, int]:
    """The population's headline figures, for the manifest and the tests."""
    d = timeline.sql_dates()
    year_ago = f"{d['data_end']} - INTERVAL 1 YEAR"
    queries = {
        "referrals_in_last_12_months": f"SELECT count(*) FROM referrals WHERE ref_date > {year_ago}",
        "children_in_need_at_data_month_end": (
            f"SELECT count(DISTINCT child) FROM referrals WHERE closure IS NULL OR closure > {d['data_end']}"
        ),
        "child_protection_plans_at_data_month_end": (
            "SELECT count(*) FROM referrals WHERE cpp_start IS NOT NULL AND cpp_end IS NULL"
        ),
        "children_in_care_at_data_month_end": "SELECT count(*) FROM care_periods WHERE finish IS NULL",
        "uasc_in_care_at_data_month_end": "SELECT count(*) FROM care_periods WHERE finish IS NULL AND uasc",
        "pupils_in_latest_year": (
            "SELECT count(*) FROM pupil_years WHERE year = (SELECT max(year) FROM pupil_years)"
        ),
    }
    result = {}
    for name, query in queries.items():
        row = con.execute(query).fetchone()
        result[name] = int(row[0]) if row else 0
    return result


def _manifest(scale: ScaleName, seed: int, data_month: Month, every: list[Council], written: Written
              ) -> dict[str, Any]:  # fmt: skip
    totals: dict[str, int] = {}
    for values in written.figures.values():
        for name, value in values.items():
            totals[name] = totals.get(name, 0) + value
    return {
        "generator": "scorecards generate",
        "scale": scale,
        "seed": seed,
        "data_month": data_month.label,
        "councils": [
            {
                "code": c.code,
                "name": c.name,
                "la_number": f"{c.la_number:03d}",
                "region": c.region,
                "districts": [d.code for d in c.districts],
                "figures": written.figures[c.code],
            }
            for c in every
        ],
        "totals": totals,
        "load": {kind: files for kind, files in written.files.items()},
        "rows": written.rows,
        "rows_are": "data rows of a CSV file; <Child> elements of a CIN census file",
    }
