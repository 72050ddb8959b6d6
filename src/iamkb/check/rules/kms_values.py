"""Condition keys that hold the ARN of a KMS key, given something else: a key id, an alias, another ARN.

Services that let a policy say which KMS key a request may use (`s3:x-amz-server-side-encryption-aws-kms-key-id`,
`sagemaker:VolumeKmsKeyArn`, `secretsmanager:KmsKeyArn`, ...) define those keys with the ARN type (Service
Authorization Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-policy-keys):
the request carries the key's ARN, `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`. A value that cannot be such an ARN
never matches: an Allow on it grants nothing, a Deny on it (the usual "only our key" guard) protects nothing.
Access Analyzer reports it as an error ("Invalid kms key value").

Which keys: those the IAM catalog types as ARN (or ArrayOfARN) whose name says KMS, so the list follows the
catalog. Values are read as their operator reads them (wildcards under ...Like and the ARN operators, case
under ...IgnoreCase); a value that may still name a key ARN (a pattern, a policy variable) is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core import iamcatalog
from iamkb.core.codes import define
from iamkb.core.conditions import Family, find_operator
from iamkb.core.findings import Finding, FindingType
from iamkb.core.patterns import compile_pattern, overlaps
from iamkb.core.placeholders import PLACEHOLDER
from iamkb.core.policy import condition_text

_CHECK = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
    "#access-analyzer-reference-policy-checks-error-invalid-kms-key-value"
)

define(
    "INVALID_KMS_KEY_ARN",
    FindingType.ERROR,
    "Condition value is not a KMS key ARN",
    "The condition key holds the ARN of the KMS key the request uses (`arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`), "
    "but the value cannot be one: a key id, an alias or its ARN, another service's ARN. It never matches, so an "
    "Allow on it grants nothing and a Deny on it protects nothing. Access Analyzer reports it as an error "
    '("Invalid kms key value").',
    _CHECK,
)

_KEY_ARN = compile_pattern("arn:*:kms:*:*:key/*", arn=True)
_FAMILIES = (Family.STRING, Family.ARN)

_OUTPUT_KEY = policy("""\
    {
      "Sid": "WriteLabelsOnlyWithTheOutputKey",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::my-labeling-output/*",
      "Condition": {
        "StringNotEquals": {
          "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      }
    }""")
EXAMPLES = {
    "INVALID_KMS_KEY_ARN": mistake(
        "resource",
        _OUTPUT_KEY,
        '"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
        '"alias/labeling-output"',
        "S3 compares the key's ARN: with an alias here the Deny refuses every upload, even those with the right key",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for entry in statement.conditions:
            if not _holds_key_arn(entry.key.lower()):
                continue
            operator = find_operator(entry.operator)
            if operator is None or operator.base.family not in _FAMILIES:
                continue  # other operators are CONDITION_OPERATOR_KEY_TYPE's business
            for value in entry.values:
                if not isinstance(value.value, str) or PLACEHOLDER.search(value.value):
                    continue  # a <placeholder> is the placeholder check's
                text = condition_text(value.value)
                pattern = compile_pattern(
                    text.lower() if operator.base.ignore_case else text,
                    arn=None if operator.base.family is Family.ARN else False,  # String operators: `*` spans colons
                    fold_case=operator.base.ignore_case,
                    variables=statement.variables,
                    wildcards=operator.base.wildcards,
                )
                if overlaps(pattern, _KEY_ARN):
                    continue
                yield ctx.finding(
                    "INVALID_KMS_KEY_ARN",
                    f"'{text}' is not a KMS key ARN, so {entry.key} never equals it.",
                    value.pointer,
                    "Write the key's ARN, such as 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-"
                    "1234567890ab' (the key's page in the KMS console shows it); an alias or a key id never matches.",
                    subject=text,
                )


@cache
def _holds_key_arn(lowered: str) -> bool:
    """Whether the catalog types this service key as the ARN of a KMS key."""
    prefix = lowered.partition(":")[0]
    if "kms" not in lowered.partition(":")[2] or prefix not in iamcatalog.service_prefixes():
        return False
    service = iamcatalog.service(prefix)
    key = service.condition_key(lowered) if service else None
    return key is not None and key.type in ("ARN", "ArrayOfARN")
