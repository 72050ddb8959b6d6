"""Does one condition entry guarantee another? The condition half of `iamkb compare`.

A statement of A is covered by one of B only if B's conditions hold whenever A's do, for the same
request. `condition_implies` answers that for one pair of entries, and it answers soundly: True
only when it can prove it. Different keys, IfExists on A's side only, values it cannot parse and
operators it does not model all give False ("not proven"), never a guess, because a wrong "covered"
is the one answer `iamkb compare` must never give.

This is a piece of IAM semantics of its own (operator families, ForAllValues/ForAnyValue,
IfExists, string and ARN wildcards, CIDR ranges, numeric and date bounds), so it lives apart from
compare.py, which deals with statements, actions and resources.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from iamkb.grants import Condition
from iamkb.core.wildcards import Pattern, compile_pattern, includes

_OPERATOR = re.compile(r"^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$")
_EQUALS_LIKE = {"StringEquals", "StringLike", "StringEqualsIgnoreCase"}
_NOT_EQUALS_LIKE = {"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"}
_ARN = {"ArnEquals", "ArnLike"}
_NOT_ARN = {"ArnNotEquals", "ArnNotLike"}
# "the value is one of these" operators: fewer values is a stronger test
_SUBSET_SAFE = _EQUALS_LIKE | _ARN | {"Bool", "NumericEquals", "DateEquals", "BinaryEquals", "IpAddress"}


@dataclass(frozen=True)
class _Operator:
    qualifier: str
    base: str
    if_exists: bool


def _operator(name: str) -> _Operator:
    found = _OPERATOR.match(name)
    return _Operator(found.group(1) or "", found.group(2), bool(found.group(3)))


def _family(base: str) -> str | None:
    """Which strings a set-like operator compares: case-sensitive text, case-folded text, or ARNs."""
    positive = _positive(base)
    if positive in ("StringEquals", "StringLike"):
        return "string"
    if positive == "StringEqualsIgnoreCase":
        return "ignore-case"
    if positive in _ARN:
        return "arn"
    return None


def _accepted(base: str, values: tuple[str, ...], fold: bool) -> list[Pattern] | None:
    """The values as patterns of the strings they accept (read with `fold`: case-folded)."""
    positive = _positive(base)
    if positive == "StringEquals" or positive == "StringEqualsIgnoreCase":
        return [compile_pattern(v, arn=False, wildcards=False, fold_case=fold) for v in values]
    if fold:
        return None  # a case-sensitive wildcard read case-folded: not modelled
    if positive == "StringLike":
        return [compile_pattern(v, arn=False) for v in values]
    return [compile_pattern(v) for v in values]  # ArnEquals and ArnLike both take wildcards


def _included_values(small_base: str, small: tuple[str, ...], large_base: str, large: tuple[str, ...]) -> bool:
    """Whether every string `small`'s values accept is accepted by `large`'s."""
    family_small, family_large = _family(small_base), _family(large_base)
    if family_small is None or family_large is None or (family_small == "arn") != (family_large == "arn"):
        return False
    if family_small == "ignore-case" and family_large != "ignore-case":
        return False  # any capitalisation of a value is more than a case-sensitive set holds
    fold = family_large == "ignore-case"
    small_patterns, large_patterns = _accepted(small_base, small, fold), _accepted(large_base, large, fold)
    if small_patterns is None or large_patterns is None:
        return False
    return all(includes(large_patterns, p) for p in small_patterns)


def _cidrs_within(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    try:
        inner_nets = [ipaddress.ip_network(v, strict=False) for v in inner]
        outer_nets = [ipaddress.ip_network(v, strict=False) for v in outer]
    except ValueError:
        return False
    return all(any(n.version == o.version and n.subnet_of(o) for o in outer_nets) for n in inner_nets)


def same_key(first: str, second: str) -> bool:
    """Condition key names ignore case; the part after `/` (a tag key, for example) is compared exactly,
    since reading `Team` and `team` as one tag could call a different tag covered."""
    head_1, slash_1, tail_1 = first.partition("/")
    head_2, slash_2, tail_2 = second.partition("/")
    return head_1.lower() == head_2.lower() and slash_1 == slash_2 and tail_1 == tail_2


def condition_implies(a: Condition, b: Condition) -> bool:
    """Whether A's condition entry `a` holding guarantees B's entry `b` holds (same request)."""
    if not same_key(a.key, b.key):
        return False
    op_a, op_b = _operator(a.operator), _operator(b.operator)
    if op_a.qualifier != op_b.qualifier or (op_a.if_exists and not op_b.if_exists):
        return False
    if op_a == op_b and (set(a.values) == set(b.values) or (op_a.base in _SUBSET_SAFE and set(a.values) <= set(b.values))):
        return True  # the very same test, or the same "one of these" test on fewer values
    positive = _EQUALS_LIKE | _ARN
    negative = _NOT_EQUALS_LIKE | _NOT_ARN
    if op_a.base in positive and op_b.base in positive:
        return _included_values(op_a.base, a.values, op_b.base, b.values)
    if op_a.base in negative and op_b.base in negative:
        # A excludes a set; B excludes a set: B's excluded strings must all be excluded by A too
        return _included_values(op_b.base, b.values, op_a.base, a.values)
    if op_a.base == "Bool" and op_b.base == "Bool":
        return {v.lower() for v in a.values} <= {v.lower() for v in b.values}
    if _RANGE.match(op_a.base):
        return _range_implies(op_a.base, a.values, op_b.base, b.values)
    if op_a.base == "IpAddress" and op_b.base == "IpAddress":
        return _cidrs_within(a.values, b.values)
    if op_a.base == "NotIpAddress" and op_b.base == "NotIpAddress":
        return _cidrs_within(b.values, a.values)
    return False


_RANGE = re.compile(r"^(Numeric|Date)(Less|Greater)Than(Equals)?$")


def _number(text: str) -> float:
    return float(text)


def _moment(text: str) -> float:
    """An IAM date value (ISO 8601, or seconds since the epoch) as epoch seconds; naive times are UTC."""
    if re.fullmatch(r"\d+", text):
        return float(text)
    moment = datetime.fromisoformat(text)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def _range_implies(a_base: str, a_values: tuple[str, ...], b_base: str, b_values: tuple[str, ...]) -> bool:
    """`x < a` (or <=) implies `x < b` (or <=) when a is at most b (strictly, if only B is strict).

    Several values are alternatives, so the loosest bound of each side counts.
    """
    found_a, found_b = _RANGE.match(a_base), _RANGE.match(b_base)
    if not found_a or not found_b or found_a.group(1, 2) != found_b.group(1, 2):
        return False
    parse = _number if found_a.group(1) == "Numeric" else _moment
    try:
        bounds_a, bounds_b = [parse(v) for v in a_values], [parse(v) for v in b_values]
    except (ValueError, OverflowError):
        return False
    less = found_a.group(2) == "Less"
    bound_a, bound_b = (max(bounds_a), max(bounds_b)) if less else (min(bounds_a), min(bounds_b))
    a_strict, b_strict = not found_a.group(3), not found_b.group(3)
    tighter = bound_a < bound_b if less else bound_a > bound_b
    return tighter or (bound_a == bound_b and (a_strict or not b_strict))


def _positive(base: str) -> str:
    return base.replace("Not", "", 1)


def unproven_conditions(b: tuple[Condition, ...], a: tuple[Condition, ...]) -> list[Condition]:
    """B's condition entries that none of A's entries implies."""
    return [cb for cb in b if not any(condition_implies(ca, cb) for ca in a)]
