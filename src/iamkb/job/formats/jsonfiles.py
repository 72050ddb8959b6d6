"""JSON output: one file per planned document plus plan.json (the job, notes and proofs), or one object.

`plan.json` and the single stdout object share one record (`record`), so a script reading either
finds the same keys; the stdout object adds the documents under "documents".
"""

from __future__ import annotations

import json
from typing import Any

from iamkb.job.model import Plan
from iamkb.job.plan import documents


def record(plan: Plan) -> dict[str, Any]:
    """Everything about the plan except the documents' bodies (those are files of their own)."""
    job = plan.job
    return {
        "job": job.name,
        "source": job.path,
        "region": job.region,
        "account": job.account,
        "roleArn": job.role_arn,
        "maxSessionDuration": plan.max_session_duration,
        "keys": {f"key-policy-{n}.json": key for n, key in enumerate(plan.key_policies, 1)},
        "topics": {f"topic-policy-{n}.json": topic for n, topic in enumerate(plan.topic_policy_statements, 1)},
        "documents": list(documents(plan)),
        "notes": plan.notes,
        "proofs": plan.proofs,
    }


def dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def files(plan: Plan) -> dict[str, str]:
    """File name -> text, for `-o DIR`."""
    written = {name: dumps(document) for name, document in documents(plan).items()}
    written["plan.json"] = dumps(record(plan))
    return written


def single(plan: Plan) -> dict[str, Any]:
    """The one JSON object printed without `-o`."""
    whole = record(plan)
    whole["documents"] = documents(plan)
    return whole
