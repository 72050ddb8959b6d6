"""Benchmark for `iamkb check`, side by side with parliament on the same files in the same run.

Two workloads, each a cold process per run (what a user or a pre-commit hook pays):
- every knowledge-base policy under snippets/ (targets: median under 150 ms, and at least 4x
  faster than parliament on the same files in the same run);
- the 1,644 AWS managed policies, checked as identity policies with --managed (target: under 5 s).
parliament runs on exactly the same files (`--directory ... --include_policy_extension .json`,
the snippet catalog excluded). Both start as an installed tool does, with Python's bytecode cache
(a PYTHONDONTWRITEBYTECODE in the environment is dropped for the children; the warm-up run writes
the cache), so the numbers are not compile time. The warm-up also fills iamkb's compact catalog
cache in the user's cache folder (`iamkb.core.catalogcache`), as any first run does. Exit status 1
when an iamkb target is missed.

Run: `.venv/bin/python bench/check_bench.py [--runs N] [--workload snippets|managed ...]` (or `make bench`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SNIPPETS = ROOT / "snippets"
CORPUS = Path(
    os.environ.get("IAMKB_MANAGED_CORPUS", ROOT.parent / "shared" / "data" / "aws-managed-policies" / "policies")
)


def workloads() -> list[dict]:
    return [
        {
            "name": "knowledge base (snippets/)",
            "key": "snippets",
            "target": 0.150,
            "min_ratio": 4.0,
            "runs": 15,
            "iamkb": [str(BIN / "iamkb"), "check", str(SNIPPETS)],
            "parliament": [
                str(BIN / "parliament"),
                "--directory",
                str(SNIPPETS),
                "--include_policy_extension",
                ".json",
                "--exclude_pattern",
                r".*catalog\.json",
            ],
            "files": sum(1 for p in SNIPPETS.rglob("*.json") if p.name != "catalog.json"),
        },
        {
            "name": "AWS managed policies",
            "key": "managed",
            "target": 5.0,
            "min_ratio": None,
            "runs": 3,
            "iamkb": [str(BIN / "iamkb"), "check", "--kind", "identity", "--managed", str(CORPUS)],
            "parliament": [str(BIN / "parliament"), "--directory", str(CORPUS), "--include_policy_extension", ".json"],
            "files": sum(1 for _ in CORPUS.glob("*.json")),
        },
    ]


def time_command(command: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall time and median CPU time (user + system) of `runs` cold processes, after one
    warm-up for the file and bytecode caches, and the last exit status. CPU time is printed too
    because on a shared, loaded machine the wall time mostly measures the wait for a core."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once() -> int:
        return subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        ).returncode

    once()
    times, cpu, status = [], [], 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        status = once()
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu), status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="runs per command (default: 15 for snippets, 3 for the corpus)")
    parser.add_argument(
        "--workload",
        action="append",
        choices=["snippets", "managed"],
        help="run only this workload (repeatable; default: both)",
    )
    args = parser.parse_args(argv)
    chosen = [load for load in workloads() if not args.workload or load["key"] in args.workload]
    needed = [SNIPPETS] + ([CORPUS] if any(load["key"] == "managed" for load in chosen) else [])
    missing = [str(p) for p in needed if not p.is_dir()]
    if missing:
        print(f"check_bench: missing input {', '.join(missing)}", file=sys.stderr)
        return 1
    rows, missed = [], []
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (on {os.cpu_count()} cores)")
    for load in chosen:
        runs = args.runs or load["runs"]
        ours, our_cpu, status = time_command(load["iamkb"], runs)
        theirs, their_cpu, _ = time_command(load["parliament"], runs)
        row = dict(
            load,
            runs=runs,
            ours=ours,
            our_cpu=our_cpu,
            theirs=theirs,
            their_cpu=their_cpu,
            ratio=theirs / ours,
            status=status,
        )
        rows.append(row)
        if ours >= load["target"] or (load["min_ratio"] and row["ratio"] < load["min_ratio"]) or status == 2:
            missed.append(load["name"])
    print(
        f"{'workload':28} {'files':>5} {'runs':>4} {'iamkb wall':>11} {'(cpu)':>9} {'parliament wall':>16} "
        f"{'(cpu)':>9} {'ratio':>6} {'target':>9} {'ratio target':>12} {'exit':>4}"
    )
    for row in rows:
        target = "<" + format(row["target"] * 1000, ".0f") + " ms"
        wanted = f">={row['min_ratio']:.1f}x" if row["min_ratio"] else "-"
        print(
            f"{row['name']:28} {row['files']:>5} {row['runs']:>4} {row['ours'] * 1000:>8.0f} ms "
            f"{row['our_cpu'] * 1000:>6.0f} ms {row['theirs'] * 1000:>13.0f} ms {row['their_cpu'] * 1000:>6.0f} ms "
            f"{row['ratio']:>5.1f}x {target:>9} {wanted:>12} {row['status']:>4}"
        )
    print("wall and cpu are medians over cold processes; ratio = parliament wall / iamkb wall")
    if missed:
        print(f"target missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
