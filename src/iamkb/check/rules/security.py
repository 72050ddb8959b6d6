"""Security warnings: grants that are valid but wider than they look.

These never fail a check (SECURITY_WARNING); they ask for a second look, the way Access
Analyzer's security warnings do. AWS's own managed policies trigger many of them on purpose
(AdministratorAccess is `*` on `*`), which is why `iamkb.check.rules.corpus_stats` counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from iamkb.check.rules.context import LintContext
from iamkb.core.findings import Finding
from iamkb.core.patterns import action_matches
from iamkb.core.placeholders import PLACEHOLDER
from iamkb.core.policy import Statement, statement_covers

# Condition keys that tie an Allow for any principal to known accounts, organizations,
# networks or calling resources.
NARROWING_KEYS = frozenset(
    {
        "aws:sourcearn",
        "aws:sourceaccount",
        "aws:sourceowner",
        "aws:sourceorgid",
        "aws:sourceorgpaths",
        "aws:principalorgid",
        "aws:principalorgpaths",
        "aws:principalaccount",
        "aws:principalarn",
        "aws:sourcevpc",
        "aws:sourcevpce",
        "aws:sourcevpcarn",
        "aws:sourceip",
        "aws:vpcsourceip",
        "aws:userid",
        "aws:username",
        "aws:principalservicename",
        "kms:calleraccount",
    }
)
_SERVICE_WIDE_EXEMPT_FROM_GRANT_CHECK = ("*", "kms:*")


# SCPs and RCPs are guardrails: their Allow statements grant nothing (AWS's default FullAWSAccess and
# RCPFullAWSAccess allow `*` on `*`), so only the Not* cautions, which AWS gives for SCPs too, apply to them.
_GUARDRAILS = ("scp", "rcp")


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if not statement.allows:
            continue
        yield from _not_elements(ctx, statement)
        if ctx.kind in _GUARDRAILS:
            continue
        yield from _service_wildcards(ctx, statement)
        yield from _passrole(ctx, statement)
        yield from _kms_create_grant(ctx, statement)
        yield from _public_principal(ctx, statement)


def _all_resources(statement: Statement):
    """The `*` Resource value, if the statement's Resource is (or includes) `*`."""
    if statement.resource_element != "Resource":
        return None
    return next((v for v in statement.resources if v.value == "*"), None)


def _conditions_note(statement: Statement) -> str:
    if not statement.conditions:
        return ""
    keys = ", ".join(sorted({entry.key for entry in statement.conditions}))
    return f" (conditions on {keys} may narrow it)"


def _not_elements(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    if statement.action_element == "NotAction":
        yield ctx.finding(
            "ALLOW_WITH_NOT_ACTION",
            f"This Allow statement grants every action except those listed in NotAction{_conditions_note(statement)}.",
            statement.at("NotAction"),
            "List the actions to allow in Action instead; to carve out exceptions, add a Deny statement.",
        )
    if statement.resource_element == "NotResource":
        yield ctx.finding(
            "ALLOW_WITH_NOT_RESOURCE",
            f"This Allow statement grants its actions on every resource except those listed in "
            f"NotResource{_conditions_note(statement)}.",
            statement.at("NotResource"),
            "List the resources to allow in Resource instead.",
        )


# A 12-digit account ID, or an account's root principal, as a resource policy names it; in a template the
# account may still be a <placeholder> (the site's key policy is checked before anyone fills it in).
_ACCOUNT = rf"(?:\d{{12}}|{PLACEHOLDER.pattern})"
_ACCOUNT_PRINCIPAL = re.compile(rf"^(?:{_ACCOUNT}|arn:aws[a-z-]*:iam::{_ACCOUNT}:root)$")


def _delegates_to_account(ctx: LintContext, statement: Statement) -> bool:
    """A resource policy statement that only names whole accounts: it hands the decision to those accounts'
    own IAM policies. AWS's default key policy is one (`kms:*` on `*` for the account root; in a key policy
    `*` is the key itself), and flagging it would flag every KMS key
    (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html)."""
    if ctx.kind != "resource" or not statement.principals or statement.principal_element != "Principal":
        return False
    return all(
        kind == "AWS" and isinstance(v.value, str) and _ACCOUNT_PRINCIPAL.match(v.value)
        for kind, v in statement.principals
    )


def _service_wildcards(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    if statement.action_element != "Action" or _all_resources(statement) is None:
        return
    if _delegates_to_account(ctx, statement):
        return
    for value in statement.actions:
        text = value.value
        if text == "*" or (text.endswith(":*") and "*" not in text[:-2]):
            scope = "every action of every service" if text == "*" else f"every '{text[:-2]}' action"
            yield ctx.finding(
                "SERVICE_WILDCARD_ON_ALL_RESOURCES",
                f"'{text}' with Resource \"*\" grants {scope} on every resource{_conditions_note(statement)}.",
                value.pointer,
                "List the actions the workload needs (iamkb grants shows what a wildcard expands to), and name the "
                "resources.",
            )


def _passrole(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    star = _all_resources(statement)
    if star is None or not statement_covers(statement, "iam:PassRole"):
        return
    if "iam:passedtoservice" in statement.condition_keys:
        narrowed = "An iam:PassedToService condition limits which services may receive the roles, not which roles."
    else:
        narrowed = "No iam:PassedToService condition limits which services may receive them either."
    yield ctx.finding(
        "PASSROLE_ANY_RESOURCE",
        f"iam:PassRole is allowed on every role in the account. {narrowed}",
        star.pointer,
        "Set Resource to the ARNs of the roles to pass (for example arn:aws:iam::<account-id>:role/<role-name>) and "
        "add an iam:PassedToService condition.",
    )


def _kms_create_grant(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    if statement.action_element != "Action" or "kms:grantisforawsresource" in statement.condition_keys:
        return
    for value in statement.actions:
        if value.value.lower() in _SERVICE_WIDE_EXEMPT_FROM_GRANT_CHECK:
            continue  # reported as a service-wide wildcard instead
        if action_matches(value.value, "kms:CreateGrant"):
            yield ctx.finding(
                "KMS_GRANT_WITHOUT_AWS_RESOURCE_CONDITION",
                f"{_naming(value.value, 'kms:CreateGrant')} without a kms:GrantIsForAWSResource condition, so "
                "grants can be created for any principal.",
                value.pointer,
                'Add "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}} so only AWS services '
                "integrated with KMS (EBS, SageMaker) can receive grants.",
            )
            return


def _naming(written: str, action: str) -> str:
    return f"{action} is allowed" if written.lower() == action.lower() else f"'{written}' allows {action}"


def _public_principal(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    if statement.principal_element != "Principal":
        return
    if statement.principal == "*" and ctx.statement_kind(statement) == "trust":
        return  # a trust policy refuses it: TRUST_POLICY_ANY_PRINCIPAL (rules/trust.py)
    everyone = next((v for kind, v in statement.principals if kind in ("*", "AWS") and v.value == "*"), None)
    if everyone is None or statement.condition_keys & NARROWING_KEYS:
        return
    yield ctx.finding(
        "PUBLIC_PRINCIPAL",
        "This statement allows any principal, in any account, and no condition narrows it to your accounts, "
        "organization, network or calling resource.",
        everyone.pointer,
        "Name the principals, or add a condition such as aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn.",
    )
