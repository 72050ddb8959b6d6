"""Policy variables (`${aws:username}`) and template placeholders (`<bucket-name>`) in values.

Both look alike and fail alike: IAM keeps a malformed variable or an unfilled placeholder as
literal text, so the statement silently matches nothing. Placeholders are how our snippets (and
AWS's guides) mark what the reader fills in; `iamkb render` fills them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iamkb.check.rules.catalog_checks import unknown_key_problem
from iamkb.check.rules.context import LintContext
from iamkb.core.findings import Finding, escape_pointer_token
from iamkb.core.placeholders import placeholders
from iamkb.core.variables import VAR, VARIABLES_VERSION, problems, tokenize

_VARIABLE_ELEMENTS = ("Resource", "NotResource", "Condition")


def check(ctx: LintContext) -> Iterator[Finding]:
    uses_variables = False
    for statement in ctx.statements:
        for element in _VARIABLE_ELEMENTS:
            if element in statement.raw:
                for text, at in _strings(statement.raw[element], statement.at(element)):
                    problems = list(_variable_problems(text))
                    uses_variables = uses_variables or "${" in text
                    for problem in problems:
                        yield ctx.finding(
                            "MALFORMED_POLICY_VARIABLE",
                            f"{problem} in '{text}'.",
                            at,
                            "Write a variable as ${aws:username} or ${aws:PrincipalTag/team, 'default'}; for a literal "
                            "'$', '*' or '?' use ${$}, ${*} or ${?}.",
                        )
    if uses_variables and ctx.kind != "statement" and isinstance(ctx.document, dict):
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
            yield ctx.finding(
                "UNFILLED_PLACEHOLDER",
                f"Fill in {listed} in '{raw}'.",
                at,
                "Replace each placeholder with your value (or run 'iamkb render' with the values); IAM would match "
                "the text literally.",
            )
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            yield from _placeholders(ctx, item, f"{at}/{index}")
    elif isinstance(raw, dict):
        for key, item in raw.items():
            key_at = f"{at}/{escape_pointer_token(key)}"
            yield from _placeholders(ctx, key, key_at)
            yield from _placeholders(ctx, item, key_at)
