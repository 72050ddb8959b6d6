import pytest

from iamkb.simulate.conditions import compile_conditions, describe_failure, parse_date
from iamkb.core.shape import PolicyShapeError


def holds(block, context, variables=True) -> bool:
    values = {k.lower(): (tuple(v) if isinstance(v, list) else (v,)) for k, v in context.items()}
    return all(t.holds(values) for t in compile_conditions(block, variables, ("Condition",)))


def test_negated_operator_with_several_request_values_fails_if_any_matches():
    assert not holds({"StringNotEquals": {"k": "a"}}, {"k": ["b", "a"]})
    assert holds({"StringNotEquals": {"k": "a"}}, {"k": ["b", "c"]})


def test_variables_are_not_substituted_outside_string_and_arn_operators():
    with pytest.raises(PolicyShapeError, match="needs numbers"):
        compile_conditions({"NumericEquals": {"k": "${aws:username}"}}, True, ("Condition",))


def test_variables_are_literal_under_old_versions():
    assert holds({"StringEquals": {"k": "${aws:username}"}}, {"k": "${aws:username}"}, variables=False)
    assert not holds({"StringEquals": {"k": "${aws:username}"}}, {"k": "carlos", "aws:username": "carlos"},
                     variables=False)
    assert holds({"StringEquals": {"k": "${aws:username}"}}, {"k": "carlos", "aws:username": "carlos"})


def test_ignore_case_applies_to_both_sides():
    assert holds({"StringEqualsIgnoreCase": {"k": "ÄBC"}}, {"k": "äbc"})


def test_dates_accept_iso_and_epoch():
    assert parse_date("2026-01-01T00:00:00Z") == parse_date("1767225600") == parse_date("2026-01-01")
    assert parse_date("yesterday") is None


@pytest.mark.parametrize("block, message", [
    ({"StringEqualz": {"k": "v"}}, "unknown condition operator"),
    ({"ForSomeValues:StringEquals": {"k": "v"}}, "unknown set operator prefix"),
    ({"NullIfExists": {"k": "true"}}, "unknown condition operator"),
    ({"NumericLessThan": {"k": "ten"}}, "needs numbers"),
    ({"DateLessThan": {"k": "soon"}}, "ISO 8601"),
    ({"IpAddress": {"k": "10.0.0.300/8"}}, "IP address or CIDR"),
    ({"Bool": {"k": "yes"}}, "Bool takes"),
    ({"Null": {"k": "maybe"}}, "Null takes"),
    ({"BinaryEquals": {"k": "not base64!"}}, "base64"),
    ({"StringEquals": {"k": []}}, "empty array"),
    ({"StringEquals": {"k": {"nested": 1}}}, "got an object"),
    ({"StringEquals": "k"}, "must be an object of condition keys"),
    (["StringEquals"], "Condition must be an object"),
])
def test_policies_aws_would_refuse_are_refused_with_a_pointer(block, message):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        compile_conditions(block, True, ("Statement", 0, "Condition"))
    assert caught.value.pointer.startswith("/Statement/0/Condition")


def test_a_bad_value_points_at_the_value():
    with pytest.raises(PolicyShapeError) as caught:
        compile_conditions({"NumericLessThan": {"s3:max-keys": ["1", "x"]}}, True, ("Condition",))
    assert caught.value.pointer == "/Condition/NumericLessThan/s3:max-keys/1"


def test_failure_descriptions_name_key_and_values():
    (test,) = compile_conditions({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, True, ())
    record = test.describe({"iam:passedtoservice": ("ec2.amazonaws.com",)})
    assert not record["holds"]
    assert describe_failure(record) == ("StringEquals iam:PassedToService sagemaker.amazonaws.com: "
                                        "the request has iam:PassedToService = ec2.amazonaws.com")
    assert describe_failure(test.describe({})).endswith("the request has no iam:PassedToService")


def test_unresolved_variables_are_reported():
    (test,) = compile_conditions({"StringLike": {"s3:prefix": "${aws:username}/*"}}, True, ())
    record = test.describe({"s3:prefix": ("x/y",)})
    assert record["unresolvedVariables"] == ["aws:username"]
    assert "no value for ${aws:username}" in describe_failure(record)
