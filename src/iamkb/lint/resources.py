"""Do the statement's Resource ARNs fit the resource types its actions work on?

The classic mistakes: `s3:GetObject` on `arn:aws:s3:::bucket` (a bucket, not its objects),
`s3:ListBucket` on `arn:aws:s3:::bucket/*`, a region in an S3 ARN, no account in a Lambda ARN.
IAM accepts all of these and grants nothing. See `iamkb.lint.arns` for how ARN patterns,
placeholders and variables are compared with the catalog's templates.

The catalog is incomplete in two ways that AWS's own managed policies show, so a verdict is only
given where it is sound:
- an action listed without resource types may still be authorized per resource (the catalog just
  does not document it), so such an action accepts any ARN here;
- actions are authorized against other services' resources (`ssm:StartSession` on an EKS cluster,
  renamed services such as codestar-connections/codeconnections), so an ARN is only judged against
  templates of its own service; an ARN of a service none of the actions' types belong to gets no
  verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from .. import iamcatalog
from ..findings import Finding
from .arns import Arn, has_wildcard, overlaps, resource_prefixes_differ
from .context import LintContext
from .model import Statement, Value, resolve_action

_SHOWN_TEMPLATES = 3


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if statement.resource_element != "Resource" or statement.action_element != "Action":
            continue
        actions = _statement_actions(statement)
        if actions is None:
            continue
        arns = [v for v in statement.resources if isinstance(v.value, str) and v.value.startswith("arn:")]
        if all(_templates_of(action) for _, group in actions for action in group):
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


def _templates_of(action: iamcatalog.Action) -> tuple[str, ...]:
    """The ARN formats of the resource types an action works on."""
    return _templates(action.service, action.name)


@cache
def _templates(service_prefix: str, action_name: str) -> tuple[str, ...]:
    service = iamcatalog.service(service_prefix)
    action = service.action(action_name)
    return tuple(
        template
        for r in action.resource_types
        if r.name in service.resource_types
        for template in service.resource_types[r.name].arn_templates
    )


@cache
def _field(template: str, index: int) -> str | None:
    fields = template.split(":", 5)
    return fields[index] if len(fields) == 6 else None


def _same_service(arn: str, templates: list[str]) -> list[str] | None:
    """The templates of the ARN's own service; None when the ARN's service has none among them."""
    parsed = Arn.parse(arn)
    if parsed is None or has_wildcard(parsed.service):
        return templates
    same = [t for t in templates if _field(t, 2) == parsed.service]
    return same or None


@cache
def _fits(arn: str, templates: tuple[str, ...]) -> bool:
    """True unless the ARN provably names no resource of these formats."""
    if arn == "*":
        return True
    candidates = _same_service(arn, templates)
    if candidates is None:
        return True
    # Templates whose resource part starts like the ARN's are tried first: `any` then stops early,
    # and the full comparison of non-matching pairs (the costly case) is rarely needed.
    likely = sorted(candidates, key=lambda t: resource_prefixes_differ(arn, t))
    return any(overlaps(arn, t) for t in likely)


def _check_resources(ctx, actions, arns: list[Value]) -> Iterator[Finding]:
    templates = tuple(dict.fromkeys(t for _, group in actions for a in group for t in _templates_of(a)))
    for value in arns:
        if not _fits(value.value, templates):
            yield _mismatch(ctx, value, _same_service(value.value, templates))


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


def _expected_hint(templates: list[str], what: str) -> str:
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
        templates = _templates_of(action)
        if not templates or any(_fits(arn, templates) for arn in resources):
            continue
        yield ctx.finding(
            "ACTION_MATCHES_NO_RESOURCE",
            f"No Resource of this statement fits '{action.full_name}', so the statement does not grant it.",
            value.pointer,
            "Move the action to a statement whose Resource fits it. " + _expected_hint(templates, "ARN"),
            subject=f"{action.full_name} on {' '.join(resources)}",
        )
