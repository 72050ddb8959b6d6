"""A parsed policy compiled once into statements that answer "does this apply?" quickly.

The document is read by the one policy parser, `iamkb.core.policy.parse`, in its strict
reading: a document AWS would reject raises PolicyShapeError with the pointer of the bad
element. Compiling then does the work that would otherwise repeat for every request: actions
into an ActionSet (asked once per action, when the evaluator plans it), resources into one
ARN-aware regex (or a template when they hold policy variables, which AWS reads only in the
ARN's resource part), conditions into ConditionTests, principals into PrincipalSpecs. Nothing
here reads the JSON itself.
"""

from __future__ import annotations

from functools import cache

from iamkb.core.enums import Effect, PolicyKind
from iamkb.core.patterns import Pattern, PatternSet, action_set, compile_tokens
from iamkb.core.policy import Statement, parse
from iamkb.core.shape import PolicyShapeError
from iamkb.core.variables import resource_tokens
from iamkb.simulate.conditions import ConditionTest
from iamkb.simulate.principals import WILDCARD, Caller, PrincipalSpec

KINDS = (
    PolicyKind.IDENTITY,
    PolicyKind.RESOURCE,
    PolicyKind.BOUNDARY,
    PolicyKind.SESSION,
    PolicyKind.SCP,
    PolicyKind.RCP,
)


class CompiledStatement:
    """One compiled statement; `kind` and `label` say which policy it came from."""

    __slots__ = (
        "_action",
        "allow",
        "conditions",
        "kind",
        "label",
        "not_action",
        "not_principal",
        "not_resource",
        "pointer",
        "principal",
        "resources",
        "sid",
    )

    def __init__(self, statement: Statement, kind: PolicyKind, label: str):
        self.kind, self.label, self.pointer, self.sid = kind, label, statement.pointer, statement.sid
        self.allow = statement.effect is Effect.ALLOW
        self._action, self.not_action = action_set(statement.action_texts).matches, statement.not_action
        self.not_resource = statement.not_resource
        self.resources: PatternSet | None = None
        if statement.resource_element is not None:
            variables = statement.variables
            self.resources = PatternSet([resource_pattern(text, variables) for text in statement.resource_texts])
        self.not_principal = statement.not_principal
        self.principal: PrincipalSpec | None = None
        if statement.principal_element is not None:
            element = statement.principal_element
            self.principal = PrincipalSpec(statement.principal, statement.tokens + (element,), element)
        self.conditions: tuple[ConditionTest, ...] = tuple(
            ConditionTest(
                entry.operator,
                entry.key,
                list(entry.texts),
                statement.variables,
                statement.tokens + ("Condition", entry.operator, entry.key),
            )
            for entry in statement.conditions
        )

    # --- evaluation ---------------------------------------------------------------------

    def matches_action(self, action_lower: str) -> bool:
        return self._action(action_lower) != self.not_action

    def matches_resource(self, resource: str, context: dict) -> bool:
        if self.resources is None:
            return True
        return self.resources.matches(resource, context) != self.not_resource

    def principal_match(self, caller: Caller, bounded: bool = False) -> str | None:
        """How the Principal element matches the caller (see principals.py); None if it doesn't.

        A NotPrincipal statement applies (as if to "*") to every caller it leaves out: a Deny
        unless it spares every identity of the caller (`bounded`: the caller has a permissions
        boundary, which a NotPrincipal Deny never spares), an Allow unless it names the caller.
        """
        if self.principal is None:
            return WILDCARD
        if self.not_principal:
            if self.allow:
                return None if self.principal.names(caller) else WILDCARD
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
    def name(self) -> str:
        """How explanations refer to this statement."""
        sid = f" (Sid {self.sid})" if self.sid else ""
        return f"{self.label} {self.pointer}{sid}"


@cache
def resource_pattern(text: str, variables: bool) -> Pattern:
    """A Resource or NotResource entry, its variables read only in the ARN's resource part
    (`iamkb.core.variables.resource_tokens`); compiled once per distinct entry."""
    return compile_tokens(resource_tokens(text, variables), text)


class Policy:
    """A compiled policy document of one kind (identity, resource, boundary, session, scp, rcp)."""

    __slots__ = ("document", "kind", "label", "statements")

    def __init__(self, document, kind: PolicyKind | str, label: str):
        if kind not in KINDS:
            raise ValueError(f"unknown policy kind {kind!r}")
        self.kind, self.label, self.document = PolicyKind(kind), label, document
        try:
            parsed = parse(document, self.kind, strict=True)
            self.statements = tuple(CompiledStatement(s, self.kind, label) for s in parsed.statements)
        except PolicyShapeError as exc:
            raise exc.located(label) from None
