"""What a policy allows, action by action: wildcards and NotAction expanded against the IAM catalog.

A policy says `sagemaker:*` or `kms:ReEncrypt*`; a reviewer wants to know which operations that
is today, how dangerous they are (the catalog's access levels: List, Read, Write, Permissions
management, Tagging), on which resources and under which conditions. This module reads the
statements (`statements`), expands their action patterns (`expand_actions`), and builds that
report (`grants`). `iamkb compare` and the site's action index use the same statements and the
same expansion.

Expansion is against the pinned IAM catalog: a wildcard also matches actions AWS adds later,
and the report says which catalog version it used. An action the catalog does not know is kept
and listed as unknown (for IAM it is simply a name that matches no request).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from iamkb.core import iamcatalog
from iamkb.core.arns import action_may_use
from iamkb.core.enums import Effect
from iamkb.core.errors import UsageError
from iamkb.core.policy import Statement, catalog_actions, parse
from iamkb.core.shape import PolicyShapeError

ACCESS_LEVELS = ("List", "Read", "Write", "Permissions management", "Tagging")


# --- statements ---------------------------------------------------------------------------------


def statements(document, name: str) -> list[Statement]:
    """The statements of a policy, or of a lone statement (a snippet to add to a policy).

    The strict reading of the one policy parser: a shape AWS would refuse is a UsageError naming
    the file and the pointer; `iamkb check` explains it in full.
    """
    try:
        return parse(document, strict=True).statements
    except PolicyShapeError as exc:
        hint = f"{exc.hint}; " if exc.hint else ""
        raise UsageError(f"{name} at {exc.pointer or '/'}: {exc.message}\nhint: {hint}run iamkb check {name}") from None


# --- expanding actions --------------------------------------------------------------------------


def all_actions() -> tuple[iamcatalog.Action, ...]:
    """Every action of every service in the catalog (read once; about half a second)."""
    return catalog_actions("*")


@dataclass(frozen=True)
class Expansion:
    actions: tuple[iamcatalog.Action, ...]  # catalog actions, in catalog order, without duplicates
    unknown: tuple[str, ...]  # entries that match no catalog action


def expand_actions(patterns: tuple[str, ...], negated: bool = False) -> Expansion:
    """The catalog actions an Action list allows; with `negated` (NotAction), every other action."""
    matched: dict[str, iamcatalog.Action] = {}
    unknown = []
    for pattern in patterns:
        found = catalog_actions(pattern)
        if not found:
            unknown.append(pattern)
        for action in found:
            matched.setdefault(action.full_name.lower(), action)
    if negated:
        return Expansion(tuple(a for a in all_actions() if a.full_name.lower() not in matched), tuple(unknown))
    return Expansion(tuple(matched.values()), tuple(unknown))


# --- which resources an action can apply to ---------------------------------------------------


def inapplicable_resources(action: iamcatalog.Action, statement: Statement) -> list[str]:
    """Resource entries of the statement that can never name a resource this action works on.

    The question is the lint's (RESOURCE_MATCHES_NO_ACTION), answered in one place,
    `iamkb.core.arns.action_may_use`: an entry is listed only when it provably fits none of the
    action's ARN formats, so the report never says a statement grants less than it does.
    """
    if statement.not_resource:
        return []
    return [r for r in statement.resource_texts if not action_may_use(action, r)]


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementGrants:
    statement: Statement
    expansion: Expansion
    inapplicable: dict[str, tuple[str, ...]]  # action full name -> resource entries it cannot use

    def by_service(self) -> dict[str, dict[str, list[iamcatalog.Action]]]:
        """service prefix -> access level -> actions, levels in ACCESS_LEVELS order."""
        grouped: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for action in self.expansion.actions:
            grouped[action.service][action.access_level or "Unknown"].append(action)
        return {
            service: {level: grouped[service][level] for level in _level_order(grouped[service])}
            for service in sorted(grouped)
        }

    def to_json(self) -> dict:
        s = self.statement
        return {
            "pointer": s.pointer,
            "sid": s.sid,
            "effect": s.effect,
            "notAction": s.not_action,
            "actionsAsWritten": list(s.action_texts),
            "resources": list(s.resource_texts),
            "notResource": s.not_resource,
            "principal": s.principal,
            "notPrincipal": s.not_principal,
            "conditions": [c.to_json() for c in s.conditions],
            "actionCount": len(self.expansion.actions),
            "unknownActions": list(self.expansion.unknown),
            "services": {
                service: {level: [a.name for a in actions] for level, actions in levels.items()}
                for service, levels in self.by_service().items()
            },
            "inapplicableResources": {k: list(v) for k, v in self.inapplicable.items()},
        }


def _level_order(levels) -> list[str]:
    """Levels in ACCESS_LEVELS order; the catalog writes some as "Permissions management, Write"."""

    def rank(level: str) -> tuple[int, str]:
        first = level.split(",")[0].strip()
        return (ACCESS_LEVELS.index(first) if first in ACCESS_LEVELS else len(ACCESS_LEVELS), level)

    return sorted(levels, key=rank)


@dataclass(frozen=True)
class Grants:
    name: str
    statements: tuple[StatementGrants, ...]

    @property
    def allows(self) -> tuple[StatementGrants, ...]:
        return tuple(g for g in self.statements if g.statement.effect is Effect.ALLOW)

    @property
    def denies(self) -> tuple[StatementGrants, ...]:
        return tuple(g for g in self.statements if g.statement.effect is Effect.DENY)

    def allowed_actions(self) -> dict[str, iamcatalog.Action]:
        """Every catalog action some Allow statement allows (before any Deny), by lowercase full name."""
        return {a.full_name.lower(): a for g in self.allows for a in g.expansion.actions}

    def to_json(self) -> dict:
        allowed = self.allowed_actions()
        return {
            "policy": self.name,
            "catalog": {"version": iamcatalog.catalog_version(), "date": iamcatalog.catalog_date()},
            "allowedActionCount": len(allowed),
            "allowedByAccessLevel": count_levels(allowed.values()),
            "statements": [g.to_json() for g in self.statements],
        }


def count_levels(actions) -> dict[str, int]:
    """How many actions per access level, in ACCESS_LEVELS order."""
    counts: dict[str, int] = defaultdict(int)
    for action in actions:
        counts[action.access_level or "Unknown"] += 1
    return {level: counts[level] for level in _level_order(counts)}


def grants(document, name: str) -> Grants:
    """The Python API behind `iamkb grants`: every statement with its actions expanded.

    Wildcards and NotAction are expanded against the IAM catalog; for each action the result also
    lists the statement's Resource entries that can never name a resource the action works on.
    `name` labels the policy in messages and in `to_json()`.

    Examples:
        >>> from iamkb.grants import grants
        >>> policy = {"Version": "2012-10-17", "Statement": [
        ...     {"Effect": "Allow", "Action": "kms:ReEncrypt*", "Resource": "*"},
        ...     {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::my-bucket/*"}]}
        >>> result = grants(policy, "my-policy")
        >>> sorted(result.allowed_actions())
        ['kms:reencryptfrom', 'kms:reencryptto', 's3:getobject', 's3:listbucket']
        >>> result.statements[1].inapplicable
        {'s3:ListBucket': ('arn:aws:s3:::my-bucket/*',)}
    """
    result = []
    for statement in statements(document, name):
        expansion = expand_actions(statement.action_texts, statement.not_action)
        inapplicable = {}
        for action in expansion.actions:
            unusable = inapplicable_resources(action, statement)
            if unusable:
                inapplicable[action.full_name] = tuple(unusable)
        result.append(StatementGrants(statement, expansion, inapplicable))
    return Grants(name, tuple(result))
