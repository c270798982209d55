"""Benchmark: `scorecards demo` with the committee paper against `--no-paper`.

Runs both commands as subprocesses, alternately (so a busy moment on a
shared machine falls on both), several times each, each into a new folder
so the paper is typeset anew, and prints the median and best wall time of
each, the ratio of the medians (target: the paper within 3x of
`--no-paper`, and under 6 s on 2 cores), the paper's page count and size,
and the load average before and after. Record results in docs/BENCHMARKS.md.

    .venv/bin/python benchmarks/bench_demo.py      # BENCH_RUNS=5 for more runs
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SCORECARDS = Path(sys.executable).parent / "scorecards"


def demo_wall_time(folder: Path, *options: str) -> float:
    command = [str(SCORECARDS), "demo", "--out", str(folder), *options]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def pdf_pages(pdf: Path) -> str:
    """The page count from poppler's pdfinfo, or "?" without it."""
    try:
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def describe(label: str, times: list[float]) -> str:
    median, best = statistics.median(times), min(times)
    return f"{label:<34} median {median:6.2f} s   best {best:6.2f} s   {times_text(times)}"


def times_text(times: list[float]) -> str:
    return "(" + ", ".join(f"{t:.2f}" for t in times) + ")"


def main() -> None:
    load_before = os.getloadavg()
    with_paper: list[float] = []
    without_paper: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(RUNS):
            without_paper.append(demo_wall_time(Path(tmp) / f"lean{run}", "--no-paper"))
            with_paper.append(demo_wall_time(Path(tmp) / f"full{run}"))
        paper = Path(tmp) / "full0" / "paper.pdf"
        pages, size = pdf_pages(paper), paper.stat().st_size
    load_after = os.getloadavg()
    print(f"date: {date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average (1, 5, 15 min): before {load_before}, after {load_after}")
    print(f"paper.pdf: {pages} pages, {size / 1e6:.2f} MB; {RUNS} runs of each command")
    print(describe("`scorecards demo --no-paper`", without_paper))
    print(describe("`scorecards demo` (with the paper)", with_paper))
    ratio = statistics.median(with_paper) / statistics.median(without_paper)
    print(f"ratio of the medians, with / without the paper: {ratio:.2f}x (target: at most 3x, under 6 s)")


if __name__ == "__main__":
    main()
