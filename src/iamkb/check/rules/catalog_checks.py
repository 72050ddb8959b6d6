"""Actions and condition keys checked against the IAM catalog.

IAM itself accepts a policy with a misspelled action or condition key and then silently grants
nothing for it (or, for a negated condition, everything), so these are the mistakes that survive
until runtime. Names compare case-insensitively, as IAM compares them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from iamkb.check.rules.context import LintContext
from iamkb.core import iamcatalog
from iamkb.core.findings import Finding
from iamkb.core.policy import ResolvedAction, Statement, resolve_action

# Prefixes that are not services but identity providers (OIDC issuers such as
# `token.actions.githubusercontent.com`, `oidc.eks.<region>.amazonaws.com/id/<id>`); their claim
# keys (`:sub`, `:aud`) are chosen by the provider, so only the shape is known.
_PROVIDER_MARKERS = (".", "/")
# Tag condition keys, which name the tag after a slash; written without one, they name nothing.
_TAG_KEY_FAMILIES = {f.lower(): f for f in ("aws:ResourceTag", "aws:RequestTag", "aws:PrincipalTag")}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        yield from _check_actions(ctx, statement)
        yield from _check_condition_keys(ctx, statement)


def _did_you_mean(names: Sequence[str]) -> str:
    return f" Did you mean {' or '.join(repr(n) for n in names)}?" if names else ""


def _check_actions(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    for value in statement.actions:
        resolved = resolve_action(value.value)
        if resolved.is_all or resolved.service is None:
            continue  # `*`, or a shape the schema reports
        if not resolved.known_service:
            known = ctx.known_to_aws("UNKNOWN_SERVICE", resolved.service)
            suggestions = [] if known else iamcatalog.suggest_service(resolved.service)
            yield ctx.finding(
                "UNKNOWN_SERVICE",
                f"'{resolved.service}' in '{value.value}' is not a service prefix in the IAM catalog "
                f"({iamcatalog.catalog_date()}).{_did_you_mean(suggestions)}",
                value.pointer,
                "Use the service's IAM prefix from the Service Authorization Reference (for example 'sagemaker', "
                "'s3', 'kms'); if the service is newer than the catalog, update iamkb.",
                subject=resolved.service,
            )
        elif not resolved.actions:
            yield _missing_action(ctx, resolved, value.pointer)


def _missing_action(ctx: LintContext, resolved: ResolvedAction, at: str) -> Finding:
    # Asked only for an action of a known service: resolve_action gave it a prefix and a name.
    assert resolved.service is not None and resolved.name is not None
    service = iamcatalog.service(resolved.service)
    assert service is not None
    if resolved.has_wildcard:
        return ctx.finding(
            "WILDCARD_MATCHES_NO_ACTION",
            f"'{resolved.text}' matches no action of the '{service.prefix}' service.",
            at,
            "Check the spelling of the pattern's fixed part, or list the actions you mean.",
            subject=resolved.text,
        )
    known = ctx.known_to_aws("UNKNOWN_ACTION", resolved.text)
    suggestions = [] if known else [f"{service.prefix}:{name}" for name in service.suggest(resolved.name)]
    return ctx.finding(
        "UNKNOWN_ACTION",
        f"'{resolved.text}' is not an action of the '{service.prefix}' service in the IAM catalog "
        f"({iamcatalog.catalog_date()}).{_did_you_mean(suggestions)}",
        at,
        "Fix the action name; IAM accepts unknown actions and grants nothing for them.",
        subject=resolved.text,
    )


# --- condition keys -----------------------------------------------------------------------------


def _check_condition_keys(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    checked: set[str] = set()
    for entry in statement.conditions:
        lowered = entry.key.lower()
        if lowered in checked:
            continue
        checked.add(lowered)
        problem = unknown_key_problem(entry.key)
        if problem:
            message, hint = problem
            yield ctx.finding("UNKNOWN_CONDITION_KEY", message, entry.pointer, hint, subject=entry.key)
        elif not _key_supported(statement, entry.key):
            yield ctx.finding(
                "CONDITION_KEY_NOT_SUPPORTED",
                f"No action in this statement supports the condition key '{entry.key}'.",
                entry.pointer,
                "Move the condition to a statement whose actions support the key (see each action's condition keys "
                "in the Service Authorization Reference), or use a global aws: key.",
                subject=entry.key,
            )


def unknown_key_problem(key: str) -> tuple[str, str] | None:
    """(message, hint) when the key exists nowhere; None when it is a known key."""
    if iamcatalog.global_condition_key(key):
        return None
    prefix, colon, _ = key.partition(":")
    lowered_prefix = prefix.lower()
    if not colon:
        return (
            f"'{key}' is not a condition key: keys are written 'prefix:name'.",
            "Use a global key such as 'aws:SourceArn' or a service key such as 's3:prefix'.",
        )
    tag_family = key.rstrip("/").lower()
    if tag_family in _TAG_KEY_FAMILIES:  # Access Analyzer's "Missing tag key in condition"
        family = _TAG_KEY_FAMILIES[tag_family]
        return (
            f"'{key}' names no tag: the key is written '{family}/tag-key', with the tag's key after the slash.",
            f"Write the tag key, for example '{family}/project'.",
        )
    if lowered_prefix == "aws":
        close = iamcatalog.close_matches(key.lower(), [k.lower() for k in _global_names()], 1, 0.75)
        names = [k for k in _global_names() if k.lower() in close]
        return (
            f"'{key}' is not a global condition key.{_did_you_mean(names)}",
            "Use one of the documented aws: keys, or a service-specific key.",
        )
    if lowered_prefix in iamcatalog.identity_provider_key_prefixes() or any(m in prefix for m in _PROVIDER_MARKERS):
        return None
    service = iamcatalog.service(prefix)
    if service is None:
        return (
            f"'{key}' names no service: '{prefix}' is not a service prefix in the IAM catalog.",
            "Check the prefix; condition keys use the same prefix as the service's actions.",
        )
    if service.condition_key(key) is None:
        close = iamcatalog.close_matches(key.lower(), list(service.condition_keys.exact), 1, 0.75)
        names = [service.condition_keys.exact[name].name for name in close]
        return (
            f"The '{service.prefix}' service defines no condition key '{key}'.{_did_you_mean(names)}",
            "Check the key's spelling in the service's condition keys table.",
        )
    return None


@cache
def _global_names() -> list[str]:
    return sorted(iamcatalog.GLOBAL_CONDITION_KEYS)


def _key_supported(statement: Statement, key: str) -> bool:
    """Can the key be in the request context of at least one of the statement's actions?

    Global, cross-service and identity-provider keys always can. A statement we cannot resolve
    (NotAction, `*`, an unknown action) gets the benefit of the doubt.
    """
    prefix = key.partition(":")[0].lower()
    if iamcatalog.global_condition_key(key) or prefix not in iamcatalog.service_prefixes():
        return True
    if statement.action_element != "Action" or not statement.actions:
        return True
    lowered = key.lower()
    for value in statement.actions:
        resolved = resolve_action(value.value)
        if not resolved.actions:
            return True
        # It names catalog actions, so its service is known.
        assert resolved.service is not None
        service = iamcatalog.service(resolved.service)
        assert service is not None
        if any(service.keys_for_action(action).find(lowered) for action in resolved.actions):
            return True
    return False
