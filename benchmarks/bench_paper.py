"""Benchmark: the example county's committee paper (target: under 20 s on 2 cores).

Prints, for several renders of the July 2017 paper, the wall and CPU time of
each stage (contents and HTML, WeasyPrint layout, writing the tagged PDF),
the page count and file size, the wall time of the whole `scorecards paper
RELEASE_DIR` command (start-up, recomputing the release from the inputs kept
in its folder, printing), and the load average of the machine while it ran
(the CPU time is the fairer figure on a shared machine). Record results in
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorecards.demo.county import DATA_MONTH, example_framework, example_values
from scorecards.outputs import json_output
from scorecards.outputs.paper.contents import paper_contents
from scorecards.outputs.paper.render import (
    PDF_VARIANT,
    cached_page_references,
    layout,
    render_html,
    without_garbage_collection,
)
from scorecards.release.build import compute_release
from scorecards.release.snapshot import write_inputs

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


@dataclass
class Timing:
    wall: float
    cpu: float


def timed(action: Callable[[], Any]) -> tuple[Any, Timing]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = action()
    return value, Timing(time.perf_counter() - wall, time.process_time() - cpu)


def render_once(target: Path) -> dict[str, Timing | int]:
    release = compute_release(example_framework(), example_values(), DATA_MONTH)
    html, contents = timed(lambda: render_html(paper_contents(release)))
    with without_garbage_collection():  # as render.write_pdf does
        document, laid_out = timed(lambda: layout(html))

        def write() -> None:
            with cached_page_references():
                document.write_pdf(target, pdf_variant=PDF_VARIANT)

        _, writing = timed(write)
    return {"contents": contents, "layout": laid_out, "write": writing, "pages": len(document.pages)}


def command_wall_time(folder: Path) -> float:
    """`scorecards paper` on a release folder holding the example's inputs."""
    release = compute_release(example_framework(), example_values(), DATA_MONTH)
    write_inputs(release, folder)
    json_output.write(release, folder)
    command = [Path(sys.executable).parent / "scorecards", "paper", str(folder)]
    _, timing = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    return timing.wall


def summary(label: str, timings: list[Timing]) -> str:
    wall = statistics.median(t.wall for t in timings)
    cpu = statistics.median(t.cpu for t in timings)
    return f"  {label:<28} median wall {wall:6.2f} s   CPU {cpu:6.2f} s"


def main() -> None:
    load_before = os.getloadavg()[0]
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "paper.pdf"
        for _ in range(RUNS):
            runs.append(render_once(target))
        size = target.stat().st_size
        command = command_wall_time(Path(tmp) / "release")
    stages = ("contents", "layout", "write")
    totals = [
        Timing(sum(r[s].wall for s in stages), sum(r[s].cpu for s in stages))  # type: ignore[union-attr]
        for r in runs
    ]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"paper: {runs[0]['pages']} pages, {size / 1e6:.1f} MB, {RUNS} renders")
    for stage in stages:
        print(summary(stage, [r[stage] for r in runs]))  # type: ignore[misc]
    print(summary("paper.pdf, all stages", totals))
    print(f"  best total: wall {min(t.wall for t in totals):.2f} s, CPU {min(t.cpu for t in totals):.2f} s")
    print(f"`scorecards paper RELEASE_DIR`, wall time incl. start-up and recomputing: {command:.2f} s")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
