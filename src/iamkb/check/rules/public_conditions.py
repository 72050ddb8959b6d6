"""The condition that keeps an Allow for everyone (`"Principal": "*"`) from being public, written so loosely
that it keeps almost no one out.

In a resource-based or trust policy, an Allow to `"Principal": "*"` is limited to some callers only by its
conditions on who is calling or on whose behalf: the principal's ARN, account or organization, or the source
resource, account or organization of a service's request. A value whose wildcard, or policy variable, comes
within its first six characters (`arn:*`, `1111*`, `o-*`, `${...}`) matches nearly every caller, so the
statement is as good as public. Access Analyzer reports these as errors ("Wildcard usage too permissive",
"Variable usage too permissive"), reading six characters as the least a value must fix before a wildcard or
variable.

Only positive String and ARN operators are read (a negated one narrows a Deny or an Allow the other way);
statements that name their principals are judged by those principals, not here. A variable holding the
resource's own account or organization (`${aws:ResourceAccount}`, `${aws:ResourceOrgID}`,
`${aws:ResourceOrgPaths}`) is a fixed value the caller cannot choose, and is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.codes import define
from iamkb.core.conditions import Family, find_operator
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import Statement, condition_text
from iamkb.core.variables import GLOB, VAR, tokenize

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-"
_FIXED = 6  # characters a value must fix before its first wildcard or variable

define(
    "PERMISSIVE_WILDCARD_FOR_ANY_PRINCIPAL",
    FindingType.ERROR,
    "Wildcard too early in the condition that limits an Allow for everyone",
    'The statement allows `"Principal": "*"`, limited only by a condition on the caller\'s (or the source\'s) ARN, '
    "account or organization, and the condition's value has a wildcard within its first six characters, so it "
    "matches nearly every caller: the statement is as good as public. Write the value in full, or fix at least the "
    'part that names your account or organization. Access Analyzer reports it as an error ("Wildcard usage too '
    'permissive").',
    _CHECKS + "error-wildcard-usage-too-permissive",
)
define(
    "PERMISSIVE_VARIABLE_FOR_ANY_PRINCIPAL",
    FindingType.ERROR,
    "Policy variable too early in the condition that limits an Allow for everyone",
    'The statement allows `"Principal": "*"`, limited only by a condition on the caller\'s (or the source\'s) ARN, '
    "account or organization, and the condition's value starts with a policy variable (within its first six "
    "characters), a value taken from the request itself: the condition no longer says who may call. Write the "
    'value in full. Access Analyzer reports it as an error ("Variable usage too permissive").',
    _CHECKS + "error-variable-usage-too-permissive",
)

# The keys that say who is calling, or on whose behalf a service calls (the global condition key reference,
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
_WHO_KEYS = frozenset(
    {
        "aws:principalarn",
        "aws:principalaccount",
        "aws:principalorgid",
        "aws:principalorgpaths",
        "aws:userid",
        "aws:sourcearn",
        "aws:sourceaccount",
        "aws:sourceowner",
        "aws:sourceorgid",
        "aws:sourceorgpaths",
    }
)
_RESOURCE_OWN = frozenset({"aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths"})
_FAMILIES = (Family.STRING, Family.ARN)

_ORG_READERS = policy("""\
    {
      "Sid": "OrganizationReadsTheLabels",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-output/*",
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
    }""")
_ORG_ACCOUNT = policy("""\
    {
      "Sid": "OurAccountReadsTheLabels",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-output/*",
      "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}
    }""")
EXAMPLES = {
    "PERMISSIVE_WILDCARD_FOR_ANY_PRINCIPAL": mistake(
        "resource",
        _ORG_READERS,
        '{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}',
        '{"StringLike": {"aws:PrincipalOrgID": "o-*"}}',
        "every principal of every organization reads the labels",
    ),
    "PERMISSIVE_VARIABLE_FOR_ANY_PRINCIPAL": mistake(
        "resource",
        _ORG_ACCOUNT,
        '"111122223333"',
        '"${aws:PrincipalAccount}"',
        "the caller's account always equals itself: every AWS account reads the labels",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if not (statement.allows and statement.principal_element == "Principal" and _for_anyone(statement)):
            continue
        for entry in statement.conditions:
            if entry.key.lower() not in _WHO_KEYS:
                continue
            operator = find_operator(entry.operator)
            if operator is None or operator.base.family not in _FAMILIES or operator.base.negated:
                continue
            for value in entry.values:
                if not isinstance(value.value, str):
                    continue
                text = condition_text(value.value)
                loose = _too_early(text, operator.base.wildcards, statement.variables)
                if loose == "wildcard":
                    yield ctx.finding(
                        "PERMISSIVE_WILDCARD_FOR_ANY_PRINCIPAL",
                        f"'{text}' has a wildcard within its first {_FIXED} characters, so {entry.key} matches nearly "
                        'every caller and this Allow for "Principal": "*" is as good as public.',
                        value.pointer,
                        "Write the value in full (your account id, organization id or ARN), or at least the part that "
                        "names your account or organization before any wildcard.",
                    )
                elif loose == "variable":
                    yield ctx.finding(
                        "PERMISSIVE_VARIABLE_FOR_ANY_PRINCIPAL",
                        f"'{text}' starts with a policy variable, a value of the request itself, so {entry.key} no "
                        'longer limits who this Allow for "Principal": "*" lets in.',
                        value.pointer,
                        "Write the account id, organization id or ARN that may call; a variable belongs in the "
                        "resource part of a value, after what names your account or organization.",
                    )


def _for_anyone(statement: Statement) -> bool:
    return any(kind == "*" or (kind == "AWS" and value.value == "*") for kind, value in statement.principals)


def _too_early(text: str, wildcards: bool, variables: bool) -> str | None:
    """'wildcard' or 'variable' when one comes before the value's first `_FIXED` fixed characters, else None."""
    fixed = 0
    for token in tokenize(text, variables):
        if token.kind == VAR:
            return None if token.key in _RESOURCE_OWN or fixed >= _FIXED else "variable"
        if token.kind == GLOB and wildcards:
            stars = [i for i in (token.text.find("*"), token.text.find("?")) if i != -1]
            if stars:
                return "wildcard" if fixed + min(stars) < _FIXED else None
        fixed += len(token.text)
        if fixed >= _FIXED:
            return None
    return None
