"""Conditions on keys whose value the caller writes: aws:Referer and aws:UserAgent.

Both come from an HTTP header of the request, so whoever sends the request chooses them. AWS's global
condition key reference says each "should not be used to prevent unauthorized parties from making direct
AWS requests" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-referer,
#condition-keys-useragent): an Allow that relies on one lets in anyone who sends the expected value, and a
Deny that relies on one stops only those who do not change it. Access Analyzer reports such a condition as
a security warning ("Untrustworthy condition key").
"""

from __future__ import annotations

from collections.abc import Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.codes import define
from iamkb.core.enums import Effect
from iamkb.core.findings import Finding, FindingType

_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"

define(
    "CALLER_SUPPLIED_CONDITION_KEY",
    FindingType.SECURITY_WARNING,
    "Condition on a header the caller chooses (aws:Referer, aws:UserAgent)",
    "aws:Referer and aws:UserAgent are copied from HTTP headers of the request, so the caller can send any value: "
    "an Allow that depends on one lets in whoever sends the expected value, and a Deny that depends on one is "
    "escaped by sending another. AWS says not to rely on them to keep unauthorized parties out. Use keys AWS sets "
    "itself (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp, ...). Access Analyzer reports this as a security "
    'warning ("Untrustworthy condition key").',
    _KEYS + "#condition-keys-referer",
)

_HEADER_KEYS = {"aws:referer": "Referer", "aws:useragent": "User-Agent"}

_FROM_THE_ENDPOINT = policy("""\
    {
      "Sid": "ReadImagesOnlyThroughTheLabelingEndpoint",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*",
      "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9"}}
    }""")
EXAMPLES = {
    "CALLER_SUPPLIED_CONDITION_KEY": mistake(
        "resource",
        _FROM_THE_ENDPOINT,
        '{"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9"}}',
        '{"StringNotLike": {"aws:Referer": "https://labeling.example.com/*"}}',
        "anyone who sends that Referer header reads the images; the endpoint id is set by AWS",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if statement.effect is None:
            continue
        for entry in statement.conditions:
            header = _HEADER_KEYS.get(entry.key.lower())
            if header is None:
                continue
            outcome = (
                "whoever sends the expected value gets what this statement allows"
                if statement.effect is Effect.ALLOW
                else "a caller escapes this Deny by sending another value"
            )
            yield ctx.finding(
                "CALLER_SUPPLIED_CONDITION_KEY",
                f"{entry.key} is the request's {header} header, which the caller writes: {outcome}.",
                entry.pointer,
                "Do not rely on it to keep anyone out; limit access with keys AWS sets, such as aws:PrincipalOrgID, "
                f"aws:SourceVpce or aws:SourceIp. See {_KEYS}#condition-keys-{header.lower().replace('-', '')}.",
                subject=entry.key,
            )
