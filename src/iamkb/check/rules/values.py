"""Condition operators against their values and keys, and ARN partitions.

A condition value that cannot be read as the operator's type (a date that is not ISO 8601, an IP
range that is not CIDR) matches no request value, and IAM does not say so when the policy is saved;
nor does it object to `StringEquals` on an IP address key. These checks make both visible.

A value of the wrong type has one code per type, at Access Analyzer's finding type: its general
warnings "Type mismatch Boolean", "Type mismatch date", "Type mismatch number" and "Type mismatch
string" (base64, for BinaryEquals), and its error "Type mismatch IP range"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
The test of a value is `iamkb.core.conditions.value_fits`, the one the simulator reads values with:
the lint reports exactly the values the simulator reads as matching nothing (tests/test_agreement.py).

Set operators follow Access Analyzer's reading
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
`ForAllValues:` on a single-valued key is a security warning ("ForAllValues with single valued
key": it also holds when the key is missing), `ForAnyValue:` there only a suggestion; and a
`...Like` string operator on an ARN key is a security warning ("String like operator with ARN
condition keys": its `*` runs across the ARN's fields, where an ARN operator keeps it in one).
"""

from __future__ import annotations

from collections.abc import Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.condition_values import OFFICE_NETWORK, RECENT_MFA, TLS_ONLY, UNTIL_END_OF_PROJECT
from iamkb.check.rules.context import LintContext
from iamkb.core import iamcatalog
from iamkb.core.codes import define
from iamkb.core.conditions import (
    ConditionOperator,
    Family,
    SetQualifier,
    find_operator,
    value_fits,
)
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import ConditionEntry, Statement, Value, condition_text
from iamkb.core.variables import has_variables, tokenize

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

define(
    "FORALLVALUES_ON_SINGLE_VALUED_KEY",
    FindingType.SECURITY_WARNING,
    "ForAllValues on a single-valued key",
    "`ForAllValues:` asks that every value of the key in the request match, so it also holds when the key is "
    "missing or empty. On a key that has one value at most (aws:SourceAccount, aws:PrincipalArn) that makes an "
    "Allow grant more than the plain operator would, to requests without the key. Access Analyzer reports it "
    "as a security warning; remove the qualifier.",
    _CHECKS + "#access-analyzer-reference-policy-checks-security-warning-forallvalues-with-single-valued-key",
)
define(
    "STRING_LIKE_ON_ARN_KEY",
    FindingType.SECURITY_WARNING,
    "StringLike on an ARN condition key",
    "A `*` in a StringLike value runs across the whole string, colons included, while an ARN operator keeps each "
    "wildcard inside one of the ARN's six fields; `arn:aws:iam::*:role/admin` under StringLike also matches ARNs "
    "whose account field is not an account. Access Analyzer reports StringLike on an ARN-typed key as a security "
    "warning (five AWS managed policies are its documented exceptions); use ArnLike.",
    _CHECKS + "#access-analyzer-reference-policy-checks-security-warning-string-like-operator-with-arn-condition-keys",
)

_OPERATORS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"
_MATCHES_NOTHING = (
    "No request value can equal such a value or lie on either side of it, so it matches nothing: a positive "
    "operator is never true for it and a negated one always is (iamkb's simulator reads it so)."
)
define(
    "CONDITION_VALUE_NOT_NUMBER",
    FindingType.WARNING,
    "Numeric condition value that is not a number",
    'A Numeric operator compares integers or decimals, such as `3600`; `"ten"` or `"1e3"` is no number. '
    + _MATCHES_NOTHING
    + ' Access Analyzer warns about it ("Type mismatch number").',
    _OPERATORS + "#Conditions_Numeric",
)
define(
    "CONDITION_VALUE_NOT_DATE",
    FindingType.WARNING,
    "Date condition value that is not a date",
    "A Date operator compares a W3C ISO 8601 date or time (`2026-12-31`, `2026-12-31T23:59:59Z`) or epoch "
    'seconds; `"31/12/2026"` is neither. '
    + _MATCHES_NOTHING
    + ' Access Analyzer warns about it ("Type mismatch date").',
    _OPERATORS + "#Conditions_Date",
)
define(
    "CONDITION_VALUE_NOT_BOOLEAN",
    FindingType.WARNING,
    "Bool or Null condition value that is neither true nor false",
    "Bool compares a key with `true` or `false`, and Null takes `true` (the key is absent) or `false` (it is "
    'present); `"yes"` is neither, and neither is a policy variable, which these operators do not substitute. '
    + _MATCHES_NOTHING
    + ' Access Analyzer warns about it ("Type mismatch Boolean").',
    _OPERATORS + "#Conditions_Boolean",
)
define(
    "CONDITION_VALUE_NOT_BASE64",
    FindingType.WARNING,
    "BinaryEquals value that is not base64",
    "BinaryEquals compares the key's bytes with the base64-encoded value in the policy; text that is not base64 "
    "decodes to no bytes. "
    + _MATCHES_NOTHING
    + ' Access Analyzer warns about it ("Type mismatch string": a base64-encoded string).',
    _OPERATORS + "#Conditions_BinaryEquals",
)
define(
    "CONDITION_VALUE_TYPE",
    FindingType.ERROR,
    "IP range or ARN condition value that is not one",
    "IpAddress and NotIpAddress take an IPv4 or IPv6 address or CIDR range (`203.0.113.0/24`), and the ARN "
    "operators an ARN (or `*`), whose six fields they compare one by one; `10.0.0.300/24` is no range and "
    "`my-bucket` no ARN. A range that is not one matches no request value, so IpAddress is never true for it "
    'and NotIpAddress always is. Access Analyzer reports a bad range as an error ("Type mismatch IP range"); '
    "the other types of value are warnings of their own (CONDITION_VALUE_NOT_NUMBER, CONDITION_VALUE_NOT_DATE, "
    "CONDITION_VALUE_NOT_BOOLEAN, CONDITION_VALUE_NOT_BASE64).",
    _OPERATORS + "#Conditions_IPAddress",
)
# The code that reports a value of each family that is not of its type.
TYPE_CODES = {
    Family.NUMERIC: "CONDITION_VALUE_NOT_NUMBER",
    Family.DATE: "CONDITION_VALUE_NOT_DATE",
    Family.BOOL: "CONDITION_VALUE_NOT_BOOLEAN",
    Family.NULL: "CONDITION_VALUE_NOT_BOOLEAN",
    Family.BINARY: "CONDITION_VALUE_NOT_BASE64",
    Family.IP_ADDRESS: "CONDITION_VALUE_TYPE",
    Family.ARN: "CONDITION_VALUE_TYPE",
}

_USER_AGENT = policy("""\
    {
      "Sid": "LabelOnlyFromTheLabelingTool",
      "Effect": "Allow",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*",
      "Condition": {"BinaryEquals": {"aws:UserAgent": "TGFiZWxpbmdUb29s"}}
    }""")
_PASS_ROLE = """\
    {
      "Sid": "PassExecutionRole",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole",
      "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}
    }"""
_INPUT_FROM_OWN_ACCOUNT = """\
    {
      "Sid": "ReadInputFromOwnRoles",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/GroundTruth*"}}
    }"""
EXAMPLES = {
    "CONDITION_VALUE_NOT_NUMBER": mistake("identity", RECENT_MFA, '"3600"', '"one hour"'),
    "CONDITION_VALUE_NOT_DATE": mistake("identity", UNTIL_END_OF_PROJECT, '"2026-12-31T23:59:59Z"', '"31/12/2026"'),
    "CONDITION_VALUE_NOT_BOOLEAN": mistake("resource", TLS_ONLY, '"false"', '"no"'),
    "CONDITION_VALUE_NOT_BASE64": mistake(
        "identity", _USER_AGENT, '"TGFiZWxpbmdUb29s"', '"Labeling Tool"', "the text itself, not its base64 encoding"
    ),
    "CONDITION_VALUE_TYPE": mistake("identity", OFFICE_NETWORK, '"203.0.113.0/24"', '"203.0.113.0/33"'),
    "FORALLVALUES_ON_SINGLE_VALUED_KEY": mistake(
        "identity", policy(_PASS_ROLE), '"StringEquals"', '"ForAllValues:StringEquals"'
    ),
    "STRING_LIKE_ON_ARN_KEY": mistake("resource", policy(_INPUT_FROM_OWN_ACCOUNT), '"ArnLike"', '"StringLike"'),
}

PARTITIONS = frozenset({"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"})

# Operator families that may compare a key of each type. Flagged are only the comparisons that
# cannot work as meant: string operators compare any key's text form and ARN operators any string
# holding an ARN (AWS's own policies do both: `StringEquals` on aws:ViaAWSService, `ArnLike` on
# kms:EncryptionContext:aws:s3:arn), but a number, date, boolean or IP operator needs that type.
# aws:EpochTime is compared as a date or a number.
_ACCEPTED_FAMILIES = {
    "String": {Family.STRING, Family.ARN},
    "ARN": {Family.ARN, Family.STRING},
    "Numeric": {Family.NUMERIC, Family.STRING},
    "Date": {Family.DATE, Family.STRING},
    "Bool": {Family.BOOL, Family.STRING},
    "IPAddress": {Family.IP_ADDRESS},
    "Binary": {Family.BINARY, Family.STRING},
}
_EXAMPLE_OPERATOR = {
    "String": "StringEquals",
    "ARN": "ArnLike",
    "Numeric": "NumericLessThan",
    "Date": "DateGreaterThan",
    "Bool": "Bool",
    "IPAddress": "IpAddress",
    "Binary": "BinaryEquals",
}
_EXPECTED = {
    Family.NUMERIC: 'a number, such as 10 or "10"',
    Family.DATE: 'an ISO 8601 date such as "2026-12-31T23:59:59Z", or epoch seconds',
    Family.BOOL: "true or false",
    Family.NULL: "true (the key is absent) or false (the key is present)",
    Family.IP_ADDRESS: 'an IPv4 or IPv6 address or CIDR range, such as "203.0.113.0/24"',
    Family.ARN: 'an ARN, such as "arn:aws:iam::111122223333:role/name"',
    Family.BINARY: "base64-encoded bytes",
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for entry in statement.conditions:
            yield from _check_condition(ctx, entry, statement.variables)
        yield from _check_partitions(ctx, statement)


def _check_condition(ctx: LintContext, entry: ConditionEntry, variables: bool) -> Iterator[Finding]:
    operator = find_operator(entry.operator)
    if operator is None:
        return  # the schema reports names AWS rejects, NullIfExists among them
    family = operator.family
    for value in entry.values:
        if variables and _has_policy_variable(value.value) and not family.variables:
            continue  # a policy variable where AWS substitutes none: condition_values reports it
        if not _value_fits(family, value.value):
            variable = "${" in str(value.value) and not family.variables
            yield ctx.finding(
                TYPE_CODES[family],
                f"{_json(value.value)} is not {family.what}, "
                + (
                    f"which '{entry.operator}' compares field by field."
                    if family is Family.ARN
                    else f"so '{entry.operator}' matches no request value with it."
                ),
                value.pointer,
                f"Write {_EXPECTED[family]}."
                + (f" Policy variables are not substituted in {family} operators." if variable else ""),
            )
    yield from _check_key_type(ctx, entry, operator)


def _has_policy_variable(value) -> bool:
    return isinstance(value, str) and "${" in value and has_variables(tokenize(value, True))


def _json(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "null"
    return str(value) if isinstance(value, (int, float)) else "this value"


def _value_fits(family: Family, value) -> bool:
    if not isinstance(value, (str, int, float)):  # bool is an int
        return True  # null, objects and arrays: the schema reports them
    text = condition_text(value)
    if family is Family.ARN:
        return (family.variables and "${" in text) or text == "*" or (text.startswith("arn:") and text.count(":") >= 5)
    return value_fits(family, text)


def full_key_type(key: str) -> str | None:
    """The catalog type of a condition key (String, ArrayOfString, ...), if the key is known."""
    found = iamcatalog.global_condition_key(key)
    if found is None:
        service = iamcatalog.service(key.partition(":")[0]) if ":" in key else None
        found = service.condition_key(key) if service else None
    return found.type if found else None


def key_type(key: str) -> str | None:
    """The scalar type of a condition key (ArrayOfString -> String), if the key is known."""
    found = full_key_type(key)
    return found.removeprefix("ArrayOf") if found else None


def _check_set_operator(ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator) -> Iterator[Finding]:
    declared = full_key_type(entry.key)
    if declared is None:
        return
    set_operator = operator.qualifier
    multivalued = declared.startswith("ArrayOf")
    if set_operator is SetQualifier.FOR_ALL_VALUES and not multivalued:
        yield ctx.finding(
            "FORALLVALUES_ON_SINGLE_VALUED_KEY",
            f"'{entry.key}' has a single value, so ForAllValues adds nothing except that the condition is also true "
            "when the key is missing from the request.",
            entry.pointer,
            f"Use '{operator.unqualified}' without ForAllValues.",
        )
    elif set_operator and not multivalued:
        yield ctx.finding(
            "SET_OPERATOR_ON_SINGLE_VALUED_KEY",
            f"'{entry.key}' has a single value, so {set_operator} adds nothing.",
            entry.pointer,
            f"Use '{operator.unqualified}' without {set_operator}.",
        )
    elif multivalued and not set_operator:
        yield ctx.finding(
            "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR",
            f"'{entry.key}' can hold several values, but '{entry.operator}' has no ForAnyValue or ForAllValues.",
            entry.pointer,
            f"Write 'ForAnyValue:{entry.operator}' (some value matches) or 'ForAllValues:{entry.operator}' "
            "(every value matches).",
            subject=entry.key,
        )


def _check_key_type(ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator) -> Iterator[Finding]:
    family = operator.family
    if family is Family.NULL:
        return
    yield from _check_set_operator(ctx, entry, operator)
    expected = key_type(entry.key)
    if expected == "ARN" and operator.base.name in ("StringLike", "StringNotLike"):
        arn_operator = operator.name.replace("StringNotLike", "ArnNotLike").replace("StringLike", "ArnLike")
        yield ctx.finding(
            "STRING_LIKE_ON_ARN_KEY",
            f"'{entry.key}' holds an ARN, but '{entry.operator}' matches it as plain text: a '*' in its values can "
            "run across the ARN's fields.",
            entry.pointer,
            f"Use '{arn_operator}', which matches each of the ARN's fields separately.",
        )
    if expected is None or expected not in _ACCEPTED_FAMILIES or family in _ACCEPTED_FAMILIES[expected]:
        return
    if entry.key.lower() == "aws:epochtime" and family is Family.NUMERIC:
        return
    yield ctx.finding(
        "CONDITION_OPERATOR_KEY_TYPE",
        f"'{entry.key}' is of type {expected}, but '{entry.operator}' compares {family} values.",
        entry.pointer,
        f"Use an operator of the {expected} family, such as {_EXAMPLE_OPERATOR[expected]}.",
        subject=f"{entry.operator} {entry.key}",
    )


# --- partitions ---------------------------------------------------------------------------------


def _arn_values(statement: Statement) -> Iterator[Value]:
    yield from statement.resources
    yield from (value for principal_type, value in statement.principals if principal_type == "AWS")
    for entry in statement.conditions:
        operator = find_operator(entry.operator)
        if operator is not None and operator.family in (Family.ARN, Family.STRING):
            yield from entry.values


def _check_partitions(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    for value in _arn_values(statement):
        text = value.value
        if not isinstance(text, str) or not text.startswith("arn:"):
            continue
        partition = text.split(":", 2)[1] if text.count(":") >= 2 else ""
        if partition in PARTITIONS or any(mark in partition for mark in ("*", "?", "${", "<")):
            continue
        yield ctx.finding(
            "INVALID_PARTITION",
            f"'{partition}' in '{text}' is not an AWS partition.",
            value.pointer,
            f'Use one of {", ".join(sorted(PARTITIONS))} ("aws" for commercial Regions).',
        )
