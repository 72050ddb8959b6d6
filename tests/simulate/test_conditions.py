import pytest

from iamkb.core.policy import condition_text
from iamkb.core.shape import PolicyShapeError
from iamkb.simulate.conditions import ConditionTest, describe_failure


def compile_block(block: dict, variables: bool = True, at: tuple = ("Condition",)) -> list[ConditionTest]:
    """The tests of a Condition block, built as the simulator builds them (one per operator and key)."""
    return [
        ConditionTest(
            op, key, [condition_text(v) for v in (raw if isinstance(raw, list) else [raw])], variables, at + (op, key)
        )
        for op, body in block.items()
        for key, raw in body.items()
    ]


def holds(block, context, variables=True) -> bool:
    values = {k.lower(): (tuple(v) if isinstance(v, list) else (v,)) for k, v in context.items()}
    return all(t.holds(values) for t in compile_block(block, variables))


def test_negated_operator_with_several_request_values_fails_if_any_matches():
    assert not holds({"StringNotEquals": {"k": "a"}}, {"k": ["b", "a"]})
    assert holds({"StringNotEquals": {"k": "a"}}, {"k": ["b", "c"]})


@pytest.mark.parametrize("context", [{}, {"k": "a"}, {"k": ["a", "b"]}])
@pytest.mark.parametrize("value", ["true", "false"])
def test_null_with_a_set_qualifier_always_or_never_holds(context, value):
    """Access Analyzer's suggestion "Null with qualifier": ForAllValues:Null is always true, ForAnyValue:Null
    always false, whatever the request has."""
    assert holds({"ForAllValues:Null": {"k": value}}, context)
    assert not holds({"ForAnyValue:Null": {"k": value}}, context)


@pytest.mark.parametrize(
    "block, request_value",
    [
        ({"NumericEquals": {"k": "${aws:PrincipalTag/n}"}}, "5"),
        ({"Bool": {"k": "${aws:PrincipalTag/n}"}}, "true"),
        ({"IpAddress": {"k": "${aws:PrincipalTag/n}"}}, "10.0.0.1"),
    ],
)
def test_variables_are_text_outside_string_and_arn_operators(block, request_value):
    """ "You can't use a policy variable with other operators, such as Numeric, Date, Boolean, Binary, IP
    Address, or Null operators" (reference_policies_variables.html#policy-vars-conditionelement): the text
    stays as written, which is no value of the operator's type, so it matches nothing."""
    (test,) = compile_block(block)
    assert test.unreadable == ("${aws:PrincipalTag/n}",)
    assert not holds(block, {"k": request_value, "aws:PrincipalTag/n": request_value})


def test_variables_are_literal_under_old_versions():
    assert holds({"StringEquals": {"k": "${aws:username}"}}, {"k": "${aws:username}"}, variables=False)
    assert not holds(
        {"StringEquals": {"k": "${aws:username}"}}, {"k": "carlos", "aws:username": "carlos"}, variables=False
    )
    assert holds({"StringEquals": {"k": "${aws:username}"}}, {"k": "carlos", "aws:username": "carlos"})


def test_a_default_with_a_doubled_quote_is_substituted_as_one_quote():
    block = {"StringEquals": {"k": "${aws:PrincipalTag/team, 'O''Brien'}"}}
    assert holds(block, {"k": "O'Brien"})
    assert holds(block, {"k": "x", "aws:PrincipalTag/team": "x"})
    assert not holds(block, {"k": "O''Brien"})


def test_bool_ignores_case():
    assert holds({"Bool": {"k": "True"}}, {"k": "TRUE"})
    assert not holds({"Bool": {"k": "true"}}, {"k": "false"})


def test_ignore_case_applies_to_both_sides():
    assert holds({"StringEqualsIgnoreCase": {"k": "ÄBC"}}, {"k": "äbc"})


def test_ordered_operators_compare_numbers_and_dates():
    assert holds({"NumericLessThan": {"k": 10}}, {"k": "9.5"})
    assert not holds({"NumericLessThan": {"k": 10}}, {"k": "10"})
    assert holds({"NumericLessThanEquals": {"k": "10"}}, {"k": "10"})
    assert not holds({"NumericLessThan": {"k": 10}}, {"k": "nine"})  # a request value of the wrong kind
    assert holds({"DateGreaterThan": {"aws:CurrentTime": "2026-01-01"}}, {"aws:CurrentTime": "2026-01-01T00:00:01Z"})
    assert holds({"DateLessThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}, {"aws:CurrentTime": "1767225599"})


def test_ip_ranges_and_binary_values():
    assert holds({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "203.0.113.9"})
    assert holds({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "2001:db8::1"})
    assert holds({"BinaryEquals": {"k": "QmluYXJ5"}}, {"k": "QmluYXJ5"})


@pytest.mark.parametrize(
    "block, message, hint",
    [
        ({"StringEqualz": {"k": "v"}}, "unknown condition operator", "the operators are"),
        ({"stringEquals": {"k": "v"}}, "unknown condition operator", "case-sensitive: write StringEquals"),
        ({"ForSomeValues:StringEquals": {"k": "v"}}, "unknown set operator prefix", "ForAllValues"),
        ({"NullIfExists": {"k": "true"}}, "unknown condition operator", "Null does not take IfExists"),
        ({"ForAnyValue:NullIfExists": {"k": "true"}}, "unknown condition operator", "write ForAnyValue:Null"),
    ],
)
def test_policies_aws_would_refuse_are_refused_with_a_pointer(block, message, hint):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        compile_block(block, at=("Statement", 0, "Condition"))
    assert caught.value.pointer.startswith("/Statement/0/Condition/")
    if hint:
        assert hint in caught.value.hint


def test_a_bad_operator_points_at_the_operator():
    with pytest.raises(PolicyShapeError) as caught:
        compile_block({"NumericLessThen": {"s3:max-keys": "1"}})
    assert caught.value.pointer == "/Condition/NumericLessThen"


@pytest.mark.parametrize(
    "operator, negated, bad, good, request_value",
    [
        ("NumericLessThan", "NumericNotEquals", "ten", "10", "5"),
        ("DateLessThan", "DateNotEquals", "soon", "2026-01-01T00:00:00Z", "2025-06-01T00:00:00Z"),
        ("IpAddress", "NotIpAddress", "10.0.0.300/8", "10.0.0.0/8", "10.1.2.3"),
        ("Bool", None, "yes", "true", "true"),
        ("BinaryEquals", None, "not base64!", "QmluYXJ5", "QmluYXJ5"),
    ],
)
def test_a_value_not_of_the_operators_type_matches_nothing_and_only_itself(operator, negated, bad, good, request_value):
    """IAM accepts such a policy (Access Analyzer only reports "Type mismatch ..."); no request value equals
    the value or lies on either side of it, so it is false under a positive operator, the key's other values
    still match (they are ORed), and a negated operator holds against it."""
    context = {"k": request_value}
    (test,) = compile_block({operator: {"k": [bad, good]}})
    assert test.unreadable == (bad,)
    assert not holds({operator: {"k": bad}}, context)
    assert holds({operator: {"k": [bad, good]}}, context)
    if negated:
        assert holds({negated: {"k": bad}}, context)


def test_null_with_a_value_that_is_neither_true_nor_false_never_holds():
    assert not holds({"Null": {"k": "maybe"}}, {})
    assert not holds({"Null": {"k": "maybe"}}, {"k": "v"})
    assert holds({"Null": {"k": ["maybe", "true"]}}, {})


def test_the_explanation_names_a_value_not_of_the_operators_type():
    (test,) = compile_block({"NumericLessThan": {"s3:max-keys": ["ten", "${aws:username}"]}}, at=())
    record = test.describe({"s3:max-keys": ("5",)})
    assert record["unreadableValues"] == ["ten", "${aws:username}"] and record["expected"] == "a number"
    assert describe_failure(record).endswith(
        '("ten", "${aws:username}" are not a number: matches nothing; variables are substituted only under String '
        "and ARN operators)"
    )


def test_failure_descriptions_name_key_and_values():
    (test,) = compile_block({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, at=())
    record = test.describe({"iam:passedtoservice": ("ec2.amazonaws.com",)})
    assert not record["holds"]
    assert describe_failure(record) == (
        "StringEquals iam:PassedToService sagemaker.amazonaws.com: "
        "the request has iam:PassedToService = ec2.amazonaws.com"
    )
    assert describe_failure(test.describe({})).endswith("the request has no iam:PassedToService")


def test_unresolved_variables_are_reported():
    (test,) = compile_block({"StringLike": {"s3:prefix": "${aws:username}/*"}}, at=())
    record = test.describe({"s3:prefix": ("x/y",)})
    assert record["unresolvedVariables"] == ["aws:username"]
    assert "no value for ${aws:username}" in describe_failure(record)
