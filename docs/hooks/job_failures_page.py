"""MkDocs hook: how-to/troubleshoot-labeling-job-permissions.md, from the error-message table.

The page is made from `src/iamkb/job/failures.json` at build time (the rows `iamkb job verify
--failure-reason` matches), so a message added to the table appears on the page and in the command at
once. Each message gets its cause, the requirements whose `verify` rows reveal it (linked to
"Permissions by job feature"), the command that checks them, and its sources.
"""

from __future__ import annotations

from _site import cell, code, front
from mkdocs.structure.files import File, Files

from iamkb.job.failures import failures
from iamkb.job.requirements import rows

PAGE = "how-to/troubleshoot-labeling-job-permissions.md"
REQUIREMENTS_PAGE = "../reference/job-requirements.md"
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


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, PAGE, content=troubleshooting_page()))
    return files


def troubleshooting_page() -> str:
    principal_of = {row["id"]: row["principal"] for row in rows()}
    lines = front("Troubleshoot labeling job permissions", "how-to")
    lines += [
        "When a labeling job fails, or workers cannot work on its tasks, the message you see rarely names the",
        "policy to change. This page goes from the message to its cause and to the requirement of the job that",
        "explains it, and shows how to check that requirement against your account with `iamkb job verify`.",
        "",
        "The quickest check reads the failed job and its `FailureReason` straight from the account (read-only",
        "calls; `pip install 'iamkb[aws]'`):",
        "",
        "```sh",
        "iamkb job verify --from-aws my-labeling-job --region eu-west-1",
        "```",
        "",
        "Offline, give the output of `aws sagemaker describe-labeling-job` and the policies you have: every",
        "requirement is simulated, each missing one is shown with the planned statement that fixes it, and a",
        "requirement whose policy you did not give is listed as *not verified* rather than as missing.",
        "",
        "```sh",
        "aws sagemaker describe-labeling-job --labeling-job-name my-labeling-job > job.json",
        "iamkb job verify job.json --role-policy execution-role-policy.json --trust-policy trust-policy.json",
        "```",
        "",
        'Give `--failure-reason "..."` for a message that is not in the job\'s `FailureReason` (one a worker saw,',
        "or one from a Lambda function's log). The messages below are matched as regular expressions, so a",
        "message with other ARNs or names in it still finds its entry.",
    ]
    for failure in failures():
        lines += ["", f"## {cell(failure.title)} {{ #{failure.id} }}", ""]
        lines += ["```text", failure.example, "```", "", f"**Cause.** {cell(failure.cause)}"]
        if failure.inferred:
            lines += [
                "",
                (
                    "*This link between the message and its cause is our inference from public reports; "
                    "no AWS page states it outright.*"
                ),
            ]
        if not failure.permission:
            lines += [
                "",
                "This is not an IAM permission of the execution role, so a permission change alone will not fix it.",
            ]
        if failure.by_action:
            lines += [
                "",
                (
                    "**What verify shows.** The requirement rows whose action (and resource) the message "
                    "names, with their decision and the statement that fixes a missing one."
                ),
            ]
            command = "iamkb job verify job.json --role-policy execution-role-policy.json"
        elif failure.requirements:
            links = ", ".join(f"[{code(r)}]({REQUIREMENTS_PAGE}#{r.lower()})" for r in failure.requirements)
            lines += [
                "",
                (
                    f"**What verify shows.** The rows of {links} (those the job has): *missing* when your "
                    "setup lacks them, with the fix."
                ),
            ]
            options = dict.fromkeys(OPTIONS[principal_of[r]] for r in failure.requirements)
            command = "iamkb job verify job.json " + " ".join(options)
        else:
            lines += ["", "**What verify shows.** Nothing: it is not a requirement of the labeling job itself."]
            command = ""
        if command:
            lines += ["", "```sh", f"{command} \\", f"    --failure-reason {_double_quoted(failure.example)}", "```"]
        sources = "; ".join(f"[{cell(s['title'])}]({s['url']})" for s in failure.sources)
        lines += ["", f"Sources: {sources}."]
    return "\n".join(lines) + "\n"


def _double_quoted(text: str) -> str:
    """A shell word in double quotes (readable with the apostrophes of AWS's messages inside)."""
    for special in ("\\", '"', "$", "`"):
        text = text.replace(special, "\\" + special)
    return f'"{text}"'
