"""Benchmark: generate the synthetic county and the national-scale population.

Prints, for each scale: the wall time of the generation, the peak memory of
the process that ran it (each scale runs in its own child process, so the
figures do not mix), the files and rows written and their size on disk.
`BENCH_SCALES` chooses the scales (default `county,national`); the national
run writes about 10 GB, so `BENCH_OUT` can point at a roomy disk.
Record results in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALES = os.environ.get("BENCH_SCALES", "county,national").split(",")
CHILD = """
import sys, time
from pathlib import Path
from scorecards.synthetic.generate import generate
start = time.perf_counter()
generate(Path(sys.argv[1]), sys.argv[2], seed=1)
print(time.perf_counter() - start)
"""


def run(scale: str, out: Path) -> tuple[float, float]:
    """Generate `scale` into `out` in a child process: (seconds, peak MiB of that process)."""
    command = [sys.executable, "-c", CHILD, str(out), scale]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    printed = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"generating {scale} failed")
    return float(printed.strip()), usage.ru_maxrss / 1024


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def report(scale: str, out: Path, seconds: float, peak: float) -> None:
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    councils = len(manifest["councils"])
    print(f"\n{scale}: {councils} council(s), generated in {seconds:.1f} s, peak memory {peak:.0f} MiB")
    for name, value in sorted(manifest["totals"].items()):
        print(f"  {name}: {value:,}")
    for kind, files in manifest["load"].items():
        rows = sum(manifest["rows"][f] for f in files)
        size = sum((out / f).stat().st_size for f in files) / 2**20
        print(f"  {kind}: {len(files)} files, {rows:,} records, {size:,.0f} MiB")
    print(f"  total on disk: {size_mib(out):,.0f} MiB")


def main() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    root = Path(os.environ.get("BENCH_OUT") or tempfile.mkdtemp(prefix="bench-generate-"))
    try:
        for scale in SCALES:
            out = root / scale
            seconds, peak = run(scale, out)
            report(scale, out, seconds, peak)
            shutil.rmtree(out)
    finally:
        if "BENCH_OUT" not in os.environ:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\nbenchmark wall time: {time.perf_counter() - started:.0f} s")
