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

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from iamkb.core import iamcatalog
from iamkb.core.errors import UsageError
from iamkb.core.findings import pointer as make_pointer
from iamkb.core.arns import action_may_use
from iamkb.core.wildcards import compile_pattern

ACCESS_LEVELS = ("List", "Read", "Write", "Permissions management", "Tagging")
VARIABLES_VERSION = "2012-10-17"


# --- statements ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One operator / key / values entry of a Condition block (all entries must hold)."""

    operator: str
    key: str
    values: tuple[str, ...]  # as JSON text for booleans and numbers, so `true` and "true" read alike

    def __str__(self) -> str:
        values = self.values[0] if len(self.values) == 1 else "[" + ", ".join(self.values) + "]"
        return f"{self.operator} {self.key} = {values}"

    def to_json(self) -> dict:
        return {"operator": self.operator, "key": self.key, "values": list(self.values)}


@dataclass(frozen=True)
class Statement:
    pointer: str  # RFC 6901 pointer of the statement in its document
    sid: str | None
    effect: str  # "Allow" or "Deny"
    actions: tuple[str, ...]
    not_action: bool
    resources: tuple[str, ...]  # empty when the statement has no Resource (a trust policy)
    not_resource: bool
    conditions: tuple[Condition, ...]
    principal: object | None  # Principal or NotPrincipal as written
    not_principal: bool
    variables: bool  # whether ${...} are policy variables (policy language 2012-10-17)

    @property
    def label(self) -> str:
        return self.pointer + (f" ({self.sid})" if self.sid else "")

    def resource_patterns(self):
        return [compile_pattern(r, variables=self.variables) for r in self.resources]


def _strings(value, where: str, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(f"{name}: {where}: expected a string or a non-empty array of strings\nhint: run iamkb check {name}")


def _condition_values(value, where: str, name: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not items or any(isinstance(v, (dict, list)) or v is None for v in items):
        raise UsageError(f"{name}: {where}: expected a string, number or boolean, or an array of them")
    return tuple(v if isinstance(v, str) else json.dumps(v) for v in items)


def _conditions(block, where: str, name: str) -> tuple[Condition, ...]:
    if block is None:
        return ()
    if not isinstance(block, dict):
        raise UsageError(f"{name}: {where}: Condition must be an object of operators")
    found = []
    for operator, entries in block.items():
        if not isinstance(entries, dict):
            raise UsageError(f"{name}: {where}/{operator}: expected an object of condition keys and values")
        for key, value in entries.items():
            found.append(Condition(operator, key, _condition_values(value, f"{where}/{operator}/{key}", name)))
    return tuple(found)


def statements(document, name: str) -> list[Statement]:
    """The statements of a policy, or of a lone statement (a snippet to add to a policy).

    Shape errors become a UsageError naming the pointer; `iamkb check` explains them in full.
    """
    if not isinstance(document, dict):
        raise UsageError(f"{name}: expected a policy (a JSON object)\nhint: run iamkb check {name}")
    if "Statement" in document:
        raw = document["Statement"]
        variables = document.get("Version") == VARIABLES_VERSION
        items = [(make_pointer("Statement", i), s) for i, s in enumerate(raw)] if isinstance(raw, list) else [
            (make_pointer("Statement"), raw)
        ]
    elif "Effect" in document:
        variables = True  # a lone statement is added to a policy of the current language version
        items = [("", document)]
    else:
        raise UsageError(f"{name}: has neither Statement nor Effect, so it is not a policy\nhint: run iamkb check {name}")
    return [_statement(where, raw, variables, name) for where, raw in items]


def _statement(where: str, raw, variables: bool, name: str) -> Statement:
    if not isinstance(raw, dict):
        raise UsageError(f"{name}: {where or '/'}: a statement must be a JSON object")
    effect = raw.get("Effect")
    if effect not in ("Allow", "Deny"):
        raise UsageError(f"{name}: {where}/Effect: must be \"Allow\" or \"Deny\"\nhint: run iamkb check {name}")
    action_key = "NotAction" if "NotAction" in raw else "Action"
    resource_key = "NotResource" if "NotResource" in raw else "Resource"
    principal_key = "NotPrincipal" if "NotPrincipal" in raw else "Principal"
    if action_key not in raw:
        raise UsageError(f"{name}: {where}: the statement has no Action or NotAction\nhint: run iamkb check {name}")
    sid = raw.get("Sid")
    return Statement(
        pointer=where,
        sid=sid if isinstance(sid, str) else None,
        effect=effect,
        actions=_strings(raw[action_key], f"{where}/{action_key}", name),
        not_action=action_key == "NotAction",
        resources=_strings(raw[resource_key], f"{where}/{resource_key}", name) if resource_key in raw else (),
        not_resource=resource_key == "NotResource",
        conditions=_conditions(raw.get("Condition"), f"{where}/Condition", name),
        principal=raw.get(principal_key),
        not_principal=principal_key == "NotPrincipal",
        variables=variables,
    )


# --- expanding actions --------------------------------------------------------------------------


@cache
def all_actions() -> tuple[iamcatalog.Action, ...]:
    """Every action of every service in the catalog (read once; about half a second)."""
    return tuple(
        action
        for prefix in sorted(iamcatalog.service_prefixes())
        for action in iamcatalog.service(prefix).actions.values()
    )


@cache
def match_catalog(pattern: str) -> tuple[iamcatalog.Action, ...]:
    """Catalog actions an Action entry matches (`*`, `s3:Get*`, `*:Describe*`), case-insensitively."""
    service_part, colon, name_part = pattern.partition(":")
    if not colon or any(c in service_part for c in "*?"):
        regex = iamcatalog.glob_regex(pattern)
        return tuple(a for a in all_actions() if regex.fullmatch(a.full_name.lower()))
    found = iamcatalog.service(service_part)
    return tuple(found.match_actions(name_part)) if found else ()


@dataclass(frozen=True)
class Expansion:
    actions: tuple[iamcatalog.Action, ...]  # catalog actions, in catalog order, without duplicates
    unknown: tuple[str, ...]  # entries that match no catalog action


def expand_actions(patterns: tuple[str, ...], negated: bool = False) -> Expansion:
    """The catalog actions an Action list allows; with `negated` (NotAction), every other action."""
    matched: dict[str, iamcatalog.Action] = {}
    unknown = []
    for pattern in patterns:
        found = match_catalog(pattern)
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
    return [r for r in statement.resources if not action_may_use(action, r)]


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
            "actionsAsWritten": list(s.actions),
            "resources": list(s.resources),
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
        return tuple(g for g in self.statements if g.statement.effect == "Allow")

    @property
    def denies(self) -> tuple[StatementGrants, ...]:
        return tuple(g for g in self.statements if g.statement.effect == "Deny")

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
    """The Python API behind `iamkb grants`: every statement with its actions expanded."""
    result = []
    for statement in statements(document, name):
        expansion = expand_actions(statement.actions, statement.not_action)
        inapplicable = {}
        for action in expansion.actions:
            unusable = inapplicable_resources(action, statement)
            if unusable:
                inapplicable[action.full_name] = tuple(unusable)
        result.append(StatementGrants(statement, expansion, inapplicable))
    return Grants(name, tuple(result))
