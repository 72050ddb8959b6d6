"""`make bench`: run every benchmark in this directory and report which met its targets.

A benchmark is a module `bench/<name>_bench.py` with `main(argv=None) -> int` (0 when its targets
are met). Adding one is adding a file; this runner finds it. Each runs in this process, one after
the other, so their timings do not compete for the machine's two cores.

Run: `.venv/bin/python bench/run.py [NAME ...]` (default: all).
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[str]:
    return sorted(path.stem for path in HERE.glob("*_bench.py"))


def main(argv: list[str] | None = None) -> int:
    names = list(argv if argv is not None else sys.argv[1:]) or benchmarks()
    unknown = sorted(set(names) - set(benchmarks()))
    if unknown:
        print(
            f"bench/run.py: unknown benchmark {', '.join(unknown)}; available: {', '.join(benchmarks())}",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(HERE))
    results = {}
    for name in names:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        results[name] = importlib.import_module(name).main([])
        print(f"== {name}: {'met' if results[name] == 0 else 'MISSED'} ({time.perf_counter() - started:.1f} s)\n")
    failed = [name for name, status in results.items() if status != 0]
    print("all benchmarks met their targets" if not failed else f"targets missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
