"""Condition evaluation: each `"Operator": {"key": values}` pair becomes one ConditionTest.

What each operator is (its family, negation, wildcards, case folding, whether variables are
substituted) and how each kind of value is read come from `iamkb.core.conditions`; this module only
evaluates. The rules, as AWS documents them for the Condition element:

* all operators in a block and all keys under an operator must hold (AND); the values listed
  for one key are alternatives (OR) - except for negated operators (StringNotEquals,
  NotIpAddress, ArnNotLike, ...), which hold only when the request value matches none of them;
* a key missing from the request makes a positive operator false and a negated one true;
  `...IfExists` makes any operator true when the key is missing;
* `ForAllValues:` holds when every request value matches (so also when the key is missing or
  empty); `ForAnyValue:` holds when at least one does (so never when missing or empty);
* condition key names are case-insensitive; values are case-sensitive unless the operator
  says IgnoreCase (Bool compares `true`/`false` in any case);
* a policy value whose variable has no value (and no default) is "effectively null": no request
  value equals it or is like it. So it matches nothing, and only that value: the other values of
  the key still match (they are ORed), and a negated operator holds against it, since the request
  value is not equal to null ("Policy variables with no value",
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value).

Policy values that AWS would reject (a Numeric value that is not a number, an unknown
operator) stop compilation with a PolicyShapeError; request values of the wrong kind simply
fail to match and the explanation shows them.
"""

from __future__ import annotations

from collections.abc import Callable

from iamkb.core.conditions import (
    Family,
    SetQualifier,
    UnknownOperator,
    parse_base64,
    parse_bool,
    parse_date,
    parse_ip_address,
    parse_network,
    parse_number,
    parse_operator,
)
from iamkb.core.patterns import PatternSet
from iamkb.core.shape import PolicyShapeError, short
from iamkb.core.variables import VAR, Token, Unresolved, resolve_literal, tokenize

Predicate = Callable[[str], bool]
_WHAT = {
    Family.NUMERIC: "numbers",
    Family.DATE: "ISO 8601 dates or epoch seconds",
    Family.BINARY: "base64 values",
    Family.IP_ADDRESS: "an IP address or CIDR range",
}


class ConditionTest:
    """One operator applied to one condition key, compiled for fast repeated evaluation."""

    __slots__ = ("_null_wants", "_predicate", "_token_lists", "key", "key_lower", "operator", "parsed", "values")

    def __init__(self, op_name: str, key: str, values: list[str], variables: bool, tokens: tuple):
        """`tokens` locate the key inside the policy (its operator is `tokens[:-1]`)."""
        self.operator, self.key, self.key_lower, self.values = op_name, key, key.lower(), tuple(values)
        try:
            self.parsed = parse_operator(op_name)
        except UnknownOperator as exc:
            raise PolicyShapeError(exc.message, tokens[:-1], exc.hint) from None
        self._predicate: Predicate | None = None
        self._token_lists: tuple[tuple[Token, ...], ...] = ()
        self._null_wants: tuple[bool, ...] = ()
        self._compile(values, variables and self.parsed.base.variables, tokens)

    def _compile(self, values: list[str], variables: bool, tokens: tuple) -> None:
        family = self.parsed.family
        if family in (Family.STRING, Family.ARN) or (family is Family.BOOL and variables):
            self._token_lists = tuple(tokenize(v, variables) for v in values)
            if family is Family.BOOL:
                self._check_booleans(values, tokens, skip_variables=True)
            if not any(t.kind == VAR for token_list in self._token_lists for t in token_list):
                self._predicate = self._substituted_predicate({})
        elif family in (Family.BOOL, Family.NULL):
            self._check_booleans(values, tokens, skip_variables=False)
            wants = tuple(parse_bool(v) is True for v in values)
            if family is Family.NULL:
                self._null_wants = wants
            else:
                wanted = set(wants)
                self._predicate = lambda v: parse_bool(v) in wanted
        elif family is Family.BINARY:
            wanted_bytes = set(self._parsed(values, parse_base64, tokens))
            self._predicate = lambda v: parse_base64(v) in wanted_bytes
        elif family is Family.IP_ADDRESS:
            networks = self._parsed(values, parse_network, tokens)
            self._predicate = lambda v: (
                (address := parse_ip_address(v)) is not None
                and any(address.version == n.version and address in n for n in networks)
            )
        else:  # Numeric, Date
            parse = parse_number if family is Family.NUMERIC else parse_date
            limits, holds = self._parsed(values, parse, tokens), self.parsed.base.comparison.holds
            self._predicate = lambda v: (x := parse(v)) is not None and any(holds(x, limit) for limit in limits)

    def _check_booleans(self, values: list[str], tokens: tuple, skip_variables: bool) -> None:
        for index, value in enumerate(values):
            if parse_bool(value) is None and not (skip_variables and "${" in value):
                name = self.parsed.base.name
                raise PolicyShapeError(f'{name} takes "true" or "false", got {short(value)}', tokens + (index,))

    def _parsed(self, values: list[str], parse: Callable, tokens: tuple) -> list:
        parsed = []
        for index, value in enumerate(values):
            result = parse(value)
            if result is None:
                what = _WHAT[self.parsed.family]
                raise PolicyShapeError(f"{self.operator} needs {what}, got {short(value)}", tokens + (index,))
            parsed.append(result)
        return parsed

    def _substituted_predicate(self, context: dict) -> Predicate:
        """The matcher for operators with variables, once they are filled from `context`.

        A value whose variable has no value matches nothing; the others match as usual.
        """
        base = self.parsed.base
        if base.wildcards:
            patterns = PatternSet.from_tokens(self._token_lists, arn=None if base.family is Family.ARN else False)
            return lambda v: patterns.matches(v, context)  # (PatternSet skips a pattern it cannot fill)
        resolved = set(self._resolved(context))
        if base.family is Family.BOOL:
            wanted = {parse_bool(r) for r in resolved} - {None}
            return lambda v: parse_bool(v) in wanted
        if base.ignore_case:
            folded = {r.casefold() for r in resolved}
            return lambda v: v.casefold() in folded
        return resolved.__contains__

    def _resolved(self, context: dict) -> list[str]:
        """The policy values after substitution, leaving out those with a variable that has no value."""
        found = []
        for token_list in self._token_lists:
            try:
                found.append(resolve_literal(token_list, context))
            except Unresolved:
                continue
        return found

    def predicate(self, context: dict) -> Predicate:
        """Matcher for one request value: does it equal (or match) one of the policy values?"""
        if self._predicate is not None:
            return self._predicate
        return self._substituted_predicate(context)

    def holds(self, context: dict) -> bool:
        values = context.get(self.key_lower)
        parsed = self.parsed
        if parsed.family is Family.NULL:
            if parsed.qualifier is not None:  # AWS: ForAllValues:Null always holds, ForAnyValue:Null never
                return parsed.qualifier is SetQualifier.FOR_ALL_VALUES
            present = bool(values)
            return any(want != present for want in self._null_wants)
        if not values:
            if parsed.if_exists or parsed.qualifier is SetQualifier.FOR_ALL_VALUES:
                return True
            return False if parsed.qualifier is SetQualifier.FOR_ANY_VALUE else parsed.negated
        matches = self._predicate or self.predicate(context)
        negated = parsed.negated
        if parsed.qualifier is SetQualifier.FOR_ALL_VALUES:
            return all(bool(matches(v)) != negated for v in values)
        if parsed.qualifier is SetQualifier.FOR_ANY_VALUE:
            return any(bool(matches(v)) != negated for v in values)
        return any(matches(v) for v in values) != negated

    def describe(self, context: dict) -> dict:
        """What this test compared and why it held or not, for explanations."""
        values = context.get(self.key_lower)
        record = {
            "operator": self.operator,
            "key": self.key,
            "policyValues": list(self.values),
            "requestValues": None if values is None else list(values),
            "holds": self.holds(context),
        }
        unresolved = self._unresolved(context)
        if unresolved:
            record["unresolvedVariables"] = unresolved
        return record

    def _unresolved(self, context: dict) -> list[str]:
        missing = []
        for token_list in self._token_lists:
            try:
                resolve_literal(token_list, context)
            except Unresolved as exc:
                missing.append(exc.key)
        return missing


def describe_failure(record: dict) -> str:
    """One plain-words line for a test that did not hold."""
    values = record["policyValues"]
    shown = values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"
    head = f"{record['operator']} {record['key']} {shown}"
    got = record["requestValues"]
    if got is None:
        text = f"{head}: the request has no {record['key']}"
    else:
        text = f"{head}: the request has {record['key']} = " + (", ".join(got) if got else "(empty list)")
    unresolved = record.get("unresolvedVariables")
    if unresolved:
        names = ", ".join("${" + v + "}" for v in unresolved)
        text += f" (no value for {names}: a policy value holding it matches nothing)"
    return text
