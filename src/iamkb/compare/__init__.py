"""Does policy A allow anything policy B does not? Answered soundly: "covered" only when proven.

Questions like "is the private-workforce statement already in the console policy?" are usually
answered by eye, and eyes miss a condition or a bucket pattern. Here every (action, resource)
that an Allow statement of A grants is checked against B:

* B covers it when B's Allow statements that include the action, apply to A's principals, and
  whose conditions A's conditions imply, together include A's resource pattern (wildcard
  containment in `iamkb.core.patterns`, over the union of those statements' patterns);
* and no Deny statement of B may touch it: any B Deny whose actions match and whose resources
  may overlap counts against coverage, whatever its conditions (they might hold).

Choices that keep it sound (never "covered" when it is not), at the price of an occasional
"not proven covered" where a human could prove more:

* Actions are expanded against the IAM catalog. A wildcard or NotAction of A is also compared as
  a pattern with B's action patterns, since it matches actions AWS adds later; when only that
  differs it is reported as its own gap. Actions the catalog does not know are compared by name.
* A's NotResource is kept as "every resource except ..." and compared as such.
* A's Deny statements remove an (action, resource) only when they surely apply: no conditions,
  the action matched and A's resource pattern included in the Deny's. Any other Deny of A is
  ignored, which can only make A look larger.
* Conditions: B's condition entries must each be implied by one of A's
  (`iamkb.compare.implication`); anything it cannot prove (different keys, IfExists only on
  A's side, unparsable numbers) is "not proven".
* Principals (resource and trust policies): B must name every principal of A or `*`; NotPrincipal
  is never proven.
* Wildcard containment is exact, but has a work bound so that hostile patterns cannot stall a
  comparison (`iamkb.core.patterns.containment` says when it is reached); past it the answer is
  "not proven", and the gap's reason says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from iamkb.compare.implication import unproven_conditions
from iamkb.core import iamcatalog
from iamkb.core.enums import Effect
from iamkb.core.patterns import (
    Containment,
    Pattern,
    action_pattern,
    action_set,
    compile_pattern,
    containment,
    includes,
    overlaps,
)
from iamkb.core.policy import ConditionEntry, Statement
from iamkb.grants import expand_actions, statements

EVERYTHING = "*"
# Why a containment past the work bound is reported as a gap (`iamkb.core.patterns.containment`).
UNDECIDED = (
    "comparing these wildcard patterns exactly took more steps than the bound iamkb keeps for hostile input, "
    "so coverage is not proven; simplify the `*` and `?` runs to compare them"
)

# --- principals -----------------------------------------------------------------------------------


def _principals(value) -> set[tuple[str, str]] | None:
    """(type, principal) pairs; `*` as ("*", "*"). None when the statement has no principal."""
    if value is None:
        return None
    if value == "*":
        return {("*", "*")}
    if not isinstance(value, dict):
        raise ValueError('a principal must be "*" or an object')
    pairs = set()
    for kind, names in value.items():
        for name in [names] if isinstance(names, str) else names:
            if not isinstance(name, str):
                raise ValueError("principal names must be strings")
            if kind == "AWS" and re.fullmatch(r"\d{12}", name):
                name = f"arn:aws:iam::{name}:root"
            pairs.add(("*", "*") if (kind == "AWS" and name == "*") else (kind, name))
    return pairs


def principal_gap(b: Statement, a: Statement) -> str | None:
    """Why B's statement may not apply to A's principals, or None when it does."""
    if a.not_principal or b.not_principal:
        return "a statement uses NotPrincipal, which this comparison does not prove"
    try:
        mine, theirs = _principals(a.principal), _principals(b.principal)
    except (ValueError, TypeError) as exc:
        return f"cannot read a principal ({exc}); run iamkb check on the policies"
    if theirs is None:
        return None if mine is None else "B's statement names no principal while A's does"
    if ("*", "*") in theirs:
        return None
    if mine is None:
        return "B's statement applies only to the principals it names"
    missing = mine - theirs
    return None if not missing else "B does not name the principal " + ", ".join(f"{k} {v}" for k, v in sorted(missing))


# --- actions and resources ----------------------------------------------------------------------


def statement_matches_action(statement: Statement, action: str) -> bool:
    """Whether the statement's Action (or NotAction) takes this concrete action name."""
    return action_set(statement.action_texts).matches(action) != statement.not_action


def statement_includes_pattern(statement: Statement, pattern: str) -> bool:
    """Whether the statement takes every action an Action wildcard can match, known or future."""
    return _pattern_coverage(statement, pattern) is True


def _pattern_coverage(statement: Statement, pattern: str) -> bool | None:
    """`statement_includes_pattern`, or None when a containment reached its work bound."""
    wanted = action_pattern(pattern)
    own = [action_pattern(p) for p in statement.action_texts]
    if statement.not_action:
        return not any(overlaps(wanted, p) for p in own)
    return containment(wanted, own).covered


def statement_includes_all_but(statement: Statement, excluded: tuple[str, ...]) -> bool:
    """Whether the statement takes every action except those `excluded` matches (A's NotAction),
    known or future: Action patterns must cover everything else; a NotAction may exclude only
    what `excluded` excludes too."""
    return _all_but_coverage(statement, excluded) is True


def _all_but_coverage(statement: Statement, excluded: tuple[str, ...]) -> bool | None:
    """`statement_includes_all_but`, or None when a containment reached its work bound."""
    everything = action_pattern("*")
    others = [action_pattern(p) for p in excluded]
    own = [action_pattern(p) for p in statement.action_texts]
    if statement.not_action:
        answers = [containment(p, others).covered for p in own]
        return False if False in answers else None if None in answers else True
    return containment(everything, own + others).covered


def _written_patterns(statement: Statement) -> list[Pattern]:
    """The statement's Resource (or NotResource) entries as patterns."""
    return [compile_pattern(r, variables=statement.variables) for r in statement.resource_texts]


def _resource_patterns(statement: Statement) -> list[Pattern]:
    if not statement.resources:  # trust policies: the statement applies to the role it is attached to
        return [compile_pattern(EVERYTHING)]
    return _written_patterns(statement)


@dataclass(frozen=True)
class Resources:
    """The resources one entry of A grants: a pattern, or (NotResource) everything except some patterns.

    Each test is a containment or overlap question on wildcard languages; for "everything except
    E" it is turned around: everything-except-E lies inside L exactly when L together with E covers `*`.
    """

    shown: str
    pattern: Pattern | None = None  # Resource entry
    excluded: tuple[Pattern, ...] = ()  # NotResource entries, when pattern is None

    def within(self, patterns: list[Pattern]) -> bool:
        if self.pattern is not None:
            return includes(patterns, self.pattern)
        return includes(list(patterns) + list(self.excluded), compile_pattern(EVERYTHING))

    def within_all_but(self, patterns: list[Pattern]) -> bool:
        """Inside everything-except-`patterns` (a NotResource of B or of a Deny)."""
        if self.pattern is not None:
            return not any(overlaps(self.pattern, p) for p in patterns)
        return all(includes(self.excluded, p) for p in patterns)

    def meets(self, patterns: list[Pattern]) -> bool:
        if self.pattern is not None:
            return any(overlaps(self.pattern, p) for p in patterns)
        return any(not includes(self.excluded, p) for p in patterns)

    def meets_all_but(self, patterns: list[Pattern]) -> bool:
        if self.pattern is not None:
            return not includes(patterns, self.pattern)
        return not includes(list(patterns) + list(self.excluded), compile_pattern(EVERYTHING))

    def outside(self, patterns: list[Pattern]) -> Containment:
        """Whether these resources lie inside `patterns`, with an example outside them when not."""
        if self.pattern is not None:
            return containment(self.pattern, patterns)
        return containment(compile_pattern(EVERYTHING), list(patterns) + list(self.excluded))


def covers_resource(statement: Statement, resources: Resources) -> bool:
    if statement.not_resource:
        return resources.within_all_but(_written_patterns(statement))
    return resources.within(_resource_patterns(statement))


def may_touch_resource(statement: Statement, resources: Resources) -> bool:
    if statement.not_resource:
        return resources.meets_all_but(_written_patterns(statement))
    return resources.meets(_resource_patterns(statement))


# --- the comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """Something A allows that B is not proven to allow."""

    action: str  # a catalog action, or A's wildcard when only not-yet-catalogued actions differ
    resource: str  # A's resource entry as written
    conditions: tuple[ConditionEntry, ...]  # A's conditions on it
    statement: str  # A's statement: pointer and Sid
    reason: str

    def to_json(self) -> dict:
        return {
            "action": self.action,
            "resource": self.resource,
            "conditions": [c.to_json() for c in self.conditions],
            "statement": self.statement,
            "reason": self.reason,
        }


@dataclass
class Comparison:
    a: str
    b: str
    gaps: list[Gap] = field(default_factory=list)
    checked: int = 0  # (action, resource) pairs compared

    @property
    def a_allows_more(self) -> bool:
        return bool(self.gaps)

    def to_json(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "aAllowsMore": self.a_allows_more,
            "checked": self.checked,
            "catalog": {"version": iamcatalog.catalog_version(), "date": iamcatalog.catalog_date()},
            "gaps": [g.to_json() for g in self.gaps],
        }


@dataclass(frozen=True)
class _Selection:
    """The statements that take some action(s), by position: what the answer for an action depends on.

    Thousands of actions (a NotAction, `sagemaker:*`) fall into a handful of selections, so answers
    are computed once per selection and resource.
    """

    a_denies: tuple[int, ...]
    b_allows: tuple[int, ...]
    b_denies: tuple[int, ...]


class _Comparer:
    def __init__(self, a: list[Statement], b: list[Statement]):
        self.a_denies = [s for s in a if s.effect is Effect.DENY]
        self.b_allows = [s for s in b if s.effect is Effect.ALLOW]
        self.b_denies = [s for s in b if s.effect is Effect.DENY]
        self._answers: dict = {}

    def select(self, matches) -> _Selection:
        def picked(group):
            return tuple(i for i, s in enumerate(group) if matches(s))

        return _Selection(picked(self.a_denies), picked(self.b_allows), picked(self.b_denies))

    def select_actions(self, names: list[str]) -> dict[str, _Selection]:
        """`select` for each concrete action name, as statement_matches_action answers it.

        A NotAction of A names nearly every catalog action (some 18,000), so each statement's Action list
        answers for all the names at once (core.patterns.ActionSet.matching).
        """
        groups = [
            [(action_set(s.action_texts).matching(names), s.not_action) for s in group]
            for group in (self.a_denies, self.b_allows, self.b_denies)
        ]
        return {
            name: _Selection(
                *(
                    tuple(i for i, (taken, negated) in enumerate(group) if (name in taken) != negated)
                    for group in groups
                )
            )
            for name in names
        }

    def answer(self, statement: Statement, selection: _Selection, resource: Resources) -> tuple[bool, str | None]:
        """(removed by A's own Deny, why B does not cover it or None), computed once per selection."""
        key = (id(statement), selection, id(resource))  # both live as long as the comparison
        if key not in self._answers:
            removed = self.removed_by_a(statement, selection, resource)
            self._answers[key] = (removed, None if removed else self._reason(statement, selection, resource))
        return self._answers[key]

    def removed_by_a(self, statement: Statement, selection: _Selection, resource: Resources) -> bool:
        """An unconditional Deny of A that surely takes these actions on this resource away."""
        return any(
            not d.conditions and principal_gap(d, statement) is None and covers_resource(d, resource)
            for d in (self.a_denies[i] for i in selection.a_denies)
        )

    def _reason(self, statement: Statement, selection: _Selection, resource: Resources) -> str | None:
        taking = [self.b_allows[i] for i in selection.b_allows]
        if not taking:
            return "no Allow statement of B includes this action"
        with_principal = [b for b in taking if principal_gap(b, statement) is None]
        if not with_principal:
            return principal_gap(taking[0], statement)
        usable = [b for b in with_principal if not unproven_conditions(b.conditions, statement.conditions)]
        if self._covered(usable, resource):
            return self._denied(selection, resource)
        if self._covered(with_principal, resource):
            needed = {str(c) for b in with_principal for c in unproven_conditions(b.conditions, statement.conditions)}
            return "B allows it here only under conditions A does not guarantee: " + "; ".join(sorted(needed))
        listed = sorted({r for b in with_principal for r in (b.resource_texts or (EVERYTHING,))})
        prefix = "every resource except " if all(b.not_resource for b in with_principal) else ""
        return f"B allows it only on {prefix}{', '.join(listed)}" + self._example(usable or with_principal, resource)

    @staticmethod
    def _covered(candidates: list[Statement], resource: Resources) -> bool:
        plain = [p for b in candidates if not b.not_resource for p in _resource_patterns(b)]
        if plain and resource.within(plain):
            return True
        return any(covers_resource(b, resource) for b in candidates if b.not_resource)

    @staticmethod
    def _example(candidates: list[Statement], resource: Resources) -> str:
        """` (not e.g. ARN)` with a resource outside B's patterns, or why there is none to show."""
        plain = [p for b in candidates if not b.not_resource for p in _resource_patterns(b)]
        if not plain:
            return ""
        answer = resource.outside(plain)
        if answer.covered is None:
            return f" (whether they cover {resource.shown} was not decided: {UNDECIDED})"
        return f" (not e.g. {answer.example})" if answer.example else ""

    def _denied(self, selection: _Selection, resource: Resources) -> str | None:
        for deny in (self.b_denies[i] for i in selection.b_denies):
            if may_touch_resource(deny, resource):
                when = " when " + "; ".join(map(str, deny.conditions)) if deny.conditions else ""
                return f"B's Deny {deny.label} may remove it{when}"
        return None


def _resources(statement: Statement) -> list[Resources]:
    if statement.not_resource:
        shown = "every resource except " + ", ".join(statement.resource_texts)
        return [Resources(shown, excluded=tuple(_written_patterns(statement)))]
    return [
        Resources(r, p)
        for r, p in zip(statement.resource_texts or (EVERYTHING,), _resource_patterns(statement), strict=True)
    ]


def _proven(coverage, statement: Statement) -> bool:
    return coverage(statement) is True


def _future_remover(takes_all):
    """For A's Deny statements: whether one takes away every not-yet-catalogued action of an item.

    Catalog actions are checked one by one, so a Deny's NotAction only lets future actions through
    where it has wildcards; a NotAction of literal names excludes catalogued (or unknown) names only.
    """

    def removes(deny: Statement) -> bool:
        if not deny.not_action:
            return takes_all(deny)
        wildcard_part = [v for v in deny.actions if any(c in v.value for c in "*?")]
        return takes_all(deny.with_actions(wildcard_part)) if wildcard_part else True

    return removes


def compare(a_document, b_document, a_name: str = "A", b_name: str = "B") -> Comparison:
    """The Python API behind `iamkb compare`: what A allows that B is not proven to allow.

    Each gap is one catalog action (or, for a wildcard, the actions AWS may add to it later) on one of
    A's resource entries, with the reason B does not cover it. No gaps means B allows at least what A
    allows; the names label the two policies in messages.

    Examples:
        >>> from iamkb.compare import compare
        >>> def allow(action):
        ...     return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}
        >>> wide, narrow = allow("kms:ReEncrypt*"), allow("kms:ReEncryptFrom")
        >>> result = compare(wide, narrow, "wide", "narrow")
        >>> result.a_allows_more, [(gap.action, gap.resource) for gap in result.gaps]
        (True, [('kms:ReEncryptTo', '*')])
        >>> compare(narrow, wide).a_allows_more
        False
    """
    a_statements = statements(a_document, a_name)
    comparer = _Comparer(a_statements, statements(b_document, b_name))
    result = Comparison(a_name, b_name)
    for statement in (s for s in a_statements if s.effect is Effect.ALLOW):
        expansion = expand_actions(statement.action_texts, statement.not_action)
        names = [a.full_name for a in expansion.actions]
        names += [u for u in expansion.unknown if not statement.not_action and not any(c in u for c in "*?")]
        if statement.not_action:  # the actions added later that the NotAction does not name
            future = [
                (
                    "every other action (" + "NotAction " + ", ".join(statement.action_texts) + ")",
                    lambda s, n=statement.action_texts: _all_but_coverage(s, n),
                )
            ]
        else:
            future = [
                (p, lambda s, p=p: _pattern_coverage(s, p)) for p in statement.action_texts if any(c in p for c in "*?")
            ]
        selections = comparer.select_actions(names)
        for resource in _resources(statement):
            uncovered_catalog = False
            for name in names:
                removed, why = comparer.answer(statement, selections[name], resource)
                if removed:
                    continue
                result.checked += 1
                if why:
                    uncovered_catalog = True
                    result.gaps.append(Gap(name, resource.shown, tuple(statement.conditions), statement.label, why))
            if uncovered_catalog:
                continue  # the catalog actions already show the difference
            for label, coverage in future:
                takes_all = partial(_proven, coverage)
                if comparer.removed_by_a(statement, comparer.select(_future_remover(takes_all)), resource):
                    continue
                _, why = comparer.answer(statement, comparer.select(takes_all), resource)
                if why and any(coverage(b) is None for b in comparer.b_allows):
                    why += f" (for some of B's Action lists, {UNDECIDED})"
                if why:
                    result.gaps.append(
                        Gap(
                            label,
                            resource.shown,
                            tuple(statement.conditions),
                            statement.label,
                            f"each of its actions in the IAM catalog is covered, but it also takes actions AWS "
                            f"adds later, and {why[0].lower() + why[1:]}",
                        )
                    )
    return result
