"""Benchmark: hostile wildcards cost time linear in the pattern's length (issue 11).

Policy text is untrusted. Patterns such as `*?*?*?...X` and `a*a*a*...b` once made a backtracking regex
(and compare's automaton product) take time exponential in their number of wildcards. Each question the
commands ask of a pattern is timed here on both families, from 10 to 10,000 characters:

- check / grants: does an Action entry `s3:<family>` take each of 200 action names? (`action_test`)
- simulate: does a Resource entry `arn:aws:s3:::<family>` match an ARN just as long that it misses?
  (`PatternSet`, the simulator's compiled matcher, built and asked once)
- compare: containment of the family in itself with one wildcard less (covered: the full walk), the
  reverse (not covered: a shortest counterexample) and overlap (`containment`, `overlaps`).

Each time is CPU seconds (the minimum of a few runs, caches cleared before each), printed as a table with
the growth exponent fitted on lengths >= 100 (log time against log length; 1 is linear, 2 quadratic).
Targets: every fitted exponent under 1.3 (linear, with room for a noisy machine), and every question on a
10,000-character pattern under 5 s.

Run: `.venv/bin/python bench/wildcard_bench.py` (or `make bench`). Exit status 1 when a target is missed.
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections.abc import Callable

from iamkb.core import patterns
from iamkb.core.patterns import PatternSet, action_pattern, action_test, compile_pattern, containment, overlaps

LENGTHS = (10, 30, 100, 300, 1000, 3000, 10_000)
TARGET_EXPONENT, TARGET_SECONDS = 1.3, 5.0
NAMES = [f"s3:{verb}{noun}" for verb in ("get", "put", "list", "delete") for noun in range(50)]  # 200 names


def family(kind: str, length: int) -> str:
    """A hostile pattern body of about `length` characters."""
    if kind == "*?":
        return "*?" * (length // 2) + "X"
    return "a*" * (length // 2) + "b"


def shorter(kind: str, length: int) -> str:
    """The same family with one wildcard pair less (it includes `family(kind, length)`)."""
    return family(kind, length - 2)


def _clear() -> None:
    for cached in (
        patterns.compile_pattern,
        patterns.compile_alternatives,
        patterns._action_test,
        patterns._containment,
        patterns.overlaps,
    ):
        cached.cache_clear()
    re.purge()  # the regex module's own cache of compiled patterns


def cpu(question: Callable[[], object], repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        _clear()
        started = time.process_time()
        question()
        best = min(best, time.process_time() - started)
    return best


def questions(kind: str, length: int) -> dict[str, Callable[[], object]]:
    body, fewer = family(kind, length), shorter(kind, length)
    miss = "arn:aws:s3:::" + "a" * len(body)  # never ends in X or b: each matcher must give up

    def check():
        test = action_test("s3:" + body)
        return [test(name) for name in NAMES]

    def simulate():
        return PatternSet([compile_pattern("arn:aws:s3:::" + body)]).matches(miss)

    def covered():
        answer = containment(action_pattern("s3:" + body), [action_pattern("s3:" + fewer)])
        assert answer.covered is True, answer
        return answer

    def uncovered():
        answer = containment(compile_pattern("arn:aws:s3:::" + fewer), [compile_pattern("arn:aws:s3:::" + body)])
        assert answer.covered is False, answer
        return answer

    def overlap():
        assert overlaps(compile_pattern("arn:aws:s3:::" + body), compile_pattern("arn:aws:s3:::" + fewer))

    return {"check": check, "simulate": simulate, "covered": covered, "uncovered": uncovered, "overlap": overlap}


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(length)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    missed = []
    for kind in ("*?", "a*"):
        names = list(questions(kind, 10))
        print(f"family {family(kind, 10)}...  (CPU seconds)")
        print(f"{'length':>8} " + " ".join(f"{name:>10}" for name in names))
        table: dict[str, list[tuple[int, float]]] = {name: [] for name in names}
        for length in LENGTHS:
            row = []
            for name, question in questions(kind, length).items():
                seconds = cpu(question, 3 if length <= 1000 else 1)
                table[name].append((length, seconds))
                row.append(seconds)
            print(f"{length:>8} " + " ".join(f"{t:>10.4f}" for t in row), flush=True)
        fitted = {name: exponent([(n, t) for n, t in points if n >= 100]) for name, points in table.items()}
        print(f"{'exponent':>8} " + " ".join(f"{fitted[name]:>10.2f}" for name in names))
        for name in names:
            longest = table[name][-1][1]
            if fitted[name] > TARGET_EXPONENT or longest > TARGET_SECONDS:
                missed.append(f"{name} on {kind}: exponent {fitted[name]:.2f}, {longest:.2f} s at {LENGTHS[-1]}")
        print()
    print(f"targets: exponent < {TARGET_EXPONENT}, < {TARGET_SECONDS} s at {LENGTHS[-1]} characters")
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
