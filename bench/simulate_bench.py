"""Benchmark for `iamkb.simulate`: decisions over a Ground Truth execution-role policy, in process and as a
whole `iamkb simulate` process against PMapper.

The batch is a 10,000-request pattern repeated: S3 reads and writes on the input, output and unrelated
buckets, and iam:PassRole with iam:PassedToService set to SageMaker, to EC2, or missing.

1. In one process, 100,000 decisions are timed without explanations (target 200,000 decisions per CPU
   second) and with them (target 20,000).
2. Whole process: scenario files of 10,000, 100,000 and 1,000,000 requests (the 100,000 one is about
   20 MB) are written to a temporary folder, and `iamkb simulate --scenario FILE --format jsonl` runs
   on each as a child process writing to a file: parse, evaluate, write. The same 100,000 requests go
   through PMapper (principalmapper, the open evaluator; `bench/pmapper_adapter.py` says exactly what
   its process does) as a child process too; at that size each side runs twice and its faster run
   counts. Targets: iamkb's whole-process rate at least twice PMapper's (TARGET_RATIO), and memory flat
   as the batch grows (peak RSS at 1,000,000 requests at most MAX_RSS_GROWTH times the peak at 10,000).

Verdicts use CPU time (time.process_time in process; the child's user + system time), because the
machines we share run other jobs; wall time is printed too. Children run under GNU time (/usr/bin/time)
for their peak RSS and CPU time when it is installed, else their rusage comes from os.wait4. Every
answer is checked against the expected decision of its request kind (PMapper's by allowed or not, the
only answer it gives), so a fast wrong evaluator fails here too. Children run with bytecode cached in
the temporary folder and a warm-up run first, so neither side pays for compiling.

Run: `.venv/bin/python bench/simulate_bench.py [--sizes 10000,100000,1000000]` (or through `make bench`,
via main()). PMapper comes with the bench extra (`pip install -e '.[bench]'`; `make bench` installs it);
without it the comparison is reported as not measured and fails. Exit status 1 when a target is missed
or an answer is wrong.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iamkb.simulate import ALLOWED, IMPLICITLY_DENIED, Policies, Request, evaluate

ACCOUNT = "111122223333"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/GroundTruthExecution"
TARGET_FAST, TARGET_EXPLAINED = 200_000, 20_000
TARGET_RATIO = 2.0  # iamkb's whole-process rate over PMapper's, on the same requests
MAX_RSS_GROWTH = 1.5  # peak RSS at the largest batch over the peak at the smallest
PATTERN_SIZE, REPEAT = 10_000, 10
SIZES = (10_000, 100_000, 1_000_000)
COMPARED = 100_000  # the batch size run through PMapper too
ROUNDS = 2  # runs of each side at that size; the one with the least CPU time counts (others share the machine)
HERE = Path(__file__).resolve().parent

EXECUTION_ROLE_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ListBuckets",
            "Effect": "Allow",
            "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
            "Resource": ["arn:aws:s3:::input-bucket", "arn:aws:s3:::output-bucket"],
        },
        {
            "Sid": "ReadWriteObjects",
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:GetObject"],
            "Resource": ["arn:aws:s3:::input-bucket/*", "arn:aws:s3:::output-bucket/*"],
        },
        {
            "Sid": "PassRoleToSageMaker",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "*",
            "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}},
        },
    ],
}

# (action, resource template, context, expected decision); {n} numbers the object keys
KINDS = [
    ("s3:GetObject", "arn:aws:s3:::input-bucket/images/{n}.jpg", {}, ALLOWED),
    ("s3:PutObject", "arn:aws:s3:::output-bucket/labels/{n}.json", {}, ALLOWED),
    ("s3:GetObject", "arn:aws:s3:::other-bucket/{n}.jpg", {}, IMPLICITLY_DENIED),
    ("s3:PutObject", "arn:aws:s3:::input-bucket-copy/{n}", {}, IMPLICITLY_DENIED),
    ("s3:ListBucket", "arn:aws:s3:::input-bucket", {}, ALLOWED),
    ("s3:ListBucket", "arn:aws:s3:::other-bucket", {}, IMPLICITLY_DENIED),
    ("s3:DeleteObject", "arn:aws:s3:::input-bucket/{n}.jpg", {}, IMPLICITLY_DENIED),
    (
        "iam:PassRole",
        f"arn:aws:iam::{ACCOUNT}:role/Worker{{n}}",
        {"iam:PassedToService": "sagemaker.amazonaws.com"},
        ALLOWED,
    ),
    (
        "iam:PassRole",
        f"arn:aws:iam::{ACCOUNT}:role/Worker{{n}}",
        {"iam:PassedToService": "ec2.amazonaws.com"},
        IMPLICITLY_DENIED,
    ),
    ("iam:PassRole", f"arn:aws:iam::{ACCOUNT}:role/Worker{{n}}", {}, IMPLICITLY_DENIED),
]


def pattern() -> list[tuple[dict, str]]:
    """The 10,000 request records (as a scenario file would hold them) with expected decisions."""
    records = []
    for n, (action, resource, context, expected) in zip(range(PATTERN_SIZE), itertools.cycle(KINDS)):
        record = {"principal": ROLE, "action": action, "resource": resource.format(n=n), "context": context}
        records.append((record, expected))
    return records


def build(records) -> list[Request]:
    return [Request(r["action"], r["resource"], principal=r["principal"], context=r["context"]) for r in records]


def timed(policies: Policies, requests: list[Request], explain: bool) -> tuple[float, float, list[str]]:
    """(CPU seconds, wall seconds, decisions) for one pass over the batch."""
    wall, cpu = time.perf_counter(), time.process_time()
    decisions = [evaluate(policies, r, explain).decision for r in requests]
    return time.process_time() - cpu, time.perf_counter() - wall, decisions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT, help="times the 10,000-request pattern repeats")
    parser.add_argument(
        "--sizes",
        default=",".join(str(n) for n in SIZES),
        help=f"whole-process batch sizes, comma-separated (PMapper runs the {COMPARED:,} one; default: %(default)s)",
    )
    args = parser.parse_args(argv)
    ok = in_process(args.repeat)
    sizes = sorted(int(n) for n in args.sizes.split(","))
    return 0 if whole_process(sizes) and ok else 1


def in_process(repeat: int) -> bool:
    base = pattern()
    records = [r for r, _ in base] * repeat
    expected = [e for _, e in base] * repeat

    start = time.perf_counter()
    policies = Policies(identity=[EXECUTION_ROLE_POLICY])
    requests = build(records)
    setup = time.perf_counter() - start

    ok = True
    print(f"simulate: {len(requests):,} requests (10,000-request pattern x {repeat}), one process")
    print(f"  compile policy + build requests: {setup:.3f} s ({len(requests) / setup:,.0f} requests/s)")
    for explain, target in ((False, TARGET_FAST), (True, TARGET_EXPLAINED)):
        cpu, wall, decisions = timed(policies, requests, explain)
        rate = len(requests) / cpu
        wrong = sum(d != e for d, e in zip(decisions, expected, strict=True))
        status = "ok" if rate >= target and not wrong else "FAIL"
        ok = ok and status == "ok"
        label = "with explanations" if explain else "without explanations"
        print(
            f"  {label:<22} {rate:>10,.0f} decisions per CPU second ({cpu:.3f} s CPU, {wall:.3f} s wall, "
            f"{len(requests) / wall:,.0f}/s wall)  target {target:,}  wrong answers: {wrong}  {status}"
        )
    return ok


# --- whole process ------------------------------------------------------------------------------------


TIME = Path("/usr/bin/time")  # GNU time: reports a child's peak RSS without counting ours


class Run:
    """One child process: its CPU seconds (user + system), wall seconds, peak RSS and exit status.

    A child's ru_maxrss counts the memory of the process it was forked from, until it execs (the kernel
    keeps the larger peak), so measured from here it would include this benchmark's own 100,000 requests.
    GNU time, a small C program, forks the child instead; without it the figure is os.wait4's, flagged.
    """

    exact_rss = TIME.exists()

    def __init__(self, argv: list[str], output: Path, env: dict[str, str]):
        report = output.with_suffix(".time")
        if self.exact_rss:
            argv = [str(TIME), "-f", "%e %U %S %M", "-o", str(report), *argv]
        started = time.perf_counter()
        with output.open("wb") as out:
            child = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, env=env)
            assert child.stderr is not None
            self.stderr = child.stderr.read().decode("utf-8", "replace")
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, for its resource usage
        self.wall = time.perf_counter() - started
        self.status = child.returncode
        self.cpu = usage.ru_utime + usage.ru_stime
        self.rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        if self.exact_rss and self.status == 0:
            _, user, system, rss_kb = report.read_text().split()[-4:]
            self.cpu, self.rss_mb = float(user) + float(system), int(rss_kb) / 1024
        report.unlink(missing_ok=True)


def best(runs) -> Run:
    """The run that took the least CPU time (a failed run, if any: it is reported)."""
    done = list(runs)
    failed = [run for run in done if run.status != 0]
    return failed[0] if failed else min(done, key=lambda run: run.cpu)


def write_scenario(path: Path, size: int) -> list[str]:
    """A scenario of `size` requests (the pattern, repeated and cut), written as it goes; the expected decisions."""
    base = pattern()
    expected = []
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '{\n "policies": ' + json.dumps({"identity": [EXECUTION_ROLE_POLICY]}, indent=1) + ',\n "requests": ['
        )
        for n in range(size):
            record, decision = base[n % len(base)]
            out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(record, indent=1).replace("\n", "\n  "))
            expected.append(str(decision))
        out.write("\n ]\n}\n")
    return expected


def wrong_answers(output: Path, expected: list[str], allowed_only: bool) -> int | str:
    """How many decisions differ from the expected ones (or why the output cannot be read)."""
    wrong = count = 0
    with output.open(encoding="utf-8") as lines:
        for line in lines:
            count += 1
            record = json.loads(line)
            want = expected[record["index"]]
            got = record["decision"]
            wrong += (got == "Allowed") != (want == "Allowed") if allowed_only else got != want
    return wrong if count == len(expected) else f"{count:,} lines for {len(expected):,} requests"


def whole_process(sizes: list[int]) -> bool:
    print(f"\nsimulate: whole process (parse + evaluate + write), batches of {', '.join(f'{n:,}' for n in sizes)}")
    pmapper = _pmapper_installed()
    ok = True
    with tempfile.TemporaryDirectory(prefix="iamkb-bench-") as folder:
        tmp = Path(folder)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")}
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")  # compiled once, in the warm-up, outside the checkout
        iamkb = [sys.executable, "-m", "iamkb", "simulate", "--format", "jsonl", "--scenario"]
        adapter = [sys.executable, str(HERE / "pmapper_adapter.py")]
        warm = tmp / "warm-up.json"
        write_scenario(warm, 100)
        Run(iamkb + [str(warm)], tmp / "warm-up.out", env)
        if pmapper:
            Run(adapter + [str(warm)], tmp / "warm-up.out", env)
        runs: dict[int, Run] = {}
        compared: Run | None = None
        for size in sizes:
            scenario = tmp / f"scenario-{size}.json"
            expected = write_scenario(scenario, size)
            megabytes = scenario.stat().st_size / 1e6
            output = tmp / f"iamkb-{size}.jsonl"
            rounds = ROUNDS if size == COMPARED and pmapper else 1
            run = runs[size] = best(Run(iamkb + [str(scenario)], output, env) for _ in range(rounds))
            ok = _report(f"iamkb  {size:>9,} requests ({megabytes:,.0f} MB)", run, size, output, expected, False) and ok
            if size == COMPARED and pmapper:
                output = tmp / f"pmapper-{size}.jsonl"
                compared = best(Run(adapter + [str(scenario)], output, env) for _ in range(rounds))
                ok = (
                    _report(f"PMapper{size:>9,} requests ({megabytes:,.0f} MB)", compared, size, output, expected, True)
                    and ok
                )
            scenario.unlink()
            output.unlink(missing_ok=True)
    if COMPARED in runs and compared is not None:
        ours, theirs = COMPARED / runs[COMPARED].cpu, COMPARED / compared.cpu
        ratio, wall_ratio = ours / theirs, compared.wall / runs[COMPARED].wall
        status = "ok" if ratio >= TARGET_RATIO else "FAIL"
        ok = ok and status == "ok"
        print(
            f"  iamkb / PMapper, {COMPARED:,} requests: {ratio:.1f}x per CPU second ({ours:,.0f} vs {theirs:,.0f} "
            f"decisions/s), {wall_ratio:.1f}x wall  target {TARGET_RATIO:.1f}x  {status}"
        )
    elif COMPARED in runs:
        ok = False
        print("  iamkb / PMapper: not measured, principalmapper is not installed (pip install -e '.[bench]')  FAIL")
    if len(runs) > 1:
        small, large = runs[sizes[0]], runs[sizes[-1]]
        growth = large.rss_mb / small.rss_mb
        status = "ok" if growth <= MAX_RSS_GROWTH else "FAIL"
        ok = ok and status == "ok"
        curve = ", ".join(f"{size:,}: {run.rss_mb:.0f} MB" for size, run in runs.items())
        how = "GNU time" if Run.exact_rss else "os.wait4, which counts this process's memory at fork too"
        print(f"  peak RSS by batch size ({how}): {curve}  ({growth:.2f}x; target at most {MAX_RSS_GROWTH}x)  {status}")
    return ok


def _report(label: str, run: Run, size: int, output: Path, expected: list[str], allowed_only: bool) -> bool:
    if run.status != 0:
        print(f"  {label}: exit status {run.status}  FAIL\n{run.stderr}")
        return False
    wrong = wrong_answers(output, expected, allowed_only)
    status = "ok" if wrong == 0 else "FAIL"
    print(
        f"  {label}: {size / run.cpu:>9,.0f} decisions per CPU second ({run.cpu:.2f} s CPU, {run.wall:.2f} s wall, "
        f"{size / run.wall:,.0f}/s wall), peak RSS {run.rss_mb:.0f} MB  wrong answers: {wrong}  {status}"
    )
    return status == "ok"


def _pmapper_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("principalmapper") is not None


if __name__ == "__main__":
    sys.exit(main())
