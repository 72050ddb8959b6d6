"""The one table of condition operators, its name reader and value readers; the grammar schema agrees."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iamkb.check.schema import is_valid, validate
from iamkb.core.conditions import (
    BASE_OPERATORS,
    Comparison,
    Family,
    SetQualifier,
    UnknownOperator,
    find_operator,
    operator_names,
    parse_base64,
    parse_bool,
    parse_date,
    parse_network,
    parse_number,
    parse_operator,
    value_fits,
)
from iamkb.core.policy import condition_text
from iamkb.simulate.conditions import ConditionTest


def test_a_name_reads_as_qualifier_base_and_if_exists():
    op = parse_operator("ForAnyValue:StringNotLikeIfExists")
    assert (op.qualifier, op.base.name, op.if_exists) == (SetQualifier.FOR_ANY_VALUE, "StringNotLike", True)
    assert op.family is Family.STRING and op.negated and op.base.wildcards and op.base.positive.name == "StringLike"
    assert op.unqualified == "StringNotLikeIfExists"
    assert parse_operator("Null").qualifier is None and not parse_operator("Null").if_exists


def test_the_table_says_what_each_operator_does():
    by_name = {op.name: op for op in BASE_OPERATORS}
    assert len(by_name) == len(BASE_OPERATORS) == 27
    assert by_name["ArnEquals"].wildcards and not by_name["StringEquals"].wildcards
    assert by_name["StringNotEqualsIgnoreCase"].ignore_case and by_name["StringNotEqualsIgnoreCase"].negated
    assert by_name["NotIpAddress"].positive is by_name["IpAddress"]
    assert by_name["NumericLessThanEquals"].comparison is Comparison.LESS_THAN_EQUALS
    assert [op.name for op in BASE_OPERATORS if op.variables] == [
        "StringEquals",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "StringNotLike",
        "ArnEquals",
        "ArnLike",
        "ArnNotEquals",
        "ArnNotLike",
    ]
    assert all(op.positive.negated is False for op in BASE_OPERATORS)


def test_comparisons():
    assert Comparison.LESS_THAN.holds(1, 2) and not Comparison.LESS_THAN.holds(2, 2)
    assert Comparison.GREATER_THAN_EQUALS.holds(2, 2) and Comparison.EQUALS.holds(2, 2.0)
    assert Comparison.LESS_THAN.is_upper_bound and Comparison.LESS_THAN.strict
    assert not Comparison.GREATER_THAN_EQUALS.is_upper_bound and not Comparison.LIKE.ordered


@pytest.mark.parametrize(
    "name, hint",
    [
        ("NullIfExists", "Null does not take IfExists: write Null"),
        ("ForAnyValue:NullIfExists", "Null does not take IfExists: write ForAnyValue:Null"),
        ("stringEquals", "case-sensitive: write StringEquals"),
        ("forallvalues:stringequals", "case-sensitive: write ForAllValues:StringEquals"),
        ("ForSomeValues:StringEquals", "use ForAllValues: or ForAnyValue:"),
        ("StringEqualz", "the operators are"),
        ("IfExists", "the operators are"),
        ("StringEqualsIfExistsIfExists", "the operators are"),
        ("ForAllValues:ForAnyValue:StringEquals", "use ForAllValues: or ForAnyValue:"),
        ("", "the operators are"),
    ],
)
def test_names_aws_rejects(name, hint):
    assert find_operator(name) is None
    with pytest.raises(UnknownOperator) as caught:
        parse_operator(name)
    assert hint in caught.value.hint


def _names_the_schema_accepts(names: list[str]) -> list[str]:
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {name: {"k": "true"}}}
            for name in names
        ],
    }
    if is_valid(document, "identity"):
        return names
    return [name for name in names if _accepted_one(name)]


def _accepted_one(name: str) -> bool:
    document = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {name: {"k": "true"}}}
    fast = is_valid(document, "statement")
    found = [f.code for f in validate(document, "statement", "p.json")]
    assert fast == (found == []), name  # the compiled fast path and jsonschema agree
    return fast


def test_the_grammar_schema_accepts_every_name_the_table_accepts():
    names = list(operator_names())
    assert len(names) == 26 * 3 * 2 + 3  # Null takes a set qualifier but never IfExists
    assert {"ForAllValues:Null", "ForAnyValue:Null"} <= set(names) and "NullIfExists" not in names
    assert _names_the_schema_accepts(names) == names


_FRAGMENTS = ["", "ForAllValues:", "ForAnyValue:", "forallvalues:", "ForSomeValues:", ":"]
_BASES = [op.name for op in BASE_OPERATORS] + ["stringequals", "StringEqualz", "IfExists", "NotNull", "String"]


@given(st.sampled_from(_FRAGMENTS), st.sampled_from(_BASES), st.sampled_from(["", "IfExists", "ifexists", " "]))
def test_the_schema_and_the_table_accept_the_same_names(prefix, base, suffix):
    name = prefix + base + suffix
    assert _accepted_one(name) == (find_operator(name) is not None)


@pytest.mark.parametrize("text, number", [("10", 10.0), ("-1.5", -1.5), ("0", 0.0)])
def test_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["1e3", " 10", "ten", "", "1.", ".5", "inf", "nan", "1_000", "0x10"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_dates_accept_iso_and_epoch_seconds():
    assert parse_date("2026-01-01T00:00:00Z") == parse_date("1767225600") == parse_date("2026-01-01")
    assert parse_date("2026-01-01T01:00:00+01:00") == parse_date("2026-01-01T00:00:00")  # no zone: UTC
    assert parse_date("yesterday") is None and parse_date("-5") is None and parse_date("1.5") is None


def test_booleans_base64_and_networks():
    assert (parse_bool("TRUE"), parse_bool("false"), parse_bool("yes")) == (True, False, None)
    assert parse_base64("QmluYXJ5") == b"Binary" and parse_base64("not base64!") is None
    assert str(parse_network("203.0.113.7/24")) == "203.0.113.0/24"  # host bits allowed
    assert parse_network("10.0.0.300/8") is None and parse_network(" 10.0.0.0/8") is None


def _simulator_reads(operator: str, value) -> bool:
    """Whether the simulator reads the value as one of the operator's type (else it matches nothing)."""
    test = ConditionTest(operator, "k", [condition_text(value)], True, ("Condition", operator, "k"))
    return not test.unreadable


_VALUES = st.one_of(
    st.sampled_from(
        [
            "10",
            "-1.5",
            "1e3",
            "true",
            "FALSE",
            "yes",
            "2026-01-01",
            "1767225600",
            "QmluYXJ5",
            "203.0.113.0/24",
            "2001:db8::/32",
            "arn:aws:s3:::b",
            "*",
            "${aws:username}",
            "",
            " 1",
        ]
    ),
    st.integers(-5, 10**12),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)


@given(st.sampled_from(list(BASE_OPERATORS)), _VALUES)
def test_a_value_fits_exactly_when_the_simulator_reads_it(op, value):
    """The lint's value-type check (value_fits) and the simulator read every value alike."""
    assert value_fits(op.family, condition_text(value)) == _simulator_reads(op.name, value)
