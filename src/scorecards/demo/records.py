"""`scorecards demo --from-records`: the whole path on the synthetic county.

Generate the fictional county's statutory returns and records, load them
(and the bundled national figures) into a warehouse, compute every
indicator for every geography, group and month, apply disclosure control,
assess and publish the release. The generated files and the warehouse are
kept beside the release (`<out>.records/`) for anyone who wants to look.
"""

from __future__ import annotations

import json
from pathlib import Path

from scorecards.outputs import build_release
from scorecards.periods import Month
from scorecards.release.build import Progress
from scorecards.synthetic.generate import generate
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_kinds
from scorecards.warehouse.views import prepare_shared_tables

RECORDS = Path(__file__).parent.parent / "examples" / "records"
DATA_MONTH = Month(2017, 6)
SEED = 1


def records_framework() -> Path:
    return RECORDS / "framework"


def national_files() -> list[Path]:
    return sorted(p for p in (RECORDS / "national").iterdir() if p.suffix in (".csv", ".parquet"))


def build_records_demo(
    out: Path,
    progress: Progress = lambda step: None,
    without: frozenset[str] = frozenset(),
    commentary: Path | None = None,
) -> Path:
    work = out.with_name(f"{out.name}.records")
    inputs, warehouse = work / "input", work / "warehouse.duckdb"
    if not (inputs / "MANIFEST.json").is_file():
        progress("Generating the synthetic county")
        generate(inputs, "county", SEED, DATA_MONTH, progress)
    load_everything(inputs, warehouse, progress)
    return build_release(records_framework(), [], DATA_MONTH, out, progress, warehouse, without, commentary)


def load_everything(inputs: Path, warehouse: Path, progress: Progress) -> list[LoadReport]:
    """Load every generated file by its kind, and the national figures, the kinds two
    at a time; files already in the warehouse (same checksum) are skipped, so this
    is re-runnable."""
    prepare_shared_tables(warehouse)
    kinds = [(loader_for(kind), paths) for kind, paths in files_by_kind(inputs).items()]
    return load_kinds(warehouse, kinds, progress)


def files_by_kind(inputs: Path) -> dict[str, list[Path]]:
    """Every file to load, by kind: those the generator wrote, then the bundled national figures."""
    manifest = json.loads((inputs / "MANIFEST.json").read_text(encoding="utf-8"))
    generated = {kind: [inputs / f for f in files] for kind, files in manifest["load"].items() if files}
    return {**generated, "national": national_files()}
