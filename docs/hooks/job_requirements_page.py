"""MkDocs hook: reference/job-requirements.md, "Permissions by job feature", from the requirements table.

The page is made from `src/iamkb/job/requirements.json` at build time (the same rows `iamkb job
requirements`, `plan` and `verify` use), grouped by feature, each row with its AWS source and an
"inferred" badge where no AWS page states the fact outright.
"""

from __future__ import annotations

from _site import cell, code, front
from mkdocs.structure.files import File, Files

from iamkb.job.requirements import table

PAGE = "reference/job-requirements.md"
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
BADGE = '<span class="kb-badge kb-inferred" title="No AWS page states this outright">inferred</span>'


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, PAGE, content=job_requirements_page()))
    return files


def job_requirements_page() -> str:
    data = table()
    rows = data["requirements"]
    owned = data["awsOwned"]
    lines = front("Permissions by job feature")
    lines += [
        "Every permission and setting a SageMaker Ground Truth labeling job can need, grouped by the job feature",
        "that calls for it. `iamkb job requirements JOB` lists the rows that apply to one job, with the",
        "resources, conditions and request context filled in from the job's own values; the planner and the",
        "verifier work from the same rows. Each row links the AWS page it comes from; a row marked",
        f"{BADGE} is our conclusion where no AWS page says it outright.",
        "",
        "Built-in task types use AWS's own pre- and post-annotation functions (names starting with `PRE-` and",
        f"`ACS-`, in one AWS account per Region: [{cell(owned['lambdaSource']['title'])}]"
        f"({owned['lambdaSource']['url']})). Those need no grant from you; only custom functions do.",
        f"3D point cloud and video frame tasks are recognised by AWS's worker UI (account "
        f"`{owned['humanTaskUiAccount']}`, names starting with `PointCloud` or `Video`) or by AWS's",
        "pre-annotation function of those task types.",
        "",
        "Features whose name starts with `option:` depend on facts about your account that the job file does",
        "not hold (how your buckets and keys are set up); they apply only when you say so.",
    ]
    for feature, when in data["features"].items():
        members = [r for r in rows if r["feature"] == feature]
        if not members:
            continue
        lines += [
            "",
            f"## {code(feature)} {{ #{feature.replace(':', '-')} }}",
            "",
            f"Applies to: {cell(when)}.",
            "",
            "| Requirement | Field | Who | What | On | Source |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for r in members:
            what = "<br>".join(code(a) for a in r["actions"]) if "actions" in r else code(_setting(r["setting"]))
            on = code(r["resource"]) if "resource" in r else code(r["key"])
            conditions = r.get("conditions")
            if conditions:
                on += "<br>when " + "<br>".join(
                    f"{code(k)} {cell(op)} {code(v)}" for op, block in conditions.items() for k, v in block.items()
                )
            badge = f" {BADGE}" if r["inferred"] else ""
            source = f"[{cell(r['source']['title'])}]({r['source']['url']})"
            lines.append(
                f"| {name_cell(r['id'])}{badge}<br>{cell(r['title'])} | {code(r['field'])} | "
                f"{PRINCIPALS[r['principal']]} | {what} | {on} | {source} |"
            )
    lines += [
        "",
        "## Template values",
        "",
        "Resources and conditions above are templates: `{name}` stands for a value `iamkb` derives from the",
        "job (the vocabulary is documented in the `iamkb.job.requirements` module). For example, an output",
        "path `s3://bucket/prefix` makes `{output.objects}` the objects `arn:aws:s3:::bucket/prefix/*`, and",
        "the job's ARN ends in its name in lower case.",
        "",
    ]
    return "\n".join(lines) + "\n"


def name_cell(text: str) -> str:
    return f'<code id="{text.lower()}">{text}</code>'


def _setting(setting: dict) -> str:
    import json

    return json.dumps(setting, separators=(", ", ": "))
