"""Condition values against their operators, operators against key types, ARN partitions."""

import pytest

from iamkb.check.rules.values import TYPE_CODES, key_type
from tests.check.rules.util import allow, codes, lint, policy, with_code


def conditioned(operator, key, value, action="s3:GetObject", resource="arn:aws:s3:::b/*"):
    return policy(allow(action, resource, Condition={operator: {key: value}}))


@pytest.mark.parametrize(
    ("operator", "key", "bad", "good", "code", "finding_type"),
    [
        ("NumericLessThan", "aws:MultiFactorAuthAge", "ten", "3600", "CONDITION_VALUE_NOT_NUMBER", "WARNING"),
        (
            "DateGreaterThan",
            "aws:CurrentTime",
            "31/12/2026",
            "2026-12-31T23:59:59Z",
            "CONDITION_VALUE_NOT_DATE",
            "WARNING",
        ),
        ("Bool", "aws:SecureTransport", "yes", "false", "CONDITION_VALUE_NOT_BOOLEAN", "WARNING"),
        ("Null", "aws:SourceIp", "maybe", True, "CONDITION_VALUE_NOT_BOOLEAN", "WARNING"),
        ("BinaryEquals", "aws:UserAgent", "not base64!", "QmluYXJ5", "CONDITION_VALUE_NOT_BASE64", "WARNING"),
        ("IpAddress", "aws:SourceIp", "10.0.0.300/24", "203.0.113.0/24", "CONDITION_VALUE_TYPE", "ERROR"),
        ("ArnLike", "aws:SourceArn", "my-bucket", "arn:aws:s3:::my-bucket", "CONDITION_VALUE_TYPE", "ERROR"),
    ],
)
def test_value_type(operator, key, bad, good, code, finding_type):
    """Access Analyzer's types: a bad IP range is an error, the other types general warnings."""
    (finding,) = with_code(lint(conditioned(operator, key, bad)), code)
    assert finding.pointer == f"/Statement/0/Condition/{operator}/{key}"
    assert finding.finding_type.value == finding_type
    assert finding.hint.startswith("Write ")
    assert not with_code(lint(conditioned(operator, key, good)), code)


def test_each_list_element_is_checked():
    found = with_code(
        lint(conditioned("NumericEquals", "aws:MultiFactorAuthAge", [1, "x", "2.5"])), "CONDITION_VALUE_NOT_NUMBER"
    )
    assert [f.pointer[-1] for f in found] == ["1"]


def test_a_policy_variable_is_not_a_bad_value_but_a_variable_problem():
    """Variables where AWS substitutes none are POLICY_VARIABLE_IN_NON_STRING_OPERATOR (condition_values)."""
    for operator, key in [
        ("StringEquals", "aws:PrincipalTag/team"),
        ("ArnLike", "aws:SourceArn"),
        ("Bool", "aws:SecureTransport"),
        ("NumericEquals", "aws:MultiFactorAuthAge"),
    ]:
        found = codes(lint(conditioned(operator, key, "${aws:PrincipalTag/x}")))
        assert not found & set(TYPE_CODES.values()), operator


def test_without_the_2012_version_a_variable_is_text_and_the_hint_says_so():
    document = conditioned("NumericEquals", "aws:MultiFactorAuthAge", "${aws:PrincipalTag/x}")
    document["Version"] = "2008-10-17"
    (finding,) = with_code(lint(document), "CONDITION_VALUE_NOT_NUMBER")
    assert "not substituted in Numeric operators" in finding.hint


def test_operator_key_type_mismatch():
    (finding,) = with_code(
        lint(conditioned("StringEquals", "aws:SourceIp", "203.0.113.1")), "CONDITION_OPERATOR_KEY_TYPE"
    )
    assert "IPAddress" in finding.message and "IpAddress" in finding.hint
    assert with_code(
        lint(conditioned("NumericEquals", "s3:prefix", "1", action="s3:ListBucket", resource="arn:aws:s3:::b")),
        "CONDITION_OPERATOR_KEY_TYPE",
    )


def test_accepted_operator_key_combinations():
    for operator, key, value in [
        ("IpAddress", "aws:SourceIp", "203.0.113.0/24"),
        ("StringEquals", "aws:ViaAWSService", "true"),  # AWS's own policies do this
        ("ArnLike", "aws:PrincipalTag/arn", "arn:aws:iam::*:role/x"),
        ("NumericLessThan", "aws:EpochTime", "1700000000"),
        ("ForAnyValue:StringEquals", "aws:TagKeys", ["a"]),
    ]:
        assert not with_code(lint(conditioned(operator, key, value)), "CONDITION_OPERATOR_KEY_TYPE"), operator


@pytest.mark.parametrize("operator", ["NullIfExists", "StringEqualz", "numericLessThan"])
def test_unknown_operators_are_left_to_the_schema(operator):
    found = lint(conditioned(operator, "aws:MultiFactorAuthAge", "ten"))
    assert not codes(found) & {*TYPE_CODES.values(), "CONDITION_OPERATOR_KEY_TYPE"}


def test_key_types():
    assert key_type("aws:TagKeys") == "String" and key_type("nosuch:key") is None


def test_invalid_partition():
    document = policy(allow("s3:GetObject", ["arn:aws:s3:::b/*", "arn:amazon:s3:::c/*"]))
    (finding,) = with_code(lint(document), "INVALID_PARTITION")
    assert finding.pointer == "/Statement/0/Resource/1" and "'amazon'" in finding.message
    fine = policy(allow("s3:GetObject", ["arn:aws-cn:s3:::b/*", "arn:*:s3:::c/*", "arn:${aws:partition}:s3:::d/*"]))
    assert not with_code(lint(fine), "INVALID_PARTITION")


def test_partition_of_principals_and_condition_arns():
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws-gov:iam::111122223333:root"},
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::b/*",
                "Condition": {"ArnLike": {"aws:SourceArn": "arn:awss:s3:::x"}},
            }
        ],
    }
    found = with_code(lint(document, "resource"), "INVALID_PARTITION")
    assert [f.pointer for f in found] == ["/Statement/0/Principal/AWS", "/Statement/0/Condition/ArnLike/aws:SourceArn"]


def test_for_all_values_on_a_single_valued_key_is_a_security_warning():
    findings = lint(conditioned("ForAllValues:StringEquals", "aws:SourceAccount", "111122223333"))
    (finding,) = with_code(findings, "FORALLVALUES_ON_SINGLE_VALUED_KEY")
    assert finding.finding_type.value == "SECURITY_WARNING"
    assert "missing" in finding.message and "'StringEquals'" in finding.hint
    assert not with_code(findings, "SET_OPERATOR_ON_SINGLE_VALUED_KEY"), "one finding, of the graver kind"
    assert not with_code(
        lint(conditioned("ForAllValues:StringEquals", "aws:TagKeys", ["a"])), "FORALLVALUES_ON_SINGLE_VALUED_KEY"
    )


def test_for_any_value_on_a_single_valued_key_is_a_suggestion():
    findings = lint(conditioned("ForAnyValue:StringEqualsIfExists", "aws:SourceAccount", "111122223333"))
    (finding,) = with_code(findings, "SET_OPERATOR_ON_SINGLE_VALUED_KEY")
    assert "'StringEqualsIfExists'" in finding.hint and not with_code(findings, "FORALLVALUES_ON_SINGLE_VALUED_KEY")
    assert not with_code(
        lint(conditioned("ForAnyValue:StringEquals", "aws:TagKeys", ["a"])), "SET_OPERATOR_ON_SINGLE_VALUED_KEY"
    )


@pytest.mark.parametrize(
    ("operator", "better"),
    [
        ("StringLike", "'ArnLike'"),
        ("StringNotLikeIfExists", "'ArnNotLikeIfExists'"),
        ("ForAnyValue:StringLike", "'ForAnyValue:ArnLike'"),
    ],
)
def test_string_like_on_an_arn_key(operator, better):
    (finding,) = with_code(
        lint(conditioned(operator, "aws:PrincipalArn", "arn:aws:iam::*:role/x")), "STRING_LIKE_ON_ARN_KEY"
    )
    assert better in finding.hint and finding.finding_type.value == "SECURITY_WARNING"


@pytest.mark.parametrize(
    ("operator", "key"),
    [("ArnLike", "aws:PrincipalArn"), ("StringEquals", "aws:PrincipalArn"), ("StringLike", "s3:prefix")],
)
def test_no_string_like_question(operator, key):
    assert not with_code(lint(conditioned(operator, key, "arn:aws:iam::*:role/x")), "STRING_LIKE_ON_ARN_KEY")


def test_multivalued_key_without_set_operator():
    (finding,) = with_code(
        lint(conditioned("StringEquals", "aws:TagKeys", "team")), "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR"
    )
    assert finding.pointer == "/Statement/0/Condition/StringEquals/aws:TagKeys"
    assert finding.finding_type.value == "ERROR"  # Access Analyzer's "Missing qualifier"
    assert not with_code(
        lint(conditioned("ForAnyValue:StringEquals", "aws:TagKeys", "team")), "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR"
    )
    assert not with_code(
        lint(conditioned("StringEquals", "aws:SourceAccount", "1")), "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR"
    )


def test_multivalued_key_as_aws_managed_policies_use_it_is_a_suggestion():
    """Three AWS managed policies compare events:detail-type with plain StringEquals (aws_deviations)."""
    (finding,) = lint(conditioned("StringEquals", "events:detail-type", "Scheduled Event", "events:PutRule", "*"))
    assert finding.code == "USED_BY_AWS_MANAGED_POLICIES"
    assert finding.extra["insteadOf"] == "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR"
