"""The form of the fields of a Resource ARN, and of Region codes in conditions.

IAM accepts `arn:aws:lambda:us-east1:11112222333:function:f` and never matches it: an account id
is 12 digits, a Region a code such as us-east-1, a service prefix lower case. IAM Access Analyzer
reports these as errors (its "Invalid ARN account", "Invalid ARN Region", "Invalid Region" and
"Invalid ARN service case" checks) and suggests against a wildcard inside a service name ("Wildcard
in service name"). Fields holding a wildcard, a policy variable or a `<placeholder>` are not judged.

Where the ARNs the entry is meant for (of the statement's actions, or else of its service) never have a
Region (or an account), a written one is reported by ARN_REGION_MISMATCH (ARN_ACCOUNT_MISMATCH) of the
resources check, so it is not judged here too.
The forms are those of `iamkb.core.arns`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core import iamcatalog
from iamkb.core.arns import (
    ACCOUNT_ID,
    REGION_CODE,
    Arn,
    is_pattern,
    resource_prefixes_differ,
    template_field,
    templates_of,
)
from iamkb.core.codes import define
from iamkb.core.conditions import Family, find_operator
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import Statement, Value, resolve_action

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
_REGIONS = "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html"

define(
    "INVALID_ARN_ACCOUNT",
    FindingType.ERROR,
    "Account field of the ARN is not an account id",
    "An account id is exactly 12 digits (keep the leading zeros, no hyphens), or `aws` for resources AWS owns "
    "such as managed policies. Any other text in the account field of a Resource ARN matches no resource.",
    f"{_CHECKS}#access-analyzer-reference-policy-checks-error-invalid-arn-account",
)
define(
    "INVALID_ARN_REGION",
    FindingType.ERROR,
    "Region field of the ARN is not a Region code",
    "A Region in an ARN is written as its code, such as `us-east-1` or `eu-central-1`: not a Region's name, "
    "an Availability Zone (`us-east-1a`) or a code in capitals. Any other text matches no resource.",
    f"{_CHECKS}#access-analyzer-reference-policy-checks-error-invalid-arn-region",
)
define(
    "INVALID_REGION",
    FindingType.ERROR,
    "Condition value is not a Region code",
    "Condition keys such as aws:RequestedRegion hold a Region code (`us-east-1`). A Region's name or an "
    "Availability Zone never equals the request's value, so the condition never matches (or, negated, always "
    "does).",
    f"{_CHECKS}#access-analyzer-reference-policy-checks-error-invalid-region",
)
define(
    "INVALID_ARN_SERVICE_CASE",
    FindingType.ERROR,
    "Service prefix of the ARN is not in lower case",
    "Resource ARNs are compared case-sensitively, and every service writes its prefix in lower case in its ARNs "
    "(`s3`, `sagemaker`), so an ARN with `S3` or `SageMaker` in the service field matches no resource.",
    f"{_CHECKS}#access-analyzer-reference-policy-checks-error-invalid-arn-service-case",
)
define(
    "WILDCARD_IN_SERVICE_NAME",
    FindingType.SUGGESTION,
    "Wildcard inside the service field of an ARN",
    "A service field such as `*code*` or `s3*` matches every service whose prefix fits, including services "
    "added later (there are more than a dozen with `code` in their prefix). Name the service.",
    f"{_CHECKS}#access-analyzer-reference-policy-checks-suggestion-wildcard-in-service-name",
)

# Condition keys whose values are Region codes: the global one, and each service's `<prefix>:Region`.
_REGION_KEY_NAMES = ("aws:requestedregion",)

_LAMBDA = policy("""\
    {
      "Sid": "InvokePreAnnotationFunction",
      "Effect": "Allow",
      "Action": "lambda:InvokeFunction",
      "Resource": "arn:aws:lambda:us-east-1:111122223333:function:gt-pre-annotation"
    }""")
_IN_ONE_REGION = policy("""\
    {
      "Effect": "Allow",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "arn:aws:sagemaker:*:111122223333:labeling-job/*",
      "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}
    }""")
_LABELING_JOBS = policy("""\
    {
      "Effect": "Allow",
      "Action": "sagemaker:DescribeLabelingJob",
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*"
    }""")

EXAMPLES = {
    "INVALID_ARN_ACCOUNT": mistake(
        "identity",
        _LAMBDA,
        ":111122223333:",
        ":1111-2222-3333:",
        "the account id as the console shows it, with hyphens",
    ),
    "INVALID_ARN_REGION": mistake(
        "identity", _LAMBDA, ":us-east-1:", ":us-east-1a:", "an Availability Zone where the ARN needs the Region"
    ),
    "INVALID_REGION": mistake(
        "identity", _IN_ONE_REGION, '"eu-west-1"', '"Europe (Ireland)"', "the Region's name instead of its code"
    ),
    "INVALID_ARN_SERVICE_CASE": mistake("identity", _LABELING_JOBS, "arn:aws:sagemaker:", "arn:aws:SageMaker:"),
    "WILDCARD_IN_SERVICE_NAME": mistake(
        "identity",
        _LABELING_JOBS,
        "arn:aws:sagemaker:",
        "arn:aws:sage*:",
        "sage* would also match any future service whose prefix starts with sage",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for value in statement.resources:
            if isinstance(value.value, str):
                yield from _resource_fields(ctx, statement, value)
        yield from _region_conditions(ctx, statement)


def _resource_fields(ctx: LintContext, statement: Statement, value: Value) -> Iterator[Finding]:
    arn = Arn.parse(value.value)
    if arn is None:
        return  # `*`, or a shape the grammar schema reports
    service = arn.service
    if service and not is_pattern(service) and service != service.lower():
        yield ctx.finding(
            "INVALID_ARN_SERVICE_CASE",
            f"The service prefix '{service}' in '{value.value}' is not in lower case, so the ARN matches no resource.",
            value.pointer,
            f"Write the prefix in lower case: '{service.lower()}'.",
        )
    elif _partial_wildcard(service):
        yield ctx.finding(
            "WILDCARD_IN_SERVICE_NAME",
            f"'{service}' in '{value.value}' matches every service whose prefix fits, including future ones.",
            value.pointer,
            "Name the service (one ARN per service if several are meant).",
        )

    def expected(field: int) -> bool:  # asked only of a field in the wrong form: the catalog lookup is rare
        return _has(_formats(statement, service.lower(), value.value), field)

    if arn.region and not is_pattern(arn.region) and not REGION_CODE.match(arn.region) and expected(3):
        yield ctx.finding(
            "INVALID_ARN_REGION",
            f"'{arn.region}' in '{value.value}' is not a Region code, so the ARN matches no resource.",
            value.pointer,
            _region_hint(arn.region),
        )
    if arn.account and not is_pattern(arn.account) and not ACCOUNT_ID.match(arn.account) and expected(4):
        yield ctx.finding(
            "INVALID_ARN_ACCOUNT",
            f"'{arn.account}' in '{value.value}' is not an account id, so the ARN matches no resource.",
            value.pointer,
            _account_hint(arn.account),
        )


def _partial_wildcard(service: str) -> bool:
    """`*code*` or `s3?`, but not `*` alone: every service is a deliberate choice, a pattern rarely is."""
    return service != "*" and ("*" in service or "?" in service) and "${" not in service


def _formats(statement: Statement, prefix: str, entry: str) -> tuple[str, ...]:
    """The ARN formats the entry is meant for: of its service, those of the statement's actions when the
    catalog lists some (else all the service's), and of those the ones whose resource part starts as the
    entry's does (`bucket/*` is an object, not an access point's object) when any does."""
    formats: tuple[str, ...] = ()
    if statement.action_element == "Action":
        formats = tuple(
            t
            for v in statement.actions
            for a in resolve_action(v.value).actions
            for t in templates_of(a)
            if template_field(t, 2) == prefix
        )
    formats = formats or _service_formats(prefix)
    alike = tuple(t for t in formats if not resource_prefixes_differ(entry, t))
    return alike or formats


@cache
def _service_formats(prefix: str) -> tuple[str, ...]:
    service = iamcatalog.service(prefix) if prefix and not is_pattern(prefix) else None
    return tuple(t for r in service.resource_types.values() for t in r.arn_templates) if service else ()


def _has(formats: tuple[str, ...], field: int) -> bool:
    """Whether some format has the field (3 the Region, 4 the account): where none has it, a written one is
    ARN_REGION_MISMATCH or ARN_ACCOUNT_MISMATCH. True when no format is known."""
    return not formats or any(template_field(t, field) for t in formats)


def _region_hint(text: str) -> str:
    zone = REGION_CODE.match(text[:-1]) if text[-1:].isalpha() else None
    if zone:
        return f"'{text}' is an Availability Zone; the Region is '{text[:-1]}'."
    if REGION_CODE.match(text.lower().replace("_", "-")):
        return f"Write the code in lower case with hyphens: '{text.lower().replace('_', '-')}'."
    return "Write the Region's code, such as us-east-1 or eu-central-1 (see the AWS Regions list: " + _REGIONS + ")."


def _account_hint(text: str) -> str:
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) == 12 and digits != text:
        return f"Write the 12 digits without separators: '{digits}'."
    if digits == text and len(text) < 12:
        return "Account ids are 12 digits: restore the leading zeros the value lost (for example in a spreadsheet)."
    return "Write the 12-digit account id (the console shows it in the account menu; `aws sts get-caller-identity`)."


def _region_conditions(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    for entry in statement.conditions:
        if not _is_region_key(entry.key):
            continue
        operator = find_operator(entry.operator)
        if operator is None or operator.family is not Family.STRING:
            continue  # Null takes true/false; other operators are another check's concern
        for value in entry.values:
            text = value.value
            if not isinstance(text, str) or is_pattern(text) or REGION_CODE.match(text):
                continue
            yield ctx.finding(
                "INVALID_REGION",
                f"'{text}' is not a Region code, so '{entry.key}' never equals it.",
                value.pointer,
                _region_hint(text),
            )


def _is_region_key(key: str) -> bool:
    lowered = key.lower()
    return lowered in _REGION_KEY_NAMES or (lowered.endswith(":region") and not lowered.startswith("aws:"))
