"""Benchmark: build the example county's release (target: under 5 s on 2 cores).

Prints the in-process build time (median and best of several runs, every
format written), the stage split, and the wall time of the whole
`scorecards demo` command including Python start-up. Record results in
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scorecards.demo.county import DATA_MONTH, build_demo, example_framework, example_values
from scorecards.release.build import compute_release

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # The release without the committee paper (issue 2's target), then one
        # build with it, as `scorecards demo` does by default.
        without = frozenset({"paper.pdf"})
        builds = [timed(lambda i=i: build_demo(Path(tmp) / f"r{i}", without=without)) for i in range(RUNS)]
        with_paper = timed(lambda: build_demo(Path(tmp) / "with-paper"))
        computes = [
            timed(lambda: compute_release(example_framework(), example_values(), DATA_MONTH))
            for _ in range(RUNS)
        ]
        command = [
            Path(sys.executable).parent / "scorecards",
            "demo",
            "--no-paper",
            "--out",
            str(Path(tmp) / "cli"),
        ]
        wall = timed(lambda: subprocess.run(command, check=True, capture_output=True))
        rows = sum(1 for _ in (Path(tmp) / "r0" / "scorecard.csv").open()) - 1
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"release rows (scorecard.csv): {rows}")
    median, best = statistics.median(builds), min(builds)
    print(f"build release, all formats: median {median:.2f} s, best {best:.2f} s ({RUNS} runs)")
    print(f"  of which load+validate+compute+assess: median {statistics.median(computes):.2f} s")
    print(f"build release with the committee paper (paper.pdf): {with_paper:.2f} s")
    print(f"`scorecards demo --no-paper` command, wall time incl. start-up: {wall:.2f} s")
    print(f"peak memory of this process: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
