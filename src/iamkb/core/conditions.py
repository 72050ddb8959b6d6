"""Condition operators: the one table of IAM's operators, the one reader of an operator name, and the
one reader of each kind of condition value.

Every command that looks at a Condition element asks this module: the simulator (which evaluates
conditions), `iamkb check` (which checks their values and keys) and `iamkb compare` (which proves
one condition implies another). The grammar schema lists the same names in a pattern; a test
requires it to accept exactly the names `find_operator` accepts.

A name is an optional set qualifier, a base operator and an optional `IfExists`:
`ForAnyValue:StringLikeIfExists`. AWS rejects names in any other capitalisation
("Invalid Condition type : stringEquals"), and `Null` never takes `IfExists` (Access Analyzer's
error "Null with if exists"). `ForAllValues:Null` and `ForAnyValue:Null` are accepted: Access
Analyzer only suggests avoiding them, because the first always holds and the second never does
(its suggestion "Null with qualifier",
https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).

What each base operator does, per AWS's reference of the condition operators
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
its family says what type its values are; `negated` operators hold when the request value matches
none of the policy values; `wildcards` operators read `*` and `?` in the policy values as wildcards
(the ...Like operators and all four ARN operators, ArnEquals included); `ignore_case` operators fold
case on both sides; and policy variables (`${aws:username}`) are substituted only in the String and
ARN families: "You can't use a policy variable with other operators, such as Numeric, Date, Boolean,
Binary, IP Address, or Null operators"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-conditionelement;
Access Analyzer's error "Invalid variable for operator" says the same). Elsewhere `${...}` is the text
as written.

A policy value that cannot be read as its operator's type (`"ten"` under NumericLessThan, `"yes"`
under Bool) is one no request value can equal or lie on either side of, so it matches nothing (Access
Analyzer reports it: "Type mismatch number", "Type mismatch Boolean", ...). `value_fits` is the one
test: the simulator reads such a value as matching no request value, and `iamkb check` reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network


class Family(str, Enum):
    """The type of value an operator compares (AWS's categories of condition operators).

    The values are the catalog's names of condition key types, so a key's type and an operator's
    family compare directly.
    """

    STRING = "String"
    NUMERIC = "Numeric"
    DATE = "Date"
    BOOL = "Bool"
    BINARY = "Binary"
    IP_ADDRESS = "IPAddress"
    ARN = "ARN"
    NULL = "Null"

    def __str__(self) -> str:
        return self.value

    @property
    def variables(self) -> bool:
        """Whether `${...}` in this family's policy values is a policy variable (else literal text)."""
        return self in _VARIABLE_FAMILIES

    @property
    def what(self) -> str:
        """What a value of this family is, in words (`a number`), for messages about one that is not."""
        return _WHAT[self]


_VARIABLE_FAMILIES = frozenset({Family.STRING, Family.ARN})
_WHAT = {
    Family.STRING: "text",
    Family.NUMERIC: "a number",
    Family.DATE: "an ISO 8601 date or epoch seconds",
    Family.BOOL: "true or false",
    Family.BINARY: "base64",
    Family.IP_ADDRESS: "an IP address or CIDR range",
    Family.ARN: "an ARN",
    Family.NULL: "true or false",
}


class SetQualifier(str, Enum):
    """How an operator reads a multivalued key: every request value must match, or at least one."""

    FOR_ALL_VALUES = "ForAllValues"
    FOR_ANY_VALUE = "ForAnyValue"

    def __str__(self) -> str:
        return self.value


class Comparison(Enum):
    """How one request value is compared with one policy value."""

    EQUALS = "Equals"  # equal (String, Numeric, Date, Bool, Binary, ARN), inside the range (IpAddress)
    LIKE = "Like"  # matches the pattern (StringLike, ArnLike)
    LESS_THAN = "LessThan"
    LESS_THAN_EQUALS = "LessThanEquals"
    GREATER_THAN = "GreaterThan"
    GREATER_THAN_EQUALS = "GreaterThanEquals"

    @property
    def ordered(self) -> bool:
        """A bound (Numeric and Date operators only): the request value lies on one side of it."""
        return self not in (Comparison.EQUALS, Comparison.LIKE)

    @property
    def is_upper_bound(self) -> bool:
        """The policy value bounds the request value from above (`x < bound` or `x <= bound`)."""
        return self in (Comparison.LESS_THAN, Comparison.LESS_THAN_EQUALS)

    @property
    def strict(self) -> bool:
        return self in (Comparison.LESS_THAN, Comparison.GREATER_THAN)

    def holds(self, value: float, bound: float) -> bool:
        """`value` compared with `bound` (EQUALS: equal; LIKE is not a numeric comparison)."""
        if self is Comparison.EQUALS:
            return value == bound
        if self is Comparison.LESS_THAN:
            return value < bound
        if self is Comparison.LESS_THAN_EQUALS:
            return value <= bound
        if self is Comparison.GREATER_THAN:
            return value > bound
        if self is Comparison.GREATER_THAN_EQUALS:
            return value >= bound
        raise ValueError("Like compares text, not numbers")


class Operator(NamedTuple):
    """A base condition operator (no set qualifier, no IfExists).

    (Named tuples rather than dataclasses: `iamkb check` starts cold, and a frozen dataclass costs a
    few milliseconds of generated code at import.)
    """

    name: str
    family: Family
    comparison: Comparison = Comparison.EQUALS
    negated: bool = False
    wildcards: bool = False
    ignore_case: bool = False

    @property
    def variables(self) -> bool:
        """Whether policy variables in this operator's values are substituted."""
        return self.family.variables

    @property
    def positive(self) -> Operator:
        """The operator this one negates (StringNotLike -> StringLike); itself when not negated."""
        return _POSITIVE.get(self.name, self)

    @property
    def takes_if_exists(self) -> bool:
        """Whether AWS accepts this operator with IfExists (all but Null; every one takes a set qualifier)."""
        return self.family is not Family.NULL


_S, _N, _D, _A = Family.STRING, Family.NUMERIC, Family.DATE, Family.ARN
_EQ, _LIKE, _LT, _LE, _GT, _GE = (
    Comparison.EQUALS,
    Comparison.LIKE,
    Comparison.LESS_THAN,
    Comparison.LESS_THAN_EQUALS,
    Comparison.GREATER_THAN,
    Comparison.GREATER_THAN_EQUALS,
)

BASE_OPERATORS: tuple[Operator, ...] = (
    Operator("StringEquals", _S),
    Operator("StringNotEquals", _S, negated=True),
    Operator("StringEqualsIgnoreCase", _S, ignore_case=True),
    Operator("StringNotEqualsIgnoreCase", _S, negated=True, ignore_case=True),
    Operator("StringLike", _S, _LIKE, wildcards=True),
    Operator("StringNotLike", _S, _LIKE, negated=True, wildcards=True),
    Operator("NumericEquals", _N),
    Operator("NumericNotEquals", _N, negated=True),
    Operator("NumericLessThan", _N, _LT),
    Operator("NumericLessThanEquals", _N, _LE),
    Operator("NumericGreaterThan", _N, _GT),
    Operator("NumericGreaterThanEquals", _N, _GE),
    Operator("DateEquals", _D),
    Operator("DateNotEquals", _D, negated=True),
    Operator("DateLessThan", _D, _LT),
    Operator("DateLessThanEquals", _D, _LE),
    Operator("DateGreaterThan", _D, _GT),
    Operator("DateGreaterThanEquals", _D, _GE),
    Operator("Bool", Family.BOOL),
    Operator("BinaryEquals", Family.BINARY),
    Operator("IpAddress", Family.IP_ADDRESS),
    Operator("NotIpAddress", Family.IP_ADDRESS, negated=True),
    Operator("ArnEquals", _A, wildcards=True),  # behaves as ArnLike
    Operator("ArnLike", _A, _LIKE, wildcards=True),
    Operator("ArnNotEquals", _A, negated=True, wildcards=True),
    Operator("ArnNotLike", _A, _LIKE, negated=True, wildcards=True),
    Operator("Null", Family.NULL),
)
BASES: dict[str, Operator] = {op.name: op for op in BASE_OPERATORS}


def _twin(op: Operator) -> Operator:
    return next(
        other
        for other in BASE_OPERATORS
        if not other.negated
        and (other.family, other.comparison, other.wildcards, other.ignore_case)
        == (op.family, op.comparison, op.wildcards, op.ignore_case)
    )


_POSITIVE = {op.name: _twin(op) for op in BASE_OPERATORS if op.negated}
IF_EXISTS = "IfExists"


class ConditionOperator(NamedTuple):
    """An operator name as a policy writes it, read: `ForAnyValue:StringLikeIfExists`."""

    name: str
    base: Operator
    qualifier: SetQualifier | None = None
    if_exists: bool = False

    @property
    def family(self) -> Family:
        return self.base.family

    @property
    def negated(self) -> bool:
        return self.base.negated

    @property
    def unqualified(self) -> str:
        """The name without its set qualifier (`StringLikeIfExists`)."""
        return self.base.name + (IF_EXISTS if self.if_exists else "")

    @property
    def holds_without_key(self) -> bool:
        """What the operator answers when its key is missing from the request (Null, which tests exactly
        that, answers by its value): `IfExists` and `ForAllValues:` hold, `ForAnyValue:` does not, and
        otherwise a negated operator holds and a positive one does not."""
        if self.if_exists or self.qualifier is SetQualifier.FOR_ALL_VALUES:
            return True
        return False if self.qualifier is SetQualifier.FOR_ANY_VALUE else self.negated


def _every_operator() -> dict[str, ConditionOperator]:
    names: dict[str, ConditionOperator] = {}
    for base in BASE_OPERATORS:
        for qualifier in (None, *SetQualifier):
            for if_exists in (False, True) if base.takes_if_exists else (False,):
                name = (f"{qualifier.value}:" if qualifier else "") + base.name + (IF_EXISTS if if_exists else "")
                names[name] = ConditionOperator(name, base, qualifier, if_exists)
    return names


_OPERATORS = _every_operator()
_FOLDED = {name.casefold(): name for name in _OPERATORS}


def operator_names() -> tuple[str, ...]:
    """Every operator name AWS accepts, in the order of the table of base operators."""
    return tuple(_OPERATORS)


def find_operator(name: str) -> ConditionOperator | None:
    """The operator `name` stands for, or None when AWS would reject the name."""
    return _OPERATORS.get(name)


class UnknownOperator(ValueError):
    """An operator name AWS rejects; `message` says what is wrong with it, `hint` what to write."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


_OPERATOR_LIST_HINT = (
    "the operators are String*, Numeric*, Date*, Bool, BinaryEquals, IpAddress, NotIpAddress, Arn* and Null"
)


def parse_operator(name: str) -> ConditionOperator:
    """The operator `name` stands for; raises UnknownOperator saying why AWS would reject it."""
    found = _OPERATORS.get(name)
    if found is not None:
        return found
    shown = f'"{name}"'
    if name.casefold() in _FOLDED:
        right = _FOLDED[name.casefold()]
        raise UnknownOperator(
            f"unknown condition operator {shown}", f"operator names are case-sensitive: write {right}"
        )
    prefix, colon, rest = name.rpartition(":")
    if colon and prefix not in {q.value for q in SetQualifier}:
        raise UnknownOperator(f"unknown set operator prefix in {shown}", "use ForAllValues: or ForAnyValue:")
    bare = rest.removesuffix(IF_EXISTS) if rest != IF_EXISTS else rest
    if bare == "Null":
        raise UnknownOperator(
            f"unknown condition operator {shown}", f"Null does not take IfExists: write {name.removesuffix(IF_EXISTS)}"
        )
    raise UnknownOperator(f"unknown condition operator {shown}", _OPERATOR_LIST_HINT)


# --- values -------------------------------------------------------------------------------------
# One reader per kind of value, used for policy values and request values alike. ipaddress, base64
# and datetime are imported where used: most policies have no such values, and `iamkb check` is
# started cold for every run.

_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_EPOCH_SECONDS = re.compile(r"[0-9]+")


def value_text(value: object) -> str | None:
    """A JSON condition value as the text IAM compares (`true` -> "true", 10 -> "10"); None for
    null, objects and arrays, which are no condition values."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value if isinstance(value, str) else None


def parse_number(text: str) -> float | None:
    """A decimal number (`10`, `-1.5`); None for anything else (`1e3`, ` 10`, `ten`)."""
    return float(text) if _DECIMAL.fullmatch(text) else None


def parse_date(text: str) -> float | None:
    """Seconds since the epoch for epoch seconds (`1767225600`) or an ISO 8601 date or time
    (`2026-01-01`, `2026-01-01T00:00:00Z`; without a zone: UTC); None for anything else."""
    if _EPOCH_SECONDS.fullmatch(text):
        return float(text)
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def parse_bool(text: str) -> bool | None:
    """`true` or `false` in any capitalisation; None for anything else."""
    folded = text.lower()
    return True if folded == "true" else False if folded == "false" else None


def parse_base64(text: str) -> bytes | None:
    """The bytes of base64 text; None when it is not base64."""
    import base64
    import binascii

    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def parse_ip_address(text: str) -> IPv4Address | IPv6Address | None:
    """An IPv4 or IPv6 address (a request's aws:SourceIp); None for anything else."""
    import ipaddress

    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def parse_network(text: str) -> IPv4Network | IPv6Network | None:
    """An address or CIDR range (`203.0.113.0/24`; host bits may be set, as AWS allows); None otherwise."""
    import ipaddress

    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def value_reader(family: Family) -> Callable[[str], object] | None:
    """The reader of `family`'s policy and request values (None when it cannot read the text); None for
    the String and ARN families, which compare any text."""
    return _READERS.get(family)


def value_fits(family: Family, text: str) -> bool:
    """Whether a policy value `text` can be read as a value of `family` at all; one that cannot matches
    no request value.

    Any text fits String and ARN operators (whether it looks like an ARN is for `iamkb check` to judge,
    not a matter of syntax), and `${...}` is no variable in the other families, so it fits only if the
    text itself does.
    """
    reader = _READERS.get(family)
    return reader is None or reader(text) is not None


_READERS: dict[Family, Callable[[str], object]] = {
    Family.NUMERIC: parse_number,
    Family.DATE: parse_date,
    Family.BOOL: parse_bool,
    Family.NULL: parse_bool,
    Family.BINARY: parse_base64,
    Family.IP_ADDRESS: parse_network,
}
