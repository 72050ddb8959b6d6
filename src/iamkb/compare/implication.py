"""Does one condition entry guarantee another? The condition half of `iamkb compare`.

A statement of A is covered by one of B only if B's conditions hold whenever A's do, for the same
request. `condition_implies` answers that for one pair of entries, and it answers soundly: True
only when it can prove it. Different keys, IfExists on A's side only, values it cannot parse and
operators it does not model all give False ("not proven"), never a guess, because a wrong "covered"
is the one answer `iamkb compare` must never give.

What the operators are (families, negation, wildcards, IgnoreCase, qualifiers, IfExists) and how
values are read come from `iamkb.core.conditions`; this module holds only the implication rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from iamkb.core.conditions import (
    Family,
    Operator,
    find_operator,
    parse_bool,
    parse_date,
    parse_network,
    parse_number,
)
from iamkb.core.patterns import Pattern, compile_pattern, includes
from iamkb.core.policy import ConditionEntry

if TYPE_CHECKING:
    from ipaddress import IPv4Network, IPv6Network

_TEXT_FAMILIES = (Family.STRING, Family.ARN)
T = TypeVar("T")


def _parsed_all(values: tuple[str, ...], parse: Callable[[str], T | None]) -> list[T] | None:
    """Every value read by `parse`, or None when one of them does not read."""
    parsed = []
    for value in values:
        result = parse(value)
        if result is None:
            return None
        parsed.append(result)
    return parsed


def _one_of(op: Operator) -> bool:
    """A "the value is one of these" operator, where fewer values make a stronger test."""
    return not op.negated and not op.comparison.ordered


def _accepted(op: Operator, values: tuple[str, ...], fold: bool) -> list[Pattern] | None:
    """The values of a String or ARN operator as patterns of the strings they accept (read with
    `fold`: case-folded); None when that reading is not modelled."""
    if not op.wildcards:
        return [compile_pattern(v, arn=False, wildcards=False, fold_case=fold) for v in values]
    if fold:
        return None  # a case-sensitive wildcard read case-folded: not modelled
    if op.family is Family.STRING:
        return [compile_pattern(v, arn=False) for v in values]
    return [compile_pattern(v) for v in values]  # ArnEquals and ArnLike both take wildcards


def _included_values(small_op: Operator, small: tuple[str, ...], large_op: Operator, large: tuple[str, ...]) -> bool:
    """Whether every string `small`'s values accept is accepted by `large`'s (positive twins compared)."""
    small_op, large_op = small_op.positive, large_op.positive
    if small_op.family is not large_op.family:
        return False
    if small_op.ignore_case and not large_op.ignore_case:
        return False  # any capitalisation of a value is more than a case-sensitive set holds
    fold = large_op.ignore_case
    small_patterns, large_patterns = _accepted(small_op, small, fold), _accepted(large_op, large, fold)
    if small_patterns is None or large_patterns is None:
        return False
    return all(includes(large_patterns, p) for p in small_patterns)


def _cidrs_within(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    inner_nets: list[IPv4Network | IPv6Network] | None = _parsed_all(inner, parse_network)
    outer_nets: list[IPv4Network | IPv6Network] | None = _parsed_all(outer, parse_network)
    if inner_nets is None or outer_nets is None:
        return False
    # both ends of a range inside another range (of the same IP version: `in` is False across versions)
    return all(any(n.network_address in o and n.broadcast_address in o for o in outer_nets) for n in inner_nets)


def same_key(first: str, second: str) -> bool:
    """Condition key names ignore case; the part after `/` (a tag key, for example) is compared exactly,
    since reading `Team` and `team` as one tag could call a different tag covered."""
    head_1, slash_1, tail_1 = first.partition("/")
    head_2, slash_2, tail_2 = second.partition("/")
    return head_1.lower() == head_2.lower() and slash_1 == slash_2 and tail_1 == tail_2


def condition_implies(a: ConditionEntry, b: ConditionEntry) -> bool:
    """Whether A's condition entry `a` holding guarantees B's entry `b` holds (same request)."""
    if not same_key(a.key, b.key):
        return False
    if a.operator == b.operator and set(a.texts) == set(b.texts):
        return True  # the very same test
    op_a, op_b = find_operator(a.operator), find_operator(b.operator)
    if op_a is None or op_b is None:
        return False  # a name AWS rejects: nothing to prove
    if op_a.qualifier != op_b.qualifier or (op_a.if_exists and not op_b.if_exists):
        return False
    base_a, base_b = op_a.base, op_b.base
    if op_a == op_b and _one_of(base_a) and set(a.texts) <= set(b.texts):
        return True  # the same "one of these" test on fewer values
    if base_a.family in _TEXT_FAMILIES and base_b.family in _TEXT_FAMILIES and base_a.negated == base_b.negated:
        if base_a.negated:
            # A excludes a set; B excludes a set: B's excluded strings must all be excluded by A too
            return _included_values(base_b, b.texts, base_a, a.texts)
        return _included_values(base_a, a.texts, base_b, b.texts)
    if base_a.family is Family.BOOL and base_b.family is Family.BOOL:
        wanted_a, wanted_b = {parse_bool(v) for v in a.texts}, {parse_bool(v) for v in b.texts}
        return None not in wanted_a and wanted_a <= wanted_b
    if base_a.comparison.ordered:
        return _range_implies(base_a, a.texts, base_b, b.texts)
    if base_a.family is Family.IP_ADDRESS and base_a == base_b:
        return _cidrs_within(b.texts, a.texts) if base_a.negated else _cidrs_within(a.texts, b.texts)
    return False


def _range_implies(op_a: Operator, a_values: tuple[str, ...], op_b: Operator, b_values: tuple[str, ...]) -> bool:
    """`x < a` (or <=) implies `x < b` (or <=) when a is at most b (strictly, if only B is strict).

    Several values are alternatives, so the loosest bound of each side counts.
    """
    a_cmp, b_cmp = op_a.comparison, op_b.comparison
    if op_a.family is not op_b.family or not b_cmp.ordered or a_cmp.is_upper_bound != b_cmp.is_upper_bound:
        return False
    parse = parse_number if op_a.family is Family.NUMERIC else parse_date
    bounds_a, bounds_b = _parsed_all(a_values, parse), _parsed_all(b_values, parse)
    if bounds_a is None or bounds_b is None:
        return False
    less = a_cmp.is_upper_bound
    bound_a, bound_b = (max(bounds_a), max(bounds_b)) if less else (min(bounds_a), min(bounds_b))
    tighter = bound_a < bound_b if less else bound_a > bound_b
    return tighter or (bound_a == bound_b and (a_cmp.strict or not b_cmp.strict))


def unproven_conditions(b: Sequence[ConditionEntry], a: Sequence[ConditionEntry]) -> list[ConditionEntry]:
    """B's condition entries that none of A's entries implies."""
    return [cb for cb in b if not any(condition_implies(ca, cb) for ca in a)]
