"""What a condition's values say about themselves: types mixed in one list, both booleans at once,
policy variables where AWS substitutes none, dates written as epoch seconds, wildcards under an
operator that compares literally, and IP ranges that cannot do what they seem to.

Each is one of IAM Access Analyzer's policy checks, with its finding type
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
the code's description names the check. Values that cannot be read as the operator's type at all
(`"yes"` under Bool) are `values.TYPE_CODES`; these are values AWS reads, but not as the author meant.
The example documents here are also those of `values`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from iamkb.check.example import LIST_IMAGES, TRUST_POLICY, mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.codes import define
from iamkb.core.conditions import (
    ConditionOperator,
    Family,
    find_operator,
    parse_bool,
    parse_ip_address,
    parse_network,
)
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import ConditionEntry, Statement, condition_text
from iamkb.core.variables import GLOB, VAR, tokenize

if TYPE_CHECKING:
    from ipaddress import IPv4Network, IPv6Network

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-"
E, W, G = FindingType.ERROR, FindingType.WARNING, FindingType.SUGGESTION

define(
    "CONDITION_VALUES_MIXED_TYPES",
    E,
    "Condition values of different JSON types",
    'One key\'s list of values mixes JSON types, such as the string "111122223333" and the number '
    '444455556666. Access Analyzer rejects such a list (its error "Invalid condition data type"); write every '
    "value of the list as the same type, strings being the usual one.",
    _CHECKS + "error-invalid-condition-data-type",
)
define(
    "CONDITION_MULTIPLE_BOOLEANS",
    E,
    "Both true and false for one key",
    "A Bool (or Null) key is given both `true` and `false`. The values of one key are alternatives, so the "
    "condition then holds whatever the key's value is, which is never what it was written for. Access Analyzer "
    'reports it as an error ("Invalid condition multiple Boolean"); keep the one value you mean.',
    _CHECKS + "error-invalid-condition-multiple-boolean",
)
define(
    "POLICY_VARIABLE_IN_NON_STRING_OPERATOR",
    E,
    "Policy variable under an operator that does not substitute it",
    'AWS substitutes policy variables (`${aws:username}`) only in the values of String and ARN operators: "You '
    "can't use a policy variable with other operators, such as Numeric, Date, Boolean, Binary, IP Address, or Null "
    'operators". Under those the text stays as it is written, which is no number, date, boolean, base64 or IP '
    "range, so the value matches nothing (iamkb's simulator reads it so). Access Analyzer reports it as an error "
    '("Invalid variable for operator").',
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-conditionelement",
)
define(
    "DATE_AS_EPOCH_SECONDS",
    W,
    "Date written as epoch seconds",
    "A Date operator reads a value made of digits only as seconds since 1970-01-01, so `2026` is half an hour "
    "after midnight on 1 January 1970, not the year. AWS recommends writing dates in ISO 8601 (`2026-12-31` or "
    '`2026-12-31T23:59:59Z`); Access Analyzer warns about epoch values ("Invalid date value").',
    _CHECKS + "general-warning-invalid-date-value",
)
define(
    "WILDCARD_WITHOUT_LIKE_OPERATOR",
    W,
    "Wildcard under an operator that compares literally",
    "`*` and `?` are wildcards only under StringLike, StringNotLike and the ARN operators. Under StringEquals (and "
    "its negated and IgnoreCase forms) they are the characters themselves, so `images/*` matches only a request "
    'value that is exactly `images/*`. Access Analyzer warns about it ("Wildcard without like operator"). '
    "ArnEquals is not flagged: AWS documents that it reads wildcards like ArnLike.",
    _CHECKS + "general-warning-wildcard-without-like-operator",
)
define(
    "IP_RANGE_HOST_BITS",
    G,
    "IP range with bits set after its mask",
    "In `203.0.113.7/24` the bits after the 24-bit mask are ignored: IAM reads it as `203.0.113.0/24`. Write the "
    "range's network address so the policy says what it does (Access Analyzer's suggestion \"Improve IP range\").",
    _CHECKS + "suggestion-improve-ip-range",
)
define(
    "PRIVATE_SOURCE_IP",
    E,
    "aws:SourceIp compared only with private addresses",
    "aws:SourceIp is the public address a request comes from; a request from inside a VPC through a VPC endpoint "
    "has no aws:SourceIp at all. Private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7) therefore "
    "never match it: IpAddress is never true and NotIpAddress always is. Access Analyzer reports both as errors "
    '("Private IP address", "Private NotIpAddress"). Compare private addresses with aws:VpcSourceIp.',
    _CHECKS + "error-private-ip-address",
)
define(
    "PRIVATE_SOURCE_IP_MIXED",
    G,
    "Private address among aws:SourceIp's ranges",
    "Some of the ranges compared with aws:SourceIp are private; those never match, since aws:SourceIp is the "
    'public address of the request. Access Analyzer suggests removing them ("Private IP address subset", '
    '"Private NotIpAddress subset"); use aws:VpcSourceIp for addresses inside a VPC.',
    _CHECKS + "suggestion-private-ip-address-subset",
)

# --- the examples: Ground Truth policies, each with the one mistake -----------------------------

OFFICE_NETWORK = policy("""\
    {
      "Sid": "ReadImagesFromTheOffice",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*",
      "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
    }""")
UNTIL_END_OF_PROJECT = policy("""\
    {
      "Sid": "ReadImagesUntilTheEndOfTheProject",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*",
      "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-12-31T23:59:59Z"}}
    }""")
TLS_ONLY = policy("""\
    {
      "Sid": "DenyLabelsOverPlainHttp",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::my-labeling-output/*",
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }""")
RECENT_MFA = policy("""\
    {
      "Sid": "LabelOnlyAfterRecentMfa",
      "Effect": "Allow",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*",
      "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}
    }""")

EXAMPLES = {
    "CONDITION_VALUES_MIXED_TYPES": mistake(
        "trust",
        TRUST_POLICY,
        '"111122223333"}',
        '["111122223333", 444455556666]}',
        "a second account written as a number",
    ),
    "CONDITION_MULTIPLE_BOOLEANS": mistake("resource", TLS_ONLY, '"false"}', '["false", "true"]}'),
    "POLICY_VARIABLE_IN_NON_STRING_OPERATOR": mistake(
        "identity", RECENT_MFA, '"3600"', '"${aws:PrincipalTag/max-mfa-age}"'
    ),
    "DATE_AS_EPOCH_SECONDS": mistake("identity", UNTIL_END_OF_PROJECT, '"2026-12-31T23:59:59Z"', '"2026"'),
    "WILDCARD_WITHOUT_LIKE_OPERATOR": mistake("identity", LIST_IMAGES, '"StringLike"', '"StringEquals"'),
    "IP_RANGE_HOST_BITS": mistake("identity", OFFICE_NETWORK, '"203.0.113.0/24"', '"203.0.113.7/24"'),
    "PRIVATE_SOURCE_IP": mistake(
        "identity", OFFICE_NETWORK, '"203.0.113.0/24"', '"10.0.0.0/8"', "the office network's internal range"
    ),
    "PRIVATE_SOURCE_IP_MIXED": mistake(
        "identity", OFFICE_NETWORK, '"203.0.113.0/24"', '["203.0.113.0/24", "192.168.0.0/16"]'
    ),
}

# RFC 1918's private IPv4 ranges and RFC 4193's unique local IPv6 range: never a request's public address.
_PRIVATE = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for entry in statement.conditions:
            operator = find_operator(entry.operator)
            if operator is None:
                continue  # the schema reports names AWS rejects
            yield from _mixed_types(ctx, entry)
            yield from _booleans(ctx, entry, operator)
            yield from _variables(ctx, entry, operator, statement)
            if operator.family is Family.DATE:
                yield from _epoch_dates(ctx, entry)
            if operator.family is Family.STRING and not operator.base.wildcards:
                yield from _wildcards_without_like(ctx, entry, operator, statement.variables)
            if operator.family is Family.IP_ADDRESS:
                yield from _ip_ranges(ctx, entry, operator)


def _json_type(value: Any) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string" if isinstance(value, str) else None  # null, objects, arrays: the schema reports them


def _mixed_types(ctx: LintContext, entry: ConditionEntry) -> Iterator[Finding]:
    types = {t for v in entry.values if (t := _json_type(v.value))}
    if len(types) > 1:
        yield ctx.finding(
            "CONDITION_VALUES_MIXED_TYPES",
            f"The values of '{entry.key}' mix JSON types ({' and '.join(sorted(types))}).",
            entry.pointer,
            'Write every value of the list the same way, as strings such as "444455556666".',
        )


def value_texts(entry: ConditionEntry) -> list[tuple[str, str]]:
    """(text as IAM compares it, pointer) of each string, number or boolean value (condition_logic uses it too)."""
    return [(condition_text(v.value), v.pointer) for v in entry.values if _json_type(v.value)]


def _booleans(ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator) -> Iterator[Finding]:
    if operator.family not in (Family.BOOL, Family.NULL):
        return
    wanted = {parse_bool(text) for text, _ in value_texts(entry)}
    if {True, False} <= wanted:
        holds = "whether the key is in the request or not" if operator.family is Family.NULL else "for either value"
        yield ctx.finding(
            "CONDITION_MULTIPLE_BOOLEANS",
            f"'{entry.key}' is compared with both true and false, so '{entry.operator}' holds {holds}.",
            entry.pointer,
            "Keep the one value you mean: true or false.",
        )


def _variables(
    ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator, statement: Statement
) -> Iterator[Finding]:
    if operator.family.variables or not statement.variables:
        return
    for text, at in value_texts(entry):
        names = [t.text for t in tokenize(text, True) if t.kind == VAR]
        if names:
            yield ctx.finding(
                "POLICY_VARIABLE_IN_NON_STRING_OPERATOR",
                f"'{text}' uses the policy variable ${{{names[0]}}}, but AWS substitutes variables only under "
                f"String and ARN operators; '{entry.operator}' reads the text as written, which matches nothing.",
                at,
                f"Compare '{entry.key}' with a literal {operator.family} value, or compare the key's text with a "
                "String operator.",
            )


def _epoch_dates(ctx: LintContext, entry: ConditionEntry) -> Iterator[Finding]:
    for text, at in value_texts(entry):
        if text.isascii() and text.isdigit():
            yield ctx.finding(
                "DATE_AS_EPOCH_SECONDS",
                f"'{text}' is read as {_moment(int(text))}: a Date value made of digits is seconds since "
                "1970-01-01T00:00:00Z.",
                at,
                'Write the date in ISO 8601, such as "2026-12-31" or "2026-12-31T23:59:59Z"'
                + (
                    "; to compare epoch seconds as numbers, use a Numeric operator."
                    if entry.key.lower() == "aws:epochtime"
                    else "."
                ),
            )


def _moment(seconds: int) -> str:
    from datetime import UTC, datetime

    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError, OSError):
        return f"{seconds} seconds after 1970-01-01"


def _wildcards_without_like(
    ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator, variables: bool
) -> Iterator[Finding]:
    like = "StringNotLike" if operator.negated else "StringLike"
    name = (f"{operator.qualifier}:" if operator.qualifier else "") + like + ("IfExists" if operator.if_exists else "")
    for text, at in value_texts(entry):
        if any(t.kind == GLOB and ("*" in t.text or "?" in t.text) for t in tokenize(text, variables)):
            escapes = ", or write ${*} and ${?} for the characters themselves" if variables else ""
            yield ctx.finding(
                "WILDCARD_WITHOUT_LIKE_OPERATOR",
                f"'{text}' has a '*' or '?', but '{entry.operator}' compares it literally: it matches only a request "
                "value with that very character.",
                at,
                f"Use '{name}' to match a pattern{escapes}"
                + (" (StringLike is case-sensitive)." if operator.base.ignore_case else "."),
            )


def _ip_ranges(ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator) -> Iterator[Finding]:
    networks: list[tuple[str, str, IPv4Network | IPv6Network]] = []
    for text, at in value_texts(entry):
        network = parse_network(text)
        if network is None:
            return  # CONDITION_VALUE_TYPE reports it
        networks.append((text, at, network))
        if "/" in text and parse_ip_address(text.split("/", 1)[0]) != network.network_address:
            yield ctx.finding(
                "IP_RANGE_HOST_BITS",
                f"'{text}' has bits set after its /{network.prefixlen} mask; IAM ignores them and reads '{network}'.",
                at,
                f"Write '{network}'.",
            )
    if entry.key.lower() != "aws:sourceip" or not networks:
        return
    private = [(text, at) for text, at, network in networks if _is_private(network)]
    if len(private) == len(networks):
        effect = "is always true, so it restricts nothing" if operator.negated else "is never true"
        yield ctx.finding(
            "PRIVATE_SOURCE_IP",
            f"aws:SourceIp is the public address of a request, so it is never in the private range(s) "
            f"{', '.join(text for text, _ in private)}: '{entry.operator}' {effect}.",
            entry.pointer,
            "Compare addresses inside a VPC with aws:VpcSourceIp (requests through a VPC endpoint), and keep "
            "aws:SourceIp for public ranges.",
        )
    else:
        for text, at in private:
            yield ctx.finding(
                "PRIVATE_SOURCE_IP_MIXED",
                f"'{text}' is a private range, which aws:SourceIp (the public address of a request) never holds.",
                at,
                "Remove it, or compare it with aws:VpcSourceIp in a separate condition.",
            )


def _is_private(network: IPv4Network | IPv6Network) -> bool:
    return any(
        network.version == private.version and network.subnet_of(private)  # type: ignore[arg-type]
        for private in (parse_network(text) for text in _PRIVATE)
        if private is not None
    )
