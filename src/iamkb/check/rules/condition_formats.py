"""Values of condition keys that hold identifiers of a known shape: VPC and VPC endpoint ids, and the
`service.region.amazonaws.com` names of kms:ViaService.

A value of the wrong shape never matches, so an Allow on it grants nothing and a Deny on it (the
usual place for aws:SourceVpce) protects nothing. Access Analyzer reports each as an error
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
"Invalid vpc format", "Invalid vpce format", and "Invalid service principal format" for
kms:ViaService. (Region codes in conditions, its "Invalid Region", are arn_fields.INVALID_REGION.)
Only String operators are read here (the operators these keys take); values with policy variables
are known only at request time and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.arns import REGION_CODE
from iamkb.core.codes import define
from iamkb.core.conditions import ConditionOperator, Family, find_operator
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import ConditionEntry, condition_text
from iamkb.core.variables import GLOB, VAR, tokenize

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-"
E = FindingType.ERROR

define(
    "INVALID_VPC_ID",
    E,
    "aws:SourceVpc value is not a VPC id",
    "aws:SourceVpc holds the id of the VPC a request comes through: `vpc-` and 8 or 17 letters and digits. Any "
    'other value never matches. Access Analyzer reports it as an error ("Invalid vpc format").',
    _CHECKS + "error-invalid-vpc-format",
)
define(
    "INVALID_VPC_ENDPOINT_ID",
    E,
    "aws:SourceVpce value is not a VPC endpoint id",
    "aws:SourceVpce holds the id of the VPC endpoint a request comes through: `vpce-` and 8 or 17 letters and "
    "digits (a VPC id `vpc-...` is a different thing, for aws:SourceVpc). Any other value never matches. Access "
    'Analyzer reports it as an error ("Invalid vpce format").',
    _CHECKS + "error-invalid-vpce-format",
)
define(
    "INVALID_KMS_VIA_SERVICE",
    E,
    "kms:ViaService value is not service.region.amazonaws.com",
    "kms:ViaService names the service that called AWS KMS for the principal, with its Region: "
    "`s3.us-east-1.amazonaws.com`, all lowercase. The service principal form `s3.amazonaws.com` never matches. "
    'Access Analyzer reports it as an error ("Invalid service principal format").',
    "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service",
)

_ID = r"[0-9A-Za-z]{8}(?:[0-9A-Za-z]{9})?"  # 8 or 17 letters and digits, as Access Analyzer reads them
_VIA_SERVICE = re.compile(r"([a-z0-9-]+)\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?")

_FROM_THE_VPC = policy("""\
    {
      "Sid": "ReadImagesOnlyFromTheLabelingVpc",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*",
      "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}
    }""")
_THROUGH_THE_ENDPOINT = policy("""\
    {
      "Sid": "WriteLabelsOnlyThroughTheEndpoint",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::my-labeling-output/*",
      "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9"}}
    }""")
_KEY_THROUGH_S3 = policy("""\
    {
      "Sid": "UseTheOutputKeyOnlyThroughS3",
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}
    }""")
EXAMPLES = {
    "INVALID_VPC_ID": mistake("resource", _FROM_THE_VPC, '"vpc-1a2b3c4d"', '"vpc1a2b3c4d"'),
    "INVALID_VPC_ENDPOINT_ID": mistake(
        "resource", _THROUGH_THE_ENDPOINT, '"vpce-1a2b3c4d5e6f7a8b9"', '"vpc-1a2b3c4d5e6f7a8b9"'
    ),
    "INVALID_KMS_VIA_SERVICE": mistake(
        "identity", _KEY_THROUGH_S3, '"s3.us-east-1.amazonaws.com"', '"s3.amazonaws.com"'
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for entry in statement.conditions:
            checker = _CHECKERS.get(entry.key.lower())
            if checker is None:
                continue
            operator = find_operator(entry.operator)
            if operator is None or operator.family is not Family.STRING:
                continue  # other operators are CONDITION_OPERATOR_KEY_TYPE's business
            for value in entry.values:
                if isinstance(value.value, (str, int, float)):
                    yield from checker(
                        ctx, entry, operator, _Value(value.value, value.pointer, operator, statement.variables)
                    )


class _Value:
    """One value as the operator reads it: its text (lowercased under IgnoreCase), and whether it is a pattern."""

    def __init__(self, raw, pointer: str, operator: ConditionOperator, variables: bool):
        self.written = condition_text(raw)
        self.pointer = pointer
        self.text = self.written.lower() if operator.base.ignore_case else self.written
        tokens = tokenize(self.text, variables)
        self.has_variable = any(t.kind == VAR for t in tokens)
        self.is_pattern = operator.base.wildcards and any(
            t.kind == GLOB and ("*" in t.text or "?" in t.text) for t in tokens
        )
        self.variables = variables

    @property
    def fixed_start(self) -> str:
        """The text before the first wildcard (the whole text when there is none)."""
        return re.split(r"[*?]", self.text, maxsplit=1)[0] if self.is_pattern else self.text


def _identifier(code: str, prefix: str, other: tuple[str, str]) -> Callable:
    """The check of an id that is `prefix` and 8 or 17 letters and digits; `other` is the id of the
    neighbouring key that people mix up with it (prefix, key)."""
    whole = re.compile(re.escape(prefix) + _ID)

    def checker(
        ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator, value: _Value
    ) -> Iterator[Finding]:
        if value.has_variable:
            return
        start = value.fixed_start
        if value.is_pattern:
            rest = start[len(prefix) :]
            fine = prefix.startswith(start) or (start.startswith(prefix) and rest.isalnum() and len(rest) <= 17)
        else:
            fine = bool(whole.fullmatch(value.text))
        if fine:
            return
        mixed_up = value.text.startswith(other[0]) and not value.text.startswith(prefix)
        yield ctx.finding(
            code,
            f"'{value.written}' is not a valid {entry.key} value: an id is '{prefix}' followed by 8 or 17 letters "
            "and digits.",
            value.pointer,
            f"An id that starts with '{other[0]}' is compared with {other[1]}; write the '{prefix}...' id here."
            if mixed_up
            else f"Write the id as AWS shows it, such as '{prefix}1a2b3c4d'.",
        )

    return checker


def _via_service(
    ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator, value: _Value
) -> Iterator[Finding]:
    if value.has_variable:
        return
    text = value.text
    if value.is_pattern:
        problem = "has capital letters" if text != text.lower() else "has a URL scheme" if "://" in text else None
    else:
        parsed = _VIA_SERVICE.fullmatch(text)
        if parsed is None:
            problem = "is not in the form service.region.amazonaws.com"
        elif not REGION_CODE.match(parsed.group(2)):
            problem = f"has '{parsed.group(2)}' where the Region code belongs"
        else:
            problem = None
    if problem:
        service = text.split(".", 1)[0].lower() or "s3"
        yield ctx.finding(
            "INVALID_KMS_VIA_SERVICE",
            f"'{value.written}' {problem}, so kms:ViaService never equals it.",
            value.pointer,
            f"Write the calling service with its Region, all lowercase, such as '{service}.us-east-1.amazonaws.com' "
            f"(or '{service}.*.amazonaws.com' with StringLike for every Region).",
        )


_CHECKERS: dict[str, Callable] = {
    "aws:sourcevpc": _identifier("INVALID_VPC_ID", "vpc-", ("vpce-", "aws:SourceVpce")),
    "aws:sourcevpce": _identifier("INVALID_VPC_ENDPOINT_ID", "vpce-", ("vpc-", "aws:SourceVpc")),
    "kms:viaservice": _via_service,
}
