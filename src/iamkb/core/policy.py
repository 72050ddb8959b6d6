"""The one reading of a policy document: statements, with each value's JSON pointer.

Every command reads policies through `parse`. IAM accepts shorthand that no command should
re-handle: a lone Statement object instead of a list, a string instead of a one-element list
for Action/Resource/Principal values, and (our `statement` kind) a bare statement. It is
flattened here once, keeping the pointer of the place the value is actually written, so a
message points at `/Statement/Action`, not an invented `/Statement/0/Action/0`.

Two readings, one parser:

* lenient (the lint's): the document has already been through the schema, which reports what
  is wrong, so a value of the wrong type is skipped, never raised on;
* strict (the simulator's, grants', compare's): a document AWS would refuse raises
  PolicyShapeError with the pointer of the bad value and, where it helps, a hint. Reading a
  broken policy as "matches nothing" would give confident, wrong answers.

A valid document reads the same both ways; the strict reading only adds the checks.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from typing import Any, NamedTuple, NoReturn

from iamkb.core import iamcatalog
from iamkb.core.enums import Effect, PolicyKind
from iamkb.core.findings import escape_pointer_token, pointer
from iamkb.core.patterns import ActionSet, action_test, has_wildcard
from iamkb.core.shape import PolicyShapeError, json_type, short, string_list
from iamkb.core.variables import VARIABLES_VERSION

VERSIONS = (VARIABLES_VERSION, "2008-10-17")
_DOCUMENT_KEYS = frozenset({"Version", "Id", "Statement"})
_STATEMENT_KEYS = frozenset(
    {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"}
)
_EFFECTS = {"Allow": Effect.ALLOW, "Deny": Effect.DENY}
# Kinds whose statements AWS rejects when they name a principal.
_NO_PRINCIPAL = frozenset({PolicyKind.IDENTITY, PolicyKind.BOUNDARY, PolicyKind.SESSION, PolicyKind.SCP})


# The actions a role trust policy grants (lower case): the lint allows only these there, and the simulator
# requires the trust policy itself to allow them even within one account.
TRUST_ACTIONS = frozenset(
    {
        "sts:assumerole",
        "sts:assumerolewithsaml",
        "sts:assumerolewithwebidentity",
        "sts:tagsession",
        "sts:setsourceidentity",
        "sts:setcontext",
    }
)


class Value(NamedTuple):
    """One value as written, and where."""

    value: Any
    pointer: str


def condition_text(value: Any) -> str:
    """A condition value as IAM compares it: booleans and numbers as their JSON text ("true", "3")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


class ConditionEntry(NamedTuple):
    """One `operator: {key: values}` pair of a Condition block (all entries of a statement must hold)."""

    operator: str
    key: str
    values: tuple[Value, ...]
    pointer: str  # of the key inside the operator block

    @classmethod
    def of(cls, operator: str, key: str, *values: Any, at: str = "") -> ConditionEntry:
        """An entry built in code (tests, examples), pointed at as if written at `at`."""
        key_at = f"{at}/{escape_pointer_token(operator)}/{escape_pointer_token(key)}"
        return cls(operator, key, tuple(Value(v, f"{key_at}/{i}") for i, v in enumerate(values)), key_at)

    @property
    def texts(self) -> tuple[str, ...]:
        """The values as IAM compares them (see condition_text), so `true` and "true" read alike."""
        return tuple(condition_text(v.value) for v in self.values)

    def __str__(self) -> str:
        texts = self.texts
        shown = texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"
        return f"{self.operator} {self.key} = {shown}"

    def to_json(self) -> dict:
        return {"operator": self.operator, "key": self.key, "values": list(self.texts)}


class Statement:
    """One statement, with its elements flattened to values that know their pointers.

    `tokens` locate the statement in its document: () for a bare statement, ("Statement",) for a
    lone object, ("Statement", 3) otherwise; `pointer` is the same as text.
    """

    def __init__(self, raw: dict, tokens: tuple = (), variables: bool = True):
        self.raw = raw
        self.tokens = tokens
        self.pointer = pointer(*tokens)
        self.variables = variables  # whether ${...} are policy variables (policy language 2012-10-17)
        effect, sid = raw.get("Effect"), raw.get("Sid")
        self.effect: Effect | None = _EFFECTS.get(effect) if isinstance(effect, str) else None
        self.sid: str | None = sid if isinstance(sid, str) else None
        self.action_element = _first_present(raw, "Action", "NotAction")
        self.resource_element = _first_present(raw, "Resource", "NotResource")
        self.principal_element = _first_present(raw, "Principal", "NotPrincipal")
        self.actions: list[Value] = self._strings(self.action_element)
        self.resources: list[Value] = self._strings(self.resource_element)
        # the Principal or NotPrincipal element as written; `principals` flattens it to (type, value), type "*" for "*"
        self.principal: Any = raw[self.principal_element] if self.principal_element else None
        self.principals: list[tuple[str, Value]] = (
            _principals(self.principal, self.at(self.principal_element)) if self.principal_element else []
        )
        self.conditions: list[ConditionEntry] = _conditions(raw.get("Condition"), self.at("Condition"))

    def _strings(self, element: str | None) -> list[Value]:
        return _strings(self.raw[element], self.at(element)) if element else []

    def at(self, *tokens: str | int) -> str:
        return self.pointer + pointer(*tokens)

    @property
    def allows(self) -> bool:
        return self.effect is Effect.ALLOW

    @property
    def not_action(self) -> bool:
        return self.action_element == "NotAction"

    @property
    def not_resource(self) -> bool:
        return self.resource_element == "NotResource"

    @property
    def not_principal(self) -> bool:
        return self.principal_element == "NotPrincipal"

    @property
    def action_texts(self) -> tuple[str, ...]:
        """The Action (or NotAction) strings as written."""
        return tuple(v.value for v in self.actions)

    @property
    def resource_texts(self) -> tuple[str, ...]:
        """The Resource (or NotResource) strings as written; empty when there is neither (a trust policy)."""
        return tuple(v.value for v in self.resources)

    @property
    def label(self) -> str:
        """How reports name the statement: its pointer (empty for a bare statement), and its Sid if it has one."""
        return self.pointer + (f" ({self.sid})" if self.sid else "")

    def with_actions(self, actions: list[Value]) -> Statement:
        """The same statement with only some of its Action/NotAction values (compare asks this)."""
        narrowed = Statement.__new__(Statement)
        narrowed.__dict__.update({k: v for k, v in self.__dict__.items() if k != "action_index"})
        narrowed.actions = actions
        return narrowed

    @cached_property
    def action_index(self) -> ActionIndex:
        return ActionIndex(self.actions)

    @property
    def condition_keys(self) -> set[str]:
        return {entry.key.lower() for entry in self.conditions}


class Document:
    """A parsed policy: its kind, Version, statements, and whether policy variables apply."""

    def __init__(self, raw: Any, kind: PolicyKind | None, statements: list[Statement], variables: bool = False):
        self.raw = raw
        self.kind = kind
        version = raw.get("Version") if isinstance(raw, dict) else None
        self.version: str | None = version if isinstance(version, str) else None
        self.statements = statements
        # ${...} are policy variables only in policy language 2012-10-17, and in a bare statement
        # (it is added to a policy of the current version)
        self.variables = variables


def parse(document: Any, kind: PolicyKind | str | None = None, *, strict: bool = False) -> Document:
    """Read a policy document (or, for kind `statement`, a bare statement).

    `kind` None reads either: a document without Statement but with Effect is a bare statement.
    `strict` raises PolicyShapeError (tokens inside the document; the caller adds which document
    with `located`) where the lenient reading would skip a value.
    """
    policy_kind = None if kind is None else PolicyKind(kind)
    if strict:
        _check_document(document, policy_kind)
    if not isinstance(document, dict):
        return Document(document, policy_kind, [])
    if policy_kind is PolicyKind.STATEMENT or (
        policy_kind is None and "Statement" not in document and "Effect" in document
    ):
        return Document(document, policy_kind, [Statement(document, (), True)], True)
    variables = document.get("Version") == VARIABLES_VERSION
    raw = document.get("Statement")
    if isinstance(raw, dict):
        return Document(document, policy_kind, [Statement(raw, ("Statement",), variables)], variables)
    if isinstance(raw, list):
        found = [Statement(item, ("Statement", i), variables) for i, item in enumerate(raw) if isinstance(item, dict)]
        return Document(document, policy_kind, found, variables)
    return Document(document, policy_kind, [], variables)


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
        found.extend(
            (principal_type, value) for value in _strings(values, f"{at}/{escape_pointer_token(principal_type)}")
        )
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


# --- the strict reading: what AWS would refuse ------------------------------------------------


def _check_document(document: Any, kind: PolicyKind | None) -> None:
    if not isinstance(document, dict):
        raise PolicyShapeError(f"a policy must be a JSON object, got {json_type(document)}")
    if kind is PolicyKind.STATEMENT or (kind is None and "Statement" not in document and "Effect" in document):
        _check_statement(document, (), kind)
        return
    if kind is None and "Statement" not in document:
        raise PolicyShapeError(
            "the document has neither Statement nor Effect, so it is neither a policy nor a statement",
            hint="a policy has Version and Statement; a statement has Effect, Action and (usually) Resource",
        )
    unknown = sorted(set(document) - _DOCUMENT_KEYS)
    if unknown:
        raise PolicyShapeError(
            f"unknown policy element {short(unknown[0])}", (unknown[0],), "a policy has Version, Id and Statement"
        )
    version = document.get("Version")
    if version is not None and version not in VERSIONS:
        raise PolicyShapeError(f'Version must be "2012-10-17" or "2008-10-17", got {short(version)}', ("Version",))
    if "Statement" not in document:
        raise PolicyShapeError("the policy has no Statement")
    body = document["Statement"]
    if isinstance(body, dict):
        _check_statement(body, ("Statement",), kind)
        return
    if not isinstance(body, list):
        raise PolicyShapeError(f"Statement must be an object or an array, got {json_type(body)}", ("Statement",))
    for index, raw in enumerate(body):
        if not isinstance(raw, dict):
            raise PolicyShapeError(f"a statement must be an object, got {json_type(raw)}", ("Statement", index))
        _check_statement(raw, ("Statement", index), kind)


def _check_statement(raw: dict, tokens: tuple, kind: PolicyKind | None) -> None:
    unknown = sorted(set(raw) - _STATEMENT_KEYS)
    if unknown:
        raise PolicyShapeError(
            f"unknown statement element {short(unknown[0])}",
            tokens + (unknown[0],),
            "statement elements are Sid, Effect, Action/NotAction, Resource/NotResource, "
            "Principal/NotPrincipal and Condition (names are case-sensitive)",
        )
    sid = raw.get("Sid")
    if sid is not None and not isinstance(sid, str):
        raise PolicyShapeError(f"Sid must be a string, got {json_type(sid)}", tokens + ("Sid",))
    effect = raw.get("Effect")
    if not isinstance(effect, str) or effect not in _EFFECTS:  # an array or object cannot even be looked up
        raise PolicyShapeError(
            'Effect must be "Allow" or "Deny"' + ("" if effect is None else f", got {short(effect)}"),
            tokens + (("Effect",) if "Effect" in raw else ()),
        )
    action = _one_of(raw, ("Action", "NotAction"), tokens, required=True)
    assert action is not None
    for index, text in enumerate(string_list(raw[action], tokens + (action,), action)):
        if text != "*" and ":" not in text:
            where = tokens + (action, index) if isinstance(raw[action], list) else tokens + (action,)
            raise PolicyShapeError(f"{short(text)} is not an action; actions look like service:Name", where)
    resource = _one_of(raw, ("Resource", "NotResource"), tokens, required=kind is not None and kind.needs_resource)
    if resource is not None:
        string_list(raw[resource], tokens + (resource,), resource)
    principal = _one_of(
        raw,
        ("Principal", "NotPrincipal"),
        tokens,
        required=kind is not None and kind.names_principals and kind is not PolicyKind.RCP,
    )
    if kind is PolicyKind.RCP and (principal != "Principal" or raw[principal] != "*"):
        _refuse_rcp_principal(raw, tokens, principal)
    if principal is not None and kind in _NO_PRINCIPAL:
        title = kind.long_name
        raise PolicyShapeError(
            f"{'an' if title[0] in 'aeiou' else 'a'} {title} cannot have {principal}; AWS rejects it",
            tokens + (principal,),
            "statements that name a principal belong in a resource-based policy or role trust policy "
            '(scenario key "resource")',
        )
    if "Condition" in raw:
        _check_conditions(raw["Condition"], tokens + ("Condition",))


def _refuse_rcp_principal(raw: dict, tokens: tuple, principal: str | None) -> NoReturn:
    """RCPs take only `"Principal": "*"` (Access Analyzer's RCP_SYNTAX_ERROR_PRINCIPAL,
    https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)."""
    hint = 'an RCP applies to every principal: write "Principal": "*" and narrow it with a Condition'
    if principal is None:
        raise PolicyShapeError('the statement needs Principal "*": RCPs require it', tokens, hint)
    if principal == "NotPrincipal":
        raise PolicyShapeError("an RCP cannot have NotPrincipal; AWS rejects it", tokens + (principal,), hint)
    raise PolicyShapeError(
        f'an RCP statement takes only "Principal": "*", got {short(raw[principal])}', tokens + (principal,), hint
    )


def _one_of(raw: dict, names: tuple[str, str], tokens: tuple, required: bool) -> str | None:
    present = [n for n in names if n in raw]
    if len(present) == 2:
        raise PolicyShapeError(f"a statement cannot have both {names[0]} and {names[1]}", tokens + (names[1],))
    if not present and required:
        raise PolicyShapeError(f"the statement needs {names[0]} or {names[1]}", tokens)
    return present[0] if present else None


def _check_conditions(block: Any, tokens: tuple) -> None:
    if not isinstance(block, dict):
        raise PolicyShapeError(f"Condition must be an object of operators, got {json_type(block)}", tokens)
    for operator, body in block.items():
        here = tokens + (operator,)
        if not isinstance(body, dict):
            raise PolicyShapeError(
                f"the value of {operator} must be an object of condition keys, got {json_type(body)}", here
            )
        for key, values in body.items():
            at = here + (key,)
            if isinstance(values, list) and not values:
                raise PolicyShapeError(f"{operator} has an empty array of values for {key}", at)
            items = enumerate(values) if isinstance(values, list) else ((None, values),)
            for index, value in items:
                if not isinstance(value, (str, int, float)):  # bool is an int
                    where = at if index is None else at + (index,)
                    raise PolicyShapeError(
                        f"{operator} values must be strings, numbers or booleans, got {json_type(value)}", where
                    )


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
    wildcard = has_wildcard(name)
    service = iamcatalog.service(prefix)
    if service is None:
        return ResolvedAction(text, prefix.lower(), name, False, wildcard, False, ())
    return ResolvedAction(text, service.prefix, name, False, wildcard, True, catalog_actions(text))


@cache
def catalog_actions(pattern: str) -> tuple[iamcatalog.Action, ...]:
    """The catalog actions an Action entry takes (`s3:GetObject`, `s3:Get*`, `*:Describe*`, `*`).

    The one expansion of Action entries (the lint, `iamkb grants`, `iamkb compare`), by
    `iamkb.core.patterns.action_test`. Service prefixes and action names hold no `:`, so an entry
    with one colon is matched part by part (only the services its prefix matches are read) and an
    entry without one against every full name.
    """
    service_part, colon, name_part = pattern.lower().partition(":")
    if colon and not has_wildcard(service_part):
        service = iamcatalog.service(service_part)
        if service is None:
            return ()
        if not has_wildcard(name_part):
            found = service.action(name_part)
            return (found,) if found else ()
        return tuple(service.match_actions(name_part))
    prefixes = sorted(iamcatalog.service_prefixes())
    if colon:
        takes_service = action_test(service_part)
        return tuple(
            action
            for prefix in prefixes
            if takes_service(prefix)
            for action in _service(prefix).match_actions(name_part)
        )
    takes = action_test(pattern)
    return tuple(a for prefix in prefixes for a in _service(prefix).actions.values() if takes(a.full_name.lower()))


def _service(prefix: str) -> iamcatalog.Service:
    found = iamcatalog.service(prefix)
    assert found is not None  # the prefix came from the catalog's own list
    return found


class ActionIndex:
    """The statement's Action (or NotAction) values, indexed for "is service:Name listed?" questions
    (an `iamkb.core.patterns.ActionSet` over the values, which reports the Value it found)."""

    def __init__(self, values: list[Value]):
        self.values = [value for value in values if isinstance(value.value, str)]
        self.actions = ActionSet(value.value for value in self.values)
        self._position = {id(value): index for index, value in enumerate(self.values)}

    def match(self, action: str) -> bool:
        """Is the action listed, literally or through a pattern? For a pattern: is everything it takes?"""
        if not has_wildcard(action):
            return self.actions.matches(action)
        lowered = action.lower()
        return any(v.value.lower() == lowered for v in self.values) or self.actions.covering(action) is not None

    def covering_pattern(self, action: str, besides: Value | None = None) -> Value | None:
        """A listed pattern (other than `besides`, and other than `action` repeated) that takes `action`; for
        a pattern `action`, one that takes every action it takes, today's and future ones."""
        skip = None if besides is None else self._position.get(id(besides))
        found = self.actions.covering(action, besides=skip)
        return None if found is None else self.values[found]


def statement_covers(statement: Statement, action_name: str) -> bool:
    """Does this statement's Action/NotAction element include the action?"""
    hit = statement.action_index.match(action_name)
    return not hit if statement.action_element == "NotAction" else hit
