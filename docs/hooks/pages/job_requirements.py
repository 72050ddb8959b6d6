"""Permissions by job feature (job-requirements.md.j2), from the job planner's requirements table.

The rows are `src/iamkb/job/requirements.json` (the same rows `iamkb job requirements`, `plan` and
`verify` use), grouped by feature, each with its AWS source and an "inferred" badge where no AWS page
states the fact outright.
"""

from __future__ import annotations

import json

from iamkb.job.requirements import table
from pages import render

TEMPLATE = "job-requirements.md.j2"
URI = "reference/job-requirements.md"
PRINCIPALS = {
    "caller": "Caller",
    "execution-role": "Execution role",
    "trust-policy": "Trust policy",
    "key-policy": "Key policy",
    "bucket-policy": "Bucket policy",
    "bucket-cors": "Bucket CORS",
    "lambda-role": "Post-annotation Lambda role",
    "topic-policy": "Topic policy",
    "role-setting": "Role setting",
}


def anchor(feature: str) -> str:
    """A feature's anchor on the page (`option:sse-kms` -> `option-sse-kms`); the example job pages link it."""
    return feature.replace(":", "-")


def context() -> dict:
    data = table()
    rows = data["requirements"]
    features = [
        {"name": feature, "anchor": anchor(feature), "when": when, "rows": [r for r in rows if r["feature"] == feature]}
        for feature, when in data["features"].items()
    ]
    return {
        "title": "Permissions by job feature",
        "owned": data["awsOwned"],
        "features": [f for f in features if f["rows"]],
        "principals": PRINCIPALS,
        "setting": lambda setting: json.dumps(setting, separators=(", ", ": ")),
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
