"""A policy document compiled once into statements that answer "does this apply?" quickly.

Compiling does the work that would otherwise repeat for every request: actions lower-cased
and joined into one regex, resources turned into one ARN-aware regex (or a template when they
hold policy variables), conditions parsed into ConditionTests, principals into PrincipalSpecs.
A document AWS would reject raises PolicyShapeError with the pointer of the bad element.
"""

from __future__ import annotations

from iamkb.simulate.conditions import ConditionTest, compile_conditions
from iamkb.core.matching import PatternSet, compile_alternatives, glob_to_regex
from iamkb.simulate.principals import WILDCARD, Caller, PrincipalSpec
from iamkb.core.shape import PolicyShapeError, json_type, short, string_list
from iamkb.core.variables import VARIABLES_VERSION, tokenize

KINDS = ("identity", "resource", "boundary", "session", "scp", "rcp")
KIND_NAMES = {
    "identity": "identity-based policy",
    "resource": "resource-based policy",
    "boundary": "permissions boundary",
    "session": "session policy",
    "scp": "service control policy (SCP)",
    "rcp": "resource control policy (RCP)",
}
_PRINCIPAL_KINDS = {"resource", "rcp"}  # the policy types whose statements name principals
_RESOURCE_OPTIONAL = {"resource"}  # trust policies have no Resource
_STATEMENT_KEYS = {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                   "Principal", "NotPrincipal", "Condition"}
_VERSIONS = {VARIABLES_VERSION, "2008-10-17"}


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


class Statement:
    """One compiled statement; `kind` and `label` say which policy it came from."""

    __slots__ = ("kind", "label", "index", "sid", "allow", "_action", "not_action", "resources",
                 "not_resource", "principal", "not_principal", "conditions", "document")

    def __init__(self, raw: dict, kind: str, label: str, index: int, variables: bool, tokens: tuple):
        self.kind, self.label, self.index, self.document = kind, label, index, raw
        unknown = sorted(set(raw) - _STATEMENT_KEYS)
        if unknown:
            raise PolicyShapeError(
                f"unknown statement element {short(unknown[0])}", tokens + (unknown[0],),
                "statement elements are Sid, Effect, Action/NotAction, Resource/NotResource, "
                "Principal/NotPrincipal and Condition (names are case-sensitive)",
            )
        sid = raw.get("Sid")
        if sid is not None and not isinstance(sid, str):
            raise PolicyShapeError(f"Sid must be a string, got {json_type(sid)}", tokens + ("Sid",))
        self.sid = sid
        effect = raw.get("Effect")
        if effect not in ("Allow", "Deny"):
            raise PolicyShapeError(
                "Effect must be \"Allow\" or \"Deny\"" + ("" if effect is None else f", got {short(effect)}"),
                tokens + (("Effect",) if "Effect" in raw else ()),
            )
        self.allow = effect == "Allow"
        self._action, self.not_action = self._compile_actions(raw, tokens)
        self.resources, self.not_resource = self._compile_resources(raw, kind, variables, tokens)
        self.principal, self.not_principal = self._compile_principal(raw, kind, tokens)
        self.conditions: tuple[ConditionTest, ...] = ()
        if "Condition" in raw:
            self.conditions = compile_conditions(raw["Condition"], variables, tokens + ("Condition",))

    @staticmethod
    def _one_of(raw: dict, names: tuple[str, str], tokens: tuple, required: bool) -> str | None:
        present = [n for n in names if n in raw]
        if len(present) == 2:
            raise PolicyShapeError(f"a statement cannot have both {names[0]} and {names[1]}", tokens + (names[1],))
        if not present and required:
            raise PolicyShapeError(f"the statement needs {names[0]} or {names[1]}", tokens)
        return present[0] if present else None

    def _compile_actions(self, raw: dict, tokens: tuple):
        name = self._one_of(raw, ("Action", "NotAction"), tokens, required=True)
        patterns = string_list(raw[name], tokens + (name,), name)
        for index, pattern in enumerate(patterns):
            if pattern != "*" and ":" not in pattern:
                where = tokens + (name, index) if isinstance(raw[name], list) else tokens + (name,)
                raise PolicyShapeError(f"{short(pattern)} is not an action; actions look like service:Name", where)
        sources = tuple(glob_to_regex(p.lower()) for p in patterns)
        return compile_alternatives(sources).fullmatch, name == "NotAction"

    def _compile_resources(self, raw: dict, kind: str, variables: bool, tokens: tuple):
        name = self._one_of(raw, ("Resource", "NotResource"), tokens, required=kind not in _RESOURCE_OPTIONAL)
        if name is None:
            return None, False
        patterns = string_list(raw[name], tokens + (name,), name)
        return PatternSet([tokenize(p, variables) for p in patterns], arn=None), name == "NotResource"

    def _compile_principal(self, raw: dict, kind: str, tokens: tuple):
        name = self._one_of(raw, ("Principal", "NotPrincipal"), tokens, required=kind in _PRINCIPAL_KINDS)
        if name is None:
            return None, False
        if kind not in _PRINCIPAL_KINDS:
            raise PolicyShapeError(
                f"{_article(KIND_NAMES[kind])} {KIND_NAMES[kind]} cannot have {name}; AWS rejects it",
                tokens + (name,),
                "statements that name a principal belong in a resource-based policy or role trust policy "
                "(scenario key \"resource\")",
            )
        return PrincipalSpec(raw[name], tokens + (name,), name), name == "NotPrincipal"

    # --- evaluation ---------------------------------------------------------------------

    def matches_action(self, action_lower: str) -> bool:
        return (self._action(action_lower) is not None) != self.not_action

    def matches_resource(self, resource: str, context: dict) -> bool:
        if self.resources is None:
            return True
        return self.resources.matches(resource, context) != self.not_resource

    def principal_match(self, caller: Caller, bounded: bool = False) -> str | None:
        """How the Principal element matches the caller (see principals.py); None if it doesn't.

        A NotPrincipal statement applies (as if to "*") unless it spares the caller; `bounded`
        says whether the caller has a permissions boundary, which NotPrincipal never spares.
        """
        if self.principal is None:
            return WILDCARD
        if self.not_principal:
            return None if self.principal.exempts(caller, bounded) else WILDCARD
        return self.principal.match(caller)

    def applies(self, resource: str, context: dict) -> bool:
        """Resource and conditions hold (the action was matched when the plan was built)."""
        if self.resources is not None and self.resources.matches(resource, context) == self.not_resource:
            return False
        for test in self.conditions:
            if not test.holds(context):
                return False
        return True

    @property
    def pointer(self) -> str:
        return f"/Statement/{self.index}" if self.index is not None else "/Statement"

    @property
    def name(self) -> str:
        """How explanations refer to this statement."""
        sid = f" (Sid {self.sid})" if self.sid else ""
        return f"{self.label} {self.pointer}{sid}"


class Policy:
    """A compiled policy document of one kind (identity, resource, boundary, session, scp, rcp)."""

    __slots__ = ("kind", "label", "statements", "document")

    def __init__(self, document, kind: str, label: str):
        if kind not in KINDS:
            raise ValueError(f"unknown policy kind {kind!r}")
        self.kind, self.label, self.document = kind, label, document
        if not isinstance(document, dict):
            raise PolicyShapeError(f"a policy must be a JSON object, got {json_type(document)}").located(label)
        try:
            self.statements = self._compile(document)
        except PolicyShapeError as exc:
            raise exc.located(label) from None

    def _compile(self, document: dict) -> tuple[Statement, ...]:
        unknown = sorted(set(document) - {"Version", "Id", "Statement"})
        if unknown:
            raise PolicyShapeError(
                f"unknown policy element {short(unknown[0])}", (unknown[0],),
                "a policy has Version, Id and Statement",
            )
        version = document.get("Version")
        if version is not None and version not in _VERSIONS:
            raise PolicyShapeError(f"Version must be \"2012-10-17\" or \"2008-10-17\", got {short(version)}", ("Version",))
        variables = version == VARIABLES_VERSION
        if "Statement" not in document:
            raise PolicyShapeError("the policy has no Statement")
        body = document["Statement"]
        if isinstance(body, dict):
            return (Statement(body, self.kind, self.label, None, variables, ("Statement",)),)
        if not isinstance(body, list):
            raise PolicyShapeError(f"Statement must be an object or an array, got {json_type(body)}", ("Statement",))
        statements = []
        for index, raw in enumerate(body):
            if not isinstance(raw, dict):
                raise PolicyShapeError(f"a statement must be an object, got {json_type(raw)}", ("Statement", index))
            statements.append(Statement(raw, self.kind, self.label, index, variables, ("Statement", index)))
        return tuple(statements)
