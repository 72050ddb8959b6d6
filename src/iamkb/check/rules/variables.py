"""Policy variables (`${aws:username}`) and template placeholders (`<bucket-name>`) in values.

Both look alike and fail alike: IAM keeps a malformed variable or an unfilled placeholder as
literal text, so the statement silently matches nothing. Placeholders are how our snippets (and
AWS's guides) mark what the reader fills in; `iamkb render` fills them.

A placeholder left in a policy about to be used is an error: the statement grants nothing where
it was meant to, or, in a Deny or a negated condition, applies where it was not meant to. In a
template (the snippet catalog's files, `iamkb check --templates`) placeholders are the point, so
there they are reported as TEMPLATE_PLACEHOLDER, a warning that the file is not usable as it is.

In Resource and NotResource a variable is substituted only in the ARN's resource part, after its fifth
colon; in the partition, service, Region or account field it is literal text
(`iamkb.core.variables.resource_tokens`, the simulator's reading), which POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE
reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iamkb.check.example import Example, mistake, policy
from iamkb.check.rules.catalog_checks import unknown_key_problem
from iamkb.check.rules.context import LintContext
from iamkb.core.codes import define
from iamkb.core.findings import Finding, FindingType, escape_pointer_token
from iamkb.core.placeholders import placeholders
from iamkb.core.variables import VAR, VARIABLES_VERSION, problems, resource_tokens, tokenize

_RESOURCE_VARIABLES = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-resourceelement"
)

define(
    "UNFILLED_PLACEHOLDER",
    FindingType.ERROR,
    "Unfilled placeholder",
    "The value still contains a `<placeholder>` from a template (an account id, a bucket or role name). IAM "
    "accepts the policy and matches the text literally, so the statement grants nothing where it was meant to "
    "(or, in a Deny or a negated condition, applies everywhere). Fill it in before use: `iamkb render` fills "
    "placeholders and checks the result. A template itself is checked with `iamkb check --templates`.",
)
define(
    "TEMPLATE_PLACEHOLDER",
    FindingType.WARNING,
    "Placeholder in a template",
    "The file is a template (one of the snippet catalog's files, or checked with `iamkb check --templates`) and "
    "this value holds a `<placeholder>` for the reader to fill in. Expected in a template, but the file is not "
    "usable as it is: IAM would match the text literally.",
)

define(
    "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE",
    FindingType.WARNING,
    "Policy variable before the resource part of an ARN",
    "In the Resource element AWS substitutes a policy variable only in the resource part of the ARN, after its "
    "fifth colon: \"You can't use a variable to replace parts of the ARN before the 5th colon, such as the service "
    'or account". In the partition, service, Region or account field `${aws:PrincipalAccount}` is matched as the '
    "literal text, which no resource's ARN holds. Write the value itself there, or `*`, and compare the account or "
    "Region with a condition (aws:ResourceAccount, aws:RequestedRegion). (One AWS managed policy, "
    "AmazonTimestreamInfluxDBServiceRolePolicy, writes `${aws:PrincipalAccount}` in a key ARN's account field; that "
    "exact value is reported as USED_BY_AWS_MANAGED_POLICIES.)",
    _RESOURCE_VARIABLES,
)

_READ_TEMPLATE = policy("""\
    {
      "Sid": "ReadLabelingInput",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::<input-bucket-name>/*"
    }""")

_OWN_ACCOUNT_ROLES = policy("""\
    {
      "Sid": "ReadOwnAccountRoles",
      "Effect": "Allow",
      "Action": "iam:GetRole",
      "Resource": "arn:aws:iam::111122223333:role/GroundTruth*"
    }""")

EXAMPLES: dict[str, tuple[Example, Example]] = {
    "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE": mistake(
        "identity",
        _OWN_ACCOUNT_ROLES,
        "::111122223333:",
        "::${aws:PrincipalAccount}:",
        "meant as the caller's own account; IAM reads the account field as that text",
    ),
    "TEMPLATE_PLACEHOLDER": (
        Example(
            "identity",
            _READ_TEMPLATE,
            "`iamkb check --templates policy.json`: the file is a template, with <input-bucket-name> to fill in",
            templates=True,
        ),
        Example(
            "identity",
            _READ_TEMPLATE.replace("<input-bucket-name>", "my-labeling-input"),
            "the template filled in (`iamkb render policy.json --set input-bucket-name=my-labeling-input`)",
            templates=True,
        ),
    ),
}

_VARIABLE_ELEMENTS = ("Resource", "NotResource", "Condition")


def check(ctx: LintContext) -> Iterator[Finding]:
    for text, at in _variable_strings(ctx):
        for problem in _variable_problems(text):
            yield ctx.finding(
                "MALFORMED_POLICY_VARIABLE",
                f"{problem} in '{text}'.",
                at,
                "Write a variable as ${aws:username} or ${aws:PrincipalTag/team, 'default'}; for a literal "
                "'$', '*' or '?' use ${$}, ${*} or ${?}.",
            )
    if uses_variables(ctx) and ctx.kind != "statement" and isinstance(ctx.document, dict):
        version = ctx.document.get("Version")
        if version != VARIABLES_VERSION:
            yield ctx.finding(
                "POLICY_VARIABLE_NEEDS_VERSION",
                "The policy uses policy variables but does not declare Version 2012-10-17, so they are matched as "
                "literal text.",
                "/Version" if "Version" in ctx.document else "",
                'Add "Version": "2012-10-17" at the top of the policy.',
            )
    yield from _placeholders(ctx, ctx.document, "")
    yield from _outside_resource_part(ctx)


def _outside_resource_part(ctx: LintContext) -> Iterator[Finding]:
    """A variable the simulator reads as text in Resource or NotResource: one before the ARN's fifth colon."""
    for statement in ctx.statements:
        if not statement.variables:
            continue  # every `${...}` is text then: POLICY_VARIABLE_NEEDS_VERSION says so
        for element in ("Resource", "NotResource"):
            for text, at in _strings(statement.raw.get(element), statement.at(element)):
                read = [t.text for t in tokenize(text, True) if t.kind == VAR]
                substituted = sum(t.kind == VAR for t in resource_tokens(text, True))
                for name in read[: len(read) - substituted]:  # (only the leading ones are read as text)
                    yield ctx.finding(
                        "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE",
                        f"'${{{name}}}' in '{text}' comes before the ARN's fifth colon, where AWS substitutes no "
                        "variable: it is matched as the literal text.",
                        at,
                        "Write the partition, service, Region or account itself (or *) and put the variable in the "
                        "resource part, or compare aws:ResourceAccount or aws:RequestedRegion in a condition.",
                        subject=text,
                    )


def uses_variables(ctx: LintContext) -> bool:
    """Whether a string where IAM substitutes policy variables (Resource, NotResource, Condition) has `${`:
    POLICY_VARIABLE_NEEDS_VERSION then says what a missing Version means for it."""
    return any("${" in text for text, _ in _variable_strings(ctx))


def _variable_strings(ctx: LintContext) -> Iterator[tuple[str, str]]:
    for statement in ctx.statements:
        for element in _VARIABLE_ELEMENTS:
            if element in statement.raw:
                yield from _strings(statement.raw[element], statement.at(element))


def _strings(raw: Any, at: str) -> Iterator[tuple[str, str]]:
    """Every string value under `raw` with its pointer (object keys are not values here)."""
    if isinstance(raw, str):
        yield raw, at
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            yield from _strings(item, f"{at}/{index}")
    elif isinstance(raw, dict):
        for key, item in raw.items():
            yield from _strings(item, f"{at}/{escape_pointer_token(key)}")


def _variable_problems(text: str) -> Iterator[str]:
    """What is wrong with the variables in `text`: syntax first (core.variables), then unknown keys."""
    for problem in problems(text):
        yield problem.message
    for token in tokenize(text, variables=True):
        if token.kind == VAR and (unknown := unknown_key_problem(token.text)):
            yield f"'${{{token.text}}}' names no known condition key ({unknown[0]})"


def _placeholders(ctx: LintContext, raw: Any, at: str) -> Iterator[Finding]:
    """One finding per string (or object key) that still holds `<placeholders>`."""
    if isinstance(raw, str):
        names = placeholders(raw)
        if names:
            listed = ", ".join(f"<{name}>" for name in names)
            if ctx.templates:
                yield ctx.finding(
                    "TEMPLATE_PLACEHOLDER",
                    f"Template placeholder {listed} in '{raw}': fill it in before the policy is used.",
                    at,
                    "Run 'iamkb render' with your values (--set NAME=VALUE) to get a policy you can attach; it checks "
                    "the result.",
                )
            else:
                yield ctx.finding(
                    "UNFILLED_PLACEHOLDER",
                    f"Fill in {listed} in '{raw}'.",
                    at,
                    "Replace each placeholder with your value (or run 'iamkb render' with the values); IAM would "
                    "match the text literally. If the file is a template, check it with 'iamkb check --templates'.",
                )
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            yield from _placeholders(ctx, item, f"{at}/{index}")
    elif isinstance(raw, dict):
        for key, item in raw.items():
            key_at = f"{at}/{escape_pointer_token(key)}"
            yield from _placeholders(ctx, key, key_at)
            yield from _placeholders(ctx, item, key_at)
