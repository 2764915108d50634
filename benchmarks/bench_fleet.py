"""Time and memory per phase of a full run over a synthetic fleet.

    python benchmarks/bench_fleet.py [--clusters 200] [--roles 100] [--keys 5]
                                     [--runs 5]

Prints the whole ``rclint check`` process first, run ``--runs`` times (wall
time: median and fastest; CPU time; peak resident memory), then, for each
phase (discover, load, graph, rules, accept, report), the wall time and the peak of
traced Python memory within the phase. The goal for 200 clusters with 100
roles and 5 API keys each: under 5 s and 500 MB. On a shared machine one
run can be a third slower than the next: compare medians.
"""

from __future__ import annotations

import argparse
import datetime
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fleet import generate

T = TypeVar("T")


def phase(name: str, trace: bool, work: Callable[[], T]) -> T:
    """Run one phase, print its time (and traced peak memory) and return its result."""
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - start
    peak = ""
    if trace:
        peak = f"  peak {tracemalloc.get_traced_memory()[1] / 1e6:8.1f} MB"
        tracemalloc.stop()
    print(f"  {name:<9} {elapsed:7.3f} s{peak}")
    return result


def in_process(root: Path, trace: bool) -> None:
    from linter.parsing import gc_paused

    with gc_paused():  # as the CLI runs
        run_phases(root, trace)


def run_phases(root: Path, trace: bool) -> None:
    from linter import config, graph, host, loading, workspace
    from linter.policy import apply_policy
    from linter.reporters import ReportOptions, report
    from linter.suppressions_stage import AcceptanceOptions, accept

    settings = config.load_config([str(root)])
    rules = host.select_rules(host.load_rules(), settings)
    found = phase("discover", trace, lambda: workspace.find_clusters([str(root)]))
    directories = found.directories
    loaded = phase(
        "load", trace, lambda: [loading.load_cluster(d) for d in directories]
    )
    built = phase(
        "graph", trace, lambda: graph.build_graph(loaded, settings, found.problems)
    )
    findings = phase("rules", trace, lambda: host.run_rules(built, rules, settings))
    options = AcceptanceOptions(datetime.date.today())
    findings = phase(
        "accept",
        trace,
        lambda: accept(
            built, apply_policy(findings, settings), settings, rules, rules, options
        ),
    )
    options = ReportOptions(io.StringIO(), built.sources, built.secrets)
    phase("report", trace, lambda: report("json", options, findings))
    print(f"  findings  {len(findings)}")


def whole_process(root: Path, runs: int) -> None:
    command = [sys.executable, "-m", "linter", "check", str(root), "-q"]
    command += ["--output-format", "json", "--exit-zero"]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"  rclint check, {runs} runs: wall median {statistics.median(walls):.2f} s"
        f" (fastest {min(walls):.2f} s), CPU median {statistics.median(cpus):.2f} s,"
        f" peak RSS {peak_kb / 1024:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--roles", type=int, default=100)
    parser.add_argument("--keys", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        generate(root, args.clusters, args.roles, args.keys)
        files = sum(1 for path in root.rglob("*") if path.is_file())
        size = sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
        print(
            f"fleet: {args.clusters} clusters, {args.roles} roles and {args.keys}"
            f" API keys each; {files} files, {size / 1e6:.1f} MB"
        )
        print("whole process:")
        whole_process(root, args.runs)
        print("phases (in process):")
        in_process(root, trace=False)
        print("phases with tracemalloc (slower; memory per phase):")
        in_process(root, trace=True)


if __name__ == "__main__":
    main()
