"""Benchmark for `iamkb job plan`, beside the costs it builds on (reading the job, rendering a snippet).

Each workload is a cold process per run, as a user pays it, on one example job
(tests/job/fixtures/bounding-box.json). The target, a median under 300 ms, holds for the plan with its
checks and simulations (`--no-compare`) and for the default `plan`, which also compares the plan with
the guide's snippets and the AWS managed policies (what users run). `job
requirements` (read the job, fill the table) and `render` (one snippet) show what the floor is.
Timing is done as in check_bench (same helper): median wall and CPU time after a warm-up run.

Run: `.venv/bin/python bench/job_bench.py [--runs N]` (or through `make bench`).
"""

from __future__ import annotations

import argparse
import os
import sys

from check_bench import BIN, ROOT, time_command

JOB = ROOT / "tests" / "job" / "fixtures" / "bounding-box.json"


def workloads() -> list[dict]:
    iamkb = str(BIN / "iamkb")
    return [
        {"name": "job plan --no-compare", "target": 0.300, "command": [iamkb, "job", "plan", str(JOB), "--no-compare"]},
        {"name": "job plan (with comparisons)", "target": 0.300, "command": [iamkb, "job", "plan", str(JOB)]},
        {"name": "job requirements", "target": None, "command": [iamkb, "job", "requirements", str(JOB)]},
        {
            "name": "render built-in-task-types",
            "target": None,
            "command": [iamkb, "render", "built-in-task-types", "--example"],
        },
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default: 15)")
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (on {os.cpu_count()} cores)")
    print(f"{'workload':30} {'runs':>4} {'wall':>8} {'(cpu)':>9} {'target':>9} {'exit':>4}")
    missed = []
    for load in workloads():
        wall, cpu, status = time_command(load["command"], args.runs)
        target = load["target"]
        shown = f"<{target * 1000:.0f} ms" if target else "-"
        print(f"{load['name']:30} {args.runs:>4} {wall * 1000:>5.0f} ms {cpu * 1000:>6.0f} ms {shown:>9} {status:>4}")
        if status != 0 or (target is not None and wall >= target):
            missed.append(load["name"])
    print("wall and cpu are medians over cold processes")
    if missed:
        print(f"target missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
