"""Condition keys that are only safe beside something else in their statement: a related key in the
same condition, or the effect that makes them restrict.

These are IAM Access Analyzer's security warnings "Missing paired condition keys" (the pair its
reference names: aws:VpcSourceIp with aws:SourceVpc), "DynamoDB attributes without select" and "S3
prefix in negative context"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
Keys that some of a statement's actions never see are action_support's.
"""

from __future__ import annotations

from collections.abc import Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.codes import define
from iamkb.core.conditions import Family, find_operator
from iamkb.core.enums import Effect
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import ConditionEntry, Statement

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-"

define(
    "MISSING_PAIRED_CONDITION_KEY",
    FindingType.SECURITY_WARNING,
    "aws:VpcSourceIp without aws:SourceVpc",
    "aws:VpcSourceIp is the private address a request comes from inside a VPC, and the same private ranges are "
    "used in many VPCs, other accounts' included. Without aws:SourceVpc in the same condition, a request from any "
    'VPC with that range matches. Access Analyzer reports the missing pair as a security warning ("Missing '
    'paired condition keys").',
    _CHECKS + "security-warning-missing-paired-condition-keys",
)
define(
    "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT",
    FindingType.SECURITY_WARNING,
    "dynamodb:Attributes without dynamodb:Select",
    "DynamoDB evaluates dynamodb:Attributes only for requests that name the attributes to return; a read without "
    "a projection expression has no such key and returns the whole item. Set dynamodb:Select to "
    "SPECIFIC_ATTRIBUTES in the same statement so every read must name its attributes. Access Analyzer reports it "
    'as a security warning ("DynamoDB attributes without select").',
    _CHECKS + "security-warning-dynamodb-attributes-without-select",
)
define(
    "S3_PREFIX_IN_NEGATIVE_CONTEXT",
    FindingType.SECURITY_WARNING,
    "s3:prefix in a Deny, or under a negated operator",
    "s3:prefix is the prefix a ListBucket request asks for, and a shorter prefix lists the same objects: a Deny of "
    "`private/*` does not stop a request for the prefix `priv`, nor for no prefix at all, and an Allow with "
    "StringNotLike lets such requests through the same way. To keep listing to some prefixes, allow them with "
    'StringLike, or deny with StringNotLike. Access Analyzer reports it as a security warning ("S3 prefix in '
    'negative context").',
    _CHECKS + "security-warning-s3-prefix-in-negative-context",
)

_FROM_THE_VPC = policy("""\
    {
      "Sid": "ReadImagesFromTheLabelingVpc",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*",
      "Condition": {
        "IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"},
        "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}
      }
    }""")
_WORKER_NAMES = policy("""\
    {
      "Sid": "ReadOnlyWorkerNames",
      "Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:Query"],
      "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/LabelingWorkers",
      "Condition": {
        "ForAllValues:StringEquals": {"dynamodb:Attributes": ["WorkerId", "DisplayName"]},
        "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}
      }
    }""")
_NOT_THE_PRIVATE_PREFIX = policy("""\
    {
      "Sid": "DenyListingOutsideTheImages",
      "Effect": "Deny",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::my-labeling-input",
      "Condition": {"StringNotLike": {"s3:prefix": "images/*"}}
    }""")
EXAMPLES = {
    "MISSING_PAIRED_CONDITION_KEY": mistake(
        "resource", _FROM_THE_VPC, ',\n        "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}', ""
    ),
    "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT": mistake(
        "identity", _WORKER_NAMES, ',\n        "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}', ""
    ),
    "S3_PREFIX_IN_NEGATIVE_CONTEXT": mistake(
        "identity",
        _NOT_THE_PRIVATE_PREFIX,
        '"StringNotLike": {"s3:prefix": "images/*"}',
        '"StringLike": {"s3:prefix": "private/*"}',
        "meant to keep labelers out of private/; a request for the prefix priv still lists it",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if statement.conditions:
            yield from _pairs(ctx, statement.conditions)
            yield from _s3_prefix(ctx, statement)


def _s3_prefix(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    if statement.effect is None:
        return
    deny = statement.effect is Effect.DENY
    for entry in statement.conditions:
        operator = find_operator(entry.operator)
        if entry.key.lower() != "s3:prefix" or operator is None or operator.family is not Family.STRING:
            continue
        if deny != operator.negated:
            where = "a Deny statement" if deny else f"an Allow statement with '{entry.operator}'"
            hint = (
                "Deny with StringNotLike and the prefixes that may be listed, or allow those prefixes with StringLike."
                if deny
                else "Allow the prefixes that may be listed with StringLike instead."
            )
            yield ctx.finding(
                "S3_PREFIX_IN_NEGATIVE_CONTEXT",
                f"s3:prefix in {where} does not keep the objects under these prefixes from being listed: a request "
                "for a shorter prefix, or for none, lists them too.",
                entry.pointer,
                hint,
            )


def _pairs(ctx: LintContext, entries: list[ConditionEntry]) -> Iterator[Finding]:
    first: dict[str, ConditionEntry] = {}
    for entry in entries:
        first.setdefault(entry.key.lower(), entry)
    source_ip = first.get("aws:vpcsourceip")
    if source_ip is not None and "aws:sourcevpc" not in first:
        yield ctx.finding(
            "MISSING_PAIRED_CONDITION_KEY",
            "aws:VpcSourceIp is compared without aws:SourceVpc: a request from any VPC that uses this private range "
            "matches, in any account.",
            source_ip.pointer,
            'Add the VPC to the same condition, such as "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}.',
        )
    attributes = first.get("dynamodb:attributes")
    selected = {text for entry in entries if entry.key.lower() == "dynamodb:select" for text in entry.texts}
    if attributes is not None and "SPECIFIC_ATTRIBUTES" not in selected:
        yield ctx.finding(
            "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT",
            "dynamodb:Attributes is restricted, but dynamodb:Select is not set to SPECIFIC_ATTRIBUTES: a read that "
            "names no attributes returns every attribute of the item.",
            attributes.pointer,
            'Add "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"} to the same condition.',
        )
