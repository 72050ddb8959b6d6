"""From a job's requirements to the documents that grant exactly them: `plan_job(job, options) -> Plan`.

`plan_job` is pure (no I/O, no proofs): `iamkb job plan` proves the result with `iamkb.job.prove`
before printing it, and `iamkb job verify` reuses it to propose the statement that fixes a gap
(`fixing_statement`).

The Plan (`iamkb.job.model.Plan`), document by document:

- `caller_policy`: identity policy for whoever calls CreateLabelingJob (rows with principal `caller`);
- `execution_role_policy` and `trust_policy`: the role in `RoleArn`; `max_session_duration` (seconds)
  when the job needs more than IAM's default hour;
- `key_policy_statements[key ARN]`: the statements to add to that key's policy; `key_policies[key ARN]`:
  a complete key policy, AWS's default account-root statement (ROOT_STATEMENT_SOURCE) plus those;
- `cors[bucket]`: the bucket's CORS rules, in S3's PutBucketCors shape (`{"CORSRules": ...}` on disk);
- `lambda_role_policy`: identity policy for the post-annotation function's own role (custom workflows);
- `bucket_policy_statements[bucket]`: for buckets whose policy denies what lacks a context value
  (`--bucket-enforces-kms`, `--bucket-vpce`), the Deny written so the job's requests pass it;
- `topic_policy_statements[topic ARN]`: statements for an SNS topic's access policy;
- `notes`: what the user must still do or know (a placeholder principal, a Deny to merge).

Statements: one per row of the requirements table (and per distinct Condition within a row), so each
says why it exists. Its Sid is the row id in PascalCase (EXEC_READ_MANIFEST -> ExecReadManifest, with
a 1-based suffix when one row needs several statements): stable across runs and jobs, and the way back
from a statement to its row on the requirements page. Actions are sorted, resources exact and in the
order the job names them, Action and Resource always lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from iamkb.job.model import Job, JobOptions, Plan, Principal, Requirement
from iamkb.job.requirements import requirements

VERSION = "2012-10-17"
ROOT_STATEMENT_SID = "Enable IAM User Permissions"
ROOT_STATEMENT_SOURCE = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html"
MAX_SESSION_LIMIT = 43200  # IAM's upper bound for a role's MaxSessionDuration (12 hours)
CALLER_PLACEHOLDER = "role/labeling-job-caller"  # the requirements table's stand-ins (requirements.values)
LAMBDA_ROLE_PLACEHOLDER = "role/post-annotation-lambda-role"
IDENTITY_PRINCIPALS = (Principal.CALLER, Principal.EXECUTION_ROLE, Principal.LAMBDA_ROLE)


def plan_job(job: Job, options: JobOptions | None = None) -> Plan:
    """The least-privilege documents for `job`, built only from `requirements(job, options)`.

    `options` holds what the job file cannot say (who calls CreateLabelingJob, bucket policies that enforce
    encryption ...). Each planned statement's Sid names the requirement it serves; `prove` checks and
    simulates the plan before anyone relies on it.

    Examples:
        >>> from iamkb.job.inputs import read_job
        >>> from iamkb.job.plan import plan_job
        >>> from iamkb.job.prove import prove
        >>> plan = plan_job(read_job("examples/jobs/bounding-box-private.json"))
        >>> [s["Sid"] for s in plan.execution_role_policy["Statement"]][:3]
        ['ExecLogsMetrics', 'ExecListBuckets', 'ExecWriteOutput']
        >>> plan.trust_policy["Statement"][0]["Principal"]
        {'Service': 'sagemaker.amazonaws.com'}
        >>> prove(plan, compare_alternatives=False).failures
        []
    """
    options = options or JobOptions()
    reqs = requirements(job, options)

    def of(principal: Principal) -> list[Requirement]:
        return [r for r in reqs if r.principal is principal]

    plan = Plan(
        job=job,
        requirements=reqs,
        caller_policy=policy(statements(of(Principal.CALLER))),
        execution_role_policy=policy(statements(of(Principal.EXECUTION_ROLE))),
        trust_policy=policy(statements(of(Principal.TRUST_POLICY), principal=True, resource=False)),
    )
    lambda_reqs = of(Principal.LAMBDA_ROLE)
    if lambda_reqs:
        plan.lambda_role_policy = policy(statements(lambda_reqs))
    for key, group in _by_key(of(Principal.KEY_POLICY)).items():
        added = statements(group, principal=True, resource_star=True)
        plan.key_policy_statements[key] = added
        plan.key_policies[key] = policy([root_statement(job.partition, job.account), *added])
    for topic, group in _by_key(of(Principal.TOPIC_POLICY)).items():
        plan.topic_policy_statements[topic] = statements(group, principal=True)
    for bucket, group in _by_key(of(Principal.BUCKET_POLICY)).items():
        plan.bucket_policy_statements[bucket] = statements(group, deny_unless=_endpoints(options))
    for req in of(Principal.BUCKET_CORS):
        rules = plan.cors.setdefault(str(req.key), [])
        if req.setting not in rules:
            rules.append(dict(req.setting or {}))
    for req in of(Principal.ROLE_SETTING):
        minimum = (req.setting or {}).get("MaxSessionDuration", {}).get("minimum")
        if minimum:
            plan.max_session_duration = max(plan.max_session_duration or 0, int(minimum))
    plan.notes = _notes(job, options, plan)
    return plan


def sid(requirement_id: str) -> str:
    """A row id as a Sid: EXEC_READ_MANIFEST -> ExecReadManifest."""
    return "".join(word.capitalize() for word in requirement_id.split("_"))


def policy(statement_list: list[dict[str, Any]]) -> dict[str, Any]:
    return {"Version": VERSION, "Statement": statement_list}


def root_statement(partition: str, account: str) -> dict[str, Any]:
    """AWS's default key policy statement: the account may use IAM policies to allow access to the key."""
    return {
        "Sid": ROOT_STATEMENT_SID,
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
        "Action": "kms:*",
        "Resource": "*",
    }


def principal_element(arn_or_service: str) -> dict[str, str]:
    """`{"AWS": arn}` for an IAM ARN, `{"Service": name}` for a service principal."""
    return {"AWS": arn_or_service} if arn_or_service.startswith("arn:") else {"Service": arn_or_service}


def statements(
    reqs: Iterable[Requirement],
    *,
    principal: bool = False,
    resource: bool = True,
    resource_star: bool = False,
    deny_unless: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """One statement per (row, Condition, principal), in table order.

    `principal`: name the request principal (resource-based policies); `resource=False`: no Resource
    (trust policies); `resource_star`: Resource "*" (a key policy's statements are about that key);
    `deny_unless`: write each row as a Deny of its actions to everyone unless the request has the row's
    context (a bucket policy that denies what lacks SSE-KMS or a VPC endpoint), with the extra values
    given per context key.
    """
    groups: dict[tuple[str, str, str], list[Requirement]] = {}
    for req in reqs:
        condition_key = repr(sorted((op, sorted(block.items())) for op, block in req.conditions.items()))
        groups.setdefault((req.id, condition_key, req.request_principal or ""), []).append(req)
    per_row: dict[str, int] = {}
    for req_id, _, _ in groups:
        per_row[req_id] = per_row.get(req_id, 0) + 1
    seen: dict[str, int] = {}
    made = []
    for (req_id, _, who), group in groups.items():
        seen[req_id] = seen.get(req_id, 0) + 1
        statement: dict[str, Any] = {"Sid": sid(req_id) + (str(seen[req_id]) if per_row[req_id] > 1 else "")}
        first = group[0]
        if deny_unless is not None:
            statement["Effect"] = "Deny"
            statement["Principal"] = "*"
        else:
            statement["Effect"] = "Allow"
            if principal:
                statement["Principal"] = principal_element(who)
        statement["Action"] = sorted({str(r.action) for r in group})
        if resource:
            statement["Resource"] = ["*"] if resource_star else list(dict.fromkeys(str(r.resource) for r in group))
        if deny_unless is not None:
            unless = {k: list(dict.fromkeys([*_values(v), *deny_unless.get(k, [])])) for k, v in first.context.items()}
            statement["Condition"] = {"StringNotEquals": {k: v[0] if len(v) == 1 else v for k, v in unless.items()}}
        elif first.conditions:
            statement["Condition"] = {op: dict(block) for op, block in first.conditions.items()}
        made.append(statement)
    return made


def fixing_statement(plan: Plan, requirement: Requirement) -> tuple[str, dict[str, Any]] | None:
    """The planned document (by file name) and statement that grants `requirement` (None for settings)."""
    base = sid(requirement.id)
    for name, document in documents(plan).items():
        if not name.endswith(".json") or name.endswith("-statements.json") or not isinstance(document, dict):
            continue
        if document_principal(plan, name) != (requirement.principal, requirement.key):
            continue
        for statement in document.get("Statement", []):
            tail = statement.get("Sid", "")[len(base) :]
            if (
                statement.get("Sid", "").startswith(base)
                and (tail == "" or tail.isdigit())
                and requirement.action in statement.get("Action", [])
            ):
                return name, statement
    return None


def documents(plan: Plan) -> dict[str, Any]:
    """Every planned document by the file name `-o DIR` gives it, in a fixed order."""
    found: dict[str, Any] = {
        "caller-policy.json": plan.caller_policy,
        "execution-role-policy.json": plan.execution_role_policy,
        "trust-policy.json": plan.trust_policy,
    }
    for number, key in enumerate(plan.key_policies, 1):
        found[f"key-policy-{number}.json"] = plan.key_policies[key]
        found[f"key-policy-{number}-statements.json"] = plan.key_policy_statements[key]
    for bucket, rules in plan.cors.items():
        found[f"cors-{bucket}.json"] = {"CORSRules": rules}
    if plan.lambda_role_policy is not None:
        found["lambda-role-policy.json"] = plan.lambda_role_policy
    for bucket, added in plan.bucket_policy_statements.items():
        found[f"bucket-policy-{bucket}.json"] = policy(added)
    for number, topic in enumerate(plan.topic_policy_statements, 1):
        found[f"topic-policy-{number}.json"] = policy(plan.topic_policy_statements[topic])
    return found


def document_principal(plan: Plan, name: str) -> tuple[Principal, str | None] | None:
    """Which principal (and key) a document of `documents(plan)` is for; None for `-statements` lists."""
    fixed = {
        "caller-policy.json": Principal.CALLER,
        "execution-role-policy.json": Principal.EXECUTION_ROLE,
        "trust-policy.json": Principal.TRUST_POLICY,
        "lambda-role-policy.json": Principal.LAMBDA_ROLE,
    }
    if name in fixed:
        return fixed[name], None
    for number, key in enumerate(plan.key_policies, 1):
        if name == f"key-policy-{number}.json":
            return Principal.KEY_POLICY, key
    for bucket in plan.cors:
        if name == f"cors-{bucket}.json":
            return Principal.BUCKET_CORS, bucket
    for bucket in plan.bucket_policy_statements:
        if name == f"bucket-policy-{bucket}.json":
            return Principal.BUCKET_POLICY, bucket
    for number, topic in enumerate(plan.topic_policy_statements, 1):
        if name == f"topic-policy-{number}.json":
            return Principal.TOPIC_POLICY, topic
    return None


def check_kind(name: str) -> str | None:
    """The `iamkb check` kind of a planned document (None: not an IAM policy)."""
    if name.startswith(("caller-", "execution-role-", "lambda-role-")):
        return "identity"
    if name == "trust-policy.json":
        return "trust"
    if name.startswith(("key-policy-", "bucket-policy-", "topic-policy-")) and not name.endswith("-statements.json"):
        return "resource"
    return None


def role_name_and_path(role_arn: str) -> tuple[str, str]:
    """`arn:aws:iam::A:role/service-role/x` -> ("x", "/service-role/")."""
    resource = role_arn.split(":", 5)[-1]
    parts = resource.split("/")[1:]
    return parts[-1], "/" + "".join(p + "/" for p in parts[:-1])


def given_arn(plan: Plan, principal: Principal) -> str | None:
    """The caller's or the post-annotation role's ARN when the user gave it (None for the placeholder)."""
    placeholder = {Principal.CALLER: CALLER_PLACEHOLDER, Principal.LAMBDA_ROLE: LAMBDA_ROLE_PLACEHOLDER}[principal]
    arn = next(
        (r.request_principal for r in plan.requirements if r.principal is principal and r.request_principal), None
    )
    return None if arn is None or arn.endswith(f":{placeholder}") else arn


def _by_key(reqs: list[Requirement]) -> dict[str, list[Requirement]]:
    grouped: dict[str, list[Requirement]] = {}
    for req in reqs:
        grouped.setdefault(str(req.key), []).append(req)
    return grouped


def _values(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _endpoints(options: JobOptions) -> dict[str, list[str]]:
    return {"aws:SourceVpce": list(options.vpc_endpoints)} if options.vpc_endpoints else {}


def _notes(job: Job, options: JobOptions, plan: Plan) -> list[str]:
    notes = []
    if options.caller_arn is None:
        notes.append(
            f"caller-policy.json: attach it to whoever calls CreateLabelingJob (the simulations use the "
            f"placeholder arn:{job.partition}:iam::{job.account}:role/labeling-job-caller; give --caller ARN)"
        )
    if plan.lambda_role_policy is not None and options.lambda_role_arn is None:
        notes.append(
            "lambda-role-policy.json: attach it to the post-annotation function's execution role (give "
            "--lambda-role ARN; the plan uses the placeholder role post-annotation-lambda-role)"
        )
    if plan.max_session_duration:
        notes.append(
            f"set the execution role's MaxSessionDuration to {plan.max_session_duration} seconds or more "
            f"(at most {MAX_SESSION_LIMIT})"
        )
    if plan.key_policies:
        notes.append(
            "key-policy-N.json is a complete key policy (AWS's default account statement and the job's); "
            "to keep a key's other statements, add key-policy-N-statements.json to its policy instead"
        )
    if plan.cors:
        notes.append(
            "cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has"
        )
    for bucket in plan.bucket_policy_statements:
        notes.append(
            f"bucket-policy-{bucket}.json: the Deny your bucket policy needs so the job's requests pass; "
            "replace your own Deny of the same kind with it (keep your other statements)"
            + (
                ""
                if options.vpc_endpoints or not options.bucket_vpce
                else "; it admits only Ground Truth's VPC endpoint: add yours with --vpc-endpoint ID"
            )
        )
    for number, topic in enumerate(plan.topic_policy_statements, 1):
        notes.append(f"topic-policy-{number}.json: add its statements to the access policy of {topic}")
    return notes
