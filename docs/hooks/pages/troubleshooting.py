"""Troubleshoot labeling job permissions (troubleshooting.md.j2), from the job verifier's failures table.

The page is made from `src/iamkb/job/failures.json` (the rows `iamkb job verify --failure-reason`
matches), so a message added to the table appears on the page and in the command at once. Each message
gets its cause, the requirements whose `verify` rows reveal it (linked to "Permissions by job feature"),
the command that checks them, and its sources.
"""

from __future__ import annotations

from iamkb.job.failures import failures
from iamkb.job.requirements import rows
from pages import render

TEMPLATE = "troubleshooting.md.j2"
URI = "how-to/troubleshoot-labeling-job-permissions.md"
# What to give `iamkb job verify` so that a requirement of this principal is verified, not left open.
OPTIONS = {
    "caller": "--caller-policy caller-policy.json",
    "execution-role": "--role-policy execution-role-policy.json",
    "trust-policy": "--trust-policy trust-policy.json",
    "key-policy": "--key-policy KEY=key-policy.json",
    "bucket-policy": "--bucket-policy BUCKET=bucket-policy.json",
    "bucket-cors": "--cors BUCKET=cors.json",
    "lambda-role": "--lambda-role-policy lambda-role-policy.json",
    "topic-policy": "--topic-policy TOPIC=topic-policy.json",
    "role-setting": "--max-session-duration SECONDS",
}


def double_quoted(text: str) -> str:
    """A shell word in double quotes (readable with the apostrophes of AWS's messages inside)."""
    for special in ("\\", '"', "$", "`"):
        text = text.replace(special, "\\" + special)
    return f'"{text}"'


def command(failure, principal_of: dict[str, str]) -> str:
    """The `iamkb job verify` command that checks what the message points at ("" when nothing does)."""
    if failure.by_action:
        return "iamkb job verify job.json --role-policy execution-role-policy.json"
    if failure.requirements:
        options = dict.fromkeys(OPTIONS[principal_of[r]] for r in failure.requirements)
        return "iamkb job verify job.json " + " ".join(options)
    return ""


def context() -> dict:
    principal_of = {row["id"]: row["principal"] for row in rows()}
    return {
        "title": "Troubleshoot labeling job permissions",
        "diataxis": "how-to",
        "failures": [
            (failure, command(failure, principal_of), double_quoted(failure.example)) for failure in failures()
        ],
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
