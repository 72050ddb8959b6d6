"""Terraform output: HCL resources whose policies are `jsonencode(...)` of exactly the JSON plan.

What Terraform owns and what it only documents:

- `aws_iam_role` (the execution role, named and pathed as `RoleArn` says, with its trust policy and
  MaxSessionDuration) and `aws_iam_role_policy` (its identity policy);
- `aws_iam_policy` for the caller and for the post-annotation function's role, attached
  (`aws_iam_role_policy_attachment` / `aws_iam_user_policy_attachment`) only when their ARN was given;
- `aws_kms_key_policy` per key (the complete key policy: it replaces the key's policy, keeping AWS's
  default account statement) and `aws_s3_bucket_cors_configuration` per bucket (it replaces the
  bucket's CORS rules);
- bucket and topic policy statements go in `locals` (an HCL list per bucket or topic), to be
  concatenated into the policy that already manages them: writing a whole bucket policy here would
  replace statements the plan knows nothing about.

HCL is written from the Python values: object keys always quoted, strings escaped (`\\`, `"`, and
`${`/`%{` doubled so Terraform does not read an IAM policy variable as interpolation).
"""

from __future__ import annotations

import json
from typing import Any

from iamkb.job.formats import identifier
from iamkb.job.model import Plan, Principal
from iamkb.job.plan import given_arn, role_name_and_path

INDENT = "  "


def render(plan: Plan) -> str:
    job = plan.job
    role_name, role_path = role_name_and_path(job.role_arn)
    slug = identifier(job.name).lower()
    blocks = [
        (
            f"# iamkb job plan: least-privilege permissions for labeling job {job.name} ({job.region}, "
            f"account {job.account}), from {job.path}.\n# Every policy below is proven: iamkb check, simulation "
            f"of every requirement and its neighbours (plan.json of --format json lists the proofs)."
        )
    ]
    for note in plan.notes:
        blocks[0] += f"\n# note: {note}"
    role_attrs: list[tuple[str, Any]] = [
        ("name", role_name),
        ("path", role_path),
        ("assume_role_policy", _JsonEncode(plan.trust_policy)),
    ]
    if plan.max_session_duration:
        role_attrs.append(("max_session_duration", plan.max_session_duration))
    blocks.append(_resource("aws_iam_role", f"{slug}_execution", role_attrs))
    blocks.append(
        _resource(
            "aws_iam_role_policy",
            f"{slug}_execution",
            [
                ("name", f"labeling-job-{job.name}"),
                ("role", _Ref(f"aws_iam_role.{slug}_execution.id")),
                ("policy", _JsonEncode(plan.execution_role_policy)),
            ],
        )
    )
    blocks += _standalone(
        f"{slug}_caller", f"labeling-job-{job.name}-caller", plan.caller_policy, given_arn(plan, Principal.CALLER)
    )
    if plan.lambda_role_policy is not None:
        blocks += _standalone(
            f"{slug}_post_annotation_lambda",
            f"labeling-job-{job.name}-post-annotation",
            plan.lambda_role_policy,
            given_arn(plan, Principal.LAMBDA_ROLE),
        )
    for number, key in enumerate(plan.key_policies, 1):
        blocks.append(
            _resource(
                "aws_kms_key_policy",
                f"{slug}_key_{number}",
                [
                    ("key_id", key),
                    ("policy", _JsonEncode(plan.key_policies[key])),
                    ("depends_on", _Raw(f"[aws_iam_role.{slug}_execution]")),
                ],
                comment="replaces the key's whole policy: AWS's default account statement is kept; add statements "
                "the key already has",
            )
        )
    for bucket, rules in plan.cors.items():
        body = [("bucket", bucket)] + [("cors_rule", _Block(_cors_rule(rule))) for rule in rules]
        blocks.append(
            _resource(
                "aws_s3_bucket_cors_configuration",
                f"{slug}_{identifier(bucket)}",
                body,
                comment="replaces the bucket's CORS configuration: merge rules it already has",
            )
        )
    local_values: list[tuple[str, Any]] = []
    if plan.bucket_policy_statements:
        local_values.append((f"{slug}_bucket_policy_statements", dict(plan.bucket_policy_statements)))
    if plan.topic_policy_statements:
        local_values.append((f"{slug}_topic_policy_statements", dict(plan.topic_policy_statements)))
    if local_values:
        blocks.append(
            "# statements for policies that manage more than this job: concat() them into the "
            "Statement list of\n# the bucket's aws_s3_bucket_policy or the topic's "
            "aws_sns_topic_policy\n" + _block("locals", local_values)
        )
    return "\n\n".join(blocks) + "\n"


def _standalone(label: str, name: str, document: dict, attach_to: str | None) -> list[str]:
    blocks = [_resource("aws_iam_policy", label, [("name", name), ("policy", _JsonEncode(document))])]
    if attach_to is None:
        blocks[0] = "# attach this policy to its principal (no ARN was given)\n" + blocks[0]
        return blocks
    kind, target = ("user", "user") if ":user/" in attach_to else ("role", "role")
    blocks.append(
        _resource(
            f"aws_iam_{kind}_policy_attachment",
            label,
            [(target, attach_to.rsplit("/", 1)[-1]), ("policy_arn", _Ref(f"aws_iam_policy.{label}.arn"))],
        )
    )
    return blocks


def _cors_rule(rule: dict[str, Any]) -> list[tuple[str, Any]]:
    names = {
        "AllowedHeaders": "allowed_headers",
        "AllowedMethods": "allowed_methods",
        "AllowedOrigins": "allowed_origins",
        "ExposeHeaders": "expose_headers",
        "MaxAgeSeconds": "max_age_seconds",
        "ID": "id",
    }
    return [(names[k], v) for k, v in rule.items()]


class _JsonEncode:
    def __init__(self, value: Any):
        self.value = value


class _Ref:
    def __init__(self, text: str):
        self.text = text


class _Raw(_Ref):
    pass


class _Block:
    def __init__(self, attrs: list[tuple[str, Any]]):
        self.attrs = attrs


def _resource(kind: str, label: str, attrs: list[tuple[str, Any]], comment: str | None = None) -> str:
    text = _block(f'resource "{kind}" "{label}"', attrs)
    return f"# {comment}\n{text}" if comment else text


def _block(head: str, attrs: list[tuple[str, Any]], depth: int = 0) -> str:
    pad = INDENT * (depth + 1)
    lines = [INDENT * depth + head + " {"]
    for name, value in attrs:
        if isinstance(value, _Block):
            lines.append(_block(name, value.attrs, depth + 1))
        else:
            lines.append(f"{pad}{name} = {_value(value, depth + 1)}")
    lines.append(INDENT * depth + "}")
    return "\n".join(lines)


def _value(value: Any, depth: int) -> str:
    """An HCL expression for a JSON value (objects with quoted keys, lists one item a line)."""
    pad, inner = INDENT * depth, INDENT * (depth + 1)
    if isinstance(value, _JsonEncode):
        return f"jsonencode({_value(value.value, depth)})"
    if isinstance(value, _Ref):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(isinstance(v, str) for v in value) and sum(len(v) for v in value) < 80:
            return "[" + ", ".join(string(v) for v in value) + "]"
        return "[\n" + ",\n".join(inner + _value(v, depth + 1) for v in value) + f"\n{pad}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return (
            "{\n" + "\n".join(f"{inner}{string(k)} = {_value(v, depth + 1)}" for k, v in value.items()) + f"\n{pad}}}"
        )
    raise TypeError(f"no HCL for {type(value).__name__}")


def string(text: str) -> str:
    """An HCL quoted string: JSON's escapes, plus `${` and `%{` doubled (no interpolation, no directives)."""
    return json.dumps(text, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")
