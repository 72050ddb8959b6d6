"""Condition operators: each `"Operator": {"key": values}` pair becomes one ConditionTest.

The rules, as AWS documents them for the Condition element:

* all operators in a block and all keys under an operator must hold (AND); the values listed
  for one key are alternatives (OR) - except for negated operators (StringNotEquals,
  NotIpAddress, ArnNotLike, ...), which hold only when the request value matches none of them;
* a key missing from the request makes a positive operator false and a negated one true;
  `...IfExists` makes any operator true when the key is missing;
* `ForAllValues:` holds when every request value matches (so also when the key is missing or
  empty); `ForAnyValue:` holds when at least one does (so never when missing or empty);
* condition key names are case-insensitive; values are case-sensitive unless the operator
  says IgnoreCase (Bool compares `true`/`false` in any case);
* policy variables are substituted in String and Arn operators only, and a value whose
  variable has no value (and no default) makes its test false.

Policy values that AWS would reject (a Numeric value that is not a number, an unknown
operator) stop compilation with a PolicyShapeError; request values of the wrong kind simply
fail to match and the explanation shows them.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import operator
from datetime import datetime, timezone

from iamkb.core.matching import PatternSet
from iamkb.core.shape import PolicyShapeError, json_type, short
from iamkb.core.variables import VAR, Unresolved, resolve_literal, tokenize

# base operator (lower-case) -> (family, negated, comparison)
_OPERATORS = {
    "stringequals": ("exact", False, None),
    "stringnotequals": ("exact", True, None),
    "stringequalsignorecase": ("ignorecase", False, None),
    "stringnotequalsignorecase": ("ignorecase", True, None),
    "stringlike": ("like", False, None),
    "stringnotlike": ("like", True, None),
    "numericequals": ("numeric", False, operator.eq),
    "numericnotequals": ("numeric", True, operator.eq),
    "numericlessthan": ("numeric", False, operator.lt),
    "numericlessthanequals": ("numeric", False, operator.le),
    "numericgreaterthan": ("numeric", False, operator.gt),
    "numericgreaterthanequals": ("numeric", False, operator.ge),
    "dateequals": ("date", False, operator.eq),
    "datenotequals": ("date", True, operator.eq),
    "datelessthan": ("date", False, operator.lt),
    "datelessthanequals": ("date", False, operator.le),
    "dategreaterthan": ("date", False, operator.gt),
    "dategreaterthanequals": ("date", False, operator.ge),
    "bool": ("bool", False, None),
    "binaryequals": ("binary", False, None),
    "ipaddress": ("ip", False, None),
    "notipaddress": ("ip", True, None),
    "arnequals": ("arn", False, None),
    "arnlike": ("arn", False, None),
    "arnnotequals": ("arn", True, None),
    "arnnotlike": ("arn", True, None),
    "null": ("null", False, None),
}
_VARIABLE_FAMILIES = {"exact", "ignorecase", "like", "arn"}
_QUALIFIERS = {"forallvalues": "all", "foranyvalue": "any"}


def parse_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def parse_date(text: str) -> float | None:
    """Seconds since the epoch for an ISO 8601 date/time or an epoch number; None if neither."""
    number = parse_number(text)
    if number is not None:
        return number
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def parse_ip(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def parse_binary(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def _policy_text(value, tokens: tuple, op: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value
    raise PolicyShapeError(f"{op} values must be strings, numbers or booleans, got {json_type(value)}", tokens)


def _parsed(values: list[str], parse, what: str, tokens: tuple, op: str) -> list:
    parsed = []
    for index, value in enumerate(values):
        result = parse(value)
        if result is None:
            raise PolicyShapeError(f"{op} needs {what}, got {short(value)}", tokens + (index,))
        parsed.append(result)
    return parsed


class ConditionTest:
    """One operator applied to one condition key, compiled for fast repeated evaluation."""

    __slots__ = ("operator", "key", "key_lower", "values", "family", "negated", "qualifier",
                 "if_exists", "_compare", "_token_lists", "_predicate", "_null_wants")

    def __init__(self, op_name: str, key: str, values: list[str], variables: bool, tokens: tuple):
        self.operator, self.key, self.key_lower, self.values = op_name, key, key.lower(), tuple(values)
        base = op_name.lower()
        self.qualifier = None
        if ":" in base:
            prefix, base = base.split(":", 1)
            if prefix not in _QUALIFIERS:
                raise PolicyShapeError(
                    f"unknown set operator prefix in {short(op_name)}",
                    tokens[:-1],
                    "use ForAllValues: or ForAnyValue:",
                )
            self.qualifier = _QUALIFIERS[prefix]
        self.if_exists = base.endswith("ifexists") and base != "ifexists"
        if self.if_exists:
            base = base[: -len("ifexists")]
        if base not in _OPERATORS or (base == "null" and (self.if_exists or self.qualifier)):
            raise PolicyShapeError(
                f"unknown condition operator {short(op_name)}",
                tokens[:-1],
                "the operators are String*, Numeric*, Date*, Bool, BinaryEquals, IpAddress, NotIpAddress, Arn* and Null",
            )
        self.family, self.negated, self._compare = _OPERATORS[base]
        self._predicate = None
        self._token_lists = ()
        self._null_wants = ()
        self._compile(values, variables and self.family in _VARIABLE_FAMILIES, tokens)

    def _compile(self, values: list[str], variables: bool, tokens: tuple) -> None:
        family, op = self.family, self.operator
        if family == "null":
            wants = [v.lower() for v in values]
            for index, want in enumerate(wants):
                if want not in ("true", "false"):
                    raise PolicyShapeError(f"Null takes \"true\" or \"false\", got {short(values[index])}", tokens + (index,))
            self._null_wants = tuple(w == "true" for w in wants)
        elif family in _VARIABLE_FAMILIES:
            self._token_lists = tuple(tokenize(v, variables) for v in values)
            if not any(t.kind == VAR for tl in self._token_lists for t in tl):
                self._predicate = self._string_predicate({})
        elif family == "bool":
            wanted = {v.lower() for v in values}
            for index, value in enumerate(values):
                if value.lower() not in ("true", "false"):
                    raise PolicyShapeError(f"Bool takes \"true\" or \"false\", got {short(value)}", tokens + (index,))
            self._predicate = lambda v: v.lower() in wanted
        elif family == "binary":
            wanted_bytes = set(_parsed(values, parse_binary, "base64 values", tokens, op))
            self._predicate = lambda v: parse_binary(v) in wanted_bytes
        elif family == "ip":
            networks = []
            for index, value in enumerate(values):
                try:
                    networks.append(ipaddress.ip_network(value.strip(), strict=False))
                except ValueError:
                    raise PolicyShapeError(f"{op} needs an IP address or CIDR range, got {short(value)}", tokens + (index,)) from None
            self._predicate = lambda v: (address := parse_ip(v)) is not None and any(
                address.version == n.version and address in n for n in networks
            )
        else:  # numeric, date
            parse, what = (parse_number, "numbers") if family == "numeric" else (parse_date, "ISO 8601 dates or epoch seconds")
            limits, compare = _parsed(values, parse, what, tokens, op), self._compare
            self._predicate = lambda v: (x := parse(v)) is not None and any(compare(x, limit) for limit in limits)

    def _string_predicate(self, context: dict):
        """The matcher for String/Arn operators once variables are filled from `context`."""
        family = self.family
        if family in ("like", "arn"):
            patterns = PatternSet(list(self._token_lists), arn=None if family == "arn" else False)
            return lambda v: patterns.matches(v, context)
        resolved = {resolve_literal(tl, context) for tl in self._token_lists}
        if family == "ignorecase":
            folded = {r.casefold() for r in resolved}
            return lambda v: v.casefold() in folded
        return resolved.__contains__

    def predicate(self, context: dict):
        """Matcher for one request value, or None when a variable in the values is unresolved."""
        if self._predicate is not None:
            return self._predicate
        try:
            for token_list in self._token_lists:
                resolve_literal(token_list, context)  # raises Unresolved for a missing variable
        except Unresolved:
            return None
        return self._string_predicate(context)

    def holds(self, context: dict) -> bool:
        values = context.get(self.key_lower)
        if self.family == "null":
            present = bool(values)
            return any(want != present for want in self._null_wants)
        if not values:
            if self.if_exists or self.qualifier == "all":
                return True
            return False if self.qualifier == "any" else self.negated
        matches = self._predicate or self.predicate(context)
        if matches is None:
            return False
        negated = self.negated
        if self.qualifier == "all":
            return all(bool(matches(v)) != negated for v in values)
        if self.qualifier == "any":
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


def compile_conditions(block, variables: bool, tokens: tuple) -> tuple[ConditionTest, ...]:
    """All tests of a statement's Condition element (`tokens` point at the element)."""
    if not isinstance(block, dict):
        raise PolicyShapeError(f"Condition must be an object of operators, got {json_type(block)}", tokens)
    tests = []
    for op_name, body in block.items():
        here = tokens + (op_name,)
        if not isinstance(body, dict):
            raise PolicyShapeError(
                f"the value of {op_name} must be an object of condition keys, got {json_type(body)}", here
            )
        for key, raw in body.items():
            at = here + (key,)
            if isinstance(raw, list):
                if not raw:
                    raise PolicyShapeError(f"{op_name} has an empty array of values for {key}", at)
                values = [_policy_text(v, at + (i,), op_name) for i, v in enumerate(raw)]
            else:
                values = [_policy_text(raw, at, op_name)]
            tests.append(ConditionTest(op_name, key, values, variables, at))
    return tuple(tests)


def describe_failure(record: dict) -> str:
    """One plain-words line for a test that did not hold."""
    values = record["policyValues"]
    shown = values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"
    head = f"{record['operator']} {record['key']} {shown}"
    if record.get("unresolvedVariables"):
        return f"{head}: no value for {', '.join('${' + v + '}' for v in record['unresolvedVariables'])}"
    got = record["requestValues"]
    if got is None:
        return f"{head}: the request has no {record['key']}"
    return f"{head}: the request has {record['key']} = " + (", ".join(got) if got else "(empty list)")
