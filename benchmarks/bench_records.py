"""Benchmark: record-level data, from files to every indicator (issue 3).

Targets: the synthetic county loaded and every indicator computed for
every geography, breakdown and month in under 10 s on the 2-core machine;
the national-scale population in under 5 minutes and under 8 GB of peak
memory.

Generates the population (in a child process: generation is not part of
the target, and its memory is not counted) or reuses one already in
`BENCH_OUT`, then, timed separately:

- loading every kind at once into a fresh warehouse, as `scorecards demo
  --from-records` does, and again without the school census, which no
  indicator reads yet (totals are given with and without it); and, with
  `BENCH_LOADS=alone`, each kind alone, one line per kind;
- computing every indicator (`compute_indicators`), the equality gaps and
  disclosure control, in one build store as `scorecards demo --from-records`
  does;
- the same indicators by the plain pandas reference
  (`tests.compute.reference`), checked against the engine's results,
  and the speed ratio (pandas time ÷ engine time);
- the time to read every warehouse table once (`SELECT sum(hash(t))` per
  table, so every column of every row is read and used), and the compute
  time divided by it: how far the compute is from the I/O limit. The
  warehouse tables are the compute's input, and this is what any engine
  must at least do with them; the raw files' bytes are no limit, since the
  compute never reads them;
- the peak memory of this process (load and compute; taken before the
  pandas reference runs, which is not part of the target).

`--national` (or `BENCH_SCALE=national`) runs the national scale: a
framework is made from the records framework with the generator's
`geographies.yaml` (England, its regions and councils) in place of
Westmarch's. `BENCH_OUT` keeps the generated files (about 11 GB
nationally) and the warehouse between runs; without it a temporary folder
is used and removed. `BENCH_RUNS` repeats load and compute (default 1);
`BENCH_LOADS=alone` also loads each kind alone, one after another, to show
how the time divides (the default for the county; nationally it adds about
seven minutes); `BENCH_REFERENCE=0` skips the pandas reference; nationally it is skipped
unless `BENCH_REFERENCE=1`, as it holds every record of an indicator in a
DataFrame of Python strings and needs more than 20 GB. Record results in
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from scorecards.compute.engine import attach_warehouse, compute_indicators
from scorecards.compute.sql import compile_indicator
from scorecards.demo.records import DATA_MONTH, SEED, files_by_kind, records_framework
from scorecards.figures.disclosure import suppress
from scorecards.figures.gaps import add_gaps
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from scorecards.framework.model import Framework
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files, load_kinds
from scorecards.warehouse.views import prepare_shared_tables
from tests.compute.reference import reference_results

NOT_READ_BY_INDICATORS = "school-census"  # loaded and checked, but no indicator reads it yet
Results = dict[
    tuple[str, str, str, str], tuple[Any, Any, Any]
]  # (indicator, geography, group, period): figures
GENERATE = """
import sys
from pathlib import Path
from scorecards.periods import Month
from scorecards.synthetic.generate import generate
generate(Path(sys.argv[1]), sys.argv[2], seed=int(sys.argv[3]), data_month=Month.parse(sys.argv[4]))
"""


@dataclass
class Run:
    """One load-and-compute run: seconds per step, in order.

    `together` loads every kind at once, as `scorecards demo --from-records`
    does (`loading.load_kinds`); `needed` the same without the kind no
    indicator reads; `load` each kind alone, one after another (how the time
    divides between kinds)."""

    load: dict[str, float] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)
    together: float = 0.0
    needed: float = 0.0


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeMemory:
    """The peak resident memory of this process and its children together (the
    processes reading census files ahead are children: `ru_maxrss` of this
    process misses them), sampled every 50 ms from /proc."""

    def __init__(self) -> None:
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak_mib = max(self.peak_mib, sum(_rss_kib(pid) for pid in _tree(os.getpid())) / 1024)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mib


def _tree(pid: int) -> list[int]:
    found = [pid]
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            found += _tree(int(child))
    return found


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found[1]) if found else 0


def population(root: Path, scale: str) -> Path:
    """The generated population, made in a child process unless already there."""
    inputs = root / scale
    if (inputs / "MANIFEST.json").is_file():
        print(f"reusing the {scale} population in {inputs}")
        return inputs
    print(f"generating the {scale} population into {inputs} …", flush=True)
    command = [sys.executable, "-c", GENERATE, str(inputs), scale, str(SEED), DATA_MONTH.label]
    seconds, _ = timed(lambda: subprocess.run(command, check=True))
    print(f"  generated in {seconds:.1f} s (not part of the target)")
    return inputs


def framework_for(scale: str, inputs: Path, root: Path) -> Path:
    """The records framework; nationally, with the generator's geographies of England."""
    if scale != "national":
        return records_framework()
    folder = root / "national-framework"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(records_framework(), folder)
    shutil.rmtree(folder / "geographies")
    (folder / "geographies").mkdir()
    shutil.copy(inputs / "geographies.yaml", folder / "geographies" / "england.yaml")
    return folder


def fresh(warehouse: Path) -> None:
    for stale in (warehouse, warehouse.with_name(warehouse.name + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(warehouse.parent / f"{warehouse.stem}-quarantine", ignore_errors=True)


def load_alone(inputs: Path, warehouse: Path) -> dict[str, float]:
    """Load every kind, one after another, into a fresh warehouse; seconds per kind."""
    fresh(warehouse)
    seconds = {}
    for kind, paths in files_by_kind(inputs).items():
        start = time.perf_counter()
        report = load_files(warehouse, loader_for(kind), paths)
        seconds[kind] = time.perf_counter() - start
        print(f"  loaded {kind} alone: {len(paths)} files in {seconds[kind]:.2f} s", flush=True)
        check(report)
    return seconds


def load_together(inputs: Path, warehouse: Path, without: str | None = None) -> float:
    """Load every kind (but `without`) at once into a fresh warehouse, as the demo does; seconds."""
    fresh(warehouse)
    kinds = [(loader_for(kind), paths) for kind, paths in files_by_kind(inputs).items() if kind != without]
    start = time.perf_counter()
    prepare_shared_tables(warehouse)
    reports = load_kinds(warehouse, kinds)
    seconds = time.perf_counter() - start
    print(f"  loaded every kind{f' but {without}' if without else ''} at once in {seconds:.2f} s", flush=True)
    for report in reports:
        check(report)
    return seconds


def check(report: LoadReport) -> None:
    failed = [f for f in report.files if f.status == "failed"]
    if failed:
        raise SystemExit(f"{report.kind}: {failed[0].path}: {failed[0].message}")


def build_store(framework: Framework, warehouse: Path) -> duckdb.DuckDBPyConnection:
    con = open_store(framework)
    load_values(con, [])
    attach_warehouse(con, warehouse)
    return con


def compute_all(framework: Framework, warehouse: Path, run: Run) -> Results:
    """Compute, gaps, disclosure, timed; the computed rows before gaps and suppression."""
    con = build_store(framework, warehouse)
    run.steps["compute indicators"], _ = timed(lambda: compute_indicators(con, framework, DATA_MONTH))
    rows = observations(con)
    run.steps["gaps"], _ = timed(lambda: add_gaps(con, framework))
    run.steps["disclosure control"], _ = timed(lambda: suppress(con, framework))
    con.close()
    return rows


def observations(con: duckdb.DuckDBPyConnection) -> Results:
    query = "SELECT indicator, geography, grp, period, value, numerator, denominator FROM observations"
    return {(i, g, grp, p): (v, n, d) for i, g, grp, p, v, n, d in con.execute(query).fetchall()}


def reference(framework: Framework, warehouse: Path, engine: Results) -> float:
    """Seconds the pandas reference takes; exits if its results differ from the engine's."""
    con = build_store(framework, warehouse)
    compute_indicators(con, framework, DATA_MONTH)  # the periods and calendar the reference reads
    seconds, rows = timed(lambda: reference_results(con, framework))
    con.close()
    expected = {(i, g, grp, p): (v, n, d) for i, g, grp, p, v, n, d in rows}
    differ = [key for key in engine.keys() | expected.keys() if not same(engine.get(key), expected.get(key))]
    if differ:
        raise SystemExit(
            f"the engine and the pandas reference differ in {len(differ)} rows, e.g. {differ[:3]}"
        )
    print(f"  the pandas reference agrees with the engine on all {len(engine):,} rows")
    return seconds


def same(a: tuple[Any, Any, Any] | None, b: tuple[Any, Any, Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    values_match = a[0] is None or b[0] is None or math.isclose(a[0], b[0], rel_tol=1e-9)
    return values_match and math.isclose(a[1], b[1]) and (a[2] is None) == (b[2] is None)


def scan(framework: Framework, warehouse: Path) -> tuple[dict[str, float], set[str]]:
    """Seconds to read each warehouse table in full once; and the tables the indicators read."""
    con = build_store(framework, warehouse)
    compute_indicators_tables = read_by_indicators(con, framework)
    tables = [
        t
        for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh'"
        ).fetchall()
    ]
    seconds = {}
    for table in sorted(tables):
        start = time.perf_counter()
        con.execute(f'SELECT sum(hash(t)) FROM wh.main."{table}" t').fetchall()
        seconds[table] = time.perf_counter() - start
    con.close()
    return seconds, compute_indicators_tables


def read_by_indicators(con: duckdb.DuckDBPyConnection, framework: Framework) -> set[str]:
    """The warehouse tables the indicators' queries scan, from their query plans."""
    from scorecards.compute.engine import create_periods

    create_periods(con, DATA_MONTH)
    tables: set[str] = set()
    for indicator in framework.indicators.values():
        if indicator.compute is not None:
            plan = con.execute(f"EXPLAIN (FORMAT json) {compile_indicator(indicator, indicator.compute)}")
            text = "\n".join(str(row[1]) for row in plan.fetchall())
            tables |= set(re.findall(r'"Table": "wh\.main\.(\w+)"', text))
    return tables


def show(scale: str, runs: list[Run], scans: dict[str, float], read: set[str], pandas: float | None,
         peaks: tuple[float, float], rows: int) -> None:  # fmt: skip
    def median(values: list[float]) -> str:
        best = f", best {min(values):.2f} s" if len(values) > 1 else ""
        return f"{statistics.median(values):.2f} s{best}"

    print(f"\n{scale}: {rows:,} computed rows (indicator × geography × group × period)")
    print("load, each kind alone (fresh warehouse):")
    for kind in runs[0].load:
        note = " (no indicator reads it)" if kind == NOT_READ_BY_INDICATORS else ""
        print(f"  {kind:<15} {median([r.load[kind] for r in runs])}{note}")
    print(f"load, every kind at once: {median([r.together for r in runs])}")
    print(f"  but the school census:  {median([r.needed for r in runs])}")
    print("compute:")
    for step in runs[0].steps:
        print(f"  {step:<20} {median([r.steps[step] for r in runs])}")
    every = [r.together + sum(r.steps.values()) for r in runs]
    without = [r.needed + sum(r.steps.values()) for r in runs]
    print(f"load + compute + gaps + disclosure: {median(every)}")
    print(f"  without the school census:        {median(without)}")
    compute = statistics.median([r.steps["compute indicators"] for r in runs])
    all_tables = sum(scans.values())
    read_tables = sum(s for t, s in scans.items() if t in read)
    print(f"scan every warehouse table once ({len(scans)} tables): {all_tables:.2f} s; "
          f"compute ÷ scan = {compute / all_tables:.1f}")  # fmt: skip
    print(f"scan the {len(read)} tables the indicators read: {read_tables:.2f} s; "
          f"compute ÷ scan = {compute / read_tables:.1f}")  # fmt: skip
    if pandas is not None:
        print(f"pandas reference: {pandas:.2f} s; speed ratio (pandas ÷ engine) = {pandas / compute:.1f}")
    else:
        print("pandas reference: not run (BENCH_REFERENCE)")
    print(f"peak memory (load and compute): {peaks[0]:,.0f} MiB this process; "
          f"{peaks[1]:,.0f} MiB with the processes reading files ahead")  # fmt: skip


def main() -> None:
    scale = (
        "national" if "--national" in sys.argv or os.environ.get("BENCH_SCALE") == "national" else "county"
    )
    kept = os.environ.get("BENCH_OUT")
    root = Path(kept or tempfile.mkdtemp(prefix="bench-records-"))
    load_average = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"DuckDB {duckdb.__version__}; load average {load_average}")  # fmt: skip
    try:
        inputs = population(root, scale)
        framework = load_framework(framework_for(scale, inputs, root))
        warehouse = root / f"{scale}-warehouse" / "warehouse.duckdb"
        runs, engine = [], {}
        loads = os.environ.get("BENCH_LOADS", "alone" if scale == "county" else "together")
        memory = TreeMemory()
        for number in range(int(os.environ.get("BENCH_RUNS", "1"))):
            print(f"run {number + 1}: loading and computing …", flush=True)
            run = Run()
            if "alone" in loads:
                run.load = load_alone(inputs, warehouse)
            run.needed = load_together(inputs, warehouse, NOT_READ_BY_INDICATORS)
            run.together = load_together(inputs, warehouse)
            engine = compute_all(framework, warehouse, run)
            runs.append(run)
            print(
                "  " + ", ".join(f"{k} {v:.2f} s" for k, v in {**run.load, **run.steps}.items()), flush=True
            )
        peak, tree_peak = peak_mib(), memory.stop()
        scans, read = scan(framework, warehouse)
        wanted = os.environ.get("BENCH_REFERENCE", "1" if scale == "county" else "0") == "1"
        pandas = reference(framework, warehouse, engine) if wanted else None
        show(scale, runs, scans, read, pandas, (peak, tree_peak), len(engine))
        print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not kept:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
