"""What AWS Organizations asks of a resource control policy beyond its grammar (`iamkb check --kind rcp`).

The grammar (schemas/iam-policy.schema.json, `rcpPolicy` and `scpPolicy`) already refuses the elements
Organizations does not support: Principal and NotPrincipal in an SCP, NotPrincipal and NotAction in an
RCP; the size limit of both is in `structure`. This module has the rules about values, which the grammar
cannot put in words: an RCP names every principal (`"Principal": "*"`), denies (Allow is only the shape of
RCPFullAWSAccess), and names only services that support RCPs. It also has Access Analyzer's three
warnings about conditions that make an RCP's Deny reach more callers than meant: AWS services acting for
you, or your own principals. Sources: RCP syntax
(https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html), the
services that support RCPs (`iamkb.core.enums.RCP_SERVICES`), and the RCP checks of the Access Analyzer
policy check reference (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
SCPs have no rule of their own here: since September 2025 they take the whole IAM policy language except
principals.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.check.rules.principals import SOURCE_KEYS, holds_without_key
from iamkb.core import iamcatalog
from iamkb.core.codes import define
from iamkb.core.conditions import Family, find_operator
from iamkb.core.enums import RCP_SERVICES
from iamkb.core.findings import Finding, FindingType
from iamkb.core.output import clip
from iamkb.core.patterns import action_test, has_wildcard
from iamkb.core.policy import ConditionEntry, Statement, Value

E, W = FindingType.ERROR, FindingType.WARNING
_SYNTAX = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html"
_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

define(
    "RCP_PRINCIPAL",
    E,
    'RCP statement without "Principal": "*"',
    "Every statement of a resource control policy needs a Principal, and the only value AWS Organizations takes is "
    '"*": an RCP applies to whoever calls. To aim a statement at some callers, keep "*" and say who in a Condition, '
    "for example with aws:PrincipalOrgID or aws:PrincipalAccount (Access Analyzer: RCP_SYNTAX_ERROR_PRINCIPAL).",
    _SYNTAX + "#rcp-syntax-principal",
)
define(
    "RCP_ALLOW",
    E,
    "Allow statement in an RCP",
    "An RCP sets the most anyone may do with a member account's resources, so the statements you write deny. The "
    'one Allow AWS accepts is the shape of RCPFullAWSAccess, "*" principals on "*" resources without a Condition, '
    "and that policy is already attached to every root, OU and account and cannot be detached: an Allow of your own "
    "never widens anything. Write what must not happen as a Deny instead (Access Analyzer: RCP_SYNTAX_ERROR_ALLOW).",
    _SYNTAX + "#rcp-syntax-effect",
)
define(
    "RCP_UNSUPPORTED_ACTION",
    E,
    "RCP action of a service that does not support RCPs",
    "RCPs apply only to the actions of the services AWS Organizations lists as supporting them (Amazon S3, AWS STS, "
    "AWS KMS, Amazon SQS, AWS Secrets Manager and about sixty others), so an RCP's Action names those services' "
    'prefixes, and a customer RCP cannot use "*" for every service. For any other service, restrict the callers '
    "with an SCP or the resource's own policy (Access Analyzer: RCP_SYNTAX_ERROR_ACTION).",
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services",
)
define(
    "RCP_DENY_CATCHES_SERVICE_PRINCIPALS",
    W,
    "RCP Deny on a principal key that also stops AWS services",
    "An RCP applies to AWS services acting for you as well as to IAM users and roles. A service principal has no "
    "account, organization or tags, so a Deny that holds when aws:PrincipalOrgID or aws:PrincipalAccount is not "
    "your own also stops services delivering logs, replicating objects or decrypting for you. AWS recommends "
    'adding "BoolIfExists": {"aws:PrincipalIsAWSService": "false"} to such a statement (Access Analyzer: '
    "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY).",
    _CHECKS + "#access-analyzer-reference-policy-checks-general-warning-rcp-missing-related-principal-condition-key",
)
define(
    "RCP_DENY_CATCHES_IAM_PRINCIPALS",
    W,
    "RCP Deny on a source key that also stops your own principals",
    "aws:SourceOrgID, aws:SourceAccount, aws:SourceArn and aws:SourceOrgPaths are set only when an AWS service "
    "calls for a resource (the confused deputy keys). A Deny that holds when they are missing or foreign also stops "
    "every IAM user and role, whose requests never carry them. AWS recommends adding "
    '"Bool": {"aws:PrincipalIsAWSService": "true"} so that the statement applies only to services (Access Analyzer: '
    "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY); a Null check on aws:SourceAccount also keeps them out.",
    _CHECKS
    + "#access-analyzer-reference-policy-checks-general-warning-rcp-missing-related-service-principal-condition-key",
)
define(
    "RCP_SOURCE_KEY_WITHOUT_NULL_CHECK",
    W,
    "RCP Deny on a source key without a Null check",
    "Some AWS services call your resources without aws:SourceAccount or aws:SourceArn, for example when they act "
    "on their own account's behalf. A Deny that holds when aws:SourceOrgID or another source key is missing stops "
    'those calls too. AWS recommends adding "Null": {"aws:SourceAccount": "false"} (or aws:SourceArn) so that the '
    "statement applies only to calls that name a source (Access Analyzer: "
    "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK).",
    _CHECKS + "#access-analyzer-reference-policy-checks-general-warning-rcp-missing-service-condition-key-null-check",
)

# Properties of an IAM principal that an AWS service principal's requests do not carry ("Properties of the
# principal", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html), lower case.
# The service keys of that section (aws:PrincipalIsAWSService, aws:PrincipalServiceName...) are left out.
_PRINCIPAL_KEYS = frozenset(
    {
        "aws:principalarn",
        "aws:principalaccount",
        "aws:principalorgid",
        "aws:principalorgpaths",
        "aws:principaltype",
        "aws:userid",
        "aws:username",
    }
)
_PRINCIPAL_KEY_FAMILIES = ("aws:principaltag/",)
_IS_SERVICE = "aws:principalisawsservice"
_NULL_CHECKED_SOURCES = frozenset({"aws:sourceaccount", "aws:sourcearn"})


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind != "rcp":
        return
    for statement in ctx.statements:
        yield from _principal(ctx, statement)
        if statement.allows:
            yield from _allow(ctx, statement)
        if statement.action_element == "Action":
            for value in statement.actions:
                yield from _action(ctx, value)
        if not statement.allows:
            yield from _reach(ctx, statement)


def _principal(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    if statement.principal_element == "NotPrincipal":
        return  # the grammar refuses NotPrincipal in an RCP and suggests Principal
    hint = (
        'Write "Principal": "*" and say whom the statement is about in a Condition, such as '
        '"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}.'
    )
    if statement.principal_element is None:
        yield ctx.finding(
            "RCP_PRINCIPAL",
            'This RCP statement has no Principal; every statement of an RCP needs "Principal": "*".',
            statement.pointer,
            hint,
        )
    elif statement.principal != "*":
        shown = clip(json.dumps(statement.principal, ensure_ascii=False))
        yield ctx.finding(
            "RCP_PRINCIPAL",
            f'RCPs take only "Principal": "*", which applies the statement to every caller, not {shown}.',
            statement.at("Principal"),
            hint,
        )


def _allow(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    problems = []
    if statement.resource_element == "NotResource" or any(v.value != "*" for v in statement.resources):
        problems.append('resources other than "*"')
    if statement.conditions or "Condition" in statement.raw:
        problems.append("a Condition")
    if problems:
        yield ctx.finding(
            "RCP_ALLOW",
            f"This RCP statement allows, with {' and '.join(problems)}; the only Allow an RCP takes is that of "
            'RCPFullAWSAccess, on "*" principals and "*" resources without a Condition.',
            statement.at("Effect"),
            'Write what must not happen as a Deny: "Effect": "Deny" with the condition reversed (StringEquals '
            "becomes StringNotEquals, true becomes false). RCPFullAWSAccess already allows everything else.",
        )


def _action(ctx: LintContext, value: Value) -> Iterator[Finding]:
    text = value.value
    if not isinstance(text, str) or "<" in text:
        return  # a placeholder: rules/variables reports it
    if text == "*":
        if not ctx.managed:  # RCPFullAWSAccess, the AWS managed RCP, is "*" on "*"
            yield ctx.finding(
                "RCP_UNSUPPORTED_ACTION",
                'A customer RCP cannot use "*" as an action; it names the services it restricts.',
                value.pointer,
                'List the services, such as "s3:*" and "sqs:*", among those that support RCPs.',
            )
        return
    prefix = text.partition(":")[0].lower()
    if has_wildcard(prefix):
        matches = action_test(prefix)
        unsupported = sorted(p for p in iamcatalog.service_prefixes() if matches(p) and p not in RCP_SERVICES)
        if unsupported:
            shown = ", ".join(unsupported[:3]) + (f" and {len(unsupported) - 3} more" if len(unsupported) > 3 else "")
            yield ctx.finding(
                "RCP_UNSUPPORTED_ACTION",
                f"'{text}' also names services that do not support RCPs: {shown}.",
                value.pointer,
                'Name each service by its own prefix, such as "s3:*", choosing among those that support RCPs.',
            )
    elif prefix not in RCP_SERVICES and iamcatalog.service(prefix) is not None:  # unknown ones: catalog_checks
        yield ctx.finding(
            "RCP_UNSUPPORTED_ACTION",
            f"'{text}' is an action of {prefix}, which does not support RCPs; the statement cannot apply to it.",
            value.pointer,
            f"Restrict {prefix} with an SCP (what your principals may do) or with the resource's own policy, and keep "
            "the RCP for services that support RCPs.",
        )


def _reach(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    """Deny conditions that also hold for callers the statement is not about (Access Analyzer's RCP warnings)."""
    entries = statement.conditions
    services_excluded = any(_is_service_test(entry, "false") for entry in entries)
    principals_excluded = any(_is_service_test(entry, "true") for entry in entries)
    null_checked = {entry.key.lower() for entry in entries if _requires_key(entry)}
    for entry in entries:
        key = entry.key.lower()
        if not holds_without_key(entry):
            continue  # the Deny does not apply when the key is missing, so callers without it are not caught
        if _is_principal_key(key) and not services_excluded and key not in null_checked:
            yield ctx.finding(
                "RCP_DENY_CATCHES_SERVICE_PRINCIPALS",
                f"This Deny holds when {entry.key} is missing, and AWS services calling for you never have it: the "
                "statement also stops them.",
                entry.pointer,
                'Add "BoolIfExists": {"aws:PrincipalIsAWSService": "false"} to the Condition so that the statement '
                "applies only to IAM principals.",
            )
        if key in SOURCE_KEYS:
            if not principals_excluded and not null_checked & _NULL_CHECKED_SOURCES:
                yield ctx.finding(
                    "RCP_DENY_CATCHES_IAM_PRINCIPALS",
                    f"This Deny holds when {entry.key} is missing, and requests of IAM users and roles never have "
                    "it: the statement stops every one of your own principals too.",
                    entry.pointer,
                    'Add "Bool": {"aws:PrincipalIsAWSService": "true"} to the Condition so that the statement applies '
                    "only to AWS services.",
                )
            if not null_checked & _NULL_CHECKED_SOURCES and not _is_null_test(entry):
                yield ctx.finding(
                    "RCP_SOURCE_KEY_WITHOUT_NULL_CHECK",
                    f"This Deny holds when {entry.key} is missing, which it is for AWS services that call without a "
                    "source: the statement stops those calls too.",
                    entry.pointer,
                    'Add "Null": {"aws:SourceAccount": "false"} to the Condition so that the statement applies only '
                    "to calls that name the account they come from.",
                )


def _is_principal_key(key: str) -> bool:
    return key in _PRINCIPAL_KEYS or key.startswith(_PRINCIPAL_KEY_FAMILIES)


def _is_service_test(entry: ConditionEntry, answer: str) -> bool:
    """`"Bool": {"aws:PrincipalIsAWSService": answer}` (or BoolIfExists: every request has the key)."""
    operator = find_operator(entry.operator)
    return (
        operator is not None
        and operator.family is Family.BOOL
        and operator.qualifier is None
        and entry.key.lower() == _IS_SERVICE
        and tuple(text.lower() for text in entry.texts) == (answer,)
    )


def _is_null_test(entry: ConditionEntry) -> bool:
    operator = find_operator(entry.operator)
    return operator is not None and operator.family is Family.NULL and operator.qualifier is None


def _requires_key(entry: ConditionEntry) -> bool:
    """`"Null": {key: "false"}`: the statement applies only to requests that have the key."""
    return _is_null_test(entry) and tuple(text.lower() for text in entry.texts) == ("false",)


# --- examples: the guardrails of an organization whose Ground Truth team labels data in S3 -----------------

# Only the organization's principals (and AWS services acting for it) may read or write the labeling data.
_PERIMETER = policy("""\
    {
      "Sid": "LabelingDataStaysInTheOrganization",
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": ["arn:aws:s3:::my-labeling-input/*", "arn:aws:s3:::my-labeling-output/*"],
      "Condition": {
        "StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},
        "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}
      }
    }""")
# The labeling buckets are reached only over TLS.
_TLS = policy("""\
    {
      "Sid": "LabelingDataOnlyOverTls",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::my-labeling-input/*", "arn:aws:s3:::my-labeling-output/*"],
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }""")
# The part of _TLS from its Effect to its Condition: written as an Allow, it is what people first try.
_TLS_BODY = _TLS[_TLS.index('"Effect"') : _TLS.index('"false"}}') + len('"false"}}')]
# AWS services may act on the organization's resources only for the organization's own resources.
_DEPUTY = policy("""\
    {
      "Sid": "ServicesActOnlyForTheOrganization",
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["s3:*", "sqs:*", "kms:*"],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {"aws:SourceOrgID": "o-a1b2c3d4e5"},
        "Null": {"aws:SourceAccount": "false"},
        "Bool": {"aws:PrincipalIsAWSService": "true"}
      }
    }""")

EXAMPLES = {
    "RCP_PRINCIPAL": mistake(
        "rcp",
        _TLS,
        '"Principal": "*"',
        '"Principal": {"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"}',
        "meant as: the rule for the labeling job's execution role, written as in a bucket policy",
    ),
    "RCP_ALLOW": mistake(
        "rcp",
        _TLS,
        _TLS_BODY,
        _TLS_BODY.replace('"Deny"', '"Allow"').replace('"false"', '"true"'),
        "meant as: allow the labeling buckets only over TLS",
    ),
    "RCP_UNSUPPORTED_ACTION": mistake(
        "rcp",
        _DEPUTY,
        '["s3:*", "sqs:*", "kms:*"]',
        '["s3:*", "sqs:*", "kms:*", "sagemaker:*"]',
        "meant as: the same protection for the organization's SageMaker labeling jobs",
    ),
    "RCP_DENY_CATCHES_SERVICE_PRINCIPALS": mistake(
        "rcp",
        _PERIMETER,
        ',\n        "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}',
        "",
        "Ground Truth reads the input bucket through the execution role, but S3 replication or inventory would be "
        "denied too",
    ),
    "RCP_DENY_CATCHES_IAM_PRINCIPALS": mistake(
        "rcp",
        _DEPUTY,
        ',\n        "Null": {"aws:SourceAccount": "false"},\n        "Bool": {"aws:PrincipalIsAWSService": "true"}',
        "",
        "as written, the execution role itself could no longer read the labeling data",
    ),
    "RCP_SOURCE_KEY_WITHOUT_NULL_CHECK": mistake(
        "rcp",
        _DEPUTY,
        ',\n        "Null": {"aws:SourceAccount": "false"}',
        "",
    ),
}
