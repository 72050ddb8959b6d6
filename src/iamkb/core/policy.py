"""A read-only view of a policy that every check shares: statements, with each value's JSON pointer.

IAM accepts shorthand that checks should not each re-handle: a lone Statement object instead of
a list, a string instead of a one-element list for Action/Resource/Principal values, and (for our
`statement` kind) a bare statement. This module flattens those once, keeping the pointer of the
place the value is actually written, so findings point at `/Statement/Action`, not an invented
`/Statement/0/Action/0`.

Documents reach the lint after the schema, or after the lenient reader recovered them, so a value
of the wrong type is skipped here (the schema reports it), never raised on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, cached_property
from typing import Any, NamedTuple

from iamkb.core import iamcatalog
from iamkb.core.findings import escape_pointer_token, pointer


class Value(NamedTuple):
    """One value as written, and where."""

    value: Any
    pointer: str


class ConditionEntry(NamedTuple):
    """One `operator: {key: values}` pair of a Condition block."""

    operator: str
    key: str
    values: tuple[Value, ...]
    pointer: str  # of the key inside the operator block


class Statement:
    """One statement, with its elements flattened to values that know their pointers."""

    def __init__(self, raw: dict, at: str):
        self.raw = raw
        self.pointer = at  # '' for the `statement` kind, '/Statement' for a lone object, '/Statement/3' otherwise
        effect, sid = raw.get("Effect"), raw.get("Sid")
        self.effect: str | None = effect if isinstance(effect, str) else None
        self.sid: str | None = sid if isinstance(sid, str) else None
        self.action_element = _first_present(raw, "Action", "NotAction")
        self.resource_element = _first_present(raw, "Resource", "NotResource")
        self.principal_element = _first_present(raw, "Principal", "NotPrincipal")
        self.actions: list[Value] = self._strings(self.action_element)
        self.resources: list[Value] = self._strings(self.resource_element)
        self.principals: list[tuple[str, Value]] = (  # (principal type, value); type "*" for "*"
            _principals(raw[self.principal_element], self.at(self.principal_element)) if self.principal_element else []
        )
        self.conditions: list[ConditionEntry] = _conditions(raw.get("Condition"), self.at("Condition"))

    def _strings(self, element: str | None) -> list[Value]:
        return _strings(self.raw[element], self.at(element)) if element else []

    def at(self, *tokens: str | int) -> str:
        return self.pointer + pointer(*tokens)

    @property
    def allows(self) -> bool:
        return self.effect == "Allow"

    @cached_property
    def action_index(self) -> ActionIndex:
        return ActionIndex(self.actions)

    @property
    def condition_keys(self) -> set[str]:
        return {entry.key.lower() for entry in self.conditions}


def _strings(raw: Any, at: str) -> list[Value]:
    """Values of an element that may be a string or a list of strings."""
    if isinstance(raw, str):
        return [Value(raw, at)]
    if isinstance(raw, list):
        return [Value(item, f"{at}/{index}") for index, item in enumerate(raw) if isinstance(item, str)]
    return []


def _first_present(raw: dict, *names: str) -> str | None:
    return next((name for name in names if name in raw), None)


def _principals(raw: Any, at: str) -> list[tuple[str, Value]]:
    if raw == "*":
        return [("*", Value("*", at))]
    if not isinstance(raw, dict):
        return []
    found: list[tuple[str, Value]] = []
    for principal_type, values in raw.items():
        found.extend((principal_type, value) for value in _strings(values, f"{at}/{escape_pointer_token(principal_type)}"))
    return found


def _conditions(raw: Any, at: str) -> list[ConditionEntry]:
    if not isinstance(raw, dict):
        return []
    entries = []
    for operator, block in raw.items():
        if not isinstance(block, dict):
            continue
        operator_at = f"{at}/{escape_pointer_token(operator)}"
        for key, values in block.items():
            key_at = f"{operator_at}/{escape_pointer_token(key)}"
            if isinstance(values, list):
                found = tuple(Value(v, f"{key_at}/{i}") for i, v in enumerate(values))
            else:
                found = (Value(values, key_at),)
            entries.append(ConditionEntry(operator, key, found, key_at))
    return entries


def statements(document: Any, kind: str) -> list[Statement]:
    """The statements of a document (a bare statement for kind `statement`)."""
    if not isinstance(document, dict):
        return []
    if kind == "statement":
        return [Statement(document, "")]
    raw = document.get("Statement")
    if isinstance(raw, dict):
        return [Statement(raw, "/Statement")]
    if isinstance(raw, list):
        return [Statement(item, f"/Statement/{index}") for index, item in enumerate(raw) if isinstance(item, dict)]
    return []


# --- actions resolved against the catalog ---------------------------------------------------


class ResolvedAction(NamedTuple):
    """What an action string names. `actions` is empty for `*`, unknown names and unknown services."""

    text: str
    service: str | None  # lowercase prefix when the string has one
    name: str | None
    is_all: bool  # the bare `*`
    has_wildcard: bool
    known_service: bool
    actions: tuple[iamcatalog.Action, ...]


# The schema's action grammar: checks leave other shapes (`*:Get*`, spaces) to the schema's finding.
_ACTION_PREFIX = re.compile(r"[A-Za-z0-9-]+")
_ACTION_NAME = re.compile(r"[A-Za-z0-9*?_-]+")


@cache
def resolve_action(text: str) -> ResolvedAction:
    if text == "*":
        return ResolvedAction(text, None, None, True, True, True, ())
    prefix, colon, name = text.partition(":")
    if not colon or not _ACTION_PREFIX.fullmatch(prefix) or not _ACTION_NAME.fullmatch(name):
        return ResolvedAction(text, None, None, False, False, False, ())  # a shape the schema reports
    wildcard = "*" in name or "?" in name
    service = iamcatalog.service(prefix)
    if service is None:
        return ResolvedAction(text, prefix.lower(), name, False, wildcard, False, ())
    if wildcard:
        matched = tuple(service.match_actions(name))
    else:
        found = service.action(name)
        matched = (found,) if found else ()
    return ResolvedAction(text, service.prefix, name, False, wildcard, True, matched)


def action_matches(pattern: str, action_name: str) -> bool:
    """Does an Action string (possibly with wildcards) cover `service:Name`? Case-insensitive.

    """
    return iamcatalog.wildcard_matcher(pattern)(action_name.lower())


class ActionIndex:
    """The statement's Action (or NotAction) values, indexed for "is service:Name listed?" questions.

    Security checks ask this for a few dozen actions per policy, and AWS policies list hundreds of
    actions, so literals go in a set and patterns are grouped by their service prefix.
    """

    def __init__(self, values: list[Value]):
        self.literals: set[str] = set()
        self.patterns: dict[str, list[Value]] = defaultdict(list)  # prefix ('' if the prefix has wildcards)
        for value in values:
            if not isinstance(value.value, str):
                continue
            lowered = value.value.lower()
            if "*" not in lowered and "?" not in lowered:
                self.literals.add(lowered)
                continue
            prefix = lowered.partition(":")[0]
            self.patterns["" if "*" in prefix or "?" in prefix else prefix].append(value)

    def match(self, action_name: str) -> bool:
        """Is the action (a name, or a pattern's text) listed, literally or through a pattern?"""
        lowered = action_name.lower()
        return lowered in self.literals or self.covering_pattern(lowered) is not None

    def covering_pattern(self, action: str, besides: Value | None = None) -> Value | None:
        """A listed pattern (other than `besides`) that includes `action`; for a pattern `action`,
        one that includes every action it names (see structure.covers)."""
        lowered = action.lower()
        for value in self.patterns.get(lowered.partition(":")[0], []) + self.patterns.get("", []):
            if value is not besides and value.value.lower() != lowered and "?" not in value.value:
                if action_matches(value.value, lowered):
                    return value
        return None


def statement_covers(statement: Statement, action_name: str) -> bool:
    """Does this statement's Action/NotAction element include the action?"""
    hit = statement.action_index.match(action_name)
    return not hit if statement.action_element == "NotAction" else hit
