"""iam:CreateServiceLinkedRole for every service.

A service-linked role lets an AWS service act in the account with permissions the service defines.
Allowed on every role (Resource `*`, `arn:aws:iam::*:role/*`, NotResource, or through `iam:*` and
`*`), iam:CreateServiceLinkedRole lets the principal switch on any service's access, not only the
one it works with. IAM Access Analyzer warns of it in its "Create SLR with star in resource" checks
and their Action `*`, NotAction and NotResource variants; an iam:AWSServiceName condition or a
Resource naming the service's role path (`role/aws-service-role/sagemaker.amazonaws.com/*`) narrows it.

AWS managed policies are not reported: Access Analyzer's reference lists the ones that do this
(PowerUserAccess, AdministratorAccess, IAMFullAccess, ...) and says they are meant for power users and
administrators, who are given the permission on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.arns import covers_every
from iamkb.core.codes import define
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import Statement, Value, statement_covers

define(
    "CREATE_SERVICE_LINKED_ROLE_ANY_SERVICE",
    FindingType.WARNING,
    "iam:CreateServiceLinkedRole for every service",
    "iam:CreateServiceLinkedRole on every role lets the principal create the service-linked role of any AWS "
    "service, giving that service access to the account. Name the service with an iam:AWSServiceName condition, "
    "or the service's role in Resource (arn:aws:iam::<account>:role/aws-service-role/<service principal>/*).",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
    "#access-analyzer-reference-policy-checks-general-warning-create-slr-with-star-in-resource",
)

_SERVICE_LINKED_ROLES = "role/aws-service-role/*"

_CREATE_ROLE = policy("""\
    {
      "Sid": "CreateSageMakerServiceLinkedRole",
      "Effect": "Allow",
      "Action": "iam:CreateServiceLinkedRole",
      "Resource": "*",
      "Condition": {"StringEquals": {"iam:AWSServiceName": "sagemaker.amazonaws.com"}}
    }""")

EXAMPLES = {
    "CREATE_SERVICE_LINKED_ROLE_ANY_SERVICE": mistake(
        "identity",
        _CREATE_ROLE,
        ',\n      "Condition": {"StringEquals": {"iam:AWSServiceName": "sagemaker.amazonaws.com"}}',
        "",
        "without the condition, the principal can create the service-linked role of any service",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.managed or ctx.kind in ("trust", "scp", "rcp"):  # guardrails grant nothing
        return
    for statement in ctx.statements:
        if not statement.allows or "iam:awsservicename" in statement.condition_keys:
            continue
        if not statement_covers(statement, "iam:CreateServiceLinkedRole"):
            continue
        where = _every_service(statement)
        if where is None:
            continue
        others = sorted({entry.key for entry in statement.conditions})
        narrowed = f" (conditions on {', '.join(others)} may narrow it)" if others else ""
        yield ctx.finding(
            "CREATE_SERVICE_LINKED_ROLE_ANY_SERVICE",
            f"iam:CreateServiceLinkedRole is allowed for every service{narrowed}: the principal can give any AWS "
            "service its service-linked role in the account.",
            where,
            'Add "Condition": {"StringEquals": {"iam:AWSServiceName": "<service>.amazonaws.com"}} for the services '
            "that need one, or name their roles: arn:aws:iam::<account>:role/aws-service-role/<service>.amazonaws.com/*.",
        )


def _every_service(statement: Statement) -> str | None:
    """The pointer of what lets the statement create every service's role: a Resource entry covering all
    service-linked roles, or NotResource that does not exclude them all."""
    if statement.resource_element == "Resource":
        entry: Value | None = next(
            (
                v
                for v in statement.resources
                if isinstance(v.value, str) and covers_every(v.value, "iam", _SERVICE_LINKED_ROLES)
            ),
            None,
        )
        return entry.pointer if entry else None
    if statement.resource_element == "NotResource":
        excluded = [v.value for v in statement.resources if isinstance(v.value, str)]
        if not any(covers_every(e, "iam", _SERVICE_LINKED_ROLES) for e in excluded):
            return statement.at("NotResource")
    return None
