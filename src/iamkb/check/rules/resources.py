"""Do the statement's Resource ARNs fit the resource types its actions work on?

The classic mistakes: `s3:GetObject` on `arn:aws:s3:::bucket` (a bucket, not its objects),
`s3:ListBucket` on `arn:aws:s3:::bucket/*`, a region in an S3 ARN, no account in a Lambda ARN.
IAM accepts all of these and grants nothing. See `iamkb.core.arns` for how ARN patterns,
placeholders and variables are compared with the catalog's templates.

Whether an entry can fit an action at all is decided by `arns.action_may_use` and `arns.fits`,
the one place for that question (`iamkb grants` asks it too); their docstrings say where the
catalog's gaps make them answer "may fit".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from iamkb.check.rules.context import LintContext
from iamkb.core import iamcatalog
from iamkb.core.arns import Arn, action_may_use, fits, overlaps, same_service_templates, templates_of
from iamkb.core.findings import Finding
from iamkb.core.policy import Statement, Value, resolve_action

_SHOWN_TEMPLATES = 3


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if statement.resource_element != "Resource" or statement.action_element != "Action":
            continue
        actions = _statement_actions(statement)
        if actions is None:
            continue
        arns = [v for v in statement.resources if isinstance(v.value, str) and v.value.startswith("arn:")]
        if all(templates_of(action) for _, group in actions for action in group):
            yield from _check_resources(ctx, actions, arns)
        yield from _check_actions(ctx, statement, actions)


def _statement_actions(statement: Statement) -> list[tuple[Value, list[iamcatalog.Action]]] | None:
    """Each Action value with the catalog actions it names; None if any is `*` or unknown (no verdict)."""
    found = []
    for value in statement.actions:
        resolved = resolve_action(value.value)
        if not resolved.actions:
            return None
        found.append((value, list(resolved.actions)))
    return found or None


def _check_resources(ctx, actions, arns: list[Value]) -> Iterator[Finding]:
    templates = tuple(dict.fromkeys(t for _, group in actions for a in group for t in templates_of(a)))
    for value in arns:
        if not fits(value.value, templates):
            candidates = same_service_templates(value.value, templates)
            assert candidates is not None  # fits() is True when the ARN's service has no template here
            yield _mismatch(ctx, value, candidates)


def _mismatch(ctx: LintContext, value: Value, candidates: list[str]) -> Finding:
    arn = value.value
    parsed = Arn.parse(arn)
    if parsed:
        for field, code in (("region", "ARN_REGION_MISMATCH"), ("account", "ARN_ACCOUNT_MISMATCH")):
            problem = _field_problem(parsed, field, candidates)
            if problem:
                return ctx.finding(
                    code, f"{problem} in '{arn}'.", value.pointer, _expected_hint(candidates, field), subject=arn
                )
    return ctx.finding(
        "RESOURCE_MATCHES_NO_ACTION",
        f"'{arn}' fits no resource type of the statement's actions, so this entry grants nothing.",
        value.pointer,
        _expected_hint(candidates, "resource"),
        subject=arn,
    )


def _field_problem(parsed: Arn, field: str, candidates: list[str]) -> str | None:
    """Would the ARN fit with only its region (or account) field changed? Then say what is wrong with it.

    The trial value is empty when the field was written, and one placeholder value (no `:` or `/`)
    when it was left empty, so the rest of the ARN must still fit field by field.
    """
    written = getattr(parsed, field)
    trial = parsed._replace(**{field: "" if written else f"<{field}>"})
    if not any(overlaps("arn:" + ":".join(trial), t) for t in candidates):
        return None
    if written:
        return f"The {field} field must be empty for this resource type, but it is '{written}'"
    return f"The {field} field is empty, but this resource type's ARN needs one"


def _expected_hint(templates: Sequence[str], what: str) -> str:
    shown = sorted(set(templates))
    more = ", ..." if len(shown) > _SHOWN_TEMPLATES else ""
    return f"Write the {what} as in the catalog's ARN format: {', '.join(shown[:_SHOWN_TEMPLATES])}{more}"


def _check_actions(ctx, statement: Statement, actions) -> Iterator[Finding]:
    resources = [v.value for v in statement.resources if isinstance(v.value, str) and v.value.startswith(("arn:", "*"))]
    if not resources or "*" in resources:
        return
    for value, group in actions:
        if resolve_action(value.value).has_wildcard:
            continue  # a pattern may rightly match actions that the ARNs do not fit
        (action,) = group
        if any(action_may_use(action, arn) for arn in resources):
            continue
        templates = templates_of(action)
        yield ctx.finding(
            "ACTION_MATCHES_NO_RESOURCE",
            f"No Resource of this statement fits '{action.full_name}', so the statement does not grant it.",
            value.pointer,
            "Move the action to a statement whose Resource fits it. " + _expected_hint(templates, "ARN"),
            subject=f"{action.full_name} on {' '.join(resources)}",
        )
