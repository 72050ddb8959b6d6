"""Policy comparisons (comparisons.md.j2): the questions readers ask about overlapping policies.

Each is answered by running `iamkb compare` at build time, shown with the command and its output; which
of its two answers a question gets is read from the result, never written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from iamkb.compare import compare
from iamkb.compare.cli import render_text as compare_text
from iamkb.core import iamcatalog
from iamkb.render import render_each
from pages import render

TEMPLATE = "comparisons.md.j2"
URI = "reference/comparisons.md"


@dataclass(frozen=True)
class Question:
    title: str
    a: str
    b: str
    values: dict
    if_covered: str  # the answer when A allows nothing beyond B
    if_not: str  # the answer when it does

    def command(self) -> str:
        sets = "".join(f" \\\n    --set {name}={value}" for name, value in self.values.items())
        return f"iamkb compare {self.a} {self.b}{sets}"


GROUNDTRUTH_BUCKETS = {"input-bucket-name": "my-groundtruth-input", "output-bucket-name": "my-groundtruth-output"}
OTHER_BUCKETS = {"input-bucket-name": "my-labeling-input", "output-bucket-name": "my-labeling-output"}

QUESTIONS = [
    Question(
        "Does the custom-workflow statement add anything to the console policy?",
        "custom-workflow-statement",
        "ground-truth-console",
        {},
        "No. The console policy already allows everything the statement allows; add the statement only to a "
        "policy narrower than the console policy.",
        "Yes: the statement allows what is listed below, which the console policy does not.",
    ),
    Question(
        "Is the private workforce statement already covered by the console policy?",
        "private-workforce-statement",
        "ground-truth-console",
        {},
        "Yes. Every Cognito action of the statement is in the console policy, on every resource.",
        "No: the console policy lacks what is listed below.",
    ),
    Question(
        'Does the managed execution policy cover the built-in task types policy, for buckets named with "groundtruth"?',
        "built-in-task-types",
        "AmazonSageMakerGroundTruthExecution",
        GROUNDTRUTH_BUCKETS,
        "Yes. AmazonSageMakerGroundTruthExecution allows object access in buckets whose name contains "
        "`groundtruth` (or GroundTruth, SageMaker, ...) and bucket listing everywhere, so it covers the policy "
        "for these bucket names.",
        "No: see what is missing below.",
    ),
    Question(
        "And for buckets named otherwise?",
        "built-in-task-types",
        "AmazonSageMakerGroundTruthExecution",
        OTHER_BUCKETS,
        "Yes: the managed policy covers these buckets too.",
        "No. With bucket names that contain none of the managed policy's name patterns, the execution role cannot "
        "write output, and can read only objects tagged `SageMaker=true`: attach the built-in task types policy "
        "with your bucket names (or rename the buckets).",
    ),
]


def answer(question: Question) -> dict:
    """`iamkb compare` run for the question: whether A allows more, and the command's output."""
    a, b = render_each([question.a, question.b], question.values)
    result = compare(a.document(), b.document(), a.name, b.name)
    return {
        "question": question,
        "covered": not result.a_allows_more,
        "exit_status": 1 if result.a_allows_more else 0,
        "output": compare_text(result).rstrip("\n"),
    }


def context() -> dict:
    return {
        "title": "Policy comparisons",
        "meta_title": "Policy comparisons",
        "catalog_version": iamcatalog.catalog_version(),
        "answers": [answer(question) for question in QUESTIONS],
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
