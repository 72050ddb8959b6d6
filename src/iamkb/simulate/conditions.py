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

* a policy value that cannot be read as its operator's type (`"ten"` under NumericLessThan, `"yes"`
  under Bool, `${aws:username}` under any operator but String and ARN ones, where it is text) is one
  no request value equals or lies on either side of (Access Analyzer reports it: "Type mismatch number"
  and the like are general warnings, "Type mismatch IP range" an error). Like a variable with no value,
  it matches nothing, and only that value: the key's other values still match, and a negated operator
  holds against it. The explanation names such values (`unreadableValues`); `iamkb check`
  reports exactly these values (`iamkb.core.conditions.value_fits` is the one test), and
  tests/test_agreement.py holds the two to it.

An operator name AWS rejects stops compilation with a PolicyShapeError; request values of the wrong
kind simply fail to match and the explanation shows them.
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
    parse_number,
    parse_operator,
    value_reader,
)
from iamkb.core.patterns import PatternSet
from iamkb.core.shape import PolicyShapeError
from iamkb.core.variables import VAR, Token, Unresolved, resolve_literal, tokenize

Predicate = Callable[[str], bool]


class ConditionTest:
    """One operator applied to one condition key, compiled for fast repeated evaluation."""

    __slots__ = (
        "_null_wants",
        "_predicate",
        "_token_lists",
        "key",
        "key_lower",
        "operator",
        "parsed",
        "unreadable",
        "values",
    )

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
        self.unreadable: tuple[str, ...] = ()  # policy values not of the operator's type: they match nothing
        self._compile(values, variables and self.parsed.base.variables)

    def _compile(self, values: list[str], variables: bool) -> None:
        family = self.parsed.family
        reader = value_reader(family)
        if reader is None:  # String and ARN: any text, with its variables
            self._token_lists = tuple(tokenize(v, variables) for v in values)
            if not any(t.kind == VAR for token_list in self._token_lists for t in token_list):
                self._predicate = self._substituted_predicate({})
            return
        read = [reader(v) for v in values]
        self.unreadable = tuple(v for v, r in zip(values, read, strict=True) if r is None)
        wanted: list = [r for r in read if r is not None]
        if family is Family.NULL:
            self._null_wants = tuple(wanted)
        elif family is Family.BOOL:
            booleans = set(wanted)
            self._predicate = lambda v: parse_bool(v) in booleans
        elif family is Family.BINARY:
            wanted_bytes = set(wanted)
            self._predicate = lambda v: parse_base64(v) in wanted_bytes
        elif family is Family.IP_ADDRESS:
            networks = wanted
            self._predicate = lambda v: (
                (address := parse_ip_address(v)) is not None
                and any(address.version == n.version and address in n for n in networks)
            )
        else:  # Numeric, Date
            parse = parse_number if family is Family.NUMERIC else parse_date
            limits, holds = wanted, self.parsed.base.comparison.holds
            self._predicate = lambda v: (x := parse(v)) is not None and any(holds(x, limit) for limit in limits)

    def _substituted_predicate(self, context: dict) -> Predicate:
        """The matcher for operators with variables, once they are filled from `context`.

        A value whose variable has no value matches nothing; the others match as usual.
        """
        base = self.parsed.base
        if base.wildcards:
            patterns = PatternSet.from_tokens(self._token_lists, arn=None if base.family is Family.ARN else False)
            return lambda v: patterns.matches(v, context)  # (PatternSet skips a pattern it cannot fill)
        resolved = set(self._resolved(context))
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
        if self.unreadable:
            record["unreadableValues"] = list(self.unreadable)
            record["expected"] = self.parsed.family.what
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
    unreadable = record.get("unreadableValues")
    if unreadable:
        shown = ", ".join(f'"{v}"' for v in unreadable)
        text += f" ({shown} {'is' if len(unreadable) == 1 else 'are'} not {record['expected']}: matches nothing"
        text += "; variables are substituted only under String and ARN operators)" if "${" in shown else ")"
    return text
