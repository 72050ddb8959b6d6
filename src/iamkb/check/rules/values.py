"""Condition operators against their values and keys, and ARN partitions.

A condition whose value cannot be parsed as the operator's type (a date that is not ISO 8601, an
IP range that is not CIDR) never matches, and IAM does not say so when the policy is saved; nor
does it object to `StringEquals` on an IP address key. These checks make both visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from iamkb.core import iamcatalog
from iamkb.core.findings import Finding
from iamkb.check.rules.context import LintContext
from iamkb.core.policy import ConditionEntry, Statement, Value

PARTITIONS = frozenset({"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"})

_OPERATOR = re.compile(r"^(?:(?P<set>ForAllValues|ForAnyValue):)?(?P<base>[A-Za-z]+?)(?P<if_exists>IfExists)?$")
_FAMILY_OF = {
    **dict.fromkeys(("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                     "StringLike", "StringNotLike"), "String"),
    **dict.fromkeys(("NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
                     "NumericGreaterThan", "NumericGreaterThanEquals"), "Numeric"),
    **dict.fromkeys(("DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
                     "DateGreaterThanEquals"), "Date"),
    "Bool": "Bool",
    "BinaryEquals": "Binary",
    "IpAddress": "IPAddress",
    "NotIpAddress": "IPAddress",
    **dict.fromkeys(("ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"), "ARN"),
    "Null": "Null",
}
# Operator families that may compare a key of each type. Flagged are only the comparisons that
# cannot work as meant: string operators compare any key's text form and ARN operators any string
# holding an ARN (AWS's own policies do both: `StringEquals` on aws:ViaAWSService, `ArnLike` on
# kms:EncryptionContext:aws:s3:arn), but a number, date, boolean or IP operator needs that type.
# aws:EpochTime is compared as a date or a number.
_ACCEPTED_FAMILIES = {
    "String": {"String", "ARN"},
    "ARN": {"ARN", "String"},
    "Numeric": {"Numeric", "String"},
    "Date": {"Date", "String"},
    "Bool": {"Bool", "String"},
    "IPAddress": {"IPAddress"},
    "Binary": {"Binary", "String"},
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
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_EPOCH = re.compile(r"^\d+$")
_EXPECTED = {
    "Numeric": "a number, such as 10 or \"10\"",
    "Date": "an ISO 8601 date such as \"2026-12-31T23:59:59Z\", or epoch seconds",
    "Bool": "true or false",
    "Null": "true (the key is absent) or false (the key is present)",
    "IPAddress": "an IPv4 or IPv6 address or CIDR range, such as \"203.0.113.0/24\"",
    "ARN": "an ARN, such as \"arn:aws:iam::111122223333:role/name\"",
    "Binary": "base64-encoded bytes",
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for entry in statement.conditions:
            yield from _check_condition(ctx, entry)
        yield from _check_partitions(ctx, statement)


def operator_family(operator: str) -> str | None:
    """The type family a condition operator compares (String, Numeric, ...), None if unknown."""
    match = _OPERATOR.match(operator)
    return _FAMILY_OF.get(match["base"]) if match else None


def _check_condition(ctx: LintContext, entry: ConditionEntry) -> Iterator[Finding]:
    family = operator_family(entry.operator)
    if family is None or (family == "Null" and entry.operator != "Null"):
        return  # the schema reports unknown operators, NullIfExists among them
    for value in entry.values:
        if not _value_fits(family, value.value):
            yield ctx.finding(
                "CONDITION_VALUE_TYPE",
                f"{_json(value.value)} is not a valid value for '{entry.operator}'.",
                value.pointer,
                f"Write {_EXPECTED[family]}.",
            )
    yield from _check_key_type(ctx, entry, family)


def _json(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "null"
    return str(value) if isinstance(value, (int, float)) else "this value"


def _value_fits(family: str, value) -> bool:
    if isinstance(value, str) and "${" in value:
        return True  # a policy variable: its value is only known at request time
    if family in ("Bool", "Null"):
        return isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false"))
    if family == "Numeric":
        return (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
            isinstance(value, str) and bool(_NUMBER.match(value))
        )
    if family == "Date":
        return _is_date(value)
    if not isinstance(value, str):
        return family == "String"
    if family == "IPAddress":
        return _is_ip(value)
    if family == "ARN":
        return value == "*" or (value.startswith("arn:") and value.count(":") >= 5) or value.startswith("${")
    if family == "Binary":
        return _is_base64(value)
    return True


# ipaddress, base64 and datetime are imported where used: most policies have no such values, and
# `iamkb check` is started cold for every run.
def _is_date(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if not isinstance(value, str):
        return False
    if _EPOCH.match(value):
        return True
    from datetime import datetime

    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_ip(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return True


def _is_base64(value: str) -> bool:
    import base64
    import binascii

    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


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


def _check_set_operator(ctx: LintContext, entry: ConditionEntry) -> Iterator[Finding]:
    declared = full_key_type(entry.key)
    if declared is None:
        return
    set_operator = entry.operator.partition(":")[0] if ":" in entry.operator else None
    multivalued = declared.startswith("ArrayOf")
    if set_operator and not multivalued:
        yield ctx.finding(
            "SET_OPERATOR_ON_SINGLE_VALUED_KEY",
            f"'{entry.key}' has a single value, so {set_operator} adds nothing"
            + (" except that the condition is also true when the key is missing." if set_operator == "ForAllValues"
               else "."),
            entry.pointer,
            f"Use '{entry.operator.partition(':')[2]}' without {set_operator}.",
        )
    elif multivalued and not set_operator:
        yield ctx.finding(
            "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR",
            f"'{entry.key}' can hold several values, but '{entry.operator}' has no ForAnyValue or ForAllValues.",
            entry.pointer,
            f"Write 'ForAnyValue:{entry.operator}' (some value matches) or 'ForAllValues:{entry.operator}' "
            "(every value matches).",
        )


def _check_key_type(ctx: LintContext, entry: ConditionEntry, family: str) -> Iterator[Finding]:
    if family == "Null":
        return
    yield from _check_set_operator(ctx, entry)
    expected = key_type(entry.key)
    accepted = _ACCEPTED_FAMILIES.get(expected or "", None)
    if accepted is None or family in accepted:
        return
    if entry.key.lower() == "aws:epochtime" and family == "Numeric":
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
        family = operator_family(entry.operator)
        if family in ("ARN", "String"):
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
            f"Use one of {', '.join(sorted(PARTITIONS))} (\"aws\" for commercial Regions).",
        )
