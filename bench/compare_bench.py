"""Benchmark for `iamkb grants` and `iamkb compare` on the largest policies of the catalog.

Targets (CPU seconds, measured in this process with the IAM catalog already loaded once):
- `grants` of every catalog snippet together: under 2 s;
- each comparison below: under 2 s, and the answer must be the expected one (a fast wrong
  comparison fails here too). The self-comparisons of the AWS managed policies are the worst case
  for the wildcard containment test (many `*Name*` patterns and NotResource).

Run: `.venv/bin/python bench/compare_bench.py` (or `make bench`). Exit status 1 when a target is missed.
"""

from __future__ import annotations

import sys
import time
from functools import partial

from iamkb.compare import compare
from iamkb.grants import all_actions, grants
from iamkb.kb.snippets import load_catalog
from iamkb.render import render

TARGET_GRANTS, TARGET_COMPARE = 2.0, 2.0
LABELING = {"input-bucket-name": "my-labeling-input", "output-bucket-name": "my-labeling-output"}
# (A, B, values for A, A allows more)
CASES = [
    ("AmazonSageMakerFullAccess", "ground-truth-console", {}, True),
    ("ground-truth-console", "AmazonSageMakerFullAccess", {}, True),
    ("AmazonSageMakerFullAccess", "AmazonSageMakerFullAccess", {}, False),
    ("AmazonSageMakerGroundTruthExecution", "AmazonSageMakerGroundTruthExecution", {}, False),
    ("built-in-task-types", "AmazonSageMakerGroundTruthExecution", LABELING, True),
]


def cpu(function):
    started = time.process_time()
    result = function()
    return time.process_time() - started, result


def main(argv: list[str] | None = None) -> int:
    all_actions()  # load the whole IAM catalog once, outside the timings (about half a second)
    catalog = load_catalog()
    documents = {s.id: render(s, use_examples=True).document() for s in catalog.snippets}
    missed = []
    seconds, _ = cpu(lambda: [grants(d, name) for name, d in documents.items()])
    print(f"grants of {len(documents)} snippets: {seconds:.2f} s CPU (target {TARGET_GRANTS} s)")
    if seconds > TARGET_GRANTS:
        missed.append("grants")
    for a, b, values, expected in CASES:
        a_document = render(a, values).document() if values else documents[a]
        seconds, result = cpu(partial(compare, a_document, documents[b], a, b))
        verdict = "ok" if result.a_allows_more == expected else "WRONG ANSWER"
        print(f"compare {a} {b}: {seconds:.2f} s CPU, {result.checked} pairs, {len(result.gaps)} gaps, {verdict}")
        if seconds > TARGET_COMPARE or result.a_allows_more != expected:
            missed.append(f"compare {a} {b}")
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
