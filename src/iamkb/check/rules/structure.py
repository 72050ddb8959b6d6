"""Rules about the policy as a whole that the schema cannot express: trust policy actions and
service principals, duplicate Sids, redundancy, and the size limit of each kind of policy.

(Principal in an identity policy, Resource in a trust policy and unknown operators are the
schema's: see the SCHEMA_* codes.)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator

from iamkb.check.rules.context import LintContext
from iamkb.core.findings import Finding
from iamkb.core.policy import TRUST_ACTIONS, Statement, resolve_action

# Characters without white space, per kind. An identity document is checked as a customer managed
# policy (the common case and a single document's limit); the inline limits are per principal, for
# all its inline policies together, so they need the caller's `size_limit`:
# role 10,240, user 2,048, group 5,120. A trust policy's 2,048 can be raised to 4,096 by quota.
# Resource policies have per-service limits (S3 20 KB, KMS 32 KB, ...) and are not checked.
# SCPs and RCPs: 5,120 characters each, and AWS Organizations counts every character, white space included
# (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html); the smallest text
# it can receive is the document without white space outside strings (`organizations_size`).
SIZE_LIMITS = {"identity": 6144, "statement": 6144, "trust": 2048, "scp": 5120, "rcp": 5120}
_LIMIT_NAMES = {
    "identity": "a customer managed policy",
    "statement": "a customer managed policy",
    "trust": "a role trust policy",
    "scp": "a service control policy",
    "rcp": "a resource control policy",
}
_ORGANIZATIONS_KINDS = frozenset({"scp", "rcp"})
_SERVICE_PRINCIPAL = re.compile(
    r"^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$"
)
_WHITE_SPACE = re.compile(r"\s")


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind == "trust":
        yield from _trust_actions(ctx)
    yield from _service_principals(ctx)
    yield from _duplicate_sids(ctx)
    for statement in ctx.statements:
        yield from _redundant_actions(ctx, statement)
    yield from _redundant_statements(ctx)
    yield from _size(ctx)


def _trust_actions(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if statement.action_element != "Action":
            continue
        for value in statement.actions:
            resolved = resolve_action(value.value)
            if resolved.is_all:
                extra = ["*"]
            else:
                extra = [a.full_name for a in resolved.actions if a.full_name.lower() not in TRUST_ACTIONS]
                if not resolved.actions and value.value.lower() not in TRUST_ACTIONS:
                    extra = [value.value]
            if extra:
                yield ctx.finding(
                    "TRUST_POLICY_ACTION",
                    f"'{value.value}' allows {', '.join(extra[:3])}{' and more' if len(extra) > 3 else ''} in a trust "
                    "policy, where only role-assumption actions are allowed.",
                    value.pointer,
                    "Use sts:AssumeRole (service and AWS principals), sts:AssumeRoleWithSAML or "
                    "sts:AssumeRoleWithWebIdentity (federated principals), plus sts:TagSession, sts:SetSourceIdentity "
                    "or sts:SetContext when needed.",
                )


def _service_principals(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for principal_type, value in statement.principals:
            text = value.value
            if principal_type != "Service" or "${" in text or "<" in text or _SERVICE_PRINCIPAL.match(text):
                continue
            if "*" in text or "?" in text:
                continue  # a wildcard: PRINCIPAL_WILDCARD (rules/principals.py)
            yield ctx.finding(
                "SERVICE_PRINCIPAL_FORMAT",
                f"'{text}' is not a service principal name.",
                value.pointer,
                'Write the service\'s principal name, such as "sagemaker.amazonaws.com"; for an account or role '
                'use the "AWS" principal type.',
            )


def _duplicate_sids(ctx: LintContext) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for statement in ctx.statements:
        if statement.sid is None or statement.sid == "":
            continue
        if statement.sid in seen:
            yield ctx.finding(
                "DUPLICATE_SID",
                f'Sid "{statement.sid}" is already used by the statement at {seen[statement.sid]}.',
                statement.at("Sid"),
                "Give each statement its own Sid (or remove the Sid).",
            )
        else:
            seen[statement.sid] = statement.pointer or "/"


def _redundant_actions(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    """Repeats, and entries a wildcard of the same statement includes. Coverage is decided on the text
    (ActionIndex.covering_pattern): a pattern of literals and `*` that matches another entry's text,
    that entry's wildcards taken as characters, includes everything the entry names, because each
    of the entry's wildcards then falls inside one of the pattern's."""
    values = [v for v in statement.actions if isinstance(v.value, str)]
    first_seen: dict[str, str] = {}
    for value in values:
        lowered = value.value.lower()
        if lowered in first_seen:
            yield ctx.finding(
                "REDUNDANT_ACTION",
                f"'{value.value}' is listed twice in this statement (first at {first_seen[lowered]}).",
                value.pointer,
                "Remove the repeated entry.",
            )
            continue
        first_seen[lowered] = value.pointer
        cover = statement.action_index.covering_pattern(value.value, besides=value)
        if cover:
            yield ctx.finding(
                "REDUNDANT_ACTION",
                f"'{value.value}' is already included by '{cover.value}' in this statement.",
                value.pointer,
                f"Remove '{value.value}', or replace '{cover.value}' by the actions you need.",
            )


def _shape(statement: Statement) -> str:
    """Everything but the actions and Sid, canonically: statements with equal shapes differ only in actions."""
    rest = {k: v for k, v in statement.raw.items() if k not in ("Sid", "Action", "NotAction")}
    for element in ("Resource", "NotResource"):
        if isinstance(rest.get(element), list):
            rest[element] = sorted(set(map(str, rest[element])))
        elif isinstance(rest.get(element), str):
            rest[element] = [rest[element]]
    return json.dumps(rest, sort_keys=True)


def _redundant_statements(ctx: LintContext) -> Iterator[Finding]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for statement in ctx.statements:
        if statement.action_element == "Action" and statement.actions:
            groups[_shape(statement)].append(statement)
    for group in groups.values():
        names = [{v.value.lower() for v in statement.actions} for statement in group]
        for later_index, statement in enumerate(group):
            mine = names[later_index]
            for index, other in enumerate(group):
                if other is statement:
                    continue
                if mine == names[index] and index > later_index:
                    continue  # identical pair: report only the later one
                if all(other.action_index.match(action) for action in mine):
                    yield ctx.finding(
                        "REDUNDANT_STATEMENT",
                        f"Every action of this statement is already allowed by the statement at {other.pointer} "
                        "with the same effect, resources, principal and conditions.",
                        statement.pointer,
                        "Remove this statement, or merge the two.",
                    )
                    break


def policy_size(document) -> int:
    """Characters without white space, as IAM counts them against the size quotas."""
    return len(_WHITE_SPACE.sub("", json.dumps(document, separators=(",", ":"), ensure_ascii=False)))


def organizations_size(document) -> int:
    """Characters of the document without white space outside strings: AWS Organizations counts every
    character of an SCP or RCP, so this is the least it can count (the console's visual editor saves it so)."""
    return len(json.dumps(document, separators=(",", ":"), ensure_ascii=False))


def _size(ctx: LintContext) -> Iterator[Finding]:
    if ctx.managed:
        return  # AWS managed policies are exempt from the quota
    limit = ctx.size_limit or SIZE_LIMITS.get(ctx.kind)
    if limit is None:
        return
    what = _LIMIT_NAMES[ctx.kind] if ctx.size_limit is None else "this policy"
    if ctx.kind in _ORGANIZATIONS_KINDS:
        size = organizations_size(ctx.document)
        if size > limit:
            yield ctx.finding(
                "POLICY_TOO_LARGE",
                f"The policy has {size:,} characters even with no white space outside its strings; the limit for "
                f"{what} is {limit:,}, and AWS Organizations counts every character, white space included.",
                "",
                "Remove redundant actions and statements, group actions with a wildcard you have checked, or split the "
                "statements across several policies attached to the same root, OU or account.",
            )
        return
    size = policy_size(ctx.document)
    if size > limit:
        yield ctx.finding(
            "POLICY_TOO_LARGE",
            f"The policy has {size:,} characters without white space; the limit for {what} is {limit:,}.",
            "",
            "Remove redundant actions and statements, group actions with a wildcard you have checked, or split the "
            "permissions across several managed policies.",
        )
