"""Benchmark: the example county's committee paper, stage by stage.

Prints, for several renders of the July 2017 paper, each in a new process
(Typst remembers layouts within a process, so a second render in the same
one is not a paper typeset anew), the wall and CPU time of each stage (the
`Paper` view and its JSON data, Typst's layout and PDF), the page count and
file size, and the load average of the machine while it ran (the CPU time
is the fairer figure on a shared machine; Typst lays out page runs on
several threads, so its CPU time can exceed its wall time). For
`scorecards demo` against `--no-paper`, see bench_demo.py. Record results
in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def render_once(target: Path) -> dict[str, float]:
    """One render in this process; the stages' wall and CPU times."""
    from scorecards.demo.county import DATA_MONTH, example_framework, example_values
    from scorecards.outputs.paper.contents import paper_contents
    from scorecards.outputs.paper.render import TEMPLATE, paper_data
    from scorecards.outputs.paper.typeset import typeset
    from scorecards.release.build import compute_release

    release = compute_release(example_framework(), example_values(), DATA_MONTH)
    times: dict[str, float] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    data = paper_data(paper_contents(release))
    times.update(data_wall=time.perf_counter() - wall, data_cpu=time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    times["pages"] = typeset(TEMPLATE, data, target, release.built_at)
    times.update(typeset_wall=time.perf_counter() - wall, typeset_cpu=time.process_time() - cpu)
    return times


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--once":
        print(json.dumps(render_once(Path(sys.argv[2]))))
        return
    load_before = os.getloadavg()[0]
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "paper.pdf"
        for _ in range(RUNS):
            once = [sys.executable, __file__, "--once", str(target)]
            runs.append(json.loads(subprocess.run(once, check=True, capture_output=True, text=True).stdout))
        size = target.stat().st_size
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"paper: {runs[0]['pages']:.0f} pages, {size / 1e6:.2f} MB, {RUNS} renders")
    for stage, label in (("data", "Paper view and JSON data"), ("typeset", "Typst: layout and PDF")):
        wall = statistics.median(r[f"{stage}_wall"] for r in runs)
        cpu = statistics.median(r[f"{stage}_cpu"] for r in runs)
        print(f"  {label:<28} median wall {wall:6.2f} s   CPU {cpu:6.2f} s")


if __name__ == "__main__":
    main()
