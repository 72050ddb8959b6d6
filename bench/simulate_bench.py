"""Benchmark for `iamkb.simulate`: 100,000 decisions over a Ground Truth execution-role policy.

The batch is a 10,000-request pattern repeated ten times: S3 reads and writes on the input,
output and unrelated buckets, and iam:PassRole with iam:PassedToService set to SageMaker, to
EC2, or missing. It is timed twice in one process: without explanations (target 200,000
decisions per second) and with them (target 20,000). The verdict uses CPU time
(time.process_time) because the machines we share run other jobs; wall time is printed too.
The answers are checked against the expected decision of each request kind, so a fast wrong
evaluator fails here too.

Run: `.venv/bin/python bench/simulate_bench.py` (or through `make bench`, via main()).
Exit status 1 when a target is missed or an answer is wrong.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time

from iamkb.simulate import ALLOWED, IMPLICITLY_DENIED, Policies, Request, evaluate

ACCOUNT = "111122223333"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/GroundTruthExecution"
TARGET_FAST, TARGET_EXPLAINED = 200_000, 20_000
PATTERN_SIZE, REPEAT = 10_000, 10

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
    args = parser.parse_args(argv)
    base = pattern()
    records = [r for r, _ in base] * args.repeat
    expected = [e for _, e in base] * args.repeat

    start = time.perf_counter()
    policies = Policies(identity=[EXECUTION_ROLE_POLICY])
    requests = build(records)
    setup = time.perf_counter() - start

    ok = True
    print(f"simulate: {len(requests):,} requests (10,000-request pattern x {args.repeat}), one process")
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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
